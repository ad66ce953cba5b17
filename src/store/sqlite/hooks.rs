//! Webhooks and their subscriptions (`webhooks`, `webhook_events`).
//!
//! `list` builds its WHERE clause from fixed fragments with bound
//! parameters and orders by a column from a closed enum, so neither
//! `--search` nor `--order-by` can reach the SQL text.

use anyhow::Result;
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, Row, params, params_from_iter};

use crate::model::{
    Category, Epoch, Health, HookFields, OldSecret, Order, QueueDepth, Signing, Webhook,
};
use crate::store::{Cmp, Filter, FilterValue, HookUsage, ListQuery, OrderColumn, SearchTerm};

const SELECT: &str = "SELECT w.id, w.name, w.description, w.webhook_url, w.secret,
    w.events_orderby_dir, w.is_published, w.date_added, w.date_modified,
    w.created_by_user, w.modified_by_user, w.unhealthy_since, w.last_status,
    w.consecutive_failures, w.unpublished_reason,
    c.id, c.title, c.alias, c.description, c.color, c.created_by_user, c.modified_by_user,
    w.signing, w.old_secret, w.old_secret_until, w.headers, w.rate_limit
  FROM webhooks w LEFT JOIN categories c ON c.id = w.category_id";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Webhook> {
    let dir: Option<String> = r.get(5)?;
    let category = match r.get::<_, Option<i64>>(15)? {
        Some(id) => Some(Category {
            id,
            title: r.get(16)?,
            alias: r.get(17)?,
            description: r.get(18)?,
            color: r.get(19)?,
            created_by_user: r.get(20)?,
            modified_by_user: r.get(21)?,
        }),
        None => None,
    };
    Ok(Webhook {
        id: r.get(0)?,
        name: r.get(1)?,
        description: r.get(2)?,
        webhook_url: r.get(3)?,
        secret: r.get(4)?,
        signing: Signing::from_column(r.get_ref(22)?.as_str()?),
        old_secret: match (r.get(23)?, r.get(24)?) {
            (Some(secret), Some(until)) => Some(OldSecret { secret, until }),
            _ => None,
        },
        events_orderby_dir: match dir.as_deref() {
            Some("ASC") => Some(Order::Asc),
            Some("DESC") => Some(Order::Desc),
            _ => None,
        },
        is_published: r.get(6)?,
        date_added: r.get(7)?,
        date_modified: r.get(8)?,
        created_by_user: r.get(9)?,
        modified_by_user: r.get(10)?,
        health: Health {
            unhealthy_since: r.get(11)?,
            last_status: r.get(12)?,
            consecutive_failures: r.get(13)?,
            unpublished_reason: r.get(14)?,
        },
        category,
        triggers: Vec::new(),
        controls: crate::controls::Controls {
            headers: crate::controls::headers_from_text(r.get_ref(25)?.as_str_or_null()?),
            filters: Default::default(),
            rate: crate::controls::Rate::from_text(r.get_ref(26)?.as_str_or_null()?),
        },
    })
}

/// The column an `--order-by` name stands for.
fn order_sql(c: OrderColumn) -> String {
    format!("w.{}", c.snake())
}

fn value(v: &FilterValue) -> Value {
    match v {
        FilterValue::Int(i) => Value::Integer(*i),
        FilterValue::Text(t) => Value::Text(t.clone()),
    }
}

