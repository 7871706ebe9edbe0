import Foundation
import AccessKernel
import AdapterKit

/// Reads the subscription events: payments (renewals), failed rebills, pauses, resumes
/// and cancellations.
///
/// The subscription is `subscription_id`, else the item's entry in `subscription_ids`,
/// else `subscription[id]` (ThriveCart's item id, not unique per subscription); the product is `subscription[product_id]`, which lets
/// the kernel find the item when the purchase named no subscription.
enum SubscriptionDecoder {
    static func change(_ event: ThriveCartEvent, orderID: String,
                       in delivery: Delivery) throws(AdapterError) -> (SubscriptionChange, keyParts: [(label: String, value: String)]) {
        guard let subscriptionID = delivery.text("subscription_id") ?? listedSubscriptionID(in: delivery)
                ?? delivery.text("subscription", "id") else {
            throw AdapterError(.malformed, "subscription_id is missing; \(event.rawValue) must name its subscription")
        }
        let invoice = delivery.text("invoice_id")
        var parts: [(label: String, value: String)] = [("sub", subscriptionID)]
        let change: SubscriptionChange.Change
        switch event {
        case .subscriptionPayment:
            change = .renewed(periodEnd: date(delivery, ["subscription", "next_payment_date"], ["next_payment_date"]))
            parts.append(try payment(event, invoice: invoice, in: delivery))
        case .rebillFailed:
            change = .paymentFailed
            // A failed rebill may be sent again for the same invoice: the first one counts.
            parts.append(try payment(event, invoice: invoice, in: delivery))
        case .subscriptionCancelled:
            let periodEnd = date(delivery, ["subscription", "billing_period_end"], ["billing_period_end"])
            change = .cancelled(Cancellation(effective: .periodEnd, periodEnd: periodEnd, initiator: .provider))
            if let invoice { parts.append(("invoice", invoice)) }
        case .subscriptionPaused:
            change = .paused
            if let invoice { parts.append(("invoice", invoice)) }
        case .subscriptionResumed:
            change = .resumed
            if let invoice { parts.append(("invoice", invoice)) }
        case .orderSuccess, .refund:
            throw AdapterError(.malformed, "\(event.rawValue) is not a subscription event")
        }
        let subscription = SubscriptionChange(subscriptionID: subscriptionID, orderID: orderID,
                                              productID: delivery.text("subscription", "product_id"), change: change)
        return (subscription, parts)
    }

    /// The processor's subscription id from `subscription_ids`, keyed by the item
    /// (`product-17`), when a payload without `subscription_id` carries that map.
    private static func listedSubscriptionID(in delivery: Delivery) -> String? {
        guard let type = delivery.text("subscription", "type"), let id = delivery.text("subscription", "id") else { return nil }
        return delivery.text("subscription_ids", "\(type)-\(id)")
    }

    /// Which payment of the subscription: its invoice (`000000141-6`), else its index.
    private static func payment(_ event: ThriveCartEvent, invoice: String?,
                                in delivery: Delivery) throws(AdapterError) -> (label: String, value: String) {
        if let invoice { return ("invoice", invoice) }
        guard let index = delivery.text("recurring_payment_idx") ?? delivery.text("subscription", "recurring_payment_idx") else {
            throw AdapterError(.malformed, "invoice_id is missing; \(event.rawValue) must say which payment it is about")
        }
        return ("payment", index)
    }

    private static func date(_ delivery: Delivery, _ paths: [String]...) -> Date? {
        for path in paths {
            if let text = delivery.text(at: path), let date = ThriveCartDate.parse(text) { return date }
        }
        return nil
    }
}
