import AccessKernel
import AccessStore
import AdapterKit
import Foundation

extension SupportDesk {
    /// Refunds, cancels, pauses or resumes through the provider's API; access follows the
    /// mapping's policies (an admin cancel keeps access unless `on_admin_cancel` says otherwise).
    ///
    /// The order or subscription must be the customer's (by their facts), else not found.
    /// Each action is noted as an admin fact (no access effect) so it shows in the timeline
    /// with its actor. A cancel, pause or resume is also recorded as the subscription change
    /// it is (a cancel with ``Cancellation/Initiator/admin``), on the provider's instance so
    /// it reaches the item, keyed so that repeating the same action changes nothing. A
    /// refund is not: the provider's refund webhook (or reconciliation) records it under its
    /// own key, and `on_refund` / `on_partial_refund` decide then, counted once.
    ///
    /// `initiator` is who asked for a cancel: ``Cancellation/Initiator/customer`` from the hub
    /// (then `on_hub_cancel` decides), the admin otherwise.
    public func payment(_ request: PaymentRequest, customerID: Int64, by actor: String,
                        initiator: Cancellation.Initiator = .admin) async throws -> PaymentOutcome {
        let customer = try await knownCustomer(id: customerID)
        let instance = request.instance
        guard mapping.mapping.instances[instance] != nil else {
            throw SupportError(.notFound, "no instance \(instance) in the mapping")
        }
        guard let api = providers[instance] else {
            throw SupportError(.unsupported, "instance \(instance) has no provider API configured (its API credentials)")
        }
        let facts = try await store.facts(customerID: customerID).map(\.fact)
        let orders = CustomerOrders(facts, instance: instance)
        let diff = AccessDiff(before: try await store.access(customerID: customerID))
        let make = AdminFacts(actor: actor, email: customer.email)

        switch request {
        case .refund(_, let orderID, let paymentID, let itemReference, let amountCents, let reason):
            guard orders.owns(order: orderID) else {
                throw SupportError(.notFound, "customer \(customerID) has no order \(orderID) on \(instance)")
            }
            let receipt = try await perform(.refund(RefundRequest(orderID: orderID, paymentID: paymentID, itemReference: itemReference,
                                                                  amountCents: amountCents, reason: reason)), on: api)
            let key = receipt.providerReference.map { FactKey("admin:refund:\(instance):\($0)") } ?? AdminFacts.uniqueKey()
            let note = make.action(.providerAction(name: "refund", reference: receipt.providerReference, summary: receipt.summary),
                                   note: reason, key: key)
            let changes = try await recordChanges([note], customerID: customerID, diff: diff)
            return PaymentOutcome(summary: receipt.summary, providerReference: receipt.providerReference, changes: changes)

        case .cancel(_, let subscriptionID, let orderID), .pause(_, let subscriptionID, let orderID),
             .resume(_, let subscriptionID, let orderID):
            guard let subscription = orders.subscription(subscriptionID, orderID: orderID) else {
                let order = orderID.map { " of order \($0)" } ?? ""
                throw SupportError(.notFound, "customer \(customerID) has no subscription \(subscriptionID)\(order) on \(instance)")
            }
            let handle = SubscriptionHandle(subscriptionID: subscriptionID, orderID: orderID ?? subscription.orderID)
            let (action, change) = request.subscriptionAction(handle, initiator: initiator)
            let receipt = try await perform(action, on: api)
            let key = Self.subscriptionKey(action.name, instance: instance, subscription: subscription, change: change)
            let recorded = Fact(key: key, instance: instance, occurredAt: make.now, mode: subscription.mode, customer: make.customer,
                                event: .subscription(SubscriptionChange(subscriptionID: subscriptionID, orderID: subscription.orderID,
                                                                        productID: subscription.productID, change: change)))
            let note = make.action(.providerAction(name: action.name, reference: receipt.providerReference, summary: receipt.summary),
                                   key: FactKey(key.rawValue + ":note"))
            let changes = try await recordChanges([recorded, note], customerID: customerID, diff: diff)
            return PaymentOutcome(summary: receipt.summary, providerReference: receipt.providerReference, changes: changes)
        }
    }

    /// Calls the provider, its errors as support errors: not found and unsupported as such,
    /// every other refusal or failure as a provider error carrying the provider's.
    private func perform(_ action: ProviderAction, on api: any ProviderAPI) async throws(SupportError) -> ProviderActionReceipt {
        do {
            return try await api.perform(action)
        } catch {
            switch error.kind {
            case .notFound: throw SupportError(.notFound, error.message, providerError: error)
            case .unsupported: throw SupportError(.unsupported, error.message, providerError: error)
            default: throw SupportError(.provider, error.message, providerError: error)
            }
        }
    }

    /// The key of an admin's subscription change: the same action repeated gives the same key
    /// (and changes nothing); after the opposite change (a resume after a pause or cancel, a
    /// pause after a resume) it is a new one.
    static func subscriptionKey(_ name: String, instance: InstanceID, subscription: CustomerOrders.Subscription,
                                change: SubscriptionChange.Change) -> FactKey {
        let undone = subscription.changes.filter { earlier in
            switch (change, earlier) {
            case (.resumed, .paused), (.resumed, .cancelled): true
            case (.paused, .resumed), (.cancelled, .resumed): true
            default: false
            }
        }.count
        return FactKey("admin:\(name):\(instance):\(subscription.id)" + (undone == 0 ? "" : ":\(undone)"))
    }
}

extension PaymentRequest {
    /// The provider instance the action goes to.
    var instance: InstanceID {
        switch self {
        case .refund(let instance, _, _, _, _, _), .cancel(let instance, _, _), .pause(let instance, _, _),
             .resume(let instance, _, _): instance
        }
    }

    /// For a subscription action: what to ask the provider, and the change it makes.
    /// An admin's cancel stops payments now; `on_admin_cancel` decides what access does.
    fileprivate func subscriptionAction(_ handle: SubscriptionHandle,
                                        initiator: Cancellation.Initiator) -> (ProviderAction, SubscriptionChange.Change) {
        switch self {
        case .cancel: (.cancel(handle), .cancelled(Cancellation(effective: .now, initiator: initiator)))
        case .pause: (.pause(handle), .paused)
        case .resume, .refund: (.resume(handle), .resumed)
        }
    }
}
