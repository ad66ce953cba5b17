//! Properties of the pure core, over generated input (proptest): the
//! PHP-style encoder, batch bodies, and signatures.

use hookq::delivery::body::{self, Event};
use hookq::delivery::sign;
use proptest::prelude::*;
use serde_json::{Map, Value};

/// Strings with the characters that need care: quotes, backslashes,
/// slashes, control characters, non-ASCII and astral-plane characters.
fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just('"'),
            Just('\\'),
            Just('/'),
            Just('\u{0}'),
            Just('\u{1f}'),
            Just('\n'),
            Just('\u{7f}'),
            Just('é'),
            Just('€'),
            Just('😀'),
            Just('\u{2028}'),
            any::<char>(),
            prop::char::range('a', 'z'),
        ],
        0..12,
    )
    .prop_map(|v| v.into_iter().collect())
}

/// Numbers as JSON text without exponents (serde_json spells an exponent
/// its own way; see body.rs).
fn number() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<i64>().prop_map(Value::from),
        (any::<i32>(), 0u32..1000)
            .prop_map(|(i, f)| serde_json::from_str(&format!("{i}.{f:03}")).unwrap()),
        "[1-9][0-9]{20,30}".prop_map(|d| serde_json::from_str(&d).unwrap()),
    ]
}

fn json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        number(),
        text().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((text(), inner), 0..6)
                .prop_map(|kv| Value::Object(kv.into_iter().collect::<Map<String, Value>>())),
        ]
    })
}

fn object() -> impl Strategy<Value = Value> {
    prop::collection::vec((text(), json()), 0..5)
        .prop_map(|kv| Value::Object(kv.into_iter().collect()))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn encoder_round_trips(v in json()) {
        let s = body::to_php_json(&v);
        let back: Value = serde_json::from_str(&s).unwrap();
        prop_assert_eq!(back, v);
    }

    #[test]
    fn encoder_escapes_like_php(s in text()) {
        let mut out = String::new();
        body::encode_str(&s, &mut out);
        // Only printable ASCII leaves the encoder (DEL as PHP leaves it).
        prop_assert!(out.chars().all(|c| (' '..='~').contains(&c) || c == '\u{7f}'), "{out}");
        // Every slash is escaped; no other escape form than PHP's.
        let inner = &out[1..out.len() - 1];
        let mut chars = inner.chars().peekable();
        while let Some(c) = chars.next() {
            prop_assert!(c != '/', "unescaped slash in {out}");
            prop_assert!(c != '"', "unescaped quote in {out}");
            if c == '\\' {
                let e = chars.next().unwrap();
                prop_assert!("\"\\/bfnrtu".contains(e), "escape \\{e} in {out}");
                if e == 'u' {
                    let hex: String = chars.by_ref().take(4).collect();
                    prop_assert!(hex.chars().all(|h| h.is_ascii_digit() || ('a'..='f').contains(&h)), "{hex}");
                }
            }
        }
        let back: String = serde_json::from_str(&out).unwrap();
        prop_assert_eq!(back, s);
    }

    #[test]
    fn normalised_payloads_lose_only_the_timestamp(v in object(), ts in text()) {
        let mut with_ts = v.clone();
        with_ts.as_object_mut().unwrap().insert("timestamp".into(), Value::String(ts));
        let stored = body::normalize(&with_ts.to_string(), u64::MAX / 16).unwrap();
        let mut expected = v;
        expected.as_object_mut().unwrap().shift_remove("timestamp");
        prop_assert_eq!(serde_json::from_str::<Value>(&stored).unwrap(), expected);
        prop_assert_eq!(body::normalize(&stored, u64::MAX / 16).unwrap(), stored.clone(), "normal form is stable");
    }

    #[test]
    fn the_fast_path_normalises_as_the_value_path(v in object(), ts in text(), pretty in any::<bool>()) {
        let mut with_ts = v;
        with_ts.as_object_mut().unwrap().insert("timestamp".into(), Value::String(ts));
        let text = if pretty {
            serde_json::to_string_pretty(&with_ts).unwrap()
        } else {
            with_ts.to_string()
        };
        let slow = body::normalize_via_value(&text, u64::MAX / 16).unwrap();
        let fast = hookq::delivery::transcode::payload(&text, u64::MAX / 16);
        prop_assert_eq!(fast.as_deref(), Some(slow.as_str()));
        let line = format!(r#"{{"type":"t","payload":{text}}}"#);
        let (t, p) = hookq::delivery::transcode::line(&line, u64::MAX / 16).expect("plain line");
        prop_assert_eq!(t, "t");
        prop_assert_eq!(p, slow);
    }

    #[test]
    fn bodies_regroup_to_their_events(
        events in prop::collection::vec(
            // Repeated seconds as well as scattered ones (bodies format each
            // second once).
            (0usize..4, object(), prop_oneof![1_700_000_000i64..1_700_000_002, 0i64..4_000_000_000]),
            1..20,
        )
    ) {
        let types = ["mautic.a", "mautic.b", "shop.c/d", "é.x"];
        let input: Vec<Event> = events
            .iter()
            .map(|(t, p, time)| Event {
                event_type: types[*t].to_owned(),
                payload: body::normalize(&p.to_string(), u64::MAX / 16).unwrap(),
                time: *time,
            })
            .collect();
        let out: Value = serde_json::from_str(&body::build(&input)).unwrap();
        let obj = out.as_object().unwrap();
        // Types in first-seen order.
        let mut seen: Vec<&str> = Vec::new();
        for e in &input {
            if !seen.contains(&e.event_type.as_str()) {
                seen.push(&e.event_type);
            }
        }
        prop_assert_eq!(obj.keys().map(String::as_str).collect::<Vec<_>>(), seen);
        // Each type's events in batch order, payload intact, timestamp last.
        for (t, list) in obj {
            let mine: Vec<&Event> = input.iter().filter(|e| &e.event_type == t).collect();
            let list = list.as_array().unwrap();
            prop_assert_eq!(list.len(), mine.len());
            for (got, want) in list.iter().zip(mine) {
                let mut got = got.as_object().unwrap().clone();
                prop_assert_eq!(got.keys().next_back().map(String::as_str), Some("timestamp"));
                let ts = got.shift_remove("timestamp").unwrap();
                prop_assert_eq!(ts.as_str().unwrap(), hookq::model::format_date(want.time));
                prop_assert_eq!(Value::Object(got), serde_json::from_str::<Value>(&want.payload).unwrap());
            }
        }
    }

    #[test]
    fn signatures_verify_and_any_single_byte_change_is_rejected(
        secret in "[ -~]{1,40}",
        body in prop::collection::vec(any::<u8>(), 1..300),
        at in any::<prop::sample::Index>(),
        flip in 1u8..=255,
    ) {
        let sig = sign::sign(&secret, &body);
        prop_assert_eq!(sign::verify(&secret, &body, &sig), Ok(true));
        let mut changed = body.clone();
        let i = at.index(changed.len());
        changed[i] ^= flip;
        prop_assert_eq!(sign::verify(&secret, &changed, &sig), Ok(false));
        let mut other = secret.clone().into_bytes();
        let j = at.index(other.len());
        other[j] ^= 1;
        if let Ok(other) = String::from_utf8(other) {
            prop_assert_eq!(sign::verify(&other, &body, &sig), Ok(false));
        }
    }
}
