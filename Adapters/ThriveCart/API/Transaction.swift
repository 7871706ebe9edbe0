import AccessKernel
import AdapterKit
import Foundation

/// One entry of ThriveCart's `GET /transactions` listing: a charge, rebill, refund or
/// cancellation of one item of one order.
///
/// ThriveCart does not document the entry's fields; the shape read here (assumed, and
/// written out at the top of `Mocks/ProviderAPIs/ThriveCart/MockThriveCartAPI.swift`) uses
/// the names its webhooks use: `order_id`, `invoice_id`, `transaction_type`, `item_type`,
/// `item_id` (or `reference`), `amount` in cents, `payment_plan_id`, `subscription_id`,
/// `currency`, `customer_id`, `customer{email, first_name, last_name}`, `timestamp` (or
/// `date`), `mode`, and for cancellations and rebills `billing_period_end` and
/// `next_payment_date`.
struct Transaction {
    enum Kind: String {
        case charge, rebill, refund, cancel
    }

    var kind: Kind
    var orderID: String
    /// The item it is about (`product-12`, `upsell-2`).
    var item: PurchaseMapEntry
    var occurredAt: Date
    /// Every field as listed, read like a webhook's (numbers as text, `null` absent).
    var fields: FormTable

    /// The entry a listed table describes; `nil` for transaction types that do not
    /// affect access. A charge, rebill, refund or cancellation without its order, item or
    /// time is a `malformed` error naming the field.
    init?(_ fields: FormTable) throws(AdapterError) {
        let type = fields.text(at: ["transaction_type"]) ?? ""
        guard let kind = Kind(rawValue: type.lowercased()) else { return nil }
        guard let orderID = fields.text(at: ["order_id"]) else {
            throw AdapterError(.malformed, "a \(type) transaction has no order_id")
        }
        guard let itemType = fields.text(at: ["item_type"]),
              let itemID = fields.text(at: ["item_id"]) ?? fields.text(at: ["reference"]) else {
            throw AdapterError(.malformed, "the \(type) transaction of order \(orderID) has no item_type and item_id")
        }
        guard let occurredAt = (fields.text(at: ["timestamp"]) ?? fields.text(at: ["date"])).flatMap(ThriveCartDate.parse) else {
            throw AdapterError(.malformed, "the \(type) transaction of order \(orderID) has no timestamp")
        }
        self.kind = kind
        self.orderID = orderID
        self.item = try PurchaseMapEntry("\(itemType)-\(itemID)")
        self.occurredAt = occurredAt
        self.fields = fields
    }

    /// The trimmed text of a field, or `nil` when it is absent, empty or `null`.
    func text(_ path: String...) -> String? { fields.text(at: path) }
}
