//! The delivery queue on PostgreSQL: events in, batches out, with the
//! SQLite backend's layout (payloads stored once, a small row per
//! subscriber, batches formed once) and its semantics.
//!
//! Leases live on the webhook row. Taking one locks the row
//! (`FOR UPDATE SKIP LOCKED`: a row another worker is writing right now is
//! busy, not waited for) and bumps `lease_token`, the fencing token: every
//! later write of the holder checks owner and token in the same
//! transaction, so a worker whose lease expired and was taken over
//! records nothing over its successor.
//!
//! A claim scans a webhook's fresh rows in id order. Delivered rows are
//! deleted, and until the table is vacuumed their dead index entries
//! stay in the primary key: a scan from the start of the webhook's range
//! walks them all (53 ms for the first scan after a 1,000,000-event
//! drain, 0.06 ms for a fresh index). So each webhook keeps where its
//! fresh rows begin (`webhooks.fresh_from`, moved by every ascending
//! claim), and scans start there; that is safe because emits commit in
//! id order (see `super`'s module docs). After a run that left many dead
//! rows, on a server whose autovacuum is off, the run vacuums the queue
//! tables itself ([`vacuum`]), or they would only grow.

use anyhow::Result;
use postgres::types::ToSql;
use postgres::{GenericClient, Transaction};

use super::{Db, registry};
use crate::model::{
    Epoch, Event, IdRange, LogEntry, OldSecret, Order, Plan, Signing, Target, clip_note,
};
use crate::store::{
    Claim, KeptBatch, Lease, NewEvent, Pending, QueueQuery, QueueRow, QueueStat, Redriven, Resend,
    Sweep,
};

/// Published webhooks subscribed to `event_type`. Inside a write this
/// takes the emit lock first, so no webhook write (which takes it too)
/// can change the answer before the events are stored.
pub fn subscribers<C: GenericClient>(
    db: &Db<C>,
    event_type: &str,
) -> Result<Vec<(i64, Option<String>)>> {
    if db.writing() {
        db.lock_emits()?;
    }
    Ok(db
        .rows(
            "SELECT e.webhook_id, e.filter FROM webhook_events e JOIN webhooks w ON w.id = e.webhook_id
              WHERE e.event_type = $1 AND w.is_published ORDER BY e.webhook_id",
            &[&event_type],
        )?
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect())
}

/// Bring the queue tables' planner statistics up to date when they are
/// missing or far behind (a server without autovacuum never gathers
/// them): without them the claim's `ORDER BY event_id LIMIT n` is planned
/// as a scan of the webhook's whole queue and a sort, 2.5 ms at 5,000
/// queued instead of 0.06 ms. `SKIP_LOCKED`: a run starting beside
/// another that is analyzing does not wait for it.
pub fn refresh_stats(db: &Db<postgres::Client>) -> Result<()> {
    let stale: Vec<String> = db
        .rows(
            "SELECT relname::text FROM pg_stat_user_tables
              WHERE relid IN ('webhook_queue'::regclass, 'webhook_batches'::regclass)
                AND (coalesce(last_analyze, last_autoanalyze) IS NULL
                     OR n_mod_since_analyze > n_live_tup / 2 + 1000)",
            &[],
        )?
        .iter()
        .map(|r| r.get(0))
        .collect();
    if !stale.is_empty() {
        // Names from the catalog query above: hookq's own tables.
        db.c.borrow_mut()
            .batch_execute(&format!("ANALYZE (SKIP_LOCKED) {}", stale.join(", ")))?;
    }
    Ok(())
}

/// See [`crate::store::Tx::claim_key`]. The insert takes the key, or
/// meets a row: one another transaction holds uncommitted makes it wait
/// for that one's end (the unique index), and then a live row is the
/// answer, an expired one (or none, if that one rolled back) is taken.
pub fn claim_key(
    tx: &Db<Transaction<'_>>,
    key: &str,
    now: Epoch,
    expires_at: Epoch,
) -> Result<Option<crate::store::KeyAnswer>> {
    let taken = tx.opt(
        "INSERT INTO hookq_idempotency (key, expires_at, event_id, event_type, webhooks)
         VALUES ($1, $2, NULL, '', '')
         ON CONFLICT (key) DO UPDATE
            SET expires_at = excluded.expires_at, event_id = NULL, event_type = '', webhooks = ''
          WHERE hookq_idempotency.expires_at < $3
         RETURNING 1",
        &[&key, &expires_at, &now],
    )?;
    if taken.is_some() {
        return Ok(None);
    }
    let r = tx.one(
        "SELECT event_id, event_type, webhooks FROM hookq_idempotency WHERE key = $1",
        &[&key],
    )?;
    Ok(Some(crate::store::KeyAnswer::from_row(
        r.get(0),
        r.get(1),
        &r.get::<_, String>(2),
    )))
}

pub fn answer_key(tx: &Db<Transaction<'_>>, key: &str, a: &crate::store::KeyAnswer) -> Result<()> {
    tx.exec(
        "UPDATE hookq_idempotency SET event_id = $1, event_type = $2, webhooks = $3 WHERE key = $4",
        &[&a.event_id, &a.event_type, &a.webhooks_text(), &key],
    )?;
    Ok(())
}

