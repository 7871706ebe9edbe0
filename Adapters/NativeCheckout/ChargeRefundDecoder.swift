import AccessKernel
import AdapterKit

/// Reads `charge.refunded` into a refund of the order the charge paid for: its `invoice`
/// when it names one (a subscription session lists its first invoice, not a payment
/// intent), else its `payment_intent` (which a payment-mode session lists).
///
/// `amount_refunded` is cumulative and `refunded` stays false on a partial refund, so
/// the refund of this event is `amount_refunded` minus its former value in
/// `previous_attributes` (when sent), and it is full once `amount_refunded` reaches
/// `amount`. A refund of a renewal names the renewal's invoice, which the `invoice.paid`
/// fact tied to the subscription.
///
/// The fact names the Stripe customer, not an email: the billing email may differ from
/// the buyer's, and the order id finds the buyer anyway.
enum ChargeRefundDecoder {
    static func decode(_ event: StripeEvent) throws(AdapterError) -> DecodedEvent {
        let charge = event.object
        try charge.expect(kind: "charge")
        let id = try charge.requiredString("id", because: "a charge has an id")
        let orderID: String
        if let invoice = try charge.reference("invoice") {
            orderID = invoice
        } else {
            orderID = try charge.requiredReference("payment_intent", because: "the refund is matched to its order by payment intent")
        }
        let amount = try charge.requiredInteger("amount", because: "a refund is full when it reaches the amount charged")
        let refunded = try charge.requiredInteger("amount_refunded", because: "charge.refunded must say how much was refunded")
        let before = try event.previousAttributes?.integer("amount_refunded") ?? 0
        let (delta, overflow) = refunded.subtractingReportingOverflow(before)
        guard !overflow else {
            throw AdapterError(.malformed, "\(charge.name("amount_refunded")) and data.previous_attributes.amount_refunded do not subtract")
        }
        guard delta > 0 else {
            return .ignored("charge \(id) refunds nothing new (amount_refunded \(refunded), before \(before))")
        }
        let refund = Refund(orderID: orderID, amount: delta,
                            currency: try charge.currency(because: "amounts need their currency"),
                            isFull: refunded >= amount)
        return .event(.refund(refund), CustomerRef(providerCustomerID: try charge.reference("customer")))
    }
}
