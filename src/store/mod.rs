//! The store interface: what hookq keeps, in model types only.
//!
//! A backend implements three traits, each method one transaction:
//! [`Reads`] (what commands show), [`Tx`] (the writes of one use case,
//! run inside [`Store::write`] so its checks and its writes commit
//! together) and [`Queue`] (what a delivery run's workers share: leases,
//! claims, the group commit of outcomes, payload cleanup). SQL lives only
//! in a backend (`sqlite/`, `postgres/`); nothing here names one.
//!
//! Backends sit behind trait objects rather than an enum: a call through a
//! vtable costs nanoseconds beside the microseconds of the statement it
//! runs (the bench showed no difference), and a new backend is one more
//! `impl`, not one more arm in every method.
//!
//! The store records facts (attempts, first failure time, failures in a
//! row, status); `delivery::retry` decides what they mean.

pub mod postgres;
pub mod sqlite;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::error::UserError;

use crate::model::{
    ApiUser, Catalog, Category, Epoch, HookFields, IdRange, LogEntry, NewCategory, Order, Plan,
    QueueDepth, Target, Trigger, Webhook,
};

/// Where the database lives when neither `--db` nor `HOOKQ_DB` is given.
pub fn default_path() -> Result<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "hookq")
        .context("could not find a home directory for the default database; pass --db PATH")?;
    Ok(dirs.data_dir().join("hookq.db"))
}

/// The scheme of a `scheme://…` string (RFC 3986's scheme characters),
/// or None for anything else, such as a file path.
fn url_scheme(db: &str) -> Option<&str> {
    let (scheme, _) = db.split_once("://")?;
    let mut chars = scheme.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
    .then_some(scheme)
}

/// How [`Store::open`] treats a database that does not exist yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Create {
    /// Create it now.
    Now,
    /// Read it as empty and create it with the first write that succeeds,
    /// so input a write rejects leaves nothing behind.
    OnFirstWrite,
}

/// One open database, whatever the backend.
pub struct Store {
    backend: Box<dyn Backend>,
}

impl Store {
    /// Open the store at `db` (given by `--db` or `HOOKQ_DB`): a
    /// `postgres://` (or `postgresql://`) URL is a PostgreSQL database,
    /// anything else an SQLite file.
    pub fn open(db: &Path, create: Create) -> Result<Store> {
        Store::open_for("--db", db, create)
    }

    /// [`Store::open`] for a database given by `flag`, which refusals
    /// name. Any other `scheme://` is refused rather than taken for a
    /// relative file name (`postgress://h/db` would create
    /// `./postgress:/h/db`).
    pub fn open_for(flag: &str, db: &Path, create: Create) -> Result<Store> {
        let field = flag.trim_start_matches('-');
        if let Some(text) = db.to_str()
            && let Some(scheme) = url_scheme(text)
            && !postgres::is_url(text)
        {
            return Err(UserError::invalid(
                flag,
                field,
                Some(&postgres::mask(text)),
                format!(
                    "{scheme}:// is not a database hookq can use; give postgres://USER@HOST/DB \
                     (or postgresql://) for PostgreSQL, or a file path such as /var/lib/hookq/hookq.db for SQLite"
                ),
            )
            .into());
        }
        let backend: Box<dyn Backend> = match db.to_str().filter(|s| postgres::is_url(s)) {
            Some(url) => Box::new(postgres::PgStore::open(url)?),
            None => Box::new(sqlite::SqliteStore::open_as(flag, db, create)?),
        };
        Ok(Store { backend })
    }

    /// The database `db` names, as messages show it: a PostgreSQL URL
    /// without its password.
    pub fn shown(db: &Path) -> String {
        match db.to_str().filter(|s| url_scheme(s).is_some()) {
            Some(url) => postgres::mask(url),
            None => db.display().to_string(),
        }
    }

    /// Whether `e`, from a call on this store, says its connection is gone
    /// (the server restarted or ended it): the call may be made again on
    /// a fresh store. Never for SQLite.
    pub fn lost_connection(&self, e: &anyhow::Error) -> bool {
        self.backend.lost_connection(e)
    }

    /// Whether the store is reached over the network through a client
    /// that runs its own runtime (PostgreSQL), so a call may block on I/O
    /// for as long as the network takes.
    pub fn is_networked(&self) -> bool {
        self.backend.is_networked()
    }

    /// Run `f` in one write transaction: everything it does commits
    /// together, and an error from it rolls everything back. `f` may run
    /// more than once (a backend may first try it on an empty store), so
    /// it must not have effects outside the transaction.
    pub fn write<T>(&mut self, f: impl Fn(&dyn Tx) -> Result<T>) -> Result<T> {
        let mut out = None;
        self.backend.write(&mut |tx| {
            out = Some(f(tx)?);
            Ok(())
        })?;
        out.context("the write transaction did not run")
    }

