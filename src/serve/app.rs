//! What every request shares: the stores, the authenticator, the metrics.
//!
//! Store calls block. Point reads (a user, a hook, a page of hooks) take
//! microseconds, so they run where the request runs, on a store each
//! runtime thread keeps ([`App::read_now`]): handing them to another
//! thread would cost more than they do. Scans (queue, logs, metrics) go to
//! tokio's blocking pool on pooled stores ([`App::read`]). Writes can wait
//! on another process's lock, so they always go to the blocking pool and
//! share one store behind a mutex ([`App::write`]): this process's
//! writers queue in memory instead of spinning on the database lock.
//! Events recorded one per request are group-committed
//! ([`App::record`]): whatever arrived while the last transaction ran is
//! stored in the next one.

use std::cell::RefCell;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use tokio::sync::oneshot;

use super::auth::Auth;
use super::deliver::{self, Delivery, Wake};
use super::metrics::Metrics;
use super::reply::ApiError;
use crate::error::UserError;
use crate::model::Catalog;
use crate::service::emit::{self, Line, Recorded, Stored};
use crate::settings::Settings;
use crate::store::{Create, Store};

/// Work for the commit thread, and where its answer goes.
enum Job {
    /// One event, stored with whatever others wait beside it; with the
    /// `idempotency_window` it was checked under.
    One(Line, Duration, oneshot::Sender<Result<Recorded>>),
    /// A parsed NDJSON body (its line count and events), in one
    /// transaction of its own.
    Many(
        usize,
        Vec<Line>,
        Duration,
        oneshot::Sender<Result<(usize, Stored), ApiError>>,
    ),
}

/// An NDJSON body for the parse thread.
type Bulk = (
    axum::body::Bytes,
    Arc<Checks>,
    oneshot::Sender<Result<(usize, Stored), ApiError>>,
);

/// What an event is checked against before it is stored.
pub struct Checks {
    pub settings: Settings,
    pub catalog: Catalog,
}

/// How long [`App::checks`] keeps what it read.
pub const CHECKS_TTL: Duration = Duration::from_secs(1);

/// Threads parsing NDJSON bodies: two keep the commit thread fed on two
/// cores; each costs an allocator arena.
const PARSE_THREADS: usize = 2;

/// Events stored in one transaction at most.
const GROUP_MAX: usize = 256;

thread_local! {
    /// This thread's store for point reads, and the database it is for.
    static READER: RefCell<Option<(PathBuf, Store)>> = const { RefCell::new(None) };
    /// Hook documents made from that store, and its `data_version` when
    /// they were: valid while it is unchanged (see [`App::hook_doc`]).
    static DOCS: RefCell<Docs> = RefCell::new(Docs::default());
}

/// A `data_version` and the hook documents (by id) made at it.
#[derive(Default)]
struct Docs {
    version: Option<i64>,
    by_id: std::collections::HashMap<i64, Vec<u8>>,
    /// What the documents hold, in bytes.
    bytes: usize,
}

impl Docs {
    fn clear(&mut self) {
        // A fresh map: a cleared one would keep its capacity.
        self.by_id = std::collections::HashMap::new();
        self.bytes = 0;
    }
}

/// Hook documents a thread keeps at most.
const DOCS_MAX: usize = 1024;
/// Bytes of hook documents a thread keeps at most: a few large
/// descriptions must not hold memory for as long as the server runs.
const DOCS_BYTES: usize = 1 << 20;

pub struct App {
    pub db: PathBuf,
    /// The database as messages show it (no password).
    pub describe: String,
    writer: Mutex<Store>,
    readers: Mutex<Vec<Store>>,
    /// None: `--no-auth`.
    pub auth: Option<Arc<Auth>>,
    pub metrics: Metrics,
    pub verbose: bool,
    /// `--deliver` looks for due work unannounced this often.
    pub poll: Duration,
    /// The store's client runs its own runtime (PostgreSQL): point reads
    /// leave the async thread first (`read_now`). Decided once, not per
    /// request.
    blocking_client: bool,
    /// Wakes the delivery engine when events arrive.
    pub wake: Wake,
    /// The delivery engine, when running (`--deliver`, or started by the
    /// first event stored in `queue_mode = immediate`).
    engine: Mutex<Option<Delivery>>,
    /// The group committer's queue.
    jobs: Mutex<mpsc::Sender<Job>>,
    /// Settings and catalog as last read, for checking events.
    checks: Mutex<Option<(Instant, Arc<Checks>)>>,
    /// The parse thread's queue (NDJSON bodies).
    bulk: Mutex<mpsc::Sender<Bulk>>,
}

