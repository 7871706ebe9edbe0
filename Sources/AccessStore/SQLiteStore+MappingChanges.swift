import AccessKernel
import Foundation
import GRDB

extension SQLiteStore: MappingChanges {
    public func activeMapping() async throws -> MappingActivation? {
        try await activations(limit: 1).first
    }

    public func activations(limit: Int) async throws -> [MappingActivation] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT a.id, a.version, a.mode, a.actor, a.at, v.hash, v.path FROM mapping_activations a
                JOIN mapping_versions v ON v.id = a.version ORDER BY a.id DESC LIMIT ?
                """, arguments: [limit]).map { row in
                MappingActivation(id: row["id"], version: row["version"], hash: row["hash"], path: row["path"],
                                  mode: MappingActivation.Mode(rawValue: row["mode"]) ?? .reload, actor: row["actor"],
                                  at: Date(millis: row["at"]), backfill: nil)
            }
        }
    }

    public func storedMapping(id: Int64) async throws -> StoredMappingText? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM mapping_versions WHERE id = ?", arguments: [id]).map(Self.mappingText)
        }
    }

    public func pinnedVersions() async throws -> [StoredMappingText] {
        try await pool.read { db in
            let timeline = try Self.timeline(in: db)
            let current = timeline.activations.last?.version
            let versions = Set(timeline.activations.map(\.version)).subtracting([current].compactMap { $0 })
            return try versions.sorted().compactMap { id in
                try Row.fetchOne(db, sql: "SELECT * FROM mapping_versions WHERE id = ?", arguments: [id]).map(Self.mappingText)
            }
        }
    }

    public func routingTimeline() async throws -> RoutingTimeline {
        try await pool.read { db in try Self.timeline(in: db) }
    }

    static func timeline(in db: Database) throws -> RoutingTimeline {
        let backfill = try Row.fetchOne(db, sql: "SELECT id, at FROM mapping_activations WHERE mode = 'backfill' ORDER BY id DESC LIMIT 1")
        let since: Int64 = backfill?["id"] ?? 0
        let rows = try Row.fetchAll(db, sql: "SELECT version, at FROM mapping_activations WHERE id >= ? ORDER BY id", arguments: [since])
        return RoutingTimeline(activations: rows.map { .init(at: Date(millis: $0["at"]), version: $0["version"]) },
                               lastBackfill: (backfill?["at"] as Int64?).map(Date.init(millis:)))
    }

    public func diff(to version: MappingVersion, now: Date) async throws -> MappingDiff {
        try await pool.read { db in
            var diff = MappingDiff(courses: [:], customers: [], activeBefore: 0, customersChecked: 0)
            diff.activeBefore = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM access WHERE status = 'active'") ?? 0
            // As a backfill would: every fact unpinned, derived under the new version.
            var unpinned = version
            unpinned.earlier = [:]
            var after: Int64 = 0
            while true {
                let batch = try Row.fetchAll(db, sql: "SELECT id, email FROM customers WHERE id > ? ORDER BY id LIMIT 1000",
                                             arguments: [after])
                guard let last = batch.last else { break }
                after = last["id"]
                let scratch = TransactionScratch()
                let materialiser = AccessMaterialiser(db: db, mapping: unpinned, now: now, scratch: scratch)
                for row in batch {
                    let customer: Int64 = row["id"]
                    diff.customersChecked += 1
                    let derived = try materialiser.derivedAccess(of: customer, unpinned: true)
                    let current = try StoredAccess.all(of: customer, in: db, scratch: scratch)
                    var change = MappingDiff.CustomerChange(customerID: customer, email: row["email"], gained: [], lost: [], changed: [])
                    for course in Set(derived.keys).union(current.keys).sorted() {
                        let old = current[course] ?? .none
                        let new = derived[course] ?? .none
                        guard old.status != new.status else { continue }
                        var counts = diff.courses[course] ?? MappingDiff.CourseCounts()
                        switch (old.isActive, new.isActive) {
                        case (false, true): change.gained.append(course); counts.gained += 1
                        case (true, false): change.lost.append(course); counts.lost += 1
                        default: change.changed.append(course); counts.changed += 1
                        }
                        diff.courses[course] = counts
                    }
                    if !(change.gained.isEmpty && change.lost.isEmpty && change.changed.isEmpty) {
                        diff.customers.append(change)
                    }
                }
            }
            return diff
        }
    }

    public func activate(_ version: MappingVersion, mode: MappingActivation.Mode, actor: String,
                         now: Date) async throws -> MappingActivation {
        try await pool.write { db in
            try db.execute(sql: "INSERT INTO mapping_activations (version, mode, actor, at) VALUES (?, ?, ?, ?)",
                           arguments: [version.id, mode.rawValue, actor, millis(now)])
            let id = db.lastInsertedRowID
            var backfill: Backfill?
            if mode == .backfill {
                let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM customers") ?? 0
                try db.execute(sql: "INSERT INTO backfills (version, total, started_at) VALUES (?, ?, ?)",
                               arguments: [version.id, total, millis(now)])
                backfill = Backfill(id: db.lastInsertedRowID, version: version.id, total: total, done: 0, events: 0, finished: false)
            }
            let row = try Row.fetchOne(db, sql: "SELECT hash, path FROM mapping_versions WHERE id = ?", arguments: [version.id])
            return MappingActivation(id: id, version: version.id, hash: row?["hash"] ?? version.hash, path: row?["path"] ?? "",
                                     mode: mode, actor: actor, at: now, backfill: backfill)
        }
    }

    public func unfinishedBackfill() async throws -> Backfill? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM backfills WHERE finished_at IS NULL ORDER BY id DESC LIMIT 1").map(Self.backfill)
        }
    }

    public func runBackfill(_ backfill: Backfill, under version: MappingVersion, batchSize: Int, now: Date,
                            progress: @Sendable (Backfill) -> Void) async throws -> Backfill {
        var stripped = version
        stripped.earlier = [:]
        let unpinned = stripped
        while true {
            // Stopping between batches leaves a consistent cursor to resume from.
            try Task.checkCancellation()
            let state = try await pool.write { db -> Backfill in
                guard let row = try Row.fetchOne(db, sql: "SELECT * FROM backfills WHERE id = ?", arguments: [backfill.id]) else {
                    throw StoreError.missingOutcome
                }
                let current = Self.backfill(row)
                guard !current.finished else { return current }
                let cursor: Int64 = row["last_customer"]
                let customers = try Int64.fetchAll(db, sql: "SELECT id FROM customers WHERE id > ? ORDER BY id LIMIT ?",
                                                   arguments: [cursor, batchSize])
                guard let last = customers.last else {
                    try db.execute(sql: "UPDATE backfills SET finished_at = ? WHERE id = ?", arguments: [millis(now), backfill.id])
                    return Backfill(id: current.id, version: current.version, total: current.total, done: current.done,
                                    events: current.events, finished: true)
                }
                let scratch = TransactionScratch()
                let materialiser = AccessMaterialiser(db: db, mapping: unpinned, now: now, scratch: scratch)
                var events: [AccessEvent] = []
                for customer in customers {
                    events += try materialiser.recompute(customer)
                }
                try OutboxWriter(db: db, targets: version.outbox, now: now, scratch: scratch).write(newCustomers: [], events: events)
                try db.execute(sql: "UPDATE backfills SET last_customer = ?, done = done + ?, events = events + ? WHERE id = ?",
                               arguments: [last, customers.count, events.count, backfill.id])
                return Backfill(id: current.id, version: current.version, total: current.total,
                                done: current.done + customers.count, events: current.events + events.count, finished: false)
            }
            progress(state)
            if state.finished { return state }
        }
    }

    private static func mappingText(_ row: Row) -> StoredMappingText {
        StoredMappingText(id: row["id"], hash: row["hash"], path: row["path"], text: row["text"], createdAt: Date(millis: row["created_at"]))
    }

    private static func backfill(_ row: Row) -> Backfill {
        Backfill(id: row["id"], version: row["version"], total: row["total"], done: row["done"], events: row["events"],
                 finished: (row["finished_at"] as Int64?) != nil)
    }
}
