//! What `serve` takes, as JSON Schema: request bodies and parameters.
//!
//! Each schema says exactly what the checks behind it accept (the
//! validators in `model`, `controls`, `service::hooks`, `service::logs`
//! and `params`): a value the schema admits is accepted, one it refuses
//! is answered 400, so a client generated from the document, or a fuzzer,
//! finds no gap between the two. Unit tests hold each pattern against its
//! validator. What no schema can say is written in the description: that
//! a trigger names a type of this instance's catalog and a category one
//! of its categories (refused with 400 otherwise, as in Mautic).
//!
//! Patterns keep to the part of regular expressions that ECMA-262 (what
//! JSON Schema names), Python and Rust read alike: no lookaround, no
//! inline flags (case is spelt out as `[Aa]`).

use serde_json::{Value, json};

use crate::controls::{MAX_HEADER_VALUE, MAX_HEADERS, MAX_RATE};
use crate::model::{DESCRIPTION_MAX_BYTES, SECRET_MAX_CHARS, URL_MAX_CHARS};
use crate::store::OrderColumn;

/// Whitespace `str::trim` removes that is not a control character.
const SPACE: &str = r" \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000";
/// Control characters (`char::is_control`, Unicode's Cc).
const CONTROL: &str = r"\x00-\x1F\x7F-\x9F";
/// Bidirectional controls (`model::is_bidi_control`).
const BIDI: &str = r"\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069";

/// `model::validate_name`: not blank, no control or bidirectional
/// characters (at most 191 characters: `maxLength`).
pub fn name_pattern() -> String {
    format!("^[{SPACE}]*[^{SPACE}{CONTROL}{BIDI}][^{CONTROL}{BIDI}]*$")
}

/// `model::validate_description`: no control characters but tab and
/// line feed.
pub const DESCRIPTION: &str = r"^[^\x00-\x08\x0B-\x1F\x7F-\x9F]*$";

/// `model::validate_secret`: no control characters (empty: generate one).
pub const SECRET: &str = r"^[^\x00-\x1F\x7F-\x9F]*$";

/// A Standard Webhooks secret (`model::standard_key`): `whsec_` and
/// base64 of 24 to 48 bytes (the check takes up to 64, padded or not).
pub const WHSEC: &str = r"^whsec_(?:[A-Za-z0-9+/]{4}){8,16}$";
/// [`WHSEC`], or empty (a new one).
pub const WHSEC_OR_EMPTY: &str = r"^(?:whsec_(?:[A-Za-z0-9+/]{4}){8,16})?$";

const LABEL: &str = r"[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?";
const TOP_LABEL: &str = r"[A-Za-z](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?";
const OCTET: &str = r"(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])";
/// An IPv4 address from 1.0.0.0 to 223.255.255.255 (not "this network",
/// multicast or reserved).
const FIRST_OCTET: &str = r"(?:22[0-3]|2[01][0-9]|1[0-9]{2}|[1-9][0-9]?)";
const PORT: &str = r"(?::(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5]))?";

/// An http(s) URL with a host name, as `model::validate_url` takes it:
/// labels of letters, digits, `_` and `-` (not at either end, at most 63),
/// the last starting with a letter) or an IPv4 address, a port from 1,
/// then a path, query and fragment of visible ASCII. (The check also
/// takes IPv6 literals and international names; the document names the
/// forms every client writes. Special-use addresses, such as
/// documentation or cloud metadata ones, are refused, and with the
/// `block_private_addresses` setting private and loopback ones too.)
pub fn url_pattern() -> String {
    format!(
        r"^[Hh][Tt][Tt][Pp][Ss]?://(?:(?:{LABEL}\.)*{TOP_LABEL}\.?|{FIRST_OCTET}(?:\.{OCTET}){{3}}){PORT}(?:[/?#][!-~]*)?$"
    )
}

