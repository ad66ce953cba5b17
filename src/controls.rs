//! Receiver controls (issue 22): what a receiver's owner sets on a
//! webhook beyond Mautic's fields. Static headers sent with every request,
//! filters that decide at emit which events of a type the webhook takes,
//! and a rate limit on its requests. Parsing, checking and matching only;
//! no I/O.
//!
//! They live under the `hookq` key of the hook document, so Mautic's own
//! keys stay exactly Mautic's.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::error::UserError;

/// A webhook's receiver controls.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Controls {
    /// Sent with every delivery and test, in this order; names unique
    /// (ASCII case-insensitively).
    pub headers: Vec<(String, String)>,
    /// Per event type, the patterns an event's payload must contain
    /// (one of them) for the webhook to take it. A type without an entry
    /// is unfiltered.
    pub filters: BTreeMap<String, Vec<Value>>,
    /// At most this many requests in any window of its length.
    pub rate: Option<Rate>,
}

/// A rate limit: at most `count` requests in any window of `per`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rate {
    pub count: u32,
    pub per: Per,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Per {
    Second,
    Minute,
    Hour,
}

/// The most requests a limit may allow per window.
pub const MAX_RATE: u32 = 10_000;

impl Rate {
    pub fn window_ms(self) -> i64 {
        match self.per {
            Per::Second => 1_000,
            Per::Minute => 60_000,
            Per::Hour => 3_600_000,
        }
    }

    /// `20/s`, as stored and shown.
    pub fn text(self) -> String {
        let unit = match self.per {
            Per::Second => "s",
            Per::Minute => "m",
            Per::Hour => "h",
        };
        format!("{}/{unit}", self.count)
    }

    /// The stored text back (None: off, or not a rate).
    pub fn from_text(text: Option<&str>) -> Option<Rate> {
        parse_rate("rate", text?).ok().flatten()
    }

    /// The shortest time `requests` requests can take under the limit,
    /// from a fresh window, in milliseconds.
    pub fn min_ms(self, requests: u64) -> i64 {
        let windows = requests.saturating_sub(1) / u64::from(self.count);
        i64::try_from(windows)
            .unwrap_or(i64::MAX)
            .saturating_mul(self.window_ms())
    }
}

/// `N/s`, `N/m` or `N/h` (`/second`, `/min`, `/hour` too), or `off`:
/// None.
pub fn parse_rate(flag: &str, raw: &str) -> Result<Option<Rate>, UserError> {
    let raw = raw.trim();
    if raw.eq_ignore_ascii_case("off") || raw.eq_ignore_ascii_case("none") {
        return Ok(None);
    }
    let bad = || {
        UserError::invalid(
            flag,
            "hookq.rate",
            Some(raw),
            format!(
                "give a rate as N/s, N/m or N/h with N from 1 to {MAX_RATE} (such as 20/s), or off"
            ),
        )
    };
    let (n, unit) = raw.split_once('/').ok_or_else(bad)?;
    let count: u32 = n.trim().parse().map_err(|_| bad())?;
    if count == 0 || count > MAX_RATE {
        return Err(bad());
    }
    let per = match unit.trim().to_ascii_lowercase().as_str() {
        "s" | "sec" | "second" => Per::Second,
        "m" | "min" | "minute" => Per::Minute,
        "h" | "hour" => Per::Hour,
        _ => return Err(bad()),
    };
    Ok(Some(Rate { count, per }))
}

/// Static headers a webhook may hold.
pub const MAX_HEADERS: usize = 20;
/// Longest header value, in bytes.
pub const MAX_HEADER_VALUE: usize = 4096;
/// Largest filter pattern, as JSON text.
pub const MAX_FILTER_BYTES: usize = 16 * 1024;
/// Patterns per event type.
pub const MAX_PATTERNS: usize = 20;

/// Headers hookq sets itself, and those about the connection or the body
/// framing: a static header may not be any of them (lower case).
pub const RESERVED: &[&str] = &[
    "content-type",
    "content-length",
    "content-encoding",
    "transfer-encoding",
    "user-agent",
    "x-origin-base-url",
    "host",
    "connection",
    "keep-alive",
    "proxy-connection",
    "proxy-authenticate",
    "proxy-authorization",
    "te",
    "trailer",
    "upgrade",
    "expect",
];

fn header_error(flag: &str, name: Option<&str>, reason: impl Into<String>) -> UserError {
    // The value may be a credential: messages name the header only.
    UserError::invalid(flag, "hookq.headers", name, reason)
}

