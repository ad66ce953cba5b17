//! The routes: Mautic's hooks API (`/api/hooks…`, `/api/users/self`) and
//! `/healthz`, `/metrics`. A handler reads the request into the same plain
//! input a CLI command builds, calls the same use case, and answers with
//! the same documents `--json` prints (`output.rs`).

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Instant;

use axum::Router;

use axum::extract::{ConnectInfo, MatchedPath, Path, RawQuery, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};

use super::app::App;
use super::auth;
use super::hookq;
use super::metrics::{RequestLabels, method_label};
use super::params::{self, Body, count, flag, hook_id, id_ref, present, strings, text};
use super::reply::{self, ApiError, php_array};
use crate::model::{ApiUser, current_user, now};
use crate::output;
use crate::service::hooks::{self, HookEdit, HookInput, ListInput, WhereInput, WhereValue};
use crate::service::triggers;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// Mautic's `api_batch_max_limit`.
const BATCH_MAX: usize = 200;

/// The API's routes behind authentication, each from its documented
/// handler: the router and the OpenAPI document come from the same
/// annotations (see `openapi`).
fn authenticated_routes() -> OpenApiRouter<Arc<App>> {
    use super::openapi::ApiDoc;
    use utoipa::OpenApi;
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(list_hooks))
        .routes(routes!(list_triggers))
        .routes(routes!(create_hook))
        .routes(routes!(batch_new))
        .routes(routes!(batch_replace))
        .routes(routes!(batch_patch))
        .routes(routes!(batch_delete))
        .routes(routes!(get_hook))
        .routes(routes!(replace_hook))
        .routes(routes!(patch_hook))
        .routes(routes!(delete_hook))
        .routes(routes!(users_self))
        .routes(routes!(hookq::events))
        .routes(routes!(hookq::test_hook))
        .routes(routes!(hookq::queue_list))
        .routes(routes!(hookq::queue_stats))
        .routes(routes!(hookq::logs_list))
}

/// The routes open without credentials.
fn open_routes() -> OpenApiRouter<Arc<App>> {
    OpenApiRouter::new()
        .routes(routes!(healthz))
        .routes(routes!(metrics))
        .routes(routes!(openapi_json))
}

/// Every documented route (for the document).
pub fn api_router() -> OpenApiRouter<Arc<App>> {
    authenticated_routes().merge(open_routes())
}

pub fn router(app: Arc<App>, console: bool) -> Router {
    let (api, _) = authenticated_routes().split_for_parts();
    let api = api.route_layer(middleware::from_fn_with_state(
        Arc::clone(&app),
        authenticate,
    ));
    let (open, _) = open_routes().split_for_parts();
    let pages = if console {
        super::console::router(Arc::clone(&app))
    } else {
        Router::new()
    };
    Router::new()
        .merge(api)
        .merge(open)
        .merge(pages)
        .fallback(unknown_route)
        .method_not_allowed_fallback(wrong_method)
        .layer(middleware::from_fn_with_state(Arc::clone(&app), observe))
        .with_state(app)
}

/// Who is calling: the API user, or None under `--no-auth`.
#[derive(Clone)]
pub struct Caller(pub Option<Arc<ApiUser>>);

impl Caller {
    /// The name recorded as `createdByUser`/`modifiedByUser`.
    fn name(&self) -> String {
        match &self.0 {
            Some(u) => u.username.clone(),
            None => current_user(),
        }
    }
}

/// 429 for an attempt that came before its address may try again.
fn too_soon(wait: std::time::Duration) -> Response {
    let secs = wait.as_secs_f64().ceil().max(1.0) as u64;
    ApiError::new(
        StatusCode::TOO_MANY_REQUESTS,
        &format!("Too many failed sign-ins from this address; try again in {secs} s."),
        json!([]),
        Value::Null,
    )
    .with_header(header::RETRY_AFTER, HeaderValue::from(secs))
    .into_response()
}

async fn authenticate(
    State(app): State<Arc<App>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    mut req: Request,
    next: Next,
) -> Response {
    let Some(gate) = &app.auth else {
        req.extensions_mut().insert(Caller(None));
        return next.run(req).await;
    };
    let mut values = req.headers().get_all(header::AUTHORIZATION).iter();
    let first = values.next();
    if values.next().is_some() {
        return ApiError::bad_request(
            "Authorization: give the header once; this request has it more than once.",
        )
        .into_response();
    }
    let Some(creds) = auth::basic(first.and_then(|v| v.to_str().ok())) else {
        return ApiError::unauthorized().into_response();
    };
    let ip = auth::client_ip(peer, req.headers(), gate.trusted_proxies());
    let lookup = |name: &str| app.read_now(|s| crate::service::api_users::find(s, name));
    match auth::sign_in(gate, lookup, ip, creds).await {
        auth::SignIn::In(user) => admitted(req, next, user).await,
        auth::SignIn::TooSoon(wait) => too_soon(wait),
        auth::SignIn::Wrong(next_wait) => {
            let mut e = ApiError::unauthorized();
            if let Some(w) = next_wait {
                let secs = w.as_secs_f64().ceil() as u64;
                e = e.with_header(header::RETRY_AFTER, HeaderValue::from(secs.max(1)));
            }
            e.into_response()
        }
        auth::SignIn::Failed(e) => ApiError::from(e).into_response(),
    }
}

