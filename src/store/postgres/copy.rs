//! `hookq db copy` on PostgreSQL: every row out in pages from one
//! snapshot, and back in with its id; the big tables (payloads, queue,
//! logs, kept batches) go in from arrays, a page per statement. After an import each id sequence is moved past
//! the source's mark, so no id is ever handed out twice.

use anyhow::Result;
use postgres::{GenericClient, Transaction};

use super::{Db, registry};
use crate::model::{Order, Trigger};
use crate::store::{
    BatchRow, CategoryRow, Chunk, IdMarks, Inventory, KeptRow, ListQuery, LogRow, OrderColumn,
    PayloadRow, QueueRef,
};

pub fn export<C: GenericClient>(
    db: &Db<C>,
    page: usize,
    f: &mut dyn FnMut(Chunk) -> Result<()>,
) -> Result<IdMarks> {
    let page = page.max(1) as i64;
    let cats = db
        .rows(
            "SELECT id, title, alias, description, color, created_by_user, modified_by_user,
                    bundle, date_added FROM categories ORDER BY id",
            &[],
        )?
        .iter()
        .map(|r| CategoryRow {
            category: registry::category_from(r),
            bundle: r.get(7),
            date_added: r.get(8),
        })
        .collect();
    f(Chunk::Categories(cats))?;
    let all = ListQuery {
        search: vec![],
        filters: vec![],
        published_only: false,
        start: 0,
        limit: None,
        order: vec![(OrderColumn::Id, Order::Asc)],
    };
    f(Chunk::Webhooks(registry::list_hooks(db, &all)?.1))?;
    let triggers = db
        .rows(
            "SELECT event_type, label, description, date_added FROM triggers
              ORDER BY event_type COLLATE \"C\"",
            &[],
        )?
        .iter()
        .map(|r| {
            (
                Trigger {
                    event_type: r.get(0),
                    label: r.get(1),
                    description: r.get(2),
                    builtin: false,
                },
                r.get(3),
            )
        })
        .collect();
    f(Chunk::Triggers(triggers))?;
    let settings = db
        .rows(
            "SELECT key, value FROM settings ORDER BY key COLLATE \"C\"",
            &[],
        )?
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    f(Chunk::Settings(settings))?;

    let mut after = i64::MIN;
    loop {
        let rows: Vec<PayloadRow> = db
            .rows(
                "SELECT id, event_type, payload, date_added FROM webhook_queue_payloads
                  WHERE id > $1 ORDER BY id LIMIT $2",
                &[&after, &page],
            )?
            .iter()
            .map(|r| PayloadRow {
                id: r.get(0),
                event_type: r.get(1),
                payload: r.get(2),
                date_added: r.get(3),
            })
            .collect();
        let Some(last) = rows.last() else { break };
        after = last.id;
        f(Chunk::Payloads(rows))?;
    }

    let mut after = i64::MIN;
    loop {
        let rows: Vec<BatchRow> = db
            .rows(
                "SELECT id, uid, webhook_id, descending, event_count, lo, hi, attempts,
                        next_attempt_at, first_failed_at, dead, date_added
                   FROM webhook_batches WHERE id > $1 ORDER BY id LIMIT $2",
                &[&after, &page],
            )?
            .iter()
            .map(|r| BatchRow {
                id: r.get(0),
                uid: r.get(1),
                webhook_id: r.get(2),
                descending: r.get(3),
                event_count: r.get(4),
                lo: r.get(5),
                hi: r.get(6),
                attempts: r.get(7),
                next_attempt_at: r.get(8),
                first_failed_at: r.get(9),
                dead: r.get(10),
                date_added: r.get(11),
            })
            .collect();
        let Some(last) = rows.last() else { break };
        after = last.id;
        f(Chunk::Batches(rows))?;
    }

    let mut after = (i64::MIN, i64::MIN);
    loop {
        let rows: Vec<QueueRef> = db
            .rows(
                "SELECT webhook_id, event_id, batch_id FROM webhook_queue
                  WHERE (webhook_id, event_id) > ($1, $2) ORDER BY webhook_id, event_id LIMIT $3",
                &[&after.0, &after.1, &page],
            )?
            .iter()
            .map(|r| QueueRef {
                webhook_id: r.get(0),
                event_id: r.get(1),
                batch_id: r.get(2),
            })
            .collect();
        let Some(last) = rows.last() else { break };
        after = (last.webhook_id, last.event_id);
        f(Chunk::Queue(rows))?;
    }

    let mut after = i64::MIN;
    loop {
        let rows: Vec<LogRow> = db
            .rows(
                "SELECT id, webhook_id, status_code, runtime, note, batch_id, event_count, attempt,
                        date_added, batch_lo
                   FROM webhook_logs WHERE id > $1 ORDER BY id LIMIT $2",
                &[&after, &page],
            )?
            .iter()
            .map(|r| LogRow {
                entry: registry::log_from(r),
                batch_lo: r.get(9),
            })
            .collect();
        let Some(last) = rows.last() else { break };
        after = last.entry.id;
        f(Chunk::Logs(rows))?;
    }

    let mut after = (i64::MIN, i64::MIN, i64::MIN);
    loop {
        let rows: Vec<KeptRow> = db
            .rows(
                "SELECT lo, batch_id, uid, webhook_id, descending, event_ids, event_count,
                        delivered_at
                   FROM webhook_delivered WHERE (lo, webhook_id, batch_id) > ($1, $2, $3)
                  ORDER BY lo, webhook_id, batch_id LIMIT $4",
                &[&after.0, &after.1, &after.2, &page],
            )?
            .iter()
            .map(|r| KeptRow {
                lo: r.get(0),
                batch_id: r.get(1),
                uid: r.get(2),
                webhook_id: r.get(3),
                descending: r.get(4),
                event_ids: r.get(5),
                event_count: r.get(6),
                delivered_at: r.get(7),
            })
            .collect();
        let Some(last) = rows.last() else { break };
        after = (last.lo, last.webhook_id, last.batch_id);
        f(Chunk::Kept(rows))?;
    }
    f(Chunk::ApiUsers(registry::api_users(db)?))?;

    let mark = |table: &str| -> Result<i64> {
        let r = db.one(
            &format!(
                "SELECT greatest(coalesce(pg_sequence_last_value(pg_get_serial_sequence('{table}', 'id')::regclass), 0),
                                 coalesce((SELECT max(id) FROM {table}), 0))"
            ),
            &[],
        )?;
        Ok(r.get(0))
    };
    let kept: Option<i64> = db
        .one("SELECT max(batch_id) FROM webhook_delivered", &[])?
        .get(0);
    Ok(IdMarks {
        categories: mark("categories")?,
        webhooks: mark("webhooks")?,
        payloads: mark("webhook_queue_payloads")?,
        batches: mark("webhook_batches")?.max(kept.unwrap_or(0)),
        logs: mark("webhook_logs")?,
        api_users: mark("api_users")?,
        retention_upto: db
            .opt("SELECT upto FROM hookq_retention WHERE id = 1", &[])?
            .map(|r| r.get(0)),
    })
}

