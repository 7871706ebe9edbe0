import Crypto
import Foundation
import GRDB

extension SQLiteStore {
    public func createKey(name: String, scope: APIKey.Scope, now: Date) async throws -> (key: APIKey, secret: String) {
        var bytes = [UInt8](repeating: 0, count: 24)
        for index in bytes.indices { bytes[index] = UInt8.random(in: 0...255) }
        let secret = "cg_\(scope.rawValue)_" + bytes.map { String(format: "%02x", $0) }.joined()
        let id = try await pool.write { db -> Int64 in
            try db.execute(sql: "INSERT INTO api_keys (name, scope, hash, created_at) VALUES (?, ?, ?, ?)",
                           arguments: [name, scope.rawValue, Self.hash(secret), millis(now)])
            return db.lastInsertedRowID
        }
        return (APIKey(id: id, name: name, scope: scope, createdAt: now), secret)
    }

    public func key(secret: String) async throws -> APIKey? {
        try await pool.read { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT id, name, scope, created_at FROM api_keys WHERE hash = ? AND revoked_at IS NULL
                """, arguments: [Self.hash(secret)]),
                let scope = APIKey.Scope(rawValue: row["scope"]) else { return nil }
            return APIKey(id: row["id"], name: row["name"], scope: scope, createdAt: Date(millis: row["created_at"]))
        }
    }

    public func revokeKey(id: Int64, now: Date) async throws -> Bool {
        try await pool.write { db in
            try db.execute(sql: "UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", arguments: [millis(now), id])
            return db.changesCount > 0
        }
    }

    public func keys() async throws -> [APIKey] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT id, name, scope, created_at FROM api_keys WHERE revoked_at IS NULL ORDER BY id")
                .compactMap { row in
                    APIKey.Scope(rawValue: row["scope"]).map {
                        APIKey(id: row["id"], name: row["name"], scope: $0, createdAt: Date(millis: row["created_at"]))
                    }
                }
        }
    }

    /// Keys are random, so one unsalted SHA-256 is enough to make the stored hash useless
    /// to whoever reads the database.
    static func hash(_ secret: String) -> String {
        SHA256.hash(data: Data(secret.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
