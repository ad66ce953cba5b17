//! Delivery attempts (`webhook_logs`), newest `log_max` kept per webhook.

use anyhow::Result;
use rusqlite::{Connection, Transaction, params};

use crate::model::Epoch;

/// One attempt, as recorded.
#[derive(Debug, Clone, PartialEq)]
pub struct LogEntry {
    pub id: i64,
    pub webhook_id: i64,
    /// The HTTP status as text, or `N/A` when no response came.
    pub status_code: String,
    /// Seconds.
    pub runtime: f64,
    pub note: String,
    pub batch_id: Option<String>,
    pub event_count: i64,
    pub attempt: i64,
    pub date_added: Epoch,
}

/// Mautic's note column holds 190 bytes: cut at a character boundary.
pub fn clip_note(s: &str) -> String {
    const MAX: usize = 190;
    let clean: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if clean.len() <= MAX {
        return clean;
    }
    let mut end = MAX - '…'.len_utf8();
    while !clean.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &clean[..end])
}

pub fn insert(tx: &Transaction, e: &LogEntry) -> Result<()> {
    let mut ins = tx.prepare_cached(
        "INSERT INTO webhook_logs (webhook_id, status_code, runtime, note, batch_id, event_count, attempt, date_added)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    )?;
    ins.execute(params![
        e.webhook_id,
        e.status_code,
        e.runtime,
        clip_note(&e.note),
        e.batch_id,
        e.event_count,
        e.attempt,
        e.date_added
    ])?;
    Ok(())
}

/// Keep the newest `log_max` rows of `webhook`. Run once per webhook turn,
/// not per attempt: it walks up to `log_max` index entries.
pub fn prune(tx: &Transaction, webhook: i64, log_max: u32) -> Result<()> {
    tx.prepare_cached(
        "DELETE FROM webhook_logs WHERE webhook_id = ?1 AND id <=
           (SELECT id FROM webhook_logs WHERE webhook_id = ?1 ORDER BY id DESC LIMIT 1 OFFSET ?2)",
    )?
    .execute(params![webhook, log_max])?;
    Ok(())
}

/// Newest first.
pub fn list(
    conn: &Connection,
    webhook: Option<i64>,
    limit: u64,
    failed_only: bool,
) -> Result<Vec<LogEntry>> {
    let mut stmt = conn.prepare(
        "SELECT id, webhook_id, status_code, runtime, note, batch_id, event_count, attempt, date_added
           FROM webhook_logs
          WHERE (?1 IS NULL OR webhook_id = ?1)
            AND (?2 = 0 OR status_code = 'N/A' OR CAST(status_code AS INTEGER) NOT BETWEEN 200 AND 299)
          ORDER BY id DESC LIMIT ?3",
    )?;
    let rows = stmt
        .query_map(params![webhook, failed_only, limit as i64], |r| {
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
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_are_clipped_to_190_bytes_of_valid_utf8() {
        let long = "é".repeat(200);
        let c = clip_note(&long);
        assert!(c.len() <= 190, "{}", c.len());
        assert!(c.ends_with('…'));
        assert_eq!(clip_note("a\r\nb"), "a  b");
        assert_eq!(clip_note("short"), "short");
    }
}
