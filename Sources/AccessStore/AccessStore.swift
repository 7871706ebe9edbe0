import AccessKernel
import Foundation

/// Where facts are kept and access is materialised. SQLite through GRDB is the embedded
/// implementation (``SQLiteStore``); a PostgreSQL one can follow behind the same protocol,
/// so nothing the server, CLI or workers see is GRDB's.
public protocol AccessStore: Sendable {
    /// Stores the mapping version in force (once per distinct file) and returns its id.
    func register(_ mapping: Mapping, hash: String, path: String, text: String) async throws -> MappingVersion

    /// Records facts in one transaction: new facts inserted (a known key is a reported
    /// no-op), affected customers' access recomputed, one access event per change.
    /// What this returns is durable.
    func record(_ facts: [Fact], under mapping: MappingVersion, now: Date) async throws -> RecordOutcome

    /// Records several independent deliveries in one transaction and one commit (group
    /// commit): each group gets its own outcome, and all are durable when this returns.
    func record(groups: [[Fact]], under mapping: MappingVersion, now: Date) async throws -> [RecordOutcome]

    /// Recomputes the customers whose access reached its end time by `now` (the sweeper).
    func sweep(under mapping: MappingVersion, now: Date) async throws -> [AccessEvent]

    /// The customer an email (current or former) belongs to.
    func customer(email: String) async throws -> CustomerRecord?

    /// One customer's materialised access, per course.
    func access(customerID: Int64) async throws -> [AccessRecord]

    /// The course site's question in one indexed read: the status of whoever has this
    /// email (current or former) for `course`, without the causes, which only the full
    /// record carries.
    func accessStatus(email: String, course: String) async throws -> AccessLookup

    /// A customer's facts in the order they were recorded.
    func facts(customerID: Int64) async throws -> [StoredFact]

    /// A customer's access events, oldest first.
    func accessEvents(customerID: Int64) async throws -> [AccessEvent]

    /// Which of `keys` are stored already (reconciliation records only the others).
    func storedKeys(among keys: [FactKey]) async throws -> Set<FactKey>

    /// Stores a new API key (only its hash) and returns the key, to be shown once.
    func createKey(name: String, scope: APIKey.Scope, now: Date) async throws -> (key: APIKey, secret: String)

    /// The live key a secret belongs to, or `nil`.
    func key(secret: String) async throws -> APIKey?

    /// Every live API key, oldest first (names and scopes; secrets are never stored).
    func keys() async throws -> [APIKey]

    /// Revokes a key; `false` when no live key has this id.
    func revokeKey(id: Int64, now: Date) async throws -> Bool

    /// The customer with this id.
    func customer(id: Int64) async throws -> CustomerRecord?

    // MARK: Outbox

    /// Pending deliveries due by `now`, oldest first, leaving out `excluding` ids (in flight)
    /// and sinks that are disabled.
    func dueDeliveries(now: Date, limit: Int, excluding: Set<Int64>) async throws -> [OutboxDelivery]

    /// The time of the earliest pending delivery of an enabled sink or mail, if any.
    func nextDeliveryTime() async throws -> Date?

    /// Records how an attempt ended (counting it).
    func finishAttempt(_ id: Int64, result: OutboxAttemptResult, now: Date) async throws

    /// Deliveries, newest first, optionally of one status; `limit` at most.
    func deliveries(status: OutboxDelivery.Status?, limit: Int) async throws -> [OutboxDelivery]

    /// One delivery by id.
    func delivery(id: Int64) async throws -> OutboxDelivery?

    /// Makes dead deliveries (of one target, or all) pending again with a fresh count of
    /// attempts; returns how many.
    func retryDead(target: OutboxDelivery.Target?, now: Date) async throws -> Int

    /// Sends one delivery again, whatever its status, with the same message id.
    func redeliver(id: Int64, now: Date) async throws -> OutboxDelivery?

    /// Holds a sink's deliveries (it answered 410 Gone) until ``enableSink(_:)``.
    func disableSink(_ name: String, reason: String, now: Date) async throws

