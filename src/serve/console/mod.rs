//! The admin console: HTML pages under `/`, the third front beside the
//! CLI (`cmd/`) and the API (`serve/routes.rs`). Each page reads its
//! request into the plain input the CLI builds and calls the same use
//! cases (`service/`); it reaches the store only through them.
//!
//! Pages are rendered on the server from templates checked at compile
//! time and escaped by default (askama, `templates/console/`); the
//! stylesheet is embedded in the binary. Forms work without JavaScript.
//!
//! Security, nothing less than the API's: sign-in checks an API user's
//! password as the API does ([`super::auth::sign_in`]: argon2id, the
//! same slowdown per address); a session is a cookie (see `session`);
//! every state change is a POST carrying the session's CSRF token from a
//! page of this origin; pages and the API do not open each other (a
//! session cookie opens no `/api` route, Basic auth no page). Every
//! answer carries a Content-Security-Policy without inline script,
//! `frame-ancestors 'none'`, `nosniff` and `Referrer-Policy: same-origin`.

mod pages;
mod session;

use std::net::SocketAddr;
use std::sync::Arc;

use askama::Template;
use axum::Router;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};

use super::app::App;
use session::{Session, Sessions};

/// What the console's handlers share.
pub struct Console {
    pub app: Arc<App>,
    pub sessions: Sessions,
}

/// The console's routes, to merge beside the API's.
pub fn router(app: Arc<App>) -> Router<Arc<App>> {
    let console = Arc::new(Console {
        app,
        sessions: Sessions::default(),
    });
    let pages = Router::new()
        .route("/", get(pages::home))
        .route("/webhooks", get(pages::webhooks))
        .route("/webhooks/new", get(pages::new_form).post(pages::create))
        .route("/webhooks/test", post(pages::send_test))
        .route("/webhooks/batch-delete", post(pages::batch_delete))
        .route(
            "/webhooks/{id}/edit",
            get(pages::edit_form).post(pages::update),
        )
        .route("/webhooks/{id}", get(pages::hook))
        .route("/webhooks/{id}/log", get(pages::hook_log))
        .route("/webhooks/{id}/resend", post(pages::resend))
        .route("/webhooks/{id}/batches/{uid}", get(pages::batch_body))
        .route("/webhooks/{id}/retry", post(pages::retry_dead))
        .route("/webhooks/{id}/clone", get(pages::clone_form))
        .route("/webhooks/{id}/delete", post(pages::delete))
        .route("/webhooks/{id}/publish", post(pages::toggle))
        .route("/settings", get(pages::settings).post(pages::save_settings))
        .route("/queue", get(pages::queue))
        .route("/logs", get(pages::logs))
        .route("/categories", get(pages::categories))
        .route("/categories/new", post(pages::save_category))
        .route("/categories/{id}/edit", post(pages::save_category))
        .route("/categories/{id}/delete", post(pages::delete_category))
        .route("/logout", post(pages::logout))
        .route_layer(middleware::from_fn_with_state(
            Arc::clone(&console),
            signed_in,
        ));
    Router::new()
        .merge(pages)
        .route("/login", get(pages::login_form).post(pages::login))
        .route("/assets/console.css", get(pages::stylesheet))
        .route("/assets/console.js", get(pages::script))
        .layer(middleware::from_fn(headers))
        .with_state(console)
}

/// The headers every console answer carries.
async fn headers(req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    for (k, v) in [
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        ),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "same-origin"),
        (header::X_FRAME_OPTIONS, "DENY"),
    ] {
        h.insert(k, HeaderValue::from_static(v));
    }
    if !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    res
}

/// The signed-in session a page runs in (an extension of its request).
#[derive(Clone)]
pub struct Current {
    pub id: String,
    pub session: Session,
}

