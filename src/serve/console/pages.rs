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

    /// Every value of a repeated field (checkboxes), in order.
    fn all(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .collect()
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

/// A posted form, once it is allowed (see [`allowed`]); else the refusal.
fn posted(headers: &HeaderMap, cur: &Current, body: &[u8]) -> Result<Fields, Box<Response>> {
    let form = Fields::parse(body);
    match allowed(headers, cur, &form.get("csrf")) {
        Some(refused) => Err(Box::new(refused)),
        None => Ok(form),
    }
}

/// [`posted`] for a webhook's path: the form and the webhook's id.
fn posted_for(
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
    let _form = match posted(&headers, &cur, &body) {
        Ok(f) => f,
        Err(r) => return *r,
    };
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
    csrf: String,
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
        csrf: cur.session.csrf.clone(),
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

// -------------------------------------------------------------- the form

/// The form's fields as typed (kept when a field is refused).
#[derive(Clone, Default)]
pub struct FormValues {
    pub name: String,
    pub description: String,
    pub url: String,
    pub secret: String,
    /// `default`, `asc` or `desc`.
    pub order: String,
    pub published: bool,
    /// `mautic` or `standard`.
    pub signing: String,
    pub category: Option<i64>,
    pub triggers: Vec<String>,
}

impl FormValues {
    fn blank() -> FormValues {
        FormValues {
            order: String::from("default"),
            published: true,
            signing: String::from("mautic"),
            ..Default::default()
        }
    }

    fn of(h: &crate::model::Webhook) -> FormValues {
        FormValues {
            name: h.name.clone(),
            description: h.description.clone().unwrap_or_default(),
            url: h.webhook_url.clone(),
            secret: h.secret.clone(),
            order: match h.events_orderby_dir {
                Some(crate::model::Order::Asc) => "asc",
                Some(crate::model::Order::Desc) => "desc",
                None => "default",
            }
            .to_owned(),
            published: h.is_published,
            signing: match h.signing {
                crate::model::Signing::Mautic => "mautic",
                crate::model::Signing::Standard => "standard",
            }
            .to_owned(),
            category: h.category.as_ref().map(|c| c.id),
            triggers: h.triggers.clone(),
        }
    }

    fn parse(form: &Fields) -> FormValues {
        let signing = if form.get("signing") == "standard" {
            "standard"
        } else {
            "mautic"
        };
        FormValues {
            name: form.get("name"),
            description: form.get("description"),
            url: form.get("webhookUrl"),
            secret: form.get("secret"),
            order: match form.get("order").as_str() {
                "asc" => "asc",
                "desc" => "desc",
                _ => "default",
            }
            .to_owned(),
            published: form.get("published") != "0",
            signing: signing.to_owned(),
            category: form.get("category").parse().ok().filter(|&c: &i64| c > 0),
            triggers: form.all("triggers"),
        }
    }
}

/// A refusal shown next to its field, in the CLI's words.
#[derive(Default)]
pub struct FieldErrors {
    pub general: Option<String>,
    pub name: Option<String>,
    pub description: Option<String>,
    pub url: Option<String>,
    pub secret: Option<String>,
    pub triggers: Option<String>,
    pub category: Option<String>,
    pub signing: Option<String>,
}

impl FieldErrors {
    /// `e` next to its field, when it is a refusal of one.
    fn from(e: &anyhow::Error) -> Option<FieldErrors> {
        let Some(crate::error::UserError::Invalid(i)) = e
            .chain()
            .find_map(|c| c.downcast_ref::<crate::error::UserError>())
        else {
            return None;
        };
        let mut out = FieldErrors::default();
        let reason = Some(i.reason.clone());
        match i.field.as_str() {
            "name" => out.name = reason,
            "description" => out.description = reason,
            "webhookUrl" => out.url = reason,
            "secret" => out.secret = reason,
            "triggers" => {
                out.triggers = Some(match &i.value {
                    Some(v) => format!("{v}: {}", i.reason),
                    None => i.reason.clone(),
                })
            }
            "category" => out.category = reason,
            "signing" => out.signing = reason,
            other => out.general = Some(format!("{other}: {}", i.reason)),
        }
        Some(out)
    }
}

/// One event type's checkbox.
pub struct TriggerBox {
    pub event_type: String,
    pub label: String,
    pub description: String,
    pub checked: bool,
}

/// What Send Test Payload got back, as shown.
pub struct TestView {
    pub ok: bool,
    pub status: String,
    pub runtime: String,
    pub note: String,
    pub response: String,
}

#[derive(Template)]
#[template(path = "console/form.html")]
struct FormPage {
    title: String,
    nav: Option<Nav>,
    heading: String,
    action: String,
    /// The webhook edited (0: a new one).
    id: i64,
    csrf: String,
    editing: bool,
    f: FormValues,
    errors: FieldErrors,
    triggers: Vec<TriggerBox>,
    categories: Vec<(i64, String, bool)>,
    test: Option<TestView>,
    notice: Option<String>,
}

/// Which webhook a form is for: a new one, or the one with this id.
#[derive(Clone, Copy)]
enum Target {
    New,
    Edit(i64),
}

/// Render the form with `f` (and what the page says beside it).
#[allow(clippy::too_many_arguments)]
async fn form_page(
    c: &Arc<Console>,
    cur: &Current,
    target: Target,
    f: FormValues,
    errors: FieldErrors,
    test: Option<TestView>,
    notice: Option<String>,
    status: StatusCode,
) -> Response {
    let read = c
        .app
        .read(|s| {
            Ok((
                crate::service::triggers::catalog(s)?,
                crate::service::categories::list(s)?,
            ))
        })
        .await;
    let (catalog, categories) = match read {
        Ok(r) => r,
        Err(e) => return failure(&e),
    };
    let triggers = catalog
        .entries()
        .iter()
        .map(|t| TriggerBox {
            event_type: t.event_type.clone(),
            label: t.label.clone(),
            description: t.description.clone(),
            checked: f.triggers.contains(&t.event_type),
        })
        .collect();
    let categories = categories
        .into_iter()
        .map(|cat| (cat.id, cat.title, f.category == Some(cat.id)))
        .collect();
    let id = match target {
        Target::New => 0,
        Target::Edit(id) => id,
    };
    let (heading, action, editing) = match target {
        Target::New => (
            String::from("New Webhook"),
            String::from("/webhooks/new"),
            false,
        ),
        Target::Edit(id) => (
            format!("Edit Webhook - {}", f.name),
            format!("/webhooks/{id}/edit"),
            true,
        ),
    };
    html(
        status,
        &FormPage {
            title: heading.clone(),
            nav: Some(Nav::of("webhooks", cur)),
            heading,
            action,
            id,
            csrf: cur.session.csrf.clone(),
            editing,
            f,
            errors,
            triggers,
            categories,
            test,
            notice,
        },
    )
}

/// The name changes are recorded under.
fn author(cur: &Current) -> String {
    cur.session
        .user
        .clone()
        .unwrap_or_else(crate::model::current_user)
}

pub async fn new_form(
    State(c): State<Arc<Console>>,
    Extension(cur): Extension<Current>,
) -> Response {
    form_page(
        &c,
        &cur,
        Target::New,
        FormValues::blank(),
        FieldErrors::default(),
        None,
        None,
        StatusCode::OK,
    )
    .await
}

fn webhook_id(raw: &str) -> Option<i64> {
    raw.parse().ok().filter(|&id: &i64| id > 0)
}

/// The edit form; after Apply (`?saved=1`) it says the webhook was saved.
pub async fn edit_form(
    State(c): State<Arc<Console>>,
    Extension(cur): Extension<Current>,
    axum::extract::Path(raw): axum::extract::Path<String>,
    RawQuery(q): RawQuery,
) -> Response {
    let Some(id) = webhook_id(&raw) else {
        return plain(StatusCode::NOT_FOUND, "No such webhook.");
    };
    let notice = query_value(q.as_deref(), "saved").map(|_| String::from("Saved."));
    match c.app.read(move |s| hooks::get(s, id)).await {
        Ok(st) => {
            form_page(
                &c,
                &cur,
                Target::Edit(id),
                FormValues::of(&st.hook),
                FieldErrors::default(),
                None,
                notice,
                StatusCode::OK,
            )
            .await
        }
        Err(e) if is_missing(&e) => plain(StatusCode::NOT_FOUND, "No such webhook."),
        Err(e) => failure(&e),
    }
}

fn is_missing(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        matches!(
            c.downcast_ref::<crate::error::UserError>(),
            Some(crate::error::UserError::NotFound { .. } | crate::error::UserError::Missing(_))
        )
    })
}

