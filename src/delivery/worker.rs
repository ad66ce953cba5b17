//! `process`: drain the queue with up to `concurrency` webhooks at once.
//!
//! Each worker thread takes one webhook at a time: lease it, then send its
//! batches one after another until nothing is due, a failure ends its
//! turn, the time limit is spent or a signal asks to stop. Every state
//! change is a short IMMEDIATE transaction before or after an HTTP call,
//! never around one.
//!
//! A batch's outcome is written before its webhook's next request, so a
//! crash can only repeat requests that were in flight. Those writes are
//! group commits on the run's one connection: whichever worker gets the
//! connection writes every outcome waiting at that moment (and claims each
//! of those webhooks' next batch) in one transaction.
//!
//! A thread pool over blocking ureq calls rather than an async runtime:
//! each worker spends its time in one HTTP call or one SQLite statement,
//! both blocking, so tasks would only be threads in disguise.

use std::collections::VecDeque;
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use anyhow::Result;
use indicatif::ProgressBar;

use super::body;
use super::http::{Client, Outcome, Signed};
use super::retry;
use super::sign;
use crate::model::{self, Epoch};
use crate::settings::Settings;
use crate::store::logs::{self, LogEntry};
use crate::store::queue::{self, IdRange, Params, Plan, Target};
use crate::store::{Store, hooks};

#[derive(Debug, Clone)]
pub struct Options {
    /// Only these webhooks (`--webhook-id`, or the ones an emit touched).
    pub only: Option<Vec<i64>>,
    pub range: IdRange,
    pub batch_limit: u32,
    pub time_limit: Duration,
    pub concurrency: u32,
}

/// What one run did.
#[derive(Debug, Default, Clone)]
pub struct Report {
    pub requests: u64,
    pub ok_batches: u64,
    pub failed_batches: u64,
    pub delivered_events: u64,
    pub failed_events: u64,
    pub dead_batches: u64,
    /// (webhook id, name, reason)
    pub unpublished: Vec<(i64, String, String)>,
    /// Webhooks another live run was delivering.
    pub busy: Vec<i64>,
    pub stopped: bool,
    pub time_limit_hit: bool,
}

impl Report {
    pub fn any_failed(&self) -> bool {
        self.failed_batches > 0
    }
}

/// This process's lease owner id: host, pid, process start time and a
/// random part, so a lease left by a dead process on this host can be
/// taken over at once instead of after it expires.
pub fn owner_id() -> String {
    let host = whoami::hostname().unwrap_or_else(|_| String::from("localhost"));
    let pid = std::process::id();
    let mut nonce = [0u8; 4];
    let _ = model::random_bytes(&mut nonce);
    let nonce = model::hex(&nonce);
    format!("{host}:{pid}:{}:{nonce}", start_ticks(pid).unwrap_or(0))
}

/// A process's start time in clock ticks since boot (Linux), which
/// tells a live process from a new one that reused its pid.
fn start_ticks(pid: u32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name may contain spaces; fields resume after its ')'.
    let rest = &stat[stat.rfind(')')? + 2..];
    rest.split(' ').nth(19)?.parse().ok()
}

/// Whether the lease holder `owner` is known to be gone: a process on this
/// host that no longer runs. Holders elsewhere are trusted until expiry.
pub fn holder_gone(owner: &str) -> bool {
    let mut parts = owner.split(':');
    let (Some(host), Some(pid), Some(ticks)) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    let me = whoami::hostname().unwrap_or_else(|_| String::from("localhost"));
    if host != me || !Path::new("/proc/self/stat").exists() {
        return false;
    }
    let (Ok(pid), Ok(ticks)) = (pid.parse::<u32>(), ticks.parse::<u64>()) else {
        return false;
    };
    start_ticks(pid) != Some(ticks)
}

struct Run<'a> {
    db: &'a Path,
    settings: &'a Settings,
    opts: &'a Options,
    client: Client,
    owner: String,
    stop: &'a AtomicBool,
    deadline: Instant,
    progress: Option<&'a ProgressBar>,
    report: Mutex<Report>,
    warn: &'a (dyn Fn(&str) + Sync),
    /// The run's one write connection: every write is a short
    /// transaction, which SQLite serializes anyway, so workers take turns
    /// here instead of in SQLite's sleeping busy handler. Payloads are read
    /// on each worker's own read connection.
    store: Mutex<Store>,
    ledger: Mutex<Ledger>,
    /// Event ranges delivered, for the payload cleanup at the end.
    swept: Mutex<queue::Swept>,
    /// Signalled after each group commit.
    written: std::sync::Condvar,
}

/// The shared connection's page cache (KiB).
const CACHE_KIB: i64 = 16 * 1024;

