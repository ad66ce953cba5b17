//! Request parameters as one JSON value, whatever way they came: a JSON
//! body as it is, a form body or a query string (PHP's bracket keys,
//! `triggers[]=a&where[0][col]=id`) as nested objects and lists, the way
//! PHP's `parse_str` reads them for Mautic. Then typed reads of one field
//! with Mautic-shaped errors naming it.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::{HeaderMap, StatusCode, header};
use serde_json::{Map, Value, json};

use super::reply::ApiError;

/// PHP reads at most this deep (`max_input_nesting_level`).
const MAX_DEPTH: usize = 64;

/// The body's fields: JSON or form-encoded (an empty body is `{}`).
pub fn body(headers: &HeaderMap, bytes: &[u8]) -> Result<Value, ApiError> {
    let ctype = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let is_json = ctype == "application/json" || ctype.ends_with("+json");
    // No body is no fields; a JSON body of blanks is not JSON.
    if bytes.is_empty() || (!is_json && bytes.iter().all(u8::is_ascii_whitespace)) {
        return Ok(json!({}));
    }
    let is_form = ctype == "application/x-www-form-urlencoded";
    let sniff_json = ctype.is_empty()
        && bytes
            .iter()
            .find(|b| !b.is_ascii_whitespace())
            .is_some_and(|b| *b == b'{' || *b == b'[');
    if is_json || sniff_json {
        return serde_json::from_slice(bytes)
            .map_err(|e| ApiError::bad_request(&format!("Invalid json message received: {e}")));
    }
    if is_form || ctype.is_empty() {
        return form(bytes);
    }
    Err(ApiError::new(
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        &format!(
            "Content-Type {ctype} is not supported; send application/json or application/x-www-form-urlencoded"
        ),
        json!([]),
        Value::Null,
    ))
}

/// A query string's parameters. A parameter without brackets given
/// twice is refused: which one is meant is a guess (PHP takes the last).
pub fn query(q: Option<&str>) -> Result<Value, ApiError> {
    fields(q.unwrap_or("").as_bytes(), true)
}

/// `a=1&b[]=2&c[x][y]=3` as PHP's `parse_str` reads it.
pub fn form(bytes: &[u8]) -> Result<Value, ApiError> {
    fields(bytes, false)
}

/// [`form`], refusing a plain name given twice when `once`.
fn fields(bytes: &[u8], once: bool) -> Result<Value, ApiError> {
    let mut root = Map::new();
    for (key, value) in form_urlencoded::parse(bytes) {
        if once && !key.contains('[') && root.contains_key(key.as_ref()) {
            return Err(ApiError::field(&key, "Give this parameter once."));
        }
        if key.contains('\u{FFFD}') || value.contains('\u{FFFD}') {
            return Err(ApiError::bad_request(&format!(
                "form field {key:?} is not valid UTF-8"
            )));
        }
        let path = key_path(&key);
        // PHP drops a field whose name is empty (`=x`, `[a]=x`).
        if path[0].is_empty() {
            continue;
        }
        if path.len() > MAX_DEPTH {
            return Err(ApiError::bad_request(&format!(
                "form field {:?} is nested deeper than {MAX_DEPTH} levels",
                path[0]
            )));
        }
        insert(&mut root, &path, Value::String(value.into_owned()));
    }
    // The fields themselves stay an object, whatever their names (`0=x`
    // is a field named 0; a batch reads index-named fields as items).
    Ok(Value::Object(
        root.into_iter().map(|(k, v)| (k, lists(v))).collect(),
    ))
}

/// `a[b][]` → `["a", "b", ""]`; a key without brackets is one segment.
/// As in PHP, an unclosed `[` makes the rest part of the name.
fn key_path(key: &str) -> Vec<String> {
    let Some(open) = key.find('[') else {
        return vec![key.to_owned()];
    };
    let mut path = vec![key[..open].to_owned()];
    let mut rest = &key[open..];
    while let Some(inner) = rest.strip_prefix('[') {
        let Some(close) = inner.find(']') else { break };
        path.push(inner[..close].to_owned());
        rest = &inner[close + 1..];
    }
    path
}

fn insert(map: &mut Map<String, Value>, path: &[String], value: Value) {
    let Some((first, rest)) = path.split_first() else {
        return;
    };
    let key = if first.is_empty() {
        // `[]` appends: one past the largest index so far.
        let next = map
            .keys()
            .filter_map(|k| k.parse::<usize>().ok())
            .max()
            .map_or(0, |m| m + 1);
        next.to_string()
    } else {
        first.clone()
    };
    if rest.is_empty() {
        map.insert(key, value);
        return;
    }
    let child = map.entry(key).or_insert_with(|| Value::Object(Map::new()));
    if !child.is_object() {
        *child = Value::Object(Map::new());
    }
    if let Value::Object(m) = child {
        insert(m, rest, value);
    }
}