/// Clone: the New form with this webhook's fields (and a new secret).
pub async fn clone_form(
    State(c): State<Arc<Console>>,
    Extension(cur): Extension<Current>,
    axum::extract::Path(raw): axum::extract::Path<String>,
) -> Response {
    let Some(id) = webhook_id(&raw) else {
        return plain(StatusCode::NOT_FOUND, "No such webhook.");
    };
    match c.app.read(move |s| hooks::get(s, id)).await {
        Ok(st) => {
            let mut f = FormValues::of(&st.hook);
            f.secret.clear();
            form_page(
                &c,
                &cur,
                Target::New,
                f,
                FieldErrors::default(),
                None,
                None,
                StatusCode::OK,
            )
            .await
        }
        Err(e) if is_missing(&e) => plain(StatusCode::NOT_FOUND, "No such webhook."),
        Err(e) => failure(&e),
    }
}

/// After a save: Apply stays on the form, Save & Close goes to the list.
fn after_save(form: &Fields, id: i64) -> Response {
    if form.get("then") == "apply" {
        see_other(&format!("/webhooks/{id}/edit?saved=1"))
    } else {
        see_other("/webhooks")
    }
}

pub async fn create(
    State(c): State<Arc<Console>>,
    Extension(cur): Extension<Current>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let form = match posted(&headers, &cur, &body) {
        Ok(f) => f,
        Err(r) => return *r,
    };
    let f = FormValues::parse(&form);
    let input = hooks::HookInput {
        name: f.name.clone(),
        url: f.url.clone(),
        description: (!f.description.is_empty()).then(|| f.description.clone()),
        secret: (!f.secret.is_empty()).then(|| f.secret.clone()),
        signing: Some(f.signing.clone()),
        order: (f.order != "default").then(|| f.order.clone()),
        category: f.category,
        triggers: f.triggers.clone(),
        published: f.published,
    };
    let user = author(&cur);
    let created = match hooks::new_hook(&input) {
        Err(e) => Err(e),
        Ok(fields) => c.app.write(move |s| hooks::create(s, fields, &user)).await,
    };
    match created {
        Ok(done) => after_save(&form, done.state.hook.id),
        Err(e) => match FieldErrors::from(&e) {
            Some(errors) => {
                form_page(
                    &c,
                    &cur,
                    Target::New,
                    f,
                    errors,
                    None,
                    None,
                    StatusCode::BAD_REQUEST,
                )
                .await
            }
            None => failure(&e),
        },
    }
}

