import AccessKernel
import Foundation
import GRDB

/// Recomputes one customer's access from all their facts and writes what changed: the
/// materialised rows and one access event per change.
struct AccessMaterialiser {
    let db: Database
    let mapping: MappingVersion
    let now: Date
    let scratch: TransactionScratch

    func recompute(_ customer: Int64) throws -> [AccessEvent] {
        let derived = try derivedAccess(of: customer)
        let current = try StoredAccess.all(of: customer, in: db, scratch: scratch)
        var events: [AccessEvent] = []
        for course in Set(derived.keys).union(current.keys).sorted() {
            let old = current[course] ?? .none
            let new = derived[course] ?? .none
            guard old != new else { continue }
            let encoded = try scratch.encode(new)
            try write(new, encoded: encoded, course: course, customer: customer)
            guard let kind = AccessEvent.Kind(from: old, to: new) else { continue }
            try db.run("""
                INSERT INTO access_events (customer_id, course_id, kind, state, mapping_version, at) VALUES (?, ?, ?, ?, ?, ?)
                """, [customer, course, kind.rawValue, encoded, mapping.id, millis(now)])
            events.append(AccessEvent(sequence: db.lastInsertedRowID, customerID: customer, course: course, kind: kind,
                                      state: new, mappingVersion: mapping.id, at: now))
        }
        return events
    }

    /// The customer's access under the mapping, facts pinned to an earlier version following
    /// that version's routes (a version this process did not load follows the current one).
    func derivedAccess(of customer: Int64, unpinned: Bool = false) throws -> [String: AccessState] {
        var facts: [Fact] = []
        var pinned: [FactKey: Mapping] = [:]
        let pins = !unpinned && !mapping.earlier.isEmpty
        for row in try db.rows("SELECT seq, recorded_at, body FROM facts WHERE customer_id = ? ORDER BY seq", [customer]) {
            let fact = try scratch.fact(row["seq"], body: row["body"])
            facts.append(fact)
            if pins, let version = mapping.timeline.version(forRecordedAt: Date(millis: row["recorded_at"])),
               version != mapping.id, let earlier = mapping.earlier[version] {
                pinned[fact.key] = earlier
            }
        }
        return derive(facts, mapping: mapping.mapping, now: now, pinned: pinned)
    }

    private func write(_ state: AccessState, encoded: String, course: String, customer: Int64) throws {
        if state.status == .none {
            try db.run("DELETE FROM access WHERE customer_id = ? AND course_id = ?", [customer, course])
            return
        }
        try db.run("""
            INSERT INTO access (customer_id, course_id, status, until, state, changed_at) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT(customer_id, course_id) DO UPDATE SET
                status = excluded.status, until = excluded.until, state = excluded.state, changed_at = excluded.changed_at
            """, [customer, course, state.status.name, state.status.date.map(millis), encoded, millis(now)])
    }
}

extension AccessEvent.Kind {
    /// The event a change of state is, or `nil` when only the causes changed.
    init?(from old: AccessState, to new: AccessState) {
        switch (old.status, new.status) {
        case (.active(let before), .active(let after)):
            guard before != after else { return nil }
            self = .expiryChanged
        case (_, .active):
            self = new.causes.contains { $0.role == .restore } ? .restored : .granted
        case (_, .revoked):
            if case .revoked = old.status, old.status == new.status { return nil }
            self = .revoked
        case (_, .expired):
            if case .expired = old.status { return nil }
            self = .expired
        case (.none, .none):
            return nil
        case (_, .none):
            // A mapping edit removed the course from every source.
            self = .revoked
        }
    }
}

/// Reading materialised access rows.
enum StoredAccess {
    static func decode(_ text: String, with decoder: JSONDecoder = Fact.makeDecoder()) throws -> AccessState {
        try decoder.decode(AccessState.self, from: Data(text.utf8))
    }

    static func all(of customer: Int64, in db: Database, scratch: TransactionScratch) throws -> [String: AccessState] {
        var result: [String: AccessState] = [:]
        for row in try db.rows("SELECT course_id, state FROM access WHERE customer_id = ?", [customer]) {
            result[row["course_id"]] = try decode(row["state"], with: scratch.decoder)
        }
        return result
    }
}

/// Reading a customer's facts.
enum StoredFacts {
    static func all(of customer: Int64, in db: Database, scratch: TransactionScratch) throws -> [StoredFact] {
        try db.rows("SELECT seq, recorded_at, body FROM facts WHERE customer_id = ? ORDER BY seq", [customer]).map { row in
            let sequence: Int64 = row["seq"]
            return StoredFact(sequence: sequence, recordedAt: Date(millis: row["recorded_at"]),
                              fact: try scratch.fact(sequence, body: row["body"]))
        }
    }
}