/// Check a header name: an HTTP token that hookq does not set itself.
pub fn check_header_name(flag: &str, name: &str) -> Result<String, UserError> {
    if name.is_empty() || name.len() > 100 {
        return Err(header_error(
            flag,
            Some(name),
            "a header name is 1 to 100 characters, such as X-Api-Key",
        ));
    }
    let token = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c);
    if !name.chars().all(token) {
        return Err(header_error(
            flag,
            Some(name),
            "a header name has letters, digits and - _ . only (such as X-Api-Key), no spaces or colons",
        ));
    }
    let lower = name.to_ascii_lowercase();
    if lower.starts_with("webhook-") {
        return Err(header_error(
            flag,
            Some(name),
            "hookq sets the signature headers (Webhook-Signature, Webhook-Id, webhook-*) itself",
        ));
    }
    if RESERVED.contains(&lower.as_str()) {
        return Err(header_error(
            flag,
            Some(name),
            "hookq sets this header itself, or it belongs to the connection; choose another name",
        ));
    }
    Ok(name.to_owned())
}

/// Check a header value: visible ASCII and spaces, 1 to 4096 bytes.
pub fn check_header_value(flag: &str, name: &str, value: &str) -> Result<String, UserError> {
    let value = value.trim_matches([' ', '\t']);
    if value.is_empty() {
        return Err(header_error(
            flag,
            Some(name),
            "the header has no value; to drop a header, use --no-header NAME",
        ));
    }
    if value.len() > MAX_HEADER_VALUE {
        return Err(header_error(
            flag,
            Some(name),
            format!("a header value is at most {MAX_HEADER_VALUE} bytes"),
        ));
    }
    if !value
        .chars()
        .all(|c| c == ' ' || c == '\t' || c.is_ascii_graphic())
    {
        return Err(header_error(
            flag,
            Some(name),
            "a header value has visible ASCII characters and spaces only (no line breaks or control characters)",
        ));
    }
    Ok(value.to_owned())
}

/// `NAME: VALUE`, as `--header` takes it.
pub fn parse_header(flag: &str, raw: &str) -> Result<(String, String), UserError> {
    let Some((name, value)) = raw.split_once(':') else {
        return Err(header_error(
            flag,
            None,
            "give a header as 'NAME: VALUE', such as 'X-Api-Key: abc123'",
        ));
    };
    let name = check_header_name(flag, name.trim())?;
    let value = check_header_value(flag, &name, value)?;
    Ok((name, value))
}

/// Set `name` to `value` in `headers` (replacing one of the same name,
/// in its place).
pub fn set_header(headers: &mut Vec<(String, String)>, name: String, value: String) {
    match headers
        .iter_mut()
        .find(|(n, _)| n.eq_ignore_ascii_case(&name))
    {
        Some(h) => *h = (name, value),
        None => headers.push((name, value)),
    }
}

/// At most [`MAX_HEADERS`].
pub fn check_header_count(flag: &str, headers: &[(String, String)]) -> Result<(), UserError> {
    if headers.len() > MAX_HEADERS {
        return Err(header_error(
            flag,
            None,
            format!("a webhook has at most {MAX_HEADERS} static headers"),
        ));
    }
    Ok(())
}

/// A header value as tables and logs show it: its first 2 characters.
pub fn mask_value(v: &str) -> String {
    let head: String = v.chars().take(2).collect();
    format!("{head}…")
}

fn filter_error(flag: &str, value: Option<&str>, reason: impl Into<String>) -> UserError {
    UserError::invalid(flag, "hookq.filters", value, reason)
}

/// Check one pattern: a JSON object within [`MAX_FILTER_BYTES`].
pub fn check_pattern(flag: &str, event_type: &str, pattern: Value) -> Result<Value, UserError> {
    if !pattern.is_object() {
        return Err(filter_error(
            flag,
            Some(event_type),
            r#"a filter is a JSON object that the payload must contain, such as {"submission":{"form":{"id":3}}}"#,
        ));
    }
    if pattern.to_string().len() > MAX_FILTER_BYTES {
        return Err(filter_error(
            flag,
            Some(event_type),
            format!("a filter is at most {MAX_FILTER_BYTES} bytes of JSON"),
        ));
    }
    Ok(pattern)
}

