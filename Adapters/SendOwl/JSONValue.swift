import Foundation

/// A JSON value as SendOwl writes it, kept loose on purpose: SendOwl writes the same
/// field as a number in one payload and as text in another (`"price": 17`,
/// `"price": "£17.00"`), so fields are read by what they can mean, not by their type.
enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    /// An integer that fits in 64 bits.
    case integer(Int64)
    /// Any other number.
    case decimal(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// The member `name` of an object; `nil` for anything else or an absent member.
    subscript(name: String) -> JSONValue? {
        if case .object(let members) = self { members[name] } else { nil }
    }

    /// The value as trimmed text: strings, and numbers written in decimal. `nil` for
    /// null, empty text, booleans and collections.
    var text: String? {
        switch self {
        case .string(let value):
            let trimmed = value.trimmingASCIISpaces()
            return trimmed.isEmpty ? nil : trimmed
        case .integer(let value): return String(value)
        case .decimal(let value): return value.isFinite ? String(value) : nil
        case .null, .bool, .array, .object: return nil
        }
    }

    /// The value as a flag: `true`/`false`, or the text and numbers that stand for them.
    var flag: Bool? {
        switch self {
        case .bool(let value): return value
        case .integer(let value): return value != 0
        case .string(let value):
            switch value.trimmingASCIISpaces().lowercased() {
            case "true", "1", "yes": return true
            case "false", "0", "no", "": return false
            default: return nil
            }
        case .null: return false
        case .decimal, .array, .object: return nil
        }
    }

    /// The elements of an array; `nil` for anything else.
    var elements: [JSONValue]? {
        if case .array(let values) = self { values } else { nil }
    }

    /// Whether this is an object.
    var isObject: Bool {
        if case .object = self { true } else { false }
    }
}

extension JSONValue {
    /// The value `JSONSerialization` made of a JSON text. Booleans are told from the
    /// numbers 0 and 1 by their Objective-C type (`c`), which a JSON number never has.
    init(serialized value: Any) {
        switch value {
        case let members as [String: Any]:
            self = .object(members.mapValues(JSONValue.init(serialized:)))
        case let list as [Any]:
            self = .array(list.map(JSONValue.init(serialized:)))
        case let text as String:
            self = .string(text)
        case let number as NSNumber:
            switch String(cString: number.objCType) {
            case "c", "B": self = .bool(number.boolValue)
            case "d", "f": self = .decimal(number.doubleValue)
            case "Q" where number.uint64Value > UInt64(Int64.max): self = .decimal(number.doubleValue)
            default: self = .integer(number.int64Value)
            }
        default:
            self = .null
        }
    }
}

extension String {
    /// The text without the ASCII spaces, tabs and line breaks around it.
    func trimmingASCIISpaces() -> String {
        let isPadding: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        guard let first = firstIndex(where: { !isPadding($0) }), let last = lastIndex(where: { !isPadding($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
