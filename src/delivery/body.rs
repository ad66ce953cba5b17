//! Request bodies, written the way PHP's `json_encode` writes them.
//!
//! A receiver written for Mautic may re-encode the parsed body with PHP
//! before checking the signature, so the bytes must be exactly what
//! `json_encode` produces by default: compact, `/` as `\/`, every
//! non-ASCII character as a lower-case `\uXXXX` escape (surrogate pairs
//! above U+FFFF), numbers as given (digit for digit; an exponent is
//! spelled `e+N`/`e-N`, as serde_json reads it). Payloads are normalised once, at emit
//! time, so building a batch body is string assembly, never re-parsing.

use serde_json::Value;

use crate::model::{Epoch, format_date};

/// Append `s` as a PHP-style JSON string literal. Runs of bytes that
/// need no escape (printable ASCII but `"`, `\` and `/`) are copied
/// whole; only the rest goes character by character.
pub fn encode_str(s: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let plain = |b: u8| (0x20..=0x7f).contains(&b) && b != b'"' && b != b'\\' && b != b'/';
    out.reserve(s.len() + 2);
    out.push('"');
    let bytes = s.as_bytes();
    let (mut start, mut i) = (0, 0);
    while i < bytes.len() {
        if plain(bytes[i]) {
            i += 1;
            continue;
        }
        out.push_str(&s[start..i]);
        let c = s[i..].chars().next().unwrap_or_default();
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '/' => out.push_str("\\/"),
            '\u{08}' => out.push_str("\\b"),
            '\u{0c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => {
                let mut units = [0u16; 2];
                for u in c.encode_utf16(&mut units) {
                    out.push_str("\\u");
                    for shift in [12, 8, 4, 0] {
                        out.push(HEX[usize::from((*u >> shift) & 0xf)] as char);
                    }
                }
            }
        }
        i += c.len_utf8().max(1);
        start = i;
    }
    out.push_str(&s[start..]);
    out.push('"');
}

/// Append `v` encoded as PHP's `json_encode` would.
pub fn encode(v: &Value, out: &mut String) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        // With `arbitrary_precision` this is the number as it was written.
        Value::Number(n) => out.push_str(&n.to_string()),
        Value::String(s) => encode_str(s, out),
        Value::Array(a) => {
            out.push('[');
            for (i, x) in a.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                encode(x, out);
            }
            out.push(']');
        }
        Value::Object(m) => {
            out.push('{');
            for (i, (k, x)) in m.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                encode_str(k, out);
                out.push(':');
                encode(x, out);
            }
            out.push('}');
        }
    }
}

pub fn to_php_json(v: &Value) -> String {
    let mut s = String::new();
    encode(v, &mut s);
    s
}

/// Why a payload was refused.
#[derive(Debug, PartialEq, Eq)]
pub enum PayloadError {
    NotJson(String),
    NotObject,
    TooLarge { size: usize, max: u64 },
}

impl std::fmt::Display for PayloadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PayloadError::NotJson(e) => write!(f, "not valid JSON ({e})"),
            PayloadError::NotObject => {
                write!(f, "the payload must be a JSON object such as {{\"id\":1}}")
            }
            PayloadError::TooLarge { size, max } => {
                write!(f, "the payload is {size} bytes; max_payload_bytes is {max}")
            }
        }
    }
}

/// Check a parsed payload and store it normalised: an object, without
/// `timestamp` (delivery sets it), PHP-encoded, within `max` bytes.
pub fn normalize_value(v: Value, max: u64) -> Result<String, PayloadError> {
    let Value::Object(mut m) = v else {
        return Err(PayloadError::NotObject);
    };
    m.shift_remove("timestamp");
    let s = to_php_json(&Value::Object(m));
    if s.len() as u64 > max {
        return Err(PayloadError::TooLarge { size: s.len(), max });
    }
    Ok(s)
}

/// [`normalize_value`] from JSON text: straight to PHP's encoding when
/// the payload is plain (`transcode`), else through a `Value`.
pub fn normalize(text: &str, max: u64) -> Result<String, PayloadError> {
    if text.len() as u64 > max.saturating_mul(8).max(1 << 16) {
        return Err(PayloadError::TooLarge {
            size: text.len(),
            max,
        });
    }
    if let Some(s) = super::transcode::payload(text, max) {
        return Ok(s);
    }
    normalize_via_value(text, max)
}

/// [`normalize`] through a `serde_json::Value` always: the reference the
/// fast path is tested against, and its fallback.
pub fn normalize_via_value(text: &str, max: u64) -> Result<String, PayloadError> {
    let v: Value = serde_json::from_str(text).map_err(|e| PayloadError::NotJson(e.to_string()))?;
    normalize_value(v, max)
}

pub use crate::model::Event;

