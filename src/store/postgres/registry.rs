//! Webhooks, categories, triggers, settings, logs and API users.
//!
//! Lists sort as SQLite does, so both backends print the same: text in
//! byte order (`COLLATE "C"`), NULLs first when ascending. `list` builds
//! its WHERE clause from fixed fragments with numbered parameters; columns
//! come from a closed enum.

use std::collections::BTreeMap;

use anyhow::Result;
use postgres::types::ToSql;
use postgres::{GenericClient, Row, Transaction};

use super::Db;
use crate::model::{
    ApiUser, Catalog, Category, Epoch, Health, HookFields, LogEntry, NewCategory, OldSecret, Order,
    QueueDepth, Signing, Trigger, Webhook, clip_note,
};
use crate::store::{
    Cmp, ColumnKind, Filter, FilterValue, HookUsage, ListQuery, LogQuery, OrderColumn, SearchTerm,
};

const SELECT: &str = "SELECT w.id, w.name, w.description, w.webhook_url, w.secret,
    w.events_orderby_dir, w.is_published, w.date_added, w.date_modified,
    w.created_by_user, w.modified_by_user, w.unhealthy_since, w.last_status,
    w.consecutive_failures, w.unpublished_reason,
    c.id, c.title, c.alias, c.description, c.color, c.created_by_user, c.modified_by_user,
    w.signing, w.old_secret, w.old_secret_until, w.headers, w.rate_limit
  FROM webhooks w LEFT JOIN categories c ON c.id = w.category_id";

fn hook_from(r: &Row) -> Webhook {
    let dir: Option<String> = r.get(5);
    let category = r.get::<_, Option<i64>>(15).map(|id| Category {
        id,
        title: r.get(16),
        alias: r.get(17),
        description: r.get(18),
        color: r.get(19),
        created_by_user: r.get(20),
        modified_by_user: r.get(21),
    });
    Webhook {
        id: r.get(0),
        name: r.get(1),
        description: r.get(2),
        webhook_url: r.get(3),
        secret: r.get(4),
        signing: Signing::from_column(r.get(22)),
        old_secret: match (r.get(23), r.get(24)) {
            (Some(secret), Some(until)) => Some(OldSecret { secret, until }),
            _ => None,
        },
        events_orderby_dir: match dir.as_deref() {
            Some("ASC") => Some(Order::Asc),
            Some("DESC") => Some(Order::Desc),
            _ => None,
        },
        is_published: r.get(6),
        date_added: r.get(7),
        date_modified: r.get(8),
        created_by_user: r.get(9),
        modified_by_user: r.get(10),
        health: Health {
            unhealthy_since: r.get(11),
            last_status: r.get(12),
            consecutive_failures: r.get(13),
            unpublished_reason: r.get(14),
        },
        category,
        triggers: Vec::new(),
        controls: crate::controls::Controls {
            headers: crate::controls::headers_from_text(r.get(25)),
            filters: Default::default(),
            rate: crate::controls::Rate::from_text(r.get(26)),
        },
    }
}

/// The column an order or filter names.
fn column(c: OrderColumn) -> String {
    format!("w.{}", c.snake())
}

/// The column as a filter compares it: flags as 0/1 (as SQLite stores
/// them), text in byte order.
fn filter_column(c: OrderColumn) -> String {
    match c.kind() {
        ColumnKind::Flag => format!("({}::int::bigint)", column(c)),
        ColumnKind::Text => format!("({} COLLATE \"C\")", column(c)),
        _ => column(c),
    }
}

fn order_key(c: OrderColumn, d: Order) -> String {
    let col = match c.kind() {
        ColumnKind::Text => format!("{} COLLATE \"C\"", column(c)),
        _ => column(c),
    };
    match d {
        Order::Asc => format!("{col} ASC NULLS FIRST"),
        Order::Desc => format!("{col} DESC NULLS LAST"),
    }
}

type Args = Vec<Box<dyn ToSql + Sync>>;