/// Store one event for `subs` (non-empty). Returns the event id.
pub fn insert_event(
    tx: &Db<Transaction<'_>>,
    event_type: &str,
    payload: &str,
    time: Epoch,
    subs: &[i64],
) -> Result<i64> {
    tx.lock_emits()?;
    let id: i64 = tx
        .one(
            concat!(
                "WITH p AS (INSERT INTO webhook_queue_payloads (event_type, payload, date_added)
                        VALUES ($1, $2, $3) RETURNING id),
                  q AS (INSERT INTO webhook_queue (webhook_id, event_id)
                        SELECT w, p.id FROM p, unnest($4::bigint[]) AS w)
             SELECT id, ",
                super::notify_sql!(),
                " FROM p"
            ),
            &[&event_type, &payload, &time, &subs],
        )?
        .get(0);
    Ok(id)
}

/// Store many events in three statements whatever their number: ids
/// taken from the sequence in one go, then payloads and queue rows each
/// inserted from arrays (a multi-row insert PostgreSQL plans once).
pub fn insert_events(tx: &Db<Transaction<'_>>, events: &[NewEvent<'_>]) -> Result<Vec<i64>> {
    if events.is_empty() {
        return Ok(Vec::new());
    }
    tx.lock_emits()?;
    let n = events.len() as i64;
    // The emit lock is held, so nothing else takes ids meanwhile: the
    // sequence moves past all of them in one step (20,000 nextval calls
    // took 58 ms).
    let last: i64 = tx
        .one(
            concat!(
                "SELECT setval(pg_get_serial_sequence('webhook_queue_payloads', 'id'),
                               nextval(pg_get_serial_sequence('webhook_queue_payloads', 'id')) + $1::bigint - 1), ",
                super::notify_sql!()
            ),
            &[&n],
        )?
        .get(0);
    let ids: Vec<i64> = (last - n + 1..=last).collect();
    let types: Vec<&str> = events.iter().map(|e| e.event_type).collect();
    let payloads: Vec<&str> = events.iter().map(|e| e.payload).collect();
    let times: Vec<i64> = events.iter().map(|e| e.time).collect();
    tx.exec(
        "INSERT INTO webhook_queue_payloads (id, event_type, payload, date_added)
         SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::bigint[])",
        &[&ids, &types, &payloads, &times],
    )?;
    let rows: usize = events.iter().map(|e| e.subs.len()).sum();
    let (mut hooks, mut evs) = (Vec::with_capacity(rows), Vec::with_capacity(rows));
    for (e, id) in events.iter().zip(&ids) {
        for w in e.subs {
            hooks.push(*w);
            evs.push(*id);
        }
    }
    tx.exec(
        "INSERT INTO webhook_queue (webhook_id, event_id)
         SELECT * FROM unnest($1::bigint[], $2::bigint[])",
        &[&hooks, &evs],
    )?;
    Ok(ids)
}

pub fn targets<C: GenericClient>(
    db: &Db<C>,
    only: Option<&[i64]>,
    range: IdRange,
) -> Result<Vec<Target>> {
    let only: Option<Vec<i64>> = only.map(<[i64]>::to_vec);
    Ok(db
        .rows(
            "SELECT w.id, w.name, w.rate_limit FROM webhooks w
              WHERE w.is_published AND ($3::bigint[] IS NULL OR w.id = ANY($3))
                AND EXISTS (SELECT 1 FROM webhook_queue q
                             WHERE q.webhook_id = w.id AND q.event_id BETWEEN $1 AND $2)
              ORDER BY w.id",
            &[&range.min, &range.max, &only],
        )?
        .iter()
        .map(|r| Target {
            id: r.get(0),
            name: r.get(1),
            rate: crate::controls::Rate::from_text(r.get(2)),
        })
        .collect())
}

/// Take `hook`'s lease if it is free, expired, or held by a process that
/// `holder_gone` says has died. Returns the new fencing token; None:
/// another live run has it (or the webhook is no longer published).
pub fn acquire_lease(
    tx: &Db<Transaction<'_>>,
    hook: i64,
    lease: &Lease<'_>,
) -> Result<Option<i64>> {
    let Some(row) = tx.opt(
        "SELECT lease_owner, lease_expires FROM webhooks
          WHERE id = $1 AND is_published FOR UPDATE SKIP LOCKED",
        &[&hook],
    )?
    else {
        return Ok(None);
    };
    let (holder, expires): (Option<String>, Option<Epoch>) = (row.get(0), row.get(1));
    let free = match holder {
        None => true,
        Some(o) => {
            o == lease.owner || expires.is_none_or(|e| e < lease.now) || (lease.holder_gone)(&o)
        }
    };
    if !free {
        return Ok(None);
    }
    let token: i64 = tx
        .one(
            "UPDATE webhooks SET lease_owner = $1, lease_expires = $2, lease_token = lease_token + 1
              WHERE id = $3 RETURNING lease_token",
            &[&lease.owner, &lease.until, &hook],
        )?
        .get(0);
    Ok(Some(token))
}

pub fn release_lease(tx: &Db<Transaction<'_>>, hook: i64, owner: &str, token: i64) -> Result<()> {
    tx.exec(
        "UPDATE webhooks SET lease_owner = NULL, lease_expires = NULL
          WHERE id = $1 AND lease_owner = $2 AND lease_token = $3",
        &[&hook, &owner, &token],
    )?;
    Ok(())
}

/// Whether `owner` still holds `hook`'s lease with `token`; locks the
/// webhook's row until the transaction ends, so a takeover waits for it.
pub fn holds_lease(tx: &Db<Transaction<'_>>, hook: i64, owner: &str, token: i64) -> Result<bool> {
    Ok(tx
        .opt(
            "SELECT 1 FROM webhooks WHERE id = $1 AND lease_owner = $2 AND lease_token = $3
             FOR UPDATE",
            &[&hook, &owner, &token],
        )?
        .is_some())
}

