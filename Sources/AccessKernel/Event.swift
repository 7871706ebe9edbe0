import Foundation

/// What a fact says happened.
public enum Event: Sendable, Hashable {
    case purchase(Purchase)
    case refund(Refund)
    case subscription(SubscriptionChange)
    case dispute(Dispute)
    case admin(AdminAction)
    case detailsChanged(CustomerDetails)

    /// A short stable name of the event kind, as stored and shown in timelines.
    public var kindName: String {
        switch self {
        case .purchase: "purchase"
        case .refund: "refund"
        case .subscription(let change): "subscription.\(change.change.name)"
        case .dispute(let dispute): dispute.outcome == nil ? "dispute.opened" : "dispute.closed"
        case .admin(let action): "admin.\(action.action.name)"
        case .detailsChanged: "customer.details_changed"
        }
    }
}

/// A completed order: every item is a source of access through the mapping.
public struct Purchase: Sendable, Hashable, Codable {
    /// The provider's order id; refunds and disputes refer to it.
    public var orderID: String
    /// Other ids the provider uses for the same order (payment intent, invoice, session).
    public var otherOrderIDs: [String]
    public var items: [OrderItem]

    public init(orderID: String, otherOrderIDs: [String] = [], items: [OrderItem]) {
        self.orderID = orderID
        self.otherOrderIDs = otherOrderIDs
        self.items = items
    }

    /// Every id this order is known by.
    public var allOrderIDs: [String] { [orderID] + otherOrderIDs }
}

/// One line of an order.
public struct OrderItem: Sendable, Hashable, Codable {
    public var key: ItemKey
    /// Amount charged for this item, in the currency's minor unit (cents).
    public var amount: Int64
    public var currency: String
    /// The provider subscription this item started, when it is recurring.
    public var subscriptionID: String?

    public init(key: ItemKey, amount: Int64, currency: String, subscriptionID: String? = nil) {
        self.key = key
        self.amount = amount
        self.currency = currency
        self.subscriptionID = subscriptionID
    }
}

/// What was bought: the kind of item, the provider's product (or bundle) id and,
/// optionally, the pricing option. Routes in the mapping are keyed by it.
public struct ItemKey: Sendable, Hashable, Codable, CustomStringConvertible {
    public var kind: ItemKind
    public var productID: String
    public var pricingOption: String?

    public init(_ kind: ItemKind, _ productID: String, pricingOption: String? = nil) {
        self.kind = kind
        self.productID = productID
        self.pricingOption = pricingOption
    }

    public var description: String {
        pricingOption.map { "\(kind.rawValue) \(productID) (\($0))" } ?? "\(kind.rawValue) \(productID)"
    }
}

/// How an item came into the order.
public enum ItemKind: String, Sendable, Hashable, Codable, CaseIterable {
    case product, bump, upsell, downsell, bundle
}

/// Money given back for an order or one of its items.
public struct Refund: Sendable, Hashable, Codable {
    public var orderID: String
    /// The refunded item; `nil` refunds the order as a whole.
    public var item: ItemKey?
    /// Amount refunded by this event, in minor units.
    public var amount: Int64
    public var currency: String
    /// Whether the provider says the refund is full. `nil` lets the kernel compare the
    /// refunded amounts with the amount charged.
    public var isFull: Bool?

    public init(orderID: String, item: ItemKey? = nil, amount: Int64, currency: String,
                isFull: Bool? = nil) {
        self.orderID = orderID
        self.item = item
        self.amount = amount
        self.currency = currency
        self.isFull = isFull
    }
}

/// A change in the life of a provider subscription.
public struct SubscriptionChange: Sendable, Hashable, Codable {
    public var subscriptionID: String
    /// The order that started the subscription, when the payload says it.
    public var orderID: String?
    /// The product the subscription is for, when the payload says it (ThriveCart).
    public var productID: String?
    /// Ids of the payment this change records (a renewal's invoice, payment intent,
    /// charge): refunds and disputes of that payment name them, and they then concern
    /// the subscription's item. `nil` when the change records no payment.
    public var paymentIDs: [String]?
    public var change: Change

    public init(subscriptionID: String, orderID: String? = nil, productID: String? = nil,
                paymentIDs: [String]? = nil, change: Change) {
        self.subscriptionID = subscriptionID
        self.orderID = orderID
        self.productID = productID
        self.paymentIDs = paymentIDs
        self.change = change
    }

    /// The kinds of subscription change.
    public enum Change: Sendable, Hashable, Codable {
        case started(periodEnd: Date?)
        case renewed(periodEnd: Date?)
        case paused
        /// The subscription runs again: after a pause, or a cancellation withdrawn before
        /// it took effect.
        case resumed
        case cancelled(Cancellation)
        case paymentFailed

        public var name: String {
            switch self {
            case .started: "started"
            case .renewed: "renewed"
            case .paused: "paused"
            case .resumed: "resumed"
            case .cancelled: "cancelled"
            case .paymentFailed: "payment_failed"
            }
        }
    }
}

/// How and by whom a subscription was cancelled; the policy decides what it does to access.
public struct Cancellation: Sendable, Hashable, Codable {
    /// When billing stops: at once, or at the end of the paid period.
    public var effective: Effective
    /// End of the paid period, when known.
    public var periodEnd: Date?
    public var initiator: Initiator

    public init(effective: Effective, periodEnd: Date? = nil, initiator: Initiator) {
        self.effective = effective
        self.periodEnd = periodEnd
        self.initiator = initiator
    }

    public enum Effective: String, Sendable, Hashable, Codable { case now, periodEnd = "period_end" }

    /// Who cancelled: the customer in Coursegate's hub, an admin through Coursegate, or
    /// anybody at the provider (reported by its webhook).
    public enum Initiator: String, Sendable, Hashable, Codable { case customer, admin, provider }
}

/// A payment dispute (chargeback) on an order.
public struct Dispute: Sendable, Hashable, Codable {
    public var orderID: String
    public var disputeID: String
    /// `nil` while open; won or lost once closed.
    public var outcome: Outcome?

    public init(orderID: String, disputeID: String, outcome: Outcome? = nil) {
        self.orderID = orderID
        self.disputeID = disputeID
        self.outcome = outcome
    }

    public enum Outcome: String, Sendable, Hashable, Codable { case won, lost }
}

/// A change of the customer's own details.
public struct CustomerDetails: Sendable, Hashable, Codable {
    public var name: String?
    /// The new email; the former one stays an alias of the customer.
    public var email: String?
    /// Personal data anonymised at the customer's request.
    public var erased: Bool

    public init(name: String? = nil, email: String? = nil, erased: Bool = false) {
        self.name = name
        self.email = email
        self.erased = erased
    }
}
