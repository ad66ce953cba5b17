//! The console's pages: each reads its request, calls the use case the
//! CLI calls, and renders a template.

use std::net::SocketAddr;
use std::sync::Arc;

use askama::Template;
use axum::Extension;
use axum::body::Bytes;
use axum::extract::{ConnectInfo, RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

mod activity;
mod categories;
mod form;
mod hook;
mod list;
mod settings;
mod sign_in;

pub use activity::*;
pub use categories::*;
pub use form::*;
pub use hook::*;
pub use list::*;
pub use settings::*;
pub use sign_in::*;

use super::session::{self, csrf_ok};
use super::{Console, Current, html, same_origin};
use crate::serve::auth::{self, SignIn, client_ip, sign_in};
use crate::service::hooks::{self, ListInput};

/// Webhooks shown on a page of the list.
pub(super) const PAGE_SIZE: u64 = 30;

/// What the top of a signed-in page shows.
pub struct Nav {
    pub here: &'static str,
    pub user: Option<String>,
    pub csrf: String,
}

impl Nav {
    pub(super) fn of(here: &'static str, cur: &Current) -> Nav {
        Nav {
            here,
            user: cur.session.user.clone(),
            csrf: cur.session.csrf.clone(),
        }
    }
}

pub fn plain(status: StatusCode, text: &str) -> Response {
    (
        status,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; charset=utf-8"),
        )],
        format!("{text}\n"),
    )
        .into_response()
}

/// An unexpected failure: logged on the server, a plain line to the user.
pub fn failure(e: &anyhow::Error) -> Response {
    eprintln!("hookq: serve: console: {e:#}");
    plain(
        StatusCode::INTERNAL_SERVER_ERROR,
        "hookq could not show this page; see the server's log.",
    )
}

/// A link to `path` with the query `pairs` (the empty ones left out).
pub(super) fn link(path: &str, pairs: &[(&str, &str)]) -> String {
    let q: Vec<String> = pairs
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", encode(v)))
        .collect();
    if q.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{}", q.join("&"))
    }
}

pub fn see_other(to: &str) -> Response {
    let mut r = StatusCode::SEE_OTHER.into_response();
    if let Ok(v) = HeaderValue::from_str(to) {
        r.headers_mut().insert(header::LOCATION, v);
    }
    r
}

/// Percent-encoded for a query string.
pub fn encode(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// Where to go after signing in: a path of this site, never another.
pub(super) fn local_path(next: &str) -> &str {
    if next.starts_with('/') && !next.starts_with("//") && !next.contains('\\') {
        next
    } else {
        "/webhooks"
    }
}

pub async fn home() -> Response {
    see_other("/webhooks")
}

pub async fn stylesheet() -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/css; charset=utf-8"),
            ),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=3600"),
            ),
        ],
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/console.css")),
    )
        .into_response()
}

pub(super) fn query_value(q: Option<&str>, key: &str) -> Option<String> {
    form_urlencoded::parse(q.unwrap_or("").as_bytes())
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.into_owned())
}
/// A form body's fields (`application/x-www-form-urlencoded`), the first
/// of each name.
pub(super) struct Fields(pub(super) Vec<(String, String)>);

impl Fields {
    pub(super) fn parse(body: &[u8]) -> Fields {
        Fields(form_urlencoded::parse(body).into_owned().collect())
    }

    pub(super) fn get(&self, name: &str) -> String {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }

    /// Every value of a repeated field (checkboxes), in order.
    pub(super) fn all(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .collect()
    }
}
/// A posted form, once it is allowed (see [`allowed`]); else the refusal.
pub(super) fn posted(
    headers: &HeaderMap,
    cur: &Current,
    body: &[u8],
) -> Result<Fields, Box<Response>> {
    let form = Fields::parse(body);
    match allowed(headers, cur, &form.get("csrf")) {
        Some(refused) => Err(Box::new(refused)),
        None => Ok(form),
    }
}

/// [`posted`] for a webhook's path: the form and the webhook's id.
pub(super) fn posted_for(
    headers: &HeaderMap,
    cur: &Current,
    raw: &str,
    body: &[u8],
) -> Result<(Fields, i64), Box<Response>> {
    let form = posted(headers, cur, body)?;
    match webhook_id(raw) {
        Some(id) => Ok((form, id)),
        None => Err(Box::new(plain(StatusCode::NOT_FOUND, "No such webhook."))),
    }
}

/// A state change is allowed: from this origin, with this session's token.
pub(super) fn allowed(headers: &HeaderMap, cur: &Current, token: &str) -> Option<Response> {
    if !same_origin(headers) || !csrf_ok(&cur.session, token) {
        return Some(plain(
            StatusCode::FORBIDDEN,
            "This form is not from this session's page (or it is too old); reload the page and try again.",
        ));
    }
    None
}

/// A failing webhook's health as the pages say it: since when, and the
/// last status ("" when it is healthy).
pub(super) fn health_note(h: &crate::model::Webhook) -> String {
    match (&h.health.unhealthy_since, &h.health.last_status) {
        (Some(since), status) => format!(
            "since {}{}",
            crate::model::format_date(*since),
            status
                .as_deref()
                .map(|s| format!(", last {s}"))
                .unwrap_or_default()
        ),
        (None, _) => String::new(),
    }
}

/// A 404 saying `what` when `e` says the thing is missing, else the
/// failure page.
pub(super) fn missing_or_failure(e: &anyhow::Error, what: &str) -> Response {
    if is_missing(e) {
        plain(StatusCode::NOT_FOUND, what)
    } else {
        failure(e)
    }
}
