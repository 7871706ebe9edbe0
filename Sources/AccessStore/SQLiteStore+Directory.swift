import AccessKernel
import Foundation
import GRDB

/// Finding customers in the embedded store.
///
/// Search reads the trigram index `customer_search` (see ``CustomerSearchIndex``) in
/// customer-id order, so a page stops as soon as it is full: a query of three characters or
/// more matches anywhere in a name or email (current or former); a two-character query
/// matches the start of a word of the name or of an email; a one-character query matches
/// the start of an email, through the `customer_emails` primary key. Erased customers are
/// never found.
extension SQLiteStore: CustomerDirectory {
    public func searchCustomers(_ query: String, limit: Int, after: Int64?) async throws -> [CustomerSummary] {
        let lookup = CustomerSearchIndex.lookup(query)
        let limit = max(0, limit)
        let after = after ?? 0
        return try await pool.read { db in
            let ids: [Int64]
            switch lookup {
            case .everyone:
                ids = try db.values(Int64.self, """
                    SELECT id FROM customers WHERE id > ? AND erased_at IS NULL ORDER BY id LIMIT ?
                    """, [after, limit])
            case .phrase(let phrase):
                ids = try db.values(Int64.self, """
                    SELECT rowid FROM customer_search WHERE customer_search MATCH ? AND rowid > ? ORDER BY rowid LIMIT ?
                    """, [phrase, after, limit])
            case .emailPrefix(let prefix):
                ids = try Self.emailPrefixSearch(prefix, limit: limit, after: after, in: db)
            }
            return try Self.summaries(of: ids, in: db)
        }
    }

    public func courseMembers(course: String, status: String?, limit: Int, after: Int64?) async throws -> [CourseMember] {
        let statuses = status.map { [$0] } ?? ["active", "revoked", "expired"]
        let limit = max(0, limit)
        return try await pool.read { db in
            // One index range per status (access_course_status is course, status, customer),
            // merged by customer id: no sort of a whole course's customers.
            var rows: [Row] = []
            for status in statuses {
                rows += try db.rows("""
                    SELECT customer_id, state, changed_at FROM access
                    WHERE course_id = ? AND status = ? AND customer_id > ? ORDER BY customer_id LIMIT ?
                    """, [course, status, after ?? 0, limit])
            }
            rows = Array(rows.sorted { ($0["customer_id"] as Int64) < ($1["customer_id"] as Int64) }.prefix(limit))
            let summaries = Dictionary(uniqueKeysWithValues: try Self.summaries(of: rows.map { $0["customer_id"] }, in: db)
                .map { ($0.id, $0) })
            let decoder = Fact.makeDecoder()
            return try rows.compactMap { row in
                guard let summary = summaries[row["customer_id"]] else { return nil }
                return CourseMember(customer: summary, course: course, state: try StoredAccess.decode(row["state"], with: decoder),
                                    changedAt: Date(millis: row["changed_at"]))
            }
        }
    }

    public func activeCounts() async throws -> [String: Int] {
        try await pool.read { db in
            var counts: [String: Int] = [:]
            for row in try db.rows("SELECT course_id, COUNT(*) AS n FROM access WHERE status = 'active' GROUP BY course_id") {
                counts[row["course_id"]] = row["n"]
            }
            return counts
        }
    }

    /// Customers with an email (current or former) starting with `prefix`, in id order.
    ///
    /// A common start (many addresses) walks the customer index in id order and fills the
    /// page within a few thousand rows; a rare one reads its few addresses by the email
    /// primary key and sorts them. Either way no query reads the whole table.
    static func emailPrefixSearch(_ prefix: String, limit: Int, after: Int64, in db: Database) throws -> [Int64] {
        let range: StatementArguments = [prefix, prefix + "\u{10FFFF}"]
        let common = try db.value(Int.self, """
            SELECT count(*) FROM (SELECT 1 FROM customer_emails WHERE email >= ? AND email < ? LIMIT 20000)
            """, range) ?? 0
        // The unary + keeps SQLite off the customer index, so it reads the email range.
        let afterTerm = common >= 20_000 ? "e.customer_id > ?" : "+e.customer_id > ?"
        return try db.values(Int64.self, """
            SELECT DISTINCT e.customer_id FROM customer_emails e JOIN customers c ON c.id = e.customer_id
            WHERE e.email >= ? AND e.email < ? AND \(afterTerm) AND c.erased_at IS NULL
            ORDER BY e.customer_id LIMIT ?
            """, range + [after, limit])
    }

    /// Customers by id, in the order of `ids`, with the courses each may open now.
    static func summaries(of ids: [Int64], in db: Database) throws -> [CustomerSummary] {
        guard !ids.isEmpty else { return [] }
        let marks = Array(repeating: "?", count: ids.count).joined(separator: ", ")
        let arguments = StatementArguments(ids)
        var courses: [Int64: [String]] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT customer_id, course_id FROM access WHERE customer_id IN (\(marks)) AND status = 'active' ORDER BY course_id
            """, arguments: arguments) {
            courses[row["customer_id"], default: []].append(row["course_id"])
        }
        var customers: [Int64: CustomerSummary] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, email, name, created_at FROM customers WHERE id IN (\(marks))",
                                    arguments: arguments) {
            let id: Int64 = row["id"]
            customers[id] = CustomerSummary(id: id, email: row["email"], name: row["name"],
                                            createdAt: Date(millis: row["created_at"]), activeCourses: courses[id] ?? [])
        }
        return ids.compactMap { customers[$0] }
    }
}