/// Run the request as `user`.
async fn admitted(mut req: Request, next: Next, user: Arc<ApiUser>) -> Response {
    let caller = Caller(Some(user));
    req.extensions_mut().insert(caller.clone());
    let mut res = next.run(req).await;
    res.extensions_mut().insert(caller);
    res
}

/// A route pattern as a `'static` label: each pattern (a fixed, small
/// set: the router's) is leaked once and then found.
fn route_label(pattern: &str) -> &'static str {
    static SEEN: std::sync::OnceLock<std::sync::Mutex<Vec<&'static str>>> =
        std::sync::OnceLock::new();
    let mut seen = SEEN
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    if let Some(r) = seen.iter().find(|r| **r == pattern) {
        return r;
    }
    let r: &'static str = Box::leak(pattern.to_owned().into_boxed_str());
    seen.push(r);
    r
}

/// Counts every request in the metrics, and with `-v` logs one line.
async fn observe(State(app): State<Arc<App>>, req: Request, next: Next) -> Response {
    let start = Instant::now();
    let method = req.method().clone();
    // The path only for the -v line.
    let path = app.verbose.then(|| req.uri().path().to_owned());
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map_or("unmatched", |m| route_label(m.as_str()));
    let res = next.run(req).await;
    let secs = start.elapsed().as_secs_f64();
    let status = res.status().as_u16();
    app.metrics.observe(
        RequestLabels {
            method: method_label(&method),
            route,
            status,
        },
        secs,
    );
    if app.verbose {
        let user = res
            .extensions()
            .get::<Caller>()
            .and_then(|c| c.0.as_ref().map(|u| u.username.clone()))
            .unwrap_or_else(|| String::from("-"));
        eprintln!(
            "hookq: {method} {} {status} {:.1}ms {user}",
            path.unwrap_or_default(),
            secs * 1000.0
        );
    }
    res
}

/// This document. No credentials (it holds no data).
#[utoipa::path(get, path = "/api/openapi.json", tag = "server", operation_id = "openapi", security(()),
    responses((status = 200, description = "The OpenAPI document", body = Object)))]
async fn openapi_json() -> Response {
    static DOC: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let doc = DOC.get_or_init(super::openapi::document_json);
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        doc.clone(),
    )
        .into_response()
}

async fn unknown_route(uri: axum::http::Uri) -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        &format!("Requested URL not found: {}", uri.path()),
        json!([]),
        Value::Null,
    )
}

async fn wrong_method(method: Method) -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        &format!("Method {method} is not allowed here"),
        json!([]),
        Value::Null,
    )
}

fn ok(v: &Value) -> Response {
    reply::json(StatusCode::OK, v)
}

/// `Location` of a created hook, absolute as Mautic writes it.
fn location(headers: &HeaderMap, id: i64) -> Option<HeaderValue> {
    let path = format!("/api/hooks/{id}");
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    let url = match host {
        Some(h) => {
            let scheme = headers
                .get("x-forwarded-proto")
                .and_then(|v| v.to_str().ok())
                .filter(|p| *p == "https" || *p == "http")
                .unwrap_or("http");
            format!("{scheme}://{h}{path}")
        }
        None => path,
    };
    HeaderValue::from_str(&url).ok()
}

fn created(headers: &HeaderMap, id: i64, v: &Value) -> Response {
    let mut r = reply::json(StatusCode::CREATED, v);
    if let Some(l) = location(headers, id) {
        r.headers_mut().insert(header::LOCATION, l);
    }
    r
}

// ------------------------------------------------------------------ reads

/// A list, or PHP's index-keyed object (`where[3][col]` after a gap), as
/// its items in order.
fn items(v: &Value) -> Option<Vec<&Value>> {
    match v {
        Value::Array(a) => Some(a.iter().collect()),
        Value::Object(m) if m.keys().all(|k| k.parse::<usize>().is_ok()) => {
            let mut kv: Vec<(usize, &Value)> =
                m.iter().map(|(k, v)| (k.parse().unwrap_or(0), v)).collect();
            kv.sort_by_key(|(k, _)| *k);
            Some(kv.into_iter().map(|(_, v)| v).collect())
        }
        _ => None,
    }
}

fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(if *b { "1" } else { "0" }.to_owned()),
        _ => None,
    }
}

/// Mautic's `where[i][col|expr|val]`, nested under `val` for andX/orX.
fn where_items(v: &Value) -> Result<Vec<WhereInput>, ApiError> {
    let bad = || {
        ApiError::field(
            "where",
            "Each filter is {col, expr, val}; andX and orX take a list of filters as val.",
        )
    };
    let list = items(v).ok_or_else(bad)?;
    list.into_iter()
        .map(|item| {
            let m = item.as_object().ok_or_else(bad)?;
            let field = |k: &str| m.get(k).and_then(scalar).unwrap_or_default();
            let val = match m.get("val") {
                None | Some(Value::Null) => WhereValue::None,
                Some(v) => match items(v) {
                    Some(vs) if !vs.is_empty() && vs.iter().all(|x| x.is_object()) => {
                        WhereValue::Nested(where_items(v)?)
                    }
                    Some(vs) => WhereValue::Many(
                        vs.into_iter()
                            .map(|x| scalar(x).ok_or_else(bad))
                            .collect::<Result<_, _>>()?,
                    ),
                    None => WhereValue::One(scalar(v).ok_or_else(bad)?),
                },
            };
            Ok(WhereInput {
                col: field("col"),
                expr: field("expr"),
                val,
            })
        })
        .collect()
}

/// Mautic's `order[i][col|dir]`.
fn order_items(v: &Value) -> Result<Vec<(String, String)>, ApiError> {
    let bad = || ApiError::field("order", "Each sort key is {col, dir}.");
    items(v)
        .ok_or_else(bad)?
        .into_iter()
        .map(|item| {
            let m = item.as_object().ok_or_else(bad)?;
            let get = |k: &str| m.get(k).and_then(scalar).unwrap_or_default();
            Ok((get("col"), get("dir")))
        })
        .collect()
}

fn list_input(p: &Map<String, Value>) -> Result<(ListInput, bool), ApiError> {
    let defaults = ListInput::default();
    // Mautic accepts `w.name` (its table alias) as well as `name`.
    let order_by = text(p, "orderBy")?
        .filter(|s| !s.is_empty())
        .map(|s| s.rsplit('.').next().unwrap_or_default().to_owned())
        .unwrap_or(defaults.order_by);
    let published_only =
        flag(p, "publishedOnly")?.unwrap_or(false) || flag(p, "published")?.unwrap_or(false);
    Ok((
        ListInput {
            search: text(p, "search")?.filter(|s| !s.is_empty()),
            filters: match p.get("where") {
                None | Some(Value::Null) => Vec::new(),
                Some(w) => where_items(w)?,
            },
            order: match p.get("order") {
                None | Some(Value::Null) => Vec::new(),
                Some(o) => order_items(o)?,
            },
            start: count(p, "start")?.unwrap_or(0),
            limit: count(p, "limit")?.unwrap_or(defaults.limit),
            order_by,
            order_dir: text(p, "orderByDir")?
                .filter(|s| !s.is_empty())
                .unwrap_or(defaults.order_dir),
            published_only,
        },
        flag(p, "minimal")?.unwrap_or(false),
    ))
}

/// List webhooks (Mautic's `GET /api/hooks`).
#[utoipa::path(get, path = "/api/hooks", tag = "hooks", operation_id = "listHooks",
    params(super::openapi::ListParams),
    responses(
        (status = 200, description = "A page of webhooks", body = super::openapi::HookList),
        (status = 400, description = "A parameter is refused (named in `details`)", body = super::openapi::Error),
        super::openapi::Denied
    ))]
async fn list_hooks(
    State(app): State<Arc<App>>,
    RawQuery(q): RawQuery,
) -> Result<Response, ApiError> {
    let p = params::object(params::query(q.as_deref())?)?;
    let (input, minimal) = list_input(&p)?;
    let query = hooks::list_query(&input)?;
    let listing = app.read_now(|s| hooks::list(s, &query))?;
    Ok(reply::bytes(
        StatusCode::OK,
        output::list_doc_bytes(&listing, minimal),
    ))
}

/// One webhook.
#[utoipa::path(get, path = "/api/hooks/{id}", tag = "hooks", operation_id = "getHook",
    params(("id" = i64, Path, description = "The webhook's id")),
    responses(
        (status = 200, description = "The webhook", body = super::openapi::HookDocument),
        (status = 404, description = "No such webhook", body = super::openapi::Error),
        super::openapi::Denied
    ))]
async fn get_hook(
    State(app): State<Arc<App>>,
    Path(raw): Path<String>,
) -> Result<Response, ApiError> {
    let id = hook_id(&raw)?;
    Ok(reply::bytes(StatusCode::OK, app.hook_doc(id)?))
}