/// `TYPE:JSON`, as `--filter` takes it.
pub fn parse_filter(flag: &str, raw: &str) -> Result<(String, Value), UserError> {
    let Some((event_type, json)) = raw.split_once(':') else {
        return Err(filter_error(
            flag,
            Some(raw),
            r#"give a filter as TYPE:JSON, such as 'mautic.form_on_submit:{"submission":{"form":{"id":3}}}'"#,
        ));
    };
    let event_type = event_type.trim();
    let pattern: Value = serde_json::from_str(json).map_err(|e| {
        filter_error(
            flag,
            Some(event_type),
            format!("the filter is not valid JSON ({e})"),
        )
    })?;
    Ok((
        event_type.to_owned(),
        check_pattern(flag, event_type, pattern)?,
    ))
}

/// At most [`MAX_PATTERNS`] per type.
pub fn check_pattern_count(
    flag: &str,
    filters: &BTreeMap<String, Vec<Value>>,
) -> Result<(), UserError> {
    for (t, p) in filters {
        if p.len() > MAX_PATTERNS {
            return Err(filter_error(
                flag,
                Some(t),
                format!("at most {MAX_PATTERNS} filters per event type"),
            ));
        }
    }
    Ok(())
}

/// Whether `value` contains `pattern`: objects by their keys,
/// recursively (the value may have more); arrays and scalars by equality.
pub fn contains(value: &Value, pattern: &Value) -> bool {
    match (value, pattern) {
        (Value::Object(v), Value::Object(p)) => p
            .iter()
            .all(|(k, pv)| v.get(k).is_some_and(|vv| contains(vv, pv))),
        (Value::Number(a), Value::Number(b)) => {
            // 3 and 3.0 are the same number to a PHP sender.
            a == b || matches!((a.as_f64(), b.as_f64()), (Some(x), Some(y)) if x == y)
        }
        _ => value == pattern,
    }
}

/// Whether a payload (JSON text) is taken by one of `patterns`.
pub fn matches_any(payload: &Value, patterns: &[Value]) -> bool {
    patterns.iter().any(|p| contains(payload, p))
}

/// A type's published subscribers, with the filters some of them hold.
#[derive(Default)]
pub struct Subscribers {
    pub all: Vec<i64>,
    /// Those with a filter of the type: their place in `all`, and the
    /// patterns (one must match).
    filtered: Vec<(usize, Vec<Value>)>,
}

impl Subscribers {
    /// From the store's `subscribers` rows (id, filter text).
    pub fn of(rows: Vec<(i64, Option<String>)>) -> Subscribers {
        let mut s = Subscribers::default();
        for (i, (id, filter)) in rows.into_iter().enumerate() {
            s.all.push(id);
            if let Some(f) = filter {
                s.filtered.push((i, patterns_from_text(&f)));
            }
        }
        s
    }

    /// [`Subscribers::taking`], owned: the list itself when no filter applies
    /// (one emit stores it as it was read, with no copy).
    pub fn into_taking(self, payload: &str) -> Vec<i64> {
        if self.filtered.is_empty() {
            return self.all;
        }
        self.taking(payload).into_owned()
    }

    /// The subscribers that take an event with this payload (checked
    /// JSON text): all of them unless some filter, and then the payload is
    /// read once.
    pub fn taking(&self, payload: &str) -> std::borrow::Cow<'_, [i64]> {
        if self.filtered.is_empty() {
            return std::borrow::Cow::Borrowed(&self.all);
        }
        let value: Value = serde_json::from_str(payload).unwrap_or(Value::Null);
        let mut refused = self
            .filtered
            .iter()
            .filter(|(_, p)| !matches_any(&value, p))
            .map(|(i, _)| *i)
            .peekable();
        let mut out = Vec::with_capacity(self.all.len());
        for (i, id) in self.all.iter().enumerate() {
            if refused.peek() == Some(&i) {
                refused.next();
            } else {
                out.push(*id);
            }
        }
        std::borrow::Cow::Owned(out)
    }
}

/// The filters of one subscription as stored: a JSON array of patterns.
pub fn patterns_to_text(patterns: &[Value]) -> String {
    Value::Array(patterns.to_vec()).to_string()
}

/// The stored text back (a bad one, written by hand, matches nothing).
pub fn patterns_from_text(text: &str) -> Vec<Value> {
    match serde_json::from_str(text) {
        Ok(Value::Array(a)) => a,
        _ => vec![Value::Bool(false)],
    }
}

