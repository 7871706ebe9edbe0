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

    /// The versions facts are pinned to, other than the one in force, with their text.
    func pinnedVersions() async throws -> [StoredMappingText]

    /// What recomputing every customer under `version` would change, customer by customer,
    /// without changing anything.
    func diff(to version: MappingVersion, now: Date) async throws -> MappingDiff

    /// Puts `version` in force. Every mode but `backfill` pins the facts recorded so far to
    /// the version that was in force (their routes stay; new purchases follow `version`);
    /// `backfill` starts a backfill (run it with ``runBackfill(_:under:batchSize:now:progress:)``).
    /// Either way it is recorded.
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