    /// Run `f` on one consistent snapshot: its reads all see the same
    /// state (and on SQLite take the read lock once, not per statement).
    pub fn snapshot<T>(&self, f: impl FnOnce(&dyn Reads) -> Result<T>) -> Result<T> {
        let mut f = Some(f);
        let mut out = None;
        self.backend.snapshot(&mut |r| {
            let f = f.take().context("a snapshot ran twice")?;
            out = Some(f(r)?);
            Ok(())
        })?;
        out.context("the snapshot did not run")
    }

    /// Reclaim storage of delivered or purged events (short transactions);
    /// delivered batches kept for `resend` that were delivered before
    /// `kept_since` are let go.
    pub fn cleanup(&mut self, sweep: Sweep, kept_since: Epoch) -> Result<()> {
        self.backend.cleanup(sweep, kept_since)
    }

    /// Many writes follow (bulk emit): let the backend size itself for them.
    pub fn expect_bulk_writes(&mut self) -> Result<()> {
        self.backend.expect_bulk_writes()
    }

    /// This store as a delivery run's shared queue.
    pub fn into_queue(self) -> Result<Box<dyn Queue>> {
        self.backend.into_queue()
    }

    /// What this store is, for `--verbose`.
    pub fn describe(&self) -> String {
        self.backend.describe()
    }

    /// A number that changes whenever another connection commits to the
    /// database (SQLite's `PRAGMA data_version`), so what this connection
    /// read may be reused while it stays the same; None where there is
    /// no such number (PostgreSQL).
    pub fn data_version(&self) -> Result<Option<i64>> {
        self.backend.data_version()
    }

    /// A watch on new work stored by any process, where the backend can
    /// tell (PostgreSQL's LISTEN/NOTIFY); None where it cannot (SQLite:
    /// poll instead).
    pub fn watch(&self) -> Result<Option<Box<dyn Watch>>> {
        self.backend.watch()
    }

    /// Everything stored, in pages of about `page` rows handed to `f` in
    /// an order a copy can insert them in (what a row refers to comes
    /// first), all from one consistent snapshot; returns where each id
    /// sequence stands, so a copy never hands out an id this store did.
    pub fn export(&self, page: usize, f: &mut dyn FnMut(Chunk) -> Result<()>) -> Result<IdMarks> {
        self.backend.export(page, f)
    }
}

impl std::ops::Deref for Store {
    type Target = dyn Reads;

    fn deref(&self) -> &Self::Target {
        self.backend.reads()
    }
}

