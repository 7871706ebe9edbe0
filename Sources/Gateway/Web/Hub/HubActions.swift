import AccessKernel
import Foundation
import MappingConfig

/// What a customer may do to a subscription in the hub: cancel and pause where the
/// mapping's `hub` section allows and the provider's API can, through ``SupportDesk``.
///
/// A cancel is recorded with the initiator ``Cancellation/Initiator/customer``, so the
/// instance's `on_hub_cancel` decides what access does (by default it ends at once).
struct HubActions {
    let desk: SupportDesk
    let settings: HubSettings

    enum Action: String { case cancel, pause }

    func allows(_ action: Action, _ subscription: SubscriptionLine) -> Bool {
        guard desk.providers[subscription.instance] != nil else { return false }
        switch action {
        case .cancel: return settings.allowCancel && subscription.status != "cancelled"
        case .pause: return settings.allowPause && subscription.status == "active"
        }
    }

    /// Performs `action` on the customer's subscription; throws ``SupportError`` (unsupported
    /// when the settings or the provider do not allow it).
    func perform(_ action: Action, subscription: SubscriptionLine, customerID: Int64) async throws -> PaymentOutcome {
        guard allows(action, subscription) else {
            throw SupportError(.unsupported, "this subscription cannot be \(action == .cancel ? "cancelled" : "paused") here")
        }
        let request: PaymentRequest = switch action {
        case .cancel: .cancel(instance: subscription.instance, subscriptionID: subscription.subscriptionID, orderID: subscription.orderID)
        case .pause: .pause(instance: subscription.instance, subscriptionID: subscription.subscriptionID, orderID: subscription.orderID)
        }
        return try await desk.payment(request, customerID: customerID, by: HubPages.actor, initiator: .customer)
    }
}
