//! The PostgreSQL backend: `--db postgres://…`, so that workers on several
//! machines drain one queue. All of hookq's PostgreSQL SQL lives under
//! this module; it keeps the SQLite backend's semantics point for point.
//!
//! - Migrations are versioned in a `hookq_schema` table and run on first
//!   use under a transaction-scoped advisory lock, so two processes
//!   migrating at once apply each step once. A newer schema is refused
//!   with SQLite's message. Everything lives in the connection's current
//!   schema (`?options=-csearch_path%3DNAME` picks another).
//! - Each write is one transaction at READ COMMITTED. Row locks on the
//!   webhook (`FOR UPDATE`) order what must not interleave: lease takeover
//!   against outcome records. A transaction PostgreSQL aborts as a
//!   deadlock or serialization failure is run again.
//! - Emits take a transaction-scoped advisory lock before their ids, so
//!   event ids commit in id order: a claim that has seen event N will never
//!   later find a fresh event below N (strict per-webhook order, and the
//!   claim's scan can start past what it already took, see `queue`).
//! - Statements are prepared once per connection and reused.

mod connect;
mod copy;
mod notify;
mod queue;
mod registry;
mod run;
mod schema;

pub use connect::{is_url, mask};

/// The schema version this hookq writes (`hookq_schema.version`).
pub const SCHEMA_VERSION: i64 = schema::LATEST;

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

use anyhow::{Context, Result};
use postgres::types::ToSql;
use postgres::{Client, GenericClient, Row, Statement, Transaction};

use super::{
    Backend, Chunk, HookUsage, IdMarks, Inventory, ListQuery, LogQuery, Pending, QueueQuery,
    QueueRow, QueueStat, Reads, Redriven, Sweep, Tx,
};
use crate::error::UserError;
use crate::model::{
    ApiUser, Catalog, Category, Epoch, HookFields, IdRange, LogEntry, NewCategory, QueueDepth,
    Target, Trigger, Webhook,
};

pub use connect::Target as Url;

/// Prepared statements of one connection, by SQL text.
type Cache = Arc<Mutex<HashMap<String, Statement>>>;

/// An SQL expression announcing new work to `serve --deliver` listeners
/// when its transaction commits (the channel `notify` listens on); part
/// of the statements that store events or make batches due, so it costs
/// no round trip.
macro_rules! notify_sql {
    () => {
        "pg_notify('hookq_' || md5(current_schema()), '')"
    };
}
pub(crate) use notify_sql;

