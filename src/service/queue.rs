//! The queue: what waits, re-driving dead (or waiting) batches, dropping
//! events, and what a run would send.

use anyhow::Result;

use crate::model::{IdRange, Target, now};
use crate::store::{Pending, QueueQuery, QueueRow, QueueStat, Redriven, Store, Sweep};

/// Per webhook, what waits in the queue.
pub fn stats(store: &Store) -> Result<Vec<QueueStat>> {
    store.queue_stats(now())
}

/// Queued events, by event id then webhook (one page), and how many
/// the query selects in all.
pub fn list(store: &Store, q: &QueueQuery) -> Result<(u64, Vec<QueueRow>)> {
    super::check_hook(store, q.webhook)?;
    store.snapshot(|r| Ok((r.queue_count(q)?, r.queue_rows(q)?)))
}

/// Make dead batches due again (with `waiting`, also those waiting for a
/// retry, which keep their attempt count).
pub fn retry(store: &mut Store, webhook: Option<i64>, waiting: bool) -> Result<Redriven> {
    super::check_hook(store, webhook)?;
    let t = now();
    store.write(|tx| tx.redrive(webhook, waiting, t))
}

/// How many events a purge would drop.
pub fn purge_count(store: &Store, webhook: Option<i64>, dead_only: bool) -> Result<u64> {
    super::check_hook(store, webhook)?;
    store.queue_count(&QueueQuery {
        webhook,
        dead_only,
        limit: None,
    })
}

/// Drop queued events (with `dead_only`, only dead ones) for good.
pub fn purge(store: &mut Store, webhook: Option<i64>, dead_only: bool) -> Result<u64> {
    let purged = store.write(|tx| tx.purge(webhook, dead_only))?;
    store.cleanup(Sweep::All)?;
    Ok(purged)
}

/// What a run with these bounds would send, per webhook.
pub fn pending(
    store: &Store,
    only: Option<&[i64]>,
    range: IdRange,
) -> Result<Vec<(Target, Pending)>> {
    let t = now();
    store
        .targets(only, range)?
        .into_iter()
        .map(|target| {
            let p = store.pending(target.id, range, t)?;
            Ok((target, p))
        })
        .collect()
}

/// Events a run with these bounds would deliver.
pub fn due_count(store: &Store, only: Option<&[i64]>, range: IdRange) -> Result<u64> {
    store.due_count(only, range)
}