/// The body of one request: `{"<type>":[event, ...], ...}`, types in the
/// order each first appears, events in batch order, each with its
/// `timestamp` as the last key.
pub fn build(events: &[Event]) -> String {
    let mut out = String::new();
    build_into(events, &mut out);
    out
}

/// [`build`] into a buffer the caller reuses (a worker sends thousands of
/// bodies of the same size; reusing one keeps its memory flat).
pub fn build_into(events: &[Event], out: &mut String) {
    out.clear();
    let mut types: Vec<&str> = Vec::new();
    for e in events {
        if !types.contains(&e.event_type.as_str()) {
            types.push(&e.event_type);
        }
    }
    let size: usize =
        events.iter().map(|e| e.payload.len() + 40).sum::<usize>() + types.len() * 40 + 2;
    out.reserve(size);
    // Events of a batch mostly share their second: format each once.
    let mut stamp: Option<(Epoch, String)> = None;
    out.push('{');
    for (i, t) in types.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        encode_str(t, out);
        out.push_str(":[");
        let mut first = true;
        for e in events.iter().filter(|e| e.event_type == *t) {
            if !first {
                out.push(',');
            }
            first = false;
            let inner = &e.payload[..e.payload.len() - 1];
            out.push_str(inner);
            if inner.len() > 1 {
                out.push(',');
            }
            out.push_str("\"timestamp\":\"");
            let date = match &stamp {
                Some((t, d)) if *t == e.time => d,
                _ => &stamp.insert((e.time, format_date(e.time))).1,
            };
            out.push_str(date);
            out.push_str("\"}");
        }
        out.push(']');
    }
    out.push('}');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn php(s: &str) -> String {
        to_php_json(&serde_json::from_str(s).unwrap())
    }

    #[test]
    fn escapes_like_php_json_encode() {
        assert_eq!(php(r#"{"url":"http://x/y"}"#), r#"{"url":"http:\/\/x\/y"}"#);
        assert_eq!(
            php(r#"["é","€","😀"]"#),
            r#"["\u00e9","\u20ac","\ud83d\ude00"]"#
        );
        assert_eq!(
            php(r#"["a\"b\\c\n\r\t\b\f\u0001\u001f"]"#),
            r#"["a\"b\\c\n\r\t\b\f\u0001\u001f"]"#
        );
        assert_eq!(php("[\"\u{7f}~\"]"), "[\"\u{7f}~\"]");
        // Digits are kept as written; only an exponent's spelling is
        // canonical (serde_json reads it as `e` with a sign).
        assert_eq!(
            php(
                r#"{ "a" : [ 1 , 2.50, -0, 1E3, 2e-2, 12345678901234567890123 ] , "b":{}, "c":[] }"#
            ),
            r#"{"a":[1,2.50,-0,1e+3,2e-2,12345678901234567890123],"b":{},"c":[]}"#
        );
        assert_eq!(
            php(r#"{"z":1,"a":2,"m":3}"#),
            r#"{"z":1,"a":2,"m":3}"#,
            "key order kept"
        );
        assert_eq!(php("[true,false,null]"), "[true,false,null]");
    }

    #[test]
    fn normalize_drops_timestamp_keeps_order_and_checks_shape() {
        assert_eq!(
            normalize(r#"{"a":1,"timestamp":"x","b":2}"#, 1000).unwrap(),
            r#"{"a":1,"b":2}"#
        );
        assert_eq!(normalize("[1]", 1000), Err(PayloadError::NotObject));
        assert_eq!(normalize("\"x\"", 1000), Err(PayloadError::NotObject));
        assert!(matches!(
            normalize("{", 1000),
            Err(PayloadError::NotJson(_))
        ));
        assert!(matches!(
            normalize(r#"{"a":"0123456789"}"#, 10),
            Err(PayloadError::TooLarge { .. })
        ));
    }

    #[test]
    fn body_groups_by_first_seen_type_with_timestamp_last() {
        let ev = |t: &str, p: &str, time| Event {
            event_type: t.into(),
            payload: p.into(),
            time,
        };
        let body = build(&[
            ev(
                "mautic.lead_post_save_new",
                r#"{"contact":{"id":7}}"#,
                1_795_860_000,
            ),
            ev("mautic.form_on_submit", "{}", 1_795_860_001),
            ev(
                "mautic.lead_post_save_new",
                r#"{"contact":{"id":8}}"#,
                1_795_860_002,
            ),
        ]);
        assert_eq!(
            body,
            concat!(
                r#"{"mautic.lead_post_save_new":[{"contact":{"id":7},"timestamp":"2026-11-28T10:00:00+00:00"},"#,
                r#"{"contact":{"id":8},"timestamp":"2026-11-28T10:00:02+00:00"}],"#,
                r#""mautic.form_on_submit":[{"timestamp":"2026-11-28T10:00:01+00:00"}]}"#
            )
        );
        let v: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(v.as_object().unwrap().len(), 2);
    }
}
