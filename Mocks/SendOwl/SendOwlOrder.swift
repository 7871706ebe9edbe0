import Foundation

/// An order as a SendOwl account holds it at one moment; ``SendOwlPayload`` writes it with
/// SendOwl's own field names. Each webhook sends the whole order as it is then, so the
/// scenario describes an order's life as a series of these values.
public struct SendOwlOrder: Sendable, Hashable {
    /// `id`: the zero-padded order id (`0000123456`).
    public var id: String
    /// `sendowl_order_id`: the same number without padding.
    public var number: Int64
    /// `state`: `complete`, `free`, `subscription_active`…
    public var state: String
    public var refunded: Bool
    /// `gateway`: `Stripe`, `PayPal`, `Free`…
    public var gateway: String
    public var buyerEmail: String
    public var buyerName: String
    public var buyerFirstName: String
    public var tag: String?
    public var settledCurrency: String?
    /// `settled_gross` as SendOwl writes it (`£18.00` or `15.00`).
    public var settledGross: String?
    public var forSubscription: Bool
    public var nextPaymentDate: Date?
    public var accessAllowed: Bool
    public var subscriptionManagementURL: String?
    /// `cart.completed_checkout_at`.
    public var completedCheckoutAt: Date
    /// `cart.cart_items`.
    public var items: [SendOwlCartItem]
    public var transactions: [SendOwlTransactionRecord]

    public init(id: String, number: Int64, state: String = "complete", refunded: Bool = false,
                gateway: String = "Stripe", buyerEmail: String, buyerName: String, buyerFirstName: String,
                tag: String? = nil, settledCurrency: String?, settledGross: String?, forSubscription: Bool = false,
                nextPaymentDate: Date? = nil, accessAllowed: Bool = true, subscriptionManagementURL: String? = nil,
                completedCheckoutAt: Date, items: [SendOwlCartItem], transactions: [SendOwlTransactionRecord]) {
        self.id = id
        self.number = number
        self.state = state
        self.refunded = refunded
        self.gateway = gateway
        self.buyerEmail = buyerEmail
        self.buyerName = buyerName
        self.buyerFirstName = buyerFirstName
        self.tag = tag
        self.settledCurrency = settledCurrency
        self.settledGross = settledGross
        self.forSubscription = forSubscription
        self.nextPaymentDate = nextPaymentDate
        self.accessAllowed = accessAllowed
        self.subscriptionManagementURL = subscriptionManagementURL
        self.completedCheckoutAt = completedCheckoutAt
        self.items = items
        self.transactions = transactions
    }

    /// The same order in another state.
    public func inState(_ state: String, nextPaymentDate: Date? = nil, accessAllowed: Bool = true) -> SendOwlOrder {
        var order = self
        order.state = state
        order.nextPaymentDate = nextPaymentDate
        order.accessAllowed = accessAllowed
        return order
    }

    /// The order after a refund of `gross` (written as SendOwl writes money, e.g. `£18.00`).
    public func refunding(_ gross: String, transactionID: String, at date: Date) -> SendOwlOrder {
        var order = self
        order.refunded = true
        order.accessAllowed = false
        order.transactions.append(SendOwlTransactionRecord(id: transactionID, gross: "-" + gross,
                                                           currency: settledCurrency ?? "USD", refund: true, createdAt: date))
        return order
    }

    /// The order after one more payment (a subscription renewal).
    public func paying(_ gross: String, transactionID: String, at date: Date, nextPaymentDate: Date?) -> SendOwlOrder {
        var order = self
        order.transactions.append(SendOwlTransactionRecord(id: transactionID, gross: gross,
                                                           currency: settledCurrency ?? "USD", refund: false, createdAt: date))
        order.nextPaymentDate = nextPaymentDate
        return order
    }
}

/// One line of a SendOwl cart: its `product` (a product, subscription or package).
public struct SendOwlCartItem: Sendable, Hashable {
    /// `product.id` (a package's id for a bundle).
    public var productID: Int64
    public var name: String
    /// `product.product_type`: `digital`, `subscription`, `package`…
    public var productType: String
    /// `product.price` as written (`£15.00`), or `nil` when the product has none.
    public var price: String?
    /// `product.recurring_price`, for a subscription.
    public var recurringPrice: String?
    public var quantity: Int64

    public init(productID: Int64, name: String, productType: String = "digital", price: String?,
                recurringPrice: String? = nil, quantity: Int64 = 1) {
        self.productID = productID
        self.name = name
        self.productType = productType
        self.price = price
        self.recurringPrice = recurringPrice
        self.quantity = quantity
    }
}

/// One of an order's `transactions`: a payment, or a refund.
public struct SendOwlTransactionRecord: Sendable, Hashable {
    /// `gateway_transaction_id`.
    public var id: String
    /// `payment_gross` as written (`£18.00`; a refund `-£18.00`).
    public var gross: String
    /// `payment_currency`.
    public var currency: String
    public var refund: Bool
    public var createdAt: Date

    public init(id: String, gross: String, currency: String, refund: Bool = false, createdAt: Date) {
        self.id = id
        self.gross = gross
        self.currency = currency
        self.refund = refund
        self.createdAt = createdAt
    }
}
