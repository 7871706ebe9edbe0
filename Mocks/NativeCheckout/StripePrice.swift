/// A Stripe price of a product: one-time, or recurring every `interval`.
public struct StripePrice: Sendable, Hashable {
    /// `price_…`: the pricing option in the mapping.
    public var id: String
    /// `prod_…`: the product in the mapping.
    public var productID: String
    /// In the currency's minor unit.
    public var unitAmount: Int64
    /// Lower-case, as Stripe writes it (`usd`).
    public var currency: String
    /// `month`, `year`…; `nil` for a one-time price.
    public var interval: String?

    public init(id: String, productID: String, unitAmount: Int64, currency: String, interval: String? = nil) {
        self.id = id
        self.productID = productID
        self.unitAmount = unitAmount
        self.currency = currency
        self.interval = interval
    }
}

/// One line of a checkout session.
public struct StripeLineItem: Sendable, Hashable {
    /// `li_…`.
    public var id: String
    public var price: StripePrice
    public var description: String
    public var quantity: Int64

    public init(id: String, price: StripePrice, description: String, quantity: Int64 = 1) {
        self.id = id
        self.price = price
        self.description = description
        self.quantity = quantity
    }

    /// What the line cost: unit amount times quantity (no discounts or tax).
    public var amountTotal: Int64 { price.unitAmount * quantity }
}
