//! `process`: drain the queue with up to `concurrency` webhooks at once.
//!
//! Each worker thread takes one webhook at a time: lease it, then send its
//! batches one after another until nothing is due, a failure ends its
//! turn, the time limit is spent or a signal asks to stop. A worker with
//! nothing left to take looks again, about once a second while others
//! still deliver, for webhooks that became due since the run began. Every
//! state change is a short IMMEDIATE transaction before or after an HTTP
//! call, never around one.
//!
//! A batch's outcome is written before its webhook's next request, so a
//! crash can only repeat requests that were in flight. Those writes are
//! group commits: whichever worker becomes the writer hands every outcome
//! waiting at that moment to the store's `record_outcomes`, which records
//! them (and claims each of those webhooks' next batch) in one
//! transaction. What an outcome means (retry time, dead, unpublish) is
//! decided by `retry::decide` before the store sees it.
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
use super::retry::{self, Attempt};
use super::sign;
use crate::model::{self, Epoch, IdRange, LogEntry, Plan, Target};
use crate::settings::Settings;
use crate::store::{Claim, Lease, Queue, Record, Store, Sweep, Swept, Verdict};

#[derive(Debug, Clone)]
pub struct Options {
    /// Only these webhooks (`--webhook-id`, or the ones an emit touched).
    pub only: Option<Vec<i64>>,
    pub range: IdRange,
    pub batch_limit: u32,
    pub time_limit: Duration,
    pub concurrency: u32,
    /// One line on stderr per request (`process -v`).
    pub log_requests: bool,
}

/// A line a run hands its caller for stderr (the engine never prints).
#[derive(Debug, Clone, Copy)]
pub enum Notice<'a> {
    /// Cron must mail it (a webhook was unpublished).
    Warning(&'a str),
    /// One request's outcome (`Options::log_requests`).
    Request(&'a str),
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
    settings: &'a Settings,
    opts: &'a Options,
    client: Client,
    owner: String,
    stop: &'a AtomicBool,
    deadline: Instant,
    progress: Option<&'a ProgressBar>,
    report: Mutex<Report>,
    notice: &'a (dyn Fn(Notice<'_>) + Sync),
    queue: Box<dyn Queue>,
    ledger: Mutex<Ledger>,
    /// Event ranges delivered, for the payload cleanup at the end.
    swept: Mutex<Swept>,
    /// Signalled after each group commit.
    written: std::sync::Condvar,
    /// The webhooks to take up.
    work: Mutex<Work>,
    /// Signalled when a worker is done with a webhook or new ones came.
    work_changed: std::sync::Condvar,
}

/// How long a lease lasts: longer than the slowest possible batch
/// (every HTTP stage timing out, plus waits for the database lock).
fn lease_secs(s: &Settings) -> i64 {
    (s.timeout.as_secs() as i64) * 5 + 2 * 30 + 60
}

/// Deliver what is due. `notice` receives the lines for stderr: warnings
/// cron must mail (a webhook was unpublished), and with
/// `log_requests` one line per request.
pub fn run(
    store: Store,
    settings: &Settings,
    opts: &Options,
    stop: &AtomicBool,
    progress: Option<&ProgressBar>,
    notice: &(dyn Fn(Notice<'_>) + Sync),
) -> Result<Report> {
    let queue = store.into_queue()?;
    let targets = queue.targets(opts.only.as_deref(), opts.range)?;
    if targets.is_empty() {
        // Nothing to send; kept delivered batches past delivered_retention
        // still go (a cleanup with nothing to do writes nothing).
        queue.cleanup(Sweep::Ranges(Vec::new()), settings.kept_since(model::now()))?;
        return Ok(Report::default());
    }
    let run = Run {
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
        notice,
        queue,
        ledger: Mutex::new(Ledger::default()),
        swept: Mutex::new(Swept::default()),
        written: std::sync::Condvar::new(),
        work: Mutex::new(Work {
            taken: targets.iter().map(|t| t.id).collect(),
            queue: targets.into_iter().collect(),
            later: Vec::new(),
            active: 0,
            looked: Instant::now(),
        }),
        work_changed: std::sync::Condvar::new(),
    };
    // Workers beyond the first targets wait for webhooks that become due
    // while the run goes on (see `Run::next_target`).
    let workers = (opts.concurrency as usize)
        .min(opts.only.as_ref().map_or(usize::MAX, |o| o.len()))
        .max(1);
    let errors: Mutex<Vec<anyhow::Error>> = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                if let Err(e) = run.worker() {
                    errors.lock().unwrap_or_else(|p| p.into_inner()).push(e);
                }
            });
        }
    });
    let report = run.report.into_inner().unwrap_or_else(|p| p.into_inner());
    // Also when nothing was delivered: kept batches past
    // delivered_retention go even while every webhook fails.
    let swept = run.swept.into_inner().unwrap_or_else(|p| p.into_inner());
    run.queue.cleanup(
        Sweep::Ranges(swept.ranges()),
        settings.kept_since(model::now()),
    )?;
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

