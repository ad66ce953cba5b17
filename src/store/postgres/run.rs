//! A delivery run on PostgreSQL: each worker thread has its own
//! connection (PostgreSQL runs their transactions side by side), opened
//! on its first use and opened again after the server dropped it. Leases
//! are taken on the run's first connection, so a worker that finds every
//! webhook leased elsewhere (another machine's run) opens none.
//!
//! The run remembers, per webhook it leases, the holder and the lease's
//! fencing token.

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::thread::{self, ThreadId};

use anyhow::{Context, Result};
use postgres::{Client, Transaction};

use super::{Db, Url, connection_lost, open_db, queue, registry};
use crate::model::{Epoch, IdRange, Plan, Target};
use crate::store::{Applied, Claim, Lease, Queue, Record, Sweep, Verdict};

pub struct PgQueue {
    url: Url,
    /// The run's first connection: targets, leases and the cleanup.
    lead: Mutex<Option<Db<Client>>>,
    /// Each worker's own, for its claims and outcomes.
    conns: Mutex<HashMap<ThreadId, Db<Client>>>,
    /// Per leased webhook: its holder in this run and the fencing token.
    leases: Mutex<HashMap<i64, (String, i64)>>,
    /// Events this run delivered (their rows deleted).
    delivered: AtomicU64,
}

impl PgQueue {
    pub fn new(url: Url, db: Db<Client>) -> Result<PgQueue> {
        queue::refresh_stats(&db)?;
        Ok(PgQueue {
            url,
            lead: Mutex::new(Some(db)),
            conns: Mutex::new(HashMap::new()),
            leases: Mutex::new(HashMap::new()),
            delivered: AtomicU64::new(0),
        })
    }

    /// Run `f` on this thread's connection. A connection the server
    /// dropped is forgotten, so the next call opens a new one.
    fn with<T>(&self, f: impl FnOnce(&Db<Client>) -> Result<T>) -> Result<T> {
        let me = thread::current().id();
        let own = self
            .conns
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(&me);
        let (out, kept) = self.on(own, f);
        if let Some(db) = kept {
            self.conns
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .insert(me, db);
        }
        out
    }

    /// Run `f` on the run's first connection, one caller at a time.
    fn with_lead<T>(&self, f: impl FnOnce(&Db<Client>) -> Result<T>) -> Result<T> {
        let mut lead = self.lead.lock().unwrap_or_else(|p| p.into_inner());
        let (out, kept) = self.on(lead.take(), f);
        *lead = kept;
        out
    }

    /// Run `f` on `db` (a new connection when there is none or the server
    /// closed it); the connection back unless the server dropped it.
    fn on<T>(
        &self,
        db: Option<Db<Client>>,
        f: impl FnOnce(&Db<Client>) -> Result<T>,
    ) -> (Result<T>, Option<Db<Client>>) {
        let db = match db {
            Some(db) if !db.closed() => db,
            _ => match open_db(&self.url) {
                Ok(db) => db,
                Err(e) => return (Err(e), None),
            },
        };
        let out = f(&db);
        let lost = out.as_ref().err().is_some_and(connection_lost) || db.closed();
        let out = out.with_context(|| {
            if lost {
                format!("lost the connection to PostgreSQL at {}", self.url.shown())
            } else {
                String::from("PostgreSQL")
            }
        });
        (out, (!lost).then_some(db))
    }

    fn write<T>(&self, mut f: impl FnMut(&Db<Transaction<'_>>) -> Result<T>) -> Result<T> {
        self.with(|db| db.transaction(&mut f))
    }

    /// The fencing token of `owner`'s lease on `hook`.
    fn held(&self, hook: i64, owner: &str) -> Option<i64> {
        self.leases
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(&hook)
            .filter(|(o, _)| o == owner)
            .map(|(_, token)| *token)
    }

    fn claim_in<C: postgres::GenericClient>(
        &self,
        db: &Db<C>,
        hook: i64,
        c: &Claim<'_>,
    ) -> Result<Option<Plan>> {
        let Some(token) = self.held(hook, c.owner) else {
            return Ok(None);
        };
        queue::next_batch(db, hook, c, token)
    }
}

impl Drop for PgQueue {
    fn drop(&mut self) {
        let conns = std::mem::take(self.conns.get_mut().unwrap_or_else(|p| p.into_inner()));
        let lead = self
            .lead
            .get_mut()
            .unwrap_or_else(|p| p.into_inner())
            .take();
        for db in conns.into_values().chain(lead) {
            super::close(db);
        }
    }
}

impl Queue for PgQueue {
    fn targets(&self, only: Option<&[i64]>, range: IdRange) -> Result<Vec<Target>> {
        self.with_lead(|db| queue::targets(db, only, range))
    }

    fn acquire_lease(&self, hook: i64, lease: &Lease<'_>) -> Result<bool> {
        let token =
            self.with_lead(|db| db.transaction(|tx| queue::acquire_lease(tx, hook, lease)))?;
        let mut leases = self.leases.lock().unwrap_or_else(|p| p.into_inner());
        match token {
            Some(token) => {
                leases.insert(hook, (lease.owner.to_owned(), token));
                Ok(true)
            }
            None => {
                if leases.get(&hook).is_some_and(|(o, _)| o == lease.owner) {
                    leases.remove(&hook);
                }
                Ok(false)
            }
        }
    }

