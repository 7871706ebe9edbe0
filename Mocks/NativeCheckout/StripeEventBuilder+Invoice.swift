import Foundation

extension StripeEventBuilder {
    /// `invoice.paid` or `invoice.payment_failed` for a subscription's period.
    ///
    /// `period_end` is written as Stripe writes it on renewals: the end of the period
    /// *before* the one the line items bill.
    public static func invoice(type: String, eventID: String, invoiceID: String, subscription: String,
                               price: StripePrice, buyer: StripeBuyer, billingReason: String = "subscription_cycle",
                               periodStart: Date, periodEnd: Date, paymentIntent: String?, charge: String?,
                               created: Date, livemode: Bool = true) -> StripeJSON {
        let paid = type == "invoice.paid"
        let amount = price.unitAmount
        let line: StripeJSON = .fields([
            "id": .string("il_\(invoiceID.dropFirst(3))"),
            "object": "line_item",
            "amount": .integer(amount),
            "currency": .string(price.currency),
            "description": .string("1 × \(price.productID) (per \(price.interval ?? "month"))"),
            "livemode": .bool(livemode),
            "metadata": .object([]),
            "period": .fields(["end": unix(periodEnd), "start": unix(periodStart)]),
            "price": StripeEventBuilder.price(price, created: created, livemode: livemode),
            "proration": false,
            "quantity": 1,
            "subscription": .string(subscription),
            "type": "subscription",
        ])
        let object: StripeJSON = .fields([
            "id": .string(invoiceID),
            "object": "invoice",
            "account_country": "IE",
            "amount_due": .integer(amount),
            "amount_paid": .integer(paid ? amount : 0),
            "amount_remaining": .integer(paid ? 0 : amount),
            "attempt_count": .integer(paid ? 1 : 2),
            "attempted": true,
            "billing_reason": .string(billingReason),
            "charge": .string(charge),
            "collection_method": "charge_automatically",
            "created": unix(created),
            "currency": .string(price.currency),
            "customer": .string(buyer.customerID),
            "customer_email": .string(buyer.email),
            "customer_name": .string(buyer.name),
            "hosted_invoice_url": .string("https://invoice.stripe.com/i/acct_1Coursegate/\(invoiceID)"),
            "lines": list([line], url: "/v1/invoices/\(invoiceID)/lines", totalCount: true),
            "livemode": .bool(livemode),
            "next_payment_attempt": paid ? nil : unix(created.addingTimeInterval(3 * 86_400)),
            "paid": .bool(paid),
            "payment_intent": .string(paymentIntent),
            "period_end": unix(periodStart),
            "period_start": unix(billingReason == "subscription_create"
                ? periodStart : periodStart.addingTimeInterval(-periodEnd.timeIntervalSince(periodStart))),
            "status": paid ? "paid" : "open",
            "subscription": .string(subscription),
            "total": .integer(amount),
        ])
        return event(id: eventID, type: type, created: created, livemode: livemode, object: object)
    }
}
