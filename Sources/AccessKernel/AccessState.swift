import Foundation

/// A customer's access to one course, with the facts that caused it.
public struct AccessState: Sendable, Hashable, Codable {
    public var status: AccessStatus
    public var causes: [Cause]

    public init(status: AccessStatus, causes: [Cause] = []) {
        self.status = status
        self.causes = causes
    }

    public static let none = AccessState(status: .none)

    /// Whether the customer may open the course now.
    public var isActive: Bool { if case .active = status { true } else { false } }
}

/// Active (until a time, or for good), revoked (and why), expired (and when) or none.
public enum AccessStatus: Sendable, Hashable, Codable {
    case active(until: Date?)
    case revoked(RevokeReason)
    case expired(at: Date)
    case none

    /// `active`, `revoked`, `expired` or `none`, as the API and the CSV export say it.
    public var name: String {
        switch self {
        case .active: "active"
        case .revoked: "revoked"
        case .expired: "expired"
        case .none: "none"
        }
    }

    /// When active access ends, or when it expired.
    public var date: Date? {
        switch self {
        case .active(let until): until
        case .expired(let at): at
        case .revoked, .none: nil
        }
    }
}

/// Why access was taken away.
public enum RevokeReason: Sendable, Hashable, Codable {
    case refunded, cancelled, paused, paymentFailed, disputed
    /// By an admin, with the message the course site shows.
    case manual(message: String?)

    public var name: String {
        switch self {
        case .refunded: "refunded"
        case .cancelled: "cancelled"
        case .paused: "paused"
        case .paymentFailed: "payment_failed"
        case .disputed: "disputed"
        case .manual: "manual"
        }
    }
}

/// A fact that contributed to an access state, and how.
public struct Cause: Sendable, Hashable, Codable, Comparable {
    public var fact: FactKey
    public var role: Role

    public init(fact: FactKey, role: Role) {
        self.fact = fact
        self.role = role
    }

    /// The part a fact played.
    public enum Role: String, Sendable, Hashable, Codable {
        case purchase, grant, refund, cancellation, pause, paymentFailed = "payment_failed",
             dispute, revoke, restore, expiry
    }

    public static func < (lhs: Cause, rhs: Cause) -> Bool {
        (lhs.fact, lhs.role.rawValue) < (rhs.fact, rhs.role.rawValue)
    }
}