/// The catalog of event types.
#[utoipa::path(get, path = "/api/hooks/triggers", tag = "hooks", operation_id = "listTriggers",
    responses(
        (status = 200, description = "Every event type, by type", body = super::openapi::Triggers),
        super::openapi::Denied
    ))]
async fn list_triggers(State(app): State<Arc<App>>) -> Result<Response, ApiError> {
    let catalog = app.read_now(triggers::catalog)?;
    Ok(ok(&output::triggers_doc(catalog.entries().iter())))
}

/// The calling API user, in Mautic's user shape.
#[utoipa::path(get, path = "/api/users/self", tag = "hooks", operation_id = "usersSelf",
    responses(
        (status = 200, description = "The user", body = super::openapi::User),
        super::openapi::Denied
    ))]
async fn users_self(axum::Extension(caller): axum::Extension<Caller>) -> Response {
    let user = caller.0.unwrap_or_else(|| {
        Arc::new(ApiUser {
            id: 0,
            username: String::from("anonymous"),
            password_hash: String::new(),
            date_added: now(),
            created_by_user: None,
        })
    });
    ok(&output::api_user_json(&user))
}

/// Whether the server can read its store. No credentials.
#[utoipa::path(get, path = "/healthz", tag = "server", operation_id = "healthz", security(()),
    responses(
        (status = 200, description = "It can", body = super::openapi::Health),
        (status = 503, description = "It cannot", body = super::openapi::Health)
    ))]
async fn healthz(State(app): State<Arc<App>>) -> Response {
    match app.read_now(|s| s.stored_settings().map(|_| ())) {
        Ok(()) => ok(&json!({"status": "ok"})),
        Err(e) => {
            eprintln!("hookq: serve: health check failed: {e:#}");
            reply::json(
                StatusCode::SERVICE_UNAVAILABLE,
                &json!({"status": "unavailable"}),
            )
        }
    }
}

/// Prometheus/OpenMetrics text. No credentials.
#[utoipa::path(get, path = "/metrics", tag = "server", operation_id = "metrics", security(()),
    responses(
        (status = 200, description = "The metrics", body = String,
            content_type = "application/openmetrics-text; version=1.0.0; charset=utf-8"),
        (status = 500, description = "The store failed", body = super::openapi::Error),
        (status = 503, description = "The store is unreachable", body = super::openapi::Error)
    ))]
async fn metrics(State(app): State<Arc<App>>) -> Result<Response, ApiError> {
    let (queued, dead) = app
        .read(|s| {
            let stats = s.queue_stats(now())?;
            Ok(stats.iter().fold((0, 0), |(q, d), st| {
                (q + st.fresh + st.in_flight + st.waiting, d + st.dead)
            }))
        })
        .await?;
    let text = app.metrics.render(queued, dead);
    Ok((
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/openmetrics-text; version=1.0.0; charset=utf-8"),
        )],
        text,
    )
        .into_response())
}

// ----------------------------------------------------------------- writes

/// A new hook from Mautic's fields.
fn hook_input(m: &Map<String, Value>) -> Result<HookInput, ApiError> {
    Ok(HookInput {
        name: text(m, "name")?.unwrap_or_default(),
        url: text(m, "webhookUrl")?.unwrap_or_default(),
        description: text(m, "description")?,
        secret: text(m, "secret")?.filter(|s| !s.is_empty()),
        signing: text(m, "signing")?.filter(|s| !s.is_empty()),
        order: text(m, "eventsOrderbyDir")?.filter(|s| !s.is_empty()),
        category: id_ref(m, "category")?,
        triggers: strings(m, "triggers")?.unwrap_or_default(),
        published: flag(m, "isPublished")?.unwrap_or(true),
        controls: super::params::controls(m, false)?,
    })
}

