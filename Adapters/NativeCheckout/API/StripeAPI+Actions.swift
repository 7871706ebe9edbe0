import AdapterKit
import Foundation

/// Refunds, and cancelling, pausing and resuming subscriptions, through Stripe's API.
extension StripeAPI {
    /// Refund: `POST /v1/refunds` {charge | payment_intent, amount?}. Cancel:
    /// `DELETE /v1/subscriptions/{id}` (at once). Pause: `POST /v1/subscriptions/{id}`
    /// {pause_collection[behavior]=void}. Resume: the same with `pause_collection` empty.
    ///
    /// Each call carries an `Idempotency-Key` of its own, the same on every retry of it.
    func perform(_ action: ProviderAction) async throws(ProviderAPIError) -> ProviderActionReceipt {
        let key = UUID().uuidString
        switch action {
        case .refund(let request):
            return try await refund(request, idempotencyKey: key)
        case .cancel(let handle):
            let subscription = try await object(.delete, Self.subscriptionPath(handle), idempotencyKey: key)
            return receipt(for: subscription, "cancelled", handle)
        case .pause(let handle):
            let subscription = try await object(.post, Self.subscriptionPath(handle),
                                                form: [("pause_collection[behavior]", "void")], idempotencyKey: key)
            return receipt(for: subscription, "paused payment collection of", handle)
        case .resume(let handle):
            let subscription = try await object(.post, Self.subscriptionPath(handle),
                                                form: [("pause_collection", "")], idempotencyKey: key)
            return receipt(for: subscription, "resumed payment collection of", handle)
        }
    }

    /// The reasons Stripe keeps as `reason`; any other text goes in `metadata[reason]`.
    static let refundReasons: Set<String> = ["duplicate", "fraudulent", "requested_by_customer"]

    private func refund(_ request: RefundRequest, idempotencyKey: String) async throws(ProviderAPIError) -> ProviderActionReceipt {
        if let item = request.itemReference, request.amountCents == nil {
            throw ProviderAPIError(.unsupported, "Stripe refunds payments, not items: give the amount to refund for \(item)")
        }
        if let amount = request.amountCents, amount <= 0 {
            throw ProviderAPIError(.rejected, "a refund of \(amount) cents refunds nothing")
        }
        let (field, payment) = try await refundTarget(request)
        var form: [(name: String, value: String)] = [(field, payment)]
        if let amount = request.amountCents { form.append(("amount", String(amount))) }
        if let reason = request.reason {
            form.append(Self.refundReasons.contains(reason) ? ("reason", reason) : ("metadata[reason]", reason))
        }
        if let item = request.itemReference { form.append(("metadata[item]", item)) }
        form.append(("metadata[order]", request.orderID))
        let refund = try await object(.post, "/v1/refunds", form: form, idempotencyKey: idempotencyKey)
        let id = try? refund.string("id")
        let amount = try? refund.integer("amount")
        let currency = (try? refund.string("currency"))?.uppercased() ?? ""
        let status = (try? refund.string("status")) ?? "unknown"
        let what = amount.map { "\(Self.money($0, currency)) of" } ?? (request.amountCents == nil ? "all of" : "part of")
        return ProviderActionReceipt(providerReference: id,
                                     summary: "refunded \(what) \(payment) (order \(request.orderID), refund \(id ?? "?"), \(status))")
    }

    /// What to refund: the payment named (a charge `ch_…`/`py_…` or payment intent `pi_…`),
    /// else the order when it is one, else a checkout session's payment intent.
    private func refundTarget(_ request: RefundRequest) async throws(ProviderAPIError) -> (field: String, id: String) {
        let id = request.paymentID ?? request.orderID
        if id.hasPrefix("ch_") || id.hasPrefix("py_") { return ("charge", id) }
        if id.hasPrefix("pi_") { return ("payment_intent", id) }
        guard id.hasPrefix("cs_") else {
            throw ProviderAPIError(.unsupported, "Stripe refunds a charge (ch_…) or payment intent (pi_…); \(id) is neither: give the payment to refund")
        }
        let session = try await object(.get, "/v1/checkout/sessions/\(Self.segment(id))")
        guard let intent = try? session.reference("payment_intent") else {
            throw ProviderAPIError(.unsupported, """
                checkout session \(id) has no payment intent (a subscription's session is paid by its invoices): \
                give the charge or payment intent of the invoice to refund
                """)
        }
        return ("payment_intent", intent)
    }

    private func receipt(for subscription: StripeObject, _ verb: String, _ handle: SubscriptionHandle) -> ProviderActionReceipt {
        let status = (try? subscription.string("status")) ?? "unknown"
        return ProviderActionReceipt(providerReference: handle.subscriptionID,
                                     summary: "\(verb) subscription \(handle.subscriptionID) (status \(status))")
    }

    private static func subscriptionPath(_ handle: SubscriptionHandle) -> String {
        "/v1/subscriptions/\(segment(handle.subscriptionID))"
    }

    /// Currencies Stripe counts in whole units.
    private static let zeroDecimal: Set<String> = ["BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG",
                                                   "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF"]

    /// An amount in minor units for the summary (`29.00 USD`, `500 JPY`).
    static func money(_ minor: Int64, _ currency: String) -> String {
        guard !zeroDecimal.contains(currency) else { return "\(minor) \(currency)" }
        let sign = minor < 0 ? "-" : ""
        let cents = minor.magnitude % 100
        return "\(sign)\(minor.magnitude / 100).\(cents < 10 ? "0" : "")\(cents) \(currency)".trimmingCharacters(in: .whitespaces)
    }
}
