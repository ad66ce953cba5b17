//! Emit: record events (the outbox), and in immediate mode deliver them.
//!
//! An event is stored for every webhook that is published and subscribed
//! to its type when the transaction commits, in that one transaction, so
//! no subscriber is skipped and nothing is sent for an event that was not
//! committed. Many events (`emit_many`) are checked whole before their
//! transaction starts, so a bad one writes nothing of its group.

use std::collections::HashMap;
use std::sync::atomic::AtomicBool;

use anyhow::{Context, Result};
use serde_json::{Value, json};

use crate::delivery::body;
use crate::delivery::worker::{self, Notice, Options, Report};
use crate::error::UserError;
use crate::model::{Catalog, IdRange, now};
use crate::settings::Settings;
use crate::store::{NewEvent, Reads, Store};

/// A payload as given (JSON text), normalised for storage: a JSON object
/// in PHP's encoding, within `max_payload_bytes`. `flag` names the input.
pub fn payload(settings: &Settings, flag: &str, raw: &str) -> Result<String> {
    body::normalize(raw, settings.max_payload_bytes)
        .map_err(|e| UserError::invalid(flag, "payload", None, e.to_string()).into())
}

/// One stored event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Emitted {
    pub id: i64,
    /// Its subscribers, by id.
    pub webhooks: Vec<i64>,
}

/// Store one event (its payload from [`payload`]). None: no published
/// webhook subscribes to its type, and nothing was stored.
pub fn emit(store: &mut Store, event_type: &str, payload: &str) -> Result<Option<Emitted>> {
    let time = now();
    store.write(|tx| {
        tx.catalog()?.check("TYPE", event_type)?;
        let subs = tx.subscribers(event_type)?;
        if subs.is_empty() {
            return Ok(None);
        }
        let id = tx.insert_event(event_type, payload, time, &subs)?;
        Ok(Some(Emitted { id, webhooks: subs }))
    })
}

/// One event of many, checked.
#[derive(Debug, Clone)]
pub struct Line {
    pub event_type: String,
    pub payload: String,
}

/// Check one NDJSON line, `{"type":"..","payload":{..}}`; the error says
/// what is wrong with it.
pub fn parse_line(text: &str, catalog: &Catalog, max: u64) -> Result<Line, String> {
    // The plain case without a Value; anything else, and every refusal,
    // is decided and worded below.
    if let Some((event_type, payload)) = crate::delivery::transcode::line(text, max)
        && catalog.get(&event_type).is_some()
    {
        return Ok(Line {
            event_type,
            payload,
        });
    }
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

/// What [`emit_many`] stored.
#[derive(Debug, Clone, Default)]
pub struct Stored {
    pub events: u64,
    /// Queue rows: an event times its subscribers.
    pub deliveries: u64,
    /// Events no published webhook subscribed to (not stored).
    pub unsubscribed: u64,
    /// Every webhook an event went to (may repeat).
    pub webhooks: Vec<i64>,
    /// The highest event id stored (0: none).
    pub max_id: i64,
}

impl Stored {
    /// Fold in what a later chunk stored.
    pub fn add(&mut self, s: Stored) {
        self.events += s.events;
        self.deliveries += s.deliveries;
        self.unsubscribed += s.unsubscribed;
        self.webhooks.extend(s.webhooks);
        self.max_id = self.max_id.max(s.max_id);
    }
}

/// Subscriber lists cached for one transaction (they cannot change in it).
#[derive(Default)]
struct SubscriberCache(HashMap<String, Vec<i64>>);

impl SubscriberCache {
    fn get(&mut self, store: &dyn Reads, event_type: &str) -> Result<&[i64]> {
        if !self.0.contains_key(event_type) {
            let subs = store.subscribers(event_type)?;
            self.0.insert(event_type.to_owned(), subs);
        }
        Ok(&self.0[event_type])
    }

    /// Every webhook some cached type goes to.
    fn webhooks(&self) -> impl Iterator<Item = i64> + '_ {
        self.0.values().flatten().copied()
    }
}

/// Store checked lines in one transaction.
pub fn emit_many(store: &mut Store, lines: &[Line]) -> Result<Stored> {
    let time = now();
    store.write(|tx| {
        let mut cache = SubscriberCache::default();
        let mut out = Stored::default();
        for l in lines {
            cache.get(tx, &l.event_type)?;
        }
        let mut events = Vec::with_capacity(lines.len());
        for l in lines {
            let subs = &cache.0[&l.event_type];
            if subs.is_empty() {
                out.unsubscribed += 1;
                continue;
            }
            events.push(NewEvent {
                event_type: &l.event_type,
                payload: &l.payload,
                time,
                subs,
            });
            out.events += 1;
            out.deliveries += subs.len() as u64;
        }
        if let Some(&max) = tx.insert_events(&events)?.last() {
            out.max_id = max;
        }
        // Every type seen was stored for all its subscribers.
        out.webhooks = cache.webhooks().collect();
        Ok(out)
    })
}

/// Store each of `lines` in one transaction, each for its own subscribers;
/// per line its id and subscribers, or None when nobody subscribes. The
/// types are checked again inside the transaction: an error stores none.
pub fn emit_group(store: &mut Store, lines: &[Line]) -> Result<Vec<Option<Emitted>>> {
    let time = now();
    store.write(|tx| {
        let catalog = tx.catalog()?;
        let mut cache = SubscriberCache::default();
        for l in lines {
            catalog.check("type", &l.event_type)?;
            cache.get(tx, &l.event_type)?;
        }
        let events: Vec<NewEvent<'_>> = lines
            .iter()
            .filter(|l| !cache.0[&l.event_type].is_empty())
            .map(|l| NewEvent {
                event_type: &l.event_type,
                payload: &l.payload,
                time,
                subs: &cache.0[&l.event_type],
            })
            .collect();
        let mut ids = tx.insert_events(&events)?.into_iter();
        let mut out = Vec::with_capacity(lines.len());
        for l in lines {
            let subs = &cache.0[&l.event_type];
            if subs.is_empty() {
                out.push(None);
                continue;
            }
            let id = ids.next().context("an event was not stored")?;
            out.push(Some(Emitted {
                id,
                webhooks: subs.clone(),
            }));
        }
        Ok(out)
    })
}

/// Immediate mode: deliver events up to `max_id` of `webhooks` now,
/// through the same path as `process`; what fails stays queued for cron.
/// `warn` receives lines cron must mail (a webhook was unpublished).
pub fn deliver_now(
    store: Store,
    settings: &Settings,
    webhooks: Vec<i64>,
    max_id: i64,
    warn: &(dyn Fn(&str) + Sync),
) -> Result<Report> {
    let opts = Options {
        only: Some(webhooks),
        range: IdRange {
            min: i64::MIN,
            max: max_id,
        },
        batch_limit: settings.batch_limit,
        time_limit: settings.time_limit,
        concurrency: settings.concurrency,
        log_requests: false,
    };
    let stop = AtomicBool::new(false);
    let notice = |n: Notice<'_>| {
        if let Notice::Warning(line) = n {
            warn(line);
        }
    };
    worker::run(store, settings, &opts, &stop, None, &notice)
}