/// What a backend provides to [`Store`].
pub trait Backend: Send {
    fn reads(&self) -> &(dyn Reads + 'static);
    fn snapshot(&self, f: &mut dyn FnMut(&dyn Reads) -> Result<()>) -> Result<()>;
    fn write(&mut self, f: &mut dyn FnMut(&dyn Tx) -> Result<()>) -> Result<()>;
    fn cleanup(&mut self, sweep: Sweep, kept_since: Epoch) -> Result<()>;
    fn expect_bulk_writes(&mut self) -> Result<()>;
    fn into_queue(self: Box<Self>) -> Result<Box<dyn Queue>>;
    fn describe(&self) -> String;
    fn is_networked(&self) -> bool {
        false
    }
    fn lost_connection(&self, _e: &anyhow::Error) -> bool {
        false
    }
    fn data_version(&self) -> Result<Option<i64>> {
        Ok(None)
    }
    fn export(&self, page: usize, f: &mut dyn FnMut(Chunk) -> Result<()>) -> Result<IdMarks>;
    fn watch(&self) -> Result<Option<Box<dyn Watch>>> {
        Ok(None)
    }
}

/// Notice of new work (events stored, batches re-driven) from any process.
pub trait Watch: Send {
    /// Wait up to `timeout`; true when work was announced meanwhile.
    fn wait(&mut self, timeout: std::time::Duration) -> Result<bool>;
}

/// Reads, each consistent in itself.
pub trait Reads {
    fn get_hook(&self, id: i64) -> Result<Option<Webhook>>;
    /// Matching hooks (one page) and the count of all matches.
    fn list_hooks(&self, q: &ListQuery) -> Result<(u64, Vec<Webhook>)>;
    fn queue_depth(&self, id: i64) -> Result<QueueDepth>;
    /// What deleting the webhook would take with it.
    fn hook_usage(&self, id: i64) -> Result<HookUsage>;
    /// The full catalog: Mautic's types plus the custom ones.
    fn catalog(&self) -> Result<Catalog>;
    /// Ordered by title.
    fn categories(&self) -> Result<Vec<Category>>;
    fn category(&self, id: i64) -> Result<Option<Category>>;
    fn category_by_alias(&self, alias: &str) -> Result<Option<Category>>;
    /// Stored settings: canonical text per key.
    fn stored_settings(&self) -> Result<BTreeMap<String, String>>;
    /// Published webhooks subscribed to `event_type`, by id.
    /// With each one's filters of the type (a JSON array of patterns;
    /// None: it takes every event of the type).
    fn subscribers(&self, event_type: &str) -> Result<Vec<(i64, Option<String>)>>;
    /// Every webhook subscribed to `event_type`, published or not.
    fn trigger_users(&self, event_type: &str) -> Result<Vec<i64>>;
    /// Delivery attempts, newest first.
    fn logs(&self, q: &LogQuery) -> Result<Vec<LogEntry>>;
    /// How many log rows `q` selects (its limit ignored).
    fn log_count(&self, q: &LogQuery) -> Result<u64>;
    /// Per webhook (every one, by id), what waits in the queue.
    fn queue_stats(&self, now: Epoch) -> Result<Vec<QueueStat>>;
    /// [`Reads::queue_stats`] of one webhook (None: no such webhook).
    fn queue_stat(&self, hook: i64, now: Epoch) -> Result<Option<QueueStat>>;
    /// Queued events by event id then webhook, cut at `limit`.
    fn queue_rows(&self, q: &QueueQuery) -> Result<Vec<QueueRow>>;
    /// How many queue rows `q` selects (its limit ignored).
    fn queue_count(&self, q: &QueueQuery) -> Result<u64>;
    /// Events a run would deliver: published webhooks, not dead, in range.
    fn due_count(&self, only: Option<&[i64]>, range: IdRange) -> Result<u64>;
    /// Published webhooks with queued rows (within `range`, among `only`).
    fn targets(&self, only: Option<&[i64]>, range: IdRange) -> Result<Vec<Target>>;
    /// Queued work for `hook` within `range`, without changing anything.
    fn pending(&self, hook: i64, range: IdRange, now: Epoch) -> Result<Pending>;
    /// Each live (not dead) batch of `hook` within `range`, oldest first,
    /// with its events in its order (`process --dry-run` sizes bodies).
    fn each_live_batch(
        &self,
        hook: i64,
        range: IdRange,
        f: &mut dyn FnMut(&[crate::model::Event]) -> Result<()>,
    ) -> Result<()>;
    /// Up to `limit` fresh (not batched) events of `hook` within `range`,
    /// in `descending` order or not, past event id `after`, with their ids.
    fn fresh_events(
        &self,
        hook: i64,
        range: IdRange,
        descending: bool,
        after: Option<i64>,
        limit: u32,
    ) -> Result<Vec<(i64, crate::model::Event)>>;
    /// The kept delivered batches `which` names (as delivered: a batch
    /// resent and delivered again is there twice).
    fn kept_batches(&self, which: &Resend) -> Result<Vec<KeptBatch>>;
    /// The stored events among `ids` (those whose payload is kept), by id.
    fn events_by_id(&self, ids: &[i64]) -> Result<Vec<(i64, crate::model::Event)>>;
    /// How long (ms) until `hook` may send again under `rate` at `now_ms`
    /// (None: now).
    fn rate_wait(
        &self,
        hook: i64,
        rate: crate::controls::Rate,
        now_ms: Epoch,
    ) -> Result<Option<i64>>;
    /// Ordered by username.
    fn api_users(&self) -> Result<Vec<ApiUser>>;
    fn api_user(&self, username: &str) -> Result<Option<ApiUser>>;
    /// How many rows of each kind are stored.
    fn inventory(&self) -> Result<Inventory>;
}

/// The writes of one transaction (and its reads, which see them).
pub trait Tx: Reads {
    /// With the given id (PUT on a missing id) or a new one.
    fn insert_hook(&self, id: Option<i64>, f: &HookFields, user: &str, now: Epoch) -> Result<i64>;
    /// Overwrite a webhook's editable fields. Publishing again clears the
    /// reason it was unpublished and its failing state; its queued events
    /// then resume.
    fn update_hook(&self, id: i64, f: &HookFields, user: &str, now: Epoch) -> Result<()>;
    /// Remove a webhook; its subscriptions, queue and logs go with it.
    fn delete_hook(&self, id: i64) -> Result<bool>;
    fn insert_category(&self, c: &NewCategory, user: &str, now: Epoch) -> Result<i64>;
    /// Overwrite a category's fields (its id stays).
    fn update_category(&self, id: i64, c: &NewCategory, user: &str) -> Result<()>;
    /// Its webhooks become uncategorised.
    fn delete_category(&self, id: i64) -> Result<bool>;
    fn insert_trigger(&self, t: &Trigger, now: Epoch) -> Result<()>;
    fn delete_trigger(&self, event_type: &str) -> Result<bool>;
    fn set_setting(&self, key: &str, value: &str) -> Result<()>;
    fn unset_setting(&self, key: &str) -> Result<bool>;
    /// Store one event for `subs` (non-empty). Returns the event id, above
    /// every id handed out before.
    fn insert_event(
        &self,
        event_type: &str,
        payload: &str,
        time: Epoch,
        subs: &[i64],
    ) -> Result<i64>;
    /// Store many events in order, each for its subscribers (non-empty);
    /// their ids, ascending. A backend may do it in fewer statements than
    /// one [`Tx::insert_event`] each.
    fn insert_events(&self, events: &[NewEvent<'_>]) -> Result<Vec<i64>> {
        events
            .iter()
            .map(|e| self.insert_event(e.event_type, e.payload, e.time, e.subs))
            .collect()
    }
    /// Insert rows exactly as another store exported them, ids included
    /// (`hookq db copy`, into an empty store).
    fn import(&self, chunk: &Chunk) -> Result<()>;
    /// After the last chunk: every id sequence goes on past `marks`.
    fn finish_import(&self, marks: &IdMarks) -> Result<()>;
    /// Make dead batches (and with `waiting`, batches waiting for a retry)
    /// due at `now`. Dead ones start a new round (their age counts from
    /// their next failure); attempts go on counting.
    fn redrive(&self, webhook: Option<i64>, waiting: bool, now: Epoch) -> Result<Redriven>;
    /// Drop queued events (with `dead_only`, those of dead batches).
    fn purge(&self, webhook: Option<i64>, dead_only: bool) -> Result<u64>;
    /// Queue kept batch `b` again as a new batch due at `now` with `Webhook-Id`
    /// `uid`: how many of its events are still stored (and so queued).
    /// None, writing nothing: some of its events are queued for its
    /// webhook already.
    fn requeue(&self, b: &KeptBatch, uid: &str, now: Epoch) -> Result<Option<i64>>;
    /// `hash`: the password's argon2id hash (PHC string).
    fn insert_api_user(&self, username: &str, hash: &str, user: &str, now: Epoch) -> Result<i64>;
    fn delete_api_user(&self, username: &str) -> Result<bool>;
    /// Take idempotency key `key` for an event stored in this
    /// transaction: None, and the key is this transaction's until
    /// `expires_at` (give its answer with [`Tx::answer_key`]); or the
    /// answer of the event stored under it before, while that has not
    /// expired at `now`. Where transactions run at once (PostgreSQL), one
    /// that meets a key another has taken but not yet committed waits for
    /// it, so a key never stores two events.
    fn claim_key(&self, key: &str, now: Epoch, expires_at: Epoch) -> Result<Option<KeyAnswer>>;
    /// What the event stored under a key claimed in this transaction was.
    fn answer_key(&self, key: &str, answer: &KeyAnswer) -> Result<()>;
}

/// What an event stored under an idempotency key was: its id and
/// subscribers (None and none: nobody subscribed, nothing was stored).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyAnswer {
    pub event_id: Option<i64>,
    pub event_type: String,
    pub webhooks: Vec<i64>,
}

impl KeyAnswer {
    /// The subscriber ids as the store keeps them.
    pub fn webhooks_text(&self) -> String {
        self.webhooks
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(",")
    }

