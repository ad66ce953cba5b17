//! hookq's own routes, beyond Mautic's API (documented as such): record
//! events, test a webhook, read the queue and the logs. Each answers what
//! the matching CLI command prints with `--json`.

use std::sync::Arc;

use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::Response;
use serde_json::{Map, Value};

use super::app::App;
use super::params::{self, count, flag, strings, text};
use super::params::{Body, hook_id};
use super::reply::{self, ApiError};
use crate::error::UserError;
use crate::output;
use crate::service::emit;
use crate::service::logs::{self, LogsInput};
use crate::service::queue;
use crate::service::test::{self, TestInput};
use crate::settings::QueueMode;
use crate::store::QueueQuery;

/// Rows `queue` and `logs` answer by default, as the CLI shows.
const DEFAULT_ROWS: u64 = 50;

fn is_ndjson(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| {
            v.split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        })
        .is_some_and(|t| t == "application/x-ndjson" || t == "application/jsonl")
}

/// `POST /api/hookq/events`: one event `{"type":..,"payload":{..}}`, or
/// NDJSON (`Content-Type: application/x-ndjson`), stored in one
/// transaction for every published subscriber, as `emit` does. Single
/// events are group-committed with others arriving at the same time;
/// an NDJSON body is parsed off the writer, then stored in one
/// transaction.
#[utoipa::path(post, path = "/api/hookq/events", tag = "hookq", operation_id = "recordEvents",
    params(("Idempotency-Key" = Option<String>, Header, description = "Store this event once per key within the idempotency_window setting (not with NDJSON: each line's \"id\")")),
    request_body(content(
        (super::openapi::EventInput = "application/json"),
        (String = "application/x-ndjson")
    )),
    responses(
        (status = 200, description = "One event: what it came to; NDJSON (one event object a line): what the lines stored", body = super::openapi::EventsAnswer),
        (status = 400, description = "The event (or a line, named) is refused; nothing of it stored", body = super::openapi::Error),
        (status = 413, description = "The body is too large", body = super::openapi::Error),
        (status = 415, description = "A body of another type, or compressed", body = super::openapi::Error),
        super::openapi::Denied
    ))]
pub async fn events(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Body(body): Body,
) -> Result<Response, ApiError> {
    let checks = app.checks()?;
    let max = checks.settings.max_payload_bytes;
    let immediate = checks.settings.queue_mode == QueueMode::Immediate;
    if let Err(e) = std::str::from_utf8(&body) {
        return Err(ApiError::bad_request(&format!(
            "the body is not UTF-8 (byte {})",
            e.valid_up_to()
        )));
    }
    let mut keys = headers.get_all("idempotency-key").iter();
    let key = match (keys.next(), keys.next()) {
        (None, _) => None,
        (Some(_), Some(_)) => {
            return Err(ApiError::bad_request(
                "Idempotency-Key: give the header once; this request has it more than once.",
            ));
        }
        (Some(v), None) => {
            let text = v.to_str().map_err(|_| {
                ApiError::from(anyhow::Error::from(UserError::invalid(
                    "Idempotency-Key",
                    "Idempotency-Key",
                    None,
                    "an idempotency key is printable ASCII, such as a UUID",
                )))
            })?;
            Some(
                emit::key("Idempotency-Key", "Idempotency-Key", text)
                    .map_err(anyhow::Error::from)?,
            )
        }
    };
    if is_ndjson(&headers) {
        if key.is_some() {
            return Err(ApiError::from(anyhow::Error::from(UserError::invalid(
                "Idempotency-Key",
                "Idempotency-Key",
                None,
                r#"an NDJSON body has a key per line: give each line an "id" instead of the header"#,
            ))));
        }
        let (lines, stored) = app.record_many(body, checks).await?;
        if stored.events > 0 {
            app.events_stored(immediate);
        }
        return Ok(reply::json(
            StatusCode::OK,
            &output::emit_many_doc(lines, &stored),
        ));
    }
    let text = std::str::from_utf8(&body).unwrap_or_default();
    let line = emit::parse_line(text.trim(), &checks.catalog, max).map_err(|why| {
        ApiError::from(anyhow::Error::from(UserError::invalid(
            "event", "event", None, why,
        )))
    })?;
    let mut line = line;
    if let Some(k) = key {
        if line.key.as_ref().is_some_and(|own| *own != k) {
            return Err(ApiError::from(anyhow::Error::from(UserError::invalid(
                "Idempotency-Key",
                "Idempotency-Key",
                None,
                r#"the header and the body's "id" name two different keys; give one"#,
            ))));
        }
        line.key = Some(k);
    }
    let event_type = line.event_type.clone();
    let r = app.record(line, checks.settings.idempotency_window).await?;
    if r.event.is_some() && !r.duplicate {
        app.events_stored(immediate);
    }
    let doc = output::emit_doc(
        r.event
            .as_ref()
            .map(|e| (e.id, event_type.as_str(), e.webhooks.as_slice())),
        r.duplicate,
    );
    Ok(reply::json(StatusCode::OK, &doc))
}

