import AccessKernel
import AdapterKit

/// What one authentic Stripe event means for an instance: one fact keyed by the event id,
/// `ignored`, or an error.
///
/// The webhook path reaches it after checking the signature; the API path (reconciliation)
/// reaches it with events listed by `GET /v1/events`. Both going through here is what makes
/// a recovered event's fact carry the key its webhook would have.
enum EventVerdict {
    static func verdict(for event: StripeEvent, instance: AdapterInstance) throws(AdapterError) -> Verdict {
        guard let type = StripeEventType(rawValue: event.type) else {
            return .ignored(reason: StripeEventType.reasonToIgnore(event.type))
        }
        let mode: Mode = event.livemode ? .live : .test
        if mode == .test, !instance.acceptsTestEvents {
            return .ignored(reason: "test-mode \(type.rawValue) ignored: instance \(instance.id) does not accept test events")
        }
        switch try decode(event, type) {
        case .ignored(let reason):
            return .ignored(reason: reason)
        case .event(let decoded, let customer):
            return .facts([Fact(key: NativeCheckoutFactKey.make(instance: instance.id, type: type.rawValue, eventID: event.id),
                                instance: instance.id, occurredAt: event.created, mode: mode,
                                customer: customer, event: decoded)])
        }
    }

    private static func decode(_ event: StripeEvent, _ type: StripeEventType) throws(AdapterError) -> DecodedEvent {
        switch type {
        case .checkoutSessionCompleted, .checkoutSessionAsyncPaymentSucceeded:
            try CheckoutSessionDecoder.decode(event)
        case .invoicePaid, .invoicePaymentFailed:
            try InvoiceDecoder.decode(event, type)
        case .chargeRefunded:
            try ChargeRefundDecoder.decode(event)
        case .subscriptionUpdated, .subscriptionDeleted, .subscriptionPaused, .subscriptionResumed:
            try SubscriptionDecoder.decode(event, type)
        case .disputeCreated, .disputeClosed:
            try DisputeDecoder.decode(event, type)
        }
    }
}
