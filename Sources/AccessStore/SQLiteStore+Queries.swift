import AccessKernel
import Foundation
import GRDB

extension SQLiteStore {
    public func customer(email: String) async throws -> CustomerRecord? {
        try await pool.read { db in
            guard let id = try Int64.fetchOne(db, sql: "SELECT customer_id FROM customer_emails WHERE email = ?",
                                              arguments: [EmailAddress.normalise(email)]) else { return nil }
            return try Self.customer(id: id, in: db)
        }
    }

    /// The customer with this id.
    public func customer(id: Int64) async throws -> CustomerRecord? {
        try await pool.read { db in try Self.customer(id: id, in: db) }
    }

    static func customer(id: Int64, in db: Database) throws -> CustomerRecord? {
        guard let row = try Row.fetchOne(db, sql: "SELECT id, email, name, created_at FROM customers WHERE id = ?",
                                         arguments: [id]) else { return nil }
        let email: String = row["email"]
        let aliases = try String.fetchAll(db, sql: """
            SELECT email FROM customer_emails WHERE customer_id = ? AND email != ? ORDER BY added_at, email
            """, arguments: [id, email])
        return CustomerRecord(id: id, email: email, name: row["name"], aliases: aliases,
                              createdAt: Date(millis: row["created_at"]))
    }

    public func access(customerID: Int64) async throws -> [AccessRecord] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT course_id, state, changed_at FROM access WHERE customer_id = ? ORDER BY course_id",
                             arguments: [customerID]).map { row in
                AccessRecord(customerID: customerID, course: row["course_id"], state: try StoredAccess.decode(row["state"]),
                             changedAt: Date(millis: row["changed_at"]))
            }
        }
    }

    public func accessStatus(email: String, course: String) async throws -> AccessLookup {
        let email = EmailAddress.normalise(email)
        return try await pool.read { db in
            guard let row = try Row.fetchOne(db.cachedStatement(sql: """
                SELECT a.customer_id, a.status, a.until, CASE a.status WHEN 'revoked' THEN a.state END AS state
                FROM customer_emails e JOIN access a ON a.customer_id = e.customer_id
                WHERE e.email = ? AND a.course_id = ?
                """), arguments: [email, course]) else { return AccessLookup(customerID: nil, status: .none) }
            let until: Int64? = row["until"]
            let status: AccessStatus
            switch row["status"] as String {
            case "active": status = .active(until: until.map(Date.init(millis:)))
            case "expired": status = until.map { .expired(at: Date(millis: $0)) } ?? .none
            case "revoked": status = try StoredAccess.decode(row["state"]).status
            default: status = .none
            }
            return AccessLookup(customerID: row["customer_id"], status: status)
        }
    }

    public func facts(customerID: Int64) async throws -> [StoredFact] {
        try await pool.read { db in try StoredFacts.all(of: customerID, in: db, scratch: TransactionScratch()) }
    }

    public func accessEvents(customerID: Int64) async throws -> [AccessEvent] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT seq, course_id, kind, state, mapping_version, at FROM access_events WHERE customer_id = ? ORDER BY seq
                """, arguments: [customerID]).map { row in
                AccessEvent(sequence: row["seq"], customerID: customerID, course: row["course_id"],
                            kind: AccessEvent.Kind(rawValue: row["kind"]) ?? .granted,
                            state: try StoredAccess.decode(row["state"]), mappingVersion: row["mapping_version"],
                            at: Date(millis: row["at"]))
            }
        }
    }

    /// How many facts are stored, and how many wait for a customer.
    public func factCounts() async throws -> FactCounts {
        try await pool.read { db in
            FactCounts(total: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM facts") ?? 0,
                       pending: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM facts WHERE customer_id IS NULL") ?? 0)
        }
    }

    public func storedKeys(among keys: [FactKey]) async throws -> Set<FactKey> {
        try await pool.read { db in
            var stored = Set<FactKey>()
            for key in keys where try db.value(Int64.self, "SELECT seq FROM facts WHERE key = ?", [key.rawValue]) != nil {
                stored.insert(key)
            }
            return stored
        }
    }

    /// Keys of every stored fact, in recording order (for audits and tests).
    public func factKeys() async throws -> [FactKey] {
        try await pool.read { db in try String.fetchAll(db, sql: "SELECT key FROM facts ORDER BY seq").map { FactKey($0) } }
    }
}

/// Counts of stored facts.
public struct FactCounts: Sendable, Hashable {
    public var total: Int
    /// Facts no customer is known for yet.
    public var pending: Int
}
