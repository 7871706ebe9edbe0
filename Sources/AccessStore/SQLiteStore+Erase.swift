import AccessKernel
import Foundation
import GRDB

extension SQLiteStore {
    /// Erases a customer's personal data in one transaction.
    ///
    /// - the customer row gets the placeholder email (``ErasedCustomer/placeholderEmail(for:)``),
    ///   no name, and `erased_at`;
    /// - every address of theirs is dropped from `customer_emails` (a later webhook with an old
    ///   address no longer finds them), leaving the placeholder;
    /// - their search row goes;
    /// - their facts' bodies lose names and emails (``PersonalData/scrub(_:)``), which the
    ///   `facts_body_append_only` trigger allows for erased customers only; keys, times,
    ///   orders, items and amounts stay, so access and payments still add up;
    /// - outbox messages already delivered lose the name and email. Pending and dead ones keep
    ///   them: they have still to reach the course site, which must learn about this
    ///   customer's access under the address it knows them by.
    ///
    /// Access rows and access events carry no personal data and stay as they are.
    public func erase(customerID: Int64, now: Date) async throws -> Bool {
        try await pool.write { db in
            guard let row = try db.rows("SELECT email, name FROM customers WHERE id = ?", [customerID]).first else {
                return false
            }
            let placeholder = ErasedCustomer.placeholderEmail(for: customerID)
            let scratch = TransactionScratch()
            let facts = try StoredFacts.all(of: customerID, in: db, scratch: scratch)
            var personal = PersonalData(emails: Set(try db.values(String.self, "SELECT email FROM customer_emails WHERE customer_id = ?",
                                                                  [customerID])),
                                        names: Set([row["name"] as String?].compactMap { $0 }), placeholderEmail: placeholder)
            personal.emails.insert(row["email"])
            for stored in facts { personal.collect(from: stored.fact) }
            personal.emails.remove(placeholder)

            try db.run("UPDATE customers SET email = ?, name = NULL, erased_at = COALESCE(erased_at, ?) WHERE id = ?",
                       [placeholder, millis(now), customerID])
            try db.run("DELETE FROM customer_emails WHERE customer_id = ?", [customerID])
            try db.run("INSERT INTO customer_emails (email, customer_id, added_at) VALUES (?, ?, ?)", [placeholder, customerID, millis(now)])
            try CustomerSearchIndex.refresh(customer: customerID, in: db)

            for stored in facts {
                let scrubbed = personal.scrub(stored.fact)
                guard scrubbed != stored.fact else { continue }
                try db.run("UPDATE facts SET body = ? WHERE seq = ?", [try scratch.encode(scrubbed), stored.sequence])
            }
            for delivery in try db.rows("SELECT id, payload FROM outbox WHERE customer_id = ? AND status = 'delivered'", [customerID]) {
                var payload = try scratch.decoder.decode(OutboxPayload.self, from: Data((delivery["payload"] as String).utf8))
                payload.customerEmail = placeholder
                payload.customerName = nil
                try db.run("UPDATE outbox SET payload = ? WHERE id = ?", [try scratch.encode(payload), delivery["id"] as Int64])
            }
            return true
        }
    }
}
