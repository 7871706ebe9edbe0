import Foundation

/// An admin's revokes, restores and expiry changes, per course, and how they combine with
/// the course's sources.
///
/// A manual revoke beats every source granted before it and is undone by a restore; a
/// source granted after it (a new purchase) opens the course again. An expiry override
/// replaces the time-based end of the sources granted before it.
struct CourseOverrides {
    private var revokes: [String: (position: Int, fact: Fact, message: String?, isRestore: Bool)] = [:]
    private var expiries: [String: ExpiryOverride] = [:]

    init(_ ordered: [Fact]) {
        for (position, fact) in ordered.enumerated() {
            guard case .admin(let admin) = fact.event else { continue }
            switch admin.action {
            case .revoke(let course, let message):
                revokes[course] = (position, fact, message, false)
            case .restore(let course):
                if revokes[course] != nil { revokes[course] = (position, fact, nil, true) }
            case .setExpiry(let course, let date):
                expiries[course] = ExpiryOverride(position: position, date: date,
                                                  cause: Cause(fact: fact.key, role: .expiry))
            case .removeExpiry(let course):
                expiries[course] = ExpiryOverride(position: position, date: nil,
                                                  cause: Cause(fact: fact.key, role: .expiry))
            case .grant, .providerAction:
                continue
            }
        }
    }

    /// Courses an override names (a revoke stands even where no source is left).
    var courses: Set<String> { Set(revokes.keys) }

    /// The access `sources` give to `course` at `now`, after this course's overrides.
    func state(of course: String, from sources: [Source], now: Date) -> AccessState {
        let revoke = revokes[course]
        let expiry = expiries[course]
        var standing = sources
        if let revoke, !revoke.isRestore {
            standing.removeAll { $0.position < revoke.position }
        }
        var active: [(until: Date?, causes: [Cause], position: Int)] = []
        var ended: [(Ending, Int)] = []
        for source in standing {
            let applies = expiry.map { source.position < $0.position } ?? false
            switch source.outcome(at: now, expiryOverride: applies ? expiry : nil) {
            case .active(let until, let causes): active.append((until, causes, source.position))
            case .ended(let ending): ended.append((ending, source.position))
            }
        }
        if !active.isEmpty {
            let until: Date? = active.contains { $0.until == nil } ? nil : active.compactMap(\.until).max()
            var causes = Set(active.flatMap(\.causes))
            if let revoke, revoke.isRestore, active.contains(where: { $0.position < revoke.position }) {
                causes.insert(Cause(fact: revoke.fact.key, role: .restore))
            }
            return AccessState(status: .active(until: until), causes: causes.sorted())
        }
        if let (ending, _) = ended.max(by: { ($0.0.at, $0.1) < ($1.0.at, $1.1) }) {
            if let revoke, !revoke.isRestore, revoke.fact.occurredAt > ending.at {
                return manual(revoke)
            }
            return AccessState(status: ending.status, causes: [ending.cause])
        }
        if let revoke, !revoke.isRestore { return manual(revoke) }
        return .none
    }

    private func manual(_ revoke: (position: Int, fact: Fact, message: String?, isRestore: Bool)) -> AccessState {
        AccessState(status: .revoked(.manual(message: revoke.message)),
                    causes: [Cause(fact: revoke.fact.key, role: .revoke)])
    }
}
