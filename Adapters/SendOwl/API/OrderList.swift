import AdapterKit
import Foundation

/// Reads SendOwl's API answers into orders: one order is `{"order": {…}}`, as in a webhook
/// body, and a listing is a JSON array of those.
enum OrderList {
    /// The orders of a listing page.
    ///
    /// The page is read through the same gate as webhook bodies (``AdapterKit/JSONBody``),
    /// which wants an object at the top, so the array is read as the member of one.
    static func orders(in body: [UInt8]) throws(AdapterError) -> [SendOwlOrder] {
        let wrapped = Array(#"{"orders":"#.utf8) + body + Array("}".utf8)
        let root = JSONValue(serialized: try JSONBody.object(wrapped, maximumDepth: OrderBody.maximumDepth + 1))
        guard let entries = root["orders"]?.elements else {
            throw AdapterError(.malformed, "the order listing is not a JSON array")
        }
        var orders: [SendOwlOrder] = []
        for (index, entry) in entries.enumerated() {
            guard let order = entry["order"], order.isObject else {
                throw AdapterError(.malformed, "entry \(index) of the order listing is not {\"order\": {…}}")
            }
            orders.append(SendOwlOrder(fields: order))
        }
        return orders
    }

    /// The order of a lookup answer.
    static func order(in body: [UInt8]) throws(AdapterError) -> SendOwlOrder {
        SendOwlOrder(fields: try OrderBody.order(in: body))
    }
}
