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

use super::session::{self, csrf_ok};
use super::{Console, Current, html, same_origin};
use crate::serve::auth::{self, SignIn, client_ip, sign_in};
use crate::service::hooks::{self, ListInput};

/// Webhooks shown on a page of the list.
const PAGE_SIZE: u64 = 30;

/// What the top of a signed-in page shows.
pub struct Nav {
    pub here: &'static str,
    pub user: Option<String>,
    pub csrf: String,
}

impl Nav {
    fn of(here: &'static str, cur: &Current) -> Nav {
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
fn local_path(next: &str) -> &str {
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

// ------------------------------------------------------------- sign in/out

#[derive(Template)]
#[template(path = "console/login.html")]
struct LoginPage {
    title: &'static str,
    nav: Option<Nav>,
    error: Option<String>,
    username: String,
    next: String,
}

fn query_value(q: Option<&str>, key: &str) -> Option<String> {
    form_urlencoded::parse(q.unwrap_or("").as_bytes())
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.into_owned())
}

pub async fn login_form(State(c): State<Arc<Console>>, RawQuery(q): RawQuery) -> Response {
    let next = local_path(&query_value(q.as_deref(), "next").unwrap_or_default()).to_owned();
    if c.app.auth.is_none() {
        return see_other(&next);
    }
    html(
        StatusCode::OK,
        &LoginPage {
            title: "Sign in",
            nav: None,
            error: None,
            username: String::new(),
            next,
        },
    )
}

/// A form body's fields (`application/x-www-form-urlencoded`), the first
/// of each name.
struct Fields(Vec<(String, String)>);

impl Fields {
    fn parse(body: &[u8]) -> Fields {
        Fields(form_urlencoded::parse(body).into_owned().collect())
    }

    fn get(&self, name: &str) -> String {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }
}

struct LoginForm {
    username: String,
    password: String,
    next: String,
}

pub async fn login(
    State(c): State<Arc<Console>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let form = Fields::parse(&body);
    let f = LoginForm {
        username: form.get("username"),
        password: form.get("password"),
        next: form.get("next"),
    };
    if !same_origin(&headers) {
        return plain(
            StatusCode::FORBIDDEN,
            "This form was sent from another site; sign in from hookq's own page.",
        );
    }
    let next = local_path(&f.next).to_owned();
    let Some(gate) = &c.app.auth else {
        return see_other(&next);
    };
    let page = |status: StatusCode, error: String| {
        html(
            status,
            &LoginPage {
                title: "Sign in",
                nav: None,
                error: Some(error),
                username: f.username.clone(),
                next: next.clone(),
            },
        )
    };
    let ip = client_ip(peer, &headers, gate.trusted_proxies());
    let creds = auth::Credentials {
        username: f.username.clone(),
        password: f.password.clone(),
    };
    let lookup = |name: &str| c.app.read_now(|s| crate::service::api_users::find(s, name));
    match sign_in(gate, lookup, ip, creds).await {
        SignIn::In(user) => match c
            .sessions
            .start(Some((user.username.clone(), user.password_hash.clone())))
        {
            Ok(id) => {
                let secure = super::came_over_tls(&c, peer, &headers);
                let mut r = see_other(&next);
                if let Ok(v) = HeaderValue::from_str(&session::set_cookie(Some(&id), secure)) {
                    r.headers_mut().insert(header::SET_COOKIE, v);
                }
                r
            }
            Err(e) => failure(&e),
        },
        SignIn::Wrong(wait) => {
            let mut r = page(
                StatusCode::UNAUTHORIZED,
                String::from("Wrong username or password."),
            );
            if let Some(w) = wait {
                let secs = w.as_secs_f64().ceil().max(1.0) as u64;
                r.headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from(secs));
            }
            r
        }
        SignIn::TooSoon(wait) => {
            let secs = wait.as_secs_f64().ceil().max(1.0) as u64;
            let mut r = page(
                StatusCode::TOO_MANY_REQUESTS,
                format!("Too many failed sign-ins from this address; try again in {secs} s."),
            );
            r.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
            r
        }
        SignIn::Failed(e) => failure(&e),
    }
}

/// A state change is allowed: from this origin, with this session's token.
fn allowed(headers: &HeaderMap, cur: &Current, token: &str) -> Option<Response> {
    if !same_origin(headers) || !csrf_ok(&cur.session, token) {
        return Some(plain(
            StatusCode::FORBIDDEN,
            "This form is not from this session's page (or it is too old); reload the page and try again.",
        ));
    }
    None
}

pub async fn logout(
    State(c): State<Arc<Console>>,
    Extension(cur): Extension<Current>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let form = Fields::parse(&body);
    if let Some(refused) = allowed(&headers, &cur, &form.get("csrf")) {
        return refused;
    }
    c.sessions.end(&cur.id);
    let mut r = see_other(if c.app.auth.is_some() {
        "/login"
    } else {
        "/webhooks"
    });
    if let Ok(v) = HeaderValue::from_str(&session::set_cookie(None, false)) {
        r.headers_mut().insert(header::SET_COOKIE, v);
    }
    r
}

// ---------------------------------------------------------------- webhooks

/// One row of the list, as shown.
pub struct Row {
    pub id: i64,
    pub name: String,
    pub description: Option<String>,
    pub url: String,
    pub published: bool,
    pub healthy: bool,
    pub health_note: String,
    pub queued: i64,
    pub dead: i64,
}

#[derive(Template)]
#[template(path = "console/webhooks.html")]
struct WebhooksPage {
    title: &'static str,
    nav: Option<Nav>,
    search: String,
    error: Option<String>,
    rows: Vec<Row>,
    total: u64,
    first: u64,
    last: u64,
    prev: Option<String>,
    next: Option<String>,
    sort_name: String,
    sort_url: String,
    sort_id: String,
}

pub async fn webhooks(
    State(c): State<Arc<Console>>,
    Extension(cur): Extension<Current>,
    RawQuery(q): RawQuery,
) -> Response {
    let q = q.as_deref();
    let search = query_value(q, "search").unwrap_or_default();
    let order_by = match query_value(q, "orderBy").as_deref() {
        Some("webhookUrl") => "webhookUrl",
        Some("id") => "id",
        _ => "name",
    };
    let order_dir = match query_value(q, "orderByDir").as_deref() {
        Some("desc") => "desc",
        _ => "asc",
    };
    let start: u64 = query_value(q, "start")
        .and_then(|s| s.parse().ok())
        .filter(|&n: &u64| n <= i64::MAX as u64)
        .unwrap_or(0);
    let input = ListInput {
        search: (!search.is_empty()).then(|| search.clone()),
        start,
        limit: PAGE_SIZE,
        order_by: order_by.to_owned(),
        order_dir: order_dir.to_owned(),
        ..Default::default()
    };
    let link = |order: &str, dir: &str, start: u64| {
        let mut l = format!("/webhooks?orderBy={order}&orderByDir={dir}");
        if !search.is_empty() {
            l.push_str(&format!("&search={}", encode(&search)));
        }
        if start > 0 {
            l.push_str(&format!("&start={start}"));
        }
        l
    };
    // A column's header sorts by it, the other way when it already does.
    let sort = |col: &str| {
        let dir = if col == order_by && order_dir == "asc" {
            "desc"
        } else {
            "asc"
        };
        link(col, dir, 0)
    };
    let mut page = WebhooksPage {
        title: "Webhooks",
        nav: Some(Nav::of("webhooks", &cur)),
        search: search.clone(),
        error: None,
        rows: Vec::new(),
        total: 0,
        first: 0,
        last: 0,
        prev: None,
        next: None,
        sort_name: sort("name"),
        sort_url: sort("webhookUrl"),
        sort_id: sort("id"),
    };
    let listed = match hooks::list_query(&input) {
        Err(e) => Err(e),
        Ok(query) => c.app.read(move |s| hooks::list(s, &query)).await,
    };
    let listing = match listed {
        Ok(l) => l,
        Err(e) => match e.downcast_ref::<crate::error::UserError>() {
            Some(crate::error::UserError::Invalid(i)) => {
                page.error = Some(i.reason.clone());
                return html(StatusCode::BAD_REQUEST, &page);
            }
            _ => return failure(&e),
        },
    };
    page.total = listing.total;
    page.rows = listing
        .hooks
        .into_iter()
        .map(|st| {
            let h = st.hook;
            let health_note = match (&h.health.unhealthy_since, &h.health.last_status) {
                (Some(since), status) => format!(
                    "since {}{}",
                    crate::model::format_date(*since),
                    status
                        .as_deref()
                        .map(|s| format!(", last {s}"))
                        .unwrap_or_default()
                ),
                (None, _) => String::new(),
            };
            Row {
                id: h.id,
                name: h.name,
                description: h.description,
                url: h.webhook_url,
                published: h.is_published,
                healthy: h.health.unhealthy_since.is_none(),
                health_note,
                queued: st.depth.queued,
                dead: st.depth.dead,
            }
        })
        .collect();
    let shown = page.rows.len() as u64;
    page.first = if shown == 0 { 0 } else { start + 1 };
    page.last = start + shown;
    if start > 0 {
        page.prev = Some(link(order_by, order_dir, start.saturating_sub(PAGE_SIZE)));
    }
    if page.last < page.total {
        page.next = Some(link(order_by, order_dir, page.last));
    }
    html(StatusCode::OK, &page)
}