/// An edit from Mautic's fields: PUT replaces the trigger list, PATCH
/// adds to it (as Mautic's `preSaveEntity` does).
fn hook_edit(m: &Map<String, Value>, replace: bool) -> Result<HookEdit, ApiError> {
    let triggers = strings(m, "triggers")?.unwrap_or_default();
    // A PATCH that sets standard signing gives the secret it signs with
    // (whsec_…, or "" for a new one): the document says so, whatever the
    // webhook's secret was.
    let standard = text(m, "signing")?.is_some_and(|s| s.eq_ignore_ascii_case("standard"));
    if !replace && standard && text(m, "secret")?.is_none() {
        return Err(ApiError::field(
            "secret",
            "signing standard needs the secret it signs with: give \"secret\": \"\" for a new one, or a whsec_ secret",
        ));
    }
    let (triggers, add_triggers) = if replace {
        (triggers, Vec::new())
    } else {
        (Vec::new(), triggers)
    };
    Ok(HookEdit {
        name: text(m, "name")?,
        url: text(m, "webhookUrl")?,
        description: if present(m, "description") {
            Some(text(m, "description")?.unwrap_or_default())
        } else {
            None
        },
        secret: text(m, "secret")?.filter(|s| !s.is_empty()),
        // `"secret": ""` asks for a new one, as on create; on PUT an
        // empty secret is generated anyway (a full replace).
        regenerate_secret: !replace && text(m, "secret")?.is_some_and(|s| s.is_empty()),
        signing: text(m, "signing")?.filter(|s| !s.is_empty()),
        rotate_secret: false,
        keep_old: None,
        order: if present(m, "eventsOrderbyDir") {
            Some(
                text(m, "eventsOrderbyDir")?
                    .filter(|s| !s.is_empty())
                    .unwrap_or_else(|| String::from("default")),
            )
        } else {
            None
        },
        category: if present(m, "category") {
            Some(id_ref(m, "category")?)
        } else {
            None
        },
        triggers,
        add_triggers,
        remove_triggers: Vec::new(),
        published: flag(m, "isPublished")?,
        controls: super::params::controls(m, replace)?,
    })
}

/// One created hook: its document, or the error answering it.
async fn create_one(
    app: &Arc<App>,
    caller: &Caller,
    m: &Map<String, Value>,
) -> Result<hooks::HookState, ApiError> {
    let fields = hooks::new_hook(&hook_input(m)?)?;
    let user = caller.name();
    let created = app.write(move |s| hooks::create(s, fields, &user)).await?;
    Ok(created.state)
}

/// Create a webhook (Mautic's `POST /api/hooks/new`).
#[utoipa::path(post, path = "/api/hooks/new", tag = "hooks", operation_id = "createHook",
    request_body(content(
        (super::openapi::HookCreate = "application/json"),
        (super::openapi::HookCreateForm = "application/x-www-form-urlencoded")
    )),
    responses(
        (status = 201, description = "Created", body = super::openapi::HookDocument),
        (status = 400, description = "A field is refused (named in `details`); nothing written", body = super::openapi::Error),
        (status = 413, description = "The body is too large", body = super::openapi::Error),
        (status = 415, description = "A body neither JSON nor form-encoded", body = super::openapi::Error),
        super::openapi::Denied
    ))]
async fn create_hook(
    State(app): State<Arc<App>>,
    axum::Extension(caller): axum::Extension<Caller>,
    headers: HeaderMap,
    Body(body): Body,
) -> Result<Response, ApiError> {
    let m = params::object(params::body(&headers, &body)?)?;
    let state = create_one(&app, &caller, &m).await?;
    Ok(created(&headers, state.hook.id, &output::hook_doc(&state)))
}

/// One edited hook (PUT may create it).
async fn edit_one(
    app: &Arc<App>,
    caller: &Caller,
    id: i64,
    m: &Map<String, Value>,
    replace: bool,
) -> Result<hooks::Edited, ApiError> {
    let e = hook_edit(m, replace)?;
    if !replace && e.changes_nothing() {
        // Mautic answers an empty PATCH with the hook as it is.
        let state = app.read_now(|s| hooks::get(s, id))?;
        return Ok(hooks::Edited {
            state,
            new_secret: false,
            created: false,
        });
    }
    let user = caller.name();
    Ok(app
        .write(move |s| hooks::edit(s, id, &e, replace, &user))
        .await?)
}

/// Replace a webhook: every field (and create it with this id when
/// missing), Mautic's `PUT /api/hooks/{id}/edit`.
#[utoipa::path(put, path = "/api/hooks/{id}/edit", tag = "hooks", operation_id = "replaceHook",
    params(("id" = i64, Path, description = "The webhook's id; a new one is created with it up to 2147483647 (Mautic's id column)")),
    request_body(content(
        (super::openapi::HookReplace = "application/json"),
        (super::openapi::HookReplaceForm = "application/x-www-form-urlencoded")
    )),
    responses(
        (status = 200, description = "Replaced", body = super::openapi::HookDocument),
        (status = 201, description = "Created with this id", body = super::openapi::HookDocument),
        (status = 400, description = "A field is refused; nothing written", body = super::openapi::Error),
        (status = 404, description = "No webhook has this id and it is past 2147483647, the highest PUT creates (Mautic's id column); or an id that is not a whole number from 1", body = super::openapi::Error),
        (status = 413, description = "The body is too large", body = super::openapi::Error),
        (status = 415, description = "A body neither JSON nor form-encoded", body = super::openapi::Error),
        super::openapi::Denied
    ))]
