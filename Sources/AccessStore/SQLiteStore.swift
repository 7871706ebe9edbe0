import AccessKernel
import Foundation
import GRDB
import Logging

/// The embedded store: one SQLite file in WAL mode with `synchronous=FULL`, so that what
/// ``record(_:under:now:)`` returned survives a crash or power loss.
public struct SQLiteStore: AccessStore {
    let pool: DatabasePool
    let logger: Logger

    /// Opens (creating if needed) and migrates the database at `path`.
    public init(path: String, logger: Logger = Logger(label: "coursegate.store")) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(5)
        configuration.label = "coursegate"
        pool = try DatabasePool(path: path, configuration: configuration)
        self.logger = logger
        // GRDB sets synchronous=NORMAL on WAL databases after `prepareDatabase`; only the
        // writer connection commits, so set FULL there now and check it took.
        try pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        let synchronous = try synchronousMode()
        guard synchronous == 2 else { throw StoreError.notDurable(synchronous: synchronous) }
        try Schema.migrator.migrate(pool)
        logger.debug("store opened", metadata: ["path": "\(path)"])
    }

    /// `PRAGMA synchronous` on the writer connection (2 = FULL).
    public func synchronousMode() throws -> Int {
        try pool.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1 }
    }

    /// `PRAGMA journal_mode` (`wal`).
    public func journalMode() throws -> String {
        try pool.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" }
    }

    public func register(_ mapping: Mapping, hash: String, path: String, text: String) async throws -> MappingVersion {
        let id = try await pool.write { db -> Int64 in
            if let id = try Int64.fetchOne(db, sql: "SELECT id FROM mapping_versions WHERE hash = ?", arguments: [hash]) {
                return id
            }
            try db.execute(sql: "INSERT INTO mapping_versions (hash, path, text, created_at) VALUES (?, ?, ?, ?)",
                           arguments: [hash, path, text, millis(Date())])
            return db.lastInsertedRowID
        }
        return MappingVersion(id: id, hash: hash, mapping: mapping)
    }
}

/// Why the store refused to work.
public enum StoreError: Error, CustomStringConvertible {
    case notDurable(synchronous: Int)
    case corruptFact(sequence: Int64, underlying: String)
    /// A group was recorded but no outcome came back for it (a bug, never a user error).
    case missingOutcome
    /// A row names a customer that is not stored (a bug, never a user error).
    case unknownCustomer(Int64)

    public var description: String {
        switch self {
        case .notDurable(let value):
            "SQLite refused synchronous=FULL (got \(value)); acknowledged facts would not be durable"
        case .corruptFact(let sequence, let underlying):
            "stored fact #\(sequence) cannot be read: \(underlying)"
        case .missingOutcome:
            "a recorded group came back without its outcome"
        case .unknownCustomer(let id):
            "customer #\(id) is not stored"
        }
    }
}

/// Times are stored as integer milliseconds since 1970.
func millis(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }

extension Date {
    init(millis: Int64) { self.init(timeIntervalSince1970: Double(millis) / 1000) }
}

extension SQLiteStore {
    /// Runs raw SQL on the writer; for tests that prove the schema refuses things.
    public func executeForTesting(_ sql: String) throws {
        try pool.write { db in try db.execute(sql: sql) }
    }
}
