/// Writes a ``PayloadValue`` the way PHP's `json_encode` does by default: compact, fields
/// in order, `/` escaped as `\/` and every non-ASCII character as `\uXXXX`.
public enum JSONEncoding {
    /// The body bytes of a payload.
    public static func encode(_ value: PayloadValue) -> [UInt8] {
        var out = ""
        write(value, to: &out)
        return Array(out.utf8)
    }

    private static func write(_ value: PayloadValue, to out: inout String) {
        switch value {
        case .text(let text): writeString(text, to: &out)
        case .number(let number): out += String(number)
        case .bool(let flag): out += flag ? "true" : "false"
        case .list(let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                write(item, to: &out)
            }
            out += "]"
        case .object(let fields):
            out += "{"
            for (index, field) in fields.enumerated() {
                if index > 0 { out += "," }
                writeString(field.name, to: &out)
                out += ":"
                write(field.value, to: &out)
            }
            out += "}"
        }
    }

    private static func writeString(_ text: String, to out: inout String) {
        out += "\""
        for unit in text.utf16 {
            switch unit {
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0x2F: out += "\\/"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case 0x20..<0x7F: out.unicodeScalars.append(Unicode.Scalar(UInt8(unit)))
            default:
                let hex = String(unit, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            }
        }
        out += "\""
    }
}