/// Each worker's read connection's page cache (KiB): it reads each
/// payload once, so this mostly holds the tables' upper levels.
const READER_CACHE_KIB: i64 = 1024;

/// WAL pages between the run's automatic checkpoints (each one fsyncs).
const WAL_PAGES: i64 = 4096;

/// How long a lease lasts: longer than the slowest possible batch
/// (every HTTP stage timing out, plus waits for the database lock).
fn lease_secs(s: &Settings) -> i64 {
    (s.timeout.as_secs() as i64) * 5 + 2 * 30 + 60
}

/// Deliver what is due. `warn` receives lines for stderr that cron must
/// mail (a webhook was unpublished).
pub fn run(
    db: &Path,
    settings: &Settings,
    opts: &Options,
    stop: &AtomicBool,
    progress: Option<&ProgressBar>,
    warn: &(dyn Fn(&str) + Sync),
) -> Result<Report> {
    let store = Store::open(db)?;
    let targets = queue::targets(store.conn(), opts.only.as_deref(), opts.range)?;
    if targets.is_empty() {
        return Ok(Report::default());
    }
    store.conn().execute_batch(&format!(
        "PRAGMA cache_size = -{CACHE_KIB}; PRAGMA wal_autocheckpoint = {WAL_PAGES};"
    ))?;
    let run = Run {
        db,
        settings,
        opts,
        client: Client::new(
            settings.timeout,
            opts.concurrency,
            &settings.site_url,
            settings.block_private_addresses,
        ),
        owner: owner_id(),
        stop,
        deadline: Instant::now() + opts.time_limit,
        progress,
        report: Mutex::new(Report::default()),
        warn,
        store: Mutex::new(store),
        ledger: Mutex::new(Ledger::default()),
        swept: Mutex::new(queue::Swept::default()),
        written: std::sync::Condvar::new(),
    };
    let work = Mutex::new(targets.into_iter().collect::<VecDeque<Target>>());
    let workers = (opts.concurrency as usize)
        .min(work.lock().map(|w| w.len()).unwrap_or(1))
        .max(1);
    let errors: Mutex<Vec<anyhow::Error>> = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                if let Err(e) = run.worker(&work) {
                    errors.lock().unwrap_or_else(|p| p.into_inner()).push(e);
                }
            });
        }
    });
    let report = run.report.into_inner().unwrap_or_else(|p| p.into_inner());
    let mut store = run.store.into_inner().unwrap_or_else(|p| p.into_inner());
    if report.delivered_events > 0 {
        let swept = run.swept.into_inner().unwrap_or_else(|p| p.into_inner());
        queue::cleanup(store.conn_mut(), queue::Sweep::Ranges(swept.ranges()))?;
    }
    if let Some(e) = errors
        .into_inner()
        .unwrap_or_else(|p| p.into_inner())
        .into_iter()
        .next()
    {
        return Err(e);
    }
    Ok(report)
}

/// Outcomes sent and waiting to be written, from every worker.
#[derive(Default)]
struct Ledger {
    next_ticket: u64,
    /// A worker is writing the waiting outcomes.
    writing: bool,
    waiting: Vec<Entry>,
    /// Written outcomes, or why the write failed, by ticket.
    done: std::collections::HashMap<u64, Result<Written, String>>,
}

struct Entry {
    ticket: u64,
    target: Target,
    plan: Plan,
    outcome: Outcome,
}

/// One written outcome, and the webhook's next batch if it goes on.
struct Written {
    recorded: Recorded,
    next: Option<Plan>,
}

/// What recording one outcome did, for the report.
struct Recorded {
    delivered: bool,
    events: u64,
    dead: bool,
    unpublished: Option<String>,
}