/// Parameters of one statement.
pub(crate) type Params<'a> = &'a [&'a (dyn ToSql + Sync)];

/// A connection or a transaction on one, with its statement cache.
pub struct Db<C: GenericClient> {
    c: RefCell<C>,
    cache: Cache,
    /// This transaction holds the emit lock.
    emit_locked: std::cell::Cell<bool>,
    /// A write transaction (`Store::write`), not a read or a snapshot.
    writing: bool,
}

impl<C: GenericClient> Db<C> {
    fn new(c: C, cache: Cache) -> Db<C> {
        Db {
            c: RefCell::new(c),
            cache,
            emit_locked: std::cell::Cell::new(false),
            writing: false,
        }
    }

    pub(crate) fn writing(&self) -> bool {
        self.writing
    }

    fn stmt(&self, sql: &str) -> Result<Statement> {
        if let Some(s) = self
            .cache
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(sql)
        {
            return Ok(s.clone());
        }
        let s = self.c.borrow_mut().prepare(sql)?;
        self.cache
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(sql.to_owned(), s.clone());
        Ok(s)
    }

    /// Rows of a statement prepared once per connection.
    pub(crate) fn rows(&self, sql: &str, p: Params<'_>) -> Result<Vec<Row>> {
        let s = self.stmt(sql)?;
        Ok(self.c.borrow_mut().query(&s, p)?)
    }

    pub(crate) fn one(&self, sql: &str, p: Params<'_>) -> Result<Row> {
        let s = self.stmt(sql)?;
        Ok(self.c.borrow_mut().query_one(&s, p)?)
    }

    pub(crate) fn opt(&self, sql: &str, p: Params<'_>) -> Result<Option<Row>> {
        let s = self.stmt(sql)?;
        Ok(self.c.borrow_mut().query_opt(&s, p)?)
    }

    pub(crate) fn exec(&self, sql: &str, p: Params<'_>) -> Result<u64> {
        let s = self.stmt(sql)?;
        Ok(self.c.borrow_mut().execute(&s, p)?)
    }

    /// A statement built at run time (lists with filters): not cached.
    pub(crate) fn rows_once(&self, sql: &str, p: Params<'_>) -> Result<Vec<Row>> {
        Ok(self.c.borrow_mut().query(sql, p)?)
    }

    /// Take the emit lock once per transaction (see the module docs).
    /// Statements that store work announce it themselves (`notify_sql!`).
    pub(crate) fn lock_emits(&self) -> Result<()> {
        if !self.emit_locked.get() {
            self.exec(
                "SELECT pg_advisory_xact_lock(hashtext(current_schema() || '/hookq-emit'))",
                &[],
            )?;
            self.emit_locked.set(true);
        }
        Ok(())
    }
}

impl Db<Client> {
    /// Run `f` in one transaction on this connection, again when
    /// PostgreSQL aborts it as a deadlock or serialization failure.
    pub(crate) fn transaction<T>(
        &self,
        mut f: impl FnMut(&Db<Transaction<'_>>) -> Result<T>,
    ) -> Result<T> {
        let mut tries = 0;
        loop {
            let out = {
                let mut client = self.c.borrow_mut();
                let tx = client
                    .transaction()
                    .map_err(|e| anyhow::Error::new(e).context(NotStarted))?;
                let mut db = Db::new(tx, self.cache.clone());
                db.writing = true;
                f(&db).and_then(|v| {
                    db.c.into_inner().commit()?;
                    Ok(v)
                })
            };
            match out {
                Err(e) if tries < 5 && retryable(&e) => {
                    tries += 1;
                    std::thread::sleep(std::time::Duration::from_millis(5 << tries));
                }
                out => return out,
            }
        }
    }

    fn closed(&self) -> bool {
        self.c.borrow().is_closed()
    }
}

/// A transaction that failed before it began (its BEGIN was refused):
/// nothing of it reached the database.
#[derive(Debug)]
pub(crate) struct NotStarted;

impl std::fmt::Display for NotStarted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("could not begin a transaction")
    }
}

/// A deadlock or serialization failure: the transaction may simply run
/// again.
fn retryable(e: &anyhow::Error) -> bool {
    use postgres::error::SqlState;
    e.chain().any(|c| {
        c.downcast_ref::<postgres::Error>()
            .and_then(|e| e.code())
            .is_some_and(|c| {
                *c == SqlState::T_R_DEADLOCK_DETECTED || *c == SqlState::T_R_SERIALIZATION_FAILURE
            })
    })
}

/// Whether `e` says the connection is gone (so the next use reconnects).
pub(crate) fn connection_lost(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<postgres::Error>().is_some_and(|e| {
            e.is_closed()
                || e.code().is_some_and(|c| {
                    c.code().starts_with("08") || *c == postgres::error::SqlState::ADMIN_SHUTDOWN
                })
        })
    })
}

/// A connection to the store's database, migrated.
pub(crate) fn open_db(url: &Url) -> Result<Db<Client>> {
    let mut client = url.connect()?;
    migrate(&mut client, url)?;
    Ok(Db::new(client, Cache::default()))
}

pub struct PgStore {
    url: Url,
    /// Always Some but while being handed on or dropped.
    db: Option<Db<Client>>,
}