pub async fn update(
    State(c): State<Arc<Console>>,
    Extension(cur): Extension<Current>,
    headers: HeaderMap,
    axum::extract::Path(raw): axum::extract::Path<String>,
    body: Bytes,
) -> Response {
    let (form, id) = match posted_for(&headers, &cur, &raw, &body) {
        Ok(f) => f,
        Err(r) => return *r,
    };
    let f = FormValues::parse(&form);
    let regenerate = form.get("regenerate") == "1";
    if f.triggers.is_empty() {
        let errors = FieldErrors {
            triggers: Some(String::from("at least one trigger is required")),
            ..Default::default()
        };
        return form_page(
            &c,
            &cur,
            Target::Edit(id),
            f,
            errors,
            None,
            None,
            StatusCode::BAD_REQUEST,
        )
        .await;
    }
    let e = hooks::HookEdit {
        name: Some(f.name.clone()),
        url: Some(f.url.clone()),
        description: Some(f.description.clone()),
        secret: (!f.secret.is_empty() && !regenerate).then(|| f.secret.clone()),
        regenerate_secret: regenerate || f.secret.is_empty(),
        signing: Some(f.signing.clone()),
        order: Some(f.order.clone()),
        category: Some(f.category),
        triggers: f.triggers.clone(),
        published: Some(f.published),
        ..Default::default()
    };
    let user = author(&cur);
    match c
        .app
        .write(move |s| hooks::edit(s, id, &e, false, &user))
        .await
    {
        Ok(done) if regenerate => {
            form_page(
                &c,
                &cur,
                Target::Edit(id),
                FormValues::of(&done.state.hook),
                FieldErrors::default(),
                None,
                Some(String::from(
                    "A new secret was made and saved; receivers need it to check signatures.",
                )),
                StatusCode::OK,
            )
            .await
        }
        Ok(_) => after_save(&form, id),
        Err(e) if is_missing(&e) => plain(StatusCode::NOT_FOUND, "No such webhook."),
        Err(e) => match FieldErrors::from(&e) {
            Some(errors) => {
                form_page(
                    &c,
                    &cur,
                    Target::Edit(id),
                    f,
                    errors,
                    None,
                    None,
                    StatusCode::BAD_REQUEST,
                )
                .await
            }
            None => failure(&e),
        },
    }
}

/// Send Test Payload: the request `hookq test --url … --secret …
/// --trigger …` sends, for the form's values as they stand (not saved).
/// JSON for the page's script; without it, the form again with the result.
pub async fn send_test(
    State(c): State<Arc<Console>>,
    Extension(cur): Extension<Current>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let form = match posted(&headers, &cur, &body) {
        Ok(f) => f,
        Err(r) => return *r,
    };
    let f = FormValues::parse(&form);
    let wants_json = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|a| a.contains("application/json"));
    let input = crate::service::test::TestInput {
        id: None,
        url: Some(f.url.clone()),
        secret: (!f.secret.is_empty()).then(|| f.secret.clone()),
        signing: Some(f.signing.clone()),
        triggers: f.triggers.clone(),
        payload: None,
    };
    let tested = if f.url.is_empty() {
        Err(anyhow::anyhow!("No URL specified"))
    } else {
        match c
            .app
            .read(move |s| crate::service::test::prepare(s, &input))
            .await
        {
            Ok(prepared) => {
                tokio::task::spawn_blocking(move || crate::service::test::send(prepared).for_api())
                    .await
                    .map_err(|e| anyhow::anyhow!("the test request stopped: {e}"))
            }
            Err(e) => Err(e),
        }
    };
    let view = tested.as_ref().map(|t| TestView {
        ok: t.outcome.ok(),
        status: t.outcome.status_text(),
        runtime: format!("{:.3}", t.outcome.runtime()),
        note: t.outcome.note.clone(),
        response: crate::output::excerpt(&t.outcome),
    });
    let refusal = |e: &anyhow::Error| match e
        .chain()
        .find_map(|c| c.downcast_ref::<crate::error::UserError>())
    {
        Some(crate::error::UserError::Invalid(i)) => format!("{}: {}", i.field, i.reason),
        _ => e.to_string(),
    };
    if wants_json {
        let v = match &view {
            Ok(t) => serde_json::json!({
                "ok": t.ok, "statusCode": t.status, "runtime": t.runtime,
                "note": t.note, "response": t.response,
            }),
            Err(e) => serde_json::json!({"error": refusal(e)}),
        };
        return (
            StatusCode::OK,
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            )],
            v.to_string(),
        )
            .into_response();
    }
    let target = webhook_id(&form.get("id")).map_or(Target::New, Target::Edit);
    match view {
        Ok(t) => {
            form_page(
                &c,
                &cur,
                target,
                f,
                FieldErrors::default(),
                Some(t),
                None,
                StatusCode::OK,
            )
            .await
        }
        Err(e) => {
            let errors = FieldErrors::from(e).unwrap_or(FieldErrors {
                general: Some(refusal(e)),
                ..Default::default()
            });
            form_page(
                &c,
                &cur,
                target,
                f,
                errors,
                None,
                None,
                StatusCode::BAD_REQUEST,
            )
            .await
        }
    }
}

pub async fn delete(
    State(c): State<Arc<Console>>,
    Extension(cur): Extension<Current>,
    headers: HeaderMap,
    axum::extract::Path(raw): axum::extract::Path<String>,
    body: Bytes,
) -> Response {
    let (_form, id) = match posted_for(&headers, &cur, &raw, &body) {
        Ok(f) => f,
        Err(r) => return *r,
    };
    match c.app.write(move |s| hooks::delete(s, id)).await {
        Ok(_) => see_other("/webhooks"),
        Err(e) if is_missing(&e) => plain(StatusCode::NOT_FOUND, "No such webhook."),
        Err(e) => failure(&e),
    }
}

/// The list's publish toggle: one click publishes or unpublishes.
pub async fn toggle(
    State(c): State<Arc<Console>>,
    Extension(cur): Extension<Current>,
    headers: HeaderMap,
    axum::extract::Path(raw): axum::extract::Path<String>,
    body: Bytes,
) -> Response {
    let (form, id) = match posted_for(&headers, &cur, &raw, &body) {
        Ok(f) => f,
        Err(r) => return *r,
    };
    let e = hooks::HookEdit {
        published: Some(form.get("published") == "1"),
        ..Default::default()
    };
    let user = author(&cur);
    match c
        .app
        .write(move |s| hooks::edit(s, id, &e, false, &user))
        .await
    {
        Ok(_) => see_other(&back_to_list(&headers)),
        Err(e) if is_missing(&e) => plain(StatusCode::NOT_FOUND, "No such webhook."),
        Err(e) => failure(&e),
    }
}