/// The columns `hookq_claim` returns, as a plan of `hook`.
fn claimed(hook: i64, r: &postgres::Row) -> Plan {
    Plan {
        webhook_id: hook,
        batch_id: r.get(0),
        uid: r.get(1),
        attempts: u32::try_from(r.get::<_, i64>(2)).unwrap_or(u32::MAX),
        first_failed_at: r.get(3),
        failures_in_a_row: r.get(9),
        url: r.get(7),
        secret: r.get(8),
        signing: Signing::from_column(r.get(11)),
        old_secret: match (r.get(12), r.get(13)) {
            (Some(secret), Some(until)) => Some(OldSecret { secret, until }),
            _ => None,
        },
        headers: crate::controls::headers_from_text(r.get(14)),
        descending: r.get(4),
        events: Vec::new(),
        event_ids: Vec::new(),
        lo: r.get(5),
        hi: r.get(6),
    }
}

/// The claim's arguments, as `hookq_claim` takes them after the webhook
/// id (and `hookq_delivered_next` after the delivery's).
struct ClaimArgs<'a> {
    p: &'a Claim<'a>,
    token: i64,
    limit: i64,
    desc: bool,
    uid: String,
}

impl<'a> ClaimArgs<'a> {
    fn new(p: &'a Claim<'a>, token: i64) -> Result<ClaimArgs<'a>> {
        Ok(ClaimArgs {
            p,
            token,
            limit: i64::from(p.batch_limit),
            desc: p.default_order == Order::Desc,
            uid: crate::model::new_uid()?,
        })
    }

    fn params(&self) -> [&(dyn ToSql + Sync); 11] {
        let p = self.p;
        [
            &p.owner,
            &self.token,
            &p.now,
            &p.renew_by,
            &p.lease_until,
            &p.range.min,
            &p.range.max,
            &self.limit,
            &p.strict_order,
            &self.desc,
            &self.uid,
        ]
    }
}

/// Check (and when half spent, extend) the lease, then claim the next
/// batch: the oldest live batch when due (with strict order, a waiting
/// one blocks everything after it), else a new batch of fresh rows in the
/// webhook's order (ascending ones from `webhooks.fresh_from`). None:
/// nothing is due, an earlier batch waits, or the lease is gone. One
/// statement (`hookq_claim`, migration 2), atomic without a transaction
/// around it.
pub fn next_batch<C: GenericClient>(
    db: &Db<C>,
    hook: i64,
    p: &Claim<'_>,
    token: i64,
) -> Result<Option<Plan>> {
    let args = ClaimArgs::new(p, token)?;
    let mut params: Vec<&(dyn ToSql + Sync)> = vec![&hook];
    params.extend(args.params());
    let row = db.opt(
        "SELECT * FROM hookq_claim($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        &params,
    )?;
    Ok(row.map(|r| claimed(hook, &r)))
}

/// The batch was delivered: log it, drop its rows, mark the webhook
/// healthy; then, with `next`, claim the webhook's next batch. One
/// statement.
pub fn delivered<C: GenericClient>(
    db: &Db<C>,
    plan: &Plan,
    log: &LogEntry,
    retain: bool,
    next: Option<(&Claim<'_>, i64)>,
) -> Result<Option<Plan>> {
    let note = clip_note(&log.note);
    let mut params: Vec<&(dyn ToSql + Sync)> = vec![
        &plan.webhook_id,
        &plan.batch_id,
        &plan.lo,
        &plan.hi,
        &log.status_code,
        &log.runtime,
        &note,
        &log.batch_id,
        &log.event_count,
        &log.attempt,
        &log.date_added,
    ];
    // The events it carried, when it is kept.
    let ids: Option<&Vec<i64>> = retain.then_some(&plan.event_ids);
    let Some((p, token)) = next else {
        params.extend([&ids as &(dyn ToSql + Sync), &plan.descending]);
        db.exec(
            "SELECT hookq_delivered($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
            &params,
        )?;
        return Ok(None);
    };
    let args = ClaimArgs::new(p, token)?;
    params.extend(args.params());
    params.extend([&ids as &(dyn ToSql + Sync), &plan.descending]);
    let row = db.opt(
        "SELECT * FROM hookq_delivered_next($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12,
                                            $13, $14, $15, $16, $17, $18, $19, $20, $21, $22,
                                            $23, $24)",
        &params,
    )?;
    Ok(row.map(|r| claimed(plan.webhook_id, &r)))
}

pub fn load_events<C: GenericClient>(db: &Db<C>, plan: &mut Plan) -> Result<()> {
    let rows = batch_events(
        db,
        plan.webhook_id,
        plan.batch_id,
        plan.lo,
        plan.hi,
        plan.descending,
    )?;
    (plan.event_ids, plan.events) = rows.into_iter().unzip();
    Ok(())
}

fn event_at(r: &postgres::Row, first: usize) -> Event {
    Event {
        event_type: r.get(first),
        payload: r.get(first + 1),
        time: r.get(first + 2),
    }
}

