//! A webhook's page: its Webhook Response Log, Resend, Retry dead events.

use super::*;

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
    /// Receiver controls (issue 22), as `hookq get` shows them: header
    /// values masked, a line per filter.
    pub headers: String,
    pub filters: String,
    pub rate: Option<String>,
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
    pub(super) fn of(l: &crate::model::LogEntry, kept_since: i64) -> LogView {
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

    pub(super) fn json(&self) -> serde_json::Value {
        serde_json::json!({
            "id": self.id, "status": self.status, "class": self.class, "note": self.note,
            "runtime": self.runtime, "date": self.date, "attempt": self.attempt,
            "batch": self.batch, "resendable": self.resendable,
        })
    }
}

#[derive(Template)]
#[template(path = "console/hook.html")]
pub(super) struct HookPage {
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
pub(super) const LOG_ROWS: u64 = 100;

/// What a webhook's page reads: the webhook, its queue, its last
/// attempts after `after` (None: the last 100), and the retention mark.
pub(super) type HookRead = (
    hooks::HookState,
    Option<crate::store::QueueStat>,
    Vec<crate::model::LogEntry>,
    i64,
);

pub(super) async fn read_hook(
    c: &Arc<Console>,
    id: i64,
    after: Option<i64>,
) -> anyhow::Result<HookRead> {
    c.app
        .read(move |s| {
            let st = hooks::get(s, id)?;
            let stat = crate::service::queue::stat(s, id)?;
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

pub(super) async fn hook_page(
    c: &Arc<Console>,
    cur: &Current,
    id: i64,
    notice: Option<String>,
    error: Option<String>,
) -> Response {
    let (st, stat, logs, kept_since) = match read_hook(c, id, None).await {
        Ok(r) => r,
        Err(e) => return missing_or_failure(&e, "No such webhook."),
    };
    let h = st.hook;
    let health_note = health_note(&h);
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
        headers: crate::output::headers_text(&h),
        filters: crate::output::filters_text(&h),
        rate: h.controls.rate.map(crate::controls::Rate::text),
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
        Err(e) => missing_or_failure(&e, "No such webhook."),
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
        Err(e) => missing_or_failure(&e, "No such webhook."),
    }
}

#[derive(Template)]
#[template(path = "console/batch.html")]
pub(super) struct BatchPage {
    title: String,
    nav: Option<Nav>,
    csrf: String,
    hook_id: i64,
    hook_name: String,
    uid: String,
    events: usize,
    stored: usize,
    bytes: usize,
    body: String,
}

/// A kept batch's body as it was sent (rebuilt from its stored events);
/// `?raw=1` gives the bytes alone, as `application/json`.
pub async fn batch_body(
    State(c): State<Arc<Console>>,
    Extension(cur): Extension<Current>,
    axum::extract::Path((raw, uid)): axum::extract::Path<(String, String)>,
    RawQuery(q): RawQuery,
) -> Response {
    let Some(id) = webhook_id(&raw) else {
        return plain(StatusCode::NOT_FOUND, "No such webhook.");
    };
    let u = uid.clone();
    let read = c
        .app
        .read(move |s| {
            let st = hooks::get(s, id)?;
            Ok((st.hook.name, crate::service::queue::kept_body(s, id, &u)?))
        })
        .await;
    let (name, kept) = match read {
        Ok(r) => r,
        // Why it is not there (which setting keeps batches), in words.
        Err(e) if is_missing(&e) => return plain(StatusCode::NOT_FOUND, &e.to_string()),
        Err(e) => return failure(&e),
    };
    if query_value(q.as_deref(), "raw").as_deref() == Some("1") {
        return (
            StatusCode::OK,
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            )],
            kept.body,
        )
            .into_response();
    }
    html(
        StatusCode::OK,
        &BatchPage {
            title: format!("Batch {}", kept.uid),
            nav: Some(Nav::of("webhooks", &cur)),
            csrf: cur.session.csrf.clone(),
            hook_id: id,
            hook_name: name,
            bytes: kept.body.len(),
            uid: kept.uid,
            events: kept.events,
            stored: kept.stored,
            body: kept.body,
        },
    )
}