/// The list page the request came from (its search and sort kept).
fn back_to_list(headers: &HeaderMap) -> String {
    headers
        .get(header::REFERER)
        .and_then(|v| v.to_str().ok())
        .and_then(|r| url::Url::parse(r).ok())
        .filter(|u| u.path() == "/webhooks")
        .map_or_else(
            || String::from("/webhooks"),
            |u| match u.query() {
                Some(q) => format!("/webhooks?{q}"),
                None => String::from("/webhooks"),
            },
        )
}

pub async fn script() -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/javascript; charset=utf-8"),
            ),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=3600"),
            ),
        ],
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/console.js")),
    )
        .into_response()
}

/// Delete the checked webhooks (the list's batch delete).
pub async fn batch_delete(
    State(c): State<Arc<Console>>,
    Extension(cur): Extension<Current>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let form = match posted(&headers, &cur, &body) {
        Ok(f) => f,
        Err(r) => return *r,
    };
    let ids: Vec<i64> = form
        .all("ids")
        .iter()
        .filter_map(|i| webhook_id(i))
        .collect();
    for id in ids {
        match c.app.write(move |s| hooks::delete(s, id)).await {
            Ok(_) => {}
            // Deleted meanwhile (another tab): what was asked holds.
            Err(e) if is_missing(&e) => {}
            Err(e) => return failure(&e),
        }
    }
    see_other(&back_to_list(&headers))
}

// ---------------------------------------------------------------- settings

/// One setting as the page shows it.
pub struct SettingRow {
    pub key: &'static str,
    pub label: &'static str,
    pub value: String,
    pub default: &'static str,
    pub source: &'static str,
    pub about: &'static str,
    /// Set by `HOOKQ_<KEY>`: shown, not editable here.
    pub locked: bool,
    pub env: String,
    pub error: Option<String>,
    /// (value, label) of a choice, for the guide's settings.
    pub options: Vec<(&'static str, &'static str)>,
}

#[derive(Template)]
#[template(path = "console/settings.html")]
struct SettingsPage {
    title: &'static str,
    nav: Option<Nav>,
    csrf: String,
    notice: Option<String>,
    guide: Vec<SettingRow>,
    all: Vec<SettingRow>,
}

/// A choice's value and Mautic's label for it.
type Choice = (&'static str, &'static str);

/// The guide's Webhook Settings, with Mautic's labels and choices.
const GUIDE: &[(&str, &str, &[Choice])] = &[
    (
        "queue_mode",
        "Queue Mode",
        &[
            ("immediate", "Process Events Immediately"),
            ("queue", "Queue Events Only - Process Via CLI Command"),
        ],
    ),
    (
        "events_order",
        "Order of the queued events",
        &[("asc", "Chronological"), ("desc", "Reverse Chronological")],
    ),
];

fn setting_rows(
    values: &[crate::settings::Effective],
    typed: &[(String, String)],
    errors: &[(String, String)],
) -> (Vec<SettingRow>, Vec<SettingRow>) {
    let row = |e: &crate::settings::Effective| {
        let key = e.def.key;
        let locked = e.source == crate::settings::Source::Env;
        let value = typed
            .iter()
            .find(|(k, _)| k == key)
            .map_or_else(|| e.value.clone(), |(_, v)| v.clone());
        SettingRow {
            key,
            label: key,
            value,
            default: e.def.default,
            source: e.source.as_str(),
            about: e.def.about,
            locked,
            env: crate::settings::env_name(key),
            error: errors
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, m)| m.clone()),
            options: Vec::new(),
        }
    };
    let guide = GUIDE
        .iter()
        .filter_map(|(key, label, options)| {
            let e = values.iter().find(|e| e.def.key == *key)?;
            let mut r = row(e);
            r.label = label;
            r.options = options.to_vec();
            Some(r)
        })
        .collect();
    let all = values
        .iter()
        .filter(|e| !GUIDE.iter().any(|(k, _, _)| *k == e.def.key))
        .map(row)
        .collect();
    (guide, all)
}

async fn settings_page(
    c: &Arc<Console>,
    cur: &Current,
    typed: &[(String, String)],
    errors: &[(String, String)],
    notice: Option<String>,
) -> Response {
    let values = match c.app.read(crate::service::config::list).await {
        Ok(v) => v,
        Err(e) => return failure(&e),
    };
    let (guide, all) = setting_rows(&values, typed, errors);
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    html(
        status,
        &SettingsPage {
            title: "Webhook Settings",
            nav: Some(Nav::of("settings", cur)),
            csrf: cur.session.csrf.clone(),
            notice,
            guide,
            all,
        },
    )
}

pub async fn settings(
    State(c): State<Arc<Console>>,
    Extension(cur): Extension<Current>,
    RawQuery(q): RawQuery,
) -> Response {
    let notice = query_value(q.as_deref(), "saved").map(|_| String::from("Saved."));
    settings_page(&c, &cur, &[], &[], notice).await
}