    fn claim(&self, hook: i64, c: &Claim<'_>) -> Result<Option<Plan>> {
        self.with(|db| self.claim_in(db, hook, c))
    }

    fn load_events(&self, plan: &mut Plan) -> Result<()> {
        self.with(|db| queue::load_events(db, plan))
    }

    fn rate_wait(
        &self,
        hook: i64,
        rate: crate::controls::Rate,
        now_ms: i64,
    ) -> Result<Option<i64>> {
        self.with(|db| queue::rate_wait(db, hook, rate, now_ms))
    }

    fn note_send(&self, hook: i64, rate: crate::controls::Rate, at_ms: i64) -> Result<()> {
        self.with(|db| queue::note_send(db, hook, rate, at_ms))
    }

    fn record_outcomes(
        &self,
        records: &[Record<'_>],
        next: Option<&Claim<'_>>,
    ) -> Result<Vec<Applied>> {
        // One delivery (the usual group, with a connection per worker):
        // one statement, atomic on its own.
        let out = if let [r] = records
            && r.verdict == Verdict::Delivered
            && r.alerts.is_empty()
        {
            vec![self.with(|db| self.delivered(db, r, next))?]
        } else {
            // Webhook rows are locked in id order, so two runs' group
            // commits cannot deadlock on them.
            let mut order: Vec<usize> = (0..records.len()).collect();
            order.sort_by_key(|&i| records[i].plan.webhook_id);
            let alerting = records.iter().any(|r| !r.alerts.is_empty());
            self.write(|tx| {
                // Alerts are events: the emit lock first, before any
                // webhook row, as every webhook write takes them.
                if alerting {
                    tx.lock_emits()?;
                }
                let mut out: Vec<Option<Applied>> = (0..records.len()).map(|_| None).collect();
                for &i in &order {
                    out[i] = Some(self.record(tx, &records[i], next)?);
                }
                Ok(out.into_iter().flatten().collect::<Vec<_>>())
            })?
        };
        // Counted once committed (a transaction may run again).
        let delivered: usize = records
            .iter()
            .filter(|r| r.verdict == Verdict::Delivered)
            .map(|r| r.plan.events.len())
            .sum();
        self.delivered
            .fetch_add(delivered as u64, Ordering::Relaxed);
        Ok(out)
    }

    fn end_turn(&self, hook: i64, owner: &str, log_max: u32) -> Result<()> {
        let token = {
            let mut leases = self.leases.lock().unwrap_or_else(|p| p.into_inner());
            match leases.get(&hook) {
                Some((o, t)) if o == owner => {
                    let t = *t;
                    leases.remove(&hook);
                    Some(t)
                }
                _ => None,
            }
        };
        self.write(|tx| {
            registry::prune_logs(tx, hook, log_max)?;
            if let Some(token) = token {
                queue::release_lease(tx, hook, owner, token)?;
            }
            Ok(())
        })
    }

    fn cleanup(&self, sweep: Sweep, kept_since: Epoch) -> Result<()> {
        self.with_lead(|db| {
            let now = crate::model::now();
            queue::end_of_run(db, sweep.clone(), now, kept_since)?;
            let delivered = self.delivered.swap(0, Ordering::Relaxed);
            queue::vacuum(db, delivered, now)
        })
    }

    /// Each worker writes its outcomes on its own connection, side by
    /// side with the others.
    fn writers(&self) -> usize {
        usize::MAX
    }
}

impl PgQueue {
    /// Write one attempt's outcome as the policy decided it.
    fn record(
        &self,
        tx: &Db<Transaction<'_>>,
        r: &Record<'_>,
        next: Option<&Claim<'_>>,
    ) -> Result<Applied> {
        let Verdict::Failed {
            status,
            next_attempt_at,
            dead,
            unpublish,
        } = &r.verdict
        else {
            let applied = self.delivered(tx, r, next)?;
            for a in &r.alerts {
                crate::store::queue_alert(tx, a)?;
            }
            return Ok(applied);
        };
        let plan = r.plan;
        queue::insert_log(tx, &r.log)?;
        // Fencing: a run whose lease passed to another records nothing
        // over its successor's batch.
        let holds = match self.held(plan.webhook_id, r.owner) {
            Some(token) => queue::holds_lease(tx, plan.webhook_id, r.owner, token)?,
            None => false,
        };
        if holds {
            let now = r.log.date_added;
            queue::failed(tx, plan.batch_id, *next_attempt_at, now, *dead)?;
            registry::mark_failed(tx, plan.webhook_id, status, now)?;
            if let Some(reason) = unpublish {
                registry::unpublish(tx, plan.webhook_id, reason, now)?;
            }
            for a in &r.alerts {
                crate::store::queue_alert(tx, a)?;
            }
        }
        Ok(Applied {
            lease_lost: !holds,
            next: None,
        })
    }

    /// A delivery, and with `next` the webhook's next claim: one
    /// statement, so no transaction is needed around it.
    fn delivered<C: postgres::GenericClient>(
        &self,
        db: &Db<C>,
        r: &Record<'_>,
        next: Option<&Claim<'_>>,
    ) -> Result<Applied> {
        let next = match (next, self.held(r.plan.webhook_id, r.owner)) {
            (Some(c), Some(token)) => Some((c, token)),
            _ => None,
        };
        Ok(Applied {
            lease_lost: false,
            next: queue::delivered(db, r.plan, &r.log, r.retain, next)?,
        })
    }
}