/// Each letter of `word` as a class of both cases: `asc` → `[Aa][Ss][Cc]`.
fn any_case(word: &str) -> String {
    word.chars()
        .map(|c| {
            if c.is_ascii_alphabetic() {
                format!("[{}{}]", c.to_ascii_uppercase(), c.to_ascii_lowercase())
            } else if c.is_ascii_alphanumeric() || c == '_' {
                c.to_string()
            } else {
                format!(r"\{c}")
            }
        })
        .collect()
}

/// One of `words`, in any case (empty too when `empty`).
fn one_of_any_case(words: &[&str], empty: bool) -> String {
    let alts: Vec<String> = words.iter().map(|w| any_case(w)).collect();
    format!("^(?:{}){}$", alts.join("|"), if empty { "?" } else { "" })
}

/// `Signing::parse`; empty: the default.
pub fn signing_pattern() -> String {
    one_of_any_case(&["mautic", "standard"], true)
}

/// `Order::parse` on create; edits take `default`/`none` too.
pub fn order_pattern(edit: bool) -> String {
    if edit {
        one_of_any_case(&["asc", "desc", "default", "none"], true)
    } else {
        one_of_any_case(&["asc", "desc"], true)
    }
}

/// `params::truthy` for text.
pub fn flag_pattern() -> String {
    one_of_any_case(&["1", "0", "true", "false", "yes", "no", "on", "off"], true)
}

/// `model::validate_event_type`.
pub const EVENT_TYPE: &str = r"^[a-z0-9][a-z0-9._-]{0,49}$";

/// `controls::parse_rate`.
pub fn rate_pattern() -> String {
    let units = ["s", "sec", "second", "m", "min", "minute", "h", "hour"]
        .map(any_case)
        .join("|");
    format!(
        "^(?:{}|{}|(?:[1-9][0-9]{{0,3}}|{MAX_RATE})/(?:{units}))$",
        any_case("off"),
        any_case("none")
    )
}

/// An HTTP token (`controls::check_header_name`).
pub const HEADER_NAME: &str = r"^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$";

/// The names `controls::check_header_name` keeps for hookq, any case.
pub fn reserved_header_pattern() -> String {
    let mut words: Vec<String> = crate::controls::RESERVED
        .iter()
        .map(|w| any_case(w))
        .collect();
    words.push(format!("{}.*", any_case("webhook-")));
    format!("^(?:{})$", words.join("|"))
}

/// `controls::check_header_value`: visible ASCII and spaces, not blank.
pub const HEADER_VALUE: &str = r"^[ \t]*[!-~](?:[ \t!-~]*[!-~])?[ \t]*$";

/// `--search` holds no NUL; its commands are in the parameter's text.
pub const SEARCH: &str = r"^[^\x00]*$";

/// A column `orderBy` takes (after a table alias such as `w.`).
pub fn order_by_pattern() -> String {
    let names: Vec<String> = OrderColumn::NAMES
        .iter()
        .flat_map(|(camel, snake, _)| [camel.to_string(), snake.to_string()])
        .collect();
    format!(r"^(?:(?:[\s\S]*\.)?(?:{}))?$", names.join("|"))
}

/// Whitespace `str::trim` removes, controls included.
const TRIMMED: &str = r"\t-\r \x85\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000";

/// `service::logs::query`'s status: an HTTP status, `N/A`/`none`,
/// `failed` (empty: not given).
pub fn status_pattern() -> String {
    format!(
        "^(?:[{TRIMMED}]*(?:{}|{}|{}|[1-5][0-9]{{2}})[{TRIMMED}]*)?$",
        any_case("failed"),
        any_case("n/a"),
        any_case("none")
    )
}

/// `settings::parse_duration` as `since` takes it, within 366 days.
pub const SINCE: &str = r"^(?:[1-9][0-9]{0,6}s?|[1-9][0-9]{0,4}m|[1-9][0-9]{0,2}h|(?:[1-9][0-9]?|[12][0-9]{2}|3[0-5][0-9]|36[0-6])d)?$";

