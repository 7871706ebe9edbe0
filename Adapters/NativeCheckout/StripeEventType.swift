/// The Stripe event types that change access; every other type is answered `ignored`.
enum StripeEventType: String, CaseIterable {
    case checkoutSessionCompleted = "checkout.session.completed"
    case checkoutSessionAsyncPaymentSucceeded = "checkout.session.async_payment_succeeded"
    case invoicePaid = "invoice.paid"
    case invoicePaymentFailed = "invoice.payment_failed"
    case chargeRefunded = "charge.refunded"
    case subscriptionUpdated = "customer.subscription.updated"
    case subscriptionDeleted = "customer.subscription.deleted"
    case subscriptionPaused = "customer.subscription.paused"
    case subscriptionResumed = "customer.subscription.resumed"
    case disputeCreated = "charge.dispute.created"
    case disputeClosed = "charge.dispute.closed"

    /// Why an event type that is not one of these is ignored.
    static func reasonToIgnore(_ type: String) -> String {
        "Stripe event \(type.prefix(64)) does not affect access"
    }
}
