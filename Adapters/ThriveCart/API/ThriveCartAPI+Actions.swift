import AdapterKit
import Outbound

extension ThriveCartAPI {
    /// Refunds one item of an order in full (`POST /refund`), or cancels, pauses or resumes
    /// a subscription (`POST /cancelSubscription`, `/pauseSubscription`, `/resumeSubscription`).
    ///
    /// - Throws: ``ProviderAPIError/Kind/unsupported`` for a partial refund (ThriveCart's API
    ///   refunds whole items; part of a payment is refunded in its dashboard), a refund that
    ///   names no item, and a subscription action without its order id, which ThriveCart needs.
    public func perform(_ action: ProviderAction) async throws(ProviderAPIError) -> ProviderActionReceipt {
        switch action {
        case .refund(let refund):
            guard refund.amountCents == nil else {
                throw ProviderAPIError(.unsupported,
                                       "ThriveCart's API refunds whole items only; refund part of order \(refund.orderID) in the ThriveCart dashboard")
            }
            guard let reference = refund.itemReference else {
                throw ProviderAPIError(.unsupported,
                                       "ThriveCart refunds one item at a time: name the item of order \(refund.orderID) to refund (its charge reference)")
            }
            var fields = [("order_id", refund.orderID), ("reference", reference)]
            if let reason = refund.reason { fields.append(("reason", reason)) }
            try await post("/refund", fields)
            return ProviderActionReceipt(summary: "refunded item \(reference) of ThriveCart order \(refund.orderID) in full")
        case .cancel(let handle):
            try await post("/cancelSubscription", try subscriptionFields(handle, action))
            return ProviderActionReceipt(summary: "cancelled ThriveCart subscription \(handle.subscriptionID)")
        case .pause(let handle):
            // Paused until resumed: the contract carries no date to resume on.
            try await post("/pauseSubscription", try subscriptionFields(handle, action) + [("auto_resume", "0")])
            return ProviderActionReceipt(summary: "paused ThriveCart subscription \(handle.subscriptionID)")
        case .resume(let handle):
            try await post("/resumeSubscription", try subscriptionFields(handle, action))
            return ProviderActionReceipt(summary: "resumed ThriveCart subscription \(handle.subscriptionID)")
        }
    }

    private func subscriptionFields(_ handle: SubscriptionHandle,
                                    _ action: ProviderAction) throws(ProviderAPIError) -> [(String, String)] {
        guard let orderID = handle.orderID else {
            throw ProviderAPIError(.unsupported,
                                   "ThriveCart needs the order id to \(action.name) subscription \(handle.subscriptionID)")
        }
        return [("order_id", orderID), ("subscription_id", handle.subscriptionID)]
    }

    /// Sends an action's fields form-encoded, as PHP reads them.
    private func post(_ path: String, _ fields: [(String, String)]) async throws(ProviderAPIError) {
        _ = try await http.send(.post, path,
                                headers: [HTTPHeader(name: "Content-Type", value: "application/x-www-form-urlencoded")],
                                body: ActionForm.encode(fields))
    }
}