/// Close `db` where that is allowed. The client closes its connection on
/// its own small runtime, which panics on a thread that runs async tasks
/// (`serve`'s); there the closing moves to a plain thread.
pub(crate) fn close(db: Db<Client>) {
    if tokio::runtime::Handle::try_current().is_ok() {
        let _ = std::thread::Builder::new()
            .name(String::from("hookq-pg-close"))
            .spawn(move || drop(db));
    } else {
        drop(db);
    }
}

impl Drop for PgStore {
    fn drop(&mut self) {
        if let Some(db) = self.db.take() {
            close(db);
        }
    }
}

impl PgStore {
    pub fn open(url: &str) -> Result<PgStore> {
        let url = Url::parse(url)?;
        let db = open_db(&url)?;
        Ok(PgStore { url, db: Some(db) })
    }

    fn db(&self) -> &Db<Client> {
        self.db.as_ref().expect("the store's connection")
    }

    /// Reconnect when the server closed this connection.
    fn live(&mut self) -> Result<()> {
        if self.db().closed() {
            self.db = Some(open_db(&self.url)?);
        }
        Ok(())
    }
}

fn migrate(client: &mut Client, url: &Url) -> Result<()> {
    let current = |c: &mut Client| -> Result<Option<i64>> {
        let exists: bool = c
            .query_one("SELECT to_regclass('hookq_schema') IS NOT NULL", &[])?
            .get(0);
        if !exists {
            return Ok(None);
        }
        Ok(c.query_opt("SELECT version FROM hookq_schema", &[])?
            .map(|r| r.get(0)))
    };
    let newer = |v: i64| -> anyhow::Error {
        UserError::invalid(
            "--db",
            "db",
            Some(url.shown()),
            format!(
                "it was written by a newer hookq (schema {v}; this hookq knows up to {}); upgrade hookq; point --db at another database",
                schema::LATEST
            ),
        )
        .into()
    };
    // Where hookq would create its tables, before trying: a search_path
    // naming no schema that exists makes PostgreSQL say only "no schema
    // has been selected to create in".
    let (schema_now, path): (Option<String>, String) = {
        let r = client
            .query_one(
                "SELECT current_schema(), current_setting('search_path')",
                &[],
            )
            .with_context(|| format!("could not open database {}", url.shown()))?;
        (r.get(0), r.get(1))
    };
    if schema_now.is_none() {
        return Err(UserError::invalid(
            "--db",
            "db",
            Some(url.shown()),
            format!(
                "its search_path ({path}) names no schema that exists in this database, so hookq has nowhere to create its tables; create the schema (CREATE SCHEMA …) or fix options=-csearch_path=… in the URL"
            ),
        )
        .into());
    }
    let mut run = || -> Result<()> {
        match current(client)? {
            Some(v) if v == schema::LATEST => return Ok(()),
            Some(v) if v > schema::LATEST => return Err(newer(v)),
            _ => {}
        }
        let mut tx = client.transaction()?;
        tx.execute(
            "SELECT pg_advisory_xact_lock(hashtext(current_schema() || '/hookq-migrate'))",
            &[],
        )?;
        tx.batch_execute("CREATE TABLE IF NOT EXISTS hookq_schema (version bigint NOT NULL)")?;
        let v: i64 = match tx.query_opt("SELECT version FROM hookq_schema", &[])? {
            Some(r) => r.get(0),
            None => {
                tx.execute("INSERT INTO hookq_schema (version) VALUES (0)", &[])?;
                0
            }
        };
        if v > schema::LATEST {
            return Err(newer(v));
        }
        for (i, sql) in schema::MIGRATIONS.iter().enumerate().skip(v as usize) {
            tx.batch_execute(sql)
                .with_context(|| format!("migration {} failed", i + 1))?;
        }
        tx.execute("UPDATE hookq_schema SET version = $1", &[&schema::LATEST])?;
        tx.commit()?;
        Ok(())
    };
    run().with_context(|| format!("could not open database {}", url.shown()))
}