async fn replace_hook(
    State(app): State<Arc<App>>,
    axum::Extension(caller): axum::Extension<Caller>,
    Path(raw): Path<String>,
    headers: HeaderMap,
    Body(body): Body,
) -> Result<Response, ApiError> {
    // An id PUT would create past Mautic's id column is no webhook's: a
    // 404 that says why (not a 400: the same request replaces one that
    // exists, say one POST made after a PUT took the top id).
    let past = |e: ApiError| e.with_status(StatusCode::NOT_FOUND);
    if !raw.is_empty()
        && raw.bytes().all(|b| b.is_ascii_digit())
        && raw.trim_start_matches('0').len() > 18
    {
        return Err(past(ApiError::from(anyhow::Error::from(
            hooks::id_too_large(&raw),
        ))));
    }
    let big = hook_id(&raw).is_ok_and(|id| id > hooks::MAX_NEW_ID);
    edit_hook(&app, &caller, &raw, &headers, &body, true)
        .await
        .map_err(|e| {
            if big
                && e.status == StatusCode::BAD_REQUEST
                && e.body.pointer("/errors/0/details/id").is_some()
            {
                past(e)
            } else {
                e
            }
        })
}

/// Change the fields given (Mautic's `PATCH /api/hooks/{id}/edit`;
/// triggers are added).
#[utoipa::path(patch, path = "/api/hooks/{id}/edit", tag = "hooks", operation_id = "editHook",
    params(("id" = i64, Path, description = "The webhook's id")),
    request_body(content(
        (Option<super::openapi::HookPatch> = "application/json"),
        (Option<super::openapi::HookPatchForm> = "application/x-www-form-urlencoded")
    ), description = "The fields to change; none: the webhook as it is"),
    responses(
        (status = 200, description = "Edited", body = super::openapi::HookDocument),
        (status = 400, description = "A field is refused; nothing written", body = super::openapi::Error),
        (status = 404, description = "No such webhook", body = super::openapi::Error),
        (status = 413, description = "The body is too large", body = super::openapi::Error),
        (status = 415, description = "A body neither JSON nor form-encoded", body = super::openapi::Error),
        super::openapi::Denied
    ))]
async fn patch_hook(
    State(app): State<Arc<App>>,
    axum::Extension(caller): axum::Extension<Caller>,
    Path(raw): Path<String>,
    headers: HeaderMap,
    Body(body): Body,
) -> Result<Response, ApiError> {
    edit_hook(&app, &caller, &raw, &headers, &body, false).await
}

async fn edit_hook(
    app: &Arc<App>,
    caller: &Caller,
    raw: &str,
    headers: &HeaderMap,
    body: &[u8],
    replace: bool,
) -> Result<Response, ApiError> {
    let id = hook_id(raw)?;
    let m = params::object(params::body(headers, body)?)?;
    let edited = edit_one(app, caller, id, &m, replace).await?;
    let doc = output::hook_doc(&edited.state);
    Ok(if edited.created {
        created(headers, id, &doc)
    } else {
        ok(&doc)
    })
}

/// Delete a webhook with its queue and logs.
#[utoipa::path(delete, path = "/api/hooks/{id}/delete", tag = "hooks", operation_id = "deleteHook",
    params(("id" = i64, Path, description = "The webhook's id")),
    responses(
        (status = 200, description = "Deleted (its `id` null, as Mautic answers)", body = super::openapi::HookDeleted),
        (status = 404, description = "No such webhook", body = super::openapi::Error),
        super::openapi::Denied
    ))]
async fn delete_hook(
    State(app): State<Arc<App>>,
    Path(raw): Path<String>,
) -> Result<Response, ApiError> {
    let id = hook_id(&raw)?;
    let d = app.write(move |s| hooks::delete(s, id)).await?;
    Ok(ok(&output::deleted_doc(&d.hook)))
}

// ------------------------------------------------------------------ batch

/// The items of a batch body: a list (or PHP's index-keyed object).
fn batch_items(v: Value) -> Result<Vec<(usize, Value)>, ApiError> {
    let items: Vec<(usize, Value)> = match v {
        // No body: an empty batch, as in Mautic.
        Value::Null => Vec::new(),
        Value::Array(a) => a.into_iter().enumerate().collect(),
        Value::Object(m) => {
            let mut items = m
                .into_iter()
                .map(|(k, v)| {
                    k.parse::<usize>()
                        .map(|i| (i, v))
                        .map_err(|_| ApiError::bad_request("a batch is a list of items"))
                })
                .collect::<Result<Vec<_>, _>>()?;
            // In the request's order of indexes (`10` after `9`).
            items.sort_by_key(|(i, _)| *i);
            items
        }
        _ => return Err(ApiError::bad_request("a batch is a list of items")),
    };
    if items.len() > BATCH_MAX {
        return Err(ApiError::bad_request(&format!(
            "A max of {BATCH_MAX} entities are supported at a time."
        )));
    }
    Ok(items)
}

