import Foundation

/// Something that happened, as reported by a provider or done by an admin; stored append-only.
///
/// Access is never stored as a fact: it is derived from facts by ``derive(_:mapping:now:)``.
public struct Fact: Sendable, Hashable, Codable {
    /// Stable idempotency key (provider instance + provider event or object id + kind);
    /// a second fact with the same key is a duplicate delivery.
    public var key: FactKey
    /// The provider instance that reported the fact, or ``InstanceID/admin`` for admin actions.
    public var instance: InstanceID
    /// When it happened at the provider (not when it arrived).
    public var occurredAt: Date
    /// Live or test mode; test-mode facts never open a live course.
    public var mode: Mode
    /// Who the fact is about, as far as the payload says.
    public var customer: CustomerRef
    /// What happened.
    public var event: Event

    public init(key: FactKey, instance: InstanceID, occurredAt: Date, mode: Mode = .live,
                customer: CustomerRef, event: Event) {
        self.key = key
        self.instance = instance
        self.occurredAt = occurredAt
        self.mode = mode
        self.customer = customer
        self.event = event
    }
}

/// The idempotency key of a fact.
public struct FactKey: Sendable, Hashable, Codable, Comparable, CustomStringConvertible,
    ExpressibleByStringLiteral {
    public var rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
    public static func < (lhs: FactKey, rhs: FactKey) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { rawValue }
}

/// Whether a fact comes from a provider's live or test mode.
public enum Mode: String, Sendable, Hashable, Codable {
    case live, test
}

/// The customer a fact is about, as the payload identifies them.
///
/// Some provider events carry no email (a Stripe subscription deletion); the store then
/// links the fact to a customer through the order, subscription or provider customer id.
public struct CustomerRef: Sendable, Hashable, Codable {
    public var email: String?
    public var name: String?
    /// The provider's own customer id (`cus_…`, ThriveCart `customer_id`), when sent.
    public var providerCustomerID: String?

    public init(email: String? = nil, name: String? = nil, providerCustomerID: String? = nil) {
        self.email = email
        self.name = name
        self.providerCustomerID = providerCustomerID
    }
}

/// A provider instance's name as configured in the mapping file (`tc-main`, `shop`).
public typealias InstanceID = String

extension InstanceID {
    /// The pseudo-instance of facts made by an admin (support staff, CLI, import).
    public static let admin: InstanceID = "admin"
}