/// A batch id to find: no control characters once trimmed.
pub fn batch_pattern() -> String {
    format!(
        "^(?:[{TRIMMED}]*[^{TRIMMED}{CONTROL}](?:[^{CONTROL}]*[^{TRIMMED}{CONTROL}])?[{TRIMMED}]*)?$"
    )
}

/// `emit::key` from a header: visible ASCII, 1 to 255 characters.
pub const IDEMPOTENCY_HEADER: &str = r"^[!-~](?:[ -~]{0,253}[!-~])?$";

/// What a hook body is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Use {
    /// `POST /api/hooks/new`: name, URL and triggers required.
    Create,
    /// PUT: a full replace, the same fields required.
    Replace,
    /// PATCH: any field.
    Patch,
}

/// Text (or a number, which is read as its text) of at most `max`
/// characters matching `pattern`; null too when `null` (absent).
fn text_or_number(words: &str, pattern: &str, max: usize, null: bool) -> Value {
    let mut types = vec!["string", "number"];
    if null {
        types.push("null");
    }
    json!({"description": words, "type": types, "pattern": pattern, "maxLength": max})
}

/// One trigger, or a list of them.
fn triggers(required: bool) -> Value {
    let one = json!({"$ref": "#/components/schemas/EventType"});
    let mut list = json!({"type": "array", "items": one});
    if required {
        list["minItems"] = json!(1);
        json!({"description": "Event types (`GET /api/hooks/triggers`): a list, or one as text. PUT replaces the list; PATCH adds to it.", "anyOf": [list, one]})
    } else {
        json!({"description": "Event types (`GET /api/hooks/triggers`): a list, or one as text. PUT replaces the list; PATCH adds to it.", "anyOf": [list, one, {"type": "null"}]})
    }
}

/// hookq's receiver controls.
fn controls() -> Value {
    json!({
        "type": ["object", "null"],
        "description": "hookq's receiver controls, as `GET` shows them under `hookq` (its other keys are ignored, so a document read can be written back). Each given replaces its whole set; on PUT one not given is emptied. `filters`: by event type (one the webhook subscribes to), a JSON object the payload must contain, or a list of up to 20 of them (any one matches); an object of them replaces the filters, null removes them.",
        "properties": {
            "headers": {
                "description": "Static headers sent with every request, by name (null or `{}`: none).",
                "anyOf": [
                    {
                        "type": "object",
                        "maxProperties": MAX_HEADERS,
                        "propertyNames": {"pattern": HEADER_NAME, "not": {"pattern": reserved_header_pattern()}},
                        "additionalProperties": {"type": "string", "pattern": HEADER_VALUE, "maxLength": MAX_HEADER_VALUE}
                    },
                    {"type": "null"},
                    {"type": "array", "maxItems": 0}
                ]
            },
            "rate": {
                "description": "At most N requests a second, minute or hour (`20/s`, `5/min`, `100/h`); `off` or null: no limit.",
                "type": ["string", "null"],
                "pattern": rate_pattern()
            }
        }
    })
}