/// How often an idle worker looks for webhooks that became due.
const LOOK_AGAIN: Duration = Duration::from_secs(1);

/// A rate limit's wait up to this long is slept through; a longer one
/// hands the webhook back (its worker takes another) until it is over.
const SHORT_WAIT_MS: i64 = 20;

/// Added to each rate-limited request's end as noted: the rounding to the
/// millisecond, and clocks that run a little apart (the wall clock the
/// store keeps against a receiver's monotonic one).
const RATE_MARGIN_MS: i64 = 5;

/// The webhooks a run works through.
struct Work {
    queue: VecDeque<Target>,
    /// Webhooks held back by their rate limit, and when they may go on.
    later: Vec<(Instant, Target)>,
    /// Every webhook taken up in this run (queued, delivered, or found
    /// busy in another run).
    taken: std::collections::HashSet<i64>,
    /// Workers delivering a webhook now.
    active: usize,
    /// When the queue was last looked at for new webhooks.
    looked: Instant,
}

/// Outcomes sent and waiting to be written, from every worker.
#[derive(Default)]
struct Ledger {
    next_ticket: u64,
    /// Workers writing waiting outcomes right now (at most the queue's
    /// `writers()`).
    writing: usize,
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

    fn worker(&self) -> Result<()> {
        while let Some(target) = self.next_target() {
            let result = self.hook(&target);
            self.work.lock().unwrap_or_else(|p| p.into_inner()).active -= 1;
            self.work_changed.notify_all();
            result?;
        }
        Ok(())
    }

    /// The next webhook to take up; None once the run is halted, or
    /// nothing is left and no other worker is delivering. While others
    /// deliver, an idle worker looks again, at most once per
    /// [`LOOK_AGAIN`], for webhooks that became due since the run began
    /// (each taken up once per run): one webhook's long backlog does not
    /// hold back another's new events until the run ends.
    fn next_target(&self) -> Option<Target> {
        let mut w = self.work.lock().unwrap_or_else(|p| p.into_inner());
        loop {
            if self.stop.load(Ordering::Relaxed) || Instant::now() >= self.deadline {
                return None;
            }
            let now = Instant::now();
            let mut i = 0;
            while i < w.later.len() {
                if w.later[i].0 <= now {
                    let (_, t) = w.later.swap_remove(i);
                    w.queue.push_back(t);
                } else {
                    i += 1;
                }
            }
            if let Some(t) = w.queue.pop_front() {
                w.active += 1;
                return Some(t);
            }
            if w.active == 0 && w.later.is_empty() {
                return None;
            }
            let since = w.looked.elapsed();
            if since >= LOOK_AGAIN {
                w.looked = Instant::now();
                drop(w);
                // A failed look finds nothing; the workers delivering meet
                // the same database and report what is wrong with it.
                let found = self
                    .queue
                    .targets(self.opts.only.as_deref(), self.opts.range)
                    .unwrap_or_default();
                w = self.work.lock().unwrap_or_else(|p| p.into_inner());
                for t in found {
                    if w.taken.insert(t.id) {
                        w.queue.push_back(t);
                    }
                }
                self.work_changed.notify_all();
                continue;
            }
            let mut wait = LOOK_AGAIN - since;
            if let Some(first) = w.later.iter().map(|(at, _)| *at).min() {
                wait = wait.min(first.saturating_duration_since(now));
            }
            w = self
                .work_changed
                .wait_timeout(w, wait)
                .unwrap_or_else(|p| p.into_inner())
                .0;
        }
    }

