import Foundation

/// A charge the mock Stripe account can refund.
public struct MockStripeCharge: Sendable, Hashable {
    /// `ch_…`.
    public var id: String
    /// `pi_…`: a refund may name the payment intent instead of the charge.
    public var paymentIntent: String?
    /// What was charged, in minor units.
    public var amount: Int64
    /// What has been refunded so far, in minor units.
    public var amountRefunded: Int64
    /// Lower-case, as Stripe writes it.
    public var currency: String

    public init(id: String, paymentIntent: String?, amount: Int64, amountRefunded: Int64 = 0, currency: String) {
        self.id = id
        self.paymentIntent = paymentIntent
        self.amount = amount
        self.amountRefunded = amountRefunded
        self.currency = currency
    }
}

/// A refund the mock Stripe account made.
public struct MockStripeRefund: Sendable, Hashable {
    /// `re_mock_1`, `re_mock_2`…
    public var id: String
    public var chargeID: String
    public var amount: Int64
    /// `reason`, when sent (`requested_by_customer`…).
    public var reason: String?
    /// `metadata[…]` as sent.
    public var metadata: [String: String]
    /// The request's `Idempotency-Key`; a second request with it gets this refund again.
    public var idempotencyKey: String?
}

/// A subscription the mock Stripe account can cancel, pause and resume.
public struct MockStripeSubscription: Sendable, Hashable {
    /// `sub_…`.
    public var id: String
    /// `active`, `canceled`…
    public var status: String
    /// `pause_collection.behavior` while collection is paused (`void`).
    public var pauseCollection: String?

    public init(id: String, status: String = "active", pauseCollection: String? = nil) {
        self.id = id
        self.status = status
        self.pauseCollection = pauseCollection
    }
}