/// Readers kept open for reuse; more may be open at a peak.
const KEEP_READERS: usize = 16;

/// The commit thread: stores an NDJSON body in one transaction, and
/// every single event waiting (up to [`GROUP_MAX`]) in another. When a
/// group's transaction fails, each of its events is stored on its own,
/// so one event's error is its own.
fn commit_loop(app: &std::sync::Weak<App>, rx: &mpsc::Receiver<Job>) {
    let mut next: Option<Job> = None;
    loop {
        let first = match next.take() {
            Some(j) => j,
            None => match rx.recv() {
                Ok(j) => j,
                Err(_) => return,
            },
        };
        let Some(app) = app.upgrade() else { return };
        let mut store = app.writer.lock().unwrap_or_else(|e| e.into_inner());
        let (mut group, window) = match first {
            Job::Many(lines, events, window, reply) => {
                let r = emit::emit_many(&mut store, &events, window)
                    .map(|stored| (lines, stored))
                    .map_err(ApiError::from);
                let _ = reply.send(r);
                continue;
            }
            Job::One(line, window, reply) => (vec![(line, reply)], window),
        };
        while group.len() < GROUP_MAX {
            match rx.try_recv() {
                // Settings read within a second of each other: the
                // group's first window holds for all of it.
                Ok(Job::One(line, _, reply)) => group.push((line, reply)),
                Ok(many) => {
                    next = Some(many);
                    break;
                }
                Err(_) => break,
            }
        }
        let lines: Vec<Line> = group.iter().map(|(l, _)| l.clone()).collect();
        match emit::emit_group(&mut store, &lines, window) {
            Ok(results) => {
                for ((_, reply), r) in group.into_iter().zip(results) {
                    let _ = reply.send(Ok(r));
                }
            }
            Err(_) => {
                for (line, reply) in group {
                    let r = emit::emit(
                        &mut store,
                        &line.event_type,
                        &line.payload,
                        line.key.as_deref(),
                        window,
                    );
                    let _ = reply.send(r);
                }
            }
        }
    }
}

/// Check every line of an NDJSON body; the first bad one is named with
/// its number, as `emit --ndjson` names it.
fn ndjson_lines(
    text: &str,
    catalog: &crate::model::Catalog,
    max: u64,
) -> Result<(usize, Vec<Line>), ApiError> {
    let mut out = Vec::new();
    let mut n = 0;
    for (i, raw) in text.lines().enumerate() {
        n = i + 1;
        let t = raw.trim();
        if t.is_empty() {
            continue;
        }
        let line = emit::parse_line(t, catalog, max).map_err(|why| {
            ApiError::from(anyhow::Error::from(UserError::invalid(
                format!("line {n}"),
                "ndjson",
                None,
                format!("line {n}: {why}; nothing was stored"),
            )))
        })?;
        out.push(line);
    }
    Ok((n, out))
}

/// A parse thread: checks NDJSON bodies and hands them to the commit
/// thread, so parsing overlaps storing, on a fixed set of threads
/// whatever the load.
fn parse_loop(rx: &Mutex<mpsc::Receiver<Bulk>>, commit: &mpsc::Sender<Job>) {
    loop {
        let next = rx.lock().unwrap_or_else(|e| e.into_inner()).recv();
        let Ok((body, checks, reply)) = next else {
            return;
        };
        let text = std::str::from_utf8(&body).unwrap_or_default();
        match ndjson_lines(text, &checks.catalog, checks.settings.max_payload_bytes) {
            Ok((lines, events)) => {
                let window = checks.settings.idempotency_window;
                if let Err(mpsc::SendError(Job::Many(_, _, _, reply))) =
                    commit.send(Job::Many(lines, events, window, reply))
                {
                    let _ = reply.send(Err(ApiError::from(anyhow::anyhow!(
                        "the commit thread has stopped"
                    ))));
                }
            }
            Err(e) => {
                let _ = reply.send(Err(e));
            }
        }
    }
}

