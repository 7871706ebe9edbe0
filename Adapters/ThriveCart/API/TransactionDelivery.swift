import AccessKernel
import Foundation

/// The webhook delivery that ThriveCart's transactions stand for, rebuilt field by field
/// with the webhooks' names so that ``DeliveryReader`` gives the webhook's fact and key.
///
/// - The charges of one order are its `order.success`: one `purchase_map` entry and one
///   `order[charges]` line per charge, with the pricing option (`payment_plan_id`) and the
///   processor subscription (`subscription_ids`). ThriveCart sends `order.success` once,
///   after the customer has left the funnel (upsells and downsells included), keyed by
///   the order id alone; the API therefore reports an order only when all of its charges
///   are in (see ``ThriveCartAPI/funnelWindow``).
/// - A refund is an `order.refund` of its item and amount, with the order's invoice.
/// - A rebill is an `order.subscription_payment`. Like ThriveCart's rebill webhooks, it
///   names the subscription by item (`subscription[id]`) and no `subscription_id`, so its key
///   carries the item id, as the webhook's does.
/// - A cancellation is an `order.subscription_cancelled` with `subscription_id` and the end
///   of the paid period.
enum TransactionDelivery {
    /// The `order.success` of one order's charges.
    static func purchase(orderID: String, charges: [Transaction], listing: Mode) -> Delivery {
        let ordered = charges.enumerated().sorted { left, right in
            (left.element.occurredAt, rank(left.element.item.kind), left.offset)
                < (right.element.occurredAt, rank(right.element.item.kind), right.offset)
        }.map(\.element)
        var table = FormTable()
        let first = ordered.first
        table.put("order.success", "event")
        common(from: first, orderID: orderID, listing: listing, into: &table)
        table.put(first.map { ThriveCartDate.unix($0.occurredAt) }, "order_timestamp")
        for (index, charge) in ordered.enumerated() {
            let line = String(index)
            table.put(charge.item.id, "order", "charges", line, "reference")
            table.put(charge.item.kind.rawValue, "order", "charges", line, "item_type")
            table.put(charge.text("amount"), "order", "charges", line, "amount")
            table.put("single", "order", "charges", line, "type")
            table.put(charge.text("payment_plan_id"), "order", "charges", line, "payment_plan_id")
            table.put(charge.item.text, "purchase_map", line)
            table.put(charge.text("subscription_id"), "subscription_ids", charge.item.text)
        }
        return Delivery(fields: table)
    }

    /// The `order.refund` of one refund.
    static func refund(_ refund: Transaction, listing: Mode) -> Delivery {
        var table = FormTable()
        table.put("order.refund", "event")
        common(from: refund, orderID: refund.orderID, listing: listing, into: &table)
        table.put(ThriveCartDate.unix(refund.occurredAt), "date_unix")
        table.put(refund.item.kind.rawValue, "refund", "type")
        table.put(refund.item.id, "refund", "product_id")
        table.put(refund.text("amount"), "refund", "amount")
        return Delivery(fields: table)
    }

    /// The `order.subscription_payment` of one rebill.
    static func rebill(_ rebill: Transaction, listing: Mode) -> Delivery {
        var table = subscriptionEvent("order.subscription_payment", rebill, listing: listing)
        table.put(rebill.text("next_payment_date"), "subscription", "next_payment_date")
        return Delivery(fields: table)
    }

    /// The `order.subscription_cancelled` of one cancellation.
    static func cancel(_ cancel: Transaction, listing: Mode) -> Delivery {
        var table = subscriptionEvent("order.subscription_cancelled", cancel, listing: listing)
        table.put(cancel.text("subscription_id"), "subscription_id")
        table.put(cancel.text("billing_period_end"), "subscription", "billing_period_end")
        return Delivery(fields: table)
    }

    private static func subscriptionEvent(_ event: String, _ transaction: Transaction, listing: Mode) -> FormTable {
        var table = FormTable()
        table.put(event, "event")
        common(from: transaction, orderID: transaction.orderID, listing: listing, into: &table)
        table.put(ThriveCartDate.unix(transaction.occurredAt), "date_unix")
        table.put(transaction.item.kind.rawValue, "subscription", "type")
        table.put(transaction.item.id, "subscription", "id")
        table.put(transaction.item.id, "subscription", "product_id")
        return table
    }

    /// What every delivery carries: mode, order, invoice, currency and customer.
    ///
    /// The mode is the transaction's `mode` (live when absent), except that a test-mode
    /// listing (`X-TC-Mode: test`) gives test-mode facts whatever its entries say, so that it
    /// can never open a live course.
    private static func common(from transaction: Transaction?, orderID: String, listing: Mode,
                               into table: inout FormTable) {
        table.put(orderID, "order_id")
        guard let transaction else { return }
        table.put(listing == .test ? "test" : transaction.text("mode") ?? "live", "mode")
        table.put(transaction.text("invoice_id"), "invoice_id")
        table.put(transaction.text("currency"), "currency")
        table.put(transaction.text("customer_id"), "customer_id")
        for field in ["email", "first_name", "last_name"] {
            table.put(transaction.text("customer", field), "customer", field)
        }
    }

    /// The order of `purchase_map` entries bought at one moment: product, bump, upsell, downsell.
    private static func rank(_ kind: ItemKind) -> Int {
        switch kind {
        case .product, .bundle: 0
        case .bump: 1
        case .upsell: 2
        case .downsell: 3
        }
    }
}

extension FormTable {
    /// Stores `text` at a path of names; nothing when `text` is `nil`.
    fileprivate mutating func put(_ text: String?, _ path: String...) {
        guard let text else { return }
        insert(text, at: path.map { Optional($0) }[...])
    }
}

extension ThriveCartDate {
    /// Unix seconds, as ThriveCart writes `date_unix` and `order_timestamp`.
    static func unix(_ date: Date) -> String { String(Int64(date.timeIntervalSince1970.rounded(.down))) }
}
