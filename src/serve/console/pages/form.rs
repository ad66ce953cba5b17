//! The webhook form (New, Edit, Clone), Send Test Payload, and the
//! list's actions (publish toggle, delete, batch delete).

use super::*;

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
    /// Receiver controls (issue 22): `NAME: VALUE` a line, `TYPE:JSON` a
    /// line, and `20/s` (empty: none).
    pub headers: String,
    pub filters: String,
    pub rate: String,
}

impl FormValues {
    pub(super) fn blank() -> FormValues {
        FormValues {
            order: String::from("default"),
            published: true,
            signing: String::from("mautic"),
            ..Default::default()
        }
    }

    pub(super) fn of(h: &crate::model::Webhook) -> FormValues {
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
            headers: h
                .controls
                .headers
                .iter()
                .map(|(n, v)| format!("{n}: {v}"))
                .collect::<Vec<_>>()
                .join("\n"),
            filters: h
                .controls
                .filters
                .iter()
                .flat_map(|(t, ps)| ps.iter().map(move |p| format!("{t}:{p}")))
                .collect::<Vec<_>>()
                .join("\n"),
            rate: h
                .controls
                .rate
                .map(crate::controls::Rate::text)
                .unwrap_or_default(),
        }
    }

    /// The header lines given (blank ones left out).
    fn header_lines(&self) -> Vec<String> {
        self.headers
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect()
    }

    /// The receiver controls as typed: the whole set, replacing the old.
    pub(super) fn controls(&self) -> anyhow::Result<crate::controls::Given> {
        let headers = self
            .header_lines()
            .iter()
            .map(|l| crate::controls::parse_header("Headers", l))
            .collect::<Result<_, _>>()?;
        let filters = self
            .filters
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(|l| crate::controls::parse_filter("Filters", l))
            .collect::<Result<_, _>>()?;
        let rate = match self.rate.trim() {
            "" => None,
            r => crate::controls::parse_rate("Rate limit", r)?,
        };
        Ok(crate::controls::Given {
            headers,
            clear_headers: true,
            filters,
            clear_filters: true,
            rate: Some(rate),
            clear_rate: true,
            ..Default::default()
        })
    }

    pub(super) fn parse(form: &Fields) -> FormValues {
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
            headers: form.get("headers"),
            filters: form.get("filters"),
            rate: form.get("rate"),
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
    pub headers: Option<String>,
    pub filters: Option<String>,
    pub rate: Option<String>,
}

impl FieldErrors {
    /// `e` next to its field, when it is a refusal of one.
    pub(super) fn from(e: &anyhow::Error) -> Option<FieldErrors> {
        let Some(crate::error::UserError::Invalid(i)) = e
            .chain()
            .find_map(|c| c.downcast_ref::<crate::error::UserError>())
        else {
            return None;
        };
        let mut out = FieldErrors::default();
        let reason = Some(i.reason.clone());
        // Which of several values (a trigger, a header's name, a filter's
        // type) the reason is about.
        let with_value = || {
            Some(match &i.value {
                Some(v) => format!("{v}: {}", i.reason),
                None => i.reason.clone(),
            })
        };
        match i.field.as_str() {
            "name" => out.name = reason,
            "description" => out.description = reason,
            "webhookUrl" => out.url = reason,
            "secret" => out.secret = reason,
            "triggers" => out.triggers = with_value(),
            "category" => out.category = reason,
            "signing" => out.signing = reason,
            // The value may be a credential: the reason names the header.
            "hookq.headers" => out.headers = with_value(),
            "hookq.filters" => out.filters = with_value(),
            "hookq.rate" => out.rate = reason,
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
pub(super) struct FormPage {
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
pub(super) enum Target {
    New,
    Edit(i64),
}

/// What the form page says beside the fields.
pub(super) struct Shown {
    errors: FieldErrors,
    test: Option<TestView>,
    notice: Option<String>,
    status: StatusCode,
}

impl Default for Shown {
    fn default() -> Shown {
        Shown {
            errors: FieldErrors::default(),
            test: None,
            notice: None,
            status: StatusCode::OK,
        }
    }
}

impl Shown {
    /// Refused input, each message next to its field (a 400).
    pub(super) fn refused(errors: FieldErrors) -> Shown {
        Shown {
            errors,
            status: StatusCode::BAD_REQUEST,
            ..Shown::default()
        }
    }

    pub(super) fn notice(notice: Option<String>) -> Shown {
        Shown {
            notice,
            ..Shown::default()
        }
    }

    pub(super) fn tested(test: Option<TestView>) -> Shown {
        Shown {
            test,
            ..Shown::default()
        }
    }
}

/// Render the form with `f` and what the page says beside it.
pub(super) async fn form_page(
    c: &Arc<Console>,
    cur: &Current,
    target: Target,
    f: FormValues,
    shown: Shown,
) -> Response {
    let Shown {
        errors,
        test,
        notice,
        status,
    } = shown;
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
pub(super) fn author(cur: &Current) -> String {
    cur.session
        .user
        .clone()
        .unwrap_or_else(crate::model::current_user)
}

pub async fn new_form(
    State(c): State<Arc<Console>>,
    Extension(cur): Extension<Current>,
) -> Response {
    form_page(&c, &cur, Target::New, FormValues::blank(), Shown::default()).await
}

pub(super) fn webhook_id(raw: &str) -> Option<i64> {
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
                Shown::notice(notice),
            )
            .await
        }
        Err(e) => missing_or_failure(&e, "No such webhook."),
    }
}

pub(super) fn is_missing(e: &anyhow::Error) -> bool {
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
            form_page(&c, &cur, Target::New, f, Shown::default()).await
        }
        Err(e) => missing_or_failure(&e, "No such webhook."),
    }
}

