//! The OpenAPI 3.1 document of everything `serve` answers (issue 24).
//!
//! It comes from the code: each handler carries its `#[utoipa::path]`
//! (method, path, parameters, bodies, every answer), and the API's router
//! is built from those same handlers by utoipa-axum's `routes!`, so a
//! route cannot be served without being documented, nor documented at a
//! path it is not served at. The body schemas below describe the JSON the
//! `output` module writes, in Mautic's shapes as they really are (hooks
//! keyed by id, the error object, PHP's lists that turn into objects).
//! They are never built: they are what the document says, checked against
//! real answers by the tests and by schemathesis in CI.

#![allow(dead_code)]

pub mod inputs;

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::{Value, json};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{IntoParams, IntoResponses, Modify, OpenApi, ToSchema};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "hookq",
        description = "Mautic's webhook REST API (`/api/hooks…`, `/api/users/self`), as hookq serves it, and hookq's own routes (`/api/hookq/…`). Where Mautic's real shapes are odd (hooks keyed by id, PHP lists that become objects), the document describes them as they are.",
        license(name = "MIT OR Apache-2.0")
    ),
    modifiers(&BasicAuth),
    security(("basic" = [])),
    tags(
        (name = "hooks", description = "Mautic's webhook routes"),
        (name = "hookq", description = "hookq's own routes"),
        (name = "server", description = "Health, metrics and this document"),
    )
)]
pub struct ApiDoc;

/// Basic auth with an API user (`hookq api-user add NAME`), as Mautic's
/// API takes it.
struct BasicAuth;

impl Modify for BasicAuth {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        let components = doc.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "basic",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Basic)
                    .description(Some("An API user: `hookq api-user add NAME`."))
                    .build(),
            ),
        );
    }
}

// ------------------------------------------------------------ errors

/// Mautic's error answer.
#[derive(Serialize, ToSchema)]
#[schema(example = json!({"errors":[{"code":400,"message":"name: A name is required.","details":{"name":["A name is required."]},"type":null}]}))]
pub struct Error {
    pub errors: Vec<ErrorItem>,
}

#[derive(Serialize, ToSchema)]
pub struct ErrorItem {
    /// The HTTP status.
    pub code: u16,
    pub message: String,
    /// By field, the reasons it was refused (`{"name":["…"]}`), or `[]`;
    /// absent on a 401, as Mautic answers it.
    pub details: Option<Value>,
    /// Null, or `access_denied` (401), or `api` (an item of a batch).
    pub r#type: Option<String>,
}

/// What every authenticated route may answer besides its own.
#[derive(IntoResponses)]
pub enum Denied {
    /// No credentials, or wrong ones.
    #[response(status = 401)]
    Unauthorized(Error),
    /// Too many failed sign-ins from this address (`Retry-After`).
    #[response(status = 429)]
    TooSoon(Error),
    /// The store failed (logged on the server).
    #[response(status = 500)]
    Failed(Error),
    /// The store is unreachable.
    #[response(status = 503)]
    Unreachable(Error),
}

// ------------------------------------------------------------- hooks

/// A webhook's category, as Mautic embeds it.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Category {
    pub id: i64,
    pub title: String,
    pub alias: String,
    pub description: Option<String>,
    /// Six hex digits, or null.
    pub color: Option<String>,
    /// Always `Webhook`.
    pub bundle: String,
    pub created_by_user: Option<String>,
    pub modified_by_user: Option<String>,
}

/// Mautic's hook object: exactly Mautic's fields, in its order, nulls
/// included.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Hook {
    /// This and the author fields are absent with `minimal=true`.
    #[schema(required = false)]
    pub is_published: bool,
    /// `2026-11-22T10:00:00+00:00` (PHP's `c` format, UTC).
    #[schema(required = false)]
    pub date_added: String,
    pub date_modified: Option<String>,
    /// Always null (hookq has no numeric user ids).
    pub created_by: Option<i64>,
    pub created_by_user: Option<String>,
    pub modified_by: Option<i64>,
    pub modified_by_user: Option<String>,
    /// Null once deleted.
    pub id: Option<i64>,
    pub name: String,
    pub description: Option<String>,
    pub webhook_url: String,
    pub secret: String,
    /// `ASC`, `DESC`, or null (the `events_order` setting).
    pub events_orderby_dir: Option<String>,
    pub category: Option<Category>,
    pub triggers: Vec<String>,
}

