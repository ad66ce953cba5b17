//! Delivery attempts (`webhook_logs`), newest `log_max` kept per webhook.

use anyhow::Result;
use rusqlite::{Connection, params};

use crate::model::{LogEntry, clip_note};
use crate::store::LogQuery;

/// `batch_lo`: where the batch's events begin (a kept batch's key).
pub fn insert(tx: &Connection, e: &LogEntry, batch_lo: Option<i64>) -> Result<()> {
    let mut ins = tx.prepare_cached(
        "INSERT INTO webhook_logs (webhook_id, status_code, runtime, note, batch_id, event_count, attempt, date_added, batch_lo)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )?;
    ins.execute(params![
        e.webhook_id,
        e.status_code,
        e.runtime,
        clip_note(&e.note),
        e.batch_id,
        e.event_count,
        e.attempt,
        e.date_added,
        batch_lo
    ])?;
    Ok(())
}

/// Keep the newest `log_max` rows of `webhook`. Run once per webhook turn,
/// not per attempt: it walks up to `log_max` index entries.
pub fn prune(tx: &Connection, webhook: i64, log_max: u32) -> Result<()> {
    tx.prepare_cached(
        "DELETE FROM webhook_logs WHERE webhook_id = ?1 AND id <=
           (SELECT id FROM webhook_logs WHERE webhook_id = ?1 ORDER BY id DESC LIMIT 1 OFFSET ?2)",
    )?
    .execute(params![webhook, log_max])?;
    Ok(())
}

/// Newest first.
/// Which rows a query selects: `?1` the webhook (or NULL), `?2` failed
/// only, `?4` since, `?5` status, `?6` batch, `?7` after id, `?8` before
/// id (each NULL: any).
const LOG_WHERE: &str = "(?1 IS NULL OR webhook_id = ?1)
    AND (?2 = 0 OR status_code = 'N/A' OR CAST(status_code AS INTEGER) NOT BETWEEN 200 AND 299)
    AND (?4 IS NULL OR date_added >= ?4) AND (?5 IS NULL OR status_code = ?5)
    AND (?6 IS NULL OR batch_id = ?6) AND (?7 IS NULL OR id > ?7) AND (?8 IS NULL OR id < ?8)";

pub fn list(conn: &Connection, q: &LogQuery) -> Result<Vec<LogEntry>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT id, webhook_id, status_code, runtime, note, batch_id, event_count, attempt, date_added
           FROM webhook_logs WHERE {LOG_WHERE} ORDER BY id DESC LIMIT ?3"
    ))?;
    let limit = q.limit.map_or(-1, |l| i64::try_from(l).unwrap_or(i64::MAX));
    let rows = stmt
        .query_map(
            params![
                q.webhook,
                q.failed_only,
                limit,
                q.since,
                q.status,
                q.batch,
                q.after_id,
                q.before_id
            ],
            from_row,
        )?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// A `webhook_logs` row selected in `list`'s column order.
pub fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<LogEntry> {
    Ok(LogEntry {
        id: r.get(0)?,
        webhook_id: r.get(1)?,
        status_code: r.get(2)?,
        runtime: r.get::<_, Option<f64>>(3)?.unwrap_or(0.0),
        note: r.get::<_, Option<String>>(4)?.unwrap_or_default(),
        batch_id: r.get(5)?,
        event_count: r.get(6)?,
        attempt: r.get(7)?,
        date_added: r.get(8)?,
    })
}

/// How many rows `list` would select without its limit.
pub fn count(conn: &Connection, q: &LogQuery) -> Result<u64> {
    let n: i64 = conn.query_row(
        // ?3 (the limit) is not used here.
        &format!("SELECT count(*) FROM webhook_logs WHERE ?3 IS NULL AND {LOG_WHERE}"),
        params![
            q.webhook,
            q.failed_only,
            None::<i64>,
            q.since,
            q.status,
            q.batch,
            q.after_id,
            None::<i64>
        ],
        |r| r.get(0),
    )?;
    Ok(n as u64)
}
