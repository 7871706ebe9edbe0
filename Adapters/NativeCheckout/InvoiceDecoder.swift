import AccessKernel
import AdapterKit
import Foundation

/// Reads `invoice.paid` (a subscription's period paid for) and `invoice.payment_failed`.
///
/// The subscription is `subscription`, or `parent.subscription_details.subscription` in
/// API versions from 2025-03-31 on. The paid period ends at the latest
/// `lines.data[].period.end` (an invoice's own `period_end` is the end of the period
/// *before* it on renewals), else `period_end`. The first invoice of a subscription
/// (`billing_reason` `subscription_create`) reads as `started`, every later one as
/// `renewed`; the kernel treats both alike. Invoices outside subscriptions are ignored.
/// The fact names the invoice, payment intent and charge it records, so a later refund
/// or dispute of this payment finds the subscription. Like every follow-up event, it
/// carries the Stripe customer id and no email.
enum InvoiceDecoder {
    static func decode(_ event: StripeEvent, _ type: StripeEventType) throws(AdapterError) -> DecodedEvent {
        let invoice = event.object
        try invoice.expect(kind: "invoice")
        let id = try invoice.requiredString("id", because: "an invoice has an id")
        guard let subscription = try subscriptionID(of: invoice) else {
            return .ignored("invoice \(id) is not for a subscription")
        }
        let change: SubscriptionChange.Change
        if type == .invoicePaymentFailed {
            change = .paymentFailed
        } else {
            let periodEnd = try periodEnd(of: invoice)
            change = try invoice.string("billing_reason") == "subscription_create"
                ? .started(periodEnd: periodEnd) : .renewed(periodEnd: periodEnd)
        }
        // Refunds and disputes of this payment name the invoice or its payment intent.
        let paymentIDs = [id] + [try invoice.reference("payment_intent"), try invoice.reference("charge")].compactMap { $0 }
        return .event(.subscription(SubscriptionChange(subscriptionID: subscription, paymentIDs: paymentIDs, change: change)),
                      CustomerRef(providerCustomerID: try invoice.reference("customer")))
    }

    private static func subscriptionID(of invoice: StripeObject) throws(AdapterError) -> String? {
        if let id = try invoice.reference("subscription") { return id }
        return try invoice.object("parent")?.object("subscription_details")?.reference("subscription")
    }

    private static func periodEnd(of invoice: StripeObject) throws(AdapterError) -> Date? {
        var latest: Date?
        for line in try invoice.object("lines")?.objects("data") ?? [] {
            guard let end = try line.object("period")?.date("end") else { continue }
            latest = max(latest ?? end, end)
        }
        if let latest { return latest }
        return try invoice.date("period_end")
    }
}
