/// Writes a ``PayloadValue`` the way PHP's `http_build_query` does: bracket keys with the
/// brackets percent-encoded (`customer%5Bemail%5D`), spaces as `+`, lists indexed from 0.
public enum FormEncoding {
    /// The body bytes of an object payload.
    public static func encode(_ value: PayloadValue, literalBrackets: Bool = false) -> [UInt8] {
        var pairs: [String] = []
        if case .object(let fields) = value {
            for field in fields { append(field.value, key: field.name, to: &pairs, literalBrackets: literalBrackets) }
        }
        return Array(pairs.joined(separator: "&").utf8)
    }

    private static func append(_ value: PayloadValue, key: String, to pairs: inout [String], literalBrackets: Bool) {
        let open = literalBrackets ? "[" : "%5B"
        let close = literalBrackets ? "]" : "%5D"
        switch value {
        case .text(let text): pairs.append("\(key)=\(escape(text))")
        case .number(let number): pairs.append("\(key)=\(number)")
        case .bool(let flag): pairs.append("\(key)=\(flag ? 1 : 0)")
        case .list(let items):
            for (index, item) in items.enumerated() {
                append(item, key: "\(key)\(open)\(index)\(close)", to: &pairs, literalBrackets: literalBrackets)
            }
        case .object(let fields):
            for field in fields {
                append(field.value, key: "\(key)\(open)\(escape(field.name))\(close)", to: &pairs, literalBrackets: literalBrackets)
            }
        }
    }

    /// `urlencode`: letters, digits and `-_.` stay; a space is `+`; the rest is `%XX`.
    public static func escape(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."):
                out.append(byte)
            case UInt8(ascii: " "):
                out.append(UInt8(ascii: "+"))
            default:
                out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