impl App {
    pub fn new(
        db: PathBuf,
        auth: Option<Arc<Auth>>,
        verbose: bool,
        poll: Duration,
    ) -> Result<Arc<App>> {
        let writer = Store::open(&db, Create::Now)?;
        let blocking_client = writer.is_networked();
        let (tx, rx) = mpsc::channel::<Job>();
        let (bulk_tx, bulk_rx) = mpsc::channel::<Bulk>();
        let describe = writer.describe();
        let app = Arc::new(App {
            db,
            describe,
            writer: Mutex::new(writer),
            readers: Mutex::new(Vec::new()),
            auth,
            metrics: Metrics::new(),
            verbose,
            poll,
            blocking_client,
            wake: Wake::default(),
            engine: Mutex::new(None),
            jobs: Mutex::new(tx.clone()),
            bulk: Mutex::new(bulk_tx),
            checks: Mutex::new(None),
        });
        // The committer holds the app weakly, so it ends with the server.
        let weak = Arc::downgrade(&app);
        std::thread::Builder::new()
            .name(String::from("hookq-commit"))
            .spawn(move || commit_loop(&weak, &rx))
            .context("could not start the commit thread")?;
        let bulk_rx = Arc::new(Mutex::new(bulk_rx));
        for _ in 0..PARSE_THREADS {
            let (rx, tx) = (Arc::clone(&bulk_rx), tx.clone());
            std::thread::Builder::new()
                .name(String::from("hookq-parse"))
                .spawn(move || parse_loop(&rx, &tx))
                .context("could not start a parse thread")?;
        }
        Ok(app)
    }

    /// Run `f` on this thread's reading store, here and now: for reads
    /// that take microseconds.
    pub fn read_now<T>(&self, f: impl FnMut(&Store) -> Result<T>) -> Result<T> {
        if self.blocking_client {
            // The PostgreSQL client drives its own small runtime, which
            // may not start on an async thread unless that thread first
            // hands its tasks to the others.
            return tokio::task::block_in_place(|| self.read_here(f));
        }
        self.read_here(f)
    }

    /// `GET /api/hooks/{id}`'s body. Where the store has a data version
    /// (SQLite), the bytes this thread made for `id` are served again while
    /// nothing has been committed since (then every kept document goes);
    /// otherwise they are read and made anew. A document with a rotated-out
    /// secret shows a time that passes on its own and is not kept.
    pub fn hook_doc(&self, id: i64) -> Result<Vec<u8>> {
        self.read_now(|s| {
            let version = s.data_version()?;
            DOCS.with(|d| {
                let mut d = d.borrow_mut();
                if version.is_none() || d.version != version {
                    d.version = version;
                    d.clear();
                }
                if let Some(doc) = d.by_id.get(&id) {
                    return Ok(doc.clone());
                }
                let state = crate::service::hooks::get(s, id)?;
                let doc = crate::output::hook_doc_bytes(&state);
                if version.is_some()
                    && state.hook.old_secret.is_none()
                    && d.by_id.len() < DOCS_MAX
                    && d.bytes + doc.len() <= DOCS_BYTES
                {
                    d.bytes += doc.len();
                    d.by_id.insert(id, doc.clone());
                }
                Ok(doc)
            })
        })
    }

    /// `f` on this thread's store. A store whose connection is gone (a
    /// PostgreSQL server restarted, or ended it) is replaced and `f` runs
    /// once more on the fresh one, so a dropped connection costs no
    /// failed request; any other error is `f`'s answer.
    fn read_here<T>(&self, mut f: impl FnMut(&Store) -> Result<T>) -> Result<T> {
        READER.with(|cell| {
            let mut slot = cell.borrow_mut();
            let mut retried = false;
            loop {
                if slot.as_ref().is_none_or(|(p, _)| p != &self.db) {
                    *slot = Some((self.db.clone(), Store::open(&self.db, Create::Now)?));
                    // Another connection's versions say nothing of these.
                    DOCS.with(|d| d.borrow_mut().version = None);
                }
                let (_, store) = slot.as_ref().context("no reader")?;
                let out = f(store);
                match &out {
                    Ok(_) => return out,
                    Err(e) => {
                        let lost = store.lost_connection(e);
                        // It may have lost its connection; the next call
                        // (or the retry) reopens.
                        *slot = None;
                        if !lost || retried {
                            return out;
                        }
                        retried = true;
                    }
                }
            }
        })
    }

