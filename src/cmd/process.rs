//! `process`: the cron worker. Quiet on success under cron; one summary
//! line on stderr when something failed; a progress bar on a terminal.

use std::io::IsTerminal;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressStyle};
use serde_json::{Map, Value, json};

use super::Ctx;
use crate::cli::ProcessArgs;
use crate::delivery::worker::{self, Notice, Options, Report};
use crate::error::{UserError, code};
use crate::model::IdRange;
use crate::output;
use crate::service::{self, queue};
use crate::settings::{Settings, parse_duration};
use crate::store::Store;

/// The run's options: flags over settings.
fn options(s: &Settings, a: &ProcessArgs) -> Result<Options> {
    let bad = |flag: &str, v: &str, why: &str| -> anyhow::Error {
        UserError::invalid(flag, flag.trim_start_matches('-'), Some(v), why).into()
    };
    let batch_limit = match a.limit {
        Some(n) if (1..=10_000).contains(&n) => n as u32,
        Some(n) => {
            return Err(bad(
                "--limit",
                &n.to_string(),
                "use a whole number from 1 to 10000",
            ));
        }
        None => s.batch_limit,
    };
    let concurrency = match a.concurrency {
        Some(n) if (1..=256).contains(&n) => n as u32,
        Some(n) => {
            return Err(bad(
                "--concurrency",
                &n.to_string(),
                "use a whole number from 1 to 256",
            ));
        }
        None => s.concurrency,
    };
    let time_limit = match &a.time_limit {
        Some(t) => parse_duration("--time-limit", t)?,
        None => s.time_limit,
    };
    let range = IdRange {
        min: a.min_id.unwrap_or(i64::MIN),
        max: a.max_id.unwrap_or(i64::MAX),
    };
    if range.min > range.max {
        return Err(bad("--min-id", &range.min.to_string(), "is above --max-id"));
    }
    Ok(Options {
        only: a.webhook_id.map(|w| vec![w]),
        range,
        batch_limit,
        time_limit,
        concurrency,
        log_requests: false,
    })
}

pub fn process(ctx: &Ctx, a: ProcessArgs) -> Result<u8> {
    let store = ctx.store()?;
    let settings = service::settings(&store)?;
    let mut opts = options(&settings, &a)?;
    opts.log_requests = ctx.verbose;
    service::check_hook(&store, a.webhook_id)?;
    if a.dry_run {
        return dry_run(ctx, &store, &opts);
    }
    let stop = Arc::new(AtomicBool::new(false));
    // Which signal stopped the run, for the exit code (128 + its number).
    let signal = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    for sig in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
        signal_hook::flag::register_usize(sig, Arc::clone(&signal), sig as usize)
            .context("could not install the signal handler")?;
        // A second signal exits at once; the first lets in-flight requests finish.
        signal_hook::flag::register_conditional_shutdown(sig, 130, Arc::clone(&stop))
            .context("could not install the signal handler")?;
        signal_hook::flag::register(sig, Arc::clone(&stop))
            .context("could not install the signal handler")?;
    }
    let interactive = std::io::stderr().is_terminal() && !ctx.out.quiet && !ctx.out.json;
    // On a terminal a run that sends nothing says why (under cron it stays
    // silent).
    let no_webhooks = interactive && {
        let first = service::hooks::list_query(&service::hooks::ListInput {
            limit: 1,
            ..Default::default()
        })?;
        service::hooks::list(&store, &first)?.total == 0
    };
    let bar = if interactive {
        progress_bar(&store, &opts)?
    } else {
        None
    };
    let notice = |n: Notice<'_>| {
        let line = match n {
            Notice::Warning(l) => format!("hookq: warning: {l}"),
            Notice::Request(l) => format!("hookq: {l}"),
        };
        match &bar {
            Some(b) => b.suspend(|| eprintln!("{line}")),
            None => eprintln!("{line}"),
        }
    };
    let report = worker::run(store, &settings, &opts, &stop, bar.as_ref(), &notice)?;
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    if ctx.out.json {
        ctx.out.json(&report_json(&report))?;
    }
    let failed = report.any_failed();
    if (failed || interactive || ctx.verbose) && report.requests + report.busy.len() as u64 > 0 {
        eprintln!("hookq: {}", summary(&report));
    } else if interactive && report.requests == 0 {
        eprintln!(
            "hookq: {}",
            if no_webhooks {
                "no webhooks yet; add one with `hookq create --name NAME --url URL --trigger TYPE` (`hookq triggers` lists the types)"
            } else {
                "nothing to send: no event is due (`hookq queue stats` shows what waits)"
            }
        );
    }
    // Stopped by a signal before the queue was done: 130 (SIGINT) or 143
    // (SIGTERM), as shells report a command a signal ended, so a script
    // can tell an interrupted run from a finished one.
    let sig = signal.load(std::sync::atomic::Ordering::SeqCst);
    Ok(if report.stopped && sig > 0 {
        128 + sig as u8
    } else if failed && a.strict {
        code::DELIVERY_FAILED
    } else {
        code::SUCCESS
    })
}

