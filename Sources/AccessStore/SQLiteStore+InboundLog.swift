import Foundation
import GRDB

extension SQLiteStore: InboundLog {
    /// How many entries the log keeps; each append drops the older ones.
    public static let inboundLogCapacity = 10_000

    public func logInbound(_ entries: [InboundDelivery]) async throws {
        guard !entries.isEmpty else { return }
        try await pool.write { db in
            let insert = try db.cachedStatement(sql: """
                INSERT INTO inbound_deliveries (instance, received_at, outcome, http_status, detail, fact_keys)
                VALUES (?, ?, ?, ?, ?, ?)
                """)
            for entry in entries {
                try insert.execute(arguments: [
                    entry.instance, millis(entry.receivedAt), entry.outcome.rawValue, entry.httpStatus, entry.detail,
                    entry.factKeys.isEmpty ? nil : entry.factKeys.joined(separator: "\n"),
                ])
            }
            // Keep the newest rows only: everything below the capacity-th newest id goes.
            try db.execute(sql: """
                DELETE FROM inbound_deliveries WHERE id < (
                    SELECT id FROM inbound_deliveries ORDER BY id DESC LIMIT 1 OFFSET ?)
                """, arguments: [Self.inboundLogCapacity - 1])
        }
    }

    public func inboundDeliveries(instance: String?, outcome: InboundDelivery.Outcome?, limit: Int) async throws -> [InboundDelivery] {
        try await pool.read { db in
            var conditions: [String] = []
            var arguments: StatementArguments = []
            if let instance {
                conditions.append("instance = ?")
                arguments += [instance]
            }
            if let outcome {
                conditions.append("outcome = ?")
                arguments += [outcome.rawValue]
            }
            let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            arguments += [max(0, limit)]
            return try Row.fetchAll(db, sql: """
                SELECT id, instance, received_at, outcome, http_status, detail, fact_keys
                FROM inbound_deliveries \(filter) ORDER BY id DESC LIMIT ?
                """, arguments: arguments).map { row in
                let keys: String? = row["fact_keys"]
                return InboundDelivery(
                    id: row["id"], instance: row["instance"], receivedAt: Date(millis: row["received_at"]),
                    outcome: InboundDelivery.Outcome(rawValue: row["outcome"]) ?? .rejected, httpStatus: row["http_status"],
                    detail: row["detail"], factKeys: keys.map { $0.split(separator: "\n").map(String.init) } ?? [])
            }
        }
    }
}