    fn hook(&self, t: &Target) -> Result<()> {
        let now = model::now();
        let lease = Lease {
            owner: &self.owner,
            until: now + lease_secs(self.settings),
            now,
            holder_gone: &holder_gone,
        };
        if !self.queue.acquire_lease(t.id, &lease)? {
            self.with_report(|r| r.busy.push(t.id));
            return Ok(());
        }
        let result = self.batches(t);
        // Release even after an error, so the next run need not wait.
        let released = self
            .queue
            .end_turn(t.id, &self.owner, self.settings.log_max);
        result.and(released)
    }

    fn params(&self, now: Epoch) -> Claim<'_> {
        let lease = lease_secs(self.settings);
        Claim {
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
        self.queue.claim(t.id, &self.params(model::now()))
    }

    /// Send `t`'s batches one after another. Each outcome is written before
    /// the next batch of that webhook is sent, so a crash can only send
    /// again a batch whose request was in flight. Events are read outside
    /// the group commit (on SQLite, on a read connection of the worker's).
    fn batches(&self, t: &Target) -> Result<()> {
        let Some(mut plan) = self.claim(t)? else {
            return Ok(());
        };
        let mut body = String::new();
        let mut emptied = None;
        loop {
            self.queue.load_events(&mut plan)?;
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
            if let Some(rate) = t.rate
                && !self.rate_allows(t, rate)?
            {
                // Its claimed batch stays due; it is taken up again when
                // the limit allows, or by the next run.
                return Ok(());
            }
            body::build_into(&plan.events, &mut body);
            let signature = sign::sign_request(
                plan.signing,
                &plan.secret,
                &plan.old_secret,
                &plan.uid,
                body.as_bytes(),
                model::now(),
            );
            let outcome = self.client.post(&Signed {
                url: &plan.url,
                body: &body,
                signature: &signature,
                webhook_id: &plan.uid,
                headers: &plan.headers,
            });
            if let Some(rate) = t.rate {
                // When it ended, plus a margin: the next may go one window
                // after the count-th latest ended, so no window at the
                // receiver holds more than the limit, whichever clock it
                // counts by (a run measured 999.9 ms between requests 1
                // and 21 at 20/s on the monotonic clock with no margin).
                self.queue
                    .note_send(t.id, rate, model::now_ms() + RATE_MARGIN_MS)?;
            }
            if self.opts.log_requests {
                // Before the commit moves the plan; what the request did.
                (self.notice)(Notice::Request(&format!(
                    "webhook {} batch {} {} event(s) -> {} in {} ms",
                    t.id,
                    plan.uid,
                    plan.events.len(),
                    match outcome.status {
                        Some(s) => s.to_string(),
                        None => format!("no response ({})", outcome.note),
                    },
                    outcome.elapsed.as_millis()
                )));
            }
            let written = self.commit(t, plan, outcome)?;
            self.report_outcome(t, written.recorded);
            match written.next {
                Some(next) => plan = next,
                None => return Ok(()),
            }
        }
    }

    /// Whether `t` may send now under `rate`: a short wait is slept
    /// through; after a longer one it is handed back to the run until the
    /// limit allows (false), so its worker can take another webhook.
    fn rate_allows(&self, t: &Target, rate: crate::controls::Rate) -> Result<bool> {
        loop {
            let Some(ms) = self.queue.rate_wait(t.id, rate, model::now_ms())? else {
                return Ok(true);
            };
            let wait = Duration::from_millis(u64::try_from(ms).unwrap_or(0));
            if ms <= SHORT_WAIT_MS {
                std::thread::sleep(wait);
                continue;
            }
            let mut w = self.work.lock().unwrap_or_else(|p| p.into_inner());
            w.later.push((Instant::now() + wait, t.clone()));
            return Ok(false);
        }
    }