    /// Back from the store's row.
    pub fn from_row(event_id: Option<i64>, event_type: String, webhooks: &str) -> KeyAnswer {
        KeyAnswer {
            event_id,
            event_type,
            webhooks: webhooks.split(',').filter_map(|w| w.parse().ok()).collect(),
        }
    }
}

/// What a delivery run's workers share. Every method is one short
/// transaction (or a plain read); none is ever open across an HTTP call.
pub trait Queue: Send + Sync {
    fn targets(&self, only: Option<&[i64]>, range: IdRange) -> Result<Vec<Target>>;
    /// Take `hook`'s lease if it is free, expired, or held by a process that
    /// `lease.holder_gone` says has died. False: another live run has it
    /// (or the webhook is no longer published).
    fn acquire_lease(&self, hook: i64, lease: &Lease<'_>) -> Result<bool>;
    /// Check (and when half spent, extend) the lease, then claim the next
    /// batch: the oldest live batch when due (with strict order, a waiting
    /// one blocks everything after it), else a new batch of fresh rows in
    /// the webhook's order. None: nothing is due, an earlier batch waits,
    /// or the lease is gone.
    fn claim(&self, hook: i64, c: &Claim<'_>) -> Result<Option<Plan>>;
    /// Read `plan`'s events in its fixed order. Empty: the rows were
    /// purged since the plan was made.
    fn load_events(&self, plan: &mut Plan) -> Result<()>;
    /// The group commit: record every outcome in one transaction, and for
    /// each delivered one claim that webhook's next batch with `next`.
    fn record_outcomes(
        &self,
        records: &[Record<'_>],
        next: Option<&Claim<'_>>,
    ) -> Result<Vec<Applied>>;
    /// How long (ms) until `hook` may send again under `rate` at `now_ms`
    /// (None: now), from its requests noted by [`Queue::note_send`].
    fn rate_wait(&self, hook: i64, rate: crate::controls::Rate, now_ms: i64)
    -> Result<Option<i64>>;
    /// A request of rate-limited `hook` ended at `at_ms`.
    fn note_send(&self, hook: i64, rate: crate::controls::Rate, at_ms: i64) -> Result<()>;
    /// A webhook's turn is over: prune its logs to `log_max`, release the lease.
    fn end_turn(&self, hook: i64, owner: &str, log_max: u32) -> Result<()>;
    /// Reclaim the payloads of delivered events; let go of delivered
    /// batches kept for `resend` that were delivered before `kept_since`.
    fn cleanup(&self, sweep: Sweep, kept_since: Epoch) -> Result<()>;
    /// How many `record_outcomes` may usefully run at once (1: the store
    /// serializes writes anyway, so outcomes wait for one group commit).
    fn writers(&self) -> usize {
        1
    }
}

/// One event to store, for [`Tx::insert_events`].
#[derive(Debug, Clone, Copy)]
pub struct NewEvent<'a> {
    pub event_type: &'a str,
    /// Normalised (see `service::emit::payload`).
    pub payload: &'a str,
    pub time: Epoch,
    pub subs: &'a [i64],
}

/// Rows of one kind, as `hookq db copy` moves them between stores.
#[derive(Debug, Clone)]
pub enum Chunk {
    Categories(Vec<CategoryRow>),
    /// With their health, category and subscriptions (in their order).
    Webhooks(Vec<Webhook>),
    Triggers(Vec<(Trigger, Epoch)>),
    Settings(Vec<(String, String)>),
    Payloads(Vec<PayloadRow>),
    Batches(Vec<BatchRow>),
    Queue(Vec<QueueRef>),
    Logs(Vec<LogRow>),
    /// Delivered batches kept for `resend`.
    Kept(Vec<KeptRow>),
    ApiUsers(Vec<ApiUser>),
}

/// One log row, with where its batch's events begin (a kept batch's key).
#[derive(Debug, Clone, PartialEq)]
pub struct LogRow {
    pub entry: LogEntry,
    pub batch_lo: Option<i64>,
}

/// One delivered batch kept for `resend`: the events it carried.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeptRow {
    pub lo: i64,
    pub batch_id: i64,
    pub uid: String,
    pub webhook_id: i64,
    pub descending: bool,
    /// Comma-separated, in the order they were sent.
    pub event_ids: String,
    pub event_count: i64,
    pub delivered_at: Epoch,
}

impl KeptRow {
    /// What `plan` (its events loaded) leaves to keep, delivered at `at`.
    pub fn of(plan: &Plan, at: Epoch) -> Option<KeptRow> {
        let lo = plan.event_ids.iter().min().copied()?;
        Some(KeptRow {
            lo,
            batch_id: plan.batch_id,
            uid: plan.uid.clone(),
            webhook_id: plan.webhook_id,
            descending: plan.descending,
            event_ids: id_list(&plan.event_ids),
            event_count: plan.event_ids.len() as i64,
            delivered_at: at,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategoryRow {
    pub category: Category,
    pub bundle: String,
    pub date_added: Epoch,
}

/// One stored event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PayloadRow {
    pub id: i64,
    pub event_type: String,
    pub payload: String,
    pub date_added: Epoch,
}

/// One batch, as formed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchRow {
    pub id: i64,
    pub uid: String,
    pub webhook_id: i64,
    pub descending: bool,
    pub event_count: i64,
    pub lo: i64,
    pub hi: i64,
    pub attempts: i64,
    pub next_attempt_at: Epoch,
    pub first_failed_at: Option<Epoch>,
    pub dead: bool,
    pub date_added: Epoch,
}

/// One queued (webhook, event), in a batch or not yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QueueRef {
    pub webhook_id: i64,
    pub event_id: i64,
    pub batch_id: Option<i64>,
}

/// The highest id each table has handed out (deleted rows included).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct IdMarks {
    pub categories: i64,
    pub webhooks: i64,
    pub payloads: i64,
    /// Kept delivered batches' ids included.
    pub batches: i64,
    pub logs: i64,
    pub api_users: i64,
    /// Where the sweep of payloads the retention let go has reached
    /// (`hookq_retention`), if it began.
    pub retention_upto: Option<i64>,
}

/// Rows of each kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Inventory {
    pub categories: u64,
    pub webhooks: u64,
    pub subscriptions: u64,
    pub triggers: u64,
    pub settings: u64,
    pub payloads: u64,
    pub batches: u64,
    pub queued: u64,
    pub logs: u64,
    pub kept: u64,
    pub api_users: u64,
}

impl Inventory {
    pub fn is_empty(&self) -> bool {
        *self == Inventory::default()
    }

