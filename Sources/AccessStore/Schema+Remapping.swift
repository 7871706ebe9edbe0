import GRDB

extension Schema {
    /// Mapping edits applied while serving: which mapping is in force since when (a fact
    /// follows the routes of the version in force when it was recorded, until a backfill
    /// moves everything to the version it applies), and backfills that can resume.
    static func registerRemapping(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v6: mapping activations, pinned routes, backfills") { db in
            try db.execute(sql: """
                -- Every mapping put in force, in order; the last one is in force.
                CREATE TABLE mapping_activations (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    version INTEGER NOT NULL REFERENCES mapping_versions(id),
                    -- start, reload, backfill, new_purchases_only, rollback.
                    mode TEXT NOT NULL,
                    actor TEXT NOT NULL,
                    at INTEGER NOT NULL
                );
                -- A backfill recomputes every customer under a version, batch by batch; each
                -- batch commits with the cursor, so a crash resumes where it stopped.
                CREATE TABLE backfills (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    version INTEGER NOT NULL REFERENCES mapping_versions(id),
                    last_customer INTEGER NOT NULL DEFAULT 0,
                    total INTEGER NOT NULL,
                    done INTEGER NOT NULL DEFAULT 0,
                    events INTEGER NOT NULL DEFAULT 0,
                    started_at INTEGER NOT NULL,
                    finished_at INTEGER
                );
                """)
        }
    }
}
