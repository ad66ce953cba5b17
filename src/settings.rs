//! Settings (`hookq config`): their definitions, validation, canonical form
//! and the precedence `HOOKQ_<KEY>` environment > database file > default.
//!
//! Values are stored as canonical text so that `config get` prints what
//! `config set` accepted, whatever spelling was typed (`90` and `1m 30s`).

use std::collections::BTreeMap;
use std::time::Duration;

use crate::error::{UserError, invalid};
use crate::model::Order;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Choice(&'static [&'static str]),
    Bool,
    Int {
        min: i64,
        max: i64,
    },
    Duration,
    /// A duration, or `0` for off.
    DurationOrOff,
    DurationList,
    Bytes,
    Url,
}

#[derive(Debug)]
pub struct Def {
    pub key: &'static str,
    pub kind: Kind,
    pub default: &'static str,
    pub about: &'static str,
}

pub const DEFS: &[Def] = &[
    Def {
        key: "queue_mode",
        kind: Kind::Choice(&["queue", "immediate"]),
        default: "queue",
        about: "queue: emit only stores (cron delivers); immediate: emit also delivers at once",
    },
    Def {
        key: "events_order",
        kind: Kind::Choice(&["asc", "desc"]),
        default: "asc",
        about: "order of events in batches unless a webhook sets its own",
    },
    Def {
        key: "batch_limit",
        kind: Kind::Int {
            min: 1,
            max: 10_000,
        },
        default: "10",
        about: "events per request (Mautic's webhook_limit)",
    },
    Def {
        key: "time_limit",
        kind: Kind::Duration,
        default: "10m",
        about: "process stops claiming new batches after this long",
    },
    Def {
        key: "timeout",
        kind: Kind::Duration,
        default: "15s",
        about: "whole-request timeout (connect timeout is 5s)",
    },
    Def {
        key: "concurrency",
        kind: Kind::Int { min: 1, max: 256 },
        default: "8",
        about: "webhooks delivered in parallel by process",
    },
    Def {
        key: "strict_order",
        kind: Kind::Bool,
        default: "true",
        about: "never send a later batch while an earlier one waits for a retry",
    },
    Def {
        key: "retry_schedule",
        kind: Kind::DurationList,
        default: "1m,5m,30m,2h,5h,10h",
        about: "waits after each failed attempt; the last repeats",
    },
    Def {
        key: "retry_max_age",
        kind: Kind::Duration,
        default: "3days",
        about: "after this long since the first failure a batch is dead",
    },
    Def {
        key: "delivered_retention",
        kind: Kind::DurationOrOff,
        default: "3days",
        about: "delivered batches are kept this long for `hookq resend` (0: not kept)",
    },
    Def {
        key: "disable_limit",
        kind: Kind::Int {
            min: 1,
            max: 1_000_000,
        },
        default: "100",
        about: "failed attempts in a row that unpublish a webhook",
    },
    Def {
        key: "disable_auto_unpublish",
        kind: Kind::Bool,
        default: "false",
        about: "true: never unpublish after disable_limit failures",
    },
    Def {
        key: "log_max",
        kind: Kind::Int {
            min: 1,
            max: 10_000_000,
        },
        default: "1000",
        about: "delivery log rows kept per webhook",
    },
    Def {
        key: "site_url",
        kind: Kind::Url,
        default: "",
        about: "sent as X-Origin-Base-URL",
    },
    Def {
        key: "max_payload_bytes",
        kind: Kind::Bytes,
        default: "1048576",
        about: "largest accepted event payload (e.g. 1MiB, 512KiB)",
    },
    Def {
        key: "block_private_addresses",
        kind: Kind::Bool,
        default: "false",
        about: "refuse URLs resolving to loopback/private/link-local addresses",
    },
    Def {
        key: "idempotency_window",
        kind: Kind::DurationOrOff,
        default: "1day",
        about: "an event sent with an idempotency key is stored once per key within this (0: keys are ignored)",
    },
    Def {
        key: "api_test_echo_private",
        kind: Kind::Bool,
        default: "false",
        about: "serve's test route shows the response body of a receiver at a loopback/private address",
    },
];