    /// (name, count), in the order a copy moves them.
    pub fn rows(&self) -> [(&'static str, u64); 11] {
        [
            ("categories", self.categories),
            ("webhooks", self.webhooks),
            ("subscriptions", self.subscriptions),
            ("triggers", self.triggers),
            ("settings", self.settings),
            ("events", self.payloads),
            ("batches", self.batches),
            ("queued", self.queued),
            ("logs", self.logs),
            ("kept_batches", self.kept),
            ("api_users", self.api_users),
        ]
    }
}

/// A lease request.
pub struct Lease<'a> {
    pub owner: &'a str,
    pub until: Epoch,
    pub now: Epoch,
    pub holder_gone: &'a dyn Fn(&str) -> bool,
}

/// A claim's parameters.
#[derive(Debug, Clone)]
pub struct Claim<'a> {
    pub owner: &'a str,
    /// The lease is extended to this when it would end before `renew_by`.
    pub lease_until: Epoch,
    pub renew_by: Epoch,
    pub now: Epoch,
    pub range: IdRange,
    pub batch_limit: u32,
    pub strict_order: bool,
    pub default_order: Order,
}

/// One attempt to record: its log row and what the policy decided.
pub struct Record<'a> {
    pub plan: &'a Plan,
    pub owner: &'a str,
    pub log: LogEntry,
    pub verdict: Verdict,
    /// Delivered: keep which events it carried, for `resend`.
    pub retain: bool,
    /// hookq's own events the outcome causes, queued with it (unless the
    /// lease was lost, when it changes nothing).
    pub alerts: Vec<crate::alert::Alert>,
}

