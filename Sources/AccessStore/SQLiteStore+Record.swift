import AccessKernel
import Foundation
import GRDB

extension SQLiteStore {
    public func record(_ facts: [Fact], under mapping: MappingVersion, now: Date) async throws -> RecordOutcome {
        try await pool.write { db in try Self.record(facts, under: mapping, now: now, in: db) }
    }

    public func record(groups: [[Fact]], under mapping: MappingVersion, now: Date) async throws -> [RecordOutcome] {
        try await pool.write { db in try groups.map { try Self.record($0, under: mapping, now: now, in: db) } }
    }

    /// The body of ``record(_:under:now:)``, inside the caller's transaction, so that a group
    /// of webhooks can share one commit.
    static func record(_ facts: [Fact], under mapping: MappingVersion, now: Date,
                       in db: Database) throws -> RecordOutcome {
        var resolver = CustomerResolver(db: db, now: now)
        var results: [RecordOutcome.FactResult] = []
        var affected = Set<Int64>()
        let encoder = Fact.makeEncoder()
        for fact in facts {
            let body = String(decoding: try encoder.encode(fact), as: UTF8.self)
            try db.execute(sql: """
                INSERT INTO facts (key, instance, kind, mode, occurred_at, recorded_at, body)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(key) DO NOTHING
                """, arguments: [fact.key.rawValue, fact.instance, fact.event.kindName, fact.mode.rawValue,
                                 millis(fact.occurredAt), millis(now), body])
            guard db.changesCount == 1 else {
                results.append(.duplicate)
                continue
            }
            let sequence = db.lastInsertedRowID
            if let customer = try resolver.attach(fact, sequence: sequence) {
                affected.formUnion(resolver.touched)
                results.append(.recorded(customerID: customer))
            } else {
                results.append(.pending)
            }
            affected.formUnion(resolver.touched)
        }
        var events: [AccessEvent] = []
        for customer in affected.sorted() {
            events += try AccessMaterialiser(db: db, mapping: mapping, now: now).recompute(customer)
        }
        return RecordOutcome(results: results, events: events, newCustomers: resolver.created)
    }

    public func sweep(under mapping: MappingVersion, now: Date) async throws -> [AccessEvent] {
        try await pool.write { db in
            let due = try Int64.fetchAll(db, sql: """
                SELECT DISTINCT customer_id FROM access
                WHERE status = 'active' AND until IS NOT NULL AND until <= ? ORDER BY customer_id
                """, arguments: [millis(now)])
            let materialiser = AccessMaterialiser(db: db, mapping: mapping, now: now)
            return try due.flatMap { try materialiser.recompute($0) }
        }
    }
}
