import Foundation

/// One thing that can open courses for a customer: an item of a purchase, or an admin
/// grant. Sources are independent: ending one never ends another.
struct Source {
    /// Position of the granting fact in canonical order (see ``FactOrder``).
    var position: Int
    var fact: Fact
    var instance: InstanceID
    var orderIDs: Set<String>
    var item: OrderItem?
    var courses: [String]
    var accessDays: Int?
    var policies: Policies
    /// Ends of access this source has accumulated (refund, cancel, expiry…).
    var endings: [Ending] = []

    var grantedAt: Date { fact.occurredAt }
    var grantCause: Cause { Cause(fact: fact.key, role: isAdminGrant ? .grant : .purchase) }
    var isAdminGrant: Bool { if case .admin = fact.event { true } else { false } }

    /// Whether a subscription change is about this source: by subscription id, else by
    /// order and product (ThriveCart renewals name the item id, not the processor's
    /// subscription id the purchase carried).
    func isAffected(by change: SubscriptionChange) -> Bool {
        guard let item else { return false }
        if item.subscriptionID == change.subscriptionID { return true }
        guard let order = change.orderID, orderIDs.contains(order) else { return false }
        return change.productID.map { $0 == item.key.productID } ?? (item.subscriptionID == nil)
    }

    /// Whether a refund is about this source: its order, and its item when one is named.
    func isAffected(by refund: Refund) -> Bool {
        guard orderIDs.contains(refund.orderID) else { return false }
        guard let refunded = refund.item else { return true }
        return item.map { $0.key.kind == refunded.kind && $0.key.productID == refunded.productID } ?? false
    }
}

/// A point at which a source stops giving access, and why.
struct Ending {
    var at: Date
    var kind: Kind
    var cause: Cause

    enum Kind: Hashable {
        /// Time ran out (access days, end of the paid period, an admin expiry): `expired`.
        case expired
        /// Taken away: `revoked` with the reason.
        case revoked(RevokeReason)
    }

    var status: AccessStatus {
        switch kind {
        case .expired: .expired(at: at)
        case .revoked(let reason): .revoked(reason)
        }
    }
}

/// What a source gives at a moment.
enum SourceOutcome {
    case active(until: Date?, causes: [Cause])
    case ended(Ending)
}

extension Source {
    /// The source's state at `now`, with an admin expiry override (set or removed)
    /// replacing every time-based ending when one applies.
    func outcome(at now: Date, expiryOverride: ExpiryOverride?) -> SourceOutcome {
        var endings = self.endings
        if let expiryOverride {
            endings.removeAll { $0.kind == .expired }
            if let date = expiryOverride.date {
                endings.append(Ending(at: date, kind: .expired, cause: expiryOverride.cause))
            }
        }
        let first = endings.min { ($0.at, $0.cause) < ($1.at, $1.cause) }
        if let first, first.at <= now { return .ended(first) }
        return .active(until: first?.at, causes: [grantCause] + (first.map { [$0.cause] } ?? []))
    }
}

/// An admin's expiry for one course: a date, or `nil` for "no expiry".
struct ExpiryOverride {
    var position: Int
    var date: Date?
    var cause: Cause
}