/// A webhook's fields in JSON.
pub fn hook_json(u: Use) -> Value {
    let required = u != Use::Patch;
    let props = json!({
        "name": text_or_number("At most 191 characters, not blank; no control or bidirectional characters.", &name_pattern(), 191, !required),
        "webhookUrl": {"type": if required { json!("string") } else { json!(["string", "null"]) }, "description": "Where to POST: an http(s) URL of at most 255 characters.", "pattern": url_pattern(), "maxLength": URL_MAX_CHARS},
        "description": text_or_number("Free text (tab and line breaks allowed), at most 65,535 bytes.", DESCRIPTION, DESCRIPTION_MAX_BYTES, true),
        "secret": text_or_number("Signs the body. Empty (or absent on create and PUT): a new one is generated. With `standard` signing: `whsec_` and base64 of 24 to 64 bytes.", SECRET, SECRET_MAX_CHARS, true),
        "triggers": triggers(required),
        "isPublished": {
            "description": "true/false, 1/0, or as text (`yes`, `on`, …); absent on create: true.",
            "anyOf": [{"type": ["boolean", "null"]}, {"enum": [0, 1]}, {"type": "string", "pattern": flag_pattern()}]
        },
        "eventsOrderbyDir": {"type": ["string", "null"], "description": "`ASC` or `DESC` (any case); empty: the `events_order` setting. An edit also takes `default`.", "pattern": order_pattern(u != Use::Create)},
        "category": category_ref(),
        "signing": {"type": ["string", "null"], "description": "`mautic` (Mautic's Webhook-Signature) or `standard` (Standard Webhooks); empty: mautic.", "pattern": signing_pattern()},
        "hookq": controls()
    });
    let mut schema = json!({
        "type": "object",
        "properties": props,
        // Standard signing takes only a standard secret (or a new one).
        "if": {"properties": {"signing": {"type": "string", "pattern": one_of_any_case(&["standard"], false)}}, "required": ["signing"]},
        "then": standard_secret(u, false)
    });
    if required {
        schema["required"] = json!(["name", "webhookUrl", "triggers"]);
    }
    schema
}

/// The same fields as PHP's form encoding sends them (`triggers[]=…`):
/// each as its text form in [`hook_json`], words and rules alike. The
/// receiver controls (`hookq[rate]=…`) are read too, described in JSON.
pub fn hook_form(u: Use) -> Value {
    let mut schema = hook_json(u);
    if let Some(props) = schema["properties"].as_object_mut() {
        props.remove("hookq");
        for p in props.values_mut() {
            *p = as_text(p.take());
        }
    }
    schema["then"] = standard_secret(u, true);
    schema
}

/// A field's schema as form text: its string (or list) branch, or its
/// string type, keeping its words.
fn as_text(mut p: Value) -> Value {
    let words = p.get("description").cloned();
    if let Some(branches) = p.get("anyOf").and_then(Value::as_array) {
        let text = branches
            .iter()
            .find(|b| b["type"] == "array" || b["type"] == "string")
            .cloned()
            .unwrap_or(json!({"type": "string"}));
        p = text;
    } else if p.get("type").is_some() {
        p["type"] = json!("string");
    }
    if let Some(w) = words {
        p["description"] = w;
    }
    p
}

/// With `standard` signing, the secret: a standard one, empty (a new
/// one), or on create and PUT absent (a new one too); a PATCH that sets
/// `standard` gives it, so that switching never keeps a secret that
/// cannot sign.
fn standard_secret(u: Use, form: bool) -> Value {
    let whsec = json!({"type": "string", "pattern": WHSEC_OR_EMPTY});
    let secret = if u == Use::Patch || form {
        whsec
    } else {
        json!({"anyOf": [{"type": "null"}, whsec]})
    };
    let mut then = json!({"properties": {"secret": secret}});
    if u == Use::Patch {
        then["required"] = json!(["secret"]);
    }
    then
}

/// A batch's body: items answered each on its own (Mautic answers the
/// batch 201/200 and each item's status in `statusCodes`, so an item is
/// any value here: what each takes is `item`'s schema).
pub fn batch(item: &str, edit: bool) -> Value {
    let what = if edit {
        "the fields of a PUT or PATCH (`HookReplace`/`HookPatch`) and the `id` of the webhook it edits"
    } else {
        "the fields of `HookCreate`"
    };
    json!({
        "description": format!("Up to 200 items, each {what}. An item that is refused does not stop the others: it is answered in its place in `statusCodes` and `errors` ({item}). PHP's form encoding (`0[name]=…&1[name]=…`) is read too. No body, or null: an empty batch."),
        "anyOf": [
            {"type": "array", "maxItems": 200},
            {"type": "object", "maxProperties": 200, "propertyNames": {"pattern": "^(?:0|[1-9][0-9]{0,8})$"}},
            {"type": "null"}
        ]
    })
}