/// hookq's own state of a webhook, beside Mautic's object.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct HookState {
    pub healthy: bool,
    pub unhealthy_since: Option<String>,
    pub last_status: Option<String>,
    pub consecutive_failures: i64,
    pub unpublished_reason: Option<String>,
    pub queued: i64,
    pub dead: i64,
    /// `mautic` or `standard`.
    pub signing: String,
    pub old_secret_until: Option<String>,
    /// Static headers sent with every request, by name.
    pub headers: BTreeMap<String, String>,
    /// Per event type, the patterns one of which an event's payload must
    /// contain.
    #[schema(value_type = BTreeMap<String, Vec<Object>>)]
    pub filters: BTreeMap<String, Vec<Value>>,
    /// `20/s`, `5/m`, `100/h`, or null.
    pub rate: Option<String>,
}

/// One webhook: Mautic's object, and hookq's state beside it.
#[derive(Serialize, ToSchema)]
pub struct HookDocument {
    pub hook: Hook,
    pub hookq: HookState,
}

/// A page of webhooks: Mautic's `hooks` keyed by id (`{}` when empty),
/// hookq's state per id under `hookq`.
#[derive(Serialize, ToSchema)]
pub struct HookList {
    /// Every match, not only this page.
    pub total: u64,
    pub hooks: BTreeMap<String, Hook>,
    pub hookq: BTreeMap<String, HookState>,
}

/// A deleted webhook, `id` null as Mautic answers.
#[derive(Serialize, ToSchema)]
pub struct HookDeleted {
    pub hook: Hook,
}

/// Request bodies: named here, written as JSON Schema in [`inputs`]
/// (each the exact grammar its checks accept), and put in place of these
/// names' derived schemas by [`document`].
macro_rules! written_in_inputs {
    ($($name:ident),*) => {$(
        #[derive(ToSchema)]
        pub struct $name {}
    )*};
}

written_in_inputs!(
    HookCreate,
    HookReplace,
    HookPatch,
    HookCreateForm,
    HookReplaceForm,
    HookPatchForm,
    BatchNew,
    BatchEdit,
    EventInput
);

/// A batch's answer: `hooks` (what succeeded) and `statusCodes` (every
/// item) at the request's indexes, `errors` for the failed ones. PHP
/// writes a list whose indexes run 0, 1, 2… as a JSON array and any other
/// as an object keyed by index.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct BatchAnswer {
    pub hooks: Value,
    pub status_codes: Value,
    pub errors: Option<Value>,
}

/// The catalog: Mautic's types, hookq's own and custom ones, by type.
#[derive(Serialize, ToSchema)]
pub struct Triggers {
    pub triggers: BTreeMap<String, TriggerText>,
}

#[derive(Serialize, ToSchema)]
pub struct TriggerText {
    pub label: String,
    pub description: String,
}

/// The calling API user, in Mautic's user shape.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct User {
    pub id: i64,
    pub username: String,
    pub first_name: String,
    pub last_name: String,
    pub is_published: bool,
    pub date_added: String,
    #[schema(value_type = Object)]
    pub role: Value,
}

// ---------------------------------------------------- hookq's routes

/// What storing one event came to.
#[derive(Serialize, ToSchema)]
pub struct Emitted {
    /// Null when no webhook took it (nothing stored).
    pub event: Option<EmittedEvent>,
    /// The webhooks that took it.
    pub webhooks: Vec<i64>,
    /// Present (true) when its idempotency key stored it before.
    pub duplicate: Option<bool>,
}

#[derive(Serialize, ToSchema)]
pub struct EmittedEvent {
    pub id: i64,
    pub r#type: String,
}

/// What an NDJSON body stored.
#[derive(Serialize, ToSchema)]
pub struct EmittedMany {
    pub lines: u64,
    pub events: u64,
    pub deliveries: u64,
    pub unsubscribed: u64,
    pub duplicates: u64,
}

/// The events route's answer: one event's, or an NDJSON body's.
#[derive(Serialize, ToSchema)]
#[serde(untagged)]
pub enum EventsAnswer {
    One(Emitted),
    Many(EmittedMany),
}

/// A test request's outcome (`hookq test --json`).
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Tested {
    pub ok: bool,
    /// The status, or `N/A` without a response.
    pub status_code: String,
    pub runtime: f64,
    pub webhook_id: String,
    pub triggers: Vec<String>,
    pub note: String,
    pub response: String,
}

