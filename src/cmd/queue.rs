//! `queue stats|list|retry|resend|purge`, and `resend BATCH_ID`.

use std::io::{BufRead, IsTerminal, Write};

use anyhow::Result;
use serde_json::json;

use super::Ctx;
use crate::cli::QueueCmd;
use crate::error::{UserError, code};
use crate::model::format_date;
use crate::output;
use crate::service::queue;
use crate::service::queue::Resent;
use crate::settings::parse_duration;
use crate::store::QueueQuery;

pub fn run(ctx: &Ctx, action: Option<QueueCmd>) -> Result<u8> {
    match action.unwrap_or(QueueCmd::Stats) {
        QueueCmd::Stats => stats(ctx),
        QueueCmd::List {
            webhook_id,
            dead,
            limit,
        } => list(ctx, webhook_id, dead, limit),
        QueueCmd::Retry {
            webhook_id,
            waiting,
        } => retry(ctx, webhook_id, waiting),
        QueueCmd::Purge {
            webhook_id,
            dead,
            yes,
        } => purge(ctx, webhook_id, dead, yes),
        QueueCmd::Resend {
            webhook_id,
            since,
            new_id,
        } => {
            let since = parse_duration("--since", &since)?;
            let r = queue::resend_since(&mut ctx.store()?, webhook_id, since, new_id)?;
            if r.is_empty() {
                return Err(UserError::Missing(format!(
                    "nothing was queued again: no batch delivered to webhook {webhook_id} within {} is kept (see hookq logs {webhook_id}, and delivered_retention)",
                    crate::settings::prose_duration(since)
                ))
                .into());
            }
            print_resent(ctx, &r, new_id)
        }
    }
}

/// `resend BATCH_ID`.
pub fn resend_batch(ctx: &Ctx, batch_id: &str, new_id: bool) -> Result<u8> {
    let r = queue::resend_batch(&mut ctx.store()?, batch_id, new_id)?;
    print_resent(ctx, &r, new_id)
}

/// What was queued again; exit 1 when that was nothing (every batch was
/// queued to go out already, so `--new-id` changed nothing either).
fn print_resent(ctx: &Ctx, r: &[Resent], new_id: bool) -> Result<u8> {
    let queued = r.iter().filter(|b| !b.already_queued).count();
    let nothing = || -> anyhow::Error {
        UserError::Conflict(format!(
            "nothing was queued again: {} already queued to go out{}",
            if r.len() == 1 {
                String::from("the batch is")
            } else {
                format!("all {} batches are", r.len())
            },
            if new_id {
                " (--new-id was not applied; it goes out with the id it has)"
            } else {
                ""
            }
        ))
        .into()
    };
    if ctx.out.json {
        let list: Vec<_> = r
            .iter()
            .map(|b| {
                json!({"webhookId": b.webhook_id, "batchId": b.uid, "newBatchId": b.new_uid, "events": b.events, "alreadyQueued": b.already_queued})
            })
            .collect();
        ctx.out.json(&json!({ "resent": list }))?;
        if queued == 0 {
            return Err(nothing());
        }
        return Ok(code::SUCCESS);
    }
    for b in r {
        if b.already_queued {
            ctx.out.text(&format!(
                "webhook {}: batch {} is already queued to go out again (skipped{})",
                b.webhook_id,
                b.uid,
                if new_id { "; --new-id not applied" } else { "" }
            ))?;
            continue;
        }
        let id = if b.new_uid == b.uid {
            format!("with the same Webhook-Id {}", b.uid)
        } else {
            format!("with the new Webhook-Id {} (was {})", b.new_uid, b.uid)
        };
        ctx.out.text(&format!(
            "webhook {}: {} event(s) queued again {id}; they go out at the next `hookq process`",
            b.webhook_id, b.events
        ))?;
    }
    if queued == 0 {
        return Err(nothing());
    }
    Ok(code::SUCCESS)
}