/// Objects keyed 0..n in order become lists, as PHP arrays encode.
fn lists(v: Value) -> Value {
    match v {
        Value::Object(m) => {
            let is_list = !m.is_empty() && m.keys().enumerate().all(|(i, k)| *k == i.to_string());
            if is_list {
                Value::Array(m.into_iter().map(|(_, v)| lists(v)).collect())
            } else {
                Value::Object(m.into_iter().map(|(k, v)| (k, lists(v))).collect())
            }
        }
        other => other,
    }
}

/// The fields of an object body, or a 400 saying it must be one.
pub fn object(v: Value) -> Result<Map<String, Value>, ApiError> {
    match v {
        Value::Object(m) => Ok(m),
        _ => Err(ApiError::bad_request(
            "the request body must be a JSON object of fields",
        )),
    }
}

fn wrong_type(field: &str, what: &str) -> ApiError {
    ApiError::field(field, &format!("This value should be {what}."))
}

/// A text field: a string, or a number written as text. Null: absent.
pub fn text(m: &Map<String, Value>, field: &str) -> Result<Option<String>, ApiError> {
    match m.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(Value::Number(n)) => Ok(Some(n.to_string())),
        Some(_) => Err(wrong_type(field, "of type string")),
    }
}

/// Whether the field is present (null counts: it clears a value).
pub fn present(m: &Map<String, Value>, field: &str) -> bool {
    m.contains_key(field)
}

/// A yes/no field as PHP clients send one: true/false, 1/0, "1"/"0",
/// "true"/"false", "yes"/"no", "on"/"off". Null: absent.
pub fn flag(m: &Map<String, Value>, field: &str) -> Result<Option<bool>, ApiError> {
    match m.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => truthy(v)
            .map(Some)
            .ok_or_else(|| wrong_type(field, "true or false")),
    }
}

/// A yes/no value; None: not one.
pub fn truthy(v: &Value) -> Option<bool> {
    match v {
        Value::Bool(b) => Some(*b),
        Value::Number(n) => match n.as_i64() {
            Some(0) => Some(false),
            Some(1) => Some(true),
            _ => None,
        },
        Value::String(s) => match s.to_ascii_lowercase().as_str() {
            "1" | "true" | "yes" | "on" => Some(true),
            "0" | "false" | "no" | "off" | "" => Some(false),
            _ => None,
        },
        _ => None,
    }
}

/// A whole number from 0 (a number, or digits as text). Null: absent;
/// empty text is refused (`limit=` says nothing a client meant: leave the
/// parameter out instead).
pub fn count(m: &Map<String, Value>, field: &str) -> Result<Option<u64>, ApiError> {
    // Stores count in signed 64 bits: a larger number is refused here,
    // not met as a database error.
    const WHAT: &str = "a whole number from 0 to 9223372036854775807";
    let fits = |n: u64| (n <= i64::MAX as u64).then_some(n);
    match m.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => n
            .as_u64()
            .and_then(fits)
            .map(Some)
            .ok_or_else(|| wrong_type(field, WHAT)),
        Some(Value::String(s)) => s
            .parse::<u64>()
            .ok()
            .and_then(fits)
            .map(Some)
            .ok_or_else(|| wrong_type(field, WHAT)),
        Some(_) => Err(wrong_type(field, WHAT)),
    }
}

/// An id from 1: a number, digits, or an object carrying `id` (as a GET
/// answers it, so a client can send back what it read). Null, "" and 0:
/// none.
pub fn id_ref(m: &Map<String, Value>, field: &str) -> Result<Option<i64>, ApiError> {
    let bad = || wrong_type(field, "an id (a whole number from 1) or null");
    let v = match m.get(field) {
        Some(Value::Object(o)) => o.get("id").cloned().unwrap_or(Value::Null),
        Some(v) => v.clone(),
        None => Value::Null,
    };
    match v {
        Value::Null => Ok(None),
        // A whole number written with a fraction (`3.0`) is the number
        // JSON Schema's `integer` and PHP's int cast take it for.
        Value::Number(n) => match n.as_i64().or_else(|| whole(n.as_f64()?)) {
            Some(0) => Ok(None),
            Some(i) if i > 0 => Ok(Some(i)),
            _ => Err(bad()),
        },
        Value::String(s) if s.is_empty() || s == "0" => Ok(None),
        Value::String(s) => match s.parse::<i64>() {
            Ok(i) if i > 0 => Ok(Some(i)),
            _ => Err(bad()),
        },
        _ => Err(bad()),
    }
}

/// `f` as an i64 when it is a whole number within range.
fn whole(f: f64) -> Option<i64> {
    // 2^63 is the first f64 past i64's range.
    (f.fract() == 0.0 && f >= i64::MIN as f64 && f < 9_223_372_036_854_775_808.0)
        .then_some(f as i64)
}

