import AccessKernel
import Foundation

/// One entry of the mock account's transaction history, as `GET /transactions` lists it.
///
/// The JSON written by ``json`` is the shape assumed for ThriveCart's listing (see
/// ``MockThriveCartAPI``): ThriveCart does not document it, so it reuses the field names
/// of ThriveCart's webhooks.
public struct ThriveCartTransaction: Sendable, Hashable {
    public enum Kind: String, Sendable, CaseIterable {
        case charge, rebill, refund, cancel
    }

    public var kind: Kind
    public var order: ThriveCartOrder
    public var item: ThriveCartItem
    /// Cents charged or refunded (0 for a cancellation).
    public var amount: Int64
    /// `invoice_id`: the order's, or `INVOICE-N` for a rebill.
    public var invoiceID: String
    public var date: Date
    /// For a rebill: when the next payment is due.
    public var nextPaymentAt: Date?
    /// For a cancellation: the end of the paid period.
    public var billingPeriodEnd: Date?
    /// The order in which the account recorded it; later entries are listed first among equal dates.
    var sequence = 0

    public init(_ kind: Kind, order: ThriveCartOrder, item: ThriveCartItem, amount: Int64, invoiceID: String,
                date: Date, nextPaymentAt: Date? = nil, billingPeriodEnd: Date? = nil) {
        self.kind = kind
        self.order = order
        self.item = item
        self.amount = amount
        self.invoiceID = invoiceID
        self.date = date
        self.nextPaymentAt = nextPaymentAt
        self.billingPeriodEnd = billingPeriodEnd
    }

    /// The entry as the listing writes it: ids as text, amounts and times as numbers,
    /// absent values as `null`.
    var json: [String: Any] {
        var entry: [String: Any] = [
            "transaction_id": "txn_\(order.orderID)_\(sequence)",
            "transaction_type": kind.rawValue,
            "order_id": order.orderID,
            "invoice_id": invoiceID,
            "item_type": item.kind.rawValue,
            "item_id": item.id,
            "reference": item.id,
            "item_name": item.name,
            "amount": amount,
            "currency": order.currency,
            "payment_plan_id": item.paymentPlan.map { plan in Int(plan.id).map { $0 as Any } ?? plan.id } ?? NSNull(),
            "payment_plan_name": item.paymentPlan?.name ?? NSNull(),
            "subscription_id": item.subscriptionID ?? NSNull(),
            "frequency": item.frequency ?? NSNull(),
            "customer_id": order.customer.id,
            "customer": [
                "email": order.customer.email,
                "first_name": order.customer.firstName,
                "last_name": order.customer.lastName,
            ],
            "base_product": order.baseItem?.id ?? NSNull(),
            "mode": order.mode == .test ? "test" : "live",
            "date": ThriveCartTimeText.plain(date),
            "timestamp": Int64(date.timeIntervalSince1970.rounded(.down)),
        ]
        if let nextPaymentAt { entry["next_payment_date"] = Int64(nextPaymentAt.timeIntervalSince1970.rounded(.down)) }
        if let billingPeriodEnd { entry["billing_period_end"] = Int64(billingPeriodEnd.timeIntervalSince1970.rounded(.down)) }
        return entry
    }
}