    /// The settings and catalog events are checked against, read again
    /// at most every [`CHECKS_TTL`]: a changed setting or a new trigger
    /// type applies to API events within that time. (Each event's type is
    /// checked again in the transaction that stores it.)
    pub fn checks(&self) -> Result<Arc<Checks>> {
        let mut slot = self.checks.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((at, c)) = slot.as_ref()
            && at.elapsed() < CHECKS_TTL
        {
            return Ok(Arc::clone(c));
        }
        let c = Arc::new(self.read_now(|s| {
            Ok(Checks {
                settings: crate::service::settings(s)?,
                catalog: s.catalog()?,
            })
        })?);
        *slot = Some((Instant::now(), Arc::clone(&c)));
        Ok(c)
    }

    /// Check and store an NDJSON body (on the parse and commit threads):
    /// its line count and what was stored.
    pub async fn record_many(
        &self,
        body: axum::body::Bytes,
        checks: Arc<Checks>,
    ) -> Result<(usize, Stored), ApiError> {
        let (tx, rx) = oneshot::channel();
        self.bulk
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .send((body, checks, tx))
            .map_err(|_| ApiError::from(anyhow::anyhow!("the parse thread has stopped")))?;
        rx.await
            .map_err(|_| ApiError::from(anyhow::anyhow!("the parse thread dropped the body")))?
    }

    /// Store one checked event with whatever others arrive at the same
    /// time, in one transaction; its id and subscribers (None: nobody
    /// subscribes).
    pub async fn record(&self, line: Line, window: Duration) -> Result<Recorded> {
        let (tx, rx) = oneshot::channel();
        self.jobs
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .send(Job::One(line, window, tx))
            .map_err(|_| anyhow::anyhow!("the commit thread has stopped"))?;
        rx.await
            .map_err(|_| anyhow::anyhow!("the commit thread dropped the event"))?
    }

    /// Start the delivery engine unless it runs already.
    pub fn start_engine(self: &Arc<Self>) {
        let mut engine = self.engine.lock().unwrap_or_else(|e| e.into_inner());
        if engine.is_none() {
            *engine = Some(deliver::start(Arc::clone(self)));
        }
    }

    /// Stop the engine (if running): in-flight deliveries finish first.
    pub async fn stop_engine(&self) {
        let engine = self.engine.lock().unwrap_or_else(|e| e.into_inner()).take();
        if let Some(d) = engine {
            d.stop().await;
        }
    }

    /// Events were stored: wake the engine, and in immediate mode make
    /// sure there is one to deliver them at once.
    pub fn events_stored(self: &Arc<Self>, immediate: bool) {
        if immediate {
            self.start_engine();
        }
        self.wake.notify();
    }

    fn reader(&self) -> Result<Store> {
        let pooled = self.readers.lock().unwrap_or_else(|e| e.into_inner()).pop();
        match pooled {
            Some(s) => Ok(s),
            None => Store::open(&self.db, Create::Now),
        }
    }

    fn give_back(&self, store: Store) {
        let mut pool = self.readers.lock().unwrap_or_else(|e| e.into_inner());
        if pool.len() < KEEP_READERS {
            pool.push(store);
        }
    }

    /// Run `f` on a reading store, off the async threads.
    pub async fn read<T, F>(self: &Arc<Self>, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnMut(&Store) -> Result<T> + Send + 'static,
    {
        let app = Arc::clone(self);
        tokio::task::spawn_blocking(move || {
            let mut f = f;
            let store = app.reader()?;
            match f(&store) {
                Ok(v) => {
                    app.give_back(store);
                    Ok(v)
                }
                // A pooled store whose connection is gone: the others in
                // the pool may be too, so they go, and `f` runs once more
                // on a fresh one.
                Err(e) if store.lost_connection(&e) => {
                    app.readers
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .clear();
                    let fresh = Store::open(&app.db, Create::Now)?;
                    let out = f(&fresh);
                    if out.is_ok() {
                        app.give_back(fresh);
                    }
                    out
                }
                // A store whose call failed otherwise is not kept either.
                Err(e) => Err(e),
            }
        })
        .await
        .context("a database task stopped")?
    }

    /// Run `f` on the writing store, off the async threads.
    pub async fn write<T, F>(self: &Arc<Self>, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> Result<T> + Send + 'static,
    {
        let app = Arc::clone(self);
        tokio::task::spawn_blocking(move || {
            let mut store = app.writer.lock().unwrap_or_else(|e| e.into_inner());
            f(&mut store)
        })
        .await
        .context("a database task stopped")?
    }
}
