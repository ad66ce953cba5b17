//! Migrations, applied in order on `PRAGMA user_version`. Append new ones;
//! never edit one that has shipped.
//!
//! Table names follow Mautic's (`webhooks`, `webhook_events`,
//! `webhook_queue`, `webhook_logs`, `categories`) so that anyone who knows
//! Mautic's schema can read the file. Times are Unix seconds (UTC).

pub const MIGRATIONS: &[&str] = &[
    // 1: the registry, with the queue and log tables delivery writes.
    r#"
CREATE TABLE categories (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    title            TEXT NOT NULL,
    alias            TEXT NOT NULL UNIQUE,
    description      TEXT,
    color            TEXT,
    bundle           TEXT NOT NULL DEFAULT 'Webhook',
    date_added       INTEGER NOT NULL,
    created_by_user  TEXT,
    modified_by_user TEXT
);

CREATE TABLE webhooks (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    category_id          INTEGER REFERENCES categories(id) ON DELETE SET NULL,
    is_published         INTEGER NOT NULL DEFAULT 1,
    date_added           INTEGER NOT NULL,
    created_by_user      TEXT,
    date_modified        INTEGER,
    modified_by_user     TEXT,
    name                 TEXT NOT NULL,
    description          TEXT,
    webhook_url          TEXT NOT NULL,
    secret               TEXT NOT NULL,
    events_orderby_dir   TEXT CHECK (events_orderby_dir IN ('ASC', 'DESC')),
    -- delivery health (hookq's own; never part of the hook JSON)
    unhealthy_since      INTEGER,
    last_status          TEXT,
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    unpublished_reason   TEXT,
    -- worker lease: one process delivers a webhook at a time
    lease_owner          TEXT,
    lease_expires        INTEGER
);
CREATE INDEX webhooks_category ON webhooks(category_id);

CREATE TABLE webhook_events (
    id         INTEGER PRIMARY KEY,
    webhook_id INTEGER NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
    event_type TEXT NOT NULL,
    UNIQUE (webhook_id, event_type)
);
CREATE INDEX webhook_events_type ON webhook_events(event_type, webhook_id);

CREATE TABLE triggers (
    event_type  TEXT PRIMARY KEY,
    label       TEXT NOT NULL,
    description TEXT NOT NULL,
    date_added  INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- The queue. An emitted event's payload is stored once, already encoded
-- the way bodies are written; each subscriber gets a small queue row.
CREATE TABLE webhook_queue_payloads (
    id         INTEGER PRIMARY KEY,
    event_type TEXT NOT NULL,
    payload    TEXT NOT NULL,
    date_added INTEGER NOT NULL
);

-- A batch is formed once and never changes: a retry sends the same rows,
-- the same body bytes and the same Webhook-Id (uid).
CREATE TABLE webhook_batches (
    id              INTEGER PRIMARY KEY,
    uid             TEXT NOT NULL,
    webhook_id      INTEGER NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
    descending      INTEGER NOT NULL DEFAULT 0,
    event_count     INTEGER NOT NULL,
    -- the batch's rows are its webhook's rows with ids in [lo, hi] that
    -- carry its id: the first fresh rows in order are exactly those
    lo              INTEGER NOT NULL,
    hi              INTEGER NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    first_failed_at INTEGER,
    dead            INTEGER NOT NULL DEFAULT 0,
    date_added      INTEGER NOT NULL
);
CREATE INDEX webhook_batches_webhook ON webhook_batches(webhook_id, dead, id);

-- One row per (webhook, event) still to deliver. batch_id is NULL until
-- the row is put in a batch.
CREATE TABLE webhook_queue (
    webhook_id INTEGER NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
    event_id   INTEGER NOT NULL,
    batch_id   INTEGER,
    PRIMARY KEY (webhook_id, event_id)
) WITHOUT ROWID;
-- Payload cleanup asks whether any row still refers to an event.
CREATE INDEX webhook_queue_event ON webhook_queue(event_id);

CREATE TABLE webhook_logs (
    id          INTEGER PRIMARY KEY,
    webhook_id  INTEGER NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
    status_code TEXT NOT NULL,
    runtime     REAL,
    note        TEXT,
    batch_id    TEXT,
    event_count INTEGER NOT NULL DEFAULT 0,
    attempt     INTEGER NOT NULL DEFAULT 1,
    date_added  INTEGER NOT NULL
);
CREATE INDEX webhook_logs_webhook ON webhook_logs(webhook_id, id);
"#,
    // 2: payload cleanup finds the events still queued through each
    // webhook's primary key range instead (`queue::cleanup`); the index
    // cost every emitted row an insert and every delivered row a delete.
    r#"
DROP INDEX webhook_queue_event;
"#,
    // 3: the users `hookq serve` authenticates (HTTP Basic); passwords
    // only as argon2id hashes in PHC form.
    r#"
CREATE TABLE api_users (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    username        TEXT NOT NULL UNIQUE,
    password_hash   TEXT NOT NULL,
    date_added      INTEGER NOT NULL,
    created_by_user TEXT
);
"#,
    // 4: signing schemes (issue 12): Mautic's, or Standard Webhooks with
    // the secret a rotation replaced, which signs too until it expires.
    r#"
ALTER TABLE webhooks ADD COLUMN signing TEXT NOT NULL DEFAULT 'mautic'
    CHECK (signing IN ('mautic', 'standard'));
ALTER TABLE webhooks ADD COLUMN old_secret TEXT;
ALTER TABLE webhooks ADD COLUMN old_secret_until INTEGER;
"#,
    // 5: delivered batches kept for `hookq resend` (delivered_retention):
    // the events each carried. Their payloads stay while a kept batch
    // starts at or below them (`queue::cleanup`); `hookq_retention.upto`
    // is where the sweep of payloads the retention let go has reached.
    r#"
-- Keyed by where a batch's events begin, so the floor is the first row
-- and a delivery appends. A webhook's batch starting at the same event
-- with the same id (SQLite reuses a deleted batch's id) is the same
-- events delivered again: it replaces the older one.
CREATE TABLE webhook_delivered (
    lo           INTEGER NOT NULL,
    batch_id     INTEGER NOT NULL,
    uid          TEXT NOT NULL,
    webhook_id   INTEGER NOT NULL,
    descending   INTEGER NOT NULL,
    event_ids    TEXT NOT NULL,
    event_count  INTEGER NOT NULL,
    delivered_at INTEGER NOT NULL,
    PRIMARY KEY (lo, webhook_id, batch_id)
) WITHOUT ROWID;
-- No other index: each costs every delivery a write (a uid index, with
-- its inserts at random places, and a (webhook, time) index slowed
-- `process` at batch 10 by 8-16%). `resend` finds a batch's key through
-- its log row (`batch_lo`); `queue resend` scans.
ALTER TABLE webhook_logs ADD COLUMN batch_lo INTEGER;
-- no row: nothing to sweep
CREATE TABLE hookq_retention (id INTEGER PRIMARY KEY CHECK (id = 1), upto INTEGER NOT NULL);
"#,
    // 6: idempotency keys of ingested events (issue 23): a key stores its
    // event once within `idempotency_window`; a repeat is answered with
    // what the first was (its event and subscribers, `webhooks` as
    // comma-separated ids). `expires_at` is fixed when the key is first
    // seen; cleanup deletes past it.
    r#"
CREATE TABLE hookq_idempotency (
    key        TEXT PRIMARY KEY,
    expires_at INTEGER NOT NULL,
    event_id   INTEGER,
    event_type TEXT NOT NULL,
    webhooks   TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX hookq_idempotency_expiry ON hookq_idempotency (expires_at);
"#,
    // 7: receiver controls (issue 22): static headers per webhook (a JSON
    // array of [name, value]), its rate limit (`20/s`; NULL: none), and
    // per subscription the filters an event's payload must match (a JSON
    // array of patterns; NULL: every event of the type). A rate-limited
    // webhook's requests of the last window, by when each ended (Unix
    // milliseconds): the limit holds across runs and machines.
    r#"
ALTER TABLE webhooks ADD COLUMN headers TEXT;
ALTER TABLE webhooks ADD COLUMN rate_limit TEXT;
ALTER TABLE webhook_events ADD COLUMN filter TEXT;
CREATE TABLE webhook_sends (
    webhook_id INTEGER NOT NULL,
    at_ms      INTEGER NOT NULL
);
CREATE INDEX webhook_sends_by_hook ON webhook_sends (webhook_id, at_ms);
"#,
];

pub const LATEST: i64 = MIGRATIONS.len() as i64;