fn bind(args: &mut Args, v: Box<dyn ToSql + Sync>) -> String {
    args.push(v);
    format!("${}", args.len())
}

fn value(v: &FilterValue) -> Box<dyn ToSql + Sync> {
    match v {
        FilterValue::Int(i) => Box::new(*i),
        FilterValue::Text(t) => Box::new(t.clone()),
    }
}

fn filter_sql(f: &Filter, args: &mut Args) -> String {
    let not = |n: bool| if n { "NOT " } else { "" };
    match f {
        Filter::Compare(c, op, v) => {
            let op = match op {
                Cmp::Eq => "=",
                Cmp::Neq => "<>",
                Cmp::Lt => "<",
                Cmp::Lte => "<=",
                Cmp::Gt => ">",
                Cmp::Gte => ">=",
            };
            let p = bind(args, value(v));
            format!("{} {op} {p}", filter_column(*c))
        }
        Filter::Like(c, n, pattern) => {
            let p = bind(args, Box::new(pattern.clone()));
            // No escape character, as SQLite's LIKE: a `\\` is itself (and
            // a trailing one is no error).
            format!(
                "CAST({} AS text) {}ILIKE {p} ESCAPE ''",
                column(*c),
                not(*n)
            )
        }
        Filter::In(_, n, vs) if vs.is_empty() => String::from(if *n { "TRUE" } else { "FALSE" }),
        Filter::In(c, n, vs) => {
            let marks: Vec<String> = vs.iter().map(|v| bind(args, value(v))).collect();
            format!("{} {}IN ({})", filter_column(*c), not(*n), marks.join(","))
        }
        Filter::Null(c, n) => format!("{} IS {}NULL", column(*c), not(*n)),
        Filter::Empty(c, n) => {
            let col = column(*c);
            let text = c.kind() == ColumnKind::Text;
            match (n, text) {
                (false, true) => format!("({col} IS NULL OR {col} = '')"),
                (true, true) => format!("({col} IS NOT NULL AND {col} <> '')"),
                (false, false) => format!("{col} IS NULL"),
                (true, false) => format!("{col} IS NOT NULL"),
            }
        }
        Filter::Between(c, n, lo, hi) => {
            let a = bind(args, value(lo));
            let b = bind(args, value(hi));
            format!("{} {}BETWEEN {a} AND {b}", filter_column(*c), not(*n))
        }
        Filter::All(fs) | Filter::Any(fs) if fs.is_empty() => String::from("TRUE"),
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

fn term_sql(term: &SearchTerm, args: &mut Args) -> String {
    match term {
        SearchTerm::Text(t) => {
            let p = bind(args, Box::new(crate::store::like_contains(t)));
            format!("w.name ILIKE {p} ESCAPE '\\'")
        }
        SearchTerm::Published(true) => "w.is_published".into(),
        SearchTerm::Published(false) => "NOT w.is_published".into(),
        SearchTerm::Uncategorized => "w.category_id IS NULL".into(),
        SearchTerm::Category(alias) => {
            let p = bind(args, Box::new(alias.clone()));
            format!("c.alias = {p}")
        }
        SearchTerm::Ids(ids) => {
            let p = bind(args, Box::new(ids.clone()));
            format!("w.id = ANY({p})")
        }
        // An unknown (NULL) is not a match, so its negation is one: a
        // webhook without a category is not in category:x.
        SearchTerm::Not(inner) => format!("NOT COALESCE(({}), FALSE)", term_sql(inner, args)),
    }
}

fn where_clause(q: &ListQuery, args: &mut Args) -> String {
    let mut conds: Vec<String> = Vec::new();
    if q.published_only {
        conds.push("w.is_published".into());
    }
    for term in &q.search {
        conds.push(term_sql(term, args));
    }
    for f in &q.filters {
        let sql = filter_sql(f, args);
        conds.push(sql);
    }
    if conds.is_empty() {
        String::new()
    } else {
        format!(" WHERE {}", conds.join(" AND "))
    }
}

fn load_triggers<C: GenericClient>(db: &Db<C>, hooks: &mut [Webhook]) -> Result<()> {
    if hooks.is_empty() {
        return Ok(());
    }
    let ids: Vec<i64> = hooks.iter().map(|h| h.id).collect();
    let rows = db.rows(
        "SELECT webhook_id, event_type, filter FROM webhook_events WHERE webhook_id = ANY($1)
          ORDER BY id",
        &[&ids],
    )?;
    for r in rows {
        let id: i64 = r.get(0);
        if let Some(h) = hooks.iter_mut().find(|h| h.id == id) {
            let t: String = r.get(1);
            if let Some(f) = r.get::<_, Option<&str>>(2) {
                h.controls
                    .filters
                    .insert(t.clone(), crate::controls::patterns_from_text(f));
            }
            h.triggers.push(t);
        }
    }
    Ok(())
}

pub fn get_hook<C: GenericClient>(db: &Db<C>, id: i64) -> Result<Option<Webhook>> {
    let Some(row) = db.opt(&format!("{SELECT} WHERE w.id = $1"), &[&id])? else {
        return Ok(None);
    };
    let mut hooks = [hook_from(&row)];
    load_triggers(db, &mut hooks)?;
    let [h] = hooks;
    Ok(Some(h))
}

pub fn list_hooks<C: GenericClient>(db: &Db<C>, q: &ListQuery) -> Result<(u64, Vec<Webhook>)> {
    let mut args: Args = Vec::new();
    let cond = where_clause(q, &mut args);
    let refs: Vec<&(dyn ToSql + Sync)> = args.iter().map(|a| a.as_ref()).collect();
    let total: i64 = db.rows_once(
        &format!(
            "SELECT count(*) FROM webhooks w LEFT JOIN categories c ON c.id = w.category_id{cond}"
        ),
        &refs,
    )?[0]
        .get(0);
    let mut keys: Vec<String> = q.order.iter().map(|(c, d)| order_key(*c, *d)).collect();
    let last = q.order.first().map_or(Order::Asc, |(_, d)| *d);
    keys.push(format!("w.id {}", last.as_sql()));
    let limit = q.limit.map_or(String::from("ALL"), |l| l.to_string());
    let sql = format!(
        "{SELECT}{cond} ORDER BY {keys} LIMIT {limit} OFFSET {start}",
        keys = keys.join(", "),
        start = q.start,
    );
    let mut hooks: Vec<Webhook> = db.rows_once(&sql, &refs)?.iter().map(hook_from).collect();
    load_triggers(db, &mut hooks)?;
    Ok((total as u64, hooks))
}

pub fn queue_depth<C: GenericClient>(db: &Db<C>, id: i64) -> Result<QueueDepth> {
    let r = db.one(
        "SELECT count(*) FILTER (WHERE b.dead IS NOT TRUE), count(*) FILTER (WHERE b.dead)
           FROM webhook_queue q LEFT JOIN webhook_batches b ON b.id = q.batch_id
          WHERE q.webhook_id = $1",
        &[&id],
    )?;
    Ok(QueueDepth {
        queued: r.get(0),
        dead: r.get(1),
    })
}

pub fn usage<C: GenericClient>(db: &Db<C>, id: i64) -> Result<HookUsage> {
    let r = db.one(
        "SELECT (SELECT count(*) FROM webhook_queue WHERE webhook_id = $1),
                (SELECT count(*) FROM webhook_logs WHERE webhook_id = $1),
                (SELECT min(event_id) FROM webhook_queue WHERE webhook_id = $1),
                (SELECT max(event_id) FROM webhook_queue WHERE webhook_id = $1)",
        &[&id],
    )?;
    let (first, last): (Option<i64>, Option<i64>) = (r.get(2), r.get(3));
    Ok(HookUsage {
        queued: r.get::<_, i64>(0) as u64,
        logs: r.get::<_, i64>(1) as u64,
        events: first.zip(last),
    })
}

fn write_triggers(tx: &Db<Transaction<'_>>, id: i64, f: &HookFields) -> Result<()> {
    tx.exec("DELETE FROM webhook_events WHERE webhook_id = $1", &[&id])?;
    for t in &f.triggers {
        let filter = f
            .controls
            .filters
            .get(t)
            .map(|p| crate::controls::patterns_to_text(p));
        tx.exec(
            "INSERT INTO webhook_events (webhook_id, event_type, filter) VALUES ($1, $2, $3)
             ON CONFLICT DO NOTHING",
            &[&id, t, &filter],
        )?;
    }
    Ok(())
}

pub fn insert_hook(
    tx: &Db<Transaction<'_>>,
    id: Option<i64>,
    f: &HookFields,
    user: &str,
    now: Epoch,
) -> Result<i64> {
    let dir = f.events_orderby_dir.map(Order::as_mautic);
    let given = id.is_some();
    let id: i64 = tx
        .one(
            "INSERT INTO webhooks (id, category_id, is_published, date_added, created_by_user, name,
                description, webhook_url, secret, events_orderby_dir, signing, old_secret,
                old_secret_until, headers, rate_limit)
             VALUES (coalesce($1, nextval(pg_get_serial_sequence('webhooks', 'id'))),
                     $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
             RETURNING id",
            &[
                &id,
                &f.category_id,
                &f.is_published,
                &now,
                &user,
                &f.name,
                &f.description,
                &f.webhook_url,
                &f.secret,
                &dir,
                &f.signing.as_str(),
                &f.old_secret.as_ref().map(|o| &o.secret),
                &f.old_secret.as_ref().map(|o| o.until),
                &crate::controls::headers_to_text(&f.controls.headers),
                &f.controls.rate.map(crate::controls::Rate::text),
            ],
        )?
        .get(0);
    // A webhook created with its id (PUT) moves the sequence past it, as
    // SQLite's AUTOINCREMENT does: ids are never handed out twice.
    if given {
        tx.exec(
            "SELECT setval(pg_get_serial_sequence('webhooks', 'id'), $1)
              WHERE $1 > coalesce(pg_sequence_last_value(pg_get_serial_sequence('webhooks', 'id')::regclass), 0)",
            &[&id],
        )?;
    }
    write_triggers(tx, id, f)?;
    Ok(id)
}

pub fn update_hook(
    tx: &Db<Transaction<'_>>,
    id: i64,
    f: &HookFields,
    user: &str,
    now: Epoch,
) -> Result<()> {
    let dir = f.events_orderby_dir.map(Order::as_mautic);
    tx.exec(
        "UPDATE webhooks SET category_id = $1, is_published = $2, date_modified = $3,
            modified_by_user = $4, name = $5, description = $6, webhook_url = $7, secret = $8,
            events_orderby_dir = $9, signing = $11, old_secret = $12, old_secret_until = $13,
            headers = $14, rate_limit = $15,
            unpublished_reason = CASE WHEN $2 THEN NULL ELSE unpublished_reason END,
            consecutive_failures = CASE WHEN $2 AND NOT is_published THEN 0 ELSE consecutive_failures END,
            unhealthy_since = CASE WHEN $2 AND NOT is_published THEN NULL ELSE unhealthy_since END
          WHERE id = $10",
        &[
            &f.category_id,
            &f.is_published,
            &now,
            &user,
            &f.name,
            &f.description,
            &f.webhook_url,
            &f.secret,
            &dir,
            &id,
            &f.signing.as_str(),
            &f.old_secret.as_ref().map(|o| &o.secret),
            &f.old_secret.as_ref().map(|o| o.until),
            &crate::controls::headers_to_text(&f.controls.headers),
            &f.controls.rate.map(crate::controls::Rate::text),
        ],
    )?;
    write_triggers(tx, id, f)?;
    Ok(())
}

/// A delivery failed: mark the webhook unhealthy.
pub fn mark_failed(tx: &Db<Transaction<'_>>, id: i64, status: &str, now: Epoch) -> Result<()> {
    tx.exec(
        "UPDATE webhooks SET unhealthy_since = coalesce(unhealthy_since, $1), last_status = $2,
                consecutive_failures = consecutive_failures + 1
          WHERE id = $3",
        &[&now, &status, &id],
    )?;
    Ok(())
}

pub fn unpublish(tx: &Db<Transaction<'_>>, id: i64, reason: &str, now: Epoch) -> Result<()> {
    tx.exec(
        "UPDATE webhooks SET is_published = false, unpublished_reason = $1, date_modified = $2,
                modified_by_user = 'hookq', lease_owner = NULL, lease_expires = NULL
          WHERE id = $3",
        &[&reason, &now, &id],
    )?;
    Ok(())
}

const CATEGORY: &str = "SELECT id, title, alias, description, color, created_by_user, modified_by_user FROM categories";

pub fn category_from(r: &Row) -> Category {
    Category {
        id: r.get(0),
        title: r.get(1),
        alias: r.get(2),
        description: r.get(3),
        color: r.get(4),
        created_by_user: r.get(5),
        modified_by_user: r.get(6),
    }
}

pub fn categories<C: GenericClient>(db: &Db<C>) -> Result<Vec<Category>> {
    Ok(db
        .rows(&format!("{CATEGORY} ORDER BY title COLLATE \"C\", id"), &[])?
        .iter()
        .map(category_from)
        .collect())
}

pub fn category<C: GenericClient>(db: &Db<C>, id: i64) -> Result<Option<Category>> {
    Ok(db
        .opt(&format!("{CATEGORY} WHERE id = $1"), &[&id])?
        .as_ref()
        .map(category_from))
}

pub fn category_by_alias<C: GenericClient>(db: &Db<C>, alias: &str) -> Result<Option<Category>> {
    Ok(db
        .opt(&format!("{CATEGORY} WHERE alias = $1"), &[&alias])?
        .as_ref()
        .map(category_from))
}

pub fn insert_category(
    tx: &Db<Transaction<'_>>,
    c: &NewCategory,
    user: &str,
    now: Epoch,
) -> Result<i64> {
    Ok(tx
        .one(
            "INSERT INTO categories (title, alias, description, color, date_added, created_by_user)
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
            &[&c.title, &c.alias, &c.description, &c.color, &now, &user],
        )?
        .get(0))
}

pub fn catalog<C: GenericClient>(db: &Db<C>) -> Result<Catalog> {
    let custom = db
        .rows("SELECT event_type, label, description FROM triggers", &[])?
        .iter()
        .map(|r| Trigger {
            event_type: r.get(0),
            label: r.get(1),
            description: r.get(2),
            builtin: false,
        })
        .collect();
    Ok(Catalog::new(custom))
}

pub fn trigger_users<C: GenericClient>(db: &Db<C>, event_type: &str) -> Result<Vec<i64>> {
    Ok(db
        .rows(
            "SELECT webhook_id FROM webhook_events WHERE event_type = $1 ORDER BY webhook_id",
            &[&event_type],
        )?
        .iter()
        .map(|r| r.get(0))
        .collect())
}

pub fn settings<C: GenericClient>(db: &Db<C>) -> Result<BTreeMap<String, String>> {
    Ok(db
        .rows("SELECT key, value FROM settings", &[])?
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect())
}

pub fn insert_log(tx: &Db<Transaction<'_>>, e: &LogEntry) -> Result<()> {
    tx.exec(
        "INSERT INTO webhook_logs (webhook_id, status_code, runtime, note, batch_id, event_count,
                                   attempt, date_added)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        &[
            &e.webhook_id,
            &e.status_code,
            &e.runtime,
            &clip_note(&e.note),
            &e.batch_id,
            &e.event_count,
            &e.attempt,
            &e.date_added,
        ],
    )?;
    Ok(())
}

/// Keep the newest `log_max` rows of a webhook's logs.
pub fn prune_logs(tx: &Db<Transaction<'_>>, webhook: i64, log_max: u32) -> Result<()> {
    tx.exec(
        "DELETE FROM webhook_logs WHERE webhook_id = $1 AND id <=
           (SELECT id FROM webhook_logs WHERE webhook_id = $1 ORDER BY id DESC LIMIT 1 OFFSET $2)",
        &[&webhook, &i64::from(log_max)],
    )?;
    Ok(())
}

/// Which log rows a query selects.
/// `$1` the webhook, `$2` failed only, `$4` since, `$5` status, `$6`
/// batch, `$7` after id, `$8` before id (each NULL: any); `$3` is the
/// limit.
const LOG_WHERE: &str = "($1::bigint IS NULL OR webhook_id = $1)
            AND (NOT $2 OR CASE WHEN status_code ~ '^[0-9]{1,9}$'
                                THEN status_code::int NOT BETWEEN 200 AND 299 ELSE TRUE END)
            AND ($4::bigint IS NULL OR date_added >= $4)
            AND ($5::text IS NULL OR status_code = $5)
            AND ($6::text IS NULL OR batch_id = $6)
            AND ($7::bigint IS NULL OR id > $7)
            AND ($8::bigint IS NULL OR id < $8)";

pub fn log_count<C: GenericClient>(db: &Db<C>, q: &LogQuery) -> Result<u64> {
    let n: i64 = db
        .one(
            &format!("SELECT count(*) FROM webhook_logs WHERE $3::bigint IS NULL AND {LOG_WHERE}"),
            &[
                &q.webhook,
                &q.failed_only,
                &None::<i64>,
                &q.since,
                &q.status,
                &q.batch,
                &q.after_id,
                &None::<i64>,
            ],
        )?
        .get(0);
    Ok(n as u64)
}

pub fn logs<C: GenericClient>(db: &Db<C>, q: &LogQuery) -> Result<Vec<LogEntry>> {
    let limit: Option<i64> = q.limit.map(|l| i64::try_from(l).unwrap_or(i64::MAX));
    let rows = db.rows(
        &format!(
            "SELECT id, webhook_id, status_code, runtime, note, batch_id, event_count, attempt,
                    date_added
               FROM webhook_logs WHERE {LOG_WHERE} ORDER BY id DESC LIMIT $3"
        ),
        &[
            &q.webhook,
            &q.failed_only,
            &limit,
            &q.since,
            &q.status,
            &q.batch,
            &q.after_id,
            &q.before_id,
        ],
    )?;
    Ok(rows.iter().map(log_from).collect())
}

/// A `webhook_logs` row selected in `logs`' column order.
pub fn log_from(r: &Row) -> LogEntry {
    LogEntry {
        id: r.get(0),
        webhook_id: r.get(1),
        status_code: r.get(2),
        runtime: r.get::<_, Option<f64>>(3).unwrap_or(0.0),
        note: r.get::<_, Option<String>>(4).unwrap_or_default(),
        batch_id: r.get(5),
        event_count: r.get(6),
        attempt: r.get(7),
        date_added: r.get(8),
    }
}

const API_USER: &str =
    "SELECT id, username, password_hash, date_added, created_by_user FROM api_users";

fn api_user_from(r: &Row) -> ApiUser {
    ApiUser {
        id: r.get(0),
        username: r.get(1),
        password_hash: r.get(2),
        date_added: r.get(3),
        created_by_user: r.get(4),
    }
}

pub fn api_users<C: GenericClient>(db: &Db<C>) -> Result<Vec<ApiUser>> {
    Ok(db
        .rows(&format!("{API_USER} ORDER BY username COLLATE \"C\""), &[])?
        .iter()
        .map(api_user_from)
        .collect())
}

pub fn api_user<C: GenericClient>(db: &Db<C>, username: &str) -> Result<Option<ApiUser>> {
    Ok(db
        .opt(&format!("{API_USER} WHERE username = $1"), &[&username])?
        .as_ref()
        .map(api_user_from))
}