/// A batch's events (its rows in `[lo, hi]`) with their ids, in its order.
fn batch_events<C: GenericClient>(
    db: &Db<C>,
    hook: i64,
    batch: i64,
    lo: i64,
    hi: i64,
    descending: bool,
) -> Result<Vec<(i64, Event)>> {
    let sql = if descending {
        "SELECT q.event_id, p.event_type, p.payload, p.date_added FROM webhook_queue q
           JOIN webhook_queue_payloads p ON p.id = q.event_id
          WHERE q.webhook_id = $1 AND q.event_id BETWEEN $2 AND $3 AND q.batch_id = $4
          ORDER BY q.event_id DESC"
    } else {
        "SELECT q.event_id, p.event_type, p.payload, p.date_added FROM webhook_queue q
           JOIN webhook_queue_payloads p ON p.id = q.event_id
          WHERE q.webhook_id = $1 AND q.event_id BETWEEN $2 AND $3 AND q.batch_id = $4
          ORDER BY q.event_id ASC"
    };
    let rows = db.rows(sql, &[&hook, &lo, &hi, &batch])?;
    Ok(rows.iter().map(|r| (r.get(0), event_at(r, 1))).collect())
}

/// Each live (not dead) batch of `hook` within `range`, oldest first,
/// with its events.
pub fn each_live_batch<C: GenericClient>(
    db: &Db<C>,
    hook: i64,
    range: IdRange,
    f: &mut dyn FnMut(&[Event]) -> Result<()>,
) -> Result<()> {
    let batches = db.rows(
        "SELECT id, lo, hi, descending FROM webhook_batches
          WHERE webhook_id = $1 AND NOT dead AND lo >= $2 AND hi <= $3 ORDER BY id",
        &[&hook, &range.min, &range.max],
    )?;
    for b in batches {
        let events: Vec<Event> = batch_events(db, hook, b.get(0), b.get(1), b.get(2), b.get(3))?
            .into_iter()
            .map(|(_, e)| e)
            .collect();
        f(&events)?;
    }
    Ok(())
}

/// Up to `limit` fresh (not batched) events of `hook` within `range`, in
/// `descending` order or not, past event id `after`, with their ids.
pub fn fresh_events<C: GenericClient>(
    db: &Db<C>,
    hook: i64,
    range: IdRange,
    descending: bool,
    after: Option<i64>,
    limit: u32,
) -> Result<Vec<(i64, Event)>> {
    let limit = i64::from(limit);
    let (sql, min, max) = if descending {
        (
            "SELECT q.event_id, p.event_type, p.payload, p.date_added FROM webhook_queue q
               JOIN webhook_queue_payloads p ON p.id = q.event_id
              WHERE q.webhook_id = $1 AND q.batch_id IS NULL AND q.event_id BETWEEN $2 AND $3
              ORDER BY q.event_id DESC LIMIT $4",
            range.min,
            after.map_or(range.max, |a| a.saturating_sub(1).min(range.max)),
        )
    } else {
        (
            "SELECT q.event_id, p.event_type, p.payload, p.date_added FROM webhook_queue q
               JOIN webhook_queue_payloads p ON p.id = q.event_id
              WHERE q.webhook_id = $1 AND q.batch_id IS NULL AND q.event_id BETWEEN $2 AND $3
              ORDER BY q.event_id ASC LIMIT $4",
            after.map_or(range.min, |a| a.saturating_add(1).max(range.min)),
            range.max,
        )
    };
    let rows = db.rows(sql, &[&hook, &min, &max, &limit])?;
    Ok(rows.iter().map(|r| (r.get(0), event_at(r, 1))).collect())
}

/// The batch failed: count the attempt, keep when it first failed, set
/// the next one, and mark it dead when the policy said so.
pub fn failed(
    tx: &Db<Transaction<'_>>,
    batch_id: i64,
    next_at: Epoch,
    now: Epoch,
    dead: bool,
) -> Result<()> {
    tx.exec(
        "UPDATE webhook_batches SET attempts = attempts + 1, next_attempt_at = $1,
                first_failed_at = coalesce(first_failed_at, $2), dead = $3
          WHERE id = $4",
        &[&next_at, &now, &dead, &batch_id],
    )?;
    Ok(())
}

/// Payload ids one cleanup transaction covers at most.
const SWEEP_CHUNK: i64 = 20_000;

