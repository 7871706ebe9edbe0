import AccessKernel
import Foundation
import GRDB

/// Finds or creates the customer a new fact is about, inside the record transaction.
///
/// By email first (normalised; former emails count); else through the provider ids that
/// earlier facts tied to a customer (order, subscription, provider customer id). A fact
/// with neither waits as pending and is adopted when a fact naming one of its ids lands,
/// so a refund that arrives before its order ends in the same state.
struct CustomerResolver {
    let db: Database
    let now: Date
    /// Customers whose facts changed during the last ``attach(_:sequence:)``.
    private(set) var touched = Set<Int64>()
    /// Customers created so far in this transaction.
    private(set) var created: [Int64] = []

    init(db: Database, now: Date) {
        self.db = db
        self.now = now
    }

    /// Attaches the fact stored as `sequence` to its customer; `nil` when it stays pending.
    mutating func attach(_ fact: Fact, sequence: Int64) throws -> Int64? {
        touched = []
        let references = fact.establishedReferences
        guard let customer = try findOrCreate(fact, references: references) else {
            for reference in references {
                try db.execute(sql: "INSERT OR IGNORE INTO pending_refs (instance, kind, ref, fact_seq) VALUES (?, ?, ?, ?)",
                               arguments: [reference.instance, reference.kind.rawValue, reference.id, sequence])
            }
            return nil
        }
        try db.execute(sql: "UPDATE facts SET customer_id = ? WHERE seq = ?", arguments: [customer, sequence])
        touched.insert(customer)
        try applyDetails(of: fact, to: customer)
        try link(references, to: customer)
        return customer
    }

    private mutating func findOrCreate(_ fact: Fact, references: [Reference]) throws -> Int64? {
        if let raw = fact.customer.email, EmailAddress.isPlausible(raw) {
            let email = EmailAddress.normalise(raw)
            if let id = try Int64.fetchOne(db, sql: "SELECT customer_id FROM customer_emails WHERE email = ?",
                                           arguments: [email]) {
                if let name = fact.customer.name, !name.isEmpty {
                    try db.execute(sql: "UPDATE customers SET name = ? WHERE id = ? AND name IS NULL", arguments: [name, id])
                }
                return id
            }
            try db.execute(sql: "INSERT INTO customers (email, name, created_at) VALUES (?, ?, ?)",
                           arguments: [email, fact.customer.name, millis(now)])
            let id = db.lastInsertedRowID
            try db.execute(sql: "INSERT INTO customer_emails (email, customer_id, added_at) VALUES (?, ?, ?)",
                           arguments: [email, id, millis(now)])
            created.append(id)
            return id
        }
        for reference in references {
            if let id = try Int64.fetchOne(db, sql: "SELECT customer_id FROM refs WHERE instance = ? AND kind = ? AND ref = ?",
                                           arguments: [reference.instance, reference.kind.rawValue, reference.id]) {
                return id
            }
        }
        return nil
    }

    /// Ties provider ids to the customer and adopts the pending facts that named them,
    /// following the ids those facts name in turn.
    private mutating func link(_ references: [Reference], to customer: Int64) throws {
        var queue = references
        while let reference = queue.popLast() {
            try db.execute(sql: "INSERT OR IGNORE INTO refs (instance, kind, ref, customer_id) VALUES (?, ?, ?, ?)",
                           arguments: [reference.instance, reference.kind.rawValue, reference.id, customer])
            let waiting = try Int64.fetchAll(db, sql: """
                SELECT fact_seq FROM pending_refs WHERE instance = ? AND kind = ? AND ref = ?
                """, arguments: [reference.instance, reference.kind.rawValue, reference.id])
            for sequence in waiting {
                try db.execute(sql: "UPDATE facts SET customer_id = ? WHERE seq = ? AND customer_id IS NULL",
                               arguments: [customer, sequence])
                try db.execute(sql: "DELETE FROM pending_refs WHERE fact_seq = ?", arguments: [sequence])
                if let body = try String.fetchOne(db, sql: "SELECT body FROM facts WHERE seq = ?", arguments: [sequence]),
                   let adopted = try? Fact.makeDecoder().decode(Fact.self, from: Data(body.utf8)) {
                    queue += adopted.establishedReferences
                }
            }
        }
    }

    /// A details change renames the customer or moves them to a new email, keeping the old
    /// one as an alias. An email that belongs to another customer is left alone (the admin
    /// API refuses such a change before it becomes a fact).
    private func applyDetails(of fact: Fact, to customer: Int64) throws {
        guard case .detailsChanged(let details) = fact.event else { return }
        if let name = details.name {
            try db.execute(sql: "UPDATE customers SET name = ? WHERE id = ?", arguments: [name, customer])
        }
        if let raw = details.email, EmailAddress.isPlausible(raw) {
            let email = EmailAddress.normalise(raw)
            let owner = try Int64.fetchOne(db, sql: "SELECT customer_id FROM customer_emails WHERE email = ?", arguments: [email])
            guard owner == nil || owner == customer else { return }
            try db.execute(sql: "INSERT OR IGNORE INTO customer_emails (email, customer_id, added_at) VALUES (?, ?, ?)",
                           arguments: [email, customer, millis(now)])
            try db.execute(sql: "UPDATE customers SET email = ? WHERE id = ?", arguments: [email, customer])
        }
    }
}