/// One event (`POST /api/hookq/events`).
pub fn event() -> Value {
    json!({
        "type": "object",
        "additionalProperties": false,
        "required": ["type"],
        "properties": {
            "type": {
                "description": "An event type of the catalog (`GET /api/hooks/triggers`), not hookq's own (`hookq.*`).",
                "allOf": [{"$ref": "#/components/schemas/EventType"}, {"not": {"pattern": "^hookq\\."}}]
            },
            "payload": {"type": "object", "description": "The event's data (default `{}`; a `timestamp` key is dropped), within the `max_payload_bytes` setting."},
            "id": {"type": ["string", "number", "null"], "description": "An idempotency key (or the `Idempotency-Key` header).", "minLength": 1, "maxLength": 255, "pattern": SECRET}
        }
    })
}

/// A category's id in text (`params::id_ref`): empty or 0 is none.
const ID_TEXT: &str = "^(?:|0|[1-9][0-9]{0,17})$";

/// `params::id_ref` for a category.
fn category_ref() -> Value {
    let id = json!({"anyOf": [{"type": "null"}, {"type": "integer", "minimum": 0, "maximum": i64::MAX}, {"type": "string", "pattern": ID_TEXT}]});
    let mut branches = id["anyOf"].as_array().cloned().unwrap_or_default();
    branches.push(json!({"type": "object", "properties": {"id": id}}));
    json!({
        "description": "A category's id (`hookq category list`), as a number, as text, or as `{\"id\": N}` (what `GET` shows); null, 0 or empty: none. An id no category has is refused (400), as in Mautic.",
        "anyOf": branches
    })
}

/// The schemas the document names, beside those derived from types.
pub fn components() -> Vec<(&'static str, Value)> {
    vec![
        ("HookCreate", hook_json(Use::Create)),
        ("HookReplace", hook_json(Use::Replace)),
        ("HookPatch", hook_json(Use::Patch)),
        ("HookCreateForm", hook_form(Use::Create)),
        ("HookReplaceForm", hook_form(Use::Replace)),
        ("HookPatchForm", hook_form(Use::Patch)),
        ("BatchNew", batch("as `POST /api/hooks/new` would", false)),
        ("BatchEdit", batch("as the edit of one would", true)),
        ("EventInput", event()),
        (
            "EventType",
            json!({"type": "string", "pattern": EVENT_TYPE, "description": "An event type of this instance's catalog (`GET /api/hooks/triggers`): Mautic's, hookq's own (`hookq.*`) or a custom one; another is refused (400).", "examples": ["mautic.lead_post_save_new", "mautic.form_on_submit"]}),
        ),
    ]
}

/// A yes/no query parameter, as PHP clients send one (empty: no).
fn query_flag(what: &str) -> Value {
    json!({"type": "string", "pattern": flag_pattern(), "description": format!("{what} `true`/`false`, `1`/`0`, `yes`/`no`, `on`/`off` (any case); empty: no.")})
}

fn count_param(what: &str) -> Value {
    json!({"type": "integer", "minimum": 0, "maximum": i64::MAX, "description": what})
}

/// A webhook's id in a path: digits, at most 18 of them, from 1
/// (`params::hook_id`; anything else is a 404).
pub fn hook_id() -> Value {
    json!({"type": "integer", "minimum": 1, "maximum": 999_999_999_999_999_999_i64})
}

/// `ids` of a batch delete: up to 200, comma-separated, not blank.
pub fn ids_pattern() -> String {
    format!("^(?:[{TRIMMED}]*[^{TRIMMED},][^,]*|[^,]*(?:,[^,]*){{1,199}})$")
}

