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
    let scratch: TransactionScratch
    /// Customers whose facts changed during the last ``attach(_:sequence:)``.
    private(set) var touched = Set<Int64>()
    /// Customers created so far in this transaction.
    private(set) var created: [Int64] = []

    init(db: Database, now: Date, scratch: TransactionScratch) {
        self.db = db
        self.now = now
        self.scratch = scratch
    }

    /// Attaches the fact stored as `sequence` to its customer; `nil` when it stays pending.
    mutating func attach(_ fact: Fact, sequence: Int64) throws -> Int64? {
        touched = []
        let references = fact.establishedReferences
        guard let customer = try findOrCreate(fact, references: references) else {
            for reference in references {
                try db.run("INSERT OR IGNORE INTO pending_refs (instance, kind, ref, fact_seq) VALUES (?, ?, ?, ?)", [reference.instance, reference.kind.rawValue, reference.id, sequence])
            }
            return nil
        }
        try db.run("UPDATE facts SET customer_id = ? WHERE seq = ?", [customer, sequence])
        touched.insert(customer)
        try applyDetails(of: fact, to: customer)
        try link(references, to: customer)
        return customer
    }

    private mutating func findOrCreate(_ fact: Fact, references: [Reference]) throws -> Int64? {
        // A follow-up (refund, renewal, cancel, dispute) belongs to whoever owns its order or
        // subscription, whatever email it carries: the buyer may have changed it at the
        // provider, or been erased here, and a refund must reach the purchase it refunds.
        if !Self.isPurchase(fact), let owner = try owner(of: references.filter { $0.kind != .customer }) {
            return owner
        }
        if let raw = fact.customer.email, EmailAddress.isPlausible(raw) {
            let email = EmailAddress.normalise(raw)
            if let id = try db.value(Int64.self, "SELECT customer_id FROM customer_emails WHERE email = ?", [email]) {
                if let name = fact.customer.name, !name.isEmpty {
                    try db.run("UPDATE customers SET name = ? WHERE id = ? AND name IS NULL", [name, id])
                    if db.changesCount > 0 { try CustomerSearchIndex.refresh(customer: id, in: db) }
                }
                return id
            }
            try db.run("INSERT INTO customers (email, name, created_at) VALUES (?, ?, ?)", [email, fact.customer.name, millis(now)])
            let id = db.lastInsertedRowID
            try db.run("INSERT INTO customer_emails (email, customer_id, added_at) VALUES (?, ?, ?)", [email, id, millis(now)])
            try CustomerSearchIndex.refresh(customer: id, in: db)
            created.append(id)
            return id
        }
        return try owner(of: references)
    }

    private static func isPurchase(_ fact: Fact) -> Bool {
        if case .purchase = fact.event { true } else { false }
    }

    /// The customer the first known reference belongs to.
    private func owner(of references: [Reference]) throws -> Int64? {
        for reference in references {
            if let id = try db.value(Int64.self, "SELECT customer_id FROM refs WHERE instance = ? AND kind = ? AND ref = ?", [reference.instance, reference.kind.rawValue, reference.id]) {
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
            try db.run("INSERT OR IGNORE INTO refs (instance, kind, ref, customer_id) VALUES (?, ?, ?, ?)", [reference.instance, reference.kind.rawValue, reference.id, customer])
            let waiting = try db.values(Int64.self, """
                SELECT fact_seq FROM pending_refs WHERE instance = ? AND kind = ? AND ref = ?
                """, [reference.instance, reference.kind.rawValue, reference.id])
            for sequence in waiting {
                try db.run("UPDATE facts SET customer_id = ? WHERE seq = ? AND customer_id IS NULL", [customer, sequence])
                try db.run("DELETE FROM pending_refs WHERE fact_seq = ?", [sequence])
                if let body = try db.value(String.self, "SELECT body FROM facts WHERE seq = ?", [sequence]) {
                    queue += try scratch.fact(sequence, body: body).establishedReferences
                }
            }
        }
    }

    /// A details change renames the customer or moves them to a new email, keeping the old
    /// one as an alias. An email that belongs to another customer is left alone (the admin
    /// API refuses such a change before it becomes a fact).
    ///
    /// The customer's search row is rewritten in the same transaction.
    private func applyDetails(of fact: Fact, to customer: Int64) throws {
        guard case .detailsChanged(let details) = fact.event else { return }
        if let name = details.name {
            try db.run("UPDATE customers SET name = ? WHERE id = ?", [name, customer])
        }
        if let raw = details.email, EmailAddress.isPlausible(raw) {
            let email = EmailAddress.normalise(raw)
            let owner = try db.value(Int64.self, "SELECT customer_id FROM customer_emails WHERE email = ?", [email])
            if owner == nil || owner == customer {
                try db.run("INSERT OR IGNORE INTO customer_emails (email, customer_id, added_at) VALUES (?, ?, ?)", [email, customer, millis(now)])
                try db.run("UPDATE customers SET email = ? WHERE id = ?", [email, customer])
            }
        }
        try CustomerSearchIndex.refresh(customer: customer, in: db)
    }
}