/// Queue an alert for the webhooks subscribed to its type whose filters
/// take it, never the webhook it is about.
pub fn queue_alert(tx: &dyn Tx, a: &crate::alert::Alert) -> Result<()> {
    let mut takers =
        crate::controls::Subscribers::of(tx.subscribers(a.event_type)?).into_taking(&a.payload);
    takers.retain(|id| *id != a.about);
    if !takers.is_empty() {
        tx.insert_event(a.event_type, &a.payload, a.time, &takers)?;
    }
    Ok(())
}

/// Payloads the retention kept and has let go since: from `upto` (where
/// the last such sweep reached) up to below the floor (the lowest `lo` of a
/// kept batch), or to `hi` (the newest payload) when no batch is kept.
/// Both backends' cleanups sweep this range beside the ones asked for.
pub fn retention_let_go(floor: Option<i64>, upto: i64, hi: i64) -> Option<(i64, i64)> {
    match floor {
        Some(f) => (upto < f).then(|| (upto, f - 1)),
        None => (upto <= hi).then_some((upto, hi)),
    }
}

/// Where that sweep starts next time: the floor once it reached it, none
/// (`i64::MAX`) when no batch was kept, else where it was. The backends
/// lower it to a floor that moved down meanwhile.
pub fn retention_next(let_go: Option<(i64, i64)>, floor: Option<i64>, upto: i64) -> i64 {
    match (let_go, floor) {
        (Some(_), Some(f)) => f,
        (Some(_), None) => i64::MAX,
        (None, _) => upto,
    }
}

/// Event ids as a kept batch records them: `1,2,3`.
pub fn id_list(ids: &[i64]) -> String {
    let mut out = String::with_capacity(ids.len() * 8);
    for (i, id) in ids.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&id.to_string());
    }
    out
}

/// The ids of an [`id_list`].
pub fn parse_id_list(s: &str) -> Vec<i64> {
    s.split(',').filter_map(|i| i.parse().ok()).collect()
}

/// Which kept delivered batches `resend` queues again.
#[derive(Debug, Clone)]
pub enum Resend {
    /// The newest delivery of this batch (`Webhook-Id`).
    Batch(String),
    /// Every batch of this webhook delivered at or after `since`, oldest
    /// first.
    Webhook { id: i64, since: Epoch },
}

/// A delivered batch kept for `resend`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeptBatch {
    /// The `Webhook-Id` it was delivered with.
    pub uid: String,
    pub webhook_id: i64,
    pub descending: bool,
    pub event_ids: Vec<i64>,
}

/// What the delivery policy decided about one attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// 2xx: the batch's rows are done; the webhook is healthy.
    Delivered,
    Failed {
        /// The status as logged (digits or `N/A`), kept on the webhook.
        status: String,
        next_attempt_at: Epoch,
        /// Past its age: kept, never sent again on its own.
        dead: bool,
        /// Unpublish the webhook, for this reason.
        unpublish: Option<String>,
    },
}