pub fn def(key: &str) -> Option<&'static Def> {
    DEFS.iter().find(|d| d.key == key)
}

/// The setting named `key`, or an error listing the close known keys.
pub fn lookup(flag: &str, key: &str) -> Result<&'static Def, UserError> {
    if let Some(d) = def(key) {
        return Ok(d);
    }
    let mut close: Vec<&str> = DEFS
        .iter()
        .filter(|d| strsim::jaro_winkler(key, d.key) >= 0.8)
        .map(|d| d.key)
        .collect();
    close.truncate(3);
    let hint = if close.is_empty() {
        String::from("unknown setting; see `hookq config list`")
    } else {
        format!("unknown setting; did you mean {}?", close.join(", "))
    };
    invalid(flag, "key", Some(key), hint)
}

pub fn env_name(key: &str) -> String {
    format!("HOOKQ_{}", key.to_ascii_uppercase())
}

/// `90`, `90s`, `5m`, `2h`, `3d`, `1h 30m`: a bare number is seconds.
pub fn parse_duration(flag: &str, s: &str) -> Result<Duration, UserError> {
    let t = s.trim();
    let d = if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) {
        t.parse::<u64>().ok().map(Duration::from_secs)
    } else {
        humantime::parse_duration(t).ok()
    };
    match d {
        Some(d) if d.is_zero() => {
            invalid(flag, flag_field(flag), Some(s), "must be longer than zero")
        }
        Some(d) if d > Duration::from_secs(366 * 86_400) => {
            invalid(flag, flag_field(flag), Some(s), "must be at most 366 days")
        }
        Some(d) => Ok(d),
        None => invalid(
            flag,
            flag_field(flag),
            Some(s),
            "not a duration; write e.g. 90, 90s, 5m, 2h or 3d",
        ),
    }
}

/// A duration where `0` means none (`--keep-old`, `--tolerance`), as the
/// `DurationOrOff` settings read.
pub fn parse_duration_or_zero(flag: &str, s: &str) -> Result<Duration, UserError> {
    if matches!(s.trim(), "0" | "off") {
        return Ok(Duration::ZERO);
    }
    parse_duration(flag, s)
}

/// A duration setting: at least `min`, one second for new input (a
/// shorter timeout or retry wait is a typo, `500ms` for `500s`, not a
/// plan).
fn setting_duration(
    flag: &str,
    field: &str,
    raw: &str,
    min: Duration,
) -> Result<Duration, UserError> {
    let d = parse_duration(flag, raw)?;
    if d < min {
        return invalid(flag, field, Some(raw), "must be at least 1s");
    }
    Ok(d)
}

fn flag_field(flag: &str) -> &str {
    flag.trim_start_matches('-')
}

pub fn format_duration(d: Duration) -> String {
    humantime::format_duration(d).to_string()
}

