import Foundation

/// Reads a webhook's JSON body into Foundation objects, refusing what a provider never
/// sends before `JSONSerialization` sees it.
///
/// JSON must be UTF-8 (RFC 8259), but Foundation would also guess UTF-16 and UTF-32, and
/// it recurses as deep as a body asks; so bodies that are empty, not UTF-8, contain NUL,
/// or nest deeper than `maximumDepth` are `malformed` here. Every JSON adapter reads its
/// body through this one gate.
public enum JSONBody {
    /// The top-level object of `body`.
    public static func object(_ body: [UInt8], maximumDepth: Int) throws(AdapterError) -> [String: Any] {
        guard body.contains(where: { !isWhitespace($0) }) else { throw AdapterError(.malformed, "body is empty") }
        try checkShape(body, maximumDepth: maximumDepth)
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: Data(body), options: [])
        } catch {
            throw AdapterError(.malformed, "body is not valid JSON")
        }
        guard let members = parsed as? [String: Any] else { throw AdapterError(.malformed, "JSON body is not an object") }
        return members
    }

    private static func checkShape(_ body: [UInt8], maximumDepth: Int) throws(AdapterError) {
        guard String(validating: body, as: UTF8.self) != nil else {
            throw AdapterError(.malformed, "JSON body is not valid UTF-8")
        }
        var depth = 0
        var inString = false
        var escaped = false
        for byte in body {
            if byte == 0 { throw AdapterError(.malformed, "JSON body contains a NUL byte; not UTF-8 JSON") }
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                if depth > maximumDepth { throw AdapterError(.malformed, "JSON body nests deeper than \(maximumDepth) levels") }
            case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
            default: break
            }
        }
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }
}