/// One `where` filter as SQL over fixed fragments: columns come from the
/// closed enum, values are bound.
fn filter_sql(f: &Filter, args: &mut Vec<Value>) -> String {
    let not = |n: bool| if n { "NOT " } else { "" };
    match f {
        Filter::Compare(c, op, v) => {
            args.push(value(v));
            let op = match op {
                Cmp::Eq => "=",
                Cmp::Neq => "<>",
                Cmp::Lt => "<",
                Cmp::Lte => "<=",
                Cmp::Gt => ">",
                Cmp::Gte => ">=",
            };
            format!("{} {op} ?", order_sql(*c))
        }
        Filter::Like(c, n, pattern) => {
            args.push(Value::Text(pattern.clone()));
            format!("{} {}LIKE ?", order_sql(*c), not(*n))
        }
        // SQLite takes an empty list: nothing is in it.
        Filter::In(c, n, vs) => {
            args.extend(vs.iter().map(value));
            let marks = vec!["?"; vs.len()].join(",");
            format!("{} {}IN ({marks})", order_sql(*c), not(*n))
        }
        Filter::Null(c, n) => format!("{} IS {}NULL", order_sql(*c), not(*n)),
        Filter::Empty(c, false) => format!("({0} IS NULL OR {0} = '')", order_sql(*c)),
        Filter::Empty(c, true) => format!("({0} IS NOT NULL AND {0} <> '')", order_sql(*c)),
        Filter::Between(c, n, lo, hi) => {
            args.push(value(lo));
            args.push(value(hi));
            format!("{} {}BETWEEN ? AND ?", order_sql(*c), not(*n))
        }
        Filter::All(fs) | Filter::Any(fs) if fs.is_empty() => String::from("1"),
        Filter::All(fs) => {
            let parts: Vec<String> = fs.iter().map(|f| filter_sql(f, args)).collect();
            format!("({})", parts.join(" AND "))
        }
        Filter::Any(fs) => {
            let parts: Vec<String> = fs.iter().map(|f| filter_sql(f, args)).collect();
            format!("({})", parts.join(" OR "))
        }
    }
}

fn term_sql(term: &SearchTerm, args: &mut Vec<Value>) -> String {
    match term {
        // An ASCII term: SQLite's own LIKE (ASCII letters in any case)
        // decides for ASCII names, and only a name with other characters
        // (more bytes than characters) is folded by hookq_fold (some fold
        // into ASCII: the Kelvin sign into `k`). A console search of
        // 10,000 names took 9 ms with every name folded.
        SearchTerm::Text(t) if t.is_ascii() => {
            let pattern = crate::store::like_contains(t);
            args.push(Value::Text(pattern.clone()));
            args.push(Value::Text(pattern));
            "(w.name LIKE ? ESCAPE '\\'
              OR (length(w.name) <> octet_length(w.name)
                  AND hookq_fold(w.name) LIKE lower(?) ESCAPE '\\'))"
                .into()
        }
        SearchTerm::Text(t) => {
            args.push(Value::Text(crate::store::like_contains(t)));
            "hookq_fold(w.name) LIKE hookq_fold(?) ESCAPE '\\'".into()
        }
        SearchTerm::Published(p) => format!("w.is_published = {}", i64::from(*p)),
        SearchTerm::Uncategorized => "w.category_id IS NULL".into(),
        SearchTerm::Category(alias) => {
            args.push(Value::Text(alias.clone()));
            "c.alias = ?".into()
        }
        SearchTerm::Ids(ids) => {
            let marks = vec!["?"; ids.len()].join(",");
            args.extend(ids.iter().map(|i| Value::Integer(*i)));
            format!("w.id IN ({marks})")
        }
        // An unknown (NULL) is not a match, so its negation is one: a
        // webhook without a category is not in category:x.
        SearchTerm::Not(inner) => format!("NOT coalesce(({}), 0)", term_sql(inner, args)),
    }
}

fn where_clause(q: &ListQuery) -> (String, Vec<Value>) {
    let mut conds: Vec<String> = Vec::new();
    let mut args: Vec<Value> = Vec::new();
    if q.published_only {
        conds.push("w.is_published = 1".into());
    }
    for term in &q.search {
        conds.push(term_sql(term, &mut args));
    }
    for f in &q.filters {
        let sql = filter_sql(f, &mut args);
        conds.push(sql);
    }
    let sql = if conds.is_empty() {
        String::new()
    } else {
        format!(" WHERE {}", conds.join(" AND "))
    };
    (sql, args)
}

fn load_triggers(conn: &Connection, hook: &mut Webhook) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT event_type, filter FROM webhook_events WHERE webhook_id = ? ORDER BY id",
    )?;
    let rows: Vec<(String, Option<String>)> = stmt
        .query_map([hook.id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (t, f) in rows {
        if let Some(f) = f {
            hook.controls
                .filters
                .insert(t.clone(), crate::controls::patterns_from_text(&f));
        }
        hook.triggers.push(t);
    }
    Ok(())
}

pub fn get(conn: &Connection, id: i64) -> Result<Option<Webhook>> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT} WHERE w.id = ?"))?;
    let hook = stmt.query_row([id], from_row).optional()?;
    match hook {
        Some(mut h) => {
            load_triggers(conn, &mut h)?;
            Ok(Some(h))
        }
        None => Ok(None),
    }
}

