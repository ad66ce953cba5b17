//! hookq's own event types (issue 22) and an alert to queue: what a
//! delivery's outcome changed about its webhook, as events of the
//! catalog. A room of its own at the bottom, so the catalog (`model`) and
//! the store can name them; `delivery::alerts` builds them.

/// A webhook's first failure after a success (or its first ever).
pub const FAILING: &str = "hookq.webhook_failing";
/// Its first success after failing.
pub const RECOVERED: &str = "hookq.webhook_recovered";
/// Unpublished by a 410 answer or by `disable_limit`.
pub const DISABLED: &str = "hookq.webhook_disabled";
/// A batch past `retry_max_age`, no longer sent on its own.
pub const BATCH_DEAD: &str = "hookq.batch_dead";

/// hookq's types, with their labels and descriptions, beside Mautic's.
pub const TYPES: [(&str, &str, &str); 4] = [
    (
        FAILING,
        "hookq: Webhook Failing",
        "Triggered when a webhook's delivery fails after a success (its first failure in a row).",
    ),
    (
        RECOVERED,
        "hookq: Webhook Recovered",
        "Triggered when a webhook that was failing delivers again.",
    ),
    (
        DISABLED,
        "hookq: Webhook Disabled",
        "Triggered when hookq unpublishes a webhook (a 410 answer, or disable_limit failures in a row).",
    ),
    (
        BATCH_DEAD,
        "hookq: Batch Dead",
        "Triggered when a batch is past retry_max_age and is no longer retried.",
    ),
];

/// One alert to queue: its type, the webhook it is about (never sent to
/// it), and its payload (normalised JSON).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alert {
    pub event_type: &'static str,
    pub about: i64,
    pub payload: String,
    /// Unix seconds (an `Epoch`).
    pub time: i64,
}