fn stats(ctx: &Ctx) -> Result<u8> {
    let rows = queue::stats(&ctx.store()?)?;
    if ctx.out.json {
        ctx.out.json(&output::queue_stats_doc(&rows))?;
        return Ok(code::SUCCESS);
    }
    let mut tb = output::table(&[
        "ID",
        "Name",
        "Published",
        "Queued",
        "Waiting retry",
        "Dead",
        "Oldest",
        "Next retry",
    ]);
    for r in rows
        .iter()
        .filter(|r| r.fresh + r.in_flight + r.waiting + r.dead > 0)
    {
        output::add_row(
            &mut tb,
            vec![
                r.id.to_string(),
                r.name.clone(),
                if r.published { "yes" } else { "no" }.to_owned(),
                (r.fresh + r.in_flight).to_string(),
                r.waiting.to_string(),
                r.dead.to_string(),
                r.oldest.map(format_date).unwrap_or_default(),
                r.next_retry.map(format_date).unwrap_or_default(),
            ],
        );
    }
    if tb.row_count() == 0 {
        ctx.out.note("the queue is empty");
    } else {
        ctx.out.table(tb)?;
    }
    Ok(code::SUCCESS)
}

fn list(ctx: &Ctx, webhook: Option<i64>, dead_only: bool, limit: u64) -> Result<u8> {
    let q = QueueQuery {
        after: None,
        webhook,
        dead_only,
        limit: (limit > 0).then_some(limit),
    };
    let (total, rows) = queue::list(&ctx.store()?, &q)?;
    if ctx.out.json {
        ctx.out.json(&output::queue_list_doc(total, &rows))?;
    } else if rows.is_empty() {
        ctx.out.note(if dead_only {
            "no dead events"
        } else {
            "the queue is empty"
        });
    } else {
        let mut tb = output::table(&[
            "Event", "Webhook", "Type", "Added", "Batch", "Attempts", "Due", "Dead",
        ]);
        for r in &rows {
            output::add_row(
                &mut tb,
                vec![
                    r.event_id.to_string(),
                    r.webhook_id.to_string(),
                    r.event_type.clone(),
                    format_date(r.date_added),
                    r.batch_uid.clone().unwrap_or_default(),
                    r.attempts.to_string(),
                    r.next_attempt
                        .map(format_date)
                        .unwrap_or_else(|| String::from("now")),
                    if r.dead { "yes" } else { "" }.to_owned(),
                ],
            );
        }
        ctx.out.table(tb)?;
    }
    Ok(code::SUCCESS)
}

fn retry(ctx: &Ctx, webhook: Option<i64>, waiting: bool) -> Result<u8> {
    let r = queue::retry(&mut ctx.store()?, webhook, waiting)?;
    if ctx.out.json {
        ctx.out
            .json(&json!({"batches": r.batches, "events": r.events}))?;
    } else if waiting {
        ctx.out.text(&format!(
            "{} dead or waiting event(s) in {} batch(es) are due again",
            r.events, r.batches
        ))?;
    } else {
        ctx.out.text(&format!(
            "{} dead event(s) in {} batch(es) are due again",
            r.events, r.batches
        ))?;
    }
    Ok(code::SUCCESS)
}

fn purge(ctx: &Ctx, webhook: Option<i64>, dead_only: bool, yes: bool) -> Result<u8> {
    let mut store = ctx.store()?;
    let count = queue::purge_count(&store, webhook, dead_only)?;
    if count == 0 {
        ctx.out.note("nothing to purge");
        if ctx.out.json {
            ctx.out.json(&json!({"purged": 0}))?;
        }
        return Ok(code::SUCCESS);
    }
    let what = match (webhook, dead_only) {
        (Some(w), true) => format!("{count} dead event(s) of webhook {w}"),
        (Some(w), false) => format!("{count} queued event(s) of webhook {w}"),
        (None, true) => format!("{count} dead event(s)"),
        (None, false) => format!("all {count} queued event(s)"),
    };
    if !yes {
        if !std::io::stdin().is_terminal() {
            // Not "invalid --yes" (issue 13): the flag is missing, and
            // there is no terminal to ask on.
            return Err(UserError::invalid(
                "queue purge",
                "yes",
                None,
                format!(
                    "this would drop {what} for good, and there is no terminal to ask on; add --yes to confirm"
                ),
            )
            .into());
        }
        eprint!("Drop {what} for good? [y/N] ");
        std::io::stderr().flush()?;
        let mut answer = String::new();
        std::io::stdin().lock().read_line(&mut answer)?;
        if !matches!(answer.trim(), "y" | "Y" | "yes") {
            ctx.out.note("nothing purged");
            return Ok(code::FAILURE);
        }
    }
    let purged = queue::purge(&mut store, webhook, dead_only)?;
    if ctx.out.json {
        ctx.out.json(&json!({"purged": purged}))?;
    } else {
        ctx.out.text(&format!("purged {purged} event(s)"))?;
    }
    Ok(code::SUCCESS)
}