/// Save every changed setting, each checked as `config set` checks it;
/// one refused value saves nothing and is shown with its message.
pub async fn save_settings(
    State(c): State<Arc<Console>>,
    Extension(cur): Extension<Current>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let form = match posted(&headers, &cur, &body) {
        Ok(f) => f,
        Err(r) => return *r,
    };
    let current = match c.app.read(crate::service::config::list).await {
        Ok(v) => v,
        Err(e) => return failure(&e),
    };
    let mut changes = Vec::new();
    let mut errors = Vec::new();
    let mut typed = Vec::new();
    for e in &current {
        let key = e.def.key;
        if e.source == crate::settings::Source::Env {
            continue;
        }
        let Some((_, given)) = form.0.iter().find(|(k, _)| k == key) else {
            continue;
        };
        typed.push((key.to_owned(), given.clone()));
        if *given == e.value {
            continue;
        }
        match crate::service::config::canonical(e.def, given) {
            Ok(canonical) => changes.push((e.def, canonical)),
            Err(err) => errors.push((
                key.to_owned(),
                match err.downcast_ref::<crate::error::UserError>() {
                    Some(crate::error::UserError::Invalid(i)) => i.reason.clone(),
                    _ => err.to_string(),
                },
            )),
        }
    }
    if !errors.is_empty() {
        return settings_page(&c, &cur, &typed, &errors, None).await;
    }
    if !changes.is_empty() {
        let saved = c
            .app
            .write(move |s| crate::service::config::set_many(s, &changes))
            .await;
        if let Err(e) = saved {
            return failure(&e);
        }
    }
    see_other("/settings?saved=1")
}

// ------------------------------------------------------- a webhook's page

/// A webhook as its page shows it.
pub struct HookView {
    pub id: i64,
    pub name: String,
    pub description: Option<String>,
    pub url: String,
    pub triggers: Vec<String>,
    pub published: bool,
    pub healthy: bool,
    pub health_note: String,
    pub signing: &'static str,
    pub created: String,
    pub modified: String,
}

/// Its queue: in batches waiting for a retry, due now, dead.
pub struct QueueView {
    pub waiting: i64,
    pub due: i64,
    pub dead: i64,
}

/// One attempt of the response log.
pub struct LogView {
    pub id: i64,
    pub status: String,
    /// Mautic's colours: `ok` 2xx, `bad` 3xx-5xx, `grey` anything else.
    pub class: &'static str,
    pub note: String,
    pub runtime: String,
    pub date: String,
    pub attempt: i64,
    pub batch: Option<String>,
    pub resendable: bool,
}

impl LogView {
    fn of(l: &crate::model::LogEntry, kept_since: i64) -> LogView {
        let code: Option<u16> = l.status_code.parse().ok();
        let class = match code {
            Some(200..=299) => "ok",
            Some(300..=599) => "bad",
            _ => "grey",
        };
        LogView {
            id: l.id,
            status: l.status_code.clone(),
            class,
            note: l.note.clone(),
            runtime: format!("{:.4}", l.runtime),
            date: crate::model::format_date(l.date_added),
            attempt: l.attempt,
            batch: l.batch_id.clone(),
            // Delivered within delivered_retention: its batch is kept.
            resendable: class == "ok" && l.batch_id.is_some() && l.date_added >= kept_since,
        }
    }

    fn json(&self) -> serde_json::Value {
        serde_json::json!({
            "id": self.id, "status": self.status, "class": self.class, "note": self.note,
            "runtime": self.runtime, "date": self.date, "attempt": self.attempt,
            "batch": self.batch, "resendable": self.resendable,
        })
    }
}

#[derive(Template)]
#[template(path = "console/hook.html")]
struct HookPage {
    title: String,
    nav: Option<Nav>,
    csrf: String,
    notice: Option<String>,
    error: Option<String>,
    h: HookView,
    q: QueueView,
    logs: Vec<LogView>,
    last_log: i64,
}

/// The attempts of the response log a page shows.
const LOG_ROWS: u64 = 100;

/// What a webhook's page reads: the webhook, its queue, its last
/// attempts after `after` (None: the last 100), and the retention mark.
type HookRead = (
    hooks::HookState,
    Option<crate::store::QueueStat>,
    Vec<crate::model::LogEntry>,
    i64,
);

async fn read_hook(c: &Arc<Console>, id: i64, after: Option<i64>) -> anyhow::Result<HookRead> {
    c.app
        .read(move |s| {
            let st = hooks::get(s, id)?;
            let stat = crate::service::queue::stats(s)?
                .into_iter()
                .find(|q| q.id == id);
            let q = crate::store::LogQuery {
                webhook: Some(id),
                limit: Some(LOG_ROWS),
                after_id: after,
                ..Default::default()
            };
            let (_, logs) = crate::service::logs::list(s, &q)?;
            let kept_since = crate::service::settings(s)?.kept_since(crate::model::now());
            Ok((st, stat, logs, kept_since))
        })
        .await
}

async fn hook_page(
    c: &Arc<Console>,
    cur: &Current,
    id: i64,
    notice: Option<String>,
    error: Option<String>,
) -> Response {
    let (st, stat, logs, kept_since) = match read_hook(c, id, None).await {
        Ok(r) => r,
        Err(e) if is_missing(&e) => return plain(StatusCode::NOT_FOUND, "No such webhook."),
        Err(e) => return failure(&e),
    };
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
    let by = |u: &Option<String>| u.as_deref().map(|u| format!(" by {u}")).unwrap_or_default();
    let view = HookView {
        id: h.id,
        name: h.name.clone(),
        description: h.description.clone(),
        url: h.webhook_url.clone(),
        triggers: h.triggers.clone(),
        published: h.is_published,
        healthy: h.health.unhealthy_since.is_none(),
        health_note,
        signing: match h.signing {
            crate::model::Signing::Mautic => "Mautic (Webhook-Signature)",
            crate::model::Signing::Standard => "Standard Webhooks",
        },
        created: format!(
            "{}{}",
            crate::model::format_date(h.date_added),
            by(&h.created_by_user)
        ),
        modified: match h.date_modified {
            Some(t) => format!(
                "{}{}",
                crate::model::format_date(t),
                by(&h.modified_by_user)
            ),
            None => String::from("never"),
        },
    };
    let q = stat.map_or(
        QueueView {
            waiting: 0,
            due: 0,
            dead: 0,
        },
        |s| QueueView {
            waiting: s.waiting,
            due: s.fresh + s.in_flight,
            dead: s.dead,
        },
    );
    let logs: Vec<LogView> = logs.iter().map(|l| LogView::of(l, kept_since)).collect();
    let last_log = logs.iter().map(|l| l.id).max().unwrap_or(0);
    html(
        if error.is_some() {
            StatusCode::BAD_REQUEST
        } else {
            StatusCode::OK
        },
        &HookPage {
            title: h.name,
            nav: Some(Nav::of("webhooks", cur)),
            csrf: cur.session.csrf.clone(),
            notice,
            error,
            h: view,
            q,
            logs,
            last_log,
        },
    )
}