/// After a save: Apply stays on the form, Save & Close goes to the list.
pub(super) fn after_save(form: &Fields, id: i64) -> Response {
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
        controls: Default::default(),
    };
    let user = author(&cur);
    // A refused control is answered as any refused field, below.
    let fields = f
        .controls()
        .and_then(|controls| hooks::new_hook(&hooks::HookInput { controls, ..input }));
    let created = match fields {
        Err(e) => Err(e),
        Ok(fields) => c.app.write(move |s| hooks::create(s, fields, &user)).await,
    };
    match created {
        Ok(done) => after_save(&form, done.state.hook.id),
        Err(e) => match FieldErrors::from(&e) {
            Some(errors) => form_page(&c, &cur, Target::New, f, Shown::refused(errors)).await,
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
        return form_page(&c, &cur, Target::Edit(id), f, Shown::refused(errors)).await;
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
    // A refused control is answered as any refused field, below.
    let edited = match f.controls() {
        Ok(controls) => {
            let e = hooks::HookEdit { controls, ..e };
            c.app
                .write(move |s| hooks::edit(s, id, &e, false, &user))
                .await
        }
        Err(e) => Err(e),
    };
    match edited {
        Ok(done) if regenerate => {
            form_page(
                &c,
                &cur,
                Target::Edit(id),
                FormValues::of(&done.state.hook),
                Shown::notice(Some(String::from(
                    "A new secret was made and saved; receivers need it to check signatures.",
                ))),
            )
            .await
        }
        Ok(_) => after_save(&form, id),
        Err(e) if is_missing(&e) => plain(StatusCode::NOT_FOUND, "No such webhook."),
        Err(e) => match FieldErrors::from(&e) {
            Some(errors) => form_page(&c, &cur, Target::Edit(id), f, Shown::refused(errors)).await,
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
        headers: f.header_lines(),
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
        Ok(t) => form_page(&c, &cur, target, f, Shown::tested(Some(t))).await,
        Err(e) => {
            let errors = FieldErrors::from(e).unwrap_or(FieldErrors {
                general: Some(refusal(e)),
                ..Default::default()
            });
            form_page(&c, &cur, target, f, Shown::refused(errors)).await
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
        Err(e) => missing_or_failure(&e, "No such webhook."),
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
        Err(e) => missing_or_failure(&e, "No such webhook."),
    }
}

/// The list page the request came from (its search and sort kept).
pub(super) fn back_to_list(headers: &HeaderMap) -> String {
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
