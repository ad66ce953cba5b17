//! Use cases: what hookq does, for any front (the CLI in `cmd/`, later the
//! HTTP API). Each takes plain inputs (strings and numbers as a user or a
//! client gives them), checks them, works through the store interface and
//! returns model values or a [`UserError`](crate::error::UserError). It
//! never prints and never sees how its input arrived.
//!
//! Input is checked before the store is touched: functions that only
//! check (`*_query`, `new_hook`, …) are pure, so a front can refuse bad
//! input before it opens anything.

pub mod api_users;
pub mod categories;
pub mod config;
pub mod copy;
pub mod emit;
pub mod hooks;
pub mod logs;
pub mod queue;
pub mod test;
pub mod triggers;

use anyhow::Result;

use crate::error::not_found;
use crate::settings::{self, Settings};
use crate::store::Store;

/// This run's settings: the stored ones with `HOOKQ_<KEY>` overrides.
pub fn settings(store: &Store) -> Result<Settings> {
    let stored = store.stored_settings()?;
    Ok(Settings::from_effective(&settings::effective(&stored)?))
}

/// Refuse a webhook id naming no webhook (nothing to check: None).
pub fn check_hook(store: &Store, id: Option<i64>) -> Result<()> {
    match id {
        Some(id) if store.get_hook(id)?.is_none() => Err(not_found(id)),
        _ => Ok(()),
    }
}
