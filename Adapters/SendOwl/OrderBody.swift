import AdapterKit
import Foundation

/// Reads a SendOwl body, `{"order": {…}}`, into its order object.
///
/// JSON must be UTF-8 (RFC 8259): Foundation would also guess UTF-16 and UTF-32, so the
/// bytes are checked first, along with the nesting depth, before `JSONSerialization` sees them.
enum OrderBody {
    /// Deepest array/object nesting accepted; SendOwl's orders go five deep.
    static let maximumDepth = 32

    /// The `order` object of a body.
    static func order(in body: [UInt8]) throws(AdapterError) -> JSONValue {
        guard body.contains(where: { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }) else {
            throw AdapterError(.malformed, "body is empty")
        }
        try checkShape(body)
        let root: JSONValue
        do {
            root = JSONValue(serialized: try JSONSerialization.jsonObject(with: Data(body), options: []))
        } catch {
            throw AdapterError(.malformed, "body is not valid JSON")
        }
        guard root.isObject else { throw AdapterError(.malformed, "JSON body is not an object") }
        guard let order = root["order"], order.isObject else {
            throw AdapterError(.malformed, "order is missing; SendOwl sends {\"order\": {…}}")
        }
        return order
    }

    /// Refuses bodies that are not UTF-8, contain NUL, or nest too deep.
    private static func checkShape(_ body: [UInt8]) throws(AdapterError) {
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
}
