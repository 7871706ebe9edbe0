/// Writes a ``StripeJSON`` the way Stripe's webhook bodies are written: pretty-printed
/// with two spaces, `"name": value`, UTF-8 text unescaped, no newline at the end.
public enum StripeJSONWriter {
    /// The body bytes of an event.
    public static func encode(_ value: StripeJSON) -> [UInt8] {
        var out = ""
        write(value, indent: 0, to: &out)
        return Array(out.utf8)
    }

    private static func write(_ value: StripeJSON, indent: Int, to out: inout String) {
        switch value {
        case .null: out += "null"
        case .bool(let flag): out += flag ? "true" : "false"
        case .integer(let number): out += String(number)
        case .string(let text): writeString(text, to: &out)
        case .array(let items):
            guard !items.isEmpty else { out += "[]"; return }
            out += "[\n"
            for (index, item) in items.enumerated() {
                out += String(repeating: "  ", count: indent + 1)
                write(item, indent: indent + 1, to: &out)
                out += index == items.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: "  ", count: indent) + "]"
        case .object(let fields):
            guard !fields.isEmpty else { out += "{}"; return }
            out += "{\n"
            for (index, field) in fields.enumerated() {
                out += String(repeating: "  ", count: indent + 1)
                writeString(field.name, to: &out)
                out += ": "
                write(field.value, indent: indent + 1, to: &out)
                out += index == fields.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: "  ", count: indent) + "}"
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
