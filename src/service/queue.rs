//! The queue: what waits, re-driving dead (or waiting) batches, dropping
//! events, and what a run would send.

use anyhow::Result;

use crate::delivery::body;
use crate::error::UserError;
use crate::model::{Epoch, Event, IdRange, Order, Target, new_uid, now};
use crate::store::{Pending, QueueQuery, QueueRow, QueueStat, Redriven, Resend, Store, Sweep};

/// Per webhook, what waits in the queue.
pub fn stats(store: &Store) -> Result<Vec<QueueStat>> {
    store.queue_stats(now())
}

/// One webhook's line of [`stats`] (None: no such webhook).
pub fn stat(store: &Store, webhook: i64) -> Result<Option<QueueStat>> {
    store.queue_stat(webhook, now())
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
        after: None,
        webhook,
        dead_only,
        limit: None,
    })
}

/// A batch queued again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resent {
    pub webhook_id: i64,
    /// The `Webhook-Id` it was delivered with.
    pub uid: String,
    /// The one it goes out with (the same unless a new one was asked for).
    pub new_uid: String,
    pub events: i64,
    /// Its events were queued again already (by an earlier resend not yet
    /// sent): nothing was added.
    pub already_queued: bool,
}

/// Queue the kept delivered batches `which` names again, each as a new
/// batch due at `now`, with the `Webhook-Id` it was delivered with or,
/// with `new_id`, a new one; each batch once, however often it was
/// delivered. One named by its id that is queued again already, or whose
/// events are gone, is refused (nothing written); by webhook, such a batch
/// is skipped (reported with `already_queued`).
pub fn resend(store: &mut Store, which: &Resend, new_id: bool, now: Epoch) -> Result<Vec<Resent>> {
    let one = matches!(which, Resend::Batch(_));
    store.write(|tx| {
        let mut out = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for b in tx.kept_batches(which)? {
            if !seen.insert(b.uid.clone()) {
                continue;
            }
            let uid = if new_id { new_uid()? } else { b.uid.clone() };
            let events = match tx.requeue(&b, &uid, now)? {
                None if one => {
                    return Err(UserError::Conflict(format!(
                        "batch {} of webhook {} is already queued to go out again",
                        b.uid, b.webhook_id
                    ))
                    .into());
                }
                Some(0) if one => {
                    return Err(UserError::Conflict(format!(
                        "the events of batch {} are no longer stored; nothing was queued",
                        b.uid
                    ))
                    .into());
                }
                n => n,
            };
            out.push(Resent {
                webhook_id: b.webhook_id,
                new_uid: if events.is_some() { uid } else { b.uid.clone() },
                uid: b.uid,
                events: events.unwrap_or(0),
                already_queued: events.is_none(),
            });
        }
        Ok(out)
    })
}

/// Queue the newest delivery of batch `uid` again (the same
/// `Webhook-Id`, or a new one with `new_id`).
pub fn resend_batch(store: &mut Store, uid: &str, new_id: bool) -> Result<Vec<Resent>> {
    let retention = super::settings(store)?.delivered_retention;
    let r = resend(store, &Resend::Batch(uid.to_owned()), new_id, now())?;
    if !r.is_empty() {
        return Ok(r);
    }
    // Not found, with where to look and why.
    Err(UserError::Missing(if retention.is_zero() {
        format!(
            "no delivered batch {uid} is kept: delivered_retention is 0 (keep them with hookq config set delivered_retention 3d)"
        )
    } else {
        format!(
            "no delivered batch {uid} is kept: batches are kept {} after delivery (delivered_retention); see hookq logs --batch {uid}",
            crate::settings::prose_duration(retention)
        )
    })
    .into())
}

/// A kept delivered batch's body, rebuilt from its stored events as it
/// was sent.
pub struct KeptBody {
    pub uid: String,
    pub webhook_id: i64,
    /// Events it was delivered with.
    pub events: usize,
    /// Of those, still stored (the body holds only these).
    pub stored: usize,
    pub body: String,
}

