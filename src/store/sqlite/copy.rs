//! `hookq db copy` on SQLite: every row out in pages, in an order a copy
//! can insert them in, and back in with its id.
//!
//! The empty marker row that keeps the newest event id (see
//! `queue::cleanup`) is not a row to copy: it only raises the id mark, and
//! an import that ends below its mark writes such a row again.

use anyhow::Result;
use rusqlite::{Connection, OptionalExtension, params};

use super::hooks;
use crate::model::{Order, Trigger};
use crate::store::{
    BatchRow, CategoryRow, Chunk, IdMarks, Inventory, KeptRow, ListQuery, LogRow, OrderColumn,
    PayloadRow, QueueRef,
};

pub fn export(
    conn: &Connection,
    page: usize,
    f: &mut dyn FnMut(Chunk) -> Result<()>,
) -> Result<IdMarks> {
    let page = page.max(1) as i64;
    let cats = conn
        .prepare(
            "SELECT id, title, alias, description, color, created_by_user, modified_by_user,
                    bundle, date_added FROM categories ORDER BY id",
        )?
        .query_map([], |r| {
            Ok(CategoryRow {
                category: super::categories::from_row(r)?,
                bundle: r.get(7)?,
                date_added: r.get(8)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    f(Chunk::Categories(cats))?;
    let all = ListQuery {
        search: vec![],
        filters: vec![],
        published_only: false,
        start: 0,
        limit: None,
        order: vec![(OrderColumn::Id, Order::Asc)],
    };
    f(Chunk::Webhooks(hooks::list(conn, &all)?.1))?;
    let triggers = conn
        .prepare(
            "SELECT event_type, label, description, date_added FROM triggers ORDER BY event_type",
        )?
        .query_map([], |r| {
            Ok((
                Trigger {
                    event_type: r.get(0)?,
                    label: r.get(1)?,
                    description: r.get(2)?,
                    builtin: false,
                },
                r.get(3)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    f(Chunk::Triggers(triggers))?;
    let settings = conn
        .prepare("SELECT key, value FROM settings ORDER BY key")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    f(Chunk::Settings(settings))?;

    let mut after = i64::MIN;
    let mut stmt = conn.prepare(
        "SELECT id, event_type, payload, date_added FROM webhook_queue_payloads
          WHERE id > ? AND NOT (payload = '' AND event_type = '') ORDER BY id LIMIT ?",
    )?;
    loop {
        let rows = stmt
            .query_map(params![after, page], |r| {
                Ok(PayloadRow {
                    id: r.get(0)?,
                    event_type: r.get(1)?,
                    payload: r.get(2)?,
                    date_added: r.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let Some(last) = rows.last() else { break };
        after = last.id;
        f(Chunk::Payloads(rows))?;
    }

    let mut after = i64::MIN;
    let mut stmt = conn.prepare(
        "SELECT id, uid, webhook_id, descending, event_count, lo, hi, attempts, next_attempt_at,
                first_failed_at, dead, date_added
           FROM webhook_batches WHERE id > ? ORDER BY id LIMIT ?",
    )?;
    loop {
        let rows = stmt
            .query_map(params![after, page], |r| {
                Ok(BatchRow {
                    id: r.get(0)?,
                    uid: r.get(1)?,
                    webhook_id: r.get(2)?,
                    descending: r.get(3)?,
                    event_count: r.get(4)?,
                    lo: r.get(5)?,
                    hi: r.get(6)?,
                    attempts: r.get(7)?,
                    next_attempt_at: r.get(8)?,
                    first_failed_at: r.get(9)?,
                    dead: r.get(10)?,
                    date_added: r.get(11)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let Some(last) = rows.last() else { break };
        after = last.id;
        f(Chunk::Batches(rows))?;
    }

    let mut after = (i64::MIN, i64::MIN);
    let mut stmt = conn.prepare(
        "SELECT webhook_id, event_id, batch_id FROM webhook_queue
          WHERE (webhook_id, event_id) > (?, ?) ORDER BY webhook_id, event_id LIMIT ?",
    )?;
    loop {
        let rows = stmt
            .query_map(params![after.0, after.1, page], |r| {
                Ok(QueueRef {
                    webhook_id: r.get(0)?,
                    event_id: r.get(1)?,
                    batch_id: r.get(2)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let Some(last) = rows.last() else { break };
        after = (last.webhook_id, last.event_id);
        f(Chunk::Queue(rows))?;
    }

    let mut after = i64::MIN;
    let mut stmt = conn.prepare(
        "SELECT id, webhook_id, status_code, runtime, note, batch_id, event_count, attempt, date_added,
                batch_lo
           FROM webhook_logs WHERE id > ? ORDER BY id LIMIT ?",
    )?;
    loop {
        let rows = stmt
            .query_map(params![after, page], |r| {
                Ok(LogRow {
                    entry: super::logs::from_row(r)?,
                    batch_lo: r.get(9)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let Some(last) = rows.last() else { break };
        after = last.entry.id;
        f(Chunk::Logs(rows))?;
    }

    let mut after = (i64::MIN, i64::MIN, i64::MIN);
    let mut stmt = conn.prepare(
        "SELECT lo, batch_id, uid, webhook_id, descending, event_ids, event_count, delivered_at
           FROM webhook_delivered WHERE (lo, webhook_id, batch_id) > (?, ?, ?)
          ORDER BY lo, webhook_id, batch_id LIMIT ?",
    )?;
    loop {
        let rows = stmt
            .query_map(params![after.0, after.1, after.2, page], |r| {
                Ok(KeptRow {
                    lo: r.get(0)?,
                    batch_id: r.get(1)?,
                    uid: r.get(2)?,
                    webhook_id: r.get(3)?,
                    descending: r.get(4)?,
                    event_ids: r.get(5)?,
                    event_count: r.get(6)?,
                    delivered_at: r.get(7)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let Some(last) = rows.last() else { break };
        after = (last.lo, last.webhook_id, last.batch_id);
        f(Chunk::Kept(rows))?;
    }
    f(Chunk::ApiUsers(super::api_users::all(conn)?))?;
    marks(conn)
}

fn marks(conn: &Connection) -> Result<IdMarks> {
    let seq = |table: &str| -> Result<i64> {
        let auto: Option<i64> = conn
            .query_row(
                "SELECT seq FROM sqlite_sequence WHERE name = ?",
                [table],
                |r| r.get(0),
            )
            .optional()?;
        let max: Option<i64> =
            conn.query_row(&format!("SELECT max(id) FROM {table}"), [], |r| r.get(0))?;
        Ok(auto.unwrap_or(0).max(max.unwrap_or(0)))
    };
    let kept: Option<i64> =
        conn.query_row("SELECT max(batch_id) FROM webhook_delivered", [], |r| {
            r.get(0)
        })?;
    Ok(IdMarks {
        categories: seq("categories")?,
        webhooks: seq("webhooks")?,
        payloads: seq("webhook_queue_payloads")?,
        batches: seq("webhook_batches")?.max(kept.unwrap_or(0)),
        logs: seq("webhook_logs")?,
        api_users: seq("api_users")?,
        retention_upto: conn
            .query_row("SELECT upto FROM hookq_retention WHERE id = 1", [], |r| {
                r.get(0)
            })
            .optional()?,
    })
}

pub fn inventory(conn: &Connection) -> Result<Inventory> {
    let n =
        |sql: &str| -> Result<u64> { Ok(conn.query_row(sql, [], |r| r.get::<_, i64>(0))? as u64) };
    Ok(Inventory {
        categories: n("SELECT count(*) FROM categories")?,
        webhooks: n("SELECT count(*) FROM webhooks")?,
        subscriptions: n("SELECT count(*) FROM webhook_events")?,
        triggers: n("SELECT count(*) FROM triggers")?,
        settings: n("SELECT count(*) FROM settings")?,
        payloads: n(
            "SELECT count(*) FROM webhook_queue_payloads WHERE NOT (payload = '' AND event_type = '')",
        )?,
        batches: n("SELECT count(*) FROM webhook_batches")?,
        queued: n("SELECT count(*) FROM webhook_queue")?,
        logs: n("SELECT count(*) FROM webhook_logs")?,
        kept: n("SELECT count(*) FROM webhook_delivered")?,
        api_users: n("SELECT count(*) FROM api_users")?,
    })
}

pub fn import(tx: &Connection, chunk: &Chunk) -> Result<()> {
    match chunk {
        Chunk::Categories(rows) => {
            let mut ins = tx.prepare_cached(
                "INSERT INTO categories (id, title, alias, description, color, bundle, date_added,
                                         created_by_user, modified_by_user)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            )?;
            for r in rows {
                let c = &r.category;
                ins.execute(params![
                    c.id,
                    c.title,
                    c.alias,
                    c.description,
                    c.color,
                    r.bundle,
                    r.date_added,
                    c.created_by_user,
                    c.modified_by_user
                ])?;
            }
        }
        Chunk::Webhooks(rows) => {
            let mut ins = tx.prepare_cached(
                "INSERT INTO webhooks (id, category_id, is_published, date_added, created_by_user,
                    date_modified, modified_by_user, name, description, webhook_url, secret,
                    events_orderby_dir, unhealthy_since, last_status, consecutive_failures,
                    unpublished_reason, signing, old_secret, old_secret_until, headers, rate_limit)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            )?;
            let mut sub = tx.prepare_cached(
                "INSERT INTO webhook_events (webhook_id, event_type, filter) VALUES (?, ?, ?)",
            )?;
            for h in rows {
                ins.execute(params![
                    h.id,
                    h.category.as_ref().map(|c| c.id),
                    h.is_published,
                    h.date_added,
                    h.created_by_user,
                    h.date_modified,
                    h.modified_by_user,
                    h.name,
                    h.description,
                    h.webhook_url,
                    h.secret,
                    h.events_orderby_dir.map(Order::as_mautic),
                    h.health.unhealthy_since,
                    h.health.last_status,
                    h.health.consecutive_failures,
                    h.health.unpublished_reason,
                    h.signing.as_str(),
                    h.old_secret.as_ref().map(|o| &o.secret),
                    h.old_secret.as_ref().map(|o| o.until),
                    crate::controls::headers_to_text(&h.controls.headers),
                    h.controls.rate.map(crate::controls::Rate::text)
                ])?;
                for t in &h.triggers {
                    let filter = h
                        .controls
                        .filters
                        .get(t)
                        .map(|p| crate::controls::patterns_to_text(p));
                    sub.execute(params![h.id, t, filter])?;
                }
            }
        }
        Chunk::Triggers(rows) => {
            for (t, at) in rows {
                super::triggers::insert(tx, t, *at)?;
            }
        }
        Chunk::Settings(rows) => {
            for (k, v) in rows {
                super::settings::set(tx, k, v)?;
            }
        }
        Chunk::Payloads(rows) => {
            let mut ins = tx.prepare_cached(
                "INSERT INTO webhook_queue_payloads (id, event_type, payload, date_added)
                 VALUES (?, ?, ?, ?)",
            )?;
            for p in rows {
                ins.execute(params![p.id, p.event_type, p.payload, p.date_added])?;
            }
        }
        Chunk::Batches(rows) => {
            let mut ins = tx.prepare_cached(
                "INSERT INTO webhook_batches (id, uid, webhook_id, descending, event_count, lo, hi,
                    attempts, next_attempt_at, first_failed_at, dead, date_added)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            )?;
            for b in rows {
                ins.execute(params![
                    b.id,
                    b.uid,
                    b.webhook_id,
                    b.descending,
                    b.event_count,
                    b.lo,
                    b.hi,
                    b.attempts,
                    b.next_attempt_at,
                    b.first_failed_at,
                    b.dead,
                    b.date_added
                ])?;
            }
        }
        Chunk::Queue(rows) => {
            let mut ins = tx.prepare_cached(
                "INSERT INTO webhook_queue (webhook_id, event_id, batch_id) VALUES (?, ?, ?)",
            )?;
            for q in rows {
                ins.execute(params![q.webhook_id, q.event_id, q.batch_id])?;
            }
        }
        Chunk::Logs(rows) => {
            let mut ins = tx.prepare_cached(
                "INSERT INTO webhook_logs (id, webhook_id, status_code, runtime, note, batch_id,
                    event_count, attempt, date_added, batch_lo)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            )?;
            for r in rows {
                let l = &r.entry;
                ins.execute(params![
                    l.id,
                    l.webhook_id,
                    l.status_code,
                    l.runtime,
                    l.note,
                    l.batch_id,
                    l.event_count,
                    l.attempt,
                    l.date_added,
                    r.batch_lo
                ])?;
            }
        }
        Chunk::Kept(rows) => super::queue::keep_delivered(tx, rows)?,
        Chunk::ApiUsers(rows) => {
            let mut ins = tx.prepare_cached(
                "INSERT INTO api_users (id, username, password_hash, date_added, created_by_user)
                 VALUES (?, ?, ?, ?, ?)",
            )?;
            for u in rows {
                ins.execute(params![
                    u.id,
                    u.username,
                    u.password_hash,
                    u.date_added,
                    u.created_by_user
                ])?;
            }
        }
    }
    Ok(())
}

pub fn finish_import(tx: &Connection, marks: &IdMarks) -> Result<()> {
    for (table, mark) in [
        ("categories", marks.categories),
        ("webhooks", marks.webhooks),
        ("api_users", marks.api_users),
    ] {
        let changed = tx.execute(
            "UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = ?",
            params![mark, table],
        )?;
        if changed == 0 && mark > 0 {
            tx.execute(
                "INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)",
                params![table, mark],
            )?;
        }
    }
    // Event ids go on past the source's newest, as `queue::cleanup` keeps
    // them: with a marker row when no payload holds that id.
    let max: Option<i64> = tx.query_row("SELECT max(id) FROM webhook_queue_payloads", [], |r| {
        r.get(0)
    })?;
    if marks.payloads > max.unwrap_or(0) {
        tx.execute(
            "INSERT INTO webhook_queue_payloads (id, event_type, payload, date_added) VALUES (?, '', '', 0)",
            [marks.payloads],
        )?;
    }
    if let Some(upto) = marks.retention_upto {
        tx.execute(
            "INSERT INTO hookq_retention (id, upto) VALUES (1, ?)
             ON CONFLICT (id) DO UPDATE SET upto = excluded.upto",
            [upto],
        )?;
    }
    Ok(())
}
