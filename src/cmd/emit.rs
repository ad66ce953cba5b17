//! `emit`: record events (the outbox), and in immediate mode deliver them.
//!
//! An event is stored for every webhook that is published and subscribed
//! to its type when the transaction commits, in that one transaction, so
//! no subscriber is skipped and nothing is sent for an event that was not
//! committed. NDJSON input is parsed and validated a chunk at a time
//! before the chunk's transaction starts, so a bad line writes nothing of
//! its chunk.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::sync::atomic::AtomicBool;
use std::sync::mpsc::SyncSender;

use anyhow::Result;
use serde_json::{Value, json};

use super::{Ctx, read_text};
use crate::cli::EmitArgs;
use crate::delivery::body;
use crate::delivery::worker::{self, Options};
use crate::error::{UserError, code};
use crate::model::{Catalog, now};
use crate::settings::{QueueMode, Settings};
use crate::store::queue::{self, IdRange, SubscriberCache};
use crate::store::{Store, triggers};

/// Lines per transaction for `--ndjson`.
const CHUNK_LINES: usize = 20_000;

pub fn emit(ctx: &Ctx, a: EmitArgs) -> Result<u8> {
    // One open of the database serves both the settings and the write.
    let existing = ctx.existing()?;
    let settings = ctx.settings_in(existing.as_ref())?;
    if let Some(src) = &a.ndjson {
        return ndjson(ctx, &settings, src, existing);
    }
    let event_type = a.event_type.clone().unwrap_or_default();
    let (flag, raw) = match (&a.payload, &a.payload_file) {
        (Some(p), _) => ("--payload", p.clone()),
        (None, Some(f)) => ("--payload-file", read_text("--payload-file", f)?),
        (None, None) => ("--payload", String::from("{}")),
    };
    let payload = body::normalize(&raw, settings.max_payload_bytes)
        .map_err(|e| UserError::invalid(flag, "payload", None, e.to_string()))?;
    let time = now();
    let (store, stored) = ctx.write_in(existing, |tx| {
        triggers::catalog_in(tx)?.check("TYPE", &event_type)?;
        let subs = queue::subscribers(tx, &event_type)?;
        if subs.is_empty() {
            return Ok(None);
        }
        let id = queue::insert_event(tx, &event_type, &payload, time, &subs)?;
        Ok(Some((id, subs)))
    })?;
    drop(store);
    let Some((id, subs)) = stored else {
        ctx.out.note(&format!(
            "no published webhook subscribes to {event_type}; nothing was stored"
        ));
        if ctx.out.json {
            ctx.out.json(&json!({"event": null, "webhooks": []}))?;
        }
        return Ok(code::SUCCESS);
    };
    if ctx.out.json {
        ctx.out
            .json(&json!({"event": {"id": id, "type": event_type}, "webhooks": subs}))?;
    } else {
        let ids: Vec<String> = subs.iter().map(i64::to_string).collect();
        ctx.out.text(&format!(
            "event {id} queued for webhook(s) {}",
            ids.join(", ")
        ))?;
    }
    if settings.queue_mode == QueueMode::Immediate {
        deliver_now(ctx, &settings, subs, id)?;
    }
    Ok(code::SUCCESS)
}

/// Immediate mode: deliver what was just stored through the same path as
/// `process`; what fails stays queued for cron.
fn deliver_now(ctx: &Ctx, settings: &Settings, webhooks: Vec<i64>, max_id: i64) -> Result<()> {
    let opts = Options {
        only: Some(webhooks),
        range: IdRange {
            min: i64::MIN,
            max: max_id,
        },
        batch_limit: settings.batch_limit,
        time_limit: settings.time_limit,
        concurrency: settings.concurrency,
    };
    let stop = AtomicBool::new(false);
    let warn = |line: &str| eprintln!("hookq: warning: {line}");
    let report = worker::run(&ctx.db_path()?, settings, &opts, &stop, None, &warn)?;
    if report.any_failed() {
        ctx.out.note(&format!(
            "immediate delivery failed for {} event(s); they stay queued for `hookq process`",
            report.failed_events
        ));
    }
    Ok(())
}

/// One parsed NDJSON line.
struct Line {
    event_type: String,
    payload: String,
}

fn parse_line(text: &str, catalog: &Catalog, max: u64) -> Result<Line, String> {
    let v: Value = serde_json::from_str(text).map_err(|e| format!("not valid JSON ({e})"))?;
    let Value::Object(mut m) = v else {
        return Err(String::from(
            r#"each line must be an object {"type":"..","payload":{..}}"#,
        ));
    };
    let Some(Value::String(event_type)) = m.remove("type") else {
        return Err(String::from(
            r#""type" must be a string naming an event type"#,
        ));
    };
    let payload = m.remove("payload").unwrap_or_else(|| json!({}));
    if let Some(k) = m.keys().next() {
        return Err(format!(
            r#"unknown key "{k}"; a line has only "type" and "payload""#
        ));
    }
    catalog.check("type", &event_type).map_err(|e| match e {
        UserError::Invalid(i) => format!("type {:?}: {}", event_type, i.reason),
        other => other.to_string(),
    })?;
    let payload = body::normalize_value(payload, max).map_err(|e| format!("payload: {e}"))?;
    Ok(Line {
        event_type,
        payload,
    })
}

