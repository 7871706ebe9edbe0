import AccessKernel
import AccessStore
import Foundation
import Synchronization

/// Recent answers of the access check, so that a course site asking on every page load
/// does not cost a database read each time.
///
/// An answer is never served stale after a change this gateway committed: the group
/// committer and the sweeper invalidate the customers they touched before they answer,
/// and a read that raced such a commit is not cached (each customer's invalidation
/// generation is checked). Changes written by another process (the CLI) show after at
/// most ``lifetime``. An active answer whose end time has passed is never served.
/// "No record" answers are not cached: a new purchase creates the record.
public final class AccessAnswerCache: Sendable {
    private struct Entry {
        var customerID: Int64
        var status: AccessStatus
        var storedAt: ContinuousClock.Instant
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var keysByCustomer: [Int64: [String]] = [:]
        var generation: UInt64 = 0
        var invalidatedAt: [Int64: UInt64] = [:]
        /// Reads whose ticket is older than this are not cached (invalidations were forgotten).
        var forgottenBefore: UInt64 = 0
    }

    private let state = Mutex(State())
    /// How long an answer may be served without a read.
    public let lifetime: Duration
    /// The most answers kept; past it the cache starts over.
    public let capacity: Int

    public init(lifetime: Duration = .seconds(2), capacity: Int = 200_000) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    /// A ticket taken before reading the store, so that ``store(_:email:course:ticket:)``
    /// can tell whether the read raced a commit.
    public var ticket: UInt64 { state.withLock { $0.generation } }

    /// The cached status, if fresh and still true at `now`.
    public func status(email: String, course: String, now: Date) -> AccessStatus? {
        let key = Self.key(email, course)
        return state.withLock { state -> AccessStatus? in
            guard let entry = state.entries[key], ContinuousClock.now - entry.storedAt < lifetime else { return nil }
            if case .active(let until?) = entry.status, until <= now { return nil }
            return entry.status
        }
    }

    /// Keeps a status read from the store after `ticket` was taken, unless its customer
    /// was invalidated since.
    public func store(_ lookup: AccessLookup, email: String, course: String, ticket: UInt64) {
        guard let customer = lookup.customerID else { return }
        let key = Self.key(email, course)
        state.withLock { state in
            guard ticket >= state.forgottenBefore else { return }
            if let invalidated = state.invalidatedAt[customer], invalidated > ticket { return }
            if state.entries.count >= capacity {
                state.entries.removeAll(keepingCapacity: true)
                state.keysByCustomer.removeAll(keepingCapacity: true)
            }
            if state.entries.updateValue(Entry(customerID: customer, status: lookup.status, storedAt: .now), forKey: key) == nil {
                state.keysByCustomer[customer, default: []].append(key)
            }
        }
    }

    /// Forgets every answer about these customers; call after their access may have changed.
    public func invalidate<Customers: Sequence<Int64>>(_ customers: Customers) {
        state.withLock { state in
            state.generation &+= 1
            if state.invalidatedAt.count >= capacity {
                state.invalidatedAt.removeAll(keepingCapacity: true)
                state.forgottenBefore = state.generation
            }
            for customer in customers {
                state.invalidatedAt[customer] = state.generation
                for key in state.keysByCustomer.removeValue(forKey: customer) ?? [] {
                    state.entries.removeValue(forKey: key)
                }
            }
        }
    }

    /// Forgets every answer (the mapping was swapped); a read racing this is not cached.
    public func invalidateAll() {
        state.withLock { state in
            state.generation &+= 1
            state.forgottenBefore = state.generation
            state.entries.removeAll(keepingCapacity: true)
            state.keysByCustomer.removeAll(keepingCapacity: true)
            state.invalidatedAt.removeAll(keepingCapacity: true)
        }
    }

    private static func key(_ email: String, _ course: String) -> String {
        EmailAddress.normalise(email) + "\u{0}" + course
    }
}

extension RecordOutcome {
    /// Every customer whose facts or access this outcome touched.
    var touchedCustomers: Set<Int64> {
        var customers = Set(events.map(\.customerID))
        for case .recorded(let customer) in results { customers.insert(customer) }
        return customers
    }
}
