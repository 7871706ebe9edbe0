/// The ThriveCart events that change access; every other event is answered `ignored`.
enum ThriveCartEvent: String, CaseIterable {
    case orderSuccess = "order.success"
    case refund = "order.refund"
    case subscriptionPayment = "order.subscription_payment"
    case subscriptionCancelled = "order.subscription_cancelled"
    case subscriptionPaused = "order.subscription_paused"
    case subscriptionResumed = "order.subscription_resumed"
    case rebillFailed = "order.rebill_failed"

    /// Why an event name that is not one of these is ignored.
    static func reasonToIgnore(_ name: String) -> String {
        if name.hasPrefix("cart.") || name.hasPrefix("affiliate.") {
            return "ThriveCart event \(name) does not affect access"
        }
        return "unknown ThriveCart event \(name.prefix(64))"
    }
}