/// `POST /api/hookq/hooks/{id}/test`: Mautic's "Send Test Payload", as
/// `hookq test ID --json`. The body may name `triggers` and a `payload`.
#[utoipa::path(post, path = "/api/hookq/hooks/{id}/test", tag = "hookq", operation_id = "testHook",
    params(("id" = i64, Path, description = "The webhook's id")),
    request_body(content((super::openapi::TestInput = "application/json"), (super::openapi::TestInput = "application/x-www-form-urlencoded"))),
    responses(
        (status = 200, description = "What the test request got back (a receiver at a loopback or private address: status and time only)", body = super::openapi::Tested),
        (status = 400, description = "A field is refused", body = super::openapi::Error),
        (status = 404, description = "No such webhook", body = super::openapi::Error),
        super::openapi::Denied
    ))]
pub async fn test_hook(
    State(app): State<Arc<App>>,
    Path(raw): Path<String>,
    headers: HeaderMap,
    Body(body): Body,
) -> Result<Response, ApiError> {
    let id = hook_id(&raw)?;
    let m = params::object(params::body(&headers, &body)?)?;
    let input = TestInput {
        id: Some(id),
        url: None,
        secret: None,
        signing: None,
        triggers: strings(&m, "triggers")?.unwrap_or_default(),
        payload: match m.get("payload") {
            None | Some(Value::Null) => None,
            Some(p) => Some(p.to_string()),
        },
        headers: Vec::new(),
    };
    let prepared = app.read(move |s| test::prepare(s, &input)).await?;
    let tested = tokio::task::spawn_blocking(move || test::send(prepared).for_api())
        .await
        .map_err(|e| ApiError::from(anyhow::anyhow!("the test request stopped: {e}")))?;
    Ok(reply::json(StatusCode::OK, &output::test_doc(&tested)))
}

/// The queue's and the logs' parameters.
fn query_map(q: Option<&str>) -> Result<Map<String, Value>, ApiError> {
    params::object(params::query(q)?)
}

/// `webhookId`: one webhook's id, or 0 (or none) for every webhook's.
fn webhook_filter(m: &Map<String, Value>) -> Result<Option<i64>, ApiError> {
    Ok(count(m, "webhookId")?
        .filter(|n| *n > 0)
        .and_then(|n| i64::try_from(n).ok()))
}

fn rows_limit(m: &Map<String, Value>) -> Result<Option<u64>, ApiError> {
    let n = count(m, "limit")?.unwrap_or(DEFAULT_ROWS);
    Ok((n > 0).then_some(n))
}

/// `GET /api/hookq/queue[?webhookId=&dead=&limit=]`: `queue list --json`.
#[utoipa::path(get, path = "/api/hookq/queue", tag = "hookq", operation_id = "listQueue",
    params(super::openapi::QueueParams),
    responses(
        (status = 200, description = "Queued events, oldest first", body = super::openapi::QueueList),
        (status = 400, description = "A parameter is refused", body = super::openapi::Error),
        (status = 404, description = "No such webhook", body = super::openapi::Error),
        super::openapi::Denied
    ))]
pub async fn queue_list(
    State(app): State<Arc<App>>,
    RawQuery(q): RawQuery,
) -> Result<Response, ApiError> {
    let m = query_map(q.as_deref())?;
    let query = QueueQuery {
        after: None,
        webhook: webhook_filter(&m)?,
        dead_only: flag(&m, "dead")?.unwrap_or(false),
        limit: rows_limit(&m)?,
    };
    let (total, rows) = app.read(move |s| queue::list(s, &query)).await?;
    Ok(reply::json(
        StatusCode::OK,
        &output::queue_list_doc(total, &rows),
    ))
}

/// `GET /api/hookq/queue/stats`: `queue stats --json`.
#[utoipa::path(get, path = "/api/hookq/queue/stats", tag = "hookq", operation_id = "queueStats",
    responses(
        (status = 200, description = "Per webhook, what waits", body = super::openapi::QueueStats),
        super::openapi::Denied
    ))]
pub async fn queue_stats(State(app): State<Arc<App>>) -> Result<Response, ApiError> {
    let rows = app.read(queue::stats).await?;
    Ok(reply::json(StatusCode::OK, &output::queue_stats_doc(&rows)))
}

/// `GET /api/hookq/logs[?webhookId=&failed=&limit=&since=&status=&batch=]`:
/// `logs --json`.
#[utoipa::path(get, path = "/api/hookq/logs", tag = "hookq", operation_id = "listLogs",
    params(super::openapi::LogParams),
    responses(
        (status = 200, description = "Delivery attempts, newest first", body = super::openapi::Logs),
        (status = 400, description = "A parameter is refused", body = super::openapi::Error),
        (status = 404, description = "No such webhook", body = super::openapi::Error),
        super::openapi::Denied
    ))]
pub async fn logs_list(
    State(app): State<Arc<App>>,
    RawQuery(q): RawQuery,
) -> Result<Response, ApiError> {
    let m = query_map(q.as_deref())?;
    let query = logs::query(&LogsInput {
        webhook: webhook_filter(&m)?,
        limit: rows_limit(&m)?,
        failed: flag(&m, "failed")?.unwrap_or(false),
        // An empty value is a filter not given (what a form sends).
        since: text(&m, "since")?.filter(|v| !v.is_empty()),
        status: text(&m, "status")?.filter(|v| !v.is_empty()),
        batch: text(&m, "batch")?.filter(|v| !v.is_empty()),
    })?;
    let (total, rows) = app.read(move |s| logs::list(s, &query)).await?;
    Ok(reply::json(StatusCode::OK, &output::logs_doc(total, &rows)))
}
