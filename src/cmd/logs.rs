//! `logs [ID]`: delivery attempts, newest first.

use anyhow::Result;
use serde_json::json;

use super::Ctx;
use crate::cli::LogsArgs;
use crate::error::{UserError, code};
use crate::model::format_date;
use crate::output;
use crate::store::logs;

pub fn logs(ctx: &Ctx, a: LogsArgs) -> Result<u8> {
    let rows = ctx.read(|store| {
        if let Some(id) = a.id
            && store.get_hook(id)?.is_none()
        {
            return Err(UserError::NotFound {
                what: "webhook",
                id: id.to_string(),
            }
            .into());
        }
        logs::list(store.conn(), a.id, a.limit, a.failed)
    })?;
    if ctx.out.json {
        let list: Vec<_> = rows
            .iter()
            .map(|l| {
                json!({
                    "id": l.id,
                    "webhookId": l.webhook_id,
                    "statusCode": l.status_code,
                    "runtime": l.runtime,
                    "note": l.note,
                    "batchId": l.batch_id,
                    "eventCount": l.event_count,
                    "attempt": l.attempt,
                    "dateAdded": format_date(l.date_added),
                })
            })
            .collect();
        ctx.out.json(&json!({"total": list.len(), "logs": list}))?;
    } else if rows.is_empty() {
        ctx.out.note("no delivery attempts logged");
    } else {
        let mut t = output::table(&[
            "Time", "Webhook", "Status", "Seconds", "Events", "Attempt", "Batch", "Note",
        ]);
        for l in &rows {
            t.add_row(vec![
                format_date(l.date_added),
                l.webhook_id.to_string(),
                l.status_code.clone(),
                format!("{:.3}", l.runtime),
                l.event_count.to_string(),
                l.attempt.to_string(),
                l.batch_id.clone().unwrap_or_default(),
                l.note.clone(),
            ]);
        }
        ctx.out.text(&t.to_string())?;
    }
    Ok(code::SUCCESS)
}
