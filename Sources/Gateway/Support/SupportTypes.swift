import AccessKernel
import AccessStore
import Foundation

/// What a customer should have, as support staff pick it: courses directly, and products or
/// bundles whose courses the mapping names.
public struct AccessSelection: Sendable, Hashable, Codable {
    public var courses: [String]
    public var products: [ProductChoice]

    public init(courses: [String] = [], products: [ProductChoice] = []) {
        self.courses = courses
        self.products = products
    }
}

/// A product, bump, upsell or bundle of an instance, as a route of the mapping names it.
public struct ProductChoice: Sendable, Hashable, Codable {
    public var instance: InstanceID
    public var kind: ItemKind
    public var productID: String
    public var pricingOption: String?

    public init(instance: InstanceID, kind: ItemKind, productID: String, pricingOption: String? = nil) {
        self.instance = instance
        self.kind = kind
        self.productID = productID
        self.pricingOption = pricingOption
    }
}

/// One course whose access an operation changed.
public struct AccessChange: Sendable, Hashable, Codable {
    public var course: String
    /// `none`, `active`, `revoked`, `expired` before and after.
    public var before: String
    public var after: String
    /// When the access ends after the change.
    public var expiresAt: Date?

    public init(course: String, before: String, after: String, expiresAt: Date? = nil) {
        self.course = course
        self.before = before
        self.after = after
        self.expiresAt = expiresAt
    }
}

/// A page of results and the cursor of the next page (`nil` on the last one).
public struct Page<Item: Sendable>: Sendable {
    public var items: [Item]
    public var next: String?

    public init(items: [Item], next: String?) {
        self.items = items
        self.next = next
    }
}

/// Everything support sees about one customer.
public struct CustomerProfile: Sendable, Codable {
    public var id: Int64
    public var email: String
    public var name: String?
    /// Former emails that still find the customer and match later webhooks.
    public var aliases: [String]
    public var createdAt: Date
    public var erased: Bool
    public var access: [CourseAccess]
    public var purchases: [PurchaseLine]
    /// Payments (purchases and renewals) and refunds, newest first.
    public var payments: [PaymentLine]
    public var subscriptions: [SubscriptionLine]
    /// Facts and access events, oldest first, each with its cause.
    public var timeline: [TimelineEntry]

    public init(id: Int64, email: String, name: String?, aliases: [String], createdAt: Date, erased: Bool,
                access: [CourseAccess], purchases: [PurchaseLine], payments: [PaymentLine],
                subscriptions: [SubscriptionLine], timeline: [TimelineEntry]) {
        self.id = id
        self.email = email
        self.name = name
        self.aliases = aliases
        self.createdAt = createdAt
        self.erased = erased
        self.access = access
        self.purchases = purchases
        self.payments = payments
        self.subscriptions = subscriptions
        self.timeline = timeline
    }
}

/// A customer's access to one course: status, expiry, and where it comes from.
public struct CourseAccess: Sendable, Hashable, Codable {
    public var course: String
    public var title: String?
    /// `active`, `revoked`, `expired`.
    public var status: String
    public var expiresAt: Date?
    /// For a revoked customer: what the course site shows.
    public var message: String?
    /// The facts behind it: purchases, grants, refunds, revokes…
    public var sources: [AccessSource]

    public init(course: String, title: String?, status: String, expiresAt: Date?, message: String?, sources: [AccessSource]) {
        self.course = course
        self.title = title
        self.status = status
        self.expiresAt = expiresAt
        self.message = message
        self.sources = sources
    }
}

/// One fact behind an access state.
public struct AccessSource: Sendable, Hashable, Codable {
    public var factKey: String
    /// `purchase`, `grant`, `refund`, `cancellation`, `revoke`, `restore`, `expiry`, …
    public var role: String
    public var instance: String
    public var at: Date
    /// The order it concerns, when it names one.
    public var orderID: String?
    /// Who acted, for admin facts.
    public var actor: String?

    public init(factKey: String, role: String, instance: String, at: Date, orderID: String?, actor: String?) {
        self.factKey = factKey
        self.role = role
        self.instance = instance
        self.at = at
        self.orderID = orderID
        self.actor = actor
    }
}

/// One purchase (order) with its items.
public struct PurchaseLine: Sendable, Hashable, Codable {
    public var instance: String
    public var orderID: String
    public var at: Date
    public var mode: String
    public var items: [Item]

    public struct Item: Sendable, Hashable, Codable {
        public var kind: String
        public var productID: String
        public var pricingOption: String?
        public var amountCents: Int64
        public var currency: String
        public var subscriptionID: String?

        public init(kind: String, productID: String, pricingOption: String?, amountCents: Int64, currency: String,
                    subscriptionID: String?) {
            self.kind = kind
            self.productID = productID
            self.pricingOption = pricingOption
            self.amountCents = amountCents
            self.currency = currency
            self.subscriptionID = subscriptionID
        }
    }