/// What recording one outcome did.
#[derive(Debug)]
pub struct Applied {
    /// The lease had passed to another run, which owns the batch now; only
    /// the log row was written.
    pub lease_lost: bool,
    /// The webhook's next batch, claimed in the same transaction.
    pub next: Option<Plan>,
}

/// Dead and waiting batches made due again.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Redriven {
    pub batches: u64,
    pub events: u64,
}

/// What deleting a webhook removes with it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HookUsage {
    pub queued: u64,
    pub logs: u64,
    /// The lowest and highest queued event id.
    pub events: Option<(i64, i64)>,
}

/// A LIKE pattern (with `\\` as its escape) matching text that contains
/// `s`: `%` and `_` in `s` match only themselves.
pub fn like_contains(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('%');
    for c in s.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

/// One `--search` term (Mautic's search commands, or free text on name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SearchTerm {
    Text(String),
    Published(bool),
    Uncategorized,
    Category(String),
    Ids(Vec<i64>),
    /// Mautic's `!` before a term: the webhooks it does not match.
    Not(Box<SearchTerm>),
}

/// Columns a list may be ordered and filtered by (`--order-by`, Mautic's
/// `orderBy`, `order[i][col]`, `where[i][col]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrderColumn {
    Id,
    Name,
    Description,
    WebhookUrl,
    EventsOrderbyDir,
    IsPublished,
    DateAdded,
    DateModified,
    CreatedByUser,
    ModifiedByUser,
    Category,
}

impl OrderColumn {
    /// camelCase (as in the JSON) and snake_case (as Mautic's API takes).
    pub const NAMES: &[(&str, &str, OrderColumn)] = &[
        ("id", "id", OrderColumn::Id),
        ("name", "name", OrderColumn::Name),
        ("description", "description", OrderColumn::Description),
        ("webhookUrl", "webhook_url", OrderColumn::WebhookUrl),
        (
            "eventsOrderbyDir",
            "events_orderby_dir",
            OrderColumn::EventsOrderbyDir,
        ),
        ("isPublished", "is_published", OrderColumn::IsPublished),
        ("dateAdded", "date_added", OrderColumn::DateAdded),
        ("dateModified", "date_modified", OrderColumn::DateModified),
        (
            "createdByUser",
            "created_by_user",
            OrderColumn::CreatedByUser,
        ),
        (
            "modifiedByUser",
            "modified_by_user",
            OrderColumn::ModifiedByUser,
        ),
        ("category", "category_id", OrderColumn::Category),
    ];

    /// The snake_case name, which is also the webhooks table's column.
    pub fn snake(self) -> &'static str {
        Self::NAMES
            .iter()
            .find(|(_, _, c)| *c == self)
            .map_or("id", |(_, snake, _)| snake)
    }

    pub fn parse(s: &str) -> Option<OrderColumn> {
        Self::NAMES
            .iter()
            .find(|(camel, snake, _)| *camel == s || *snake == s)
            .map(|(_, _, c)| *c)
    }

    /// What the column holds, so a filter's value can be typed for it.
    pub fn kind(self) -> ColumnKind {
        match self {
            OrderColumn::Id | OrderColumn::Category => ColumnKind::Integer,
            OrderColumn::IsPublished => ColumnKind::Flag,
            OrderColumn::DateAdded | OrderColumn::DateModified => ColumnKind::Date,
            _ => ColumnKind::Text,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    Integer,
    /// Stored as 0 or 1.
    Flag,
    /// Stored as Unix seconds.
    Date,
    Text,
}

/// A filter value, already typed for its column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FilterValue {
    Int(i64),
    Text(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cmp {
    Eq,
    Neq,
    Lt,
    Lte,
    Gt,
    Gte,
}

/// One of Mautic's `where` expressions. `bool` fields negate (`neq`
/// is a [`Cmp`]; `notLike`, `notIn`, `isNotNull`, `isNotEmpty`,
/// `notBetween` set the flag).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Filter {
    Compare(OrderColumn, Cmp, FilterValue),
    /// The pattern as given (`%` and `_` are SQL LIKE's).
    Like(OrderColumn, bool, String),
    In(OrderColumn, bool, Vec<FilterValue>),
    Null(OrderColumn, bool),
    /// Null or the empty string.
    Empty(OrderColumn, bool),
    Between(OrderColumn, bool, FilterValue, FilterValue),
    /// `andX`: every one holds.
    All(Vec<Filter>),
    /// `orX`: at least one holds.
    Any(Vec<Filter>),
}

#[derive(Debug, Clone)]
pub struct ListQuery {
    pub search: Vec<SearchTerm>,
    /// Mautic's `where`: every one must hold.
    pub filters: Vec<Filter>,
    pub published_only: bool,
    pub start: u64,
    /// `None`: no limit.
    pub limit: Option<u64>,
    /// Sort keys, first one first; ties end in id order.
    pub order: Vec<(OrderColumn, Order)>,
}

#[derive(Debug, Clone, Default)]
pub struct LogQuery {
    pub webhook: Option<i64>,
    /// `None`: no limit.
    pub limit: Option<u64>,
    pub failed_only: bool,
    /// Only attempts at or after this time.
    pub since: Option<Epoch>,
    /// Only this status, as logged (`500`, `N/A`).
    pub status: Option<String>,
    /// Only this batch (its `Webhook-Id`).
    pub batch: Option<String>,
    /// Only rows with a greater id (`logs --follow`).
    pub after_id: Option<i64>,
    /// Only rows with a smaller id (the next, older page); the count
    /// ignores it.
    pub before_id: Option<i64>,
}

#[derive(Debug, Clone, Copy, Default)]
pub struct QueueQuery {
    pub webhook: Option<i64>,
    pub dead_only: bool,
    /// `None`: no limit.
    pub limit: Option<u64>,
    /// Only rows past this (event id, webhook id), in the list's order
    /// (the next page); the count ignores it.
    pub after: Option<(i64, i64)>,
}

/// One webhook's line of `queue stats`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueStat {
    pub id: i64,
    pub name: String,
    pub published: bool,
    /// Not yet in a batch.
    pub fresh: i64,
    /// In live batches that are due.
    pub in_flight: i64,
    /// In live batches waiting for their retry.
    pub waiting: i64,
    pub dead: i64,
    /// The first queued event's time.
    pub oldest: Option<Epoch>,
    pub next_retry: Option<Epoch>,
}

