/// The states of a SendOwl order that its webhooks report, by the order's `state` field
/// or, when the body has none, by the `X-SENDOWL-EVENT` header that triggered it.
enum OrderState: String, CaseIterable {
    case complete
    case free
    case imported
    /// Not a state SendOwl is known to write (a refund keeps `complete` and sets
    /// `refunded`), but what a `refund_issued` trigger means when the body has no state.
    case refunded
    case chargeback
    case inDispute = "in_dispute"
    case failed
    case fraudReview = "fraud_review"
    case subscriptionSetup = "subscription_setup"
    case subscriptionActive = "subscription_active"
    case subscriptionComplete = "subscription_complete"
    case subscriptionCancelling = "subscription_cancelling"
    case subscriptionCancelled = "subscription_cancelled"

    /// The state a `state` value names, accepting the spellings seen for one state.
    init?(state text: String) {
        let name = text.lowercased().replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "-", with: "_")
        switch name {
        case "charged_back", "chargedback": self = .chargeback
        case "dispute", "disputed": self = .inDispute
        default: self.init(rawValue: name)
        }
    }

    /// The state an `X-SENDOWL-EVENT` trigger implies; `nil` for triggers that imply
    /// none (`new_payment` fires on any order) and for unknown ones.
    init?(event text: String) {
        switch text.lowercased() {
        case "order_completed", "complete": self = .complete
        case "free_order_issued", "free_order", "free": self = .free
        case "order_imported", "imported": self = .imported
        case "refund_issued", "refunded": self = .refunded
        case "order_charged_back", "chargeback": self = .chargeback
        case "in_dispute": self = .inDispute
        case "order_failed", "failed": self = .failed
        case "fraud_review": self = .fraudReview
        default:
            guard let state = OrderState(rawValue: text.lowercased()), state.rawValue.hasPrefix("subscription_") else { return nil }
            self = state
        }
    }
}
