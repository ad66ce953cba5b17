//! `emit`: record events (the outbox), and in immediate mode deliver them.
//!
//! NDJSON input is parsed and checked a chunk at a time on its own thread,
//! while the previous chunk commits; a chunk is stored in one transaction
//! (`service::emit::emit_many`), so a bad line writes nothing of its chunk.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::sync::mpsc::SyncSender;

use anyhow::Result;

use super::Ctx;
use super::input::read_text;
use crate::cli::EmitArgs;
use crate::error::{UserError, code};
use crate::model::Catalog;
use crate::output;
use crate::service::emit::{Emitted, Line, Stored};
use crate::service::{self, emit};
use crate::settings::{QueueMode, Settings};
use crate::store::Store;

/// Lines per transaction for `--ndjson`.
const CHUNK_LINES: usize = 20_000;

pub fn emit(ctx: &Ctx, a: EmitArgs) -> Result<u8> {
    // One open of the database serves both the settings and the write.
    let mut store = ctx.store()?;
    let settings = service::settings(&store)?;
    if let Some(src) = &a.ndjson {
        return ndjson(ctx, &settings, src, a.skip, store);
    }
    let event_type = a.event_type.clone().unwrap_or_default();
    let (flag, raw) = match (&a.payload, &a.payload_file) {
        (Some(p), _) => ("--payload", p.clone()),
        (None, Some(f)) => ("--payload-file", read_text("--payload-file", f)?),
        (None, None) => ("--payload", String::from("{}")),
    };
    let payload = emit::payload(&settings, flag, &raw)?;
    let key = a
        .idempotency_key
        .as_deref()
        .map(|k| emit::key("--idempotency-key", "idempotencyKey", k))
        .transpose()?;
    let recorded = emit::emit(
        &mut store,
        &event_type,
        &payload,
        key.as_deref(),
        settings.idempotency_window,
    )?;
    drop(store);
    let duplicate = recorded.duplicate;
    let Some(Emitted { id, webhooks: subs }) = recorded.event else {
        ctx.out.note(&if duplicate {
            format!(
                "an event with this idempotency key was sent before, when no published webhook subscribed to {event_type}; nothing was stored"
            )
        } else {
            format!("no published webhook subscribes to {event_type}; nothing was stored")
        });
        if ctx.out.json {
            ctx.out.json(&output::emit_doc(None, duplicate))?;
        }
        return Ok(code::SUCCESS);
    };
    if ctx.out.json {
        ctx.out
            .json(&output::emit_doc(Some((id, &event_type, &subs)), duplicate))?;
    } else if duplicate {
        ctx.out.text(&format!(
            "event {id} was stored before under this idempotency key; nothing stored now"
        ))?;
        return Ok(code::SUCCESS);
    } else {
        let ids: Vec<String> = subs.iter().map(i64::to_string).collect();
        ctx.out.text(&format!(
            "event {id} queued for webhook(s) {}",
            ids.join(", ")
        ))?;
    }
    // A repeat stored nothing: nothing new to deliver.
    if settings.queue_mode == QueueMode::Immediate && !duplicate {
        deliver_now(ctx, &settings, subs, id)?;
    }
    Ok(code::SUCCESS)
}

/// Immediate mode: deliver what was just stored through the same path as
/// `process`; what fails stays queued for cron.
fn deliver_now(ctx: &Ctx, settings: &Settings, webhooks: Vec<i64>, max_id: i64) -> Result<()> {
    let warn = |line: &str| eprintln!("hookq: warning: {line}");
    let report = emit::deliver_now(ctx.store()?, settings, webhooks, max_id, &warn)?;
    if report.any_failed() {
        ctx.out.note(&format!(
            "immediate delivery failed for {} event(s); they stay queued for `hookq process`",
            report.failed_events
        ));
    }
    Ok(())
}