pub async fn hook(
    State(c): State<Arc<Console>>,
    Extension(cur): Extension<Current>,
    axum::extract::Path(raw): axum::extract::Path<String>,
    RawQuery(q): RawQuery,
) -> Response {
    let Some(id) = webhook_id(&raw) else {
        return plain(StatusCode::NOT_FOUND, "No such webhook.");
    };
    let notice = query_value(q.as_deref(), "notice").filter(|n| n.len() < 300);
    hook_page(&c, &cur, id, notice, None).await
}

/// The attempts after `after` (the page's script polls it): JSON.
pub async fn hook_log(
    State(c): State<Arc<Console>>,
    axum::extract::Path(raw): axum::extract::Path<String>,
    RawQuery(q): RawQuery,
) -> Response {
    let Some(id) = webhook_id(&raw) else {
        return plain(StatusCode::NOT_FOUND, "No such webhook.");
    };
    let after = query_value(q.as_deref(), "after")
        .and_then(|a| a.parse().ok())
        .unwrap_or(0);
    match read_hook(&c, id, Some(after)).await {
        Ok((_, _, logs, kept_since)) => {
            let rows: Vec<serde_json::Value> = logs
                .iter()
                .map(|l| LogView::of(l, kept_since).json())
                .collect();
            (
                StatusCode::OK,
                [(
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("application/json"),
                )],
                serde_json::json!({ "logs": rows }).to_string(),
            )
                .into_response()
        }
        Err(e) if is_missing(&e) => plain(StatusCode::NOT_FOUND, "No such webhook."),
        Err(e) => failure(&e),
    }
}

/// Resend a kept batch (`hookq resend BATCH_ID`), with its Webhook-Id.
pub async fn resend(
    State(c): State<Arc<Console>>,
    Extension(cur): Extension<Current>,
    headers: HeaderMap,
    axum::extract::Path(raw): axum::extract::Path<String>,
    body: Bytes,
) -> Response {
    let (form, id) = match posted_for(&headers, &cur, &raw, &body) {
        Ok(f) => f,
        Err(r) => return *r,
    };
    let batch = form.get("batch");
    let b = batch.clone();
    match c
        .app
        .write(move |s| crate::service::queue::resend_batch(s, &b, false))
        .await
    {
        Ok(r) => {
            let events: i64 = r.iter().map(|x| x.events).sum();
            let notice = format!(
                "Batch {batch}: {events} event(s) queued again with the same Webhook-Id; they go out at the next delivery run."
            );
            see_other(&format!("/webhooks/{id}?notice={}", encode(&notice)))
        }
        Err(e) => {
            let message = match e.downcast_ref::<crate::error::UserError>() {
                Some(u) => u.to_string(),
                None => return failure(&e),
            };
            hook_page(&c, &cur, id, None, Some(message)).await
        }
    }
}

/// Retry dead events (`hookq queue retry --webhook-id ID`).
pub async fn retry_dead(
    State(c): State<Arc<Console>>,
    Extension(cur): Extension<Current>,
    headers: HeaderMap,
    axum::extract::Path(raw): axum::extract::Path<String>,
    body: Bytes,
) -> Response {
    let (_form, id) = match posted_for(&headers, &cur, &raw, &body) {
        Ok(f) => f,
        Err(r) => return *r,
    };
    match c
        .app
        .write(move |s| crate::service::queue::retry(s, Some(id), false))
        .await
    {
        Ok(r) => {
            let notice = format!(
                "{} dead event(s) are due again; they go out at the next delivery run.",
                r.events
            );
            see_other(&format!("/webhooks/{id}?notice={}", encode(&notice)))
        }
        Err(e) if is_missing(&e) => plain(StatusCode::NOT_FOUND, "No such webhook."),
        Err(e) => failure(&e),
    }
}

// -------------------------------------------------------------- categories

/// A category as the page lists it.
pub struct CategoryRow {
    pub id: i64,
    pub title: String,
    pub alias: String,
    pub description: String,
    pub color: String,
}

/// The category form's fields as typed.
#[derive(Default)]
pub struct CategoryValues {
    pub title: String,
    pub alias: String,
    pub description: String,
    pub color: String,
}

#[derive(Default)]
pub struct CategoryErrors {
    pub title: Option<String>,
    pub alias: Option<String>,
    pub description: Option<String>,
    pub color: Option<String>,
}

#[derive(Template)]
#[template(path = "console/categories.html")]
struct CategoriesPage {
    title: &'static str,
    nav: Option<Nav>,
    csrf: String,
    notice: Option<String>,
    error: Option<String>,
    rows: Vec<CategoryRow>,
    /// The category the form edits (0: a new one).
    editing: i64,
    f: CategoryValues,
    errors: CategoryErrors,
}

