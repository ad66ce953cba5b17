//! `queue stats|list|retry|purge`.

use std::io::{BufRead, IsTerminal, Write};

use anyhow::Result;
use rusqlite::params;
use serde_json::{Map, Value, json};

use super::Ctx;
use crate::cli::QueueCmd;
use crate::error::{UserError, code};
use crate::model::{format_date, now};
use crate::output;
use crate::store::queue;

pub fn run(ctx: &Ctx, action: Option<QueueCmd>) -> Result<u8> {
    match action.unwrap_or(QueueCmd::Stats) {
        QueueCmd::Stats => stats(ctx),
        QueueCmd::List {
            webhook_id,
            dead,
            limit,
        } => list(ctx, webhook_id, dead, limit),
        QueueCmd::Retry { webhook_id } => retry(ctx, webhook_id),
        QueueCmd::Purge {
            webhook_id,
            dead,
            yes,
        } => purge(ctx, webhook_id, dead, yes),
    }
}

struct Stat {
    id: i64,
    name: String,
    published: bool,
    fresh: i64,
    in_flight: i64,
    waiting: i64,
    dead: i64,
    oldest: Option<i64>,
    next_retry: Option<i64>,
}

fn stats(ctx: &Ctx) -> Result<u8> {
    let t = now();
    let rows: Vec<Stat> = ctx.read(|s| {
        let mut stmt = s.conn().prepare(
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
              GROUP BY w.id ORDER BY w.id",
        )?;
        let rows = stmt
            .query_map([t], |r| {
                Ok(Stat {
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
    })?;
    let total = |f: fn(&Stat) -> i64| rows.iter().map(f).sum::<i64>();
    if ctx.out.json {
        let mut m = Map::new();
        for r in &rows {
            m.insert(
                r.id.to_string(),
                json!({
                    "name": r.name, "isPublished": r.published, "queued": r.fresh + r.in_flight,
                    "waitingRetry": r.waiting, "dead": r.dead,
                    "oldest": r.oldest.map(format_date), "nextRetry": r.next_retry.map(format_date),
                }),
            );
        }
        ctx.out.json(&json!({
            "total": {"queued": total(|r| r.fresh + r.in_flight), "waitingRetry": total(|r| r.waiting), "dead": total(|r| r.dead)},
            "webhooks": Value::Object(m),
        }))?;
        return Ok(code::SUCCESS);
    }
    let mut tb = output::table(&[
        "ID",
        "Name",
        "Published",
        "Queued",
        "Waiting retry",
        "Dead",
        "Oldest",
        "Next retry",
    ]);
    for r in rows
        .iter()
        .filter(|r| r.fresh + r.in_flight + r.waiting + r.dead > 0)
    {
        tb.add_row(vec![
            r.id.to_string(),
            r.name.clone(),
            if r.published { "yes" } else { "no" }.to_owned(),
            (r.fresh + r.in_flight).to_string(),
            r.waiting.to_string(),
            r.dead.to_string(),
            r.oldest.map(format_date).unwrap_or_default(),
            r.next_retry.map(format_date).unwrap_or_default(),
        ]);
    }
    if tb.row_count() == 0 {
        ctx.out.note("the queue is empty");
    } else {
        ctx.out.text(&tb.to_string())?;
    }
    Ok(code::SUCCESS)
}

fn list(ctx: &Ctx, webhook: Option<i64>, dead_only: bool, limit: u64) -> Result<u8> {
    ctx.check_hook(webhook)?;
    let limit = if limit == 0 { -1 } else { limit as i64 };
    type Row = (
        i64,
        i64,
        String,
        i64,
        Option<String>,
        Option<i64>,
        Option<i64>,
        Option<bool>,
    );
    let rows: Vec<Row> = ctx.read(|s| {
        let mut stmt = s.conn().prepare(
            // The rows first, from the queue alone; payloads only for those.
            "SELECT q.event_id, q.webhook_id, p.event_type, p.date_added, b.uid, b.attempts, b.next_attempt_at, b.dead
               FROM (SELECT q.event_id, q.webhook_id, q.batch_id FROM webhook_queue q
                       LEFT JOIN webhook_batches b ON b.id = q.batch_id
                      WHERE (?1 IS NULL OR q.webhook_id = ?1) AND (?2 = 0 OR b.dead = 1)
                      ORDER BY q.event_id, q.webhook_id LIMIT ?3) q
               JOIN webhook_queue_payloads p ON p.id = q.event_id
               LEFT JOIN webhook_batches b ON b.id = q.batch_id
              ORDER BY q.event_id, q.webhook_id",
        )?;
        let rows = stmt
            .query_map(params![webhook, dead_only, limit], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    })?;
    if ctx.out.json {
        let list: Vec<Value> = rows
            .iter()
            .map(|(id, w, t, added, uid, attempts, next, dead)| {
                json!({
                    "id": id, "webhookId": w, "type": t, "dateAdded": format_date(*added),
                    "batchId": uid, "attempts": attempts.unwrap_or(0),
                    "nextAttempt": next.map(format_date), "dead": dead.unwrap_or(false),
                })
            })
            .collect();
        ctx.out
            .json(&json!({"total": list.len(), "events": list}))?;
    } else if rows.is_empty() {
        ctx.out.note(if dead_only {
            "no dead events"
        } else {
            "the queue is empty"
        });
    } else {
        let mut tb = output::table(&[
            "Event", "Webhook", "Type", "Added", "Batch", "Attempts", "Due", "Dead",
        ]);
        for (id, w, t, added, uid, attempts, next, dead) in &rows {
            tb.add_row(vec![
                id.to_string(),
                w.to_string(),
                t.clone(),
                format_date(*added),
                uid.clone().unwrap_or_default(),
                attempts.unwrap_or(0).to_string(),
                next.map(format_date).unwrap_or_else(|| String::from("now")),
                if dead.unwrap_or(false) { "yes" } else { "" }.to_owned(),
            ]);
        }
        ctx.out.text(&tb.to_string())?;
    }
    Ok(code::SUCCESS)
}

fn retry(ctx: &Ctx, webhook: Option<i64>) -> Result<u8> {
    ctx.check_hook(webhook)?;
    let t = now();
    let (_, (batches, events)) = ctx.write(|tx| {
        let events: i64 = tx.query_row(
            "SELECT count(*) FROM webhook_queue q JOIN webhook_batches b ON b.id = q.batch_id
              WHERE b.dead = 1 AND (?1 IS NULL OR b.webhook_id = ?1)",
            [webhook],
            |r| r.get(0),
        )?;
        let batches = tx.execute(
            "UPDATE webhook_batches SET dead = 0, attempts = 0, first_failed_at = NULL, next_attempt_at = ?
              WHERE dead = 1 AND (?2 IS NULL OR webhook_id = ?2)",
            params![t, webhook],
        )?;
        Ok((batches, events))
    })?;
    if ctx.out.json {
        ctx.out
            .json(&json!({"batches": batches, "events": events}))?;
    } else {
        ctx.out.text(&format!(
            "{events} dead event(s) in {batches} batch(es) are due again"
        ))?;
    }
    Ok(code::SUCCESS)
}

fn purge(ctx: &Ctx, webhook: Option<i64>, dead_only: bool, yes: bool) -> Result<u8> {
    ctx.check_hook(webhook)?;
    let count: i64 = ctx.read(|s| {
        Ok(s.conn().query_row(
            "SELECT count(*) FROM webhook_queue q LEFT JOIN webhook_batches b ON b.id = q.batch_id
              WHERE (?1 IS NULL OR q.webhook_id = ?1) AND (?2 = 0 OR b.dead = 1)",
            params![webhook, dead_only],
            |r| r.get(0),
        )?)
    })?;
    if count == 0 {
        ctx.out.note("nothing to purge");
        if ctx.out.json {
            ctx.out.json(&json!({"purged": 0}))?;
        }
        return Ok(code::SUCCESS);
    }
    let what = match (webhook, dead_only) {
        (Some(w), true) => format!("{count} dead event(s) of webhook {w}"),
        (Some(w), false) => format!("{count} queued event(s) of webhook {w}"),
        (None, true) => format!("{count} dead event(s)"),
        (None, false) => format!("all {count} queued event(s)"),
    };
    if !yes {
        if !std::io::stdin().is_terminal() {
            return Err(UserError::invalid(
                "--yes",
                "yes",
                None,
                format!("this would drop {what}; pass --yes to confirm"),
            )
            .into());
        }
        eprint!("Drop {what} for good? [y/N] ");
        std::io::stderr().flush()?;
        let mut answer = String::new();
        std::io::stdin().lock().read_line(&mut answer)?;
        if !matches!(answer.trim(), "y" | "Y" | "yes") {
            ctx.out.note("nothing purged");
            return Ok(code::FAILURE);
        }
    }
    let (mut store, purged) = ctx.write(|tx| {
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
        Ok(n)
    })?;
    queue::cleanup(store.conn_mut(), queue::Sweep::All)?;
    if ctx.out.json {
        ctx.out.json(&json!({"purged": purged}))?;
    } else {
        ctx.out.text(&format!("purged {purged} event(s)"))?;
    }
    Ok(code::SUCCESS)
}
