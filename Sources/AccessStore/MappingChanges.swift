import AccessKernel
import Foundation

/// Mapping edits while serving: which version is in force, what a new one would change
/// (the diff), and putting one in force, with or without recomputing existing customers.
public protocol MappingChanges: Sendable {
    /// The version in force: the last activation, or `nil` before the first one.
    func activeMapping() async throws -> MappingActivation?

    /// Every activation, newest first.
    func activations(limit: Int) async throws -> [MappingActivation]

    /// A stored version's file text, to parse again (rollback, pinned routes).
    func storedMapping(id: Int64) async throws -> StoredMappingText?

    /// The versions facts may still follow (in force since the last backfill), other than the
    /// one in force, with their text.
    func pinnedVersions() async throws -> [StoredMappingText]

    /// Which version was in force when, since the last backfill.
    func routingTimeline() async throws -> RoutingTimeline

    /// What recomputing every customer under `version` would change, customer by customer,
    /// without changing anything.
    func diff(to version: MappingVersion, now: Date) async throws -> MappingDiff

    /// Puts `version` in force. Facts recorded so far keep following the version that was in
    /// force (new purchases follow `version`), except with `backfill`, which moves every fact
    /// to `version` and starts a backfill (run it with ``runBackfill(_:under:batchSize:now:progress:)``).
    /// Nothing but the activation is written: which routes a fact follows is read off the
    /// timeline of activations.
    func activate(_ version: MappingVersion, mode: MappingActivation.Mode, actor: String, now: Date) async throws -> MappingActivation

    /// A backfill that was started and not finished (a crash, or a stopped command).
    func unfinishedBackfill() async throws -> Backfill?

    /// Recomputes customers of the backfill under `version`, `batchSize` per transaction, each
    /// batch committed with its cursor: after a crash it goes on where it stopped and does
    /// nothing twice. Every change is an access event (and goes to the outbox).
    func runBackfill(_ backfill: Backfill, under version: MappingVersion, batchSize: Int, now: Date,
                     progress: @Sendable (Backfill) -> Void) async throws -> Backfill
}

/// A mapping version put in force.
public struct MappingActivation: Sendable, Hashable, Codable {
    public enum Mode: String, Sendable, Hashable, Codable, CaseIterable {
        /// The gateway started with it.
        case start
        /// Reloaded while serving (file watch, SIGHUP, the API): new purchases follow it.
        case reload
        /// Every customer recomputed under it.
        case backfill
        /// Only facts recorded from now on follow its routes.
        case newPurchasesOnly = "new_purchases_only"
    }

    public var id: Int64
    public var version: Int64
    public var hash: String
    public var path: String
    public var mode: Mode
    public var actor: String
    public var at: Date
    /// The backfill it started, if any.
    public var backfill: Backfill?
}

/// Which mapping version was in force when, since the last backfill: what tells the routes a
/// fact follows without writing anything to the facts.
public struct RoutingTimeline: Sendable, Hashable {
    /// One version put in force at one time.
    public struct Activation: Sendable, Hashable {
        public var at: Date
        public var version: Int64

        public init(at: Date, version: Int64) {
            self.at = at
            self.version = version
        }
    }

    /// Activations since the last backfill (that one included), oldest first.
    public var activations: [Activation]
    /// When the last backfill started: every fact recorded before follows its version.
    public var lastBackfill: Date?

    public init(activations: [Activation] = [], lastBackfill: Date? = nil) {
        self.activations = activations
        self.lastBackfill = lastBackfill
    }

    /// The version whose routes a fact recorded at `recordedAt` follows, or `nil` (the one in force).
    public func version(forRecordedAt recordedAt: Date) -> Int64? {
        let moment = max(recordedAt, lastBackfill ?? recordedAt)
        return activations.last { $0.at <= moment }?.version
    }
}

/// A stored mapping file.
public struct StoredMappingText: Sendable, Hashable {
    public var id: Int64
    public var hash: String
    public var path: String
    public var text: String
    public var createdAt: Date
}

/// A backfill's progress.
public struct Backfill: Sendable, Hashable, Codable {
    public var id: Int64
    public var version: Int64
    /// Customers to recompute, and recomputed so far.
    public var total: Int
    public var done: Int
    /// Access events written so far.
    public var events: Int
    public var finished: Bool
}

/// What a mapping would change: per course and per customer.
public struct MappingDiff: Sendable, Hashable {
    /// Per course: customers who would gain it, lose it, or whose expiry would change.
    public var courses: [String: CourseCounts]
    /// Every customer whose access would change, by id.
    public var customers: [CustomerChange]
    /// Active access (customer × course) now, the base of the guard rail's share.
    public var activeBefore: Int
    /// Customers looked at.
    public var customersChecked: Int

    public struct CourseCounts: Sendable, Hashable, Codable {
        public var gained = 0
        public var lost = 0
        public var changed = 0
        public init() {}
    }

    public struct CustomerChange: Sendable, Hashable, Codable {
        public var customerID: Int64
        public var email: String
        /// Courses they would be able to open and cannot now.
        public var gained: [String]
        /// Courses they can open now and would not.
        public var lost: [String]
        /// Courses whose expiry or status would change without gaining or losing access.
        public var changed: [String]
    }

    /// Access that would be lost, over all courses.
    public var lost: Int { courses.values.reduce(0) { $0 + $1.lost } }
    public var gained: Int { courses.values.reduce(0) { $0 + $1.gained } }

    /// The share of active access that would be lost (0 when nothing is active).
    public var lostShare: Double { activeBefore == 0 ? 0 : Double(lost) / Double(activeBefore) }
}
