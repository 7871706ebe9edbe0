import AccessKernel
import AdapterKit

/// Reads `order.refund`: ThriveCart sends one event per refunded item, with
/// `refund[type]`, `refund[product_id]` (or `refund[id]`) and `refund[amount]` in cents.
///
/// Whether the refund is full is left to the kernel (`isFull` is `nil`), which compares
/// everything refunded for the item with what was charged for it.
enum RefundDecoder {
    static func refund(orderID: String, in delivery: Delivery) throws(AdapterError) -> (Refund, keyParts: [(label: String, value: String)]) {
        guard let amount = try delivery.cents(["refund", "amount"]) else {
            throw AdapterError(.malformed, "refund[amount] is missing; order.refund must say how much was refunded")
        }
        var item: ItemKey?
        if let type = delivery.text("refund", "type") {
            guard let kind = ItemKind(rawValue: type), kind != .bundle else {
                throw AdapterError(.malformed,
                                   "refund[type] \"\(type.prefix(32))\" is not product, bump, upsell or downsell")
            }
            guard let id = delivery.text("refund", "product_id") ?? delivery.text("refund", "id") else {
                throw AdapterError(.malformed, "refund[product_id] is missing; a refunded item needs its id")
            }
            item = ItemKey(kind, id)
        }
        let refund = Refund(orderID: orderID, item: item, amount: amount, currency: try delivery.currency())
        var parts: [(label: String, value: String)] = [
            ("item", item.map { "\($0.kind.rawValue)-\($0.productID)" } ?? "order"),
            ("amount", String(amount)),
        ]
        if let invoice = delivery.text("invoice_id") { parts.append(("invoice", invoice)) }
        return (refund, parts)
    }
}