impl Backend for PgStore {
    fn reads(&self) -> &(dyn Reads + 'static) {
        self.db()
    }

    fn snapshot(&self, f: &mut dyn FnMut(&dyn Reads) -> Result<()>) -> Result<()> {
        let mut client = self.db().c.borrow_mut();
        let tx = client
            .build_transaction()
            .isolation_level(postgres::IsolationLevel::RepeatableRead)
            .read_only(true)
            .start()?;
        let db = Db::new(tx, self.db().cache.clone());
        f(&db)?;
        db.c.into_inner().commit()?;
        Ok(())
    }

    fn write(&mut self, f: &mut dyn FnMut(&dyn Tx) -> Result<()>) -> Result<()> {
        self.live()?;
        match self.db().transaction(|tx| f(tx)) {
            // The connection was found gone at BEGIN: nothing was written,
            // so it runs once more on a fresh connection.
            Err(e) if e.downcast_ref::<NotStarted>().is_some() && connection_lost(&e) => {
                self.db = Some(open_db(&self.url)?);
                self.db().transaction(|tx| f(tx))
            }
            out => out,
        }
    }

    fn cleanup(&mut self, sweep: Sweep, kept_since: Epoch) -> Result<()> {
        self.live()?;
        queue::cleanup(self.db(), sweep, kept_since)
    }

    fn expect_bulk_writes(&mut self) -> Result<()> {
        Ok(())
    }

    fn into_queue(mut self: Box<Self>) -> Result<Box<dyn super::Queue>> {
        let db = self.db.take().expect("the store's connection");
        Ok(Box::new(run::PgQueue::new(self.url.clone(), db)?))
    }

    fn describe(&self) -> String {
        format!("database {}", self.url.shown())
    }

    fn is_networked(&self) -> bool {
        true
    }

    fn lost_connection(&self, e: &anyhow::Error) -> bool {
        connection_lost(e) || self.db().closed()
    }

    fn watch(&self) -> Result<Option<Box<dyn super::Watch>>> {
        Ok(Some(Box::new(notify::Listener::new(&self.url)?)))
    }

    fn export(&self, page: usize, f: &mut dyn FnMut(Chunk) -> Result<()>) -> Result<IdMarks> {
        let mut client = self.db().c.borrow_mut();
        let tx = client
            .build_transaction()
            .isolation_level(postgres::IsolationLevel::RepeatableRead)
            .read_only(true)
            .start()?;
        let db = Db::new(tx, self.db().cache.clone());
        let marks = copy::export(&db, page, f)?;
        db.c.into_inner().commit()?;
        Ok(marks)
    }
}

