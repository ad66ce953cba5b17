//! The delivery queue: events in, batches out.
//!
//! Every write here is a short IMMEDIATE transaction; no transaction is
//! ever open across an HTTP call. A worker first takes a webhook's lease
//! (owner + expiry) so overlapping runs never deliver the same webhook at
//! once; an expired lease is taken over, and the batch its holder was
//! sending goes out again with the same id (at-least-once).
//!
//! Batches are formed once: their rows and direction are fixed, so a retry
//! rebuilds the same body bytes. Delivered rows are deleted at once (they
//! are small); payloads, which are large and shared by subscribers, are
//! reclaimed in id order by [`cleanup`], which is several times cheaper
//! than deleting them one batch at a time.

use anyhow::Result;
use rusqlite::{Connection, OptionalExtension, params};

use crate::model::{Epoch, Event, IdRange, OldSecret, Order, Plan, Signing, Target};
use crate::store::{
    Claim, KeptBatch, Lease, Pending, QueueQuery, QueueRow, QueueStat, Redriven, Resend, Sweep,
};

/// Published webhooks subscribed to `event_type` right now, with their
/// filters of it.
pub fn subscribers(tx: &Connection, event_type: &str) -> Result<Vec<(i64, Option<String>)>> {
    let mut stmt = tx.prepare_cached(
        "SELECT e.webhook_id, e.filter FROM webhook_events e JOIN webhooks w ON w.id = e.webhook_id
          WHERE e.event_type = ? AND w.is_published = 1 ORDER BY e.webhook_id",
    )?;
    Ok(stmt
        .query_map([event_type], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?)
}

/// Store one event for `subs` (non-empty). Returns the event id.
/// See [`crate::store::Tx::claim_key`]. SQLite runs one write transaction
/// at a time, so a read then a write is the whole of it.
pub fn claim_key(
    tx: &Connection,
    key: &str,
    now: Epoch,
    expires_at: Epoch,
) -> Result<Option<crate::store::KeyAnswer>> {
    let live = tx
        .prepare_cached(
            "SELECT event_id, event_type, webhooks FROM hookq_idempotency
              WHERE key = ? AND expires_at >= ?",
        )?
        .query_row(params![key, now], |r| {
            Ok(crate::store::KeyAnswer::from_row(
                r.get(0)?,
                r.get(1)?,
                &r.get::<_, String>(2)?,
            ))
        })
        .optional()?;
    if live.is_none() {
        // New, or expired and not yet swept: this transaction's now.
        tx.prepare_cached(
            "INSERT OR REPLACE INTO hookq_idempotency (key, expires_at, event_id, event_type, webhooks)
             VALUES (?, ?, NULL, '', '')",
        )?
        .execute(params![key, expires_at])?;
    }
    Ok(live)
}

pub fn answer_key(tx: &Connection, key: &str, a: &crate::store::KeyAnswer) -> Result<()> {
    tx.prepare_cached(
        "UPDATE hookq_idempotency SET event_id = ?, event_type = ?, webhooks = ? WHERE key = ?",
    )?
    .execute(params![a.event_id, a.event_type, a.webhooks_text(), key])?;
    Ok(())
}

pub fn insert_event(
    tx: &Connection,
    event_type: &str,
    payload: &str,
    time: Epoch,
    subs: &[i64],
) -> Result<i64> {
    let mut ins = tx.prepare_cached(
        "INSERT INTO webhook_queue_payloads (event_type, payload, date_added) VALUES (?, ?, ?)",
    )?;
    ins.execute(params![event_type, payload, time])?;
    let id = tx.last_insert_rowid();
    let mut q =
        tx.prepare_cached("INSERT INTO webhook_queue (webhook_id, event_id) VALUES (?, ?)")?;
    for w in subs {
        q.execute(params![w, id])?;
    }
    Ok(id)
}

/// Published webhooks with queued rows (within `range`, among `only`).
pub fn targets(conn: &Connection, only: Option<&[i64]>, range: IdRange) -> Result<Vec<Target>> {
    let mut stmt = conn.prepare(
        "SELECT w.id, w.name, w.rate_limit FROM webhooks w
          WHERE w.is_published = 1
            AND EXISTS (SELECT 1 FROM webhook_queue q WHERE q.webhook_id = w.id AND q.event_id BETWEEN ? AND ?)
          ORDER BY w.id",
    )?;
    let all: Vec<Target> = stmt
        .query_map(params![range.min, range.max], |r| {
            Ok(Target {
                id: r.get(0)?,
                name: r.get(1)?,
                rate: crate::controls::Rate::from_text(r.get_ref(2)?.as_str_or_null()?),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(match only {
        Some(ids) => all.into_iter().filter(|t| ids.contains(&t.id)).collect(),
        None => all,
    })
}

/// Take `hook`'s lease if it is free, expired, or held by a process that
/// `holder_gone` says has died. False: another live run has it (or the
/// webhook is no longer published).
pub fn acquire_lease(tx: &Connection, hook: i64, lease: &Lease<'_>) -> Result<bool> {
    let Lease {
        owner,
        until,
        now,
        holder_gone,
    } = *lease;
    let current: Option<(Option<String>, Option<Epoch>)> = tx
        .query_row(
            "SELECT lease_owner, lease_expires FROM webhooks WHERE id = ? AND is_published = 1",
            [hook],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let free = match current {
        None => return Ok(false),
        Some((None, _)) => true,
        Some((Some(o), exp)) => o == owner || exp.is_none_or(|e| e < now) || holder_gone(&o),
    };
    if free {
        tx.execute(
            "UPDATE webhooks SET lease_owner = ?, lease_expires = ? WHERE id = ?",
            params![owner, until, hook],
        )?;
    }
    Ok(free)
}

pub fn release_lease(tx: &Connection, hook: i64, owner: &str) -> Result<()> {
    tx.execute(
        "UPDATE webhooks SET lease_owner = NULL, lease_expires = NULL WHERE id = ? AND lease_owner = ?",
        params![hook, owner],
    )?;
    Ok(())
}

/// What a batch needs of its webhook's row.
struct Hook {
    url: String,
    secret: String,
    signing: Signing,
    old_secret: Option<OldSecret>,
    headers: Option<String>,
    dir: Option<String>,
    failures: i64,
}

struct Live {
    id: i64,
    uid: String,
    due: Epoch,
    attempts: u32,
    first_failed_at: Option<Epoch>,
    descending: bool,
    lo: i64,
    hi: i64,
}

/// Check (and when half spent, extend) the lease, then claim the next
/// batch: the oldest live batch when due (with strict order, a waiting
/// one blocks everything after it), else a new batch of fresh rows in the
/// webhook's order. None: nothing is due, an earlier batch waits, or the
/// lease is gone.
pub fn next_batch(tx: &Connection, hook: i64, p: &Claim<'_>) -> Result<Option<Plan>> {
    let row: Option<(Epoch, Hook)> = tx
        .prepare_cached(
            "SELECT lease_expires, webhook_url, secret, events_orderby_dir, consecutive_failures,
                    signing, old_secret, old_secret_until, headers FROM webhooks
              WHERE id = ? AND lease_owner = ? AND is_published = 1",
        )?
        .query_row(params![hook, p.owner], |r| {
            Ok((
                r.get(0)?,
                Hook {
                    url: r.get(1)?,
                    secret: r.get(2)?,
                    dir: r.get(3)?,
                    failures: r.get(4)?,
                    signing: Signing::from_column(r.get_ref(5)?.as_str()?),
                    old_secret: match (r.get(6)?, r.get(7)?) {
                        (Some(secret), Some(until)) => Some(OldSecret { secret, until }),
                        _ => None,
                    },
                    headers: r.get(8)?,
                },
            ))
        })
        .optional()?;
    let h = match row {
        None => return Ok(None),
        // Extending only when needed keeps the webhook's row, and its
        // page, out of most transactions.
        Some((until, h)) if until < p.renew_by => {
            tx.prepare_cached("UPDATE webhooks SET lease_expires = ? WHERE id = ?")?
                .execute(params![p.lease_until, hook])?;
            h
        }
        Some((_, h)) => h,
    };
    let Hook {
        url,
        secret,
        signing,
        old_secret,
        headers,
        dir,
        failures,
    } = h;
    let headers = crate::controls::headers_from_text(headers.as_deref());
    let descending = match dir.as_deref() {
        Some("DESC") => true,
        Some(_) => false,
        None => p.default_order == Order::Desc,
    };

    let live: Vec<Live> = {
        let mut stmt = tx.prepare_cached(
            "SELECT id, uid, next_attempt_at, attempts, first_failed_at, descending, lo, hi FROM webhook_batches
              WHERE webhook_id = ? AND dead = 0 ORDER BY id",
        )?;
        stmt.query_map([hook], |r| {
            Ok(Live {
                id: r.get(0)?,
                uid: r.get(1)?,
                due: r.get(2)?,
                attempts: r.get(3)?,
                first_failed_at: r.get(4)?,
                descending: r.get(5)?,
                lo: r.get(6)?,
                hi: r.get(7)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?
    };
    for b in live {
        let in_range = b.lo >= p.range.min && b.hi <= p.range.max;
        if b.due <= p.now && in_range {
            let left: bool = tx
                .prepare_cached(
                    "SELECT EXISTS (SELECT 1 FROM webhook_queue
                      WHERE webhook_id = ? AND event_id BETWEEN ? AND ? AND batch_id = ?)",
                )?
                .query_row(params![hook, b.lo, b.hi, b.id], |r| r.get(0))?;
            if !left {
                // Its rows were purged: nothing left to send.
                tx.execute("DELETE FROM webhook_batches WHERE id = ?", [b.id])?;
                continue;
            }
            return Ok(Some(Plan {
                webhook_id: hook,
                batch_id: b.id,
                uid: b.uid,
                attempts: b.attempts,
                first_failed_at: b.first_failed_at,
                failures_in_a_row: failures,
                url,
                secret,
                signing,
                old_secret,
                headers,
                descending: b.descending,
                events: Vec::new(),
                event_ids: Vec::new(),
                lo: b.lo,
                hi: b.hi,
            }));
        }
        if b.due > p.now && p.strict_order {
            return Ok(None);
        }
    }

    // The first fresh rows in the webhook's order. Rows in live or dead
    // batches sit at that end of the range and are skipped.
    let sql = if descending {
        "SELECT min(event_id), max(event_id), count(*) FROM (SELECT event_id FROM webhook_queue
          WHERE webhook_id = ? AND batch_id IS NULL AND event_id BETWEEN ? AND ? ORDER BY event_id DESC LIMIT ?)"
    } else {
        "SELECT min(event_id), max(event_id), count(*) FROM (SELECT event_id FROM webhook_queue
          WHERE webhook_id = ? AND batch_id IS NULL AND event_id BETWEEN ? AND ? ORDER BY event_id ASC LIMIT ?)"
    };
    let (lo, hi, count): (Option<i64>, Option<i64>, i64) = tx.prepare_cached(sql)?.query_row(
        params![hook, p.range.min, p.range.max, p.batch_limit],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let (Some(lo), Some(hi)) = (lo, hi) else {
        return Ok(None);
    };
    let uid = crate::model::new_uid()?;
    tx.prepare_cached(
        "INSERT INTO webhook_batches (uid, webhook_id, descending, event_count, lo, hi, next_attempt_at, date_added)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    )?
    .execute(params![uid, hook, descending, count, lo, hi, p.now, p.now])?;
    let batch_id = tx.last_insert_rowid();
    // Every fresh row in [lo, hi] is one of those `count` rows.
    let marked = tx
        .prepare_cached(
            "UPDATE webhook_queue SET batch_id = ?
              WHERE webhook_id = ? AND event_id BETWEEN ? AND ? AND batch_id IS NULL",
        )?
        .execute(params![batch_id, hook, lo, hi])?;
    debug_assert_eq!(marked as i64, count);
    Ok(Some(Plan {
        webhook_id: hook,
        batch_id,
        uid,
        attempts: 0,
        first_failed_at: None,
        failures_in_a_row: failures,
        url,
        secret,
        signing,
        old_secret,
        headers,
        descending,
        events: Vec::new(),
        event_ids: Vec::new(),
        lo,
        hi,
    }))
}

/// Read `plan`'s events, in its fixed order, into `plan.events`. This
/// needs no write transaction: the rows are the plan's as long as its
/// lease is held, so it runs on a worker's own read connection, beside
/// the writer. Empty: the rows were purged since the plan was made.
pub fn load_events(conn: &Connection, plan: &mut Plan) -> Result<()> {
    let rows = batch_events(
        conn,
        plan.webhook_id,
        plan.batch_id,
        plan.lo,
        plan.hi,
        plan.descending,
    )?;
    (plan.event_ids, plan.events) = rows.into_iter().unzip();
    Ok(())
}

/// `event_id, event_type, payload, date_added` as an id and its event.
fn id_and_event(r: &rusqlite::Row<'_>) -> rusqlite::Result<(i64, Event)> {
    Ok((
        r.get(0)?,
        Event {
            event_type: r.get(1)?,
            payload: r.get(2)?,
            time: r.get(3)?,
        },
    ))
}

/// A batch's events (its rows in `[lo, hi]`) with their ids, in its order.
fn batch_events(
    conn: &Connection,
    hook: i64,
    batch: i64,
    lo: i64,
    hi: i64,
    descending: bool,
) -> Result<Vec<(i64, Event)>> {
    let sql = if descending {
        "SELECT q.event_id, p.event_type, p.payload, p.date_added FROM webhook_queue q
           JOIN webhook_queue_payloads p ON p.id = q.event_id
          WHERE q.webhook_id = ? AND q.event_id BETWEEN ? AND ? AND q.batch_id = ? ORDER BY q.event_id DESC"
    } else {
        "SELECT q.event_id, p.event_type, p.payload, p.date_added FROM webhook_queue q
           JOIN webhook_queue_payloads p ON p.id = q.event_id
          WHERE q.webhook_id = ? AND q.event_id BETWEEN ? AND ? AND q.batch_id = ? ORDER BY q.event_id ASC"
    };
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(params![hook, lo, hi, batch], id_and_event)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Each live (not dead) batch of `hook` within `range`, oldest first,
/// with its events.
pub fn each_live_batch(
    conn: &Connection,
    hook: i64,
    range: IdRange,
    f: &mut dyn FnMut(&[Event]) -> Result<()>,
) -> Result<()> {
    let batches: Vec<(i64, i64, i64, bool)> = conn
        .prepare_cached(
            "SELECT id, lo, hi, descending FROM webhook_batches
              WHERE webhook_id = ? AND dead = 0 AND lo >= ? AND hi <= ? ORDER BY id",
        )?
        .query_map(params![hook, range.min, range.max], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    for (id, lo, hi, desc) in batches {
        let events: Vec<Event> = batch_events(conn, hook, id, lo, hi, desc)?
            .into_iter()
            .map(|(_, e)| e)
            .collect();
        f(&events)?;
    }
    Ok(())
}

/// Up to `limit` fresh (not batched) events of `hook` within `range`, in
/// `descending` order or not, past event id `after`, with their ids.
pub fn fresh_events(
    conn: &Connection,
    hook: i64,
    range: IdRange,
    descending: bool,
    after: Option<i64>,
    limit: u32,
) -> Result<Vec<(i64, Event)>> {
    let (sql, min, max) = if descending {
        (
            "SELECT q.event_id, p.event_type, p.payload, p.date_added FROM webhook_queue q
               JOIN webhook_queue_payloads p ON p.id = q.event_id
              WHERE q.webhook_id = ? AND q.batch_id IS NULL AND q.event_id BETWEEN ? AND ?
              ORDER BY q.event_id DESC LIMIT ?",
            range.min,
            after.map_or(range.max, |a| a.saturating_sub(1).min(range.max)),
        )
    } else {
        (
            "SELECT q.event_id, p.event_type, p.payload, p.date_added FROM webhook_queue q
               JOIN webhook_queue_payloads p ON p.id = q.event_id
              WHERE q.webhook_id = ? AND q.batch_id IS NULL AND q.event_id BETWEEN ? AND ?
              ORDER BY q.event_id ASC LIMIT ?",
            after.map_or(range.min, |a| a.saturating_add(1).max(range.min)),
            range.max,
        )
    };
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(params![hook, min, max, limit], id_and_event)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Whether `owner` still holds `hook`'s lease.
pub fn holds_lease(tx: &Connection, hook: i64, owner: &str) -> Result<bool> {
    Ok(tx
        .prepare_cached("SELECT 1 FROM webhooks WHERE id = ? AND lease_owner = ?")?
        .query_row(params![hook, owner], |_| Ok(()))
        .optional()?
        .is_some())
}

/// The batch was delivered: its rows are done.
pub fn delivered(tx: &Connection, plan: &Plan) -> Result<usize> {
    let n = tx
        .prepare_cached("DELETE FROM webhook_queue WHERE webhook_id = ? AND event_id BETWEEN ? AND ? AND batch_id = ?")?
        .execute(params![plan.webhook_id, plan.lo, plan.hi, plan.batch_id])?;
    tx.prepare_cached("DELETE FROM webhook_batches WHERE id = ?")?
        .execute([plan.batch_id])?;
    Ok(n)
}

/// A delivered batch to keep for `resend` (see [`keep_delivered`]).
pub use crate::store::KeptRow as Kept;

/// Write kept delivered batches, many rows per statement. A run writes
/// them once per webhook turn, not once per delivery: a row per delivery
/// dirtied one more page per group commit, which cost `process` 7-8% at
/// batch 10.
pub fn keep_delivered(tx: &Connection, rows: &[Kept]) -> Result<()> {
    const PER_STATEMENT: usize = 500;
    for chunk in rows.chunks(PER_STATEMENT) {
        let mut sql = String::from(
            "INSERT OR REPLACE INTO webhook_delivered (lo, batch_id, uid, webhook_id, descending, event_ids, event_count, delivered_at) VALUES ",
        );
        for i in 0..chunk.len() {
            sql.push_str(if i == 0 {
                "(?,?,?,?,?,?,?,?)"
            } else {
                ",(?,?,?,?,?,?,?,?)"
            });
        }
        let mut stmt = tx.prepare_cached(&sql)?;
        let mut values: Vec<&dyn rusqlite::ToSql> = Vec::with_capacity(chunk.len() * 8);
        for k in chunk {
            values.extend([
                &k.lo as &dyn rusqlite::ToSql,
                &k.batch_id,
                &k.uid,
                &k.webhook_id,
                &k.descending,
                &k.event_ids,
                &k.event_count,
                &k.delivered_at,
            ]);
        }
        stmt.execute(values.as_slice())?;
    }
    Ok(())
}

/// The batch failed: count the attempt, keep when it first failed, set
/// the next one, and mark it dead when the policy said so.
pub fn failed(
    tx: &Connection,
    batch_id: i64,
    next_at: Epoch,
    now: Epoch,
    dead: bool,
) -> Result<()> {
    tx.prepare_cached(
        "UPDATE webhook_batches SET attempts = attempts + 1, next_attempt_at = ?,
                first_failed_at = coalesce(first_failed_at, ?), dead = ?
          WHERE id = ?",
    )?
    .execute(params![next_at, now, dead, batch_id])?;
    Ok(())
}

/// Payload ids a cleanup transaction covers at most.
const SWEEP_CHUNK: i64 = 20_000;

/// Reclaim payloads no queue row refers to, in id order and in chunks of
/// short transactions. When the whole queue is empty the table is cleared
/// in one step (SQLite drops its pages without visiting each row).
///
/// The newest payload id is never freed: an unreferenced newest payload
/// becomes an empty marker row instead, so SQLite, which numbers a new row
/// one above the largest id present, never hands out an event id twice.
///
/// Only `emit` adds queue rows, and only for payloads it inserts in the
/// same transaction, with ids above every existing one; so a payload seen
/// unreferenced inside a write transaction stays so, and the check and
/// the delete of each chunk share one transaction.
pub fn cleanup(conn: &mut Connection, sweep: Sweep, kept_since: Epoch) -> Result<()> {
    cleanup_by(conn, sweep, SWEEP_CHUNK, kept_since)
}

/// The lowest payload id a kept delivered batch starts at: payloads from
/// there up are not reclaimed (a batch's events are at or above its
/// `lo`). None: no batch is kept.
fn retention_floor(tx: &Connection) -> Result<Option<i64>> {
    Ok(tx
        .prepare_cached("SELECT min(lo) FROM webhook_delivered")?
        .query_row([], |r| r.get(0))?)
}

/// Forget delivered batches delivered before `kept_since`: in key (floor)
/// order up to the first one still kept, by one range delete on the key.
/// One delivered late with an old `lo` holds those after it until it goes
/// too (at most one more retention), so that the floor is the first row.
fn expire_delivered(tx: &Connection, kept_since: Epoch) -> Result<()> {
    // Stops at the first row kept: reads only what goes.
    let first_kept: Option<(i64, i64, i64)> = tx
        .prepare_cached(
            "SELECT lo, webhook_id, batch_id FROM webhook_delivered WHERE delivered_at >= ?
              ORDER BY lo, webhook_id, batch_id LIMIT 1",
        )?
        .query_row([kept_since], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    match first_kept {
        Some((lo, hook, batch)) => tx
            .prepare_cached(
                "DELETE FROM webhook_delivered WHERE (lo, webhook_id, batch_id) < (?, ?, ?)",
            )?
            .execute(params![lo, hook, batch])?,
        None => tx
            .prepare_cached("DELETE FROM webhook_delivered")?
            .execute([])?,
    };
    Ok(())
}

fn cleanup_by(conn: &mut Connection, sweep: Sweep, chunk: i64, kept_since: Epoch) -> Result<()> {
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    expire_delivered(&tx, kept_since)?;
    // Idempotency keys past their window, by the expiry index.
    tx.prepare_cached("DELETE FROM hookq_idempotency WHERE expires_at < ?")?
        .execute([crate::model::now()])?;
    let floor = retention_floor(&tx)?;
    let empty: bool = tx.query_row("SELECT NOT EXISTS (SELECT 1 FROM webhook_queue)", [], |r| {
        r.get(0)
    })?;
    if empty {
        let newest: Option<i64> =
            tx.query_row("SELECT max(id) FROM webhook_queue_payloads", [], |r| {
                r.get(0)
            })?;
        match floor {
            Some(f) => {
                tx.execute("DELETE FROM webhook_queue_payloads WHERE id < ?", [f])?;
            }
            None => {
                tx.execute("DELETE FROM webhook_queue_payloads", [])?;
                if let Some(id) = newest {
                    tx.execute(
                        "INSERT INTO webhook_queue_payloads (id, event_type, payload, date_added) VALUES (?, '', '', 0)",
                        [id],
                    )?;
                }
            }
        }
        // Everything below the floor is gone: the retention sweep starts
        // there (none when no batch is kept).
        set_upto(&tx, floor.unwrap_or(i64::MAX))?;
        tx.commit()?;
        return Ok(());
    }
    let (lo, hi): (Option<i64>, Option<i64>) = tx.query_row(
        "SELECT min(id), max(id) FROM webhook_queue_payloads",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let (Some(lo), Some(hi)) = (lo, hi) else {
        return Ok(());
    };
    // Payloads older than the oldest queued event: left by a run that
    // stopped before its cleanup, or by a deleted webhook.
    let oldest = webhooks_queued(&tx)?
        .into_iter()
        .map(|w| -> Result<i64> {
            Ok(tx
                .prepare_cached("SELECT min(event_id) FROM webhook_queue WHERE webhook_id = ?")?
                .query_row([w], |r| r.get(0))?)
        })
        .try_fold(i64::MAX, |m, x| x.map(|x| m.min(x)))?;
    // Payloads the retention kept and has let go since: from where the
    // last such sweep reached up to the floor (or to the end when no batch
    // is kept any more).
    let upto: i64 = tx.query_row(
        "SELECT coalesce((SELECT upto FROM hookq_retention), 9223372036854775807)",
        [],
        |r| r.get(0),
    )?;
    let let_go = crate::store::retention_let_go(floor, upto, hi);
    tx.commit()?;
    let mut ranges = match sweep {
        Sweep::All => vec![(lo, hi)],
        Sweep::Ranges(r) => r,
    };
    if lo < oldest {
        ranges.insert(0, (lo, oldest - 1));
    }
    if let Some(r) = let_go {
        ranges.push(r);
    }
    for (a, b) in ranges {
        let (a, b) = (a.max(lo), b.min(hi));
        let mut start = a;
        while start <= b {
            let end = start.saturating_add(chunk - 1).min(b);
            let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            // Read here, in the chunk's own transaction: a batch kept by a
            // run that delivered since the start keeps its payloads.
            let end_kept = match retention_floor(&tx)? {
                Some(f) => end.min(f - 1),
                None => end,
            };
            if start <= end_kept {
                sweep_chunk(&tx, start, end_kept)?;
            }
            tx.commit()?;
            start = end.saturating_add(1);
        }
    }
    // Where the next such sweep starts: the floor (nothing below it is
    // kept), none when no batch is kept; lower when a batch kept since
    // (by another run) starts lower, as its payloads were left in place.
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let mut next = crate::store::retention_next(let_go, floor, upto);
    if let Some(f) = retention_floor(&tx)? {
        next = next.min(f);
    }
    set_upto(&tx, next)?;
    tx.commit()?;
    Ok(())
}

/// Where the sweep of payloads the retention let go starts next time
/// (written only when it moves).
fn set_upto(tx: &Connection, upto: i64) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO hookq_retention (id, upto)
         SELECT 1, ?1 WHERE ?1 <> coalesce((SELECT upto FROM hookq_retention), 9223372036854775807)
         ON CONFLICT (id) DO UPDATE SET upto = excluded.upto",
    )?
    .execute([upto])?;
    Ok(())
}

/// Webhooks with queue rows: a skip scan over the queue's primary key.
fn webhooks_queued(tx: &Connection) -> Result<Vec<i64>> {
    let mut next = tx.prepare_cached(
        "SELECT webhook_id FROM webhook_queue WHERE webhook_id > ? ORDER BY webhook_id LIMIT 1",
    )?;
    let mut out = Vec::new();
    let mut after = i64::MIN;
    while let Some(w) = next.query_row([after], |r| r.get(0)).optional()? {
        out.push(w);
        after = w;
    }
    Ok(out)
}

/// Delete the payloads with ids in `[a, b]` that no queue row refers to.
fn sweep_chunk(tx: &Connection, a: i64, b: i64) -> Result<()> {
    let mut refs: Vec<i64> = Vec::new();
    let mut rows = tx.prepare_cached(
        "SELECT event_id FROM webhook_queue WHERE webhook_id = ? AND event_id BETWEEN ? AND ?",
    )?;
    for w in webhooks_queued(tx)? {
        for id in rows.query_map(params![w, a, b], |r| r.get::<_, i64>(0))? {
            refs.push(id?);
        }
    }
    refs.sort_unstable();
    refs.dedup();
    let newest: i64 = tx
        .prepare_cached("SELECT coalesce(max(id), 0) FROM webhook_queue_payloads")?
        .query_row([], |r| r.get(0))?;
    let mut del =
        tx.prepare_cached("DELETE FROM webhook_queue_payloads WHERE id BETWEEN ? AND ?")?;
    let mut from = a;
    for r in refs.into_iter().chain(std::iter::once(b.saturating_add(1))) {
        if from < r {
            del.execute(params![from, (r - 1).min(newest - 1)])?;
            if (from..r).contains(&newest) {
                tx.prepare_cached(
                    "UPDATE webhook_queue_payloads SET event_type = '', payload = '', date_added = 0
                      WHERE id = ? AND payload != ''",
                )?
                .execute([newest])?;
            }
        }
        from = r.saturating_add(1);
    }
    Ok(())
}

/// Queued work for `hook` within `range`, without changing anything.
pub fn pending(conn: &Connection, hook: i64, range: IdRange, now: Epoch) -> Result<Pending> {
    let mut stmt = conn.prepare(
        "SELECT p.event_type, count(*)
           FROM webhook_queue q JOIN webhook_queue_payloads p ON p.id = q.event_id
           LEFT JOIN webhook_batches b ON b.id = q.batch_id
          WHERE q.webhook_id = ? AND q.event_id BETWEEN ? AND ? AND b.dead IS NOT 1
          GROUP BY p.event_type ORDER BY min(q.event_id)",
    )?;
    let mut out = Pending::default();
    let mut rows = stmt.query(params![hook, range.min, range.max])?;
    while let Some(r) = rows.next()? {
        let (t, n): (String, i64) = (r.get(0)?, r.get(1)?);
        out.events += n;
        out.types.push((t, n));
    }
    let (live, due): (i64, i64) = conn.query_row(
        "SELECT count(*), count(*) FILTER (WHERE next_attempt_at <= ?) FROM webhook_batches WHERE webhook_id = ? AND dead = 0",
        params![now, hook],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    out.live_batches = live;
    out.due_batches = due;
    Ok(out)
}

/// Per webhook, what waits in the queue.
/// Queue depth per webhook (`only`: that one's alone).
pub fn stats(conn: &Connection, now: Epoch, only: Option<i64>) -> Result<Vec<QueueStat>> {
    let mut stmt = conn.prepare_cached(
        "SELECT w.id, w.name, w.is_published,
                count(q.event_id) FILTER (WHERE q.batch_id IS NULL),
                count(q.event_id) FILTER (WHERE b.dead = 0 AND b.next_attempt_at <= ?1),
                count(q.event_id) FILTER (WHERE b.dead = 0 AND b.next_attempt_at > ?1),
                count(q.event_id) FILTER (WHERE b.dead = 1),
                -- the first queued event's time (ids follow emit time)
                (SELECT p.date_added FROM webhook_queue q2 JOIN webhook_queue_payloads p ON p.id = q2.event_id
                  WHERE q2.webhook_id = w.id ORDER BY q2.event_id LIMIT 1),
                min(b.next_attempt_at) FILTER (WHERE b.dead = 0 AND b.next_attempt_at > ?1)
           FROM webhooks w
           LEFT JOIN webhook_queue q ON q.webhook_id = w.id
           LEFT JOIN webhook_batches b ON b.id = q.batch_id
          WHERE ?2 IS NULL OR w.id = ?2
          GROUP BY w.id ORDER BY w.id",
    )?;
    let rows = stmt
        .query_map(params![now, only], |r| {
            Ok(QueueStat {
                id: r.get(0)?,
                name: r.get(1)?,
                published: r.get(2)?,
                fresh: r.get(3)?,
                in_flight: r.get(4)?,
                waiting: r.get(5)?,
                dead: r.get(6)?,
                oldest: r.get(7)?,
                next_retry: r.get(8)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Queued events by event id then webhook, cut at the query's limit.
pub fn rows(conn: &Connection, q: &QueueQuery) -> Result<Vec<QueueRow>> {
    let limit = q.limit.map_or(-1, |l| l as i64);
    let mut stmt = conn.prepare(
        // The rows first, from the queue alone; payloads only for those.
        "SELECT q.event_id, q.webhook_id, p.event_type, p.date_added, b.uid, b.attempts, b.next_attempt_at, b.dead
           FROM (SELECT q.event_id, q.webhook_id, q.batch_id FROM webhook_queue q
                   LEFT JOIN webhook_batches b ON b.id = q.batch_id
                  WHERE (?1 IS NULL OR q.webhook_id = ?1) AND (?2 = 0 OR b.dead = 1)
                    AND (?4 IS NULL OR (q.event_id, q.webhook_id) > (?4, ?5))
                  ORDER BY q.event_id, q.webhook_id LIMIT ?3) q
           JOIN webhook_queue_payloads p ON p.id = q.event_id
           LEFT JOIN webhook_batches b ON b.id = q.batch_id
          ORDER BY q.event_id, q.webhook_id",
    )?;
    let rows = stmt
        .query_map(
            params![
                q.webhook,
                q.dead_only,
                limit,
                q.after.map(|a| a.0),
                q.after.map(|a| a.1)
            ],
            |r| {
                Ok(QueueRow {
                    event_id: r.get(0)?,
                    webhook_id: r.get(1)?,
                    event_type: r.get(2)?,
                    date_added: r.get(3)?,
                    batch_uid: r.get(4)?,
                    attempts: r.get::<_, Option<i64>>(5)?.unwrap_or(0),
                    next_attempt: r.get(6)?,
                    dead: r.get::<_, Option<bool>>(7)?.unwrap_or(false),
                })
            },
        )?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// How many queue rows `q` selects.
pub fn count(conn: &Connection, q: &QueueQuery) -> Result<u64> {
    let n: i64 = conn.query_row(
        "SELECT count(*) FROM webhook_queue q LEFT JOIN webhook_batches b ON b.id = q.batch_id
          WHERE (?1 IS NULL OR q.webhook_id = ?1) AND (?2 = 0 OR b.dead = 1)",
        params![q.webhook, q.dead_only],
        |r| r.get(0),
    )?;
    Ok(n as u64)
}

/// Events a run would deliver: of published webhooks, not dead, in range.
pub fn due_count(conn: &Connection, only: Option<&[i64]>, range: IdRange) -> Result<u64> {
    let mut stmt = conn.prepare_cached(
        "SELECT count(*) FROM webhook_queue q JOIN webhooks w ON w.id = q.webhook_id
           LEFT JOIN webhook_batches b ON b.id = q.batch_id
          WHERE w.is_published = 1 AND b.dead IS NOT 1 AND q.event_id BETWEEN ? AND ?
            AND (?3 IS NULL OR q.webhook_id = ?3)",
    )?;
    let mut total = 0i64;
    let hooks: Vec<Option<i64>> = match only {
        Some(ids) => ids.iter().copied().map(Some).collect(),
        None => vec![None],
    };
    for w in hooks {
        total += stmt.query_row(params![range.min, range.max, w], |r| r.get::<_, i64>(0))?;
    }
    Ok(total as u64)
}

/// Make dead batches (and with `waiting`, waiting ones) due at `now`.
pub fn redrive(
    tx: &Connection,
    webhook: Option<i64>,
    waiting: bool,
    now: Epoch,
) -> Result<Redriven> {
    let events: i64 = tx.query_row(
        "SELECT count(*) FROM webhook_queue q JOIN webhook_batches b ON b.id = q.batch_id
          WHERE (b.dead = 1 OR (?2 AND b.next_attempt_at > ?3)) AND (?1 IS NULL OR b.webhook_id = ?1)",
        params![webhook, waiting, now],
        |r| r.get(0),
    )?;
    let dead = tx.execute(
        "UPDATE webhook_batches SET dead = 0, first_failed_at = NULL, next_attempt_at = ?
          WHERE dead = 1 AND (?2 IS NULL OR webhook_id = ?2)",
        params![now, webhook],
    )?;
    let waited = if waiting {
        tx.execute(
            "UPDATE webhook_batches SET next_attempt_at = ?1
              WHERE dead = 0 AND next_attempt_at > ?1 AND (?2 IS NULL OR webhook_id = ?2)",
            params![now, webhook],
        )?
    } else {
        0
    };
    Ok(Redriven {
        batches: (dead + waited) as u64,
        events: events as u64,
    })
}

/// Drop queued events (with `dead_only`, those of dead batches), and the
/// batches left with no rows.
pub fn purge(tx: &Connection, webhook: Option<i64>, dead_only: bool) -> Result<u64> {
    let n = tx.execute(
        "DELETE FROM webhook_queue WHERE (?1 IS NULL OR webhook_id = ?1)
           AND (?2 = 0 OR batch_id IN (SELECT id FROM webhook_batches WHERE dead = 1))",
        params![webhook, dead_only],
    )?;
    tx.execute(
        "DELETE FROM webhook_batches WHERE (?1 IS NULL OR webhook_id = ?1) AND (?2 = 0 OR dead = 1)
           AND NOT EXISTS (SELECT 1 FROM webhook_queue q WHERE q.webhook_id = webhook_batches.webhook_id
               AND q.event_id BETWEEN webhook_batches.lo AND webhook_batches.hi AND q.batch_id = webhook_batches.id)",
        params![webhook, dead_only],
    )?;
    Ok(n as u64)
}

/// The stored events among `ids` (see `Reads::events_by_id`).
pub fn events_by_id(conn: &Connection, ids: &[i64]) -> Result<Vec<(i64, Event)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, event_type, payload, date_added FROM webhook_queue_payloads
          WHERE id = ? AND payload <> ''",
    )?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        if let Some(e) = stmt.query_row(params![id], id_and_event).optional()? {
            out.push(e);
        }
    }
    out.sort_by_key(|(id, _)| *id);
    Ok(out)
}

/// Kept delivered batches `which` names (see `Reads::kept_batches`).
pub fn kept_batches(tx: &Connection, which: &Resend) -> Result<Vec<KeptBatch>> {
    let map = |r: &rusqlite::Row<'_>| -> rusqlite::Result<KeptBatch> {
        Ok(KeptBatch {
            uid: r.get(0)?,
            webhook_id: r.get(1)?,
            descending: r.get(2)?,
            event_ids: crate::store::parse_id_list(&r.get::<_, String>(3)?),
        })
    };
    let all = |sql: &str, p: &[&dyn rusqlite::ToSql]| -> Result<Vec<KeptBatch>> {
        Ok(tx
            .prepare_cached(sql)?
            .query_map(p, map)?
            .collect::<rusqlite::Result<_>>()?)
    };
    let kept = match which {
        Resend::Batch(uid) => {
            // By its key, from its log row; a scan when the log is gone.
            let keyed = all(
                "SELECT d.uid, d.webhook_id, d.descending, d.event_ids
                   FROM webhook_logs l JOIN webhook_delivered d
                     ON d.lo = l.batch_lo AND d.webhook_id = l.webhook_id AND d.uid = l.batch_id
                  WHERE l.batch_id = ? ORDER BY d.delivered_at DESC LIMIT 1",
                &[uid],
            )?;
            if keyed.is_empty() {
                all(
                    "SELECT uid, webhook_id, descending, event_ids FROM webhook_delivered
                      WHERE uid = ? ORDER BY delivered_at DESC LIMIT 1",
                    &[uid],
                )?
            } else {
                keyed
            }
        }
        Resend::Webhook { id, since } => all(
            "SELECT uid, webhook_id, descending, event_ids FROM webhook_delivered
              WHERE webhook_id = ? AND delivered_at >= ? ORDER BY delivered_at, lo",
            &[id, since],
        )?,
    };
    Ok(kept)
}

/// Queue a kept batch again (see `Tx::requeue`).
pub fn requeue(tx: &Connection, b: &KeptBatch, uid: &str, now: Epoch) -> Result<Option<i64>> {
    let (Some(&lo), Some(&hi)) = (b.event_ids.iter().min(), b.event_ids.iter().max()) else {
        return Ok(Some(0));
    };
    let mut queued =
        tx.prepare_cached("SELECT 1 FROM webhook_queue WHERE webhook_id = ? AND event_id = ?")?;
    for id in &b.event_ids {
        if queued.exists(params![b.webhook_id, id])? {
            return Ok(None);
        }
    }
    tx.prepare_cached(
        "INSERT INTO webhook_batches (uid, webhook_id, descending, event_count, lo, hi, next_attempt_at, date_added)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    )?
    .execute(params![uid, b.webhook_id, b.descending, b.event_ids.len() as i64, lo, hi, now, now])?;
    let batch = tx.last_insert_rowid();
    let mut ins = tx.prepare_cached(
        "INSERT INTO webhook_queue (webhook_id, event_id, batch_id)
         SELECT ?, id, ? FROM webhook_queue_payloads WHERE id = ? AND payload <> ''",
    )?;
    let mut n = 0;
    for id in &b.event_ids {
        n += ins.execute(params![b.webhook_id, batch, id])?;
    }
    if n == 0 {
        tx.execute("DELETE FROM webhook_batches WHERE id = ?", [batch])?;
    } else if n != b.event_ids.len() {
        tx.execute(
            "UPDATE webhook_batches SET event_count = ? WHERE id = ?",
            params![n as i64, batch],
        )?;
    }
    Ok(Some(n as i64))
}

/// How long until `hook` may send again under `rate` at `now_ms`: the
/// `count`-th latest request's end plus the window. None: now.
pub fn rate_wait(
    conn: &Connection,
    hook: i64,
    rate: crate::controls::Rate,
    now_ms: i64,
) -> Result<Option<i64>> {
    let nth: Option<i64> = conn
        .prepare_cached(
            "SELECT at_ms FROM webhook_sends WHERE webhook_id = ?
              ORDER BY at_ms DESC LIMIT 1 OFFSET ?",
        )?
        .query_row(params![hook, i64::from(rate.count) - 1], |r| r.get(0))
        .optional()?;
    Ok(nth
        .map(|at| at + rate.window_ms() - now_ms)
        .filter(|&w| w > 0))
}

/// Note that a request of `hook` ended at `at_ms`; forget those out of
/// every window `rate` can ask about.
pub fn note_send(
    tx: &Connection,
    hook: i64,
    rate: crate::controls::Rate,
    at_ms: i64,
) -> Result<()> {
    tx.prepare_cached("INSERT INTO webhook_sends (webhook_id, at_ms) VALUES (?, ?)")?
        .execute(params![hook, at_ms])?;
    tx.prepare_cached("DELETE FROM webhook_sends WHERE webhook_id = ? AND at_ms <= ?")?
        .execute(params![hook, at_ms - rate.window_ms()])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::sqlite::SqliteStore;
    use crate::store::{Create, Swept};
    use proptest::prelude::*;
    use std::collections::BTreeSet;

    /// A database with `hooks` webhooks and `subs[i]` as event i's
    /// subscribers (webhook indexes); returns the event ids.
    fn fill(store: &mut SqliteStore, hooks: usize, subs: &[Vec<usize>]) -> Vec<i64> {
        store
            .write_tx(|tx| {
                let mut ids = Vec::new();
                for h in 0..hooks {
                    tx.execute(
                        "INSERT INTO webhooks (id, name, webhook_url, secret, date_added)
                         VALUES (?, 'h', 'http://127.0.0.1:9/', 's', 0)",
                        [h as i64 + 1],
                    )?;
                }
                for (i, s) in subs.iter().enumerate() {
                    let ws: Vec<i64> = s.iter().map(|&h| h as i64 + 1).collect();
                    ids.push(insert_event(tx, "t", &format!("{{\"n\":{i}}}"), 0, &ws)?);
                }
                Ok(ids)
            })
            .unwrap()
    }

    /// A new database filled as [`fill`] does, from generated subscriber
    /// sets (webhook indexes taken modulo `hooks`); the directory, the
    /// store, each event's subscribers and the event ids.
    fn filled(
        hooks: usize,
        subs: Vec<BTreeSet<usize>>,
    ) -> (tempfile::TempDir, SqliteStore, Vec<Vec<usize>>, Vec<i64>) {
        let subs: Vec<Vec<usize>> = subs
            .into_iter()
            .map(|s| {
                s.into_iter()
                    .map(|h| h % hooks)
                    .collect::<BTreeSet<_>>()
                    .into_iter()
                    .collect()
            })
            .collect();
        let dir = tempfile::tempdir().unwrap();
        let mut store = SqliteStore::open(&dir.path().join("q.db"), Create::Now).unwrap();
        let events = fill(&mut store, hooks, &subs);
        (dir, store, subs, events)
    }

    fn ids(conn: &Connection, sql: &str) -> BTreeSet<i64> {
        let mut st = conn.prepare(sql).unwrap();
        st.query_map([], |r| r.get(0))
            .unwrap()
            .map(|r| r.unwrap())
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// With delivered batches kept (some let go at each cleanup), no
        /// cleanup removes a payload of a batch still kept or one a queue
        /// row refers to, whatever ranges are asked for; once every kept
        /// batch is let go, a full cleanup leaves only referenced ones.
        #[test]
        fn cleanup_keeps_what_kept_batches_need(
            hooks in 1usize..4,
            subs in prop::collection::vec(prop::collection::btree_set(0usize..3, 1..3), 1..80),
            delivered in prop::collection::vec(any::<bool>(), 240),
            // per delivered row: start a new batch here, keep that batch,
            // the second it was delivered
            cut in prop::collection::vec(any::<bool>(), 240),
            keep in prop::collection::vec(any::<bool>(), 240),
            at in prop::collection::vec(0i64..6, 240),
            asks in prop::collection::vec(prop::collection::vec((0i64..90, 0i64..30), 0..3), 1..4),
            chunk in 1i64..30,
        ) {
            let (_dir, mut store, subs, events) = filled(hooks, subs);
            // Per webhook, its delivered rows in id order, cut into batches.
            let mut batches: Vec<(i64, Vec<i64>, bool, i64)> = Vec::new();
            let mut k = 0;
            for h in 0..hooks {
                let mut current: Vec<i64> = Vec::new();
                for (i, s) in subs.iter().enumerate() {
                    if !s.contains(&h) {
                        continue;
                    }
                    if delivered[k % 240] {
                        if cut[k % 240] && !current.is_empty() {
                            batches.push((h as i64 + 1, std::mem::take(&mut current), keep[k % 240], at[k % 240]));
                        }
                        current.push(events[i]);
                    }
                    k += 1;
                }
                if !current.is_empty() {
                    batches.push((h as i64 + 1, current, keep[k % 240], at[k % 240]));
                }
            }
            store.write_tx(|tx| {
                for (n, (hook, ids, kept, at)) in batches.iter().enumerate() {
                    for id in ids {
                        tx.execute(
                            "DELETE FROM webhook_queue WHERE webhook_id = ? AND event_id = ?",
                            params![hook, id],
                        )?;
                    }
                    if *kept {
                        tx.execute(
                            "INSERT INTO webhook_delivered (lo, batch_id, uid, webhook_id, descending, event_ids, event_count, delivered_at)
                             VALUES (?, ?, 'u', ?, 0, ?, ?, ?)",
                            params![ids[0], n as i64, hook, crate::store::id_list(ids), ids.len() as i64, at],
                        )?;
                    }
                }
                Ok(())
            }).unwrap();
            let referenced = ids(&store.conn, "SELECT event_id FROM webhook_queue");
            for (round, ask) in asks.iter().enumerate() {
                // Each cleanup lets go of the batches delivered before
                // `round` (seconds 0.. in the generated times).
                let ranges: Vec<(i64, i64)> = ask.iter().map(|(lo, len)| (*lo, lo + len)).collect();
                cleanup_by(&mut store.conn, Sweep::Ranges(ranges), chunk, round as i64).unwrap();
                let after = ids(&store.conn, "SELECT id FROM webhook_queue_payloads WHERE payload != ''");
                for (_, ids, kept, at) in &batches {
                    if *kept && *at >= round as i64 {
                        for id in ids {
                            prop_assert!(after.contains(id), "kept payload {} gone (round {})", id, round);
                        }
                    }
                }
                for id in &referenced {
                    prop_assert!(after.contains(id), "queued payload {} gone", id);
                }
            }
            cleanup_by(&mut store.conn, Sweep::All, chunk, i64::MAX).unwrap();
            let after = ids(&store.conn, "SELECT id FROM webhook_queue_payloads WHERE payload != ''");
            prop_assert_eq!(&after, &referenced);
            let kept = ids(&store.conn, "SELECT lo FROM webhook_delivered");
            prop_assert!(kept.is_empty());
        }

        /// Whatever a run delivered and whatever ranges it reports, a
        /// cleanup never removes a payload a queue row still refers to, and
        /// removes every unreferenced one it was asked about.
        #[test]
        fn cleanup_keeps_referenced_and_drops_swept(
            hooks in 1usize..4,
            subs in prop::collection::vec(prop::collection::btree_set(0usize..3, 1..3), 1..120),
            delivered in prop::collection::vec(any::<bool>(), 360),
            // false: delivered by a run that stopped before its cleanup
            reported in prop::collection::vec(any::<bool>(), 360),
            extra in prop::collection::vec((0i64..130, 0i64..20), 0..3),
            chunk in 1i64..40,
            all in any::<bool>(),
        ) {
            let (_dir, mut store, subs, events) = filled(hooks, subs);
            let mut swept = Swept::default();
            let mut k = 0;
            store.write_tx(|tx| {
                for (i, s) in subs.iter().enumerate() {
                    for &h in s {
                        if delivered[k % delivered.len()] {
                            tx.execute(
                                "DELETE FROM webhook_queue WHERE webhook_id = ? AND event_id = ?",
                                params![h as i64 + 1, events[i]],
                            )?;
                            if reported[k % reported.len()] {
                                swept.add(events[i], events[i]);
                            }
                        }
                        k += 1;
                    }
                }
                Ok(())
            }).unwrap();
            for (lo, len) in &extra {
                swept.add(*lo, lo + len);
            }
            let swept_ranges = swept.clone().ranges();
            let sweep = if all { Sweep::All } else { Sweep::Ranges(swept.ranges()) };
            let before = ids(&store.conn, "SELECT id FROM webhook_queue_payloads");
            let newest = before.last().copied();
            let referenced = ids(&store.conn, "SELECT event_id FROM webhook_queue");
            cleanup_by(&mut store.conn, sweep, chunk, 0).unwrap();
            let after = ids(&store.conn, "SELECT id FROM webhook_queue_payloads WHERE payload != ''");
            let markers = ids(&store.conn, "SELECT id FROM webhook_queue_payloads WHERE payload = ''");
            let oldest = referenced.first().copied().unwrap_or(i64::MAX);
            for id in &before {
                let asked = all
                    || referenced.is_empty()
                    || *id < oldest
                    || swept_ranges.iter().any(|(lo, hi)| lo <= id && id <= hi);
                let keep = referenced.contains(id) || !asked;
                prop_assert_eq!(after.contains(id), keep, "payload {}", id);
                // The newest id survives, as a marker when it was reclaimed.
                let marker = Some(*id) == newest && !keep;
                prop_assert_eq!(markers.contains(id), marker, "marker {}", id);
            }
            // A new event gets an id above every id seen before.
            let next = store.write_tx(|tx| insert_event(tx, "t", "{}", 0, &[1])).unwrap();
            prop_assert!(newest.is_none_or(|n| next > n), "id {} reused", next);
        }
    }

    #[test]
    fn event_ids_go_on_after_the_queue_drains() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = SqliteStore::open(&dir.path().join("q.db"), Create::Now).unwrap();
        let ids = fill(&mut store, 2, &[vec![0], vec![1], vec![0, 1]]);
        store
            .write_tx(|tx| Ok(tx.execute("DELETE FROM webhook_queue", [])?))
            .unwrap();
        cleanup(&mut store.conn, Sweep::All, i64::MAX).unwrap();
        let left: Vec<(i64, String)> = {
            let mut st = store
                .conn
                .prepare("SELECT id, payload FROM webhook_queue_payloads")
                .unwrap();
            st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
                .unwrap()
                .map(|r| r.unwrap())
                .collect()
        };
        assert_eq!(
            left,
            vec![(ids[2], String::new())],
            "only the newest id, emptied"
        );
        let next = store
            .write_tx(|tx| insert_event(tx, "t", "{}", 0, &[1]))
            .unwrap();
        assert_eq!(next, ids[2] + 1);
        // Once a newer payload exists, the marker goes like any other.
        store
            .write_tx(|tx| Ok(tx.execute("DELETE FROM webhook_queue", [])?))
            .unwrap();
        cleanup(&mut store.conn, Sweep::Ranges(vec![(next, next)]), i64::MAX).unwrap();
        let rows: i64 = store
            .conn
            .query_row("SELECT count(*) FROM webhook_queue_payloads", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(rows, 1);
    }

    #[test]
    fn uids_are_distinct_version_4_uuids() {
        let ids: BTreeSet<String> = (0..1000)
            .map(|_| crate::model::new_uid().unwrap())
            .collect();
        assert_eq!(ids.len(), 1000);
        for id in &ids {
            let parts: Vec<&str> = id.split('-').collect();
            let lens: Vec<usize> = parts.iter().map(|p| p.len()).collect();
            assert_eq!(lens, [8, 4, 4, 4, 12], "{id}");
            assert!(
                id.chars()
                    .all(|c| c == '-' || c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
            );
            assert!(parts[2].starts_with('4'), "version 4: {id}");
            assert!(
                matches!(&parts[3][..1], "8" | "9" | "a" | "b"),
                "variant: {id}"
            );
        }
    }
}