/// Mautic's per-item error object.
fn item_error(e: &ApiError) -> Value {
    json!({"message": e.message(), "code": e.status.as_u16(), "type": "api"})
}

/// Results of a batch, as Mautic answers: `hooks` (what succeeded, at the
/// request's indexes), `statusCodes` (every item), `errors` (the failed).
#[derive(Default)]
struct Batch {
    hooks: Vec<(usize, Value)>,
    codes: Vec<(usize, Value)>,
    errors: Vec<(usize, Value)>,
}

impl Batch {
    fn ok(&mut self, i: usize, code: StatusCode, hook: Value) {
        self.hooks.push((i, hook));
        self.codes.push((i, json!(code.as_u16())));
    }

    fn failed(&mut self, i: usize, e: &ApiError) {
        if let Some(line) = &e.log {
            eprintln!("hookq: serve: {line}");
        }
        self.codes.push((i, json!(e.status.as_u16())));
        self.errors.push((i, item_error(e)));
    }

    fn answer(self, status: StatusCode) -> Response {
        let mut doc = json!({
            "hooks": php_array(self.hooks),
            "statusCodes": php_array(self.codes),
        });
        if !self.errors.is_empty() {
            doc["errors"] = php_array(self.errors);
        }
        reply::json(status, &doc)
    }
}

fn hook_of(state: &hooks::HookState) -> Value {
    output::hook_json(&state.hook, false, Some(state.hook.id))
}

/// Create up to 200 webhooks; each item answered on its own.
#[utoipa::path(post, path = "/api/hooks/batch/new", tag = "hooks", operation_id = "batchNewHooks",
    request_body(content(
        (Option<super::openapi::BatchNew> = "application/json")
    ), description = "The items; none (an empty body) is an empty batch, as in Mautic"),
    responses(
        (status = 201, description = "Each item's outcome", body = super::openapi::BatchAnswer),
        (status = 400, description = "Not a list of items, or more than 200", body = super::openapi::Error),
        (status = 413, description = "The body is too large", body = super::openapi::Error),
        (status = 415, description = "A body neither JSON nor form-encoded", body = super::openapi::Error),
        super::openapi::Denied
    ))]
async fn batch_new(
    State(app): State<Arc<App>>,
    axum::Extension(caller): axum::Extension<Caller>,
    headers: HeaderMap,
    Body(body): Body,
) -> Result<Response, ApiError> {
    let items = batch_items(params::body(&headers, &body)?)?;
    let mut batch = Batch::default();
    for (i, item) in items {
        let res = match params::object(item) {
            Ok(m) => create_one(&app, &caller, &m).await,
            Err(e) => Err(e),
        };
        match res {
            Ok(state) => batch.ok(i, StatusCode::CREATED, hook_of(&state)),
            Err(e) => batch.failed(i, &e),
        }
    }
    Ok(batch.answer(StatusCode::CREATED))
}

/// Replace up to 200 webhooks by their `id` (each as a PUT would).
#[utoipa::path(put, path = "/api/hooks/batch/edit", tag = "hooks", operation_id = "batchReplaceHooks",
    request_body(content(
        (Option<super::openapi::BatchEdit> = "application/json")
    ), description = "The items; none (an empty body) is an empty batch, as in Mautic"),
    responses(
        (status = 200, description = "Each item's outcome", body = super::openapi::BatchAnswer),
        (status = 400, description = "Not a list of items, or more than 200", body = super::openapi::Error),
        (status = 413, description = "The body is too large", body = super::openapi::Error),
        (status = 415, description = "A body neither JSON nor form-encoded", body = super::openapi::Error),
        super::openapi::Denied
    ))]
async fn batch_replace(
    State(app): State<Arc<App>>,
    axum::Extension(caller): axum::Extension<Caller>,
    headers: HeaderMap,
    Body(body): Body,
) -> Result<Response, ApiError> {
    batch_edit(&app, &caller, &headers, &body, true).await
}

/// Edit up to 200 webhooks by their `id` (each as a PATCH would).
#[utoipa::path(patch, path = "/api/hooks/batch/edit", tag = "hooks", operation_id = "batchEditHooks",
    request_body(content(
        (Option<super::openapi::BatchEdit> = "application/json")
    ), description = "The items; none (an empty body) is an empty batch, as in Mautic"),
    responses(
        (status = 200, description = "Each item's outcome", body = super::openapi::BatchAnswer),
        (status = 400, description = "Not a list of items, or more than 200", body = super::openapi::Error),
        (status = 413, description = "The body is too large", body = super::openapi::Error),
        (status = 415, description = "A body neither JSON nor form-encoded", body = super::openapi::Error),
        super::openapi::Denied
    ))]
