import AccessKernel
import Foundation

/// Payloads with ThriveCart's real field names for every account-webhook event, ready
/// to be written as form (``BodyEncoding/form``) or JSON (``BodyEncoding/json``).
///
/// Values are text throughout, as ThriveCart sends them (`"mode_int": "1"`), absent
/// values are the word `null`, and the field order follows recorded deliveries.
public enum ThriveCartPayload {
    /// `order.success`: the order with its charges, purchase map and subscriptions.
    public static func orderSuccess(_ order: ThriveCartOrder) -> PayloadValue {
        var payload = header("order.success", order)
        append(&payload, [
            PayloadField("order_id", .text(order.orderID)),
            PayloadField("invoice_id", .text(order.invoiceID)),
        ])
        let subscriptions = order.items.filter { $0.subscriptionID != nil }
        if !subscriptions.isEmpty {
            append(&payload, [PayloadField("subscription_ids", .object(subscriptions.map {
                PayloadField($0.mapEntry, .text($0.subscriptionID ?? ""))
            }))])
        }
        append(&payload, [
            PayloadField("order_date", .text(ThriveCartTimeText.plain(order.orderedAt))),
            PayloadField("order_timestamp", .text(ThriveCartTimeText.unix(order.orderedAt))),
            PayloadField("currency", .text(order.currency)),
            PayloadField("customer_id", .text(order.customer.id)),
            PayloadField("customer_identifier", "null"),
            PayloadField("customer", customer(order.customer)),
            PayloadField("affiliate", "null"),
            PayloadField("order", orderDetails(order, charges: true)),
            PayloadField("transactions", .object(order.items.enumerated().map { index, item in
                PayloadField(item.mapEntry, .text("ch_3P\(order.orderID)\(index)"))
            })),
            PayloadField("subscriptions", .object(order.items.map {
                PayloadField($0.mapEntry, .text($0.subscriptionID.map { "sub_\($0)" } ?? "false"))
            })),
            PayloadField("purchases", .list(order.items.map { .text($0.name) })),
            PayloadField("purchase_map", .list(order.items.map { .text($0.mapEntry) })),
            PayloadField("purchase_map_flat", .text(order.items.map(\.mapEntry).joined(separator: ","))),
            PayloadField("fulfillment", .object([
                PayloadField("url", .text("https://\(order.account).thrivecart.com/\(slug(order.baseItem?.name ?? "order"))/confirm/")),
            ])),
        ])
        return payload
    }

    /// `order.refund` of one item; `amount` defaults to everything charged for it.
    public static func refund(_ order: ThriveCartOrder, item: ThriveCartItem, amount: Int64? = nil,
                              at date: Date) -> PayloadValue {
        let refunded = amount ?? item.amount
        var payload = header("order.refund", order, basePaymentPlan: true)
        append(&payload, [
            PayloadField("order_id", .text(order.orderID)),
            PayloadField("invoice_id", .text(order.invoiceID)),
            PayloadField("order_date", .text(ThriveCartTimeText.plain(order.orderedAt))),
            PayloadField("order_timestamp", .text(ThriveCartTimeText.unix(order.orderedAt))),
            PayloadField("currency", .text(order.currency)),
            PayloadField("customer_id", .text(order.customer.id)),
            PayloadField("customer", customer(order.customer)),
            PayloadField("affiliate", "null"),
        ] + eventDate(date) + [
            PayloadField("order", orderDetails(order, charges: true)),
            PayloadField("refund", .object([
                PayloadField("type", .text(item.kind.rawValue)),
                PayloadField("id", .text(item.id)),
                PayloadField("product_id", .text(item.id)),
                PayloadField("name", .text(item.name)),
                PayloadField("amount", .text(String(refunded))),
                PayloadField("amount_str", .text(money(refunded))),
                PayloadField("date", .text(ThriveCartTimeText.plain(date))),
                PayloadField("date_unix", .text(ThriveCartTimeText.unix(date))),
            ])),
            PayloadField("purchase_map", .list(order.items.map { .text($0.mapEntry) })),
            PayloadField("purchase_map_flat", .text(order.items.map(\.mapEntry).joined(separator: ","))),
        ])
        return payload
    }

    /// `order.subscription_payment`: payment number `paymentIndex` (the first is the
    /// order itself, so renewals start at 2), invoice `INVOICE-N`.
    ///
    /// Like the recorded deliveries, it carries no top-level `subscription_id`.
    public static func subscriptionPayment(_ order: ThriveCartOrder, item: ThriveCartItem, paymentIndex: Int,
                                           at date: Date, nextPaymentAt: Date) -> PayloadValue {
        subscriptionEvent("order.subscription_payment", order, item: item, at: date, paymentIndex: paymentIndex,
                          withSubscriptionID: false,
                          extra: [
                              PayloadField("next_payment_date", .text(ThriveCartTimeText.unix(nextPaymentAt))),
                              PayloadField("next_payment_date_iso8601", .text(ThriveCartTimeText.iso8601(nextPaymentAt))),
                          ])
    }

