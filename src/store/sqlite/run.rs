//! A delivery run on SQLite: one writer connection shared by the run's
//! workers, and a read-only connection per worker for batch payloads.
//!
//! Every write is a short transaction, which SQLite serializes anyway, so
//! workers take turns on the writer's mutex instead of in SQLite's busy
//! handler, which sleeps. A claimed batch's rows belong to its lease
//! holder, so its payloads are read outside the writer: WAL readers do
//! not wait for it.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Mutex;
use std::thread::{self, ThreadId};

use anyhow::Result;
use rusqlite::Connection;

use super::{SqliteStore, hooks, logs, open_reader, queue};
use crate::model::{Epoch, IdRange, Plan, Target};
use crate::store::{Applied, Claim, Lease, Queue, Record, Sweep, Verdict};

/// The writer's page cache (KiB).
const CACHE_KIB: i64 = 16 * 1024;

/// Each reader's page cache (KiB): it reads each payload once, so this
/// mostly holds the tables' upper levels.
const READER_CACHE_KIB: i64 = 1024;

/// WAL pages between the run's automatic checkpoints (each one fsyncs).
const WAL_PAGES: i64 = 4096;

pub struct SqliteQueue {
    path: PathBuf,
    writer: Mutex<SqliteStore>,
    /// Each worker thread's read connection, opened on its first read and
    /// only ever used by that thread: SQLite's page cache then lives in
    /// that thread's malloc arena (shared between threads, it cost 2-5 MB
    /// of peak RSS in `scripts/bench`).
    readers: Mutex<HashMap<ThreadId, Connection>>,
    /// Delivered batches to keep for `resend`, written at their webhook's
    /// end of turn (see `queue::keep_delivered`).
    kept: Mutex<Vec<queue::Kept>>,
}

impl SqliteQueue {
    pub fn new(store: SqliteStore) -> Result<SqliteQueue> {
        store.conn.execute_batch(&format!(
            "PRAGMA cache_size = -{CACHE_KIB}; PRAGMA wal_autocheckpoint = {WAL_PAGES};"
        ))?;
        Ok(SqliteQueue {
            path: store.path.clone(),
            writer: Mutex::new(store),
            readers: Mutex::new(HashMap::new()),
            kept: Mutex::new(Vec::new()),
        })
    }

    fn write<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let mut store = self.writer.lock().unwrap_or_else(|p| p.into_inner());
        store.write_tx(f)
    }

    /// Run `f` on this thread's read connection.
    fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let me = thread::current().id();
        let own = self
            .readers
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(&me);
        let conn = match own {
            Some(c) => c,
            None => open_reader(&self.path, READER_CACHE_KIB)?,
        };
        let out = f(&conn);
        self.readers
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(me, conn);
        out
    }
}

impl Queue for SqliteQueue {
    fn targets(&self, only: Option<&[i64]>, range: IdRange) -> Result<Vec<Target>> {
        let store = self.writer.lock().unwrap_or_else(|p| p.into_inner());
        queue::targets(&store.conn, only, range)
    }

    fn acquire_lease(&self, hook: i64, lease: &Lease<'_>) -> Result<bool> {
        self.write(|tx| queue::acquire_lease(tx, hook, lease))
    }

    fn claim(&self, hook: i64, c: &Claim<'_>) -> Result<Option<Plan>> {
        self.write(|tx| queue::next_batch(tx, hook, c))
    }

    fn load_events(&self, plan: &mut Plan) -> Result<()> {
        self.read(|conn| queue::load_events(conn, plan))
    }

    fn record_outcomes(
        &self,
        records: &[Record<'_>],
        next: Option<&Claim<'_>>,
    ) -> Result<Vec<Applied>> {
        let mut kept = Vec::new();
        let out = self.write(|tx| {
            let mut out = Vec::with_capacity(records.len());
            for r in records {
                out.push(record(tx, r, next, &mut kept)?);
            }
            Ok(out)
        })?;
        // Committed: theirs to keep.
        if !kept.is_empty() {
            self.kept
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .extend(kept);
        }
        Ok(out)
    }

    fn rate_wait(
        &self,
        hook: i64,
        rate: crate::controls::Rate,
        now_ms: i64,
    ) -> Result<Option<i64>> {
        let store = self.writer.lock().unwrap_or_else(|p| p.into_inner());
        queue::rate_wait(&store.conn, hook, rate, now_ms)
    }

    fn note_send(&self, hook: i64, rate: crate::controls::Rate, at_ms: i64) -> Result<()> {
        self.write(|tx| queue::note_send(tx, hook, rate, at_ms))
    }

    fn end_turn(&self, hook: i64, owner: &str, log_max: u32) -> Result<()> {
        let mine: Vec<queue::Kept> = {
            let mut all = self.kept.lock().unwrap_or_else(|p| p.into_inner());
            let (mine, rest) = all.drain(..).partition(|k| k.webhook_id == hook);
            *all = rest;
            mine
        };
        self.write(|tx| {
            queue::keep_delivered(tx, &mine)?;
            logs::prune(tx, hook, log_max)?;
            queue::release_lease(tx, hook, owner)
        })
    }

    fn cleanup(&self, sweep: Sweep, kept_since: Epoch) -> Result<()> {
        // The run's reads are over: their connections' caches need not
        // stay beside the cache the sweep fills.
        self.readers
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clear();
        let left: Vec<queue::Kept> =
            std::mem::take(&mut *self.kept.lock().unwrap_or_else(|p| p.into_inner()));
        let mut store = self.writer.lock().unwrap_or_else(|p| p.into_inner());
        store.wrote = true;
        if !left.is_empty() {
            store.write_tx(|tx| queue::keep_delivered(tx, &left))?;
        }
        queue::cleanup(&mut store.conn, sweep, kept_since)
    }
}

/// Write one attempt's outcome as the policy decided it.
fn record(
    tx: &Connection,
    r: &Record<'_>,
    next: Option<&Claim<'_>>,
    kept: &mut Vec<queue::Kept>,
) -> Result<Applied> {
    let plan = r.plan;
    logs::insert(tx, &r.log, Some(plan.lo))?;
    match &r.verdict {
        Verdict::Delivered => {
            queue::delivered(tx, plan)?;
            if r.retain
                && let Some(k) = queue::Kept::of(plan, r.log.date_added)
            {
                kept.push(k);
            }
            hooks::mark_healthy(tx, plan.webhook_id, &r.log.status_code)?;
            for a in &r.alerts {
                crate::store::queue_alert(tx, a)?;
            }
            let next = match next {
                Some(c) => queue::next_batch(tx, plan.webhook_id, c)?,
                None => None,
            };
            Ok(Applied {
                lease_lost: false,
                next,
            })
        }
        Verdict::Failed {
            status,
            next_attempt_at,
            dead,
            unpublish,
        } => {
            // Fencing: a run whose lease passed to another records nothing
            // over its successor's batch.
            if !queue::holds_lease(tx, plan.webhook_id, r.owner)? {
                return Ok(Applied {
                    lease_lost: true,
                    next: None,
                });
            }
            let now = r.log.date_added;
            queue::failed(tx, plan.batch_id, *next_attempt_at, now, *dead)?;
            hooks::mark_failed(tx, plan.webhook_id, status, now)?;
            if let Some(reason) = unpublish {
                hooks::unpublish(tx, plan.webhook_id, reason, now)?;
            }
            for a in &r.alerts {
                crate::store::queue_alert(tx, a)?;
            }
            Ok(Applied {
                lease_lost: false,
                next: None,
            })
        }
    }
}