impl Run<'_> {
    fn with_report(&self, f: impl FnOnce(&mut Report)) {
        f(&mut self.report.lock().unwrap_or_else(|p| p.into_inner()));
    }

    /// A write transaction on the run's connection. Threads take turns
    /// through the mutex rather than through SQLite's busy handler, which
    /// sleeps.
    fn write<T>(&self, f: impl FnOnce(&rusqlite::Transaction) -> Result<T>) -> Result<T> {
        let mut store = self.store.lock().unwrap_or_else(|p| p.into_inner());
        store.write(f)
    }

    fn worker(&self, work: &Mutex<VecDeque<Target>>) -> Result<()> {
        let reader = Store::open_reader(self.db, READER_CACHE_KIB)?;
        loop {
            if self.stop.load(Ordering::Relaxed) || Instant::now() >= self.deadline {
                return Ok(());
            }
            let Some(target) = work.lock().unwrap_or_else(|p| p.into_inner()).pop_front() else {
                return Ok(());
            };
            self.hook(&target, &reader)?;
        }
    }

    fn hook(&self, t: &Target, reader: &rusqlite::Connection) -> Result<()> {
        let now = model::now();
        let until = now + lease_secs(self.settings);
        if !self.write(|tx| queue::acquire_lease(tx, t.id, &self.owner, until, now, holder_gone))? {
            self.with_report(|r| r.busy.push(t.id));
            return Ok(());
        }
        let result = self.batches(t, reader);
        // Release even after an error, so the next run need not wait.
        let released = self.write(|tx| {
            logs::prune(tx, t.id, self.settings.log_max)?;
            queue::release_lease(tx, t.id, &self.owner)
        });
        result.and(released)
    }

    fn params(&self, now: Epoch) -> Params<'_> {
        let lease = lease_secs(self.settings);
        Params {
            owner: &self.owner,
            lease_until: now + lease,
            renew_by: now + lease / 2,
            now,
            range: self.opts.range,
            batch_limit: self.opts.batch_limit,
            strict_order: self.settings.strict_order,
            default_order: self.settings.events_order,
        }
    }

    /// Whether a signal or the time limit says to claim nothing more; the
    /// report records which.
    fn halted(&self) -> bool {
        let stopping = self.stop.load(Ordering::Relaxed);
        let out_of_time = !stopping && Instant::now() >= self.deadline;
        if stopping || out_of_time {
            self.with_report(|r| {
                r.stopped |= stopping;
                r.time_limit_hit |= out_of_time;
            });
        }
        stopping || out_of_time
    }

    /// Claim `t`'s next batch (none when halted or nothing is due).
    fn claim(&self, t: &Target) -> Result<Option<Plan>> {
        if self.halted() {
            return Ok(None);
        }
        let params = self.params(model::now());
        self.write(|tx| queue::next_batch(tx, t.id, &params))
    }

    /// Send `t`'s batches one after another. Each outcome is written before
    /// the next batch of that webhook is sent, so a crash can only send
    /// again a batch whose request was in flight. Events are read on the
    /// worker's own connection, outside the shared writer.
    fn batches(&self, t: &Target, reader: &rusqlite::Connection) -> Result<()> {
        let Some(mut plan) = self.claim(t)? else {
            return Ok(());
        };
        let mut body = String::new();
        let mut emptied = None;
        loop {
            queue::load_events(reader, &mut plan)?;
            if plan.events.is_empty() {
                // Purged since it was claimed: claiming again drops it.
                if emptied == Some(plan.batch_id) {
                    anyhow::bail!("batch {} has queue rows but no events", plan.batch_id);
                }
                emptied = Some(plan.batch_id);
                match self.claim(t)? {
                    Some(next) => {
                        plan = next;
                        continue;
                    }
                    None => return Ok(()),
                }
            }
            body::build_into(&plan.events, &mut body);
            let signature = sign::sign(&plan.secret, body.as_bytes());
            let outcome = self.client.post(&Signed {
                url: &plan.url,
                body: &body,
                signature: &signature,
                webhook_id: &plan.uid,
            });
            let written = self.commit(t, plan, outcome)?;
            self.report_outcome(t, written.recorded);
            match written.next {
                Some(next) => plan = next,
                None => return Ok(()),
            }
        }
    }

    /// Write an outcome, and claim that webhook's next batch, as part of a
    /// group commit: whichever worker gets the connection next writes
    /// every outcome waiting at that moment, from all workers, in one
    /// transaction. A worker returns only once its own outcome is written.
    fn commit(&self, t: &Target, plan: Plan, outcome: Outcome) -> Result<Written> {
        let ticket = {
            let mut l = self.ledger.lock().unwrap_or_else(|p| p.into_inner());
            let ticket = l.next_ticket;
            l.next_ticket += 1;
            l.waiting.push(Entry {
                ticket,
                target: t.clone(),
                plan,
                outcome,
            });
            ticket
        };
        let take_mine = |l: &mut Ledger| {
            l.done
                .remove(&ticket)
                .map(|r| r.map_err(|e| anyhow::anyhow!(e)))
        };
        loop {
            // Wait until our outcome is written, or until no one is writing
            // and we become the writer. Waiting on the ledger rather than on
            // the connection keeps finished workers from queueing for it.
            let entries = {
                let mut l = self.ledger.lock().unwrap_or_else(|p| p.into_inner());
                loop {
                    if let Some(r) = take_mine(&mut l) {
                        return r;
                    }
                    if !l.writing {
                        l.writing = true;
                        break;
                    }
                    l = self.written.wait(l).unwrap_or_else(|p| p.into_inner());
                }
                std::mem::take(&mut l.waiting)
            };
            let now = model::now();
            let halted = self.halted();
            let params = self.params(now);
            let written = self.write(|tx| {
                let mut out = Vec::with_capacity(entries.len());
                for e in &entries {
                    let recorded = self.record(tx, &e.target, &e.plan, &e.outcome, now)?;
                    // A failure ends this webhook's turn: its next batch
                    // would most likely fail the same way.
                    let next = if recorded.delivered && !halted {
                        queue::next_batch(tx, e.target.id, &params)?
                    } else {
                        None
                    };
                    out.push((e.ticket, Written { recorded, next }));
                }
                Ok(out)
            });
            let mut l = self.ledger.lock().unwrap_or_else(|p| p.into_inner());
            l.writing = false;
            match written {
                Ok(out) => {
                    for (k, w) in out {
                        l.done.insert(k, Ok(w));
                    }
                }
                Err(e) => {
                    let msg = format!("{e:#}");
                    for e in &entries {
                        l.done.insert(e.ticket, Err(msg.clone()));
                    }
                }
            }
            drop(l);
            self.written.notify_all();
        }
    }

    /// Write one attempt's outcome.
    fn record(
        &self,
        tx: &rusqlite::Transaction,
        t: &Target,
        plan: &Plan,
        outcome: &Outcome,
        now: Epoch,
    ) -> Result<Recorded> {
        let s = self.settings;
        let attempt = plan.attempts + 1;
        let events = plan.events.len() as u64;
        let status = outcome.status_text();
        logs::insert(
            tx,
            &LogEntry {
                id: 0,
                webhook_id: t.id,
                status_code: status.clone(),
                runtime: outcome.runtime(),
                note: outcome.note.clone(),
                batch_id: Some(plan.uid.clone()),
                event_count: events as i64,
                attempt: i64::from(attempt),
                date_added: now,
            },
        )?;
        if outcome.ok() {
            queue::delivered(tx, plan)?;
            self.swept
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .add(plan.lo, plan.hi);
            hooks::mark_healthy(tx, t.id, &status)?;
            return Ok(Recorded {
                delivered: true,
                events,
                dead: false,
                unpublished: None,
            });
        }
        if !queue::holds_lease(tx, t.id, &self.owner)? {
            // Another run took the webhook over; it owns the batch now.
            return Ok(Recorded {
                delivered: false,
                events,
                dead: false,
                unpublished: None,
            });
        }
        let wait = retry::next_wait(&s.retry_schedule, attempt, outcome.retry_after);
        let next_at = now + wait.as_secs() as i64;
        let dead = queue::failed(tx, plan.batch_id, next_at, now, s.retry_max_age)?;
        let in_a_row = hooks::mark_failed(tx, t.id, &status, now)?;
        let unpublished = if outcome.status == Some(410) {
            Some(String::from("the receiver answered 410 Gone"))
        } else if !s.disable_auto_unpublish && in_a_row >= i64::from(s.disable_limit) {
            Some(format!(
                "{in_a_row} failed attempts in a row (disable_limit)"
            ))
        } else {
            None
        };
        if let Some(r) = &unpublished {
            hooks::unpublish(tx, t.id, r, now)?;
        }
        Ok(Recorded {
            delivered: false,
            events,
            dead,
            unpublished,
        })
    }

    fn report_outcome(&self, t: &Target, rec: Recorded) {
        self.with_report(|r| {
            r.requests += 1;
            if rec.delivered {
                r.ok_batches += 1;
                r.delivered_events += rec.events;
            } else {
                r.failed_batches += 1;
                r.failed_events += rec.events;
                r.dead_batches += u64::from(rec.dead);
                if let Some(reason) = &rec.unpublished {
                    r.unpublished.push((t.id, t.name.clone(), reason.clone()));
                }
            }
        });
        if rec.delivered
            && let Some(p) = self.progress
        {
            p.inc(rec.events);
        }
        if let Some(reason) = rec.unpublished {
            (self.warn)(&format!(
                "webhook {} ({}) unpublished: {reason}",
                t.id, t.name
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_lease_holder_is_alive_and_dead_pids_are_gone() {
        let me = owner_id();
        assert!(!holder_gone(&me), "{me}");
        let host = whoami::hostname().unwrap_or_else(|_| String::from("localhost"));
        // pid 0 never is a user process; ticks that cannot match.
        assert!(holder_gone(&format!("{host}:999999999:1:abcd")));
        assert!(
            !holder_gone("some-other-host:1:1:abcd"),
            "other hosts wait for expiry"
        );
        assert!(!holder_gone("garbage"));
    }
}