pub fn inventory<C: GenericClient>(db: &Db<C>) -> Result<Inventory> {
    let r = db.one(
        "SELECT (SELECT count(*) FROM categories), (SELECT count(*) FROM webhooks),
                (SELECT count(*) FROM webhook_events), (SELECT count(*) FROM triggers),
                (SELECT count(*) FROM settings), (SELECT count(*) FROM webhook_queue_payloads),
                (SELECT count(*) FROM webhook_batches), (SELECT count(*) FROM webhook_queue),
                (SELECT count(*) FROM webhook_logs), (SELECT count(*) FROM api_users),
                (SELECT count(*) FROM webhook_delivered)",
        &[],
    )?;
    let n = |i: usize| r.get::<_, i64>(i) as u64;
    Ok(Inventory {
        categories: n(0),
        webhooks: n(1),
        subscriptions: n(2),
        triggers: n(3),
        settings: n(4),
        payloads: n(5),
        batches: n(6),
        queued: n(7),
        logs: n(8),
        api_users: n(9),
        kept: n(10),
    })
}

pub fn import(tx: &Db<Transaction<'_>>, chunk: &Chunk) -> Result<()> {
    match chunk {
        Chunk::Categories(rows) => {
            for r in rows {
                let c = &r.category;
                tx.exec(
                    "INSERT INTO categories (id, title, alias, description, color, bundle,
                        date_added, created_by_user, modified_by_user)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                    &[
                        &c.id,
                        &c.title,
                        &c.alias,
                        &c.description,
                        &c.color,
                        &r.bundle,
                        &r.date_added,
                        &c.created_by_user,
                        &c.modified_by_user,
                    ],
                )?;
            }
        }
        Chunk::Webhooks(rows) => {
            for h in rows {
                let category = h.category.as_ref().map(|c| c.id);
                let dir = h.events_orderby_dir.map(Order::as_mautic);
                tx.exec(
                    "INSERT INTO webhooks (id, category_id, is_published, date_added,
                        created_by_user, date_modified, modified_by_user, name, description,
                        webhook_url, secret, events_orderby_dir, unhealthy_since, last_status,
                        consecutive_failures, unpublished_reason, signing, old_secret,
                        old_secret_until, headers, rate_limit)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16,
                             $17, $18, $19, $20, $21)",
                    &[
                        &h.id,
                        &category,
                        &h.is_published,
                        &h.date_added,
                        &h.created_by_user,
                        &h.date_modified,
                        &h.modified_by_user,
                        &h.name,
                        &h.description,
                        &h.webhook_url,
                        &h.secret,
                        &dir,
                        &h.health.unhealthy_since,
                        &h.health.last_status,
                        &h.health.consecutive_failures,
                        &h.health.unpublished_reason,
                        &h.signing.as_str(),
                        &h.old_secret.as_ref().map(|o| &o.secret),
                        &h.old_secret.as_ref().map(|o| o.until),
                        &crate::controls::headers_to_text(&h.controls.headers),
                        &h.controls.rate.map(crate::controls::Rate::text),
                    ],
                )?;
                for t in &h.triggers {
                    let filter = h
                        .controls
                        .filters
                        .get(t)
                        .map(|p| crate::controls::patterns_to_text(p));
                    tx.exec(
                        "INSERT INTO webhook_events (webhook_id, event_type, filter)
                         VALUES ($1, $2, $3)",
                        &[&h.id, t, &filter],
                    )?;
                }
            }
        }
        Chunk::Triggers(rows) => {
            for (t, at) in rows {
                tx.exec(
                    "INSERT INTO triggers (event_type, label, description, date_added)
                     VALUES ($1, $2, $3, $4)",
                    &[&t.event_type, &t.label, &t.description, at],
                )?;
            }
        }
        Chunk::Settings(rows) => {
            for (k, v) in rows {
                tx.exec("INSERT INTO settings (key, value) VALUES ($1, $2)", &[k, v])?;
            }
        }
        Chunk::Payloads(rows) => {
            let ids: Vec<i64> = rows.iter().map(|p| p.id).collect();
            let types: Vec<&str> = rows.iter().map(|p| p.event_type.as_str()).collect();
            let payloads: Vec<&str> = rows.iter().map(|p| p.payload.as_str()).collect();
            let times: Vec<i64> = rows.iter().map(|p| p.date_added).collect();
            tx.exec(
                "INSERT INTO webhook_queue_payloads (id, event_type, payload, date_added)
                 SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::bigint[])",
                &[&ids, &types, &payloads, &times],
            )?;
        }
        Chunk::Batches(rows) => {
            for b in rows {
                tx.exec(
                    "INSERT INTO webhook_batches (id, uid, webhook_id, descending, event_count,
                        lo, hi, attempts, next_attempt_at, first_failed_at, dead, date_added)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
                    &[
                        &b.id,
                        &b.uid,
                        &b.webhook_id,
                        &b.descending,
                        &b.event_count,
                        &b.lo,
                        &b.hi,
                        &b.attempts,
                        &b.next_attempt_at,
                        &b.first_failed_at,
                        &b.dead,
                        &b.date_added,
                    ],
                )?;
            }
        }
        Chunk::Queue(rows) => {
            let hooks: Vec<i64> = rows.iter().map(|q| q.webhook_id).collect();
            let events: Vec<i64> = rows.iter().map(|q| q.event_id).collect();
            let batches: Vec<Option<i64>> = rows.iter().map(|q| q.batch_id).collect();
            tx.exec(
                "INSERT INTO webhook_queue (webhook_id, event_id, batch_id)
                 SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::bigint[])",
                &[&hooks, &events, &batches],
            )?;
        }
        Chunk::Logs(rows) => {
            let col = |f: fn(&LogRow) -> i64| rows.iter().map(f).collect::<Vec<i64>>();
            let status: Vec<&str> = rows.iter().map(|r| r.entry.status_code.as_str()).collect();
            let runtime: Vec<f64> = rows.iter().map(|r| r.entry.runtime).collect();
            let note: Vec<&str> = rows.iter().map(|r| r.entry.note.as_str()).collect();
            let batch: Vec<Option<&str>> =
                rows.iter().map(|r| r.entry.batch_id.as_deref()).collect();
            let batch_lo: Vec<Option<i64>> = rows.iter().map(|r| r.batch_lo).collect();
            tx.exec(
                "INSERT INTO webhook_logs (id, webhook_id, status_code, runtime, note, batch_id,
                    event_count, attempt, date_added, batch_lo)
                 SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::float8[],
                                      $5::text[], $6::text[], $7::bigint[], $8::bigint[],
                                      $9::bigint[], $10::bigint[])",
                &[
                    &col(|r| r.entry.id),
                    &col(|r| r.entry.webhook_id),
                    &status,
                    &runtime,
                    &note,
                    &batch,
                    &col(|r| r.entry.event_count),
                    &col(|r| r.entry.attempt),
                    &col(|r| r.entry.date_added),
                    &batch_lo,
                ],
            )?;
        }
        Chunk::Kept(rows) => {
            let col = |f: fn(&KeptRow) -> i64| rows.iter().map(f).collect::<Vec<i64>>();
            let uids: Vec<&str> = rows.iter().map(|k| k.uid.as_str()).collect();
            let descending: Vec<bool> = rows.iter().map(|k| k.descending).collect();
            let ids: Vec<&str> = rows.iter().map(|k| k.event_ids.as_str()).collect();
            tx.exec(
                "INSERT INTO webhook_delivered (lo, batch_id, uid, webhook_id, descending,
                    event_ids, event_count, delivered_at)
                 SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::bigint[],
                                      $5::boolean[], $6::text[], $7::bigint[], $8::bigint[])",
                &[
                    &col(|k| k.lo),
                    &col(|k| k.batch_id),
                    &uids,
                    &col(|k| k.webhook_id),
                    &descending,
                    &ids,
                    &col(|k| k.event_count),
                    &col(|k| k.delivered_at),
                ],
            )?;
        }
        Chunk::ApiUsers(rows) => {
            for u in rows {
                tx.exec(
                    "INSERT INTO api_users (id, username, password_hash, date_added, created_by_user)
                     VALUES ($1, $2, $3, $4, $5)",
                    &[
                        &u.id,
                        &u.username,
                        &u.password_hash,
                        &u.date_added,
                        &u.created_by_user,
                    ],
                )?;
            }
        }
    }
    Ok(())
}

pub fn finish_import(tx: &Db<Transaction<'_>>, marks: &IdMarks) -> Result<()> {
    for (table, mark) in [
        ("categories", marks.categories),
        ("webhooks", marks.webhooks),
        ("webhook_queue_payloads", marks.payloads),
        ("webhook_batches", marks.batches),
        ("webhook_logs", marks.logs),
        ("api_users", marks.api_users),
    ] {
        tx.exec(
            &format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), $1)
                  WHERE $1 > coalesce(pg_sequence_last_value(pg_get_serial_sequence('{table}', 'id')::regclass), 0)"
            ),
            &[&mark],
        )?;
    }
    if let Some(upto) = marks.retention_upto {
        tx.exec(
            "INSERT INTO hookq_retention (id, upto) VALUES (1, $1)
             ON CONFLICT (id) DO UPDATE SET upto = excluded.upto",
            &[&upto],
        )?;
    }
    Ok(())
}