fn write_triggers(tx: &Connection, id: i64, f: &HookFields) -> Result<()> {
    tx.execute("DELETE FROM webhook_events WHERE webhook_id = ?", [id])?;
    let mut ins = tx.prepare_cached(
        "INSERT OR IGNORE INTO webhook_events (webhook_id, event_type, filter) VALUES (?, ?, ?)",
    )?;
    for t in &f.triggers {
        let filter = f
            .controls
            .filters
            .get(t)
            .map(|p| crate::controls::patterns_to_text(p));
        ins.execute(params![id, t, filter])?;
    }
    Ok(())
}

/// Matching hooks (one page) and the count of all matches.
pub fn list(conn: &Connection, q: &ListQuery) -> Result<(u64, Vec<Webhook>)> {
    let (cond, args) = where_clause(q);
    let total: i64 = conn.query_row(
        &format!(
            "SELECT count(*) FROM webhooks w LEFT JOIN categories c ON c.id = w.category_id{cond}"
        ),
        params_from_iter(args.iter()),
        |r| r.get(0),
    )?;
    let limit = q.limit.map_or(-1, |l| l as i64);
    let mut keys: Vec<String> = q
        .order
        .iter()
        .map(|(c, d)| format!("{} {}", order_sql(*c), d.as_mautic()))
        .collect();
    // Ties keep id order, in the direction of the first key.
    let last = q.order.first().map_or(Order::Asc, |(_, d)| *d);
    keys.push(format!("w.id {}", last.as_mautic()));
    let sql = format!(
        "{SELECT}{cond} ORDER BY {keys} LIMIT {limit} OFFSET {start}",
        keys = keys.join(", "),
        start = q.start,
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut hooks: Vec<Webhook> = stmt
        .query_map(params_from_iter(args.iter()), from_row)?
        .collect::<rusqlite::Result<_>>()?;
    for h in &mut hooks {
        load_triggers(conn, h)?;
    }
    Ok((total as u64, hooks))
}

pub fn queue_depth(conn: &Connection, id: i64) -> Result<QueueDepth> {
    let mut stmt = conn.prepare_cached(
        "SELECT count(*) FILTER (WHERE b.dead IS NOT 1), count(*) FILTER (WHERE b.dead = 1)
           FROM webhook_queue q LEFT JOIN webhook_batches b ON b.id = q.batch_id
          WHERE q.webhook_id = ?",
    )?;
    Ok(stmt.query_row([id], |r| {
        Ok(QueueDepth {
            queued: r.get(0)?,
            dead: r.get(1)?,
        })
    })?)
}

pub fn usage(conn: &Connection, id: i64) -> Result<HookUsage> {
    let (queued, logs, first, last): (i64, i64, Option<i64>, Option<i64>) = conn.query_row(
        "SELECT (SELECT count(*) FROM webhook_queue WHERE webhook_id = ?1),
                (SELECT count(*) FROM webhook_logs WHERE webhook_id = ?1),
                (SELECT min(event_id) FROM webhook_queue WHERE webhook_id = ?1),
                (SELECT max(event_id) FROM webhook_queue WHERE webhook_id = ?1)",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?;
    Ok(HookUsage {
        queued: queued as u64,
        logs: logs as u64,
        events: first.zip(last),
    })
}
/// Insert a webhook, with the given id (PUT on a missing id) or a new one.
pub fn insert(
    tx: &Connection,
    id: Option<i64>,
    f: &HookFields,
    user: &str,
    now: Epoch,
) -> Result<i64> {
    tx.execute(
        "INSERT INTO webhooks (id, category_id, is_published, date_added, created_by_user, name,
            description, webhook_url, secret, events_orderby_dir, signing, old_secret,
            old_secret_until, headers, rate_limit)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        params![
            id,
            f.category_id,
            f.is_published,
            now,
            user,
            f.name,
            f.description,
            f.webhook_url,
            f.secret,
            f.events_orderby_dir.map(Order::as_mautic),
            f.signing.as_str(),
            f.old_secret.as_ref().map(|o| &o.secret),
            f.old_secret.as_ref().map(|o| o.until),
            crate::controls::headers_to_text(&f.controls.headers),
            f.controls.rate.map(crate::controls::Rate::text)
        ],
    )?;
    let id = tx.last_insert_rowid();
    write_triggers(tx, id, f)?;
    Ok(id)
}

/// Overwrite a webhook's editable fields. Publishing again clears the
/// reason it was unpublished and its failing state (a fresh start: it
/// showed "failing since … (0 in a row)"); its queued events resume.
pub fn update(tx: &Connection, id: i64, f: &HookFields, user: &str, now: Epoch) -> Result<()> {
    tx.execute(
        "UPDATE webhooks SET category_id = ?, is_published = ?, date_modified = ?, modified_by_user = ?,
            name = ?, description = ?, webhook_url = ?, secret = ?, events_orderby_dir = ?,
            signing = ?, old_secret = ?, old_secret_until = ?, headers = ?, rate_limit = ?,
            unpublished_reason = CASE WHEN ? THEN NULL ELSE unpublished_reason END,
            consecutive_failures = CASE WHEN ? AND is_published = 0 THEN 0 ELSE consecutive_failures END,
            unhealthy_since = CASE WHEN ? AND is_published = 0 THEN NULL ELSE unhealthy_since END
          WHERE id = ?",
        params![
            f.category_id,
            f.is_published,
            now,
            user,
            f.name,
            f.description,
            f.webhook_url,
            f.secret,
            f.events_orderby_dir.map(Order::as_mautic),
            f.signing.as_str(),
            f.old_secret.as_ref().map(|o| &o.secret),
            f.old_secret.as_ref().map(|o| o.until),
            crate::controls::headers_to_text(&f.controls.headers),
            f.controls.rate.map(crate::controls::Rate::text),
            f.is_published,
            f.is_published,
            f.is_published,
            id
        ],
    )?;
    write_triggers(tx, id, f)?;
    Ok(())
}

/// Remove a webhook; its subscriptions, queue and logs go with it.
pub fn delete(tx: &Connection, id: i64) -> Result<bool> {
    // Kept delivered batches have no foreign key (a webhook is deleted far
    // less often than batches are delivered).
    tx.execute("DELETE FROM webhook_delivered WHERE webhook_id = ?", [id])?;
    tx.execute("DELETE FROM webhook_sends WHERE webhook_id = ?", [id])?;
    Ok(tx.execute("DELETE FROM webhooks WHERE id = ?", [id])? > 0)
}

/// A delivery succeeded: the webhook is healthy again.
pub fn mark_healthy(tx: &Connection, id: i64, status: &str) -> Result<()> {
    tx.prepare_cached(
        "UPDATE webhooks SET unhealthy_since = NULL, consecutive_failures = 0, last_status = ?1
          WHERE id = ?2 AND (unhealthy_since IS NOT NULL OR consecutive_failures != 0 OR last_status IS NOT ?1)",
            )?
    .execute(params![status, id])?;
    Ok(())
}

/// A delivery failed: mark the webhook unhealthy. Returns its failures in
/// a row (the caller unpublishes past `disable_limit`).
pub fn mark_failed(tx: &Connection, id: i64, status: &str, now: Epoch) -> Result<i64> {
    Ok(tx.query_row(
        "UPDATE webhooks SET unhealthy_since = coalesce(unhealthy_since, ?), last_status = ?,
                consecutive_failures = consecutive_failures + 1
          WHERE id = ? RETURNING consecutive_failures",
        params![now, status, id],
        |r| r.get(0),
    )?)
}

pub fn unpublish(tx: &Connection, id: i64, reason: &str, now: Epoch) -> Result<()> {
    tx.execute(
        "UPDATE webhooks SET is_published = 0, unpublished_reason = ?, date_modified = ?,
                modified_by_user = 'hookq', lease_owner = NULL, lease_expires = NULL
          WHERE id = ?",
        params![reason, now, id],
    )?;
    Ok(())
}
