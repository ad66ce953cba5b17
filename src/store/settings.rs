//! Stored settings (`settings`): canonical text per key.

use std::collections::BTreeMap;

use anyhow::Result;
use rusqlite::{Transaction, params};

use super::Store;

impl Store {
    pub fn stored_settings(&self) -> Result<BTreeMap<String, String>> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT key, value FROM settings")?;
        Ok(stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?)
    }
}

pub(crate) fn set(tx: &Transaction, key: &str, value: &str) -> Result<()> {
    tx.execute(
        "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}

pub(crate) fn unset(tx: &Transaction, key: &str) -> Result<bool> {
    Ok(tx.execute("DELETE FROM settings WHERE key = ?", [key])? > 0)
}
