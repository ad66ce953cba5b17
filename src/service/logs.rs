//! Delivery attempts, newest first.

use anyhow::Result;

use crate::model::LogEntry;
use crate::store::{LogQuery, Store};

pub fn list(store: &Store, q: &LogQuery) -> Result<Vec<LogEntry>> {
    super::check_hook(store, q.webhook)?;
    store.logs(q)
}
