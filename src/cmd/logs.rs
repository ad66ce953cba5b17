//! `logs [ID]`: delivery attempts, newest first (or, with `--follow`,
//! oldest first as they are logged).

use std::time::Duration;

use anyhow::Result;

use super::Ctx;
use crate::cli::LogsArgs;
use crate::error::code;
use crate::model::{LogEntry, format_date};
use crate::output;
use crate::service::logs::{self, LogsInput};

/// How often `--follow` looks for new attempts.
const FOLLOW_EVERY: Duration = Duration::from_secs(1);

const HEADER: [&str; 8] = [
    "Time", "Webhook", "Status", "Seconds", "Events", "Attempt", "Batch", "Note",
];

fn cells(l: &LogEntry) -> Vec<String> {
    vec![
        format_date(l.date_added),
        l.webhook_id.to_string(),
        l.status_code.clone(),
        format!("{:.3}", l.runtime),
        l.event_count.to_string(),
        l.attempt.to_string(),
        l.batch_id.clone().unwrap_or_default(),
        l.note.clone(),
    ]
}

pub fn logs(ctx: &Ctx, a: LogsArgs) -> Result<u8> {
    let q = logs::query(&LogsInput {
        webhook: a.id,
        // 0: all, as for `list`.
        limit: (a.limit > 0).then_some(a.limit),
        failed: a.failed,
        since: a.since,
        status: a.status,
        batch: a.batch,
    })?;
    let store = ctx.store()?;
    let (total, rows) = logs::list(&store, &q)?;
    if a.follow {
        return follow(ctx, &store, q, rows);
    }
    if ctx.out.json {
        ctx.out.json(&output::logs_doc(total, &rows))?;
    } else if rows.is_empty() {
        ctx.out.note("no delivery attempts logged");
    } else {
        let mut t = output::table(&HEADER);
        for l in &rows {
            output::add_row(&mut t, cells(l));
        }
        ctx.out.table(t)?;
    }
    Ok(code::SUCCESS)
}

/// Print `first` (newest first as read) oldest first, then every new
/// attempt the query selects as it is logged, until a signal ends the
/// process. Text is tab-separated rows under one header line; `--json`
/// one log object per line.
fn follow(
    ctx: &Ctx,
    store: &crate::store::Store,
    mut q: crate::store::LogQuery,
    first: Vec<LogEntry>,
) -> Result<u8> {
    let print = |rows: &[LogEntry]| -> Result<()> {
        for l in rows.iter().rev() {
            if ctx.out.json {
                ctx.out.json(&output::log_json(l))?;
            } else {
                let mut t = output::table(&[]);
                output::add_row(&mut t, cells(l));
                ctx.out.text(output::tsv(&t).trim_end())?;
            }
        }
        Ok(())
    };
    if !ctx.out.json {
        ctx.out.text(&HEADER.join("\t"))?;
    }
    print(&first)?;
    // Ids are handed out before their transactions commit, and on
    // PostgreSQL several writers commit in any order: each look goes back
    // WINDOW ids and skips the ones already printed.
    const WINDOW: i64 = 1000;
    let mut seen: std::collections::BTreeSet<i64> = first.iter().map(|l| l.id).collect();
    let mut last = first.first().map_or(0, |l| l.id);
    // What was logged before is what `first` shows, no more.
    let floor = last;
    q.limit = None;
    loop {
        std::thread::sleep(FOLLOW_EVERY);
        q.after_id = Some(last.saturating_sub(WINDOW).max(floor));
        let (_, rows) = logs::list(store, &q)?;
        let new: Vec<LogEntry> = rows.into_iter().filter(|l| !seen.contains(&l.id)).collect();
        if let Some(newest) = new.iter().map(|l| l.id).max() {
            last = last.max(newest);
        }
        seen.extend(new.iter().map(|l| l.id));
        seen = seen.split_off(&last.saturating_sub(WINDOW));
        print(&new)?;
    }
}
