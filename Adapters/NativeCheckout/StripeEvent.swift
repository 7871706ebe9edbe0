import AdapterKit
import Foundation

/// The envelope of a Stripe event: `{id, object: "event", type, created, livemode,
/// data: {object, previous_attributes?}, api_version}`.
struct StripeEvent {
    /// `evt_…`: unique per event, the same on every retry of it.
    let id: String
    let type: String
    /// When Stripe created the event: when it happened, not when it arrived.
    let created: Date
    let livemode: Bool
    /// `data.object`: the object as it is after the event (the API path adds the line
    /// items it fetched to a checkout session).
    var object: StripeObject
    /// `data.previous_attributes`: the changed fields' former values, on `*.updated` events.
    let previousAttributes: StripeObject?

    init(_ root: StripeObject) throws(AdapterError) {
        guard let kind = try root.string("object") else {
            throw root.missing("object", because: "a Stripe event says it is one (\"event\")")
        }
        guard kind == "event" else {
            throw AdapterError(.malformed, "object is \"\(kind.prefix(32))\", not \"event\"")
        }
        id = try root.requiredString("id", because: "the event id is the idempotency key")
        type = try root.requiredString("type", because: "every Stripe event names its type")
        guard let seconds = try root.integer("created") else {
            throw root.missing("created", because: "the event must say when it happened")
        }
        created = Date(timeIntervalSince1970: TimeInterval(seconds))
        guard let livemode = try root.bool("livemode") else {
            throw root.missing("livemode", because: "a test event must never pass for a live one")
        }
        self.livemode = livemode
        guard let data = try root.object("data") else {
            throw root.missing("data", because: "the event carries its object in data.object")
        }
        guard let object = try data.object("object") else {
            throw data.missing("object", because: "the event carries its object in data.object")
        }
        self.object = object
        previousAttributes = try data.object("previous_attributes")
    }
}