/// Reclaim payloads no queue row refers to, in id order and in chunks of
/// short transactions. Only `emit` adds queue rows, and only for payloads
/// it inserts in the same transaction, so a payload seen unreferenced
/// stays so. Event ids come from a sequence: freeing the newest payload
/// never lets an id be handed out again.
pub fn cleanup(db: &Db<postgres::Client>, sweep: Sweep, kept_since: Epoch) -> Result<()> {
    // Let go of kept delivered batches delivered before `kept_since`: in
    // key (floor) order up to the first one still kept, by one range
    // delete on the key. One delivered late with an old `lo` holds those
    // after it until it goes too (at most one more retention), so that the
    // floor is the first entry.
    let first_kept = db.opt(
        "SELECT lo, webhook_id, batch_id FROM webhook_delivered WHERE delivered_at >= $1
          ORDER BY lo, webhook_id, batch_id LIMIT 1",
        &[&kept_since],
    )?;
    match first_kept {
        Some(k) => {
            let (lo, hook, batch): (i64, i64, i64) = (k.get(0), k.get(1), k.get(2));
            db.exec(
                "DELETE FROM webhook_delivered WHERE (lo, webhook_id, batch_id) < ($1, $2, $3)",
                &[&lo, &hook, &batch],
            )?
        }
        None => db.exec("DELETE FROM webhook_delivered", &[])?,
    };
    // Idempotency keys past their window, by the expiry index.
    db.exec(
        "DELETE FROM hookq_idempotency WHERE expires_at < $1",
        &[&crate::model::now()],
    )?;
    let r = db.one(
        "SELECT min(id), max(id), NOT EXISTS (SELECT 1 FROM webhook_queue),
                (SELECT min(lo) FROM webhook_delivered),
                coalesce((SELECT upto FROM hookq_retention), 9223372036854775807)
           FROM webhook_queue_payloads",
        &[],
    )?;
    let (lo, hi, empty): (Option<i64>, Option<i64>, bool) = (r.get(0), r.get(1), r.get(2));
    // The lowest payload a kept batch may need: none from there up is
    // reclaimed (a batch's events are at or above its `lo`).
    let floor: Option<i64> = r.get(3);
    let upto: i64 = r.get(4);
    let (Some(lo), Some(hi)) = (lo, hi) else {
        return Ok(());
    };
    if empty {
        // Only what was there when the queue was seen empty: a payload
        // committed since then may have queue rows.
        db.exec(
            "DELETE FROM webhook_queue_payloads
              WHERE id <= $1 AND id < coalesce((SELECT min(lo) FROM webhook_delivered),
                                               9223372036854775807)",
            &[&hi],
        )?;
        return set_upto(db, floor.unwrap_or(i64::MAX));
    }
    // Payloads older than the oldest queued event: left by a run that
    // stopped before its cleanup, or by a deleted webhook.
    let oldest: i64 = db
        .one(
            "SELECT coalesce(min(m), 9223372036854775807) FROM webhooks w,
                    LATERAL (SELECT min(event_id) AS m FROM webhook_queue q WHERE q.webhook_id = w.id) q",
            &[],
        )?
        .get(0);
    let mut ranges = match sweep {
        Sweep::All => vec![(lo, hi)],
        Sweep::Ranges(r) => r,
    };
    if lo < oldest {
        ranges.insert(0, (lo, oldest - 1));
    }
    // Payloads the retention kept and has let go since: from where the
    // last such sweep reached up to the floor (or to the end when no
    // batch is kept any more).
    let let_go = crate::store::retention_let_go(floor, upto, hi);
    if let Some(r) = let_go {
        ranges.push(r);
    }
    for (a, b) in ranges {
        let (a, b) = (a.max(lo), b.min(hi));
        let mut start = a;
        while start <= b {
            let end = start.saturating_add(SWEEP_CHUNK - 1).min(b);
            // The ids still queued in the chunk, by one range scan per
            // webhook (OFFSET 0 keeps each an index scan); then one
            // delete, which hashes them: one probe per payload.
            let refs: Vec<i64> = db
                .rows(
                    "SELECT q.event_id FROM webhooks w,
                       LATERAL (SELECT event_id FROM webhook_queue q
                                 WHERE q.webhook_id = w.id AND q.event_id BETWEEN $1 AND $2
                                OFFSET 0) q",
                    &[&start, &end],
                )?
                .iter()
                .map(|r| r.get(0))
                .collect();
            // The floor is read by the delete, after the references: a
            // batch delivered (and kept) before the references were read
            // is in it; one delivered after had its rows among them.
            db.exec(
                "DELETE FROM webhook_queue_payloads p WHERE p.id BETWEEN $1 AND $2
                   AND p.id < coalesce((SELECT min(lo) FROM webhook_delivered), 9223372036854775807)
                   AND p.id NOT IN (SELECT unnest($3::bigint[]))",
                &[&start, &end, &refs],
            )?;
            start = end.saturating_add(1);
        }
    }
    // Where the next such sweep starts: the floor (nothing below it is
    // kept), none when no batch is kept; lower when a batch kept since
    // (by another run) starts lower, as its payloads were left in place.
    set_upto(db, crate::store::retention_next(let_go, floor, upto))
}

/// Where the sweep of payloads the retention let go starts next time,
/// never above the floor as it is now (written only when it moves).
fn set_upto(db: &Db<postgres::Client>, upto: i64) -> Result<()> {
    db.exec(
        "WITH v AS (SELECT least($1::bigint, coalesce((SELECT min(lo) FROM webhook_delivered),
                                                      9223372036854775807)) AS upto)
         INSERT INTO hookq_retention (id, upto)
         SELECT 1, v.upto FROM v
          WHERE v.upto <> coalesce((SELECT upto FROM hookq_retention), 9223372036854775807)
         ON CONFLICT (id) DO UPDATE SET upto = excluded.upto",
        &[&upto],
    )?;
    Ok(())
}

/// The stored events among `ids` (see `Reads::events_by_id`).
pub fn events_by_id<C: GenericClient>(db: &Db<C>, ids: &[i64]) -> Result<Vec<(i64, Event)>> {
    Ok(db
        .rows(
            "SELECT id, event_type, payload, date_added FROM webhook_queue_payloads
              WHERE id = ANY($1) AND payload <> '' ORDER BY id",
            &[&ids],
        )?
        .iter()
        .map(|r| (r.get(0), event_at(r, 1)))
        .collect())
}