impl<C: GenericClient> Reads for Db<C> {
    fn get_hook(&self, id: i64) -> Result<Option<Webhook>> {
        registry::get_hook(self, id)
    }
    fn list_hooks(&self, q: &ListQuery) -> Result<(u64, Vec<Webhook>)> {
        registry::list_hooks(self, q)
    }
    fn queue_depth(&self, id: i64) -> Result<QueueDepth> {
        registry::queue_depth(self, id)
    }
    fn hook_usage(&self, id: i64) -> Result<HookUsage> {
        registry::usage(self, id)
    }
    fn catalog(&self) -> Result<Catalog> {
        registry::catalog(self)
    }
    fn categories(&self) -> Result<Vec<Category>> {
        registry::categories(self)
    }
    fn category(&self, id: i64) -> Result<Option<Category>> {
        registry::category(self, id)
    }
    fn category_by_alias(&self, alias: &str) -> Result<Option<Category>> {
        registry::category_by_alias(self, alias)
    }
    fn stored_settings(&self) -> Result<BTreeMap<String, String>> {
        registry::settings(self)
    }
    fn subscribers(&self, event_type: &str) -> Result<Vec<(i64, Option<String>)>> {
        queue::subscribers(self, event_type)
    }
    fn trigger_users(&self, event_type: &str) -> Result<Vec<i64>> {
        registry::trigger_users(self, event_type)
    }
    fn logs(&self, q: &LogQuery) -> Result<Vec<LogEntry>> {
        registry::logs(self, q)
    }
    fn log_count(&self, q: &LogQuery) -> Result<u64> {
        registry::log_count(self, q)
    }
    fn queue_stats(&self, now: Epoch) -> Result<Vec<QueueStat>> {
        queue::stats(self, now, None)
    }
    fn queue_stat(&self, hook: i64, now: Epoch) -> Result<Option<QueueStat>> {
        Ok(queue::stats(self, now, Some(hook))?.pop())
    }
    fn queue_rows(&self, q: &QueueQuery) -> Result<Vec<QueueRow>> {
        queue::rows(self, q)
    }
    fn queue_count(&self, q: &QueueQuery) -> Result<u64> {
        queue::count(self, q)
    }
    fn due_count(&self, only: Option<&[i64]>, range: IdRange) -> Result<u64> {
        queue::due_count(self, only, range)
    }
    fn targets(&self, only: Option<&[i64]>, range: IdRange) -> Result<Vec<Target>> {
        queue::targets(self, only, range)
    }
    fn pending(&self, hook: i64, range: IdRange, now: Epoch) -> Result<Pending> {
        queue::pending(self, hook, range, now)
    }
    fn each_live_batch(
        &self,
        hook: i64,
        range: IdRange,
        f: &mut dyn FnMut(&[crate::model::Event]) -> Result<()>,
    ) -> Result<()> {
        queue::each_live_batch(self, hook, range, f)
    }
    fn fresh_events(
        &self,
        hook: i64,
        range: IdRange,
        descending: bool,
        after: Option<i64>,
        limit: u32,
    ) -> Result<Vec<(i64, crate::model::Event)>> {
        queue::fresh_events(self, hook, range, descending, after, limit)
    }
    fn kept_batches(&self, which: &crate::store::Resend) -> Result<Vec<crate::store::KeptBatch>> {
        queue::kept_batches(self, which)
    }
    fn events_by_id(&self, ids: &[i64]) -> Result<Vec<(i64, crate::model::Event)>> {
        queue::events_by_id(self, ids)
    }
    fn rate_wait(
        &self,
        hook: i64,
        rate: crate::controls::Rate,
        now_ms: Epoch,
    ) -> Result<Option<i64>> {
        queue::rate_wait(self, hook, rate, now_ms)
    }
    fn api_users(&self) -> Result<Vec<ApiUser>> {
        registry::api_users(self)
    }
    fn api_user(&self, username: &str) -> Result<Option<ApiUser>> {
        registry::api_user(self, username)
    }
    fn inventory(&self) -> Result<Inventory> {
        copy::inventory(self)
    }
}