    /// Lets a disabled sink's deliveries go again; `false` when it was not disabled.
    func enableSink(_ name: String) async throws -> Bool

    /// Disabled sinks and why.
    func disabledSinks() async throws -> [String: String]

    /// Queues the welcome mail for one customer and course again; returns the delivery id.
    func queueWelcome(customerID: Int64, course: String, now: Date) async throws -> Int64
}

/// An API key's record: its secret is never stored, only a SHA-256 hash of it.
public struct APIKey: Sendable, Hashable, Codable {
    public var id: Int64
    public var name: String
    public var scope: Scope
    public var createdAt: Date

    /// `read` keys ask questions; `admin` keys may also change things.
    public enum Scope: String, Sendable, Hashable, Codable, CaseIterable {
        case read, admin

        /// Whether a key of this scope may do what `required` allows.
        public func allows(_ required: Scope) -> Bool { self == .admin || required == .read }
    }
}

/// The answer to the access check: the status, and whose it is when a record exists.
public struct AccessLookup: Sendable, Hashable {
    /// The customer the record belongs to; `nil` when there is no record (status `none`).
    public var customerID: Int64?
    public var status: AccessStatus

    public init(customerID: Int64?, status: AccessStatus) {
        self.customerID = customerID
        self.status = status
    }
}

/// A mapping that was in force, with its stored id.
public struct MappingVersion: Sendable, Hashable {
    public var id: Int64
    public var hash: String
    public var mapping: Mapping
    /// Where changes recorded under this version are sent (sinks, welcome mail).
    public var outbox: OutboxTargets
    /// Earlier versions whose routes some facts still follow, by id (see
    /// ``MappingChanges/pinnedVersions()``), loaded by whoever parses mapping files.
    public var earlier: [Int64: Mapping] = [:]
    /// Which version was in force when (see ``MappingChanges/routingTimeline()``): a fact follows
    /// the routes of the version in force when it was recorded, or when the last backfill ran.
    public var timeline = RoutingTimeline()

    public init(id: Int64, hash: String, mapping: Mapping, outbox: OutboxTargets = OutboxTargets()) {
        self.id = id
        self.hash = hash
        self.mapping = mapping
        self.outbox = outbox
    }
}

/// A customer as stored.
public struct CustomerRecord: Sendable, Hashable, Codable {
    public var id: Int64
    /// The current email, normalised.
    public var email: String
    public var name: String?
    /// Former emails that still find this customer.
    public var aliases: [String]
    public var createdAt: Date
}

/// A fact as stored, with its place in the log.
public struct StoredFact: Sendable, Hashable {
    public var sequence: Int64
    public var recordedAt: Date
    public var fact: Fact
}

/// One customer's materialised access to one course.
public struct AccessRecord: Sendable, Hashable {
    public var customerID: Int64
    public var course: String
    public var state: AccessState
    public var changedAt: Date
}

/// A change of a customer's access, as the timeline and the outbox see it.
public struct AccessEvent: Sendable, Hashable {
    public var sequence: Int64
    public var customerID: Int64
    public var course: String
    public var kind: Kind
    public var state: AccessState
    /// The mapping version that decided the change.
    public var mappingVersion: Int64
    public var at: Date

    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case granted, revoked, expired, restored
        case expiryChanged = "expiry_changed"
    }
}

/// What ``AccessStore/record(_:under:now:)`` did with each fact and to access.
public struct RecordOutcome: Sendable {
    public var results: [FactResult]
    public var events: [AccessEvent]
    /// Customers created by this call (a welcome mail goes to new customers only).
    public var newCustomers: [Int64]

    /// What became of one fact.
    public enum FactResult: Sendable, Hashable {
        /// Stored, and about this customer.
        case recorded(customerID: Int64)
        /// Stored, but no customer is known yet (a refund before its order); it is
        /// attached when a fact naming the same order or subscription arrives.
        case pending
        /// The key was already stored: nothing changed.
        case duplicate
    }
}