async fn batch_patch(
    State(app): State<Arc<App>>,
    axum::Extension(caller): axum::Extension<Caller>,
    headers: HeaderMap,
    Body(body): Body,
) -> Result<Response, ApiError> {
    batch_edit(&app, &caller, &headers, &body, false).await
}

async fn batch_edit(
    app: &Arc<App>,
    caller: &Caller,
    headers: &HeaderMap,
    body: &[u8],
    replace: bool,
) -> Result<Response, ApiError> {
    let items = batch_items(params::body(headers, body)?)?;
    let mut batch = Batch::default();
    for (i, item) in items {
        let res = async {
            let m = params::object(item)?;
            let id = match id_ref(&m, "id")? {
                Some(id) => id,
                None => {
                    return Err(ApiError::field(
                        "id",
                        "Each item needs the id of the hook it edits.",
                    ));
                }
            };
            edit_one(app, caller, id, &m, replace).await
        }
        .await;
        match res {
            Ok(e) => {
                let code = if e.created {
                    StatusCode::CREATED
                } else {
                    StatusCode::OK
                };
                batch.ok(i, code, hook_of(&e.state));
            }
            Err(e) => batch.failed(i, &e),
        }
    }
    Ok(batch.answer(StatusCode::OK))
}

/// `ids=1,2,3` or `ids[]=1&ids[]=2` (what the PHP client sends).
fn batch_ids(p: &Map<String, Value>) -> Result<Vec<(usize, String)>, ApiError> {
    let raw: Vec<String> = match p.get("ids") {
        Some(Value::String(s)) if !s.trim().is_empty() => {
            s.split(',').map(|x| x.trim().to_owned()).collect()
        }
        Some(Value::Array(a)) => a
            .iter()
            .map(|v| match v {
                Value::String(s) => Ok(s.clone()),
                Value::Number(n) => Ok(n.to_string()),
                _ => Err(ApiError::field(
                    "ids",
                    "This value should be a list of ids.",
                )),
            })
            .collect::<Result<_, _>>()?,
        Some(Value::Number(n)) => vec![n.to_string()],
        _ => {
            return Err(ApiError::field(
                "ids",
                "Give the ids to delete, e.g. ids=1,2,3.",
            ));
        }
    };
    if raw.len() > BATCH_MAX {
        return Err(ApiError::bad_request(&format!(
            "A max of {BATCH_MAX} entities are supported at a time."
        )));
    }
    Ok(raw.into_iter().enumerate().collect())
}

/// Delete up to 200 webhooks by id; each answered on its own.
#[utoipa::path(delete, path = "/api/hooks/batch/delete", tag = "hooks", operation_id = "batchDeleteHooks",
    params(super::openapi::BatchIds),
    responses(
        (status = 200, description = "Each id's outcome", body = super::openapi::BatchAnswer),
        (status = 400, description = "No ids, or more than 200", body = super::openapi::Error),
        super::openapi::Denied
    ))]
async fn batch_delete(
    State(app): State<Arc<App>>,
    RawQuery(q): RawQuery,
) -> Result<Response, ApiError> {
    let p = params::object(params::query(q.as_deref())?)?;
    let ids = batch_ids(&p)?;
    let mut batch = Batch::default();
    for (i, raw) in ids {
        let res = match hook_id(&raw) {
            Ok(id) => app
                .write(move |s| hooks::delete(s, id))
                .await
                .map_err(ApiError::from),
            Err(e) => Err(e),
        };
        match res {
            // Mautic renders a batch before deleting, so ids are kept.
            Ok(d) => batch.ok(
                i,
                StatusCode::OK,
                output::hook_json(&d.hook, false, Some(d.hook.id)),
            ),
            Err(e) => batch.failed(i, &e),
        }
    }
    Ok(batch.answer(StatusCode::OK))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_digits_only() {
        assert_eq!(hook_id("12").unwrap(), 12);
        for bad in ["", "0", "-1", "1a", "１", "99999999999999999999", "1.0"] {
            assert_eq!(
                hook_id(bad).unwrap_err().status,
                StatusCode::NOT_FOUND,
                "{bad}"
            );
        }
    }

    #[test]
    fn put_replaces_triggers_patch_adds() {
        let m = params::object(json!({"triggers": ["a"], "description": null, "category": ""}))
            .unwrap();
        let put = hook_edit(&m, true).unwrap();
        assert_eq!(put.triggers, vec!["a"]);
        assert!(put.add_triggers.is_empty());
        assert_eq!(put.description.as_deref(), Some(""));
        assert_eq!(put.category, Some(None));
        let patch = hook_edit(&m, false).unwrap();
        assert!(patch.triggers.is_empty());
        assert_eq!(patch.add_triggers, vec!["a"]);
        assert!(
            hook_edit(&params::object(json!({})).unwrap(), false)
                .unwrap()
                .changes_nothing()
        );
    }
}