#[allow(clippy::too_many_arguments)]
async fn categories_page(
    c: &Arc<Console>,
    cur: &Current,
    editing: i64,
    f: Option<CategoryValues>,
    errors: CategoryErrors,
    notice: Option<String>,
    error: Option<String>,
) -> Response {
    let list = match c.app.read(crate::service::categories::list).await {
        Ok(l) => l,
        Err(e) => return failure(&e),
    };
    let f = f.unwrap_or_else(|| {
        list.iter()
            .find(|cat| cat.id == editing)
            .map(|cat| CategoryValues {
                title: cat.title.clone(),
                alias: cat.alias.clone(),
                description: cat.description.clone().unwrap_or_default(),
                color: cat.color.clone().unwrap_or_default(),
            })
            .unwrap_or_default()
    });
    let rows = list
        .into_iter()
        .map(|cat| CategoryRow {
            id: cat.id,
            title: cat.title,
            alias: cat.alias,
            description: cat.description.unwrap_or_default(),
            color: cat.color.unwrap_or_default(),
        })
        .collect();
    let failed = errors.title.is_some()
        || errors.alias.is_some()
        || errors.description.is_some()
        || errors.color.is_some()
        || error.is_some();
    html(
        if failed {
            StatusCode::BAD_REQUEST
        } else {
            StatusCode::OK
        },
        &CategoriesPage {
            title: "Categories",
            nav: Some(Nav::of("categories", cur)),
            csrf: cur.session.csrf.clone(),
            notice,
            error,
            rows,
            editing,
            f,
            errors,
        },
    )
}

pub async fn categories(
    State(c): State<Arc<Console>>,
    Extension(cur): Extension<Current>,
    RawQuery(q): RawQuery,
) -> Response {
    let editing = query_value(q.as_deref(), "edit")
        .and_then(|e| webhook_id(&e))
        .unwrap_or(0);
    let notice = query_value(q.as_deref(), "saved").map(|_| String::from("Saved."));
    categories_page(
        &c,
        &cur,
        editing,
        None,
        CategoryErrors::default(),
        notice,
        None,
    )
    .await
}

/// A refused category field next to it, in the CLI's words.
fn category_errors(e: &anyhow::Error) -> Option<CategoryErrors> {
    let Some(crate::error::UserError::Invalid(i)) = e
        .chain()
        .find_map(|c| c.downcast_ref::<crate::error::UserError>())
    else {
        return None;
    };
    let mut out = CategoryErrors::default();
    let reason = Some(i.reason.clone());
    match i.field.as_str() {
        "title" => out.title = reason,
        "alias" => out.alias = reason,
        "description" => out.description = reason,
        _ => out.color = reason,
    }
    Some(out)
}

pub async fn save_category(
    State(c): State<Arc<Console>>,
    Extension(cur): Extension<Current>,
    headers: HeaderMap,
    path: Option<axum::extract::Path<String>>,
    body: Bytes,
) -> Response {
    let form = match posted(&headers, &cur, &body) {
        Ok(f) => f,
        Err(r) => return *r,
    };
    let editing = match &path {
        Some(axum::extract::Path(raw)) => match webhook_id(raw) {
            Some(id) => id,
            None => return plain(StatusCode::NOT_FOUND, "No such category."),
        },
        None => 0,
    };
    let f = CategoryValues {
        title: form.get("title"),
        alias: form.get("alias"),
        description: form.get("description"),
        color: form.get("color"),
    };
    let given = |s: &str| (!s.is_empty()).then(|| s.to_owned());
    let saved = if editing > 0 {
        let e = crate::service::categories::CategoryEdit {
            title: Some(f.title.clone()),
            alias: given(&f.alias),
            description: Some(f.description.clone()),
            color: given(&f.color),
        };
        c.app
            .write(move |s| crate::service::categories::edit(s, editing, &e))
            .await
    } else {
        let input = crate::service::categories::CategoryInput {
            title: f.title.clone(),
            alias: given(&f.alias),
            description: given(&f.description),
            color: given(&f.color),
        };
        match crate::service::categories::new_category(&input) {
            Ok(checked) => {
                c.app
                    .write(move |s| crate::service::categories::create(s, &checked))
                    .await
            }
            Err(e) => Err(e),
        }
    };
    match saved {
        Ok(_) => see_other("/categories?saved=1"),
        Err(e) if is_missing(&e) => plain(StatusCode::NOT_FOUND, "No such category."),
        Err(e) => match category_errors(&e) {
            Some(errors) => categories_page(&c, &cur, editing, Some(f), errors, None, None).await,
            None => match e.downcast_ref::<crate::error::UserError>() {
                Some(u) => {
                    categories_page(
                        &c,
                        &cur,
                        editing,
                        Some(f),
                        CategoryErrors::default(),
                        None,
                        Some(u.to_string()),
                    )
                    .await
                }
                None => failure(&e),
            },
        },
    }
}

pub async fn delete_category(
    State(c): State<Arc<Console>>,
    Extension(cur): Extension<Current>,
    headers: HeaderMap,
    axum::extract::Path(raw): axum::extract::Path<String>,
    body: Bytes,
) -> Response {
    let _form = match posted(&headers, &cur, &body) {
        Ok(f) => f,
        Err(r) => return *r,
    };
    let Some(id) = webhook_id(&raw) else {
        return plain(StatusCode::NOT_FOUND, "No such category.");
    };
    match c
        .app
        .write(move |s| crate::service::categories::delete(s, id))
        .await
    {
        Ok(_) => see_other("/categories?saved=1"),
        Err(e) if is_missing(&e) => plain(StatusCode::NOT_FOUND, "No such category."),
        Err(e) => failure(&e),
    }
}

// ------------------------------------------------------------ queue, logs

/// Rows the Queue and Logs pages show at most.
const ROWS: u64 = 200;

pub struct StatView {
    pub id: i64,
    pub name: String,
    pub published: bool,
    pub queued: i64,
    pub waiting: i64,
    pub dead: i64,
    pub oldest: String,
    pub next_retry: String,
}

pub struct QueueRowView {
    pub event_id: i64,
    pub webhook_id: i64,
    pub event_type: String,
    pub added: String,
    pub batch: Option<String>,
    pub attempts: i64,
    pub next: String,
    pub dead: bool,
}

