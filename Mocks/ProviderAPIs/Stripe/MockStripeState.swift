import Foundation

/// What the mock Stripe account holds: its events (and which were delivered), checkout
/// sessions, charges, subscriptions and the refunds made.
struct MockStripeState: Sendable {
    struct StoredEvent: Sendable {
        var event: StripeJSON
        var delivered: Bool
        /// Order of arrival, to list events created in the same second newest first.
        var sequence: Int
    }

    var events: [StoredEvent] = []
    var sessions: [String: StripeCheckoutSession] = [:]
    var charges: [String: MockStripeCharge] = [:]
    var subscriptions: [String: MockStripeSubscription] = [:]
    var refunds: [MockStripeRefund] = []
    /// How many of the next requests are handled and then answered 500 anyway.
    var failuresAfterHandling = 0

    /// The events, newest first, as `GET /v1/events` lists them.
    var eventsNewestFirst: [StoredEvent] {
        events.sorted { ($0.event.created, $0.sequence) > ($1.event.created, $1.sequence) }
    }
}

extension StripeJSON {
    /// `created` of an event or object, in unix seconds (0 when absent).
    var created: Int64 {
        if case .integer(let seconds)? = self["created"] { return seconds }
        return 0
    }

    /// A string field, or `nil`.
    func text(_ name: String) -> String? {
        if case .string(let text)? = self[name] { return text }
        return nil
    }
}
