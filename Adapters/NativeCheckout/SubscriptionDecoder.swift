import AccessKernel
import AdapterKit
import Foundation

/// Reads `customer.subscription.updated`, `.deleted`, `.paused` and `.resumed`.
///
/// An update is read from the subscription's state and `previous_attributes`:
/// `cancel_at_period_end` true (or a `cancel_at` date) is a cancellation at the end of
/// the period; that flag (or date) withdrawn is a resumption; `status` `paused` or a
/// `pause_collection` is a pause, and its end a resumption; any other update is ignored.
/// A deletion ends the subscription now; its paid period is what the kernel learnt from
/// the invoices (a subscription deleted for unpaid invoices has no paid period ahead).
enum SubscriptionDecoder {
    static func decode(_ event: StripeEvent, _ type: StripeEventType) throws(AdapterError) -> DecodedEvent {
        let subscription = event.object
        try subscription.expect(kind: "subscription")
        let id = try subscription.requiredString("id", because: "\(type.rawValue) must name its subscription")
        let change: SubscriptionChange.Change
        switch type {
        case .subscriptionDeleted: change = .cancelled(Cancellation(effective: .now, initiator: .provider))
        case .subscriptionPaused: change = .paused
        case .subscriptionResumed: change = .resumed
        default:
            guard let updated = try updatedChange(subscription, previous: event.previousAttributes) else {
                return .ignored("customer.subscription.updated of \(id) changes nothing that affects access")
            }
            change = updated
        }
        return .event(.subscription(SubscriptionChange(subscriptionID: id, change: change)),
                      CustomerRef(providerCustomerID: try subscription.reference("customer")))
    }

    private static func updatedChange(_ subscription: StripeObject,
                                      previous: StripeObject?) throws(AdapterError) -> SubscriptionChange.Change? {
        if try subscription.bool("cancel_at_period_end") == true {
            return .cancelled(Cancellation(effective: .periodEnd, periodEnd: try currentPeriodEnd(of: subscription),
                                           initiator: .provider))
        }
        if let cancelAt = try subscription.date("cancel_at") {
            return .cancelled(Cancellation(effective: .periodEnd, periodEnd: cancelAt, initiator: .provider))
        }
        let wasCancelling = try previous?.bool("cancel_at_period_end") == true
        let hadCancelDate = try previous?.integer("cancel_at") != nil
        if wasCancelling || hadCancelDate { return .resumed }
        let isPaused = try subscription.string("status") == "paused"
        let collectionPaused = try subscription.object("pause_collection") != nil
        if isPaused || collectionPaused { return .paused }
        let wasPaused = try previous?.string("status") == "paused"
        let collectionWasPaused = try previous?.object("pause_collection") != nil
        if wasPaused || collectionWasPaused { return .resumed }
        return nil
    }

    /// `current_period_end`, which API versions from 2025-03-31 on move to the items.
    private static func currentPeriodEnd(of subscription: StripeObject) throws(AdapterError) -> Date? {
        if let end = try subscription.date("current_period_end") { return end }
        for item in try subscription.object("items")?.objects("data") ?? [] {
            if let end = try item.date("current_period_end") { return end }
        }
        return nil
    }
}
