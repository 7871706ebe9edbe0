/// The one order in which facts are read, whatever order they arrived in: by the time they
/// occurred, then by kind (a purchase before a refund of the same second, a revoke before
/// a restore), then by key. Duplicates (same key) are dropped.
enum FactOrder {
    static func canonical(_ facts: [Fact]) -> [Fact] {
        let sorted = facts.sorted { lhs, rhs in
            if lhs.occurredAt != rhs.occurredAt { return lhs.occurredAt < rhs.occurredAt }
            if lhs.event.rank != rhs.event.rank { return lhs.event.rank < rhs.event.rank }
            return lhs.key < rhs.key
        }
        var seen = Set<FactKey>()
        return sorted.filter { seen.insert($0.key).inserted }
    }
}

extension Event {
    /// Tie-break among facts of the same instant: what starts access comes first, then
    /// what changes a subscription, then what ends access, then admin overrides.
    var rank: Int {
        switch self {
        case .purchase: 0
        case .subscription(let change):
            switch change.change {
            case .started, .renewed, .resumed: 1
            case .paused, .cancelled, .paymentFailed: 2
            }
        case .refund, .dispute: 2
        case .admin(let action):
            switch action.action {
            case .grant: 0
            case .revoke: 3
            case .restore: 4
            case .setExpiry, .removeExpiry, .providerAction: 5
            }
        case .detailsChanged: 6
        }
    }
}
