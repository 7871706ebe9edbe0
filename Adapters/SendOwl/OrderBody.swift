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
        let root = JSONValue(serialized: try JSONBody.object(body, maximumDepth: maximumDepth))
        guard let order = root["order"], order.isObject else {
            throw AdapterError(.malformed, "order is missing; SendOwl sends {\"order\": {…}}")
        }
        return order
    }
}
