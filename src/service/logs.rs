//! Delivery attempts, newest first.

use anyhow::Result;

use crate::error::UserError;
use crate::model::{LogEntry, now};
use crate::settings::parse_duration;
use crate::store::{LogQuery, Store};

/// A log query, as given.
#[derive(Debug, Clone, Default)]
pub struct LogsInput {
    pub webhook: Option<i64>,
    /// `None`: no limit.
    pub limit: Option<u64>,
    pub failed: bool,
    /// A duration: attempts since that long ago.
    pub since: Option<String>,
    /// A status code, `N/A`, or `failed`.
    pub status: Option<String>,
    /// A batch id (`Webhook-Id`).
    pub batch: Option<String>,
}

/// Check the input and make it a store query.
pub fn query(i: &LogsInput) -> Result<LogQuery> {
    let since = i
        .since
        .as_deref()
        .map(|d| parse_duration("--since", d))
        .transpose()?
        .map(|d| now().saturating_sub(i64::try_from(d.as_secs()).unwrap_or(i64::MAX)));
    let (failed_only, status) = match i.status.as_deref().map(str::trim) {
        None => (i.failed, None),
        Some(s) if s.eq_ignore_ascii_case("failed") => (true, None),
        Some(s) if s.eq_ignore_ascii_case("n/a") || s.eq_ignore_ascii_case("none") => {
            (i.failed, Some(String::from("N/A")))
        }
        Some(s) if s.len() == 3 && s.parse::<u16>().is_ok_and(|c| (100..=599).contains(&c)) => {
            (i.failed, Some(s.to_owned()))
        }
        Some(s) => {
            return Err(UserError::invalid(
                "--status",
                "status",
                Some(s),
                "use an HTTP status (such as 500), N/A (no response) or failed",
            )
            .into());
        }
    };
    let batch = match i.batch.as_deref().map(str::trim) {
        Some("") => {
            return Err(UserError::invalid("--batch", "batch", Some(""), "give a batch id").into());
        }
        Some(b) => {
            crate::model::reject_control("--batch", "batch", b, false)?;
            Some(b.to_owned())
        }
        None => None,
    };
    Ok(LogQuery {
        webhook: i.webhook,
        limit: i.limit,
        failed_only,
        since,
        status,
        batch,
        after_id: None,
        before_id: None,
    })
}

/// The attempts `q` selects (one page) and how many it selects in all.
pub fn list(store: &Store, q: &LogQuery) -> Result<(u64, Vec<LogEntry>)> {
    super::check_hook(store, q.webhook)?;
    store.snapshot(|r| Ok((r.log_count(q)?, r.logs(q)?)))
}