/// Kept delivered batches `which` names (see `Reads::kept_batches`).
pub fn kept_batches<C: GenericClient>(tx: &Db<C>, which: &Resend) -> Result<Vec<KeptBatch>> {
    let kept = match which {
        Resend::Batch(uid) => {
            // By its key, from its log row; a scan when the log is gone.
            let keyed = tx.rows(
                "SELECT d.uid, d.webhook_id, d.descending, d.event_ids
                   FROM webhook_logs l JOIN webhook_delivered d
                     ON d.lo = l.batch_lo AND d.webhook_id = l.webhook_id AND d.uid = l.batch_id
                  WHERE l.batch_id = $1 ORDER BY d.delivered_at DESC LIMIT 1",
                &[uid],
            )?;
            if keyed.is_empty() {
                tx.rows(
                    "SELECT uid, webhook_id, descending, event_ids FROM webhook_delivered
                      WHERE uid = $1 ORDER BY delivered_at DESC LIMIT 1",
                    &[uid],
                )?
            } else {
                keyed
            }
        }
        Resend::Webhook { id, since } => tx.rows(
            "SELECT uid, webhook_id, descending, event_ids FROM webhook_delivered
              WHERE webhook_id = $1 AND delivered_at >= $2 ORDER BY delivered_at, lo",
            &[id, since],
        )?,
    };
    Ok(kept
        .iter()
        .map(|r| KeptBatch {
            uid: r.get(0),
            webhook_id: r.get(1),
            descending: r.get(2),
            event_ids: crate::store::parse_id_list(r.get(3)),
        })
        .collect())
}

/// Queue a kept batch again (see `Tx::requeue`).
pub fn requeue(
    tx: &Db<Transaction<'_>>,
    b: &KeptBatch,
    uid: &str,
    now: Epoch,
) -> Result<Option<i64>> {
    let (Some(&lo), Some(&hi)) = (b.event_ids.iter().min(), b.event_ids.iter().max()) else {
        return Ok(Some(0));
    };
    let queued = tx.opt(
        "SELECT 1 FROM webhook_queue WHERE webhook_id = $1 AND event_id = ANY($2) LIMIT 1",
        &[&b.webhook_id, &b.event_ids],
    )?;
    if queued.is_some() {
        return Ok(None);
    }
    let count = b.event_ids.len() as i64;
    let batch: i64 = tx
        .one(
            "INSERT INTO webhook_batches (uid, webhook_id, descending, event_count, lo, hi,
                                          next_attempt_at, date_added)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
            &[&uid, &b.webhook_id, &b.descending, &count, &lo, &hi, &now],
        )?
        .get(0);
    let n = tx.exec(
        "INSERT INTO webhook_queue (webhook_id, event_id, batch_id)
         SELECT $1, id, $2 FROM webhook_queue_payloads WHERE id = ANY($3) AND payload <> ''",
        &[&b.webhook_id, &batch, &b.event_ids],
    )?;
    if n == 0 {
        tx.exec("DELETE FROM webhook_batches WHERE id = $1", &[&batch])?;
    } else if n as usize != b.event_ids.len() {
        tx.exec(
            "UPDATE webhook_batches SET event_count = $1 WHERE id = $2",
            &[&(n as i64), &batch],
        )?;
    }
    Ok(Some(n as i64))
}

/// Whether another run holds a lease now (this run's are released
/// before its cleanup).
pub fn others_busy(db: &Db<postgres::Client>, now: Epoch) -> Result<bool> {
    Ok(db
        .opt(
            "SELECT 1 FROM webhooks WHERE lease_owner IS NOT NULL AND lease_expires >= $1 LIMIT 1",
            &[&now],
        )?
        .is_some())
}

/// The end of a run: reclaim the payloads it delivered. While other runs
/// still deliver, its ranges are left in `hookq_sweeps` for the run that
/// ends last, which takes them with its own: one sweep instead of one
/// per run, and when the queue is empty by then one bulk delete (two
/// runs at batch 100 had the first sweep 80,000 payloads by ranges in
/// 121 ms while the second still ran, then bulk-delete the rest in 58 ms;
/// one run's bulk delete of all 100,000 took 56 ms). Ranges left by a
/// run whose successor ended at the same moment wait for the next run.
pub fn end_of_run(
    db: &Db<postgres::Client>,
    sweep: Sweep,
    now: Epoch,
    kept_since: Epoch,
) -> Result<()> {
    let Sweep::Ranges(mut ranges) = sweep else {
        return cleanup(db, sweep, kept_since);
    };
    if others_busy(db, now)? {
        let (lo, hi): (Vec<i64>, Vec<i64>) = ranges.into_iter().unzip();
        db.exec(
            "INSERT INTO hookq_sweeps (lo, hi) SELECT * FROM unnest($1::bigint[], $2::bigint[])",
            &[&lo, &hi],
        )?;
        return Ok(());
    }
    let owed = db.rows("DELETE FROM hookq_sweeps RETURNING lo, hi", &[])?;
    if !owed.is_empty() {
        let mut s = crate::store::Swept::default();
        for (lo, hi) in ranges.drain(..) {
            s.add(lo, hi);
        }
        for r in &owed {
            s.add(r.get(0), r.get(1));
        }
        ranges = s.ranges();
    }
    let swept = cleanup(db, Sweep::Ranges(ranges.clone()), kept_since);
    if swept.is_err() && !ranges.is_empty() {
        // Give the owed ranges back for the next run.
        let (lo, hi): (Vec<i64>, Vec<i64>) = ranges.into_iter().unzip();
        let _ = db.exec(
            "INSERT INTO hookq_sweeps (lo, hi) SELECT * FROM unnest($1::bigint[], $2::bigint[])",
            &[&lo, &hi],
        );
    }
    swept
}

/// Rows a run deletes before it vacuums on its own (see [`vacuum`]).
pub const VACUUM_AFTER: u64 = 10_000;

