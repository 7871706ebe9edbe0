import Foundation
import GRDB

extension SQLiteStore: HubTokens {
    public func issueHubLink(_ link: HubLink, mail: HubLinkMail, now: Date) async throws {
        try await pool.write { db in
            try db.execute(sql: """
                INSERT INTO hub_links (token_hash, kind, customer_id, new_email, created_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [link.hash, link.kind.rawValue, link.customerID, link.newEmail, millis(now), millis(link.expiresAt)])
            _ = try OutboxWriter(db: db, targets: OutboxTargets(welcomeMail: true), now: now, scratch: TransactionScratch())
                .hubMail(mail, customer: link.customerID)
        }
    }

    public func consumeHubLink(hash: String, kind: HubLink.Kind, now: Date) async throws -> HubLink? {
        try await pool.write { db in
            // One statement decides: of two requests with the same link, only one changes the row.
            try db.execute(sql: """
                UPDATE hub_links SET used_at = ?
                WHERE token_hash = ? AND kind = ? AND used_at IS NULL AND expires_at > ?
                """, arguments: [millis(now), hash, kind.rawValue, millis(now)])
            guard db.changesCount == 1,
                  let row = try Row.fetchOne(db, sql: "SELECT * FROM hub_links WHERE token_hash = ?", arguments: [hash]) else {
                return nil
            }
            return HubLink(hash: hash, kind: kind, customerID: row["customer_id"], newEmail: row["new_email"],
                           expiresAt: Date(millis: row["expires_at"]))
        }
    }

    public func hubLinksIssued(customerID: Int64, kind: HubLink.Kind, since: Date) async throws -> Int {
        try await pool.read { db in
            try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM hub_links WHERE customer_id = ? AND kind = ? AND created_at >= ?
                """, arguments: [customerID, kind.rawValue, millis(since)]) ?? 0
        }
    }

    public func startHubSession(hash: String, customerID: Int64, expiresAt: Date, now: Date) async throws {
        try await pool.write { db in
            try db.execute(sql: "INSERT INTO hub_sessions (token_hash, customer_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
                           arguments: [hash, customerID, millis(now), millis(expiresAt)])
        }
    }

    public func hubSession(hash: String, now: Date) async throws -> Int64? {
        try await pool.read { db in
            try Int64.fetchOne(db, sql: "SELECT customer_id FROM hub_sessions WHERE token_hash = ? AND expires_at > ?",
                               arguments: [hash, millis(now)])
        }
    }

    public func endHubSession(hash: String) async throws {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM hub_sessions WHERE token_hash = ?", arguments: [hash])
        }
    }

    public func pruneHub(now: Date) async throws -> Int {
        try await pool.write { db in
            // Links are kept a day past expiry so the per-email rate limit still counts them.
            try db.execute(sql: "DELETE FROM hub_links WHERE expires_at < ?", arguments: [millis(now) - 86_400_000])
            let links = db.changesCount
            try db.execute(sql: "DELETE FROM hub_sessions WHERE expires_at < ?", arguments: [millis(now)])
            return links + db.changesCount
        }
    }
}
