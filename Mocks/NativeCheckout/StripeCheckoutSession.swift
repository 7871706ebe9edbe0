import Foundation

/// A checkout session as a scenario sets it up; ``StripeEventBuilder`` writes it as
/// Stripe does.
public struct StripeCheckoutSession: Sendable, Hashable {
    /// `cs_live_…` or `cs_test_…`: the order id.
    public var id: String
    /// `payment`, `subscription` or `setup`.
    public var mode: String
    /// `paid`, `unpaid` (a bank debit still clearing) or `no_payment_required`.
    public var paymentStatus: String
    public var buyer: StripeBuyer
    public var lineItems: [StripeLineItem]
    /// Whether the event carries `line_items` (expanded); when not, only `metadata` says
    /// what was bought.
    public var expandsLineItems: Bool
    /// `metadata.product` and `metadata.price`, when the checkout sets them.
    public var metadataProduct: String?
    public var metadataPrice: String?
    /// `pi_…` of a payment-mode session.
    public var paymentIntent: String?
    /// `sub_…` and its first `in_…` of a subscription-mode session.
    public var subscription: String?
    public var invoice: String?
    public var created: Date
    public var livemode: Bool

    public init(id: String, mode: String = "payment", paymentStatus: String = "paid", buyer: StripeBuyer,
                lineItems: [StripeLineItem], expandsLineItems: Bool = true, metadataProduct: String? = nil,
                metadataPrice: String? = nil, paymentIntent: String? = nil, subscription: String? = nil,
                invoice: String? = nil, created: Date, livemode: Bool = true) {
        self.id = id
        self.mode = mode
        self.paymentStatus = paymentStatus
        self.buyer = buyer
        self.lineItems = lineItems
        self.expandsLineItems = expandsLineItems
        self.metadataProduct = metadataProduct
        self.metadataPrice = metadataPrice
        self.paymentIntent = paymentIntent
        self.subscription = subscription
        self.invoice = invoice
        self.created = created
        self.livemode = livemode
    }

    /// Everything the session charged.
    public var amountTotal: Int64 { lineItems.reduce(0) { $0 + $1.amountTotal } }

    /// The session's currency (its first line's).
    public var currency: String { lineItems.first?.price.currency ?? "usd" }
}