/// What to send instead of the webhook's own triggers and samples.
#[derive(Serialize, ToSchema)]
pub struct TestInput {
    pub triggers: Option<Vec<String>>,
    #[schema(value_type = Option<Object>)]
    pub payload: Option<Value>,
}

/// Queued events (`hookq queue list --json`).
#[derive(Serialize, ToSchema)]
pub struct QueueList {
    pub total: u64,
    pub events: Vec<QueueRow>,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct QueueRow {
    pub id: i64,
    pub webhook_id: i64,
    pub r#type: String,
    pub date_added: String,
    pub batch_id: Option<String>,
    pub attempts: i64,
    pub next_attempt: Option<String>,
    pub dead: bool,
}

/// `hookq queue stats --json`.
#[derive(Serialize, ToSchema)]
pub struct QueueStats {
    pub total: QueueTotals,
    pub webhooks: BTreeMap<String, QueueStat>,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct QueueTotals {
    pub queued: i64,
    pub waiting_retry: i64,
    pub dead: i64,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct QueueStat {
    pub name: String,
    pub is_published: bool,
    pub queued: i64,
    pub waiting_retry: i64,
    pub dead: i64,
    pub oldest: Option<String>,
    pub next_retry: Option<String>,
}

/// Delivery attempts, newest first (`hookq logs --json`).
#[derive(Serialize, ToSchema)]
pub struct Logs {
    pub total: u64,
    pub logs: Vec<LogRow>,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct LogRow {
    pub id: i64,
    pub webhook_id: i64,
    pub status_code: String,
    pub runtime: f64,
    pub note: String,
    pub batch_id: Option<String>,
    pub event_count: Option<i64>,
    pub attempt: i64,
    pub date_added: String,
}

#[derive(Serialize, ToSchema)]
pub struct Health {
    /// `ok`, or `unavailable` (503) when the store cannot be read.
    pub status: String,
}

// --------------------------------------------------------- parameters

/// Query parameters: their names here (utoipa places them), their
/// schema and description in [`inputs::parameters`], beside the checks.
macro_rules! query_params {
    ($($(#[$doc:meta])* $name:ident { $($field:ident),* })*) => {$(
        $(#[$doc])*
        #[derive(IntoParams)]
        #[into_params(parameter_in = Query)]
        #[allow(non_snake_case)]
        pub struct $name {
            $(pub $field: Option<String>,)*
        }
    )*};
}

query_params! {
    /// The list's parameters, as Mautic's API and its PHP client send them.
    ListParams { search, start, limit, orderBy, orderByDir, publishedOnly, minimal }
    /// `GET /api/hookq/queue`'s parameters.
    QueueParams { webhookId, dead, limit }
    /// `GET /api/hookq/logs`'s parameters.
    LogParams { webhookId, failed, limit, since, status, batch }
}

/// `DELETE /api/hooks/batch/delete`'s ids (required).
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
pub struct BatchIds {
    pub ids: String,
}

/// The document, as `GET /api/openapi.json` and `hookq openapi` give it.
pub fn document() -> Value {
    complete(super::api_document())
}

/// What utoipa derived from the handlers (`derived`), with the request
/// schemas of [`inputs`] in place and the version.
fn complete(mut derived: utoipa::openapi::OpenApi) -> Value {
    derived.info.version = env!("CARGO_PKG_VERSION").to_owned();
    let mut doc = serde_json::to_value(&derived).unwrap_or_default();
    if let Some(schemas) = doc
        .pointer_mut("/components/schemas")
        .and_then(Value::as_object_mut)
    {
        for (name, schema) in inputs::components() {
            schemas.insert(name.to_owned(), schema);
        }
        // Examples: real answers (and requests) of `serve`, captured from
        // a running one; a test checks each against its schema.
        let examples: serde_json::Map<String, Value> =
            serde_json::from_str(include_str!("examples.json")).unwrap_or_default();
        for (name, example) in examples {
            if let Some(schema) = schemas.get_mut(&name) {
                schema["examples"] = Value::Array(vec![example]);
            }
        }
    }
    optional_bodies(&mut doc);
    links(&mut doc);
    // Every `{id}` is a webhook's, as `params::hook_id` reads it.
    for op in doc["paths"]
        .as_object_mut()
        .into_iter()
        .flat_map(|p| p.values_mut())
    {
        for m in op.as_object_mut().into_iter().flat_map(|m| m.values_mut()) {
            let params = m.get_mut("parameters").and_then(Value::as_array_mut);
            for p in params.into_iter().flatten() {
                if p["in"] == "path" && p["name"] == "id" {
                    p["schema"] = inputs::hook_id();
                }
            }
        }
    }
    for (path, method, name, schema) in inputs::parameters() {
        let params = doc
            .pointer_mut(&format!(
                "/paths/{}/{method}/parameters",
                path.replace('~', "~0").replace('/', "~1")
            ))
            .and_then(Value::as_array_mut);
        let Some(p) = params.and_then(|ps| ps.iter_mut().find(|p| p["name"] == name)) else {
            panic!("the document has no parameter {name} on {method} {path}");
        };
        // The words stand beside the parameter, where viewers show them.
        let mut schema = schema;
        if let Some(words) = schema.as_object_mut().and_then(|o| o.remove("description")) {
            p["description"] = words;
        }
        p["schema"] = schema;
    }
    doc
}

/// What a created webhook's id leads to (OpenAPI links): get, edit,
/// replace and delete it, read its queue and logs. Clients and
/// schemathesis's stateful tests follow them.
fn links(doc: &mut Value) {
    let id = "$response.body#/hook/id";
    let to = |op: &str, param: &str| json!({"operationId": op, "parameters": {param: id}});
    let links = json!({
        "GetHook": to("getHook", "id"),
        "EditHook": to("editHook", "id"),
        "ReplaceHook": to("replaceHook", "id"),
        "DeleteHook": to("deleteHook", "id"),
        "ListQueue": to("listQueue", "webhookId"),
        "ListLogs": to("listLogs", "webhookId"),
    });
    for (path, method, status) in [
        ("/api/hooks/new", "post", "201"),
        ("/api/hooks/{id}/edit", "put", "201"),
    ] {
        if let Some(r) = doc
            .get_mut("paths")
            .and_then(|p| p.get_mut(path))
            .and_then(|p| p.get_mut(method))
            .and_then(|o| o.pointer_mut(&format!("/responses/{status}")))
        {
            r["links"] = links.clone();
        }
    }
}

/// utoipa writes an optional body (`Option<T>`) as `oneOf [null, T]`,
/// which says a JSON `null` body is what makes it optional; an optional
/// body is one that may be left out (`required: false`), and `T` says
/// itself whether `null` is one.
fn optional_bodies(doc: &mut Value) {
    let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) else {
        return;
    };
    for op in paths.values_mut().filter_map(Value::as_object_mut) {
        for body in op.values_mut().filter_map(|o| o.get_mut("requestBody")) {
            let mut optional = false;
            if let Some(content) = body.get_mut("content").and_then(Value::as_object_mut) {
                for media in content.values_mut() {
                    let Some(one_of) = media.pointer("/schema/oneOf").and_then(Value::as_array)
                    else {
                        continue;
                    };
                    let Some(other) = one_of
                        .iter()
                        .find(|s| s.get("type") != Some(&Value::from("null")))
                    else {
                        continue;
                    };
                    if one_of.len() == 2 {
                        media["schema"] = other.clone();
                        optional = true;
                    }
                }
            }
            if optional {
                body["required"] = Value::Bool(false);
            }
        }
    }
}

/// [`document`] as pretty JSON with a final newline (the committed copy).
pub fn document_json() -> String {
    let mut s = serde_json::to_string_pretty(&document()).unwrap_or_default();
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each parameter the handlers name has its words and its schema from
    /// `inputs` (a name without them would show utoipa's placeholder: an
    /// optional string that says nothing).
    #[test]
    fn every_parameter_is_described_where_it_is_checked() {
        let doc = document();
        let mut seen = 0;
        for (path, ops) in doc["paths"].as_object().unwrap() {
            for (method, op) in ops.as_object().unwrap() {
                for p in op["parameters"].as_array().into_iter().flatten() {
                    let name = &p["name"];
                    assert!(
                        p["description"].is_string(),
                        "{method} {path} {name}: no description"
                    );
                    let schema = &p["schema"];
                    assert!(
                        schema.get("pattern").is_some() || schema.get("maximum").is_some(),
                        "{method} {path} {name}: {schema}"
                    );
                    seen += 1;
                }
            }
        }
        assert_eq!(seen, 23);
    }
}
