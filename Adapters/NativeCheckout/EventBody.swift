import AdapterKit
import Foundation

/// Reads a Stripe event body into a ``StripeObject``: UTF-8 JSON with an object at the
/// top, not nested absurdly deep.
///
/// Foundation would also guess UTF-16 and UTF-32 and recurse as deep as a body asks, so
/// the bytes are checked before `JSONSerialization` sees them. (`JSONDecoder` into
/// ``JSONValue`` would need no bridging but tries each type in turn, throwing on every
/// miss: ten times slower on a 4 KB event.)
enum EventBody {
    /// Deepest array/object nesting accepted; an event with expanded line items and
    /// prices nests about eight levels.
    static let maximumDepth = 64

    static func parse(_ body: [UInt8]) throws(AdapterError) -> StripeObject {
        try checkShape(body)
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: Data(body), options: [])
        } catch {
            throw AdapterError(.malformed, "body is not valid JSON")
        }
        guard let members = parsed as? [String: Any] else {
            throw AdapterError(.malformed, "JSON body is not an object")
        }
        guard case .object(let object) = JSONValue(foundation: members) else {
            throw AdapterError(.malformed, "JSON body is not an object")
        }
        return StripeObject(members: object, path: "")
    }

    /// Refuses bodies that are empty, not UTF-8, contain NUL, do not start with `{`, or
    /// nest deeper than ``maximumDepth``.
    private static func checkShape(_ body: [UInt8]) throws(AdapterError) {
        guard let first = body.first(where: { !isWhitespace($0) }) else {
            throw AdapterError(.malformed, "body is empty")
        }
        guard first == UInt8(ascii: "{") else {
            throw AdapterError(.malformed, "body is not a JSON object in UTF-8")
        }
        guard String(validating: body, as: UTF8.self) != nil else {
            throw AdapterError(.malformed, "JSON body is not valid UTF-8")
        }
        var depth = 0
        var inString = false
        var escaped = false
        for byte in body {
            if byte == 0 { throw AdapterError(.malformed, "JSON body contains a NUL byte; not UTF-8 JSON") }
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
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
