//! Stored settings (`settings`): canonical text per key.

use std::collections::BTreeMap;

use anyhow::Result;
use rusqlite::{Connection, params};

pub fn stored(conn: &Connection) -> Result<BTreeMap<String, String>> {
    let mut stmt = conn.prepare_cached("SELECT key, value FROM settings")?;
    Ok(stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?)
}

pub fn set(tx: &Connection, key: &str, value: &str) -> Result<()> {
    tx.execute(
        "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}

pub fn unset(tx: &Connection, key: &str) -> Result<bool> {
    Ok(tx.execute("DELETE FROM settings WHERE key = ?", [key])? > 0)
}