/// A list of strings: a list, or one string. Null: absent.
pub fn strings(m: &Map<String, Value>, field: &str) -> Result<Option<Vec<String>>, ApiError> {
    let bad = || wrong_type(field, "a list of strings");
    match m.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(vec![s.clone()])),
        Some(Value::Array(items)) => items
            .iter()
            .map(|i| i.as_str().map(str::to_owned).ok_or_else(bad))
            .collect::<Result<Vec<_>, _>>()
            .map(Some),
        Some(_) => Err(bad()),
    }
}

/// The largest request body read (an NDJSON batch of events fits).
pub const MAX_BODY: usize = 8 << 20;
/// A request body must arrive within this.
const BODY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(60);

/// The request body, read up to [`MAX_BODY`]; beyond it, Mautic's 413.
pub struct Body(pub Bytes);

impl<S: Send + Sync> FromRequest<S> for Body {
    type Rejection = ApiError;

    async fn from_request(req: Request, _: &S) -> Result<Self, ApiError> {
        // A compressed body would be read as if it were plain: refused,
        // whatever coding it names (hookq decodes none).
        for v in req.headers().get_all(header::CONTENT_ENCODING) {
            let coding = v.to_str().unwrap_or("?").trim();
            if coding
                .split(',')
                .any(|c| !c.trim().eq_ignore_ascii_case("identity"))
            {
                return Err(ApiError::new(
                    StatusCode::UNSUPPORTED_MEDIA_TYPE,
                    &format!(
                        "Content-Encoding {coding} is not supported; send the body uncompressed"
                    ),
                    json!([]),
                    Value::Null,
                ));
            }
        }
        // A declared length over the limit is refused before reading any.
        let declared = req
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<u64>().ok());
        if declared.is_some_and(|n| n > MAX_BODY as u64) {
            return Err(too_large());
        }
        let read = tokio::time::timeout(
            BODY_TIMEOUT,
            axum::body::to_bytes(req.into_body(), MAX_BODY),
        );
        let Ok(read) = read.await else {
            return Err(timed_out());
        };
        match read {
            Ok(b) => Ok(Body(b)),
            Err(e) => {
                let too_big = std::error::Error::source(&e)
                    .is_some_and(|s| s.is::<http_body_util::LengthLimitError>());
                Err(if too_big {
                    too_large()
                } else {
                    ApiError::bad_request(&format!("could not read the request body ({e})"))
                })
            }
        }
    }
}

fn too_large() -> ApiError {
    ApiError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        &format!("the request body is larger than {} MiB", MAX_BODY >> 20),
        json!([]),
        Value::Null,
    )
}

/// The answer to a body not sent within [`BODY_TIMEOUT`].
fn timed_out() -> ApiError {
    ApiError::new(
        StatusCode::REQUEST_TIMEOUT,
        "the request body was not sent in time",
        json!([]),
        Value::Null,
    )
}

/// `{id}`: digits only, as Mautic's routes require; anything else is 404.
pub fn hook_id(raw: &str) -> Result<i64, ApiError> {
    if raw.is_empty() || raw.len() > 18 || !raw.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ApiError::not_found());
    }
    match raw.parse::<i64>() {
        Ok(id) if id > 0 => Ok(id),
        _ => Err(ApiError::not_found()),
    }
}