    /// `order.rebill_failed` for payment number `paymentIndex`.
    public static func rebillFailed(_ order: ThriveCartOrder, item: ThriveCartItem, paymentIndex: Int,
                                    at date: Date) -> PayloadValue {
        subscriptionEvent("order.rebill_failed", order, item: item, at: date, paymentIndex: paymentIndex)
    }

    /// `order.subscription_cancelled`, with the end of the paid period.
    public static func subscriptionCancelled(_ order: ThriveCartOrder, item: ThriveCartItem, at date: Date,
                                             billingPeriodEnd: Date) -> PayloadValue {
        subscriptionEvent("order.subscription_cancelled", order, item: item, at: date, extra: [
            PayloadField("billing_period_end", .text(ThriveCartTimeText.unix(billingPeriodEnd))),
        ])
    }

    /// `order.subscription_paused`.
    public static func subscriptionPaused(_ order: ThriveCartOrder, item: ThriveCartItem, at date: Date) -> PayloadValue {
        subscriptionEvent("order.subscription_paused", order, item: item, at: date)
    }

    /// `order.subscription_resumed`.
    public static func subscriptionResumed(_ order: ThriveCartOrder, item: ThriveCartItem, at date: Date) -> PayloadValue {
        subscriptionEvent("order.subscription_resumed", order, item: item, at: date)
    }

    /// `cart.abandoned`: a checkout left with an email typed in; no order exists.
    public static func cartAbandoned(_ order: ThriveCartOrder, at date: Date) -> PayloadValue {
        var payload = header("cart.abandoned", order)
        append(&payload, [
            PayloadField("currency", .text(order.currency)),
            PayloadField("customer", customer(order.customer)),
        ] + eventDate(date) + [
            PayloadField("checkout_url", .text("https://\(order.account).thrivecart.com/\(slug(order.baseItem?.name ?? "order"))/")),
        ])
        return payload
    }

    /// `affiliate.commission_earned`, `affiliate.commission_payout` or
    /// `affiliate.commission_refund` for an order.
    public static func affiliateCommission(_ event: String, _ order: ThriveCartOrder, affiliateID: String,
                                           commission: Int64, at date: Date) -> PayloadValue {
        var payload = header(event, order)
        append(&payload, [
            PayloadField("order_id", .text(order.orderID)),
            PayloadField("invoice_id", .text(order.invoiceID)),
            PayloadField("currency", .text(order.currency)),
        ] + eventDate(date) + [
            PayloadField("affiliate", .object([
                PayloadField("id", .text(affiliateID)),
                PayloadField("email", .text("partner+\(affiliateID)@example.net")),
                PayloadField("commission", .text(String(commission))),
                PayloadField("commission_str", .text(money(commission))),
            ])),
            PayloadField("customer", customer(order.customer)),
        ])
        return payload
    }

    /// An order-shaped delivery with an event name ThriveCart does not (yet) send.
    public static func unknownEvent(_ name: String, _ order: ThriveCartOrder) -> PayloadValue {
        var payload = orderSuccess(order)
        payload["event"] = .text(name)
        return payload
    }

    // MARK: - Shared parts

    private static func header(_ event: String, _ order: ThriveCartOrder, basePaymentPlan: Bool = false) -> PayloadValue {
        let base = order.baseItem
        return .fields([
            "event": .text(event),
            "mode": .text(order.mode == .test ? "test" : "live"),
            "mode_int": .text(order.mode == .test ? "1" : "2"),
            "thrivecart_account": .text(order.account),
            "thrivecart_secret": .text(order.secretWord),
            "base_product": base.map { .text($0.id) },
            "base_product_name": base.map { .text($0.name) },
            "base_payment_plan": basePaymentPlan ? base?.paymentPlan.map { .text($0.id) } : nil,
            "base_product_owner": "56894",
        ])
    }

