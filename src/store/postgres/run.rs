//! A delivery run on PostgreSQL: each worker thread has its own
//! connection (PostgreSQL runs their transactions side by side), opened
//! on its first use and opened again after the server dropped it.
//!
//! The run remembers, per webhook it leases, the lease's fencing token.

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::thread::{self, ThreadId};

use anyhow::{Context, Result};
use postgres::{Client, Transaction};

use super::{Db, Url, connection_lost, open_db, queue, registry};
use crate::model::{IdRange, Plan, Target};
use crate::store::{Applied, Claim, Lease, Queue, Record, Sweep, Verdict};

pub struct PgQueue {
    url: Url,
    conns: Mutex<HashMap<ThreadId, Db<Client>>>,
    /// Per leased webhook and owner: the fencing token.
    leases: Mutex<HashMap<(i64, String), Held>>,
    /// Events this run delivered (their rows deleted).
    delivered: AtomicU64,
}

#[derive(Clone, Copy)]
struct Held {
    token: i64,
}

impl PgQueue {
    pub fn new(url: Url, db: Db<Client>) -> Result<PgQueue> {
        queue::refresh_stats(&db)?;
        let mut conns = HashMap::new();
        conns.insert(thread::current().id(), db);
        Ok(PgQueue {
            url,
            conns: Mutex::new(conns),
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
        let db = match own {
            Some(db) if !db.closed() => db,
            _ => open_db(&self.url)?,
        };
        let out = f(&db);
        let lost = out.as_ref().err().is_some_and(connection_lost) || db.closed();
        if !lost {
            self.conns
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .insert(me, db);
        }
        out.with_context(|| {
            if lost {
                format!("lost the connection to PostgreSQL at {}", self.url.shown())
            } else {
                String::from("PostgreSQL")
            }
        })
    }

    fn write<T>(&self, mut f: impl FnMut(&Db<Transaction<'_>>) -> Result<T>) -> Result<T> {
        self.with(|db| db.transaction(&mut f))
    }

    fn held(&self, hook: i64, owner: &str) -> Option<Held> {
        self.leases
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(&(hook, owner.to_owned()))
            .copied()
    }

    fn claim_in<C: postgres::GenericClient>(
        &self,
        db: &Db<C>,
        hook: i64,
        c: &Claim<'_>,
    ) -> Result<Option<Plan>> {
        let Some(held) = self.held(hook, c.owner) else {
            return Ok(None);
        };
        queue::next_batch(db, hook, c, held.token)
    }
}

impl Drop for PgQueue {
    fn drop(&mut self) {
        let conns = std::mem::take(self.conns.get_mut().unwrap_or_else(|p| p.into_inner()));
        for (_, db) in conns {
            super::close(db);
        }
    }
}

impl Queue for PgQueue {
    fn targets(&self, only: Option<&[i64]>, range: IdRange) -> Result<Vec<Target>> {
        self.with(|db| queue::targets(db, only, range))
    }

    fn acquire_lease(&self, hook: i64, lease: &Lease<'_>) -> Result<bool> {
        let token = self.write(|tx| queue::acquire_lease(tx, hook, lease))?;
        let mut leases = self.leases.lock().unwrap_or_else(|p| p.into_inner());
        match token {
            Some(token) => {
                leases.insert((hook, lease.owner.to_owned()), Held { token });
                Ok(true)
            }
            None => {
                leases.remove(&(hook, lease.owner.to_owned()));
                Ok(false)
            }
        }
    }

    fn claim(&self, hook: i64, c: &Claim<'_>) -> Result<Option<Plan>> {
        let claimed = self.with(|db| self.claim_in(db, hook, c))?;
        Ok(claimed)
    }

    fn load_events(&self, plan: &mut Plan) -> Result<()> {
        self.with(|db| queue::load_events(db, plan))
    }

    fn record_outcomes(
        &self,
        records: &[Record<'_>],
        next: Option<&Claim<'_>>,
    ) -> Result<Vec<Applied>> {
        // One delivery (the usual group, with a connection per worker):
        // one statement, atomic on its own.
        if let [r] = records
            && r.verdict == Verdict::Delivered
        {
            let (mut a, c) = self.with(|db| self.delivered(db, r, next))?;
            a.next = c;
            return Ok(vec![a]);
        }
        // Webhook rows are locked in id order, so two runs' group commits
        // cannot deadlock on them.
        let mut order: Vec<usize> = (0..records.len()).collect();
        order.sort_by_key(|&i| records[i].plan.webhook_id);
        let (applied, claimed) = self
            .write(|tx| {
                let mut out: Vec<Option<(Applied, Option<Plan>)>> =
                    (0..records.len()).map(|_| None).collect();
                for &i in &order {
                    out[i] = Some(self.record(tx, &records[i], next)?);
                }
                Ok(out
                    .into_iter()
                    .map(|o| o.expect("every record was written"))
                    .collect::<Vec<_>>())
            })
            .map(|v| v.into_iter().unzip::<_, _, Vec<_>, Vec<_>>())?;
        let mut out = applied;
        for (a, c) in out.iter_mut().zip(claimed) {
            a.next = c;
        }
        Ok(out)
    }

    fn end_turn(&self, hook: i64, owner: &str, log_max: u32) -> Result<()> {
        let held = self
            .leases
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(&(hook, owner.to_owned()));
        self.write(|tx| {
            registry::prune_logs(tx, hook, log_max)?;
            if let Some(h) = held {
                queue::release_lease(tx, hook, owner, h.token)?;
            }
            Ok(())
        })
    }

    fn cleanup(&self, sweep: Sweep) -> Result<()> {
        self.with(|db| {
            let now = crate::model::now();
            queue::end_of_run(db, sweep.clone(), now)?;
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
    ) -> Result<(Applied, Option<Plan>)> {
        match &r.verdict {
            Verdict::Delivered => self.delivered(tx, r, next),
            Verdict::Failed {
                status,
                next_attempt_at,
                dead,
                unpublish,
            } => {
                let plan = r.plan;
                queue::insert_log(tx, &r.log)?;
                // Fencing: a run whose lease passed to another records
                // nothing over its successor's batch.
                let holds = match self.held(plan.webhook_id, r.owner) {
                    Some(h) => queue::holds_lease(tx, plan.webhook_id, r.owner, h.token)?,
                    None => false,
                };
                if !holds {
                    return Ok((
                        Applied {
                            lease_lost: true,
                            next: None,
                        },
                        None,
                    ));
                }
                let now = r.log.date_added;
                queue::failed(tx, plan.batch_id, *next_attempt_at, now, *dead)?;
                registry::mark_failed(tx, plan.webhook_id, status, now)?;
                if let Some(reason) = unpublish {
                    registry::unpublish(tx, plan.webhook_id, reason, now)?;
                }
                Ok((
                    Applied {
                        lease_lost: false,
                        next: None,
                    },
                    None,
                ))
            }
        }
    }

    /// A delivery, and with `next` the webhook's next claim: one
    /// statement, so no transaction is needed around it.
    fn delivered<C: postgres::GenericClient>(
        &self,
        db: &Db<C>,
        r: &Record<'_>,
        next: Option<&Claim<'_>>,
    ) -> Result<(Applied, Option<Plan>)> {
        let next = match (next, self.held(r.plan.webhook_id, r.owner)) {
            (Some(c), Some(h)) => Some((c, h.token)),
            _ => None,
        };
        let claimed = queue::delivered(db, r.plan, &r.log, next)?;
        self.delivered
            .fetch_add(r.plan.events.len() as u64, Ordering::Relaxed);
        Ok((
            Applied {
                lease_lost: false,
                next: None,
            },
            claimed,
        ))
    }
}
