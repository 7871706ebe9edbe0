/// A SendOwl payload as an ordered JSON tree, written the way SendOwl's Rails app writes
/// it: compact, members in order, `null` for absent values, non-ASCII text as raw UTF-8
/// and `/` unescaped (unlike PHP's `json_encode` in ``JSONEncoding``).
public indirect enum SendOwlJSON: Sendable, Hashable {
    case null
    case bool(Bool)
    /// A number, written exactly as given (`2811`, `20.0`).
    case number(String)
    case string(String)
    case array([SendOwlJSON])
    /// Named members in the order SendOwl writes them.
    case object([SendOwlMember])

    /// A number member from an integer.
    public static func integer(_ value: Int64) -> SendOwlJSON { .number(String(value)) }

    /// Text, or `null` when there is none.
    public static func text(_ value: String?) -> SendOwlJSON { value.map { .string($0) } ?? .null }

    /// The object's member `name`, for tests that tweak one field of a built payload;
    /// setting `nil` removes the member.
    public subscript(name: String) -> SendOwlJSON? {
        get {
            guard case .object(let members) = self else { return nil }
            return members.first { $0.name == name }?.value
        }
        set {
            guard case .object(var members) = self else { return }
            if let index = members.firstIndex(where: { $0.name == name }) {
                if let newValue { members[index].value = newValue } else { members.remove(at: index) }
            } else if let newValue {
                members.append(SendOwlMember(name, newValue))
            }
            self = .object(members)
        }
    }

    /// The body bytes.
    public var encoded: [UInt8] {
        var out = ""
        write(to: &out)
        return Array(out.utf8)
    }

    private func write(to out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let flag): out += flag ? "true" : "false"
        case .number(let text): out += text
        case .string(let text): Self.writeString(text, to: &out)
        case .array(let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                item.write(to: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (index, member) in members.enumerated() {
                if index > 0 { out += "," }
                Self.writeString(member.name, to: &out)
                out += ":"
                member.value.write(to: &out)
            }
            out += "}"
        }
    }

    private static func writeString(_ text: String, to out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}

/// One named member of a ``SendOwlJSON/object(_:)``.
public struct SendOwlMember: Sendable, Hashable {
    public var name: String
    public var value: SendOwlJSON

    public init(_ name: String, _ value: SendOwlJSON) {
        self.name = name
        self.value = value
    }
}

extension SendOwlJSON: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
}

extension SendOwlJSON: ExpressibleByBooleanLiteral {
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}