/// Parameters whose schema is written here: (path, method, name, schema).
pub fn parameters() -> Vec<(&'static str, &'static str, &'static str, Value)> {
    let webhook = || json!({"type": "integer", "minimum": 0, "maximum": i64::MAX, "description": "Only this webhook's (0: every webhook's); one that does not exist: 404."});
    vec![
        (
            "/api/hooks",
            "get",
            "search",
            json!({"type": "string", "pattern": SEARCH, "description": "Text to find in names, and Mautic's search commands: `is:published`, `is:unpublished`, `is:uncategorized`, `category:ALIAS`, `ids:1,2`; `!` before a term negates it; `\"two words\"` is one term. An unknown command, or a command without its value, is refused (400)."}),
        ),
        ("/api/hooks", "get", "start", count_param("Rows to skip.")),
        (
            "/api/hooks",
            "get",
            "limit",
            count_param("Rows to return (0: all; default 30)."),
        ),
        (
            "/api/hooks",
            "get",
            "orderBy",
            json!({"type": "string", "pattern": order_by_pattern(), "description": "A column, by its Mautic or database name, after a table alias or not (`w.name`); empty: id."}),
        ),
        (
            "/api/hooks",
            "get",
            "orderByDir",
            json!({"type": "string", "pattern": order_pattern(false), "description": "`asc` or `desc`, any case; empty: asc."}),
        ),
        (
            "/api/hooks",
            "get",
            "publishedOnly",
            query_flag("Only published webhooks."),
        ),
        (
            "/api/hooks",
            "get",
            "minimal",
            query_flag("Only Mautic's list fields."),
        ),
        (
            "/api/hookq/queue",
            "get",
            "dead",
            query_flag("Only dead events."),
        ),
        (
            "/api/hookq/logs",
            "get",
            "failed",
            query_flag("Only failed attempts."),
        ),
        ("/api/hookq/queue", "get", "webhookId", webhook()),
        (
            "/api/hookq/queue",
            "get",
            "limit",
            count_param("Rows (0: all; default 50)."),
        ),
        ("/api/hookq/logs", "get", "webhookId", webhook()),
        (
            "/api/hookq/logs",
            "get",
            "limit",
            count_param("Rows (0: all; default 50)."),
        ),
        (
            "/api/hookq/logs",
            "get",
            "since",
            json!({"type": "string", "pattern": SINCE, "description": "Attempts since that long ago: seconds, or N with s, m, h or d; at most 366 days."}),
        ),
        (
            "/api/hookq/logs",
            "get",
            "status",
            json!({"type": "string", "pattern": status_pattern(), "description": "An HTTP status (`500`), `N/A` (no response) or `failed`, any case."}),
        ),
        (
            "/api/hookq/logs",
            "get",
            "batch",
            json!({"type": "string", "pattern": batch_pattern(), "description": "A batch's Webhook-Id (no control characters)."}),
        ),
        (
            "/api/hooks/batch/delete",
            "delete",
            "ids",
            json!({"type": "string", "pattern": ids_pattern(), "description": "Up to 200 ids, `1,2,3` (or PHP's `ids[]=1&ids[]=2`); each answered on its own (one that is not a webhook's: 404 in its place)."}),
        ),
        (
            "/api/hookq/events",
            "post",
            "Idempotency-Key",
            json!({"type": "string", "pattern": IDEMPOTENCY_HEADER, "description": "Store this event once per key within the idempotency_window setting: 1 to 255 visible ASCII characters, such as a UUID (not with NDJSON: each line's \"id\")."}),
        ),
    ]
}

#[cfg(test)]
mod tests {
    //! Each pattern against the check it states: every string over an
    //! alphabet of the characters that matter, up to a few characters
    //! long, is matched exactly when the check accepts it; and strings
    //! drawn from a pattern (proptest) pass their check.

    use super::*;
    use proptest::prelude::*;

    fn re(p: &str) -> regex::Regex {
        regex::Regex::new(p).unwrap_or_else(|e| panic!("{p}: {e}"))
    }

