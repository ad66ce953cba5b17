//! Custom event types (`triggers`); Mautic's built-in ones live in code.

use anyhow::Result;
use rusqlite::{Connection, params};

use crate::model::{Catalog, Epoch, Trigger};

/// The full catalog: Mautic's types plus the custom ones.
pub fn catalog(conn: &Connection) -> Result<Catalog> {
    let mut stmt = conn.prepare_cached("SELECT event_type, label, description FROM triggers")?;
    let custom = stmt
        .query_map([], |r| {
            Ok(Trigger {
                event_type: r.get(0)?,
                label: r.get(1)?,
                description: r.get(2)?,
                builtin: false,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(Catalog::new(custom))
}

pub fn insert(tx: &Connection, t: &Trigger, now: Epoch) -> Result<()> {
    tx.execute(
        "INSERT INTO triggers (event_type, label, description, date_added) VALUES (?, ?, ?, ?)",
        params![t.event_type, t.label, t.description, now],
    )?;
    Ok(())
}

pub fn delete(tx: &Connection, event_type: &str) -> Result<bool> {
    Ok(tx.execute("DELETE FROM triggers WHERE event_type = ?", [event_type])? > 0)
}

/// Ids of the webhooks subscribed to `event_type`, published or not.
pub fn users(conn: &Connection, event_type: &str) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare(
        "SELECT webhook_id FROM webhook_events WHERE event_type = ? ORDER BY webhook_id",
    )?;
    Ok(stmt
        .query_map([event_type], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}
