//! `logs [ID]`: delivery attempts, newest first.

use anyhow::Result;

use super::Ctx;
use crate::cli::LogsArgs;
use crate::error::code;
use crate::model::format_date;
use crate::output;
use crate::service::logs;
use crate::store::LogQuery;

pub fn logs(ctx: &Ctx, a: LogsArgs) -> Result<u8> {
    let q = LogQuery {
        webhook: a.id,
        // 0: all, as for `list`.
        limit: (a.limit > 0).then_some(a.limit),
        failed_only: a.failed,
    };
    let (total, rows) = logs::list(&ctx.store()?, &q)?;
    if ctx.out.json {
        ctx.out.json(&output::logs_doc(total, &rows))?;
    } else if rows.is_empty() {
        ctx.out.note("no delivery attempts logged");
    } else {
        let mut t = output::table(&[
            "Time", "Webhook", "Status", "Seconds", "Events", "Attempt", "Batch", "Note",
        ]);
        for l in &rows {
            output::add_row(
                &mut t,
                vec![
                    format_date(l.date_added),
                    l.webhook_id.to_string(),
                    l.status_code.clone(),
                    format!("{:.3}", l.runtime),
                    l.event_count.to_string(),
                    l.attempt.to_string(),
                    l.batch_id.clone().unwrap_or_default(),
                    l.note.clone(),
                ],
            );
        }
        ctx.out.table(t)?;
    }
    Ok(code::SUCCESS)
}
