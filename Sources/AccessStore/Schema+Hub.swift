import GRDB

extension Schema {
    /// The customer hub's single-use links and sessions, stored as hashes of their secrets.
    static func registerHub(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v7: hub links and sessions") { db in
            try db.execute(sql: """
                -- A link mailed to a customer: sign-in, or confirming a new email. Only the
                -- SHA-256 of its secret is kept; used_at is set once, by the one use allowed.
                CREATE TABLE hub_links (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    token_hash TEXT NOT NULL UNIQUE,
                    -- sign_in, email_change.
                    kind TEXT NOT NULL,
                    customer_id INTEGER NOT NULL REFERENCES customers(id),
                    new_email TEXT,
                    created_at INTEGER NOT NULL,
                    expires_at INTEGER NOT NULL,
                    used_at INTEGER
                );
                CREATE INDEX hub_links_customer ON hub_links(customer_id, kind, created_at);
                -- A signed-in browser: the SHA-256 of its cookie's secret.
                CREATE TABLE hub_sessions (
                    token_hash TEXT PRIMARY KEY,
                    customer_id INTEGER NOT NULL REFERENCES customers(id),
                    created_at INTEGER NOT NULL,
                    expires_at INTEGER NOT NULL
                );
                """)
        }
    }
}
