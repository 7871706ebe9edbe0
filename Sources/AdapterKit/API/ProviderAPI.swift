import AccessKernel
import Foundation

/// What Coursegate asks of a provider's own API: the orders it knows (to recover webhooks
/// that never arrived) and the payment actions support staff take (refund, cancel, pause).
///
/// An adapter offers one through ``ProviderAdapter/api(_:)`` when its instance has API
/// credentials. Every call goes through the ``ProviderConnection``'s transport (libcurl in
/// the gateway), paced to the provider's rate limit.
public protocol ProviderAPI: Sendable {
    /// Facts for what the provider recorded since `since`, paging through its listing.
    ///
    /// Each fact carries the idempotency key the same event's webhook would have produced,
    /// so recording the list after (or before) the webhooks, or twice, changes nothing.
    /// `progress` is told after each page how many provider records were read so far.
    func recentFacts(since: Date, progress: @Sendable (Int) -> Void) async throws(ProviderAPIError) -> [Fact]

    /// Facts for one order as the provider reports it now, keyed as its webhooks' would be.
    func orderFacts(orderID: String) async throws(ProviderAPIError) -> [Fact]

    /// Asks the provider to refund, cancel, pause or resume.
    ///
    /// - Throws: ``ProviderAPIError`` of kind ``ProviderAPIError/Kind/unsupported`` when this
    ///   provider has no such action (SendOwl cannot pause).
    func perform(_ action: ProviderAction) async throws(ProviderAPIError) -> ProviderActionReceipt
}

/// A payment action taken through a provider's API.
public enum ProviderAction: Sendable, Hashable {
    /// Refund an order (or one payment or item of it), in full or, with `amountCents`, in part.
    case refund(RefundRequest)
    /// Stop a subscription's payments.
    case cancel(SubscriptionHandle)
    /// Pause a subscription's payments.
    case pause(SubscriptionHandle)
    /// Resume a paused subscription.
    case resume(SubscriptionHandle)

    /// The action's name for messages (`refund`, `cancel`, `pause`, `resume`).
    public var name: String {
        switch self {
        case .refund: "refund"
        case .cancel: "cancel"
        case .pause: "pause"
        case .resume: "resume"
        }
    }
}

/// What to refund.
public struct RefundRequest: Sendable, Hashable {
    /// The provider's order id.
    public var orderID: String
    /// The payment to refund (a Stripe charge or payment intent), when the provider refunds payments.
    public var paymentID: String?
    /// The item of the order to refund (a ThriveCart product or upsell reference).
    public var itemReference: String?
    /// The amount in cents for a partial refund; `nil` refunds in full.
    public var amountCents: Int?
    /// Why, for the provider's records.
    public var reason: String?

    public init(orderID: String, paymentID: String? = nil, itemReference: String? = nil,
                amountCents: Int? = nil, reason: String? = nil) {
        self.orderID = orderID
        self.paymentID = paymentID
        self.itemReference = itemReference
        self.amountCents = amountCents
        self.reason = reason
    }
}

/// Which subscription an action is about.
public struct SubscriptionHandle: Sendable, Hashable {
    /// The provider's subscription id.
    public var subscriptionID: String
    /// The order it belongs to, where the provider's API asks for it (ThriveCart, SendOwl).
    public var orderID: String?

    public init(subscriptionID: String, orderID: String? = nil) {
        self.subscriptionID = subscriptionID
        self.orderID = orderID
    }
}

/// What the provider answered to an action.
public struct ProviderActionReceipt: Sendable, Hashable {
    /// The provider's id for what it did (a refund id), when it gives one.
    public var providerReference: String?
    /// A one-line account for logs and the support person (`refunded 15.00 of order 1042`).
    public var summary: String

    public init(providerReference: String? = nil, summary: String) {
        self.providerReference = providerReference
        self.summary = summary
    }
}
