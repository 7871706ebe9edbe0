import AccessKernel
import Foundation

/// An order as a ThriveCart account holds it, from which ``ThriveCartPayload`` writes
/// every event about it with ThriveCart's own field names.
public struct ThriveCartOrder: Sendable, Hashable {
    /// The account name (`thrivecart_account`).
    public var account: String
    /// The account's secret word, sent as `thrivecart_secret`.
    public var secretWord: String
    public var mode: Mode
    /// `order_id`.
    public var orderID: String
    /// `invoice_id` of the first payment (`000000141`); renewals append `-N`.
    public var invoiceID: String
    public var orderedAt: Date
    public var currency: String
    public var customer: ThriveCartCustomer
    /// The items in purchase-map order; the first is the base product.
    public var items: [ThriveCartItem]
    public var processor: String

    public init(account: String, secretWord: String, mode: Mode = .live, orderID: String,
                invoiceID: String, orderedAt: Date, currency: String = "USD",
                customer: ThriveCartCustomer, items: [ThriveCartItem], processor: String = "stripe") {
        self.account = account
        self.secretWord = secretWord
        self.mode = mode
        self.orderID = orderID
        self.invoiceID = invoiceID
        self.orderedAt = orderedAt
        self.currency = currency
        self.customer = customer
        self.items = items
        self.processor = processor
    }

    /// The front-end product (`base_product`): the first item.
    public var baseItem: ThriveCartItem? { items.first }
}

/// A buyer as ThriveCart describes them.
public struct ThriveCartCustomer: Sendable, Hashable {
    /// `customer_id`.
    public var id: String
    public var email: String
    public var firstName: String
    public var lastName: String
    public var country: String

    public init(id: String, email: String, firstName: String, lastName: String, country: String = "US") {
        self.id = id
        self.email = email
        self.firstName = firstName
        self.lastName = lastName
        self.country = country
    }
}

/// One line of a ThriveCart order: a product, bump, upsell or downsell.
public struct ThriveCartItem: Sendable, Hashable {
    public var kind: ItemKind
    /// The product id (a bump carries the id of the product it is attached to).
    public var id: String
    public var name: String
    /// Amount charged now, in cents.
    public var amount: Int64
    /// The pricing option (`payment_plan_id` / `payment_plan_name`), when the item has one.
    public var paymentPlan: ThriveCartPaymentPlan?
    /// `month`, `year`… for a recurring item; `nil` for a single payment.
    public var frequency: String?
    /// The processor's subscription id (`subscription_ids`), for a recurring item.
    public var subscriptionID: String?

    public init(_ kind: ItemKind, id: String, name: String, amount: Int64,
                paymentPlan: ThriveCartPaymentPlan? = nil, frequency: String? = nil,
                subscriptionID: String? = nil) {
        self.kind = kind
        self.id = id
        self.name = name
        self.amount = amount
        self.paymentPlan = paymentPlan
        self.frequency = frequency
        self.subscriptionID = subscriptionID
    }

    /// The purchase-map entry (`product-12`, `bump-12`, `upsell-2`).
    public var mapEntry: String { "\(kind.rawValue)-\(id)" }
}

/// A pricing option of a product: ThriveCart's payment plan.
public struct ThriveCartPaymentPlan: Sendable, Hashable {
    public var id: String
    public var name: String

    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }
}