/// hookq's receiver controls from a hook document's `hookq` key, in the
/// shape `get` shows them: `headers` `{"NAME":"VALUE"}` and `filters`
/// `{"TYPE":[{..}]}` (one pattern alone, or one as JSON text for PHP's
/// form encoding, also taken). Each given replaces the whole set; on a
/// full replace (PUT) a set not given is emptied. The `hookq` key's
/// other entries (state `get` shows) are ignored, so a document read can
/// be written back.
pub fn controls(m: &Map<String, Value>, replace: bool) -> Result<crate::controls::Given, ApiError> {
    let mut g = crate::controls::Given {
        clear_headers: replace,
        clear_filters: replace,
        clear_rate: replace,
        ..Default::default()
    };
    let q = match m.get("hookq") {
        None | Some(Value::Null) => return Ok(g),
        Some(Value::Object(q)) => q,
        Some(_) => return Err(wrong_type("hookq", "an object")),
    };
    match q.get("headers") {
        None => {}
        Some(Value::Null) => g.clear_headers = true,
        Some(Value::Object(h)) => {
            g.clear_headers = true;
            for (name, v) in h {
                let Value::String(v) = v else {
                    return Err(wrong_type("hookq.headers", "an object of strings"));
                };
                g.headers.push((name.clone(), v.clone()));
            }
        }
        // PHP's form encoding sends an empty map as an empty list.
        Some(Value::Array(a)) if a.is_empty() => g.clear_headers = true,
        Some(_) => return Err(wrong_type("hookq.headers", "an object of strings")),
    }
    match q.get("rate") {
        None => {}
        Some(Value::Null) => g.rate = Some(None),
        Some(Value::String(r)) => {
            g.rate = Some(
                crate::controls::parse_rate("hookq.rate", r)
                    .map_err(|e| ApiError::from(anyhow::Error::from(e)))?,
            )
        }
        Some(_) => return Err(wrong_type("hookq.rate", "a rate such as \"20/s\", or null")),
    }
    match q.get("filters") {
        None => {}
        Some(Value::Null) => g.clear_filters = true,
        Some(Value::Object(f)) => {
            g.clear_filters = true;
            for (t, v) in f {
                let patterns = match v {
                    Value::Array(a) => a.clone(),
                    Value::String(s) => match serde_json::from_str(s) {
                        Ok(Value::Array(a)) => a,
                        Ok(p) => vec![p],
                        Err(e) => {
                            return Err(ApiError::field(
                                "hookq.filters",
                                &format!("{t}: the filter is not valid JSON ({e})"),
                            ));
                        }
                    },
                    p => vec![p.clone()],
                };
                g.filters
                    .extend(patterns.into_iter().map(|p| (t.clone(), p)));
            }
        }
        Some(Value::Array(a)) if a.is_empty() => g.clear_filters = true,
        Some(_) => {
            return Err(wrong_type(
                "hookq.filters",
                "an object of filters by event type",
            ));
        }
    }
    Ok(g)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_read_as_php_reads_them() {
        let v = form(b"name=a+b&triggers[]=x&triggers[]=y&where[0][col]=id&where[0][val]=%C3%A9")
            .unwrap();
        assert_eq!(
            v,
            json!({"name": "a b", "triggers": ["x", "y"], "where": [{"col": "id", "val": "é"}]})
        );
        // Explicit indexes and an unclosed bracket.
        let v = form(b"t[1]=b&t[0]=a&x[y=1").unwrap();
        assert_eq!(v, json!({"t": {"1": "b", "0": "a"}, "x": "1"}));
        assert!(form(b"name=%FF").is_err());
        let deep = format!("a{}=1", "[x]".repeat(70));
        assert!(form(deep.as_bytes()).is_err());
        // PHP drops a field without a name (schemathesis sent `=true` as a
        // PATCH body, which read as a list and was refused).
        assert_eq!(form(b"=true&[a]=1&name=n").unwrap(), json!({"name": "n"}));
        assert_eq!(form(b"=null").unwrap(), json!({}));
        // Index-named fields are fields (schemathesis's PATCH `=null&0=null`
        // read as a list and was refused).
        assert_eq!(form(b"0=null&1=x").unwrap(), json!({"0": "null", "1": "x"}));
    }

    #[test]
    fn bodies_by_content_type() {
        let mut h = HeaderMap::new();
        h.insert(
            header::CONTENT_TYPE,
            "application/json; charset=utf-8".parse().unwrap(),
        );
        assert_eq!(body(&h, br#"{"a":1}"#).unwrap(), json!({"a": 1}));
        assert_eq!(
            body(&h, b"{\"a\":").unwrap_err().status,
            StatusCode::BAD_REQUEST
        );
        assert_eq!(body(&h, b"").unwrap(), json!({}));
        h.insert(header::CONTENT_TYPE, "text/xml".parse().unwrap());
        assert_eq!(
            body(&h, b"<a/>").unwrap_err().status,
            StatusCode::UNSUPPORTED_MEDIA_TYPE
        );
        let none = HeaderMap::new();
        assert_eq!(body(&none, b"a=1").unwrap(), json!({"a": "1"}));
        assert_eq!(body(&none, b" [1]").unwrap(), json!([1]));
    }

    #[test]
    fn typed_fields() {
        let m = object(
            json!({"n": 5, "s": "x", "b": "1", "o": {}, "c": {"id": 3}, "z": 0, "l": ["a"]}),
        )
        .unwrap();
        assert_eq!(text(&m, "n").unwrap(), Some("5".into()));
        assert!(text(&m, "o").is_err());
        assert_eq!(flag(&m, "b").unwrap(), Some(true));
        assert!(flag(&m, "s").is_err());
        assert_eq!(id_ref(&m, "c").unwrap(), Some(3));
        assert_eq!(id_ref(&m, "z").unwrap(), None);
        assert!(id_ref(&m, "s").is_err());
        assert_eq!(strings(&m, "l").unwrap(), Some(vec!["a".into()]));
        assert!(strings(&m, "n").is_err());
        assert_eq!(count(&m, "n").unwrap(), Some(5));
        assert!(count(&m, "s").is_err());
    }
}