/// Pages need a live session: without one, a GET goes to the sign-in page
/// (and back after it), anything else is refused. Under `--no-auth` a
/// session is started without sign-in, so forms still carry a token.
async fn signed_in(
    State(c): State<Arc<Console>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    mut req: Request,
    next: Next,
) -> Response {
    let found = session::cookie_id(req.headers()).and_then(|id| {
        let s = c.sessions.get(&id)?;
        Some(Current { id, session: s })
    });
    let found = match found {
        Some(cur) if still_valid(&c, &cur.session).await => Some(cur),
        Some(cur) => {
            c.sessions.end(&cur.id);
            None
        }
        None => None,
    };
    let mut new_cookie = None;
    let current = match (found, &c.app.auth) {
        (Some(cur), _) => cur,
        (None, None) => match c.sessions.start(None) {
            Ok((id, session)) => {
                new_cookie = Some(id.clone());
                Current { id, session }
            }
            Err(e) => return pages::failure(&e),
        },
        (None, Some(_)) => {
            if req.method() != axum::http::Method::GET {
                return pages::plain(
                    StatusCode::FORBIDDEN,
                    "Your session has ended; sign in again.",
                );
            }
            let target = req
                .uri()
                .path_and_query()
                .map_or("/", |p| p.as_str())
                .to_owned();
            return pages::see_other(&format!("/login?next={}", pages::encode(&target)));
        }
    };
    let secure = came_over_tls(&c, peer, req.headers());
    req.extensions_mut().insert(current);
    let mut res = next.run(req).await;
    if let Some(id) = new_cookie
        && let Ok(v) = HeaderValue::from_str(&session::set_cookie(Some(&id), secure))
    {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    res
}

/// The session's user still exists with the password it signed in with
/// (read again at most every 2 s, as the API does).
async fn still_valid(c: &Arc<Console>, s: &Session) -> bool {
    let (Some(gate), Some(name)) = (&c.app.auth, &s.user) else {
        return c.app.auth.is_none();
    };
    let user = match gate.recent_user(name) {
        Some(u) => Some(u),
        None => {
            let looked = c
                .app
                .read_now(|st| crate::service::api_users::find(st, name).map(|u| u.map(Arc::new)));
            match looked {
                Ok(Some(u)) => {
                    gate.remember_user(&u);
                    Some(u)
                }
                _ => None,
            }
        }
    };
    user.is_some_and(|u| Some(&u.password_hash) == s.hash.as_ref())
}

/// Whether the browser reached us over TLS: a proxy on this machine (or
/// one named by `--trusted-proxy`) says so with `X-Forwarded-Proto`.
fn came_over_tls(c: &Console, peer: SocketAddr, headers: &HeaderMap) -> bool {
    let trusted = peer.ip().is_loopback()
        || c.app
            .auth
            .as_ref()
            .is_some_and(|a| a.trusted_proxies().contains(&peer.ip()));
    trusted
        && headers
            .get("x-forwarded-proto")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|p| p.eq_ignore_ascii_case("https"))
}

/// A state-changing request must come from a page of this origin: its
/// `Origin` (or, lacking one, `Referer`) names the host it was sent to.
fn same_origin(headers: &HeaderMap) -> bool {
    let Some(host) = headers.get(header::HOST).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let from = headers
        .get(header::ORIGIN)
        .or_else(|| headers.get(header::REFERER))
        .and_then(|v| v.to_str().ok())
        .and_then(|v| url::Url::parse(v).ok());
    from.is_some_and(|u| {
        let authority = match (u.host_str(), u.port()) {
            (Some(h), Some(p)) => format!("{h}:{p}"),
            (Some(h), None) => h.to_owned(),
            (None, _) => return false,
        };
        authority.eq_ignore_ascii_case(host)
    })
}

/// A rendered template as an HTML answer.
fn html(status: StatusCode, page: &impl Template) -> Response {
    match page.render() {
        Ok(body) => (
            status,
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            )],
            body,
        )
            .into_response(),
        Err(e) => pages::failure(&anyhow::anyhow!("could not render the page: {e}")),
    }
}
