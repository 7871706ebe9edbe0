import AccessKernel
import Foundation
import GRDB

/// Recomputes one customer's access from all their facts and writes what changed: the
/// materialised rows and one access event per change.
struct AccessMaterialiser {
    let db: Database
    let mapping: MappingVersion
    let now: Date

    func recompute(_ customer: Int64) throws -> [AccessEvent] {
        let facts = try StoredFacts.all(of: customer, in: db).map(\.fact)
        let derived = derive(facts, mapping: mapping.mapping, now: now)
        let current = try StoredAccess.all(of: customer, in: db)
        var events: [AccessEvent] = []
        for course in Set(derived.keys).union(current.keys).sorted() {
            let old = current[course] ?? .none
            let new = derived[course] ?? .none
            guard old != new else { continue }
            try write(new, course: course, customer: customer)
            guard let kind = AccessEvent.Kind(from: old, to: new) else { continue }
            events.append(try append(kind, state: new, course: course, customer: customer))
        }
        return events
    }

    private func write(_ state: AccessState, course: String, customer: Int64) throws {
        if state.status == .none {
            try db.execute(sql: "DELETE FROM access WHERE customer_id = ? AND course_id = ?", arguments: [customer, course])
            return
        }
        try db.execute(sql: """
            INSERT INTO access (customer_id, course_id, status, until, state, changed_at) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT(customer_id, course_id) DO UPDATE SET
                status = excluded.status, until = excluded.until, state = excluded.state, changed_at = excluded.changed_at
            """, arguments: [customer, course, state.status.name, state.status.date.map(millis),
                             try StoredAccess.encode(state), millis(now)])
    }

    private func append(_ kind: AccessEvent.Kind, state: AccessState, course: String, customer: Int64) throws -> AccessEvent {
        try db.execute(sql: """
            INSERT INTO access_events (customer_id, course_id, kind, state, mapping_version, at) VALUES (?, ?, ?, ?, ?, ?)
            """, arguments: [customer, course, kind.rawValue, try StoredAccess.encode(state), mapping.id, millis(now)])
        return AccessEvent(sequence: db.lastInsertedRowID, customerID: customer, course: course, kind: kind,
                           state: state, mappingVersion: mapping.id, at: now)
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

/// Reading and writing materialised access rows.
enum StoredAccess {
    static func encode(_ state: AccessState) throws -> String {
        String(decoding: try Fact.makeEncoder().encode(state), as: UTF8.self)
    }

    static func decode(_ text: String) throws -> AccessState {
        try Fact.makeDecoder().decode(AccessState.self, from: Data(text.utf8))
    }

    static func all(of customer: Int64, in db: Database) throws -> [String: AccessState] {
        var result: [String: AccessState] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT course_id, state FROM access WHERE customer_id = ?", arguments: [customer]) {
            result[row["course_id"]] = try decode(row["state"])
        }
        return result
    }
}

/// Reading a customer's facts.
enum StoredFacts {
    static func all(of customer: Int64, in db: Database) throws -> [StoredFact] {
        let decoder = Fact.makeDecoder()
        return try Row.fetchAll(db, sql: "SELECT seq, recorded_at, body FROM facts WHERE customer_id = ? ORDER BY seq",
                                arguments: [customer]).map { row in
            let sequence: Int64 = row["seq"]
            do {
                let fact = try decoder.decode(Fact.self, from: Data((row["body"] as String).utf8))
                return StoredFact(sequence: sequence, recordedAt: Date(millis: row["recorded_at"]), fact: fact)
            } catch {
                throw StoreError.corruptFact(sequence: sequence, underlying: "\(error)")
            }
        }
    }
}