fn progress_bar(store: &Store, opts: &Options) -> Result<Option<ProgressBar>> {
    let total = queue::due_count(store, opts.only.as_deref(), opts.range)?;
    if total < 1000 {
        return Ok(None);
    }
    let bar = ProgressBar::new(total);
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} events {per_sec} eta {eta}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar.enable_steady_tick(Duration::from_millis(200));
    Ok(Some(bar))
}

fn summary(r: &Report) -> String {
    let mut s = format!(
        "delivered {} event(s) in {} request(s); {} batch(es) failed ({} event(s) kept for retry)",
        r.delivered_events, r.requests, r.failed_batches, r.failed_events
    );
    if r.dead_batches > 0 {
        s.push_str(&format!(
            "; {} batch(es) dead (see `hookq queue list --dead`)",
            r.dead_batches
        ));
    }
    if !r.unpublished.is_empty() {
        let ids: Vec<String> = r.unpublished.iter().map(|u| u.0.to_string()).collect();
        s.push_str(&format!("; unpublished webhook(s) {}", ids.join(", ")));
    }
    if !r.busy.is_empty() {
        let ids: Vec<String> = r.busy.iter().map(i64::to_string).collect();
        s.push_str(&format!(
            "; webhook(s) {} busy in another run",
            ids.join(", ")
        ));
    }
    if r.stopped {
        s.push_str("; stopped by signal");
    }
    if r.time_limit_hit {
        s.push_str("; time limit reached");
    }
    s
}

fn report_json(r: &Report) -> Value {
    json!({
        "delivered": r.delivered_events,
        "requests": r.requests,
        "batches": {"ok": r.ok_batches, "failed": r.failed_batches, "dead": r.dead_batches},
        "failedEvents": r.failed_events,
        "unpublished": r.unpublished.iter().map(|(id, name, why)| json!({"id": id, "name": name, "reason": why})).collect::<Vec<_>>(),
        "busy": r.busy,
        "stopped": r.stopped,
        "timeLimitReached": r.time_limit_hit,
    })
}

fn dry_run(ctx: &Ctx, store: &Store, opts: &Options) -> Result<u8> {
    let rows = queue::pending(store, opts.only.as_deref(), opts.range, opts.batch_limit)?;
    if ctx.out.json {
        let mut m = Map::new();
        for r in &rows {
            let p = &r.pending;
            let types: Map<String, Value> =
                p.types.iter().map(|(k, n)| (k.clone(), json!(n))).collect();
            m.insert(
                r.target.id.to_string(),
                json!({"name": r.target.name, "events": p.events, "batches": r.batches, "retriesWaiting": p.live_batches - p.due_batches, "bytes": r.bytes, "types": types,
                    "rate": r.target.rate.map(crate::controls::Rate::text),
                    "heldBackSeconds": r.held_ms.map(|ms| ms as f64 / 1000.0),
                    "rateSeconds": r.rate_ms as f64 / 1000.0}),
            );
        }
        ctx.out
            .json(&json!({"dryRun": true, "webhooks": Value::Object(m)}))?;
    } else if rows.is_empty() {
        ctx.out.note("nothing to send");
    } else {
        let mut t = output::table(&["ID", "Name", "Events", "Batches", "Bytes", "Types"]);
        for r in &rows {
            let types: Vec<String> = r
                .pending
                .types
                .iter()
                .map(|(k, n)| format!("{k} ({n})"))
                .collect();
            output::add_row(
                &mut t,
                vec![
                    r.target.id.to_string(),
                    r.target.name.clone(),
                    r.pending.events.to_string(),
                    r.batches.to_string(),
                    r.bytes.to_string(),
                    types.join("\n"),
                ],
            );
        }
        ctx.out.table(t)?;
        // What a rate limit holds back, and for how long.
        for r in &rows {
            let Some(rate) = r.target.rate else { continue };
            let mut line = format!(
                "webhook {} is limited to {}: its {} batch(es) take at least {}",
                r.target.id,
                rate.text(),
                r.batches,
                crate::settings::prose_duration(std::time::Duration::from_millis(
                    u64::try_from(r.rate_ms).unwrap_or(0)
                ))
            );
            if let Some(ms) = r.held_ms {
                line.push_str(&format!(
                    ", and it may not send for {:.1}s yet (its last requests fill the window)",
                    ms as f64 / 1000.0
                ));
            }
            if r.rate_ms > opts.time_limit.as_millis() as i64 {
                line.push_str("; more than the time limit, so a run leaves the rest to the next");
            }
            ctx.out.note(&line);
        }
    }
    Ok(code::SUCCESS)
}
