import AccessKernel
import Foundation
import GRDB

extension SQLiteStore {
    public func record(_ facts: [Fact], under mapping: MappingVersion, now: Date) async throws -> RecordOutcome {
        guard let outcome = try await record(groups: [facts], under: mapping, now: now).first else {
            throw StoreError.missingOutcome
        }
        return outcome
    }

    public func record(groups: [[Fact]], under mapping: MappingVersion, now: Date) async throws -> [RecordOutcome] {
        // Encoded here, on the caller's task, so the single writer connection spends its
        // time on SQLite rather than on JSON.
        let encoder = Fact.makeEncoder()
        let encoded = try groups.map { group in
            try group.map { EncodedFact(fact: $0, body: String(decoding: try encoder.encode($0), as: UTF8.self)) }
        }
        return try await pool.write { db in
            let scratch = TransactionScratch()
            return try encoded.map { try Self.record($0, under: mapping, now: now, in: db, scratch: scratch) }
        }
    }

    /// The body of ``record(_:under:now:)``, inside the caller's transaction, so that a group
    /// of webhooks can share one commit.
    static func record(_ facts: [EncodedFact], under mapping: MappingVersion, now: Date,
                       in db: Database, scratch: TransactionScratch) throws -> RecordOutcome {
        var resolver = CustomerResolver(db: db, now: now, scratch: scratch)
        var results: [RecordOutcome.FactResult] = []
        var affected = Set<Int64>()
        var erased: [Int64] = []
        for encoded in facts {
            let fact = encoded.fact
            try db.run("""
                INSERT INTO facts (key, instance, kind, mode, occurred_at, recorded_at, body)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(key) DO NOTHING
                """, [fact.key.rawValue, fact.instance, fact.event.kindName, fact.mode.rawValue,
                      millis(fact.occurredAt), millis(now), encoded.body])
            guard db.changesCount == 1 else {
                results.append(.duplicate)
                continue
            }
            let sequence = db.lastInsertedRowID
            scratch.facts[sequence] = fact
            if let customer = try resolver.attach(fact, sequence: sequence) {
                results.append(.recorded(customerID: customer))
                if case .detailsChanged(let details) = fact.event, details.erased { erased.append(customer) }
            } else {
                results.append(.pending)
            }
            affected.formUnion(resolver.touched)
        }
        let materialiser = AccessMaterialiser(db: db, mapping: mapping, now: now, scratch: scratch)
        var events: [AccessEvent] = []
        for customer in affected.sorted() {
            events += try materialiser.recompute(customer)
        }
        try OutboxWriter(db: db, targets: mapping.outbox, now: now, scratch: scratch)
            .write(newCustomers: resolver.created, events: events, erased: erased)
        return RecordOutcome(results: results, events: events, newCustomers: resolver.created)
    }

    public func sweep(under mapping: MappingVersion, now: Date) async throws -> [AccessEvent] {
        try await pool.write { db in
            let due = try db.values(Int64.self, """
                SELECT DISTINCT customer_id FROM access
                WHERE status = 'active' AND until IS NOT NULL AND until <= ? ORDER BY customer_id
                """, [millis(now)])
            let scratch = TransactionScratch()
            let materialiser = AccessMaterialiser(db: db, mapping: mapping, now: now, scratch: scratch)
            let events = try due.flatMap { try materialiser.recompute($0) }
            try OutboxWriter(db: db, targets: mapping.outbox, now: now, scratch: scratch).write(newCustomers: [], events: events)
            return events
        }
    }
}

/// A fact with its stored JSON body, encoded before the write transaction.
struct EncodedFact: Sendable {
    var fact: Fact
    var body: String
}
