import Foundation

/// A JSON value as Stripe writes it, kept apart from Foundation's `Any` so that `true`
/// and `1` stay different things on every platform.
enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// The value `JSONSerialization` produced, told apart by what Foundation made of it:
    /// JSON `true`/`false` are the boolean `NSNumber` (type `c`), integers fit in
    /// `Int64`, and everything else numeric is a `Double`.
    init(foundation value: Any) {
        // Collections first: casting a dictionary to NSNumber would bridge it.
        switch value {
        case let members as [String: Any]:
            var object: [String: JSONValue] = [:]
            object.reserveCapacity(members.count)
            for (name, member) in members { object[name] = JSONValue(foundation: member) }
            self = .object(object)
        case let elements as [Any]:
            self = .array(elements.map(JSONValue.init(foundation:)))
        case let text as String:
            self = .string(text)
        case let number as NSNumber:
            switch UInt8(bitPattern: number.objCType.pointee) {
            case UInt8(ascii: "c"), UInt8(ascii: "B"): self = .bool(number.boolValue)
            case UInt8(ascii: "d"), UInt8(ascii: "f"): self = .number(number.doubleValue)
            case UInt8(ascii: "Q"):
                self = number.uint64Value <= UInt64(Int64.max) ? .integer(number.int64Value) : .number(number.doubleValue)
            default: self = .integer(number.int64Value)
            }
        default:
            self = .null
        }
    }

    /// What kind of value this is, for error messages (`a string`, `null`).
    var kindName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .integer: "an integer"
        case .number: "a number"
        case .string: "a string"
        case .array: "a list"
        case .object: "an object"
        }
    }
}
