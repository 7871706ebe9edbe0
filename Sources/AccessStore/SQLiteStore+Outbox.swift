import AccessKernel
import Foundation
import GRDB

extension SQLiteStore {
    public func dueDeliveries(now: Date, limit: Int, excluding: Set<Int64>) async throws -> [OutboxDelivery] {
        try await pool.read { db in
            // Read a little more than asked, so in-flight rows left out do not starve the batch.
            let rows = try Row.fetchAll(db, sql: """
                SELECT * FROM outbox WHERE status = 'pending' AND next_attempt_at <= ?
                AND target NOT IN (SELECT 'sink:' || name FROM disabled_sinks)
                ORDER BY next_attempt_at, id LIMIT ?
                """, arguments: [millis(now), limit + excluding.count])
            return try rows.lazy.filter { !excluding.contains($0["id"]) }.prefix(limit).map(Self.delivery)
        }
    }

    public func nextDeliveryTime() async throws -> Date? {
        try await pool.read { db in
            try Int64.fetchOne(db, sql: """
                SELECT MIN(next_attempt_at) FROM outbox WHERE status = 'pending'
                AND target NOT IN (SELECT 'sink:' || name FROM disabled_sinks)
                """).map(Date.init(millis:))
        }
    }

    public func finishAttempt(_ id: Int64, result: OutboxAttemptResult, now: Date) async throws {
        try await pool.write { db in
            if result.isFinal { try Self.scrubHubLink(id, in: db) }
            switch result {
            case .delivered:
                try db.execute(sql: """
                    UPDATE outbox SET status = 'delivered', attempts = attempts + 1, delivered_at = ?, updated_at = ?,
                    last_error = NULL WHERE id = ?
                    """, arguments: [millis(now), millis(now), id])
            case .retry(let error, let next):
                try db.execute(sql: """
                    UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?, updated_at = ?
                    WHERE id = ? AND status = 'pending'
                    """, arguments: [millis(next), error, millis(now), id])
            case .dead(let error):
                try db.execute(sql: """
                    UPDATE outbox SET status = 'dead', attempts = attempts + 1, last_error = ?, updated_at = ?
                    WHERE id = ? AND status = 'pending'
                    """, arguments: [error, millis(now), id])
            }
        }
    }

    public func deliveries(status: OutboxDelivery.Status?, limit: Int) async throws -> [OutboxDelivery] {
        try await pool.read { db in
            let rows = if let status {
                try Row.fetchAll(db, sql: "SELECT * FROM outbox WHERE status = ? ORDER BY id DESC LIMIT ?",
                                 arguments: [status.rawValue, limit])
            } else {
                try Row.fetchAll(db, sql: "SELECT * FROM outbox ORDER BY id DESC LIMIT ?", arguments: [limit])
            }
            return try rows.map(Self.delivery)
        }
    }

    public func delivery(id: Int64) async throws -> OutboxDelivery? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM outbox WHERE id = ?", arguments: [id]).map(Self.delivery)
        }
    }

    public func retryDead(target: OutboxDelivery.Target?, now: Date) async throws -> Int {
        try await pool.write { db in
            try db.execute(sql: """
                UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = ?, updated_at = ?
                WHERE status = 'dead' AND (? IS NULL OR target = ?)
                """, arguments: [millis(now), millis(now), target?.description, target?.description])
            return db.changesCount
        }
    }

    public func redeliver(id: Int64, now: Date) async throws -> OutboxDelivery? {
        try await pool.write { db in
            try db.execute(sql: """
                UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = ?, updated_at = ?, delivered_at = NULL
                WHERE id = ?
                """, arguments: [millis(now), millis(now), id])
            return try Row.fetchOne(db, sql: "SELECT * FROM outbox WHERE id = ?", arguments: [id]).map(Self.delivery)
        }
    }

    public func disableSink(_ name: String, reason: String, now: Date) async throws {
        try await pool.write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO disabled_sinks (name, reason, disabled_at) VALUES (?, ?, ?)",
                           arguments: [name, reason, millis(now)])
        }
    }

    public func enableSink(_ name: String) async throws -> Bool {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM disabled_sinks WHERE name = ?", arguments: [name])
            return db.changesCount > 0
        }
    }

    public func disabledSinks() async throws -> [String: String] {
        try await pool.read { db in
            Dictionary(try Row.fetchAll(db, sql: "SELECT name, reason FROM disabled_sinks").map { ($0["name"], $0["reason"]) },
                       uniquingKeysWith: { first, _ in first })
        }
    }

    public func queueWelcome(customerID: Int64, course: String, now: Date) async throws -> Int64 {
        try await pool.write { db in
            try OutboxWriter(db: db, targets: OutboxTargets(welcomeMail: true), now: now, scratch: TransactionScratch())
                .welcome(customer: customerID, course: course)
        }
    }

    /// Removes a delivered (or dead) hub mail's link from its row, so the database keeps no
    /// usable secret; a redelivered one then says to ask for a new link.
    private static func scrubHubLink(_ id: Int64, in db: Database) throws {
        guard let row = try Row.fetchOne(db, sql: "SELECT topic, payload FROM outbox WHERE id = ?", arguments: [id]),
              HubLinkMail.topics.contains(row["topic"]) else { return }
        let text: String = row["payload"]
        var payload = try Fact.makeDecoder().decode(OutboxPayload.self, from: Data(text.utf8))
        guard payload.link != nil else { return }
        payload.link = nil
        let scrubbed = String(decoding: try Fact.makeEncoder().encode(payload), as: UTF8.self)
        try db.execute(sql: "UPDATE outbox SET payload = ? WHERE id = ?", arguments: [scrubbed, id])
    }

    private static func delivery(_ row: Row) throws -> OutboxDelivery {
        let payloadText: String = row["payload"]
        let payload = try Fact.makeDecoder().decode(OutboxPayload.self, from: Data(payloadText.utf8))
        let status: String = row["status"]
        return OutboxDelivery(id: row["id"], messageID: row["message_id"], target: .init(row["target"]), topic: row["topic"],
                              customerID: row["customer_id"], course: row["course_id"], payload: payload,
                              status: OutboxDelivery.Status(rawValue: status) ?? .dead, attempts: row["attempts"],
                              nextAttemptAt: Date(millis: row["next_attempt_at"]), lastError: row["last_error"],
                              createdAt: Date(millis: row["created_at"]),
                              deliveredAt: (row["delivered_at"] as Int64?).map(Date.init(millis:)))
    }
}

extension OutboxAttemptResult {
    /// Delivered or dead: no further attempt follows on its own.
    var isFinal: Bool {
        if case .retry = self { return false }
        return true
    }
}
