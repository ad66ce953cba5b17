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

use crate::controls::Subscribers;
use crate::delivery::body;
use crate::delivery::worker::{self, Notice, Options, Report};
use crate::error::UserError;
use crate::model::{Catalog, IdRange, now};
use crate::settings::Settings;
use crate::store::{KeyAnswer, NewEvent, Reads, Store, Tx};

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

/// What storing one event came to: the event (None: no published webhook
/// subscribes to its type, and nothing was stored), and whether that is
/// the answer given before under the same idempotency key, nothing stored
/// now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recorded {
    pub event: Option<Emitted>,
    pub duplicate: bool,
}

impl Recorded {
    fn from_answer(a: KeyAnswer) -> Recorded {
        Recorded {
            event: a.event_id.map(|id| Emitted {
                id,
                webhooks: a.webhooks,
            }),
            duplicate: true,
        }
    }

    fn answer(&self, event_type: &str) -> KeyAnswer {
        KeyAnswer {
            event_id: self.event.as_ref().map(|e| e.id),
            event_type: event_type.to_owned(),
            webhooks: self
                .event
                .as_ref()
                .map(|e| e.webhooks.clone())
                .unwrap_or_default(),
        }
    }
}

/// An idempotency key as given (`--idempotency-key`, the
/// `Idempotency-Key` header, an NDJSON line's `"id"`): 1 to 255
/// printable characters.
pub fn key(flag: &str, field: &str, raw: &str) -> Result<String, UserError> {
    let n = raw.chars().count();
    if n == 0 || n > 255 {
        return Err(UserError::invalid(
            flag,
            field,
            Some(raw),
            "an idempotency key is 1 to 255 characters, such as a UUID",
        ));
    }
    if raw.chars().any(char::is_control) {
        return Err(UserError::invalid(
            flag,
            field,
            Some(raw),
            "control characters are not allowed in an idempotency key",
        ));
    }
    Ok(raw.to_owned())
}

/// When a key taken at `time` expires, or None: keys are off (a zero
/// window).
fn key_expiry(window: std::time::Duration, time: i64) -> Option<i64> {
    (!window.is_zero())
        .then(|| time.saturating_add(i64::try_from(window.as_secs()).unwrap_or(i64::MAX)))
}

/// Store one event (its payload from [`payload`]) for every published
/// subscriber of its type. With an idempotency key (and a non-zero
/// `window`), once per key: a repeat within the window stores nothing and
/// answers what the first did.
pub fn emit(
    store: &mut Store,
    event_type: &str,
    payload: &str,
    key: Option<&str>,
    window: std::time::Duration,
) -> Result<Recorded> {
    let time = now();
    let expiry = key_expiry(window, time);
    store.write(|tx| {
        tx.catalog()?.check_emit("TYPE", event_type)?;
        let key = key.zip(expiry);
        if let Some((k, until)) = key
            && let Some(a) = tx.claim_key(k, time, until)?
        {
            return Ok(Recorded::from_answer(a));
        }
        let subs = Subscribers::of(tx.subscribers(event_type)?).into_taking(payload);
        let event = if subs.is_empty() {
            None
        } else {
            let id = tx.insert_event(event_type, payload, time, &subs)?;
            Some(Emitted { id, webhooks: subs })
        };
        let r = Recorded {
            event,
            duplicate: false,
        };
        if let Some((k, _)) = key {
            tx.answer_key(k, &r.answer(event_type))?;
        }
        Ok(r)
    })
}

/// One event of many, checked.
#[derive(Debug, Clone)]
pub struct Line {
    pub event_type: String,
    pub payload: String,
    /// Its idempotency key (an NDJSON line's `"id"`).
    pub key: Option<String>,
}