    private static func subscriptionEvent(_ event: String, _ order: ThriveCartOrder, item: ThriveCartItem, at date: Date,
                                          paymentIndex: Int? = nil, withSubscriptionID: Bool = true,
                                          extra: [PayloadField] = []) -> PayloadValue {
        var payload = header(event, order, basePaymentPlan: true)
        let invoice = paymentIndex.map { "\(order.invoiceID)-\($0)" } ?? order.invoiceID
        append(&payload, [PayloadField("currency", .text(order.currency))])
        if let paymentIndex { append(&payload, [PayloadField("recurring_payment_idx", .text(String(paymentIndex)))]) }
        append(&payload, [
            PayloadField("customer_id", .text(order.customer.id)),
            PayloadField("customer", customer(order.customer)),
            PayloadField("affiliate", "null"),
        ] + eventDate(date) + [
            PayloadField("order", orderDetails(order, charges: false)),
            PayloadField("order_id", .text(order.orderID)),
            PayloadField("invoice_id", .text(invoice)),
        ])
        if withSubscriptionID, let id = item.subscriptionID {
            append(&payload, [PayloadField("subscription_id", .text(id))])
        }
        var subscription: [PayloadField] = [
            PayloadField("type", .text(item.kind.rawValue)),
            PayloadField("id", .text(item.id)),
            PayloadField("product_id", .text(item.id)),
            PayloadField("name", .text(item.name)),
            PayloadField("processor", .text(order.processor)),
            PayloadField("currency", .text(order.currency)),
            PayloadField("invoice_id", .text(order.invoiceID)),
            PayloadField("amount", .text(String(item.amount))),
            PayloadField("amount_str", .text(money(item.amount))),
            PayloadField("frequency", .text(item.frequency ?? "month")),
            PayloadField("remaining_rebills", "null"),
            PayloadField("invoice_str", .text(invoice)),
        ]
        if let paymentIndex { subscription.append(PayloadField("recurring_payment_idx", .text(String(paymentIndex)))) }
        append(&payload, [PayloadField("subscription", .object(subscription + extra))])
        return payload
    }

    private static func customer(_ customer: ThriveCartCustomer) -> PayloadValue {
        .fields([
            "id": .text(customer.id),
            "email": .text(customer.email),
            "address": .object([PayloadField("country", .text(customer.country))]),
            "ip_address": "203.0.113.24",
            "name": .text("\(customer.firstName) \(customer.lastName)"),
            "checkbox_confirmation": "false",
            "first_name": .text(customer.firstName),
            "last_name": .text(customer.lastName),
        ])
    }

    private static func orderDetails(_ order: ThriveCartOrder, charges: Bool) -> PayloadValue {
        let total = order.items.reduce(Int64(0)) { $0 + $1.amount }
        var fields: [PayloadField] = [
            PayloadField("id", .text(order.orderID)),
            PayloadField("invoice_id", .text(order.invoiceID)),
            PayloadField("tax", "null"),
            PayloadField("tax_type", "null"),
            PayloadField("processor", .text(order.processor)),
            PayloadField("total", .text(String(total))),
            PayloadField("total_str", .text(money(total))),
        ]
        if charges { fields.append(PayloadField("charges", .list(order.items.flatMap(chargeLines)))) }
        fields += [
            PayloadField("date", .text(ThriveCartTimeText.plain(order.orderedAt))),
            PayloadField("date_iso8601", .text(ThriveCartTimeText.iso8601(order.orderedAt))),
            PayloadField("date_unix", .text(ThriveCartTimeText.unix(order.orderedAt))),
        ]
        return .object(fields)
    }

    /// One charge per item, plus a `recurring` line describing the schedule of a
    /// recurring item, as ThriveCart writes them.
    private static func chargeLines(_ item: ThriveCartItem) -> [PayloadValue] {
        func line(_ type: String) -> PayloadValue {
            .fields([
                "name": .text(item.name),
                "reference": .text(item.id),
                "item_type": .text(item.kind.rawValue),
                "amount": .text(String(item.amount)),
                "amount_str": .text(money(item.amount)),
                "type": .text(type),
                "quantity": "1",
                "frequency": type == "recurring" ? item.frequency.map { .text($0) } : nil,
                "payment_plan_id": item.paymentPlan.map { .text($0.id) },
                "payment_plan_name": item.paymentPlan.map { .text($0.name) },
            ])
        }
        return item.frequency == nil ? [line("single")] : [line("single"), line("recurring")]
    }

    private static func eventDate(_ date: Date) -> [PayloadField] {
        [
            PayloadField("date", .text(ThriveCartTimeText.plain(date))),
            PayloadField("date_iso8601", .text(ThriveCartTimeText.iso8601(date))),
            PayloadField("date_unix", .text(ThriveCartTimeText.unix(date))),
        ]
    }

    private static func append(_ payload: inout PayloadValue, _ fields: [PayloadField]) {
        guard case .object(let existing) = payload else { return }
        payload = .object(existing + fields)
    }

    private static func money(_ cents: Int64) -> String {
        let sign = cents < 0 ? "-" : ""
        let value = cents.magnitude
        let fraction = value % 100
        return "\(sign)\(value / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    private static func slug(_ name: String) -> String {
        name.lowercased().map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined()
    }
}