fn ndjson(ctx: &Ctx, settings: &Settings, src: &Path, existing: Option<Store>) -> Result<u8> {
    let name = if src.as_os_str() == "-" {
        String::from("standard input")
    } else {
        src.display().to_string()
    };
    let reader: Box<dyn BufRead + Send> = if src.as_os_str() == "-" {
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
    let catalog = match &existing {
        Some(s) => s.catalog()?,
        None => ctx.read(|s| s.catalog())?,
    };
    let max = settings.max_payload_bytes;
    let mut totals = Totals::default();
    // Parsing runs on its own thread while the previous chunk commits.
    let (sender, chunks) = std::sync::mpsc::sync_channel::<Parsed>(2);
    let line_no = std::thread::scope(|scope| -> Result<usize> {
        scope.spawn(|| parse_chunks(reader, &catalog, max, sender));
        let mut stored_through = 0usize;
        // One connection for the whole input: each new connection would
        // rebuild the WAL index, and a closing one may fold the WAL. The
        // file is created by the first good chunk when it does not exist.
        let mut store = existing.map(big_cache).transpose()?;
        for msg in chunks {
            match msg {
                Parsed::Chunk(lines, last) => {
                    let s = match store.take() {
                        Some(s) => store_chunk(ctx, Some(s), &lines, &mut totals)?,
                        None => big_cache(store_chunk(ctx, None, &lines, &mut totals)?)?,
                    };
                    store = Some(s);
                    stored_through = last;
                }
                Parsed::Bad(line, why) => {
                    return Err(bad_line(&name, line, stored_through, &totals, why));
                }
                Parsed::Unreadable(e) => {
                    return Err(anyhow::Error::new(e).context(format!("could not read {name}")));
                }
                Parsed::Done(lines) => return Ok(lines),
            }
        }
        Ok(stored_through)
    })?;
    totals.lines = line_no;
    if ctx.out.json {
        ctx.out.json(&json!({
            "lines": totals.lines,
            "events": totals.events,
            "deliveries": totals.deliveries,
            "unsubscribed": totals.unsubscribed,
        }))?;
    } else {
        ctx.out.text(&format!(
            "stored {} event(s) for {} delivery(ies) from {} line(s)",
            totals.events, totals.deliveries, totals.lines
        ))?;
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
        if n > 0 {
            line_no += 1;
            let parsed = match std::str::from_utf8(&buf) {
                Err(e) => Err(format!("not UTF-8 (byte {})", e.valid_up_to())),
                Ok(text) if text.trim().is_empty() => Ok(None),
                Ok(text) => parse_line(text.trim(), catalog, max).map(Some),
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

#[derive(Default)]
struct Totals {
    lines: usize,
    events: u64,
    deliveries: u64,
    unsubscribed: u64,
    webhooks: Vec<i64>,
    max_id: i64,
}

fn bad_line(
    name: &str,
    line: usize,
    stored_through: usize,
    t: &Totals,
    why: String,
) -> anyhow::Error {
    let kept = if stored_through == 0 {
        String::from("nothing was stored")
    } else {
        format!(
            "lines 1-{stored_through} were stored ({} events); nothing after",
            t.events
        )
    };
    UserError::invalid(
        format!("line {line} of {name}"),
        "ndjson",
        None,
        format!("{why}; {kept}"),
    )
    .into()
}

/// A chunk is ~20 MB: let its transaction build in memory, not spill.
fn big_cache(store: Store) -> Result<Store> {
    store.conn().execute_batch("PRAGMA cache_size = -32768")?;
    Ok(store)
}

/// Store one chunk in one transaction (`store` None: no file yet).
fn store_chunk(
    ctx: &Ctx,
    store: Option<Store>,
    chunk: &[Line],
    totals: &mut Totals,
) -> Result<Store> {
    let time = now();
    let (store, (events, deliveries, unsubscribed, webhooks, max_id)) =
        ctx.write_in(store, |tx| {
            let mut cache = SubscriberCache::default();
            let (mut events, mut deliveries, mut unsubscribed, mut max_id) =
                (0u64, 0u64, 0u64, 0i64);
            for l in chunk {
                let subs = cache.get(tx, &l.event_type)?;
                if subs.is_empty() {
                    unsubscribed += 1;
                    continue;
                }
                max_id = queue::insert_event(tx, &l.event_type, &l.payload, time, subs)?;
                events += 1;
                deliveries += subs.len() as u64;
            }
            // Every type seen was stored for all its subscribers.
            let webhooks: Vec<i64> = cache.webhooks().collect();
            Ok((events, deliveries, unsubscribed, webhooks, max_id))
        })?;
    totals.events += events;
    totals.deliveries += deliveries;
    totals.unsubscribed += unsubscribed;
    totals.webhooks.extend(webhooks);
    totals.max_id = totals.max_id.max(max_id);
    Ok(store)
}