/// Check one NDJSON line, `{"type":"..","payload":{..}}`; the error says
/// what is wrong with it.
pub fn parse_line(text: &str, catalog: &Catalog, max: u64) -> Result<Line, String> {
    // The plain case without a Value; anything else, and every refusal,
    // is decided and worded below.
    if let Some((event_type, payload)) = crate::delivery::transcode::line(text, max)
        && catalog.get(&event_type).is_some()
        && !event_type.starts_with(crate::model::HOOKQ_PREFIX)
    {
        return Ok(Line {
            event_type,
            payload,
            key: None,
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
    let key = match m.remove("id") {
        None | Some(Value::Null) => None,
        Some(Value::String(k)) => Some(key("id", "id", &k).map_err(|e| match e {
            UserError::Invalid(i) => format!("id: {}", i.reason),
            other => other.to_string(),
        })?),
        Some(Value::Number(n)) => Some(n.to_string()),
        Some(_) => {
            return Err(String::from(
                r#""id" (an idempotency key) must be a string"#,
            ));
        }
    };
    if let Some(k) = m.keys().next() {
        return Err(format!(
            r#"unknown key "{k}"; a line has only "type", "payload" and "id""#
        ));
    }
    catalog
        .check_emit("type", &event_type)
        .map_err(|e| match e {
            UserError::Invalid(i) => format!("type {:?}: {}", event_type, i.reason),
            other => other.to_string(),
        })?;
    let payload = body::normalize_value(payload, max).map_err(|e| format!("payload: {e}"))?;
    Ok(Line {
        event_type,
        payload,
        key,
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
    /// Lines whose idempotency key stored an event before (or earlier in
    /// the same body): not stored again.
    pub duplicates: u64,
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
        self.duplicates += s.duplicates;
        self.webhooks.extend(s.webhooks);
        self.max_id = self.max_id.max(s.max_id);
    }
}

/// Subscriber lists cached for one transaction (they cannot change in it).
#[derive(Default)]
struct SubscriberCache(HashMap<String, Subscribers>);

impl SubscriberCache {
    fn get(&mut self, store: &dyn Reads, event_type: &str) -> Result<&Subscribers> {
        if !self.0.contains_key(event_type) {
            let subs = Subscribers::of(store.subscribers(event_type)?);
            self.0.insert(event_type.to_owned(), subs);
        }
        Ok(&self.0[event_type])
    }

    /// Every webhook some cached type goes to.
    fn webhooks(&self) -> impl Iterator<Item = i64> + '_ {
        self.0.values().flat_map(|s| s.all.iter().copied())
    }

    /// Per line, the webhooks that take it (none for a line not stored
    /// now).
    fn takers<'a>(
        &'a self,
        lines: &[Line],
        stored_now: impl Fn(usize) -> bool,
    ) -> Vec<std::borrow::Cow<'a, [i64]>> {
        lines
            .iter()
            .enumerate()
            .map(|(i, l)| {
                if stored_now(i) {
                    self.0[&l.event_type].taking(&l.payload)
                } else {
                    std::borrow::Cow::Borrowed(&[][..])
                }
            })
            .collect()
    }
}

/// What a line stored now came to: the next of the stored ids when its
/// type has subscribers (else nothing was stored for it).
fn stored(ids: &mut impl Iterator<Item = i64>, subs: &[i64]) -> Result<Recorded> {
    let event = if subs.is_empty() {
        None
    } else {
        Some(Emitted {
            id: ids.next().context("an event was not stored")?,
            webhooks: subs.to_vec(),
        })
    };
    Ok(Recorded {
        event,
        duplicate: false,
    })
}

/// Which lines of a group are stored now: those without a key, and the
/// first of each key not taken before (`claim_key`); the others repeat a
/// key, of a line before them (`Earlier`) or of an event stored before
/// (`Before`).
enum Keyed {
    Fresh,
    Earlier(usize),
    Before(KeyAnswer),
}

fn sort_keys(tx: &dyn Tx, lines: &[Line], time: i64, expiry: Option<i64>) -> Result<Vec<Keyed>> {
    let mut first: HashMap<&str, usize> = HashMap::new();
    let mut out = Vec::with_capacity(lines.len());
    for (i, l) in lines.iter().enumerate() {
        let (Some(k), Some(until)) = (l.key.as_deref(), expiry) else {
            out.push(Keyed::Fresh);
            continue;
        };
        if let Some(&j) = first.get(k) {
            out.push(Keyed::Earlier(j));
            continue;
        }
        first.insert(k, i);
        out.push(match tx.claim_key(k, time, until)? {
            Some(a) => Keyed::Before(a),
            None => Keyed::Fresh,
        });
    }
    Ok(out)
}

/// Store checked lines in one transaction (each key once, see
/// [`emit`]).
pub fn emit_many(store: &mut Store, lines: &[Line], window: std::time::Duration) -> Result<Stored> {
    let time = now();
    let expiry = key_expiry(window, time);
    let keyed = lines.iter().any(|l| l.key.is_some()) && expiry.is_some();
    store.write(|tx| {
        let mut cache = SubscriberCache::default();
        let mut out = Stored::default();
        for l in lines {
            cache.get(tx, &l.event_type)?;
        }
        let sorted = if keyed {
            sort_keys(tx, lines, time, expiry)?
        } else {
            Vec::new()
        };
        let fresh = |i: usize| !keyed || matches!(sorted[i], Keyed::Fresh);
        let takers = cache.takers(lines, fresh);
        let mut events = Vec::with_capacity(lines.len());
        for (i, l) in lines.iter().enumerate() {
            if !fresh(i) {
                out.duplicates += 1;
                continue;
            }
            let subs: &[i64] = &takers[i];
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
        let ids = tx.insert_events(&events)?;
        if let Some(&max) = ids.last() {
            out.max_id = max;
        }
        if keyed {
            let mut ids = ids.into_iter();
            for (i, l) in lines.iter().enumerate() {
                if !fresh(i) {
                    continue;
                }
                let r = stored(&mut ids, &takers[i])?;
                if let Some(k) = &l.key {
                    tx.answer_key(k, &r.answer(&l.event_type))?;
                }
            }
        }
        // Every type seen was stored for all its subscribers.
        out.webhooks = cache.webhooks().collect();
        Ok(out)
    })
}

/// Store each of `lines` in one transaction, each for its own subscribers
/// (each key once, see [`emit`]); per line what it came to. The types are
/// checked again inside the transaction: an error stores none.
pub fn emit_group(
    store: &mut Store,
    lines: &[Line],
    window: std::time::Duration,
) -> Result<Vec<Recorded>> {
    let time = now();
    let expiry = key_expiry(window, time);
    store.write(|tx| {
        let catalog = tx.catalog()?;
        let mut cache = SubscriberCache::default();
        for l in lines {
            catalog.check_emit("type", &l.event_type)?;
            cache.get(tx, &l.event_type)?;
        }
        let sorted = sort_keys(tx, lines, time, expiry)?;
        let stored_now = |i: usize| matches!(sorted[i], Keyed::Fresh);
        let takers = cache.takers(lines, stored_now);
        let events: Vec<NewEvent<'_>> = lines
            .iter()
            .enumerate()
            .filter(|(i, _)| !takers[*i].is_empty())
            .map(|(i, l)| NewEvent {
                event_type: &l.event_type,
                payload: &l.payload,
                time,
                subs: &takers[i],
            })
            .collect();
        let mut ids = tx.insert_events(&events)?.into_iter();
        let mut out: Vec<Recorded> = Vec::with_capacity(lines.len());
        for (i, l) in lines.iter().enumerate() {
            let r = match &sorted[i] {
                Keyed::Before(a) => Recorded::from_answer(a.clone()),
                Keyed::Earlier(j) => Recorded {
                    event: out[*j].event.clone(),
                    duplicate: true,
                },
                Keyed::Fresh => {
                    let r = stored(&mut ids, &takers[i])?;
                    if let (Some(k), Some(_)) = (&l.key, expiry) {
                        tx.answer_key(k, &r.answer(&l.event_type))?;
                    }
                    r
                }
            };
            out.push(r);
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