    public init(instance: String, orderID: String, at: Date, mode: String, items: [Item]) {
        self.instance = instance
        self.orderID = orderID
        self.at = at
        self.mode = mode
        self.items = items
    }
}

/// A payment or a refund.
public struct PaymentLine: Sendable, Hashable, Codable {
    /// `payment`, `renewal` or `refund`.
    public var kind: String
    public var instance: String
    public var orderID: String?
    /// Negative for refunds.
    public var amountCents: Int64
    public var currency: String
    public var at: Date

    public init(kind: String, instance: String, orderID: String?, amountCents: Int64, currency: String, at: Date) {
        self.kind = kind
        self.instance = instance
        self.orderID = orderID
        self.amountCents = amountCents
        self.currency = currency
        self.at = at
    }
}

/// A subscription and where it stands.
public struct SubscriptionLine: Sendable, Hashable, Codable {
    public var instance: String
    public var subscriptionID: String
    public var orderID: String?
    public var productID: String?
    /// `active`, `paused`, `cancelled`, `payment_failed`.
    public var status: String
    public var periodEnd: Date?

    public init(instance: String, subscriptionID: String, orderID: String?, productID: String?, status: String, periodEnd: Date?) {
        self.instance = instance
        self.subscriptionID = subscriptionID
        self.orderID = orderID
        self.productID = productID
        self.status = status
        self.periodEnd = periodEnd
    }
}

/// One line of a customer's timeline: a fact, or an access event and what caused it.
public struct TimelineEntry: Sendable, Hashable, Codable {
    /// `fact` or `access`.
    public var type: String
    public var at: Date
    /// The fact's kind (`purchase`, `admin.revoke`, …) or the access event's (`granted`, …).
    public var kind: String
    /// One sentence for people: "purchase of order 1042 on tc-main", "web-basics granted".
    public var summary: String
    public var factKey: String?
    public var course: String?
    public var actor: String?
    /// For access events: the mapping version that decided it.
    public var mappingVersion: Int64?

    public init(type: String, at: Date, kind: String, summary: String, factKey: String? = nil, course: String? = nil,
                actor: String? = nil, mappingVersion: Int64? = nil) {
        self.type = type
        self.at = at
        self.kind = kind
        self.summary = summary
        self.factKey = factKey
        self.course = course
        self.actor = actor
        self.mappingVersion = mappingVersion
    }
}

/// What adding a customer did.
public struct AddedCustomer: Sendable, Hashable, Codable {
    public var customerID: Int64
    /// `false` when the email belonged to a customer already, who was added to.
    public var created: Bool
    public var changes: [AccessChange]

    public init(customerID: Int64, created: Bool, changes: [AccessChange]) {
        self.customerID = customerID
        self.created = created
        self.changes = changes
    }
}

/// What an import did, or would do on a dry run.
public struct ImportReport: Sendable, Hashable, Codable {
    public var dryRun: Bool
    /// Data rows read (the header not counted).
    public var rows: Int
    /// Rows that created a customer, added to one, or changed nothing (already imported).
    public var created: Int
    public var updated: Int
    public var unchanged: Int
    /// Rows refused, by row number (1 is the first data row… see ``RowError/row``), none applied.
    public var errors: [RowError]

    public struct RowError: Sendable, Hashable, Codable {
        /// The line number in the file (the header is line 1).
        public var row: Int
        public var reason: String

        public init(row: Int, reason: String) {
            self.row = row
            self.reason = reason
        }
    }

    public init(dryRun: Bool, rows: Int, created: Int, updated: Int, unchanged: Int, errors: [RowError]) {
        self.dryRun = dryRun
        self.rows = rows
        self.created = created
        self.updated = updated
        self.unchanged = unchanged
        self.errors = errors
    }
}

/// A payment action through the provider, as support asks for it.
public enum PaymentRequest: Sendable, Hashable {
    /// Refund an order (or one payment or item of it), in full or for `amountCents`.
    case refund(instance: InstanceID, orderID: String, paymentID: String?, itemReference: String?, amountCents: Int?, reason: String?)
    case cancel(instance: InstanceID, subscriptionID: String, orderID: String?)
    case pause(instance: InstanceID, subscriptionID: String, orderID: String?)
    case resume(instance: InstanceID, subscriptionID: String, orderID: String?)
}

/// What a payment action did.
public struct PaymentOutcome: Sendable, Hashable, Codable {
    /// The provider's account of it.
    public var summary: String
    public var providerReference: String?
    /// What it changed in access (under the mapping's policies; often nothing).
    public var changes: [AccessChange]

    public init(summary: String, providerReference: String?, changes: [AccessChange]) {
        self.summary = summary
        self.providerReference = providerReference
        self.changes = changes
    }
}
