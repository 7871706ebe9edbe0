import GRDB

/// The store's tables, as numbered migrations (never edit one that has shipped).
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: customers, facts, access, events, mapping versions") { db in
            try db.execute(sql: """
                CREATE TABLE customers (
                    id INTEGER PRIMARY KEY,
                    email TEXT NOT NULL UNIQUE,
                    name TEXT,
                    created_at INTEGER NOT NULL,
                    erased_at INTEGER
                );
                -- Every address a customer has had: the current one and former ones (aliases).
                CREATE TABLE customer_emails (
                    email TEXT PRIMARY KEY,
                    customer_id INTEGER NOT NULL REFERENCES customers(id),
                    added_at INTEGER NOT NULL
                ) WITHOUT ROWID;
                CREATE INDEX customer_emails_customer ON customer_emails(customer_id);
                -- Append-only. customer_id is NULL while no customer is known (see pending_refs).
                CREATE TABLE facts (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    key TEXT NOT NULL UNIQUE,
                    customer_id INTEGER REFERENCES customers(id),
                    instance TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    mode TEXT NOT NULL,
                    occurred_at INTEGER NOT NULL,
                    recorded_at INTEGER NOT NULL,
                    body TEXT NOT NULL
                );
                CREATE INDEX facts_customer ON facts(customer_id, seq);
                CREATE TRIGGER facts_append_only_update BEFORE UPDATE OF key, body, occurred_at ON facts
                BEGIN SELECT RAISE(ABORT, 'facts are append-only'); END;
                CREATE TRIGGER facts_append_only_delete BEFORE DELETE ON facts
                BEGIN SELECT RAISE(ABORT, 'facts are append-only'); END;
                -- Provider ids (order, subscription, provider customer) known to belong to a customer.
                CREATE TABLE refs (
                    instance TEXT NOT NULL, kind TEXT NOT NULL, ref TEXT NOT NULL,
                    customer_id INTEGER NOT NULL REFERENCES customers(id),
                    PRIMARY KEY (instance, kind, ref)
                ) WITHOUT ROWID;
                -- Facts waiting for a customer, by the ids they name.
                CREATE TABLE pending_refs (
                    instance TEXT NOT NULL, kind TEXT NOT NULL, ref TEXT NOT NULL,
                    fact_seq INTEGER NOT NULL REFERENCES facts(seq),
                    PRIMARY KEY (instance, kind, ref, fact_seq)
                ) WITHOUT ROWID;
                CREATE TABLE access (
                    customer_id INTEGER NOT NULL REFERENCES customers(id),
                    course_id TEXT NOT NULL,
                    status TEXT NOT NULL,
                    until INTEGER,
                    state TEXT NOT NULL,
                    changed_at INTEGER NOT NULL,
                    PRIMARY KEY (customer_id, course_id)
                ) WITHOUT ROWID;
                CREATE INDEX access_course_status ON access(course_id, status);
                CREATE INDEX access_due ON access(until) WHERE status = 'active' AND until IS NOT NULL;
                CREATE TABLE mapping_versions (
                    id INTEGER PRIMARY KEY,
                    hash TEXT NOT NULL UNIQUE,
                    path TEXT NOT NULL,
                    text TEXT NOT NULL,
                    created_at INTEGER NOT NULL
                );
                -- Append-only.
                CREATE TABLE access_events (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    customer_id INTEGER NOT NULL REFERENCES customers(id),
                    course_id TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    state TEXT NOT NULL,
                    mapping_version INTEGER NOT NULL REFERENCES mapping_versions(id),
                    at INTEGER NOT NULL
                );
                CREATE INDEX access_events_customer ON access_events(customer_id, seq);
                """)
        }
        migrator.registerMigration("v2: api keys") { db in
            try db.execute(sql: """
                CREATE TABLE api_keys (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL,
                    scope TEXT NOT NULL,
                    hash TEXT NOT NULL UNIQUE,
                    created_at INTEGER NOT NULL,
                    revoked_at INTEGER
                );
                """)
        }
        migrator.registerMigration("v3: outbox") { db in
            try db.execute(sql: """
                -- What Coursegate still has to tell the outside world, written in the same
                -- transaction as the access event (or new customer) it reports.
                CREATE TABLE outbox (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    -- Sent as webhook-id / Message-ID, stable across attempts: receivers dedupe by it.
                    message_id TEXT NOT NULL UNIQUE,
                    -- 'sink:NAME' or 'mail'.
                    target TEXT NOT NULL,
                    -- access.granted, access.revoked, access.expired, access.restored,
                    -- customer.created, mail.welcome.
                    topic TEXT NOT NULL,
                    customer_id INTEGER REFERENCES customers(id),
                    course_id TEXT,
                    access_event_seq INTEGER REFERENCES access_events(seq),
                    payload TEXT NOT NULL,
                    -- pending, delivered, dead.
                    status TEXT NOT NULL,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    next_attempt_at INTEGER NOT NULL,
                    last_error TEXT,
                    created_at INTEGER NOT NULL,
                    updated_at INTEGER NOT NULL,
                    delivered_at INTEGER
                );
                CREATE INDEX outbox_due ON outbox(next_attempt_at) WHERE status = 'pending';
                CREATE INDEX outbox_status ON outbox(status, id);
                CREATE INDEX outbox_customer ON outbox(customer_id, id);
                -- A sink that answered 410 Gone is held until re-enabled.
                CREATE TABLE disabled_sinks (
                    name TEXT PRIMARY KEY,
                    reason TEXT NOT NULL,
                    disabled_at INTEGER NOT NULL
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v4: inbound deliveries") { db in
            try db.execute(sql: """
                -- What each webhook request came to, for support and operations (recent ones only:
                -- the gateway keeps the newest rows and prunes the rest).
                CREATE TABLE inbound_deliveries (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    instance TEXT NOT NULL,
                    received_at INTEGER NOT NULL,
                    -- recorded, duplicate, ignored, rejected.
                    outcome TEXT NOT NULL,
                    http_status INTEGER NOT NULL,
                    -- Why it was ignored or rejected; what was recorded.
                    detail TEXT,
                    fact_keys TEXT
                );
                CREATE INDEX inbound_deliveries_instance ON inbound_deliveries(instance, id);
                """)
        }
        migrator.registerMigration("v5: customer search, erasure") { db in
            try db.execute(sql: """
                -- One row per customer not erased (rowid = customer id): name and every email,
                -- case- and accent-folded by the store (CustomerSearchIndex), each word after a
                -- space. Kept in step in the transaction that creates, renames, re-emails or
                -- erases the customer.
                CREATE VIRTUAL TABLE customer_search USING fts5(text, tokenize = 'trigram');
                -- Facts stay append-only, except that erasing a customer scrubs the name and
                -- email out of their facts' bodies.
                DROP TRIGGER facts_append_only_update;
                CREATE TRIGGER facts_append_only_update BEFORE UPDATE OF key, occurred_at ON facts
                BEGIN SELECT RAISE(ABORT, 'facts are append-only'); END;
                CREATE TRIGGER facts_body_append_only BEFORE UPDATE OF body ON facts
                WHEN (SELECT erased_at FROM customers WHERE id = OLD.customer_id) IS NULL
                BEGIN SELECT RAISE(ABORT, 'facts are append-only'); END;
                """)
            try CustomerSearchIndex.rebuild(in: db)
        }
        registerRemapping(&migrator)
        registerHub(&migrator)
        return migrator
    }
}
