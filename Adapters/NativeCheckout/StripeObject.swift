import AdapterKit
import Foundation

/// One JSON object of an event, read by Stripe's field names; knows its own path
/// (`data.object`) so that every error names the exact field.
///
/// Absent fields and `null` read as `nil`; a field of the wrong type is `malformed`,
/// never silently taken as absent.
struct StripeObject {
    let members: [String: JSONValue]
    /// Where this object sits in the event (`data.object.customer_details`); empty at the top.
    let path: String

    /// The dotted name of a member, for messages.
    func name(_ member: String) -> String { path.isEmpty ? member : "\(path).\(member)" }

    private func present(_ member: String) -> JSONValue? {
        guard let value = members[member], value != .null else { return nil }
        return value
    }

    private func wrongType(_ member: String, _ value: JSONValue, expected: String) -> AdapterError {
        AdapterError(.malformed, "\(name(member)) is \(value.kindName), not \(expected)")
    }

    /// A non-empty string member; empty text reads as absent.
    func string(_ member: String) throws(AdapterError) -> String? {
        guard let value = present(member) else { return nil }
        guard case .string(let text) = value else { throw wrongType(member, value, expected: "a string") }
        return text.isEmpty ? nil : text
    }

    /// A string member that must be there.
    func requiredString(_ member: String, because reason: String) throws(AdapterError) -> String {
        guard let text = try string(member) else { throw missing(member, because: reason) }
        return text
    }

    /// An integer member (amounts in minor units, unix seconds).
    func integer(_ member: String) throws(AdapterError) -> Int64? {
        guard let value = present(member) else { return nil }
        guard case .integer(let number) = value else { throw wrongType(member, value, expected: "an integer") }
        return number
    }

    /// An integer member that must be there.
    func requiredInteger(_ member: String, because reason: String) throws(AdapterError) -> Int64 {
        guard let number = try integer(member) else { throw missing(member, because: reason) }
        return number
    }

    /// A boolean member.
    func bool(_ member: String) throws(AdapterError) -> Bool? {
        guard let value = present(member) else { return nil }
        guard case .bool(let flag) = value else { throw wrongType(member, value, expected: "a boolean") }
        return flag
    }

    /// A nested object.
    func object(_ member: String) throws(AdapterError) -> StripeObject? {
        guard let value = present(member) else { return nil }
        guard case .object(let nested) = value else { throw wrongType(member, value, expected: "an object") }
        return StripeObject(members: nested, path: name(member))
    }

    /// A related object when the event expanded it; `nil` when it is only an id.
    func expanded(_ member: String) -> StripeObject? {
        guard case .object(let nested)? = members[member] else { return nil }
        return StripeObject(members: nested, path: name(member))
    }

    /// The objects of a list member (`[…]`); anything but objects in it is malformed.
    func objects(_ member: String) throws(AdapterError) -> [StripeObject] {
        guard let value = present(member) else { return [] }
        guard case .array(let elements) = value else { throw wrongType(member, value, expected: "a list") }
        var objects: [StripeObject] = []
        for (index, element) in elements.enumerated() {
            guard case .object(let nested) = element else {
                throw AdapterError(.malformed, "\(name(member))[\(index)] is \(element.kindName), not an object")
            }
            objects.append(StripeObject(members: nested, path: "\(name(member))[\(index)]"))
        }
        return objects
    }

    /// The id a member refers to: Stripe writes a related object as its id (`"cus_…"`)
    /// or, when expanded, as the object itself (`{"id": "cus_…", …}`).
    func reference(_ member: String) throws(AdapterError) -> String? {
        guard let value = present(member) else { return nil }
        switch value {
        case .string(let id): return id.isEmpty ? nil : id
        case .object(let nested): return try StripeObject(members: nested, path: name(member)).string("id")
        default: throw wrongType(member, value, expected: "an id or an object")
        }
    }

    /// A reference that must be there.
    func requiredReference(_ member: String, because reason: String) throws(AdapterError) -> String {
        guard let id = try reference(member) else { throw missing(member, because: reason) }
        return id
    }

    /// Unix seconds as a date.
    func date(_ member: String) throws(AdapterError) -> Date? {
        try integer(member).map { Date(timeIntervalSince1970: TimeInterval($0)) }
    }

    /// This object with `member` set to `value` (the API path adds fetched line items).
    func setting(_ member: String, to value: JSONValue) -> StripeObject {
        var members = members
        members[member] = value
        return StripeObject(members: members, path: path)
    }

    /// Whether the member is there at all (`null` counts as there), as `previous_attributes`
    /// says which fields changed.
    func has(_ member: String) -> Bool { members[member] != nil }

    /// A `malformed` error naming a missing member.
    func missing(_ member: String, because reason: String) -> AdapterError {
        AdapterError(.malformed, "\(name(member)) is missing; \(reason)")
    }

    /// Checks that this is a Stripe object of the kind an event type carries (its
    /// `object` member: `checkout.session`, `invoice`…).
    func expect(kind: String) throws(AdapterError) {
        let actual = try requiredString("object", because: "the event's object says what it is")
        guard actual == kind else {
            throw AdapterError(.malformed, "\(name("object")) is \"\(actual.prefix(32))\", not \"\(kind)\"")
        }
    }

    /// A three-letter currency, upper-cased (`usd` → `USD`).
    func currency(because reason: String) throws(AdapterError) -> String {
        try requiredString("currency", because: reason).uppercased()
    }
}