    /// Every string of up to `max` characters from `alphabet`.
    fn strings(alphabet: &[&str], max: usize) -> Vec<String> {
        let mut all = vec![String::new()];
        let mut last = vec![String::new()];
        for _ in 0..max {
            last = last
                .iter()
                .flat_map(|s| alphabet.iter().map(move |a| format!("{s}{a}")))
                .collect();
            all.extend(last.iter().cloned());
        }
        all
    }

    #[track_caller]
    fn agree(pattern: &str, alphabet: &[&str], max: usize, check: impl Fn(&str) -> bool) {
        let r = re(pattern);
        for s in strings(alphabet, max) {
            assert_eq!(r.is_match(&s), check(&s), "{s:?} against {pattern}");
        }
    }

    #[test]
    fn names() {
        let alphabet = [
            "a", " ", "\u{3000}", "\u{2028}", "\t", "\n", "\u{85}", "\u{A0}", "\u{202E}",
            "\u{2066}", "\u{200B}", "\u{FEFF}", "é", "\u{7F}",
        ];
        agree(&name_pattern(), &alphabet, 3, |s| {
            crate::model::validate_name("n", s).is_ok()
        });
    }

    #[test]
    fn descriptions_and_secrets() {
        let alphabet = [
            "a", "\t", "\n", "\r", "\u{0}", "\u{85}", "\u{9F}", "\u{A0}", " ",
        ];
        agree(DESCRIPTION, &alphabet, 2, |s| {
            crate::model::validate_description("d", s).is_ok()
        });
        agree(SECRET, &alphabet, 2, |s| {
            s.is_empty() || crate::model::validate_secret("s", s).is_ok()
        });
    }

    #[test]
    fn words_in_any_case() {
        use crate::model::{Order, Signing};
        let cases = [
            "", "asc", "ASC", "Desc", "default", "NONE", "as", "ascc", " asc",
        ];
        let create = re(&order_pattern(false));
        let edit = re(&order_pattern(true));
        for s in cases {
            let parsed = Order::parse("o", "o", s).is_ok();
            assert_eq!(create.is_match(s), s.is_empty() || parsed, "{s:?}");
            let default = s.eq_ignore_ascii_case("default") || s.eq_ignore_ascii_case("none");
            assert_eq!(edit.is_match(s), s.is_empty() || parsed || default, "{s:?}");
        }
        let signing = re(&signing_pattern());
        for s in ["", "mautic", "MAUTIC", "Standard", "standar", "mautic "] {
            assert_eq!(
                signing.is_match(s),
                s.is_empty() || Signing::parse("s", s).is_ok(),
                "{s:?}"
            );
        }
        let flag = re(&flag_pattern());
        for s in ["", "1", "0", "TRUE", "no", "On", "OFF", "2", "y", "truee"] {
            let v = serde_json::Value::String(s.to_owned());
            assert_eq!(
                flag.is_match(s),
                crate::serve::params::truthy(&v).is_some(),
                "{s:?}"
            );
        }
    }

    #[test]
    fn rates() {
        let r = re(&rate_pattern());
        for s in [
            "off", "OFF", "none", "20/s", "1/m", "10000/h", "10001/s", "0/s", "5/Sec", "5/second",
            "5/MIN", "5/minute", "5/hour", "5/d", "5", "/s", "05/s",
        ] {
            let ok = crate::controls::parse_rate("r", s).is_ok();
            if s == "05/s" {
                // Taken by the check, not named by the document.
                assert!(ok && !r.is_match(s));
                continue;
            }
            assert_eq!(r.is_match(s), ok, "{s:?}");
        }
    }

