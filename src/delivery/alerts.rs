//! hookq's own events (issue 22): what a delivery's outcome changed about
//! its webhook, as events in the catalog any webhook can subscribe to.
//! They are built here from the attempt and queued by the store in the
//! transaction that records it, so none is lost and none is sent for a
//! change that rolled back.

use serde_json::json;

use crate::model::{Epoch, Plan, format_date};
use crate::store::Verdict;

pub use crate::alert::*;

/// The attempt an alert reports.
pub struct Attempt<'a> {
    pub name: &'a str,
    pub plan: &'a Plan,
    pub status: &'a str,
    pub note: &'a str,
    pub verdict: &'a Verdict,
    pub now: Epoch,
}

/// The alerts an attempt's outcome causes (none for most).
pub fn of(a: &Attempt<'_>) -> Vec<Alert> {
    let p = a.plan;
    let before = p.failures_in_a_row;
    let mut out = Vec::new();
    let mut push = |event_type: &'static str, since: Option<Epoch>, failures: i64, extra| {
        let mut v = json!({
            "webhook": {"id": p.webhook_id, "name": a.name, "url": p.url},
            "attempt": {
                "status": a.status,
                "note": a.note,
                "date": format_date(a.now),
                "attempt": p.attempts + 1,
                "batchId": p.uid,
                "events": p.events.len(),
            },
            "since": since.map(format_date),
            "failuresInARow": failures,
        });
        if let (Some(m), serde_json::Value::Object(x)) = (v.as_object_mut(), extra) {
            m.extend(x);
        }
        let payload = super::body::normalize_value(v, u64::MAX).unwrap_or_default();
        out.push(Alert {
            event_type,
            about: p.webhook_id,
            payload,
            time: a.now,
        });
    };
    match a.verdict {
        Verdict::Delivered if before > 0 => {
            push(RECOVERED, p.first_failed_at, before, json!({}));
        }
        Verdict::Delivered => {}
        Verdict::Failed {
            dead, unpublish, ..
        } => {
            if before == 0 {
                push(FAILING, Some(a.now), 1, json!({}));
            }
            if *dead {
                push(
                    BATCH_DEAD,
                    p.first_failed_at.or(Some(a.now)),
                    before + 1,
                    json!({}),
                );
            }
            if let Some(reason) = unpublish {
                push(
                    DISABLED,
                    p.first_failed_at.or(Some(a.now)),
                    before + 1,
                    json!({ "reason": reason }),
                );
            }
        }
    }
    out
}