    /// Write an outcome, and claim that webhook's next batch, as part of a
    /// group commit: whichever worker gets the connection next writes
    /// every outcome waiting at that moment, from all workers, in one
    /// transaction. A worker returns only once its own outcome is written.
    /// A store that runs writes side by side (PostgreSQL) lets up to its
    /// `writers()` group commits run at once.
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
                    if l.writing < self.queue.writers() && !l.waiting.is_empty() {
                        l.writing += 1;
                        break;
                    }
                    l = self.written.wait(l).unwrap_or_else(|p| p.into_inner());
                }
                std::mem::take(&mut l.waiting)
            };
            let now = model::now();
            let halted = self.halted();
            let params = self.params(now);
            let records: Vec<Record<'_>> = entries.iter().map(|e| self.record(e, now)).collect();
            // A failure ends its webhook's turn (its next batch would most
            // likely fail the same way): only deliveries claim the next.
            let next = (!halted).then_some(&params);
            let written = self.queue.record_outcomes(&records, next).map(|applied| {
                records
                    .iter()
                    .zip(applied)
                    .zip(&entries)
                    .map(|((r, a), e)| {
                        let recorded = self.recorded(r, a.lease_lost);
                        (
                            e.ticket,
                            Written {
                                recorded,
                                next: a.next,
                            },
                        )
                    })
                    .collect::<Vec<_>>()
            });
            let mut l = self.ledger.lock().unwrap_or_else(|p| p.into_inner());
            l.writing -= 1;
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

    /// One attempt's log row and the policy's verdict on it.
    fn record<'e>(&'e self, e: &'e Entry, now: Epoch) -> Record<'e> {
        let status = e.outcome.status_text();
        let verdict = retry::decide(
            self.settings,
            &e.plan,
            Attempt {
                status: e.outcome.status,
                status_text: &status,
                retry_after: e.outcome.retry_after,
            },
            now,
        );
        // First, so the 190-byte cut never takes it off.
        let note = match &verdict {
            Verdict::Failed {
                unpublish: Some(_), ..
            } => format!("webhook unpublished: {}", e.outcome.note),
            _ => e.outcome.note.clone(),
        };
        let alerts = super::alerts::of(&super::alerts::Attempt {
            name: &e.target.name,
            plan: &e.plan,
            status: &status,
            note: &e.outcome.note,
            verdict: &verdict,
            now,
        });
        Record {
            alerts,
            retain: !self.settings.delivered_retention.is_zero(),
            plan: &e.plan,
            owner: &self.owner,
            log: LogEntry {
                id: 0,
                webhook_id: e.target.id,
                status_code: status,
                runtime: e.outcome.runtime(),
                note,
                batch_id: Some(e.plan.uid.clone()),
                event_count: e.plan.events.len() as i64,
                attempt: i64::from(e.plan.attempts + 1),
                date_added: now,
            },
            verdict,
        }
    }

    /// What a recorded attempt did, for the report.
    fn recorded(&self, r: &Record<'_>, lease_lost: bool) -> Recorded {
        let events = r.plan.events.len() as u64;
        match &r.verdict {
            Verdict::Delivered => {
                self.swept
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .add(r.plan.lo, r.plan.hi);
                Recorded {
                    delivered: true,
                    events,
                    dead: false,
                    unpublished: None,
                }
            }
            // Another run took the webhook over; it owns the batch now.
            Verdict::Failed { .. } if lease_lost => Recorded {
                delivered: false,
                events,
                dead: false,
                unpublished: None,
            },
            Verdict::Failed {
                dead, unpublish, ..
            } => Recorded {
                delivered: false,
                events,
                dead: *dead,
                unpublished: unpublish.clone(),
            },
        }
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
            (self.notice)(Notice::Warning(&format!(
                "webhook {} ({}) unpublished: {reason}",
                t.id, t.name
            )));
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