impl Tx for Db<Transaction<'_>> {
    // Webhook writes take the emit lock, so an emit's subscribers stay
    // what it read until its events are stored.
    fn insert_hook(&self, id: Option<i64>, f: &HookFields, user: &str, now: Epoch) -> Result<i64> {
        self.lock_emits()?;
        registry::insert_hook(self, id, f, user, now)
    }
    fn update_hook(&self, id: i64, f: &HookFields, user: &str, now: Epoch) -> Result<()> {
        self.lock_emits()?;
        registry::update_hook(self, id, f, user, now)
    }
    fn delete_hook(&self, id: i64) -> Result<bool> {
        // No emit may store rows for it meanwhile (see the queue's schema).
        self.lock_emits()?;
        self.exec("DELETE FROM webhook_queue WHERE webhook_id = $1", &[&id])?;
        self.exec(
            "DELETE FROM webhook_delivered WHERE webhook_id = $1",
            &[&id],
        )?;
        self.exec("DELETE FROM webhook_sends WHERE webhook_id = $1", &[&id])?;
        Ok(self.exec("DELETE FROM webhooks WHERE id = $1", &[&id])? > 0)
    }
    fn insert_category(&self, c: &NewCategory, user: &str, now: Epoch) -> Result<i64> {
        registry::insert_category(self, c, user, now)
    }
    fn update_category(&self, id: i64, c: &NewCategory, user: &str) -> Result<()> {
        self.exec(
            "UPDATE categories SET title = $1, alias = $2, description = $3, color = $4,
                    modified_by_user = $5
              WHERE id = $6",
            &[&c.title, &c.alias, &c.description, &c.color, &user, &id],
        )?;
        Ok(())
    }
    fn delete_category(&self, id: i64) -> Result<bool> {
        Ok(self.exec("DELETE FROM categories WHERE id = $1", &[&id])? > 0)
    }
    fn insert_trigger(&self, t: &Trigger, now: Epoch) -> Result<()> {
        self.exec(
            "INSERT INTO triggers (event_type, label, description, date_added) VALUES ($1, $2, $3, $4)",
            &[&t.event_type, &t.label, &t.description, &now],
        )?;
        Ok(())
    }
    fn delete_trigger(&self, event_type: &str) -> Result<bool> {
        Ok(self.exec("DELETE FROM triggers WHERE event_type = $1", &[&event_type])? > 0)
    }
    fn set_setting(&self, key: &str, value: &str) -> Result<()> {
        self.exec(
            "INSERT INTO settings (key, value) VALUES ($1, $2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            &[&key, &value],
        )?;
        Ok(())
    }
    fn unset_setting(&self, key: &str) -> Result<bool> {
        Ok(self.exec("DELETE FROM settings WHERE key = $1", &[&key])? > 0)
    }
    fn insert_event(
        &self,
        event_type: &str,
        payload: &str,
        time: Epoch,
        subs: &[i64],
    ) -> Result<i64> {
        queue::insert_event(self, event_type, payload, time, subs)
    }
    fn insert_events(&self, events: &[super::NewEvent<'_>]) -> Result<Vec<i64>> {
        queue::insert_events(self, events)
    }
    fn redrive(&self, webhook: Option<i64>, waiting: bool, now: Epoch) -> Result<Redriven> {
        queue::redrive(self, webhook, waiting, now)
    }
    fn purge(&self, webhook: Option<i64>, dead_only: bool) -> Result<u64> {
        queue::purge(self, webhook, dead_only)
    }
    fn requeue(&self, b: &crate::store::KeptBatch, uid: &str, now: Epoch) -> Result<Option<i64>> {
        // Queue rows have no foreign key: a delete of the webhook waits.
        self.lock_emits()?;
        queue::requeue(self, b, uid, now)
    }
    fn claim_key(
        &self,
        key: &str,
        now: Epoch,
        expires_at: Epoch,
    ) -> Result<Option<crate::store::KeyAnswer>> {
        queue::claim_key(self, key, now, expires_at)
    }
    fn answer_key(&self, key: &str, answer: &crate::store::KeyAnswer) -> Result<()> {
        queue::answer_key(self, key, answer)
    }
    fn insert_api_user(&self, username: &str, hash: &str, user: &str, now: Epoch) -> Result<i64> {
        Ok(self
            .one(
                "INSERT INTO api_users (username, password_hash, date_added, created_by_user)
                 VALUES ($1, $2, $3, $4) RETURNING id",
                &[&username, &hash, &now, &user],
            )?
            .get(0))
    }
    fn delete_api_user(&self, username: &str) -> Result<bool> {
        Ok(self.exec("DELETE FROM api_users WHERE username = $1", &[&username])? > 0)
    }
    fn import(&self, chunk: &Chunk) -> Result<()> {
        copy::import(self, chunk)
    }
    fn finish_import(&self, marks: &IdMarks) -> Result<()> {
        copy::finish_import(self, marks)
    }
}