/// The body batch `uid` of `webhook` was last delivered with, while it is
/// kept (`delivered_retention`).
pub fn kept_body(store: &Store, webhook: i64, uid: &str) -> Result<KeptBody> {
    let found = store.snapshot(|r| {
        let Some(b) = r
            .kept_batches(&Resend::Batch(uid.to_owned()))?
            .into_iter()
            .find(|b| b.webhook_id == webhook)
        else {
            return Ok(None);
        };
        let mut events = r.events_by_id(&b.event_ids)?;
        if b.descending {
            events.reverse();
        }
        Ok(Some((b, events)))
    })?;
    let Some((b, events)) = found else {
        return Err(UserError::Missing(format!(
            "no delivered batch {uid} of webhook {webhook} is kept (batches are kept for delivered_retention after delivery)"
        ))
        .into());
    };
    let events: Vec<Event> = events.into_iter().map(|(_, e)| e).collect();
    Ok(KeptBody {
        uid: b.uid,
        webhook_id: b.webhook_id,
        events: b.event_ids.len(),
        stored: events.len(),
        body: if events.is_empty() {
            String::new()
        } else {
            body::build(&events)
        },
    })
}

/// Queue every batch delivered to `webhook` within `since` again, oldest
/// first.
pub fn resend_since(
    store: &mut Store,
    webhook: i64,
    since: std::time::Duration,
    new_id: bool,
) -> Result<Vec<Resent>> {
    super::check_hook(store, Some(webhook))?;
    let t = now();
    let which = Resend::Webhook {
        id: webhook,
        since: t.saturating_sub(i64::try_from(since.as_secs()).unwrap_or(i64::MAX)),
    };
    resend(store, &which, new_id, t)
}

/// Drop queued events (with `dead_only`, only dead ones) for good.
pub fn purge(store: &mut Store, webhook: Option<i64>, dead_only: bool) -> Result<u64> {
    let purged = store.write(|tx| tx.purge(webhook, dead_only))?;
    let kept_since = super::settings(store)?.kept_since(now());
    store.cleanup(Sweep::All, kept_since)?;
    Ok(purged)
}

/// What a run would send to one webhook.
#[derive(Debug, Clone)]
pub struct Planned {
    pub target: Target,
    pub pending: Pending,
    /// The requests: its live batches, then its fresh rows cut at the limit.
    pub batches: i64,
    /// Their bodies' bytes.
    pub bytes: i64,
    /// Under its rate limit: how long (ms) until it may send at all, and
    /// the least time its batches take.
    pub held_ms: Option<i64>,
    pub rate_ms: i64,
}

/// What a run with these bounds would send, per webhook, batches of at
/// most `batch_limit` events: the batches a run would form (live ones as
/// formed, then fresh rows in the webhook's order), counted and sized with
/// the real body builder, holding one page of rows at a time.
pub fn pending(
    store: &Store,
    only: Option<&[i64]>,
    range: IdRange,
    batch_limit: u32,
) -> Result<Vec<Planned>> {
    let t = now();
    let default_desc = super::settings(store)?.events_order == Order::Desc;
    let limit = batch_limit.max(1);
    let mut body = String::new();
    let mut out = Vec::new();
    for target in store.targets(only, range)? {
        let pending = store.pending(target.id, range, t)?;
        let descending = match store
            .get_hook(target.id)?
            .and_then(|h| h.events_orderby_dir)
        {
            Some(o) => o == Order::Desc,
            None => default_desc,
        };
        let (mut bytes, mut batches) = (0usize, 0i64);
        store.each_live_batch(target.id, range, &mut |events| {
            body::build_into(events, &mut body);
            bytes += body.len();
            batches += 1;
            Ok(())
        })?;
        // Fresh rows, a page of batches per query.
        const PER_PAGE: u32 = 100;
        let mut after = None;
        loop {
            let page = store.fresh_events(
                target.id,
                range,
                descending,
                after,
                limit.saturating_mul(PER_PAGE),
            )?;
            let Some((last, _)) = page.last() else { break };
            after = Some(*last);
            let events: Vec<Event> = page.into_iter().map(|(_, e)| e).collect();
            for batch in events.chunks(limit as usize) {
                body::build_into(batch, &mut body);
                bytes += body.len();
                batches += 1;
            }
            if events.len() < limit.saturating_mul(PER_PAGE) as usize {
                break;
            }
        }
        let (held_ms, rate_ms) = match target.rate {
            Some(rate) => (
                store.rate_wait(target.id, rate, crate::model::now_ms())?,
                rate.min_ms(u64::try_from(batches).unwrap_or(0)),
            ),
            None => (None, 0),
        };
        out.push(Planned {
            target,
            pending,
            batches,
            bytes: i64::try_from(bytes).unwrap_or(i64::MAX),
            held_ms,
            rate_ms,
        });
    }
    Ok(out)
}

/// Events a run with these bounds would deliver.
pub fn due_count(store: &Store, only: Option<&[i64]>, range: IdRange) -> Result<u64> {
    store.due_count(only, range)
}