#[derive(Template)]
#[template(path = "console/queue.html")]
struct QueuePage {
    title: &'static str,
    nav: Option<Nav>,
    stats: Vec<StatView>,
    webhook: String,
    dead: bool,
    error: Option<String>,
    rows: Vec<QueueRowView>,
    total: u64,
}

fn date_or_dash(t: Option<i64>) -> String {
    t.map_or_else(|| String::from("-"), crate::model::format_date)
}

/// What a query string's webhook field names: None when empty; an error
/// (the page says it) when it is not an id.
fn webhook_filter(raw: &str) -> Result<Option<i64>, String> {
    if raw.trim().is_empty() {
        return Ok(None);
    }
    webhook_id(raw.trim())
        .map(Some)
        .ok_or_else(|| format!("{raw:?} is not a webhook id (a whole number from 1)"))
}

/// `queue stats` and `queue list`, with its filters.
pub async fn queue(
    State(c): State<Arc<Console>>,
    Extension(cur): Extension<Current>,
    RawQuery(q): RawQuery,
) -> Response {
    let q = q.as_deref();
    let webhook_raw = query_value(q, "webhook").unwrap_or_default();
    let dead = query_value(q, "dead").is_some();
    let mut page = QueuePage {
        title: "Queue",
        nav: Some(Nav::of("queue", &cur)),
        stats: Vec::new(),
        webhook: webhook_raw.clone(),
        dead,
        error: None,
        rows: Vec::new(),
        total: 0,
    };
    let webhook = match webhook_filter(&webhook_raw) {
        Ok(w) => w,
        Err(e) => {
            page.error = Some(e);
            None
        }
    };
    let query = crate::store::QueueQuery {
        webhook,
        dead_only: dead,
        limit: Some(ROWS),
    };
    let read = c
        .app
        .read(move |s| {
            let stats = crate::service::queue::stats(s)?;
            let listed = crate::service::queue::list(s, &query);
            Ok((stats, listed))
        })
        .await;
    let (stats, listed) = match read {
        Ok(r) => r,
        Err(e) => return failure(&e),
    };
    page.stats = stats
        .into_iter()
        .filter(|s| s.fresh + s.in_flight + s.waiting + s.dead > 0)
        .map(|s| StatView {
            id: s.id,
            name: s.name,
            published: s.published,
            queued: s.fresh + s.in_flight,
            waiting: s.waiting,
            dead: s.dead,
            oldest: date_or_dash(s.oldest),
            next_retry: date_or_dash(s.next_retry),
        })
        .collect();
    match listed {
        Ok((total, rows)) => {
            page.total = total;
            page.rows = rows
                .into_iter()
                .map(|r| QueueRowView {
                    event_id: r.event_id,
                    webhook_id: r.webhook_id,
                    event_type: r.event_type,
                    added: crate::model::format_date(r.date_added),
                    batch: r.batch_uid,
                    attempts: r.attempts,
                    next: date_or_dash(r.next_attempt),
                    dead: r.dead,
                })
                .collect();
        }
        Err(e) => match e.downcast_ref::<crate::error::UserError>() {
            Some(u) => page.error = Some(u.to_string()),
            None => return failure(&e),
        },
    }
    let status = if page.error.is_some() {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    html(status, &page)
}

#[derive(Template)]
#[template(path = "console/logs.html")]
struct LogsPage {
    title: &'static str,
    nav: Option<Nav>,
    webhook: String,
    status: String,
    since: String,
    batch: String,
    failed: bool,
    error: Option<String>,
    /// Each attempt and its webhook.
    rows: Vec<(LogView, i64)>,
    total: u64,
}

/// `logs`, with its filters (webhook, status, since, failed, batch).
pub async fn logs(
    State(c): State<Arc<Console>>,
    Extension(cur): Extension<Current>,
    RawQuery(q): RawQuery,
) -> Response {
    let q = q.as_deref();
    let field = |k: &str| query_value(q, k).unwrap_or_default();
    let mut page = LogsPage {
        title: "Logs",
        nav: Some(Nav::of("logs", &cur)),
        webhook: field("webhook"),
        status: field("status"),
        since: field("since"),
        batch: field("batch"),
        failed: query_value(q, "failed").is_some(),
        error: None,
        rows: Vec::new(),
        total: 0,
    };
    let webhook = match webhook_filter(&page.webhook) {
        Ok(w) => w,
        Err(e) => {
            page.error = Some(e);
            return html(StatusCode::BAD_REQUEST, &page);
        }
    };
    let nonempty = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_owned());
    let input = crate::service::logs::LogsInput {
        webhook,
        limit: Some(ROWS),
        failed: page.failed,
        since: nonempty(&page.since),
        status: nonempty(&page.status),
        batch: nonempty(&page.batch),
    };
    let read = match crate::service::logs::query(&input) {
        Ok(query) => {
            c.app
                .read(move |s| {
                    let kept_since = crate::service::settings(s)?.kept_since(crate::model::now());
                    Ok((crate::service::logs::list(s, &query)?, kept_since))
                })
                .await
        }
        Err(e) => Err(e),
    };
    match read {
        Ok(((total, rows), kept_since)) => {
            page.total = total;
            page.rows = rows
                .iter()
                .map(|l| (LogView::of(l, kept_since), l.webhook_id))
                .collect();
            html(StatusCode::OK, &page)
        }
        Err(e) => match e.downcast_ref::<crate::error::UserError>() {
            Some(crate::error::UserError::Invalid(i)) => {
                page.error = Some(format!("{}: {}", i.field, i.reason));
                html(StatusCode::BAD_REQUEST, &page)
            }
            Some(u) => {
                page.error = Some(u.to_string());
                html(StatusCode::NOT_FOUND, &page)
            }
            None => failure(&e),
        },
    }
}