/// On a server whose autovacuum is off, vacuum the queue tables after a
/// run that delivered `delivered` events (at least [`VACUUM_AFTER`]), or
/// those the statistics show holding more dead rows than live ones:
/// without it their space is never reused and their indexes keep every
/// deleted entry. After a 1,000,000-event drain this took 2.4 s. While
/// another run still holds a lease the vacuum is left to whichever run
/// ends last (it would slow that run down and find more to do after it);
/// `SKIP_LOCKED`: a table another run is vacuuming is left to it.
pub fn vacuum(db: &Db<postgres::Client>, delivered: u64, now: Epoch) -> Result<()> {
    if others_busy(db, now)? {
        return Ok(());
    }
    let big = i64::try_from(delivered).unwrap_or(i64::MAX);
    let tables: Vec<String> = db
        .rows(
            "SELECT relname::text FROM pg_stat_user_tables
              WHERE relid IN ('webhook_queue'::regclass, 'webhook_batches'::regclass,
                              'webhook_queue_payloads'::regclass)
                AND NOT current_setting('autovacuum')::boolean
                AND ($1::bigint >= $2::bigint OR n_dead_tup > greatest(n_live_tup, $2::bigint))",
            &[&big, &(VACUUM_AFTER as i64)],
        )?
        .iter()
        .map(|r| r.get(0))
        .collect();
    if !tables.is_empty() {
        // Names from the catalog query above: hookq's own tables.
        db.c.borrow_mut()
            .batch_execute(&format!("VACUUM (SKIP_LOCKED) {}", tables.join(", ")))?;
    }
    Ok(())
}

pub fn pending<C: GenericClient>(
    db: &Db<C>,
    hook: i64,
    range: IdRange,
    now: Epoch,
) -> Result<Pending> {
    let rows = db.rows(
        "SELECT p.event_type, count(*)
           FROM webhook_queue q JOIN webhook_queue_payloads p ON p.id = q.event_id
           LEFT JOIN webhook_batches b ON b.id = q.batch_id
          WHERE q.webhook_id = $1 AND q.event_id BETWEEN $2 AND $3 AND b.dead IS NOT TRUE
          GROUP BY p.event_type ORDER BY min(q.event_id)",
        &[&hook, &range.min, &range.max],
    )?;
    let mut out = Pending::default();
    for r in rows {
        let (t, n): (String, i64) = (r.get(0), r.get(1));
        out.events += n;
        out.types.push((t, n));
    }
    let r = db.one(
        "SELECT count(*), count(*) FILTER (WHERE next_attempt_at <= $1)
           FROM webhook_batches WHERE webhook_id = $2 AND NOT dead",
        &[&now, &hook],
    )?;
    out.live_batches = r.get(0);
    out.due_batches = r.get(1);
    Ok(out)
}

/// Queue depth per webhook (`only`: that one's alone).
pub fn stats<C: GenericClient>(
    db: &Db<C>,
    now: Epoch,
    only: Option<i64>,
) -> Result<Vec<QueueStat>> {
    let rows = db.rows(
        "SELECT w.id, w.name, w.is_published,
                count(q.event_id) FILTER (WHERE q.batch_id IS NULL),
                count(q.event_id) FILTER (WHERE NOT b.dead AND b.next_attempt_at <= $1),
                count(q.event_id) FILTER (WHERE NOT b.dead AND b.next_attempt_at > $1),
                count(q.event_id) FILTER (WHERE b.dead),
                (SELECT p.date_added FROM webhook_queue q2
                   JOIN webhook_queue_payloads p ON p.id = q2.event_id
                  WHERE q2.webhook_id = w.id ORDER BY q2.event_id LIMIT 1),
                min(b.next_attempt_at) FILTER (WHERE NOT b.dead AND b.next_attempt_at > $1)
           FROM webhooks w
           LEFT JOIN webhook_queue q ON q.webhook_id = w.id
           LEFT JOIN webhook_batches b ON b.id = q.batch_id
          WHERE $2::bigint IS NULL OR w.id = $2
          GROUP BY w.id ORDER BY w.id",
        &[&now, &only],
    )?;
    Ok(rows
        .iter()
        .map(|r| QueueStat {
            id: r.get(0),
            name: r.get(1),
            published: r.get(2),
            fresh: r.get(3),
            in_flight: r.get(4),
            waiting: r.get(5),
            dead: r.get(6),
            oldest: r.get(7),
            next_retry: r.get(8),
        })
        .collect())
}

pub fn rows<C: GenericClient>(db: &Db<C>, q: &QueueQuery) -> Result<Vec<QueueRow>> {
    let limit: Option<i64> = q.limit.map(|l| i64::try_from(l).unwrap_or(i64::MAX));
    let rows = db.rows(
        "SELECT q.event_id, q.webhook_id, p.event_type, p.date_added, b.uid, b.attempts,
                b.next_attempt_at, b.dead
           FROM (SELECT q.event_id, q.webhook_id, q.batch_id FROM webhook_queue q
                   LEFT JOIN webhook_batches b ON b.id = q.batch_id
                  WHERE ($1::bigint IS NULL OR q.webhook_id = $1) AND (NOT $2 OR b.dead)
                    AND ($4::bigint IS NULL OR (q.event_id, q.webhook_id) > ($4, $5::bigint))
                  ORDER BY q.event_id, q.webhook_id LIMIT $3) q
           JOIN webhook_queue_payloads p ON p.id = q.event_id
           LEFT JOIN webhook_batches b ON b.id = q.batch_id
          ORDER BY q.event_id, q.webhook_id",
        &[
            &q.webhook,
            &q.dead_only,
            &limit,
            &q.after.map(|a| a.0),
            &q.after.map(|a| a.1),
        ],
    )?;
    Ok(rows
        .iter()
        .map(|r| QueueRow {
            event_id: r.get(0),
            webhook_id: r.get(1),
            event_type: r.get(2),
            date_added: r.get(3),
            batch_uid: r.get(4),
            attempts: r.get::<_, Option<i64>>(5).unwrap_or(0),
            next_attempt: r.get(6),
            dead: r.get::<_, Option<bool>>(7).unwrap_or(false),
        })
        .collect())
}