/// Headers as stored: a JSON array of `[name, value]`.
pub fn headers_to_text(headers: &[(String, String)]) -> Option<String> {
    (!headers.is_empty()).then(|| serde_json::to_string(headers).unwrap_or_default())
}

pub fn headers_from_text(text: Option<&str>) -> Vec<(String, String)> {
    text.and_then(|t| serde_json::from_str(t).ok())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn contains_is_a_recursive_subset() {
        let v =
            json!({"submission":{"form":{"id":3,"name":"x"},"results":{"a":1}},"tags":["a","b"]});
        assert!(contains(&v, &json!({})));
        assert!(contains(&v, &json!({"submission":{"form":{"id":3}}})));
        assert!(contains(&v, &json!({"submission":{"form":{"id":3.0}}})));
        assert!(!contains(&v, &json!({"submission":{"form":{"id":4}}})));
        assert!(!contains(&v, &json!({"submission":{"form":{"id":"3"}}})));
        assert!(!contains(&v, &json!({"missing":null})));
        // Arrays by equality, whole.
        assert!(contains(&v, &json!({"tags":["a","b"]})));
        assert!(!contains(&v, &json!({"tags":["a"]})));
        assert!(!contains(&v, &json!({"tags":["b","a"]})));
        assert!(matches_any(
            &v,
            &[json!({"x":1}), json!({"tags":["a","b"]})]
        ));
        assert!(!matches_any(&v, &[]));
    }

    #[test]
    fn subscribers_take_what_their_filters_match() {
        let rows = vec![
            (1, None),
            (2, Some(r#"[{"x":1}]"#.to_owned())),
            (3, Some(r#"[{"x":2},{"y":true}]"#.to_owned())),
        ];
        let s = Subscribers::of(rows);
        assert_eq!(&*s.taking(r#"{"x":1}"#), [1, 2]);
        assert_eq!(&*s.taking(r#"{"x":2,"y":true}"#), [1, 3]);
        assert_eq!(s.into_taking("{}"), [1]);
        let plain = Subscribers::of(vec![(4, None), (5, None)]);
        assert!(matches!(plain.taking("{}"), std::borrow::Cow::Borrowed(_)));
        assert_eq!(plain.into_taking("{}"), [4, 5]);
    }

    #[test]
    fn headers_are_checked() {
        assert_eq!(
            parse_header("--header", "X-Api-Key:  abc 123 ").unwrap(),
            ("X-Api-Key".into(), "abc 123".into())
        );
        for bad in [
            "X-Api-Key",
            ": v",
            "X Api: v",
            "Content-Type: text/plain",
            "webhook-id: 1",
            "Webhook-Signature: x",
            "HOST: x",
            "Transfer-Encoding: chunked",
            "User-Agent: me",
            "X-Origin-Base-URL: x",
            "X-A:",
            "X-A: a\u{7f}",
            "X-A: é",
        ] {
            let e = parse_header("--header", bad).unwrap_err().to_string();
            assert!(e.starts_with("invalid --header"), "{bad}: {e}");
            assert!(!e.contains("chunked") && !e.contains("me\""), "{e}");
        }
        let long = format!("X-A: {}", "a".repeat(MAX_HEADER_VALUE + 1));
        assert!(parse_header("--header", &long).is_err());
        let mut h = vec![("X-A".to_owned(), "1".to_owned())];
        set_header(&mut h, "x-a".into(), "2".into());
        set_header(&mut h, "X-B".into(), "3".into());
        assert_eq!(h, [("x-a".into(), "2".into()), ("X-B".into(), "3".into())]);
        assert_eq!(mask_value("secret"), "se…");
    }

    #[test]
    fn rates_are_parsed() {
        let r = parse_rate("--rate", "20/s").unwrap().unwrap();
        assert_eq!(
            (r.count, r.window_ms(), r.text()),
            (20, 1000, "20/s".into())
        );
        assert_eq!(
            parse_rate("--rate", " 5 / min ").unwrap().unwrap().text(),
            "5/m"
        );
        assert_eq!(
            parse_rate("--rate", "100/hour")
                .unwrap()
                .unwrap()
                .window_ms(),
            3_600_000
        );
        assert_eq!(parse_rate("--rate", "off").unwrap(), None);
        for bad in ["0/s", "20", "20/d", "x/s", "10001/s", "-1/s", ""] {
            let e = parse_rate("--rate", bad).unwrap_err().to_string();
            assert!(e.starts_with("invalid --rate"), "{bad}: {e}");
        }
        // 300 requests at 20/s: 14 full windows after the first 20.
        assert_eq!(r.min_ms(300), 14_000);
        assert_eq!(r.min_ms(20), 0);
        assert_eq!(Rate::from_text(Some("7/h")).unwrap().count, 7);
        assert_eq!(Rate::from_text(None), None);
    }

    #[test]
    fn filters_are_checked() {
        let (t, p) = parse_filter("--filter", r#"mautic.form_on_submit:{"a":{"b":[1]}}"#).unwrap();
        assert_eq!(t, "mautic.form_on_submit");
        assert_eq!(p, json!({"a":{"b":[1]}}));
        for bad in ["nocolon", "t:{", "t:[1]", "t:3", r#"t:"x""#] {
            let e = parse_filter("--filter", bad).unwrap_err().to_string();
            assert!(e.starts_with("invalid --filter"), "{bad}: {e}");
        }
        assert_eq!(
            patterns_from_text(&patterns_to_text(std::slice::from_ref(&p))),
            vec![p]
        );
        assert_eq!(patterns_from_text("{"), vec![Value::Bool(false)]);
    }
}

/// Controls as a front gives them, before checks.
#[derive(Debug, Clone, Default)]
pub struct Given {
    /// Headers to set (a later one of the same name wins).
    pub headers: Vec<(String, String)>,
    /// Header names to drop.
    pub remove_headers: Vec<String>,
    /// Start from no headers (a PUT, or the API's whole `headers` map).
    pub clear_headers: bool,
    /// Patterns by type: the types given get these patterns (repeats of
    /// a type add alternatives).
    pub filters: Vec<(String, Value)>,
    /// Types whose filters go.
    pub remove_filters: Vec<String>,
    /// Start from no filters.
    pub clear_filters: bool,
    /// A new rate limit (Some(None): off).
    pub rate: Option<Option<Rate>>,
    /// Start from no rate limit (a PUT).
    pub clear_rate: bool,
}

impl Given {
    pub fn is_empty(&self) -> bool {
        self.headers.is_empty()
            && self.remove_headers.is_empty()
            && !self.clear_headers
            && self.filters.is_empty()
            && self.remove_filters.is_empty()
            && !self.clear_filters
            && self.rate.is_none()
            && !self.clear_rate
    }
}

/// `old` changed as `g` says, for a webhook subscribed to `triggers`:
/// every header and filter checked; filters of types no longer
/// subscribed go with them.
pub fn apply(old: &Controls, g: &Given, triggers: &[String]) -> Result<Controls, UserError> {
    let mut headers = if g.clear_headers {
        Vec::new()
    } else {
        old.headers.clone()
    };
    for name in &g.remove_headers {
        let before = headers.len();
        headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
        if headers.len() == before && !g.clear_headers {
            return Err(header_error(
                "--no-header",
                Some(name),
                "the webhook has no such header",
            ));
        }
    }
    for (name, value) in &g.headers {
        let name = check_header_name("--header", name.trim())?;
        let value = check_header_value("--header", &name, value)?;
        set_header(&mut headers, name, value);
    }
    check_header_count("--header", &headers)?;
    let mut filters = if g.clear_filters {
        BTreeMap::new()
    } else {
        old.filters.clone()
    };
    for t in &g.remove_filters {
        if filters.remove(t).is_none() && !g.clear_filters {
            return Err(filter_error(
                "--no-filter",
                Some(t),
                "the webhook has no filter of this type",
            ));
        }
    }
    let mut given: BTreeMap<&str, Vec<Value>> = BTreeMap::new();
    for (t, p) in &g.filters {
        let p = check_pattern("--filter", t, p.clone())?;
        given.entry(t.as_str()).or_default().push(p);
    }
    for (t, patterns) in given {
        if !triggers.iter().any(|x| x == t) {
            return Err(filter_error(
                "--filter",
                Some(t),
                "the webhook is not subscribed to this type; add it with --trigger first",
            )
            .in_api_words("the webhook is not subscribed to this type; add it to triggers"));
        }
        filters.insert(t.to_owned(), patterns);
    }
    check_pattern_count("--filter", &filters)?;
    filters.retain(|t, _| triggers.contains(t));
    let rate = match g.rate {
        Some(r) => r,
        None if g.clear_rate => None,
        None => old.rate,
    };
    Ok(Controls {
        headers,
        filters,
        rate,
    })
}
