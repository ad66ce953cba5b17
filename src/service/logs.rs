//! Delivery attempts, newest first.

use anyhow::Result;

use crate::model::LogEntry;
use crate::store::{LogQuery, Store};

/// The attempts `q` selects (one page) and how many it selects in all.
pub fn list(store: &Store, q: &LogQuery) -> Result<(u64, Vec<LogEntry>)> {
    super::check_hook(store, q.webhook)?;
    store.snapshot(|r| Ok((r.log_count(q)?, r.logs(q)?)))
}