    #[test]
    fn headers() {
        let name = re(HEADER_NAME);
        let reserved = re(&reserved_header_pattern());
        for s in [
            "X-Key",
            "x",
            "Host",
            "HOST",
            "content-type",
            "Webhook-Id",
            "webhook-x",
            "Webhooks",
            "X Key",
            "X:Key",
            "",
            "Té",
            "a.b_c~",
        ] {
            let doc = name.is_match(s) && !reserved.is_match(s);
            assert_eq!(
                doc,
                crate::controls::check_header_name("h", s).is_ok(),
                "{s:?}"
            );
        }
        agree(
            HEADER_VALUE,
            &["a", " ", "\t", "é", "\u{0}", "~"],
            3,
            |s| crate::controls::check_header_value("h", "X", s).is_ok(),
        );
    }

    #[test]
    fn log_filters() {
        use crate::service::logs::{LogsInput, query};
        let input = |status: Option<&str>, since: Option<&str>, batch: Option<&str>| LogsInput {
            webhook: None,
            limit: None,
            failed: false,
            since: since.map(str::to_owned),
            status: status.map(str::to_owned),
            batch: batch.map(str::to_owned),
        };
        // Empty is "not given" (the route drops it before the check).
        let given = |s: &str| (!s.is_empty()).then_some(s.to_owned());
        agree(
            &status_pattern(),
            &["5", "0", "9", " ", "\t", "\u{A0}", "n/a", "x"],
            3,
            |s| query(&input(given(s).as_deref(), None, None)).is_ok(),
        );
        agree(
            &batch_pattern(),
            &["b", " ", "\t", "\u{1}", "\u{A0}"],
            3,
            |s| query(&input(None, None, given(s).as_deref())).is_ok(),
        );
        let since = re(SINCE);
        for s in [
            "", "1", "90", "9999999", "90s", "5m", "99999m", "2h", "999h", "1d", "366d", "367d",
            "0", "0d", "3w", "1y",
        ] {
            let ok = s.is_empty() || query(&input(None, Some(s), None)).is_ok();
            if ["3w", "1y"].contains(&s) {
                // Taken by the check (humantime), not named by the document.
                assert!(ok && !since.is_match(s));
                continue;
            }
            assert_eq!(since.is_match(s), ok, "{s:?}");
        }
    }

    #[test]
    fn keys_and_types() {
        agree(IDEMPOTENCY_HEADER, &["k", " ", "\t", "~"], 3, |s| {
            s.len() == s.trim().len() && crate::service::emit::key("k", "k", s).is_ok()
        });
        agree(EVENT_TYPE, &["a", "0", ".", "_", "-", "A", "é"], 3, |s| {
            crate::model::validate_event_type("t", s).is_ok() || s.starts_with("hookq.")
        });
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]

        #[test]
        fn urls_the_document_names_are_taken(url in proptest::string::string_regex(unanchored(&url_pattern())).unwrap()) {
            prop_assume!(url.chars().count() <= URL_MAX_CHARS);
            let checked = crate::model::validate_url("u", "webhookUrl", &url);
            prop_assert!(checked.is_ok(), "{url}: {checked:?}");
            let addr = crate::netguard::check_url(&url, false, false);
            prop_assert!(addr.is_ok() || is_special(&url), "{url}: {addr:?}");
        }

        #[test]
        fn names_the_document_names_are_taken(name in proptest::string::string_regex(unanchored(&name_pattern())).unwrap()) {
            prop_assume!(name.chars().count() <= 191);
            prop_assert!(crate::model::validate_name("n", &name).is_ok(), "{name:?}");
        }
    }

    /// `^…$` without its anchors (for drawing strings from it).
    fn unanchored(p: &str) -> &str {
        &p[1..p.len() - 1]
    }

    /// The special-use IPv4 blocks the URL pattern does not spell out
    /// (the description names them).
    fn is_special(url: &str) -> bool {
        let host = url
            .split("://")
            .nth(1)
            .unwrap_or("")
            .split([':', '/', '?', '#'])
            .next()
            .unwrap_or("");
        host.parse::<std::net::Ipv4Addr>().is_ok_and(|ip| {
            matches!(
                crate::netguard::classify(ip.into()),
                crate::netguard::Class::Special(_)
            )
        })
    }
}