/// One queued event of one webhook, as `queue list` shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueRow {
    pub event_id: i64,
    pub webhook_id: i64,
    pub event_type: String,
    pub date_added: Epoch,
    pub batch_uid: Option<String>,
    pub attempts: i64,
    pub next_attempt: Option<Epoch>,
    pub dead: bool,
}

/// What `process --dry-run` reports for one webhook.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pending {
    pub events: i64,
    pub live_batches: i64,
    pub due_batches: i64,
    pub types: Vec<(String, i64)>,
}

/// Event id ranges a run delivered, kept short: ranges closer than
/// [`Swept::GAP`] are joined (a cleanup checks every id in a range, so a
/// wider range only costs a little more checking).
#[derive(Debug, Default, Clone)]
pub struct Swept(Vec<(i64, i64)>);

impl Swept {
    const GAP: i64 = 4096;
    const KEEP: usize = 4096;

    pub fn add(&mut self, lo: i64, hi: i64) {
        self.0.push((lo.min(hi), lo.max(hi)));
        if self.0.len() >= Self::KEEP {
            self.merge();
        }
    }

    fn merge(&mut self) {
        self.0.sort_unstable();
        let mut out: Vec<(i64, i64)> = Vec::with_capacity(self.0.len());
        for &(lo, hi) in &self.0 {
            match out.last_mut() {
                Some(last) if lo <= last.1.saturating_add(Self::GAP) => last.1 = last.1.max(hi),
                _ => out.push((lo, hi)),
            }
        }
        self.0 = out;
    }

    pub fn ranges(mut self) -> Vec<(i64, i64)> {
        self.merge();
        self.0
    }
}

/// Which payloads a cleanup looks at.
#[derive(Debug, Clone)]
pub enum Sweep {
    /// Those of events in these ranges (what a run delivered), and any
    /// older than every queued event.
    Ranges(Vec<(i64, i64)>),
    /// All of them (after a purge).
    All,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_columns_accept_both_spellings_only_from_the_list() {
        assert_eq!(
            OrderColumn::parse("dateAdded"),
            Some(OrderColumn::DateAdded)
        );
        assert_eq!(
            OrderColumn::parse("date_added"),
            Some(OrderColumn::DateAdded)
        );
        assert_eq!(OrderColumn::parse("secret"), None);
        assert_eq!(OrderColumn::Category.snake(), "category_id");
        assert_eq!(OrderColumn::WebhookUrl.snake(), "webhook_url");
        assert_eq!(OrderColumn::parse("id; DROP TABLE webhooks"), None);
    }

    #[test]
    fn like_wildcards_are_escaped() {
        assert_eq!(like_contains("50%_a\\"), "%50\\%\\_a\\\\%");
    }

    #[test]
    fn swept_joins_near_ranges_and_keeps_far_ones() {
        let mut s = Swept::default();
        s.add(50, 40);
        s.add(1, 10);
        s.add(20, 30);
        s.add(100_000, 100_010);
        assert_eq!(s.ranges(), vec![(1, 50), (100_000, 100_010)]);
    }
}