pub fn count<C: GenericClient>(db: &Db<C>, q: &QueueQuery) -> Result<u64> {
    let n: i64 = db
        .one(
            "SELECT count(*) FROM webhook_queue q LEFT JOIN webhook_batches b ON b.id = q.batch_id
              WHERE ($1::bigint IS NULL OR q.webhook_id = $1) AND (NOT $2 OR b.dead)",
            &[&q.webhook, &q.dead_only],
        )?
        .get(0);
    Ok(n as u64)
}

pub fn due_count<C: GenericClient>(
    db: &Db<C>,
    only: Option<&[i64]>,
    range: IdRange,
) -> Result<u64> {
    let only: Option<Vec<i64>> = only.map(<[i64]>::to_vec);
    let n: i64 = db
        .one(
            "SELECT count(*) FROM webhook_queue q JOIN webhooks w ON w.id = q.webhook_id
               LEFT JOIN webhook_batches b ON b.id = q.batch_id
              WHERE w.is_published AND b.dead IS NOT TRUE AND q.event_id BETWEEN $1 AND $2
                AND ($3::bigint[] IS NULL OR q.webhook_id = ANY($3))",
            &[&range.min, &range.max, &only],
        )?
        .get(0);
    Ok(n as u64)
}

pub fn redrive(
    tx: &Db<Transaction<'_>>,
    webhook: Option<i64>,
    waiting: bool,
    now: Epoch,
) -> Result<Redriven> {
    let events: i64 = tx
        .one(
            "SELECT count(*) FROM webhook_queue q JOIN webhook_batches b ON b.id = q.batch_id
              WHERE (b.dead OR ($2 AND b.next_attempt_at > $3))
                AND ($1::bigint IS NULL OR b.webhook_id = $1)",
            &[&webhook, &waiting, &now],
        )?
        .get(0);
    tx.exec(concat!("SELECT ", super::notify_sql!()), &[])?;
    let dead = tx.exec(
        "UPDATE webhook_batches SET dead = false, first_failed_at = NULL,
                next_attempt_at = $1
          WHERE dead AND ($2::bigint IS NULL OR webhook_id = $2)",
        &[&now, &webhook],
    )?;
    let waited = if waiting {
        tx.exec(
            "UPDATE webhook_batches SET next_attempt_at = $1
              WHERE NOT dead AND next_attempt_at > $1 AND ($2::bigint IS NULL OR webhook_id = $2)",
            &[&now, &webhook],
        )?
    } else {
        0
    };
    Ok(Redriven {
        batches: dead + waited,
        events: events as u64,
    })
}

pub fn purge(tx: &Db<Transaction<'_>>, webhook: Option<i64>, dead_only: bool) -> Result<u64> {
    let n = tx.exec(
        "DELETE FROM webhook_queue WHERE ($1::bigint IS NULL OR webhook_id = $1)
           AND (NOT $2 OR batch_id IN (SELECT id FROM webhook_batches WHERE dead))",
        &[&webhook, &dead_only],
    )?;
    tx.exec(
        "DELETE FROM webhook_batches b WHERE ($1::bigint IS NULL OR b.webhook_id = $1)
           AND (NOT $2 OR b.dead)
           AND NOT EXISTS (SELECT 1 FROM webhook_queue q WHERE q.webhook_id = b.webhook_id
               AND q.event_id BETWEEN b.lo AND b.hi AND q.batch_id = b.id)",
        &[&webhook, &dead_only],
    )?;
    Ok(n)
}

/// Write one attempt's log row (kept with the registry's tables).
pub use registry::insert_log;

/// How long until `hook` may send again (see the SQLite store's).
pub fn rate_wait<C: GenericClient>(
    db: &Db<C>,
    hook: i64,
    rate: crate::controls::Rate,
    now_ms: i64,
) -> Result<Option<i64>> {
    let nth: Option<i64> = db
        .opt(
            "SELECT at_ms FROM webhook_sends WHERE webhook_id = $1
              ORDER BY at_ms DESC LIMIT 1 OFFSET $2",
            &[&hook, &(i64::from(rate.count) - 1)],
        )?
        .map(|r| r.get(0));
    Ok(nth
        .map(|at| at + rate.window_ms() - now_ms)
        .filter(|&w| w > 0))
}

/// Note a request's end (see the SQLite store's).
pub fn note_send<C: GenericClient>(
    db: &Db<C>,
    hook: i64,
    rate: crate::controls::Rate,
    at_ms: i64,
) -> Result<()> {
    db.exec(
        "INSERT INTO webhook_sends (webhook_id, at_ms) VALUES ($1, $2)",
        &[&hook, &at_ms],
    )?;
    db.exec(
        "DELETE FROM webhook_sends WHERE webhook_id = $1 AND at_ms <= $2",
        &[&hook, &(at_ms - rate.window_ms())],
    )?;
    Ok(())
}
