import AccessKernel
import AdapterKit
import Foundation

/// Turns one authenticated delivery into its fact, keyed by ``ThriveCartFactKey``.
///
/// Webhooks and the API share it: the API rebuilds, from ThriveCart's transactions, the
/// delivery the webhook would have carried (``TransactionDelivery``) and reads it here, so
/// that a recovered order gets the very key and content its webhook gives.
enum DeliveryReader {
    /// The fact a delivery describes, `ignored` for events that do not affect access and
    /// for test-mode events an instance refuses, or a `malformed` error.
    static func verdict(of delivery: Delivery, instance: AdapterInstance, receivedAt: Date) throws(AdapterError) -> Verdict {
        let name = try delivery.required("event", because: "every ThriveCart delivery names its event")
        guard let event = ThriveCartEvent(rawValue: name) else {
            return .ignored(reason: ThriveCartEvent.reasonToIgnore(name))
        }
        let mode = delivery.mode
        if mode == .test, !instance.acceptsTestEvents {
            return .ignored(reason: "test-mode \(name) ignored: instance \(instance.id) does not accept test events")
        }
        let orderID = try delivery.required("order_id", because: "\(name) must name its order")
        let (decoded, parts) = try self.event(event, orderID: orderID, in: delivery)
        let fact = Fact(key: ThriveCartFactKey.make(instance: instance.id, event: event, orderID: orderID, parts: parts),
                        instance: instance.id, occurredAt: delivery.occurredAt(receivedAt: receivedAt),
                        mode: mode, customer: delivery.customer, event: decoded)
        return .facts([fact])
    }

    /// The kernel event one ThriveCart event describes, with the parts of its key.
    private static func event(_ event: ThriveCartEvent, orderID: String,
                              in delivery: Delivery) throws(AdapterError) -> (Event, [(label: String, value: String)]) {
        switch event {
        case .orderSuccess:
            _ = try delivery.required("customer", "email", because: "order.success must say who bought")
            return (.purchase(try PurchaseDecoder.purchase(orderID: orderID, in: delivery)), [])
        case .refund:
            let (refund, parts) = try RefundDecoder.refund(orderID: orderID, in: delivery)
            return (.refund(refund), parts)
        case .subscriptionPayment, .subscriptionCancelled, .subscriptionPaused, .subscriptionResumed, .rebillFailed:
            let (change, parts) = try SubscriptionDecoder.change(event, orderID: orderID, in: delivery)
            return (.subscription(change), parts)
        }
    }
}