/// A duration in a sentence: humantime's words with a space before a
/// long unit (`3 days`, `1 month`, `2h 30m`), where the canonical form
/// settings keep writes `3days`.
pub fn prose_duration(d: Duration) -> String {
    format_duration(d)
        .split(' ')
        .map(|part| {
            let digits = part.bytes().take_while(u8::is_ascii_digit).count();
            let (n, unit) = part.split_at(digits);
            if unit.len() > 2 {
                format!("{n} {unit}")
            } else {
                part.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Validate `raw` for `def` and return its canonical text.
pub fn normalize(def: &Def, flag: &str, raw: &str) -> Result<String, UserError> {
    normalize_with(def, flag, raw, Duration::from_secs(1))
}

/// A value already stored: durations an older hookq accepted (under one
/// second) still read, so such a database keeps working.
fn normalize_stored(def: &Def, flag: &str, raw: &str) -> Result<String, UserError> {
    normalize_with(def, flag, raw, Duration::ZERO)
}

fn normalize_with(def: &Def, flag: &str, raw: &str, min: Duration) -> Result<String, UserError> {
    let field = def.key;
    match def.kind {
        Kind::Choice(options) => {
            let lower = raw.trim().to_ascii_lowercase();
            match options.iter().find(|o| **o == lower) {
                Some(o) => Ok((*o).to_owned()),
                None => invalid(
                    flag,
                    field,
                    Some(raw),
                    format!("use one of: {}", options.join(", ")),
                ),
            }
        }
        Kind::Bool => match raw.trim().to_ascii_lowercase().as_str() {
            "true" | "1" | "yes" | "on" => Ok("true".into()),
            "false" | "0" | "no" | "off" => Ok("false".into()),
            _ => invalid(flag, field, Some(raw), "use true or false"),
        },
        Kind::Int { min, max } => match raw.trim().parse::<i64>() {
            Ok(n) if (min..=max).contains(&n) => Ok(n.to_string()),
            _ => invalid(
                flag,
                field,
                Some(raw),
                format!("use a whole number from {min} to {max}"),
            ),
        },
        Kind::Duration => Ok(format_duration(setting_duration(flag, field, raw, min)?)),
        Kind::DurationOrOff => match parse_duration_or_zero(flag, raw)? {
            d if d.is_zero() => Ok(String::from("0")),
            _ => Ok(format_duration(setting_duration(flag, field, raw, min)?)),
        },
        Kind::DurationList => {
            let parts: Vec<&str> = raw.split(',').map(str::trim).collect();
            // `1m 5m` is a list written with a space, not one duration of
            // 6m (issue 13): each item is a single duration.
            if parts
                .iter()
                .any(|p| p.is_empty() || p.contains(char::is_whitespace))
            {
                return invalid(
                    flag,
                    field,
                    Some(raw),
                    "use a comma-separated list of durations, e.g. 1m,5m,30m,2h",
                );
            }
            let ds = parts
                .iter()
                .map(|p| setting_duration(flag, field, p, min).map(format_duration))
                .collect::<Result<Vec<_>, _>>()?;
            Ok(ds.join(","))
        }
        Kind::Bytes => {
            let cfg = parse_size::Config::new().with_binary();
            match cfg.parse_size(raw.trim()) {
                Ok(n) if (2..=64 * 1024 * 1024).contains(&n) => Ok(n.to_string()),
                _ => invalid(
                    flag,
                    field,
                    Some(raw),
                    "use a size from 2 bytes to 64MiB, e.g. 1048576, 512KiB or 1MiB",
                ),
            }
        }
        Kind::Url => {
            if raw.is_empty() {
                Ok(String::new())
            } else {
                crate::model::validate_url(flag, field, raw)
            }
        }
    }
}

/// JSON value of a canonical setting: numbers and booleans typed.
pub fn json_value(def: &Def, canonical: &str) -> serde_json::Value {
    match def.kind {
        Kind::Bool => serde_json::Value::Bool(canonical == "true"),
        Kind::Int { .. } | Kind::Bytes => canonical
            .parse::<i64>()
            .map(serde_json::Value::from)
            .unwrap_or_else(|_| canonical.into()),
        Kind::DurationList => canonical.split(',').map(serde_json::Value::from).collect(),
        _ => serde_json::Value::from(canonical),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Default,
    File,
    Env,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Default => "default",
            Source::File => "file",
            Source::Env => "env",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Effective {
    pub def: &'static Def,
    /// Canonical, or as written when `invalid`.
    pub value: String,
    pub source: Source,
    /// Why the value is refused ([`effective_lenient`] only: every other
    /// reader stops on it).
    pub invalid: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueueMode {
    Queue,
    Immediate,
}

/// Typed, validated settings for one run.
#[derive(Debug, Clone)]
pub struct Settings {
    pub queue_mode: QueueMode,
    pub events_order: Order,
    pub batch_limit: u32,
    pub time_limit: Duration,
    pub timeout: Duration,
    pub concurrency: u32,
    pub strict_order: bool,
    pub retry_schedule: Vec<Duration>,
    pub retry_max_age: Duration,
    /// Zero: delivered batches are not kept.
    pub delivered_retention: Duration,
    pub disable_limit: u32,
    pub disable_auto_unpublish: bool,
    pub log_max: u32,
    pub site_url: String,
    pub max_payload_bytes: u64,
    pub block_private_addresses: bool,
    /// Zero: idempotency keys are ignored.
    pub idempotency_window: Duration,
    /// `POST /api/hookq/hooks/{id}/test` answers with the start of the
    /// response body of a receiver at a loopback or private address.
    pub api_test_echo_private: bool,
}

/// Every setting's effective value. `stored` are the file's rows; values
/// in the file are re-validated so that a hand-edited file cannot smuggle
/// in a bad value.
pub fn effective(stored: &BTreeMap<String, String>) -> Result<Vec<Effective>, UserError> {
    DEFS.iter()
        .map(|def| match one(def, stored) {
            (e, None) => Ok(e),
            (_, Some(err)) => Err(err),
        })
        .collect()
}

/// Every setting, a refused value included as written with why: what
/// `config` shows, so that the user can see (and fix) a bad
/// `HOOKQ_<KEY>` that stops every other command.
pub fn effective_lenient(stored: &BTreeMap<String, String>) -> Vec<Effective> {
    DEFS.iter()
        .map(|def| {
            let (mut e, err) = one(def, stored);
            e.invalid = err.map(|err| err.to_string());
            e
        })
        .collect()
}

/// One setting's effective value; refused, the raw value and why.
fn one(def: &'static Def, stored: &BTreeMap<String, String>) -> (Effective, Option<UserError>) {
    let env = env_name(def.key);
    let (raw, source, checked) = if let Ok(raw) = std::env::var(&env) {
        let checked = normalize(def, &env, &raw);
        (raw, Source::Env, checked)
    } else if let Some(raw) = stored.get(def.key) {
        let flag = format!("setting {}", def.key);
        let checked = normalize_stored(def, &flag, raw);
        (raw.clone(), Source::File, checked)
    } else {
        (
            def.default.to_owned(),
            Source::Default,
            Ok(def.default.to_owned()),
        )
    };
    let (value, err) = match checked {
        Ok(value) => (value, None),
        Err(e) => (raw, Some(e)),
    };
    (
        Effective {
            def,
            value,
            source,
            invalid: None,
        },
        err,
    )
}

impl Settings {
    /// Delivered batches kept for `resend` are let go when delivered
    /// before this (all of them when retention is off).
    pub fn kept_since(&self, now: crate::model::Epoch) -> crate::model::Epoch {
        if self.delivered_retention.is_zero() {
            return i64::MAX;
        }
        now.saturating_sub(i64::try_from(self.delivered_retention.as_secs()).unwrap_or(i64::MAX))
    }

    pub fn from_effective(values: &[Effective]) -> Settings {
        let get = |k: &str| -> &str {
            values
                .iter()
                .find(|e| e.def.key == k)
                .map(|e| e.value.as_str())
                .unwrap_or("")
        };
        // Values are canonical here, so these parses cannot fail; the
        // fallbacks only keep the code total.
        let dur = |k: &str| humantime::parse_duration(get(k)).unwrap_or(Duration::from_secs(1));
        let int = |k: &str| get(k).parse::<u32>().unwrap_or(1);
        let boolean = |k: &str| get(k) == "true";
        Settings {
            queue_mode: if get("queue_mode") == "immediate" {
                QueueMode::Immediate
            } else {
                QueueMode::Queue
            },
            events_order: if get("events_order") == "desc" {
                Order::Desc
            } else {
                Order::Asc
            },
            batch_limit: int("batch_limit"),
            time_limit: dur("time_limit"),
            timeout: dur("timeout"),
            concurrency: int("concurrency"),
            strict_order: boolean("strict_order"),
            retry_schedule: get("retry_schedule")
                .split(',')
                .filter_map(|p| humantime::parse_duration(p).ok())
                .collect(),
            retry_max_age: dur("retry_max_age"),
            delivered_retention: if get("delivered_retention") == "0" {
                Duration::ZERO
            } else {
                dur("delivered_retention")
            },
            disable_limit: int("disable_limit"),
            disable_auto_unpublish: boolean("disable_auto_unpublish"),
            log_max: int("log_max"),
            site_url: get("site_url").to_owned(),
            max_payload_bytes: get("max_payload_bytes").parse().unwrap_or(1 << 20),
            block_private_addresses: boolean("block_private_addresses"),
            api_test_echo_private: boolean("api_test_echo_private"),
            idempotency_window: if get("idempotency_window") == "0" {
                Duration::ZERO
            } else {
                dur("idempotency_window")
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 23: messages said "kept 3days".
    #[test]
    fn durations_in_sentences_have_their_spaces() {
        let d = |s: u64| prose_duration(Duration::from_secs(s));
        assert_eq!(d(3 * 86_400), "3 days");
        assert_eq!(d(86_400), "1 day");
        assert_eq!(d(90 * 60), "1h 30m");
        assert_eq!(d(86_400 + 3_600), "1 day 1h");
        assert_eq!(d(45), "45s");
        assert_eq!(format_duration(Duration::from_secs(3 * 86_400)), "3days");
    }

    #[test]
    fn durations_accept_the_documented_spellings() {
        assert_eq!(
            parse_duration("--d", "90").unwrap(),
            Duration::from_secs(90)
        );
        assert_eq!(
            parse_duration("--d", "90s").unwrap(),
            Duration::from_secs(90)
        );
        assert_eq!(
            parse_duration("--d", "5m").unwrap(),
            Duration::from_secs(300)
        );
        assert_eq!(
            parse_duration("--d", "2h").unwrap(),
            Duration::from_secs(7200)
        );
        assert_eq!(
            parse_duration("--d", "3d").unwrap(),
            Duration::from_secs(3 * 86400)
        );
        for bad in ["", "0", "-5", "5 parsecs", "99999999999999999999", "400d"] {
            assert!(parse_duration("--d", bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn defaults_are_canonical() {
        for d in DEFS {
            assert_eq!(
                normalize(d, "x", d.default).unwrap(),
                d.default,
                "{}",
                d.key
            );
        }
    }

    #[test]
    fn normalize_each_kind() {
        let n = |k: &str, v: &str| normalize(def(k).unwrap(), "x", v);
        assert_eq!(n("queue_mode", "IMMEDIATE").unwrap(), "immediate");
        assert_eq!(n("strict_order", "No").unwrap(), "false");
        assert_eq!(n("batch_limit", " 100 ").unwrap(), "100");
        assert!(n("batch_limit", "0").is_err());
        assert!(n("batch_limit", "99999999999999999999999").is_err());
        assert_eq!(n("timeout", "90").unwrap(), "1m 30s");
        assert_eq!(n("retry_schedule", "30s, 2m").unwrap(), "30s,2m");
        assert!(n("retry_schedule", "30s,,2m").is_err());
        assert_eq!(n("max_payload_bytes", "512KiB").unwrap(), "524288");
        assert!(n("max_payload_bytes", "1GiB").is_err());
        assert_eq!(n("site_url", "").unwrap(), "");
        assert!(n("site_url", "ftp://x").is_err());
        assert!(
            lookup("KEY", "batch_limt")
                .unwrap_err()
                .to_string()
                .contains("batch_limit")
        );
    }

    #[test]
    fn typed_defaults() {
        let s = Settings::from_effective(&effective(&BTreeMap::new()).unwrap());
        assert_eq!(s.batch_limit, 10);
        assert_eq!(s.concurrency, 8);
        assert_eq!(s.timeout, Duration::from_secs(15));
        assert_eq!(s.retry_schedule.len(), 6);
        assert_eq!(s.retry_max_age, Duration::from_secs(3 * 86400));
        assert_eq!(s.max_payload_bytes, 1 << 20);
        assert!(s.strict_order && !s.disable_auto_unpublish && !s.block_private_addresses);
    }
}