fn ndjson(ctx: &Ctx, settings: &Settings, src: &Path, skip: usize, mut store: Store) -> Result<u8> {
    let name = if src.as_os_str() == "-" {
        String::from("standard input")
    } else {
        src.display().to_string()
    };
    let reader: Box<dyn BufRead + Send> = if src.as_os_str() == "-" {
        super::input::stdin_hint();
        Box::new(BufReader::with_capacity(1 << 20, std::io::stdin()))
    } else {
        let f = std::fs::File::open(src).map_err(|e| {
            UserError::invalid(
                "--ndjson",
                "file",
                Some(&src.display().to_string()),
                format!("could not read it ({e})"),
            )
        })?;
        Box::new(BufReader::with_capacity(1 << 20, f))
    };
    let catalog = store.catalog()?;
    let max = settings.max_payload_bytes;
    let mut totals = Stored::default();
    // Parsing runs on its own thread while the previous chunk commits.
    let (sender, chunks) = std::sync::mpsc::sync_channel::<Parsed>(2);
    let line_no = std::thread::scope(|scope| -> Result<usize> {
        scope.spawn(|| parse_chunks(reader, skip, &catalog, max, sender));
        let mut stored_through = skip;
        // One store for the whole input: on SQLite each new connection
        // would rebuild the WAL index, and a closing one may fold the WAL.
        // The file is created by the first good chunk when it does not exist.
        store.expect_bulk_writes()?;
        for msg in chunks {
            match msg {
                Parsed::Chunk(lines, last) => {
                    totals.add(emit::emit_many(
                        &mut store,
                        &lines,
                        settings.idempotency_window,
                    )?);
                    stored_through = last;
                }
                Parsed::Bad(line, why) => {
                    return Err(bad_line(&name, line, skip, stored_through, &totals, why));
                }
                Parsed::Unreadable(e) => {
                    return Err(anyhow::Error::new(e).context(format!("could not read {name}")));
                }
                Parsed::Done(lines) => return Ok(lines),
            }
        }
        Ok(stored_through)
    })?;
    drop(store);
    let lines = line_no;
    if ctx.out.json {
        ctx.out.json(&output::emit_many_doc(lines, &totals))?;
    } else {
        ctx.out.text(&format!(
            "stored {} event(s) for {} delivery(ies) from {lines} line(s)",
            totals.events, totals.deliveries
        ))?;
        if totals.duplicates > 0 {
            ctx.out.note(&format!(
                "{} line(s) repeated an idempotency key already seen: not stored again",
                totals.duplicates
            ));
        }
    }
    if totals.unsubscribed > 0 {
        ctx.out.note(&format!(
            "{} event(s) had no published subscriber and were not stored",
            totals.unsubscribed
        ));
    }
    if settings.queue_mode == QueueMode::Immediate && totals.events > 0 {
        let mut webhooks = totals.webhooks;
        webhooks.sort_unstable();
        webhooks.dedup();
        deliver_now(ctx, settings, webhooks, totals.max_id)?;
    }
    Ok(code::SUCCESS)
}

/// What the parsing thread hands to the writer, in input order.
enum Parsed {
    /// A chunk whose every line is valid, and the number of its last line.
    Chunk(Vec<Line>, usize),
    /// The first bad line: its number and what is wrong.
    Bad(usize, String),
    Unreadable(std::io::Error),
    /// End of input, after this many lines.
    Done(usize),
}

/// Read and validate lines, sending whole chunks. Stops at the first bad
/// line, so nothing of its chunk reaches the writer.
fn parse_chunks(
    mut reader: Box<dyn BufRead + Send>,
    skip: usize,
    catalog: &Catalog,
    max: u64,
    out: SyncSender<Parsed>,
) {
    let mut chunk: Vec<Line> = Vec::with_capacity(CHUNK_LINES);
    let mut line_no = 0usize;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let n = match reader.read_until(b'\n', &mut buf) {
            Ok(n) => n,
            Err(e) => {
                let _ = out.send(Parsed::Unreadable(e));
                return;
            }
        };
        if n > 0 && line_no < skip {
            line_no += 1;
            continue;
        }
        if n > 0 {
            line_no += 1;
            let parsed = match std::str::from_utf8(&buf) {
                Err(e) => Err(format!("not UTF-8 (byte {})", e.valid_up_to())),
                Ok(text) if text.trim().is_empty() => Ok(None),
                Ok(text) => emit::parse_line(text.trim(), catalog, max).map(Some),
            };
            match parsed {
                Ok(Some(line)) => chunk.push(line),
                Ok(None) => {}
                Err(why) => {
                    let _ = out.send(Parsed::Bad(line_no, why));
                    return;
                }
            }
        }
        if (chunk.len() >= CHUNK_LINES || (n == 0 && !chunk.is_empty()))
            && out
                .send(Parsed::Chunk(std::mem::take(&mut chunk), line_no))
                .is_err()
        {
            return;
        }
        if n == 0 {
            let _ = out.send(Parsed::Done(line_no));
            return;
        }
    }
}

/// The first bad line. Exit 2 when nothing of this run was stored; when
/// chunks before it were, exit 4 ([`code::PARTLY_STORED`]) with the
/// `--skip` that goes on after them without storing them twice.
fn bad_line(
    name: &str,
    line: usize,
    skip: usize,
    stored_through: usize,
    t: &Stored,
    why: String,
) -> anyhow::Error {
    let flag = format!("--ndjson {name}");
    if stored_through == skip {
        return UserError::invalid(
            flag,
            "ndjson",
            None,
            format!("line {line}: {why}; nothing was stored"),
        )
        .into();
    }
    UserError::PartlyStored(crate::error::Invalid {
        flag,
        field: String::from("ndjson"),
        value: None,
        reason: format!(
            "line {line}: {why}; lines {}-{stored_through} were stored ({} events), nothing after: fix line {line}, then go on with --skip {stored_through}",
            skip + 1,
            t.events
        ),
        api_reason: None,
    })
    .into()
}
