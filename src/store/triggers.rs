//! Custom event types (`triggers`); Mautic's built-in ones live in code.

use anyhow::Result;
use rusqlite::{Transaction, params};

use super::Store;
use crate::model::{Catalog, Epoch, Trigger};

impl Store {
    /// The full catalog: Mautic's types plus the custom ones.
    pub fn catalog(&self) -> Result<Catalog> {
        catalog_in(self.conn())
    }
}

pub(crate) fn catalog_in(conn: &rusqlite::Connection) -> Result<Catalog> {
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

pub(crate) fn insert(tx: &Transaction, t: &Trigger, now: Epoch) -> Result<()> {
    tx.execute(
        "INSERT INTO triggers (event_type, label, description, date_added) VALUES (?, ?, ?, ?)",
        params![t.event_type, t.label, t.description, now],
    )?;
    Ok(())
}

pub(crate) fn delete(tx: &Transaction, event_type: &str) -> Result<bool> {
    Ok(tx.execute("DELETE FROM triggers WHERE event_type = ?", [event_type])? > 0)
}

/// Ids of the webhooks subscribed to `event_type`.
pub(crate) fn subscribers(tx: &Transaction, event_type: &str) -> Result<Vec<i64>> {
    let mut stmt = tx.prepare(
        "SELECT webhook_id FROM webhook_events WHERE event_type = ? ORDER BY webhook_id",
    )?;
    Ok(stmt
        .query_map([event_type], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}
