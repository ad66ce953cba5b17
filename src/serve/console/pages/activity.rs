//! Queue and Logs.

use super::*;

/// Rows a page of Queue or Logs shows.
pub(super) const ROWS: u64 = 200;

/// Where the next page of the Queue starts: `EVENT-WEBHOOK`, the last
/// row of this one.
fn queue_cursor(raw: &str) -> Result<(i64, i64), String> {
    raw.split_once('-')
        .and_then(|(e, w)| Some((e.parse().ok()?, w.parse().ok()?)))
        .ok_or_else(|| {
            format!(
                "after {raw:?} is not a place in the queue (EVENT-WEBHOOK, as the Next link gives)"
            )
        })
}

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
pub(super) struct QueuePage {
    title: &'static str,
    nav: Option<Nav>,
    stats: Vec<StatView>,
    webhook: String,
    dead: bool,
    error: Option<String>,
    rows: Vec<QueueRowView>,
    total: u64,
    /// Where the page starts (None: the first page).
    first: Option<String>,
    next: Option<String>,
}

pub(super) fn date_or_dash(t: Option<i64>) -> String {
    t.map_or_else(|| String::from("-"), crate::model::format_date)
}

/// What a query string's webhook field names: None when empty; an error
/// (the page says it) when it is not an id.
pub(super) fn webhook_filter(raw: &str) -> Result<Option<i64>, String> {
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
    let after_raw = query_value(q, "after").unwrap_or_default();
    let filters = |after: &str| {
        link(
            "/queue",
            &[
                ("webhook", &webhook_raw),
                ("dead", if dead { "1" } else { "" }),
                ("after", after),
            ],
        )
    };
    let first = (!after_raw.is_empty()).then(|| filters(""));
    let mut page = QueuePage {
        title: "Queue",
        nav: Some(Nav::of("queue", &cur)),
        stats: Vec::new(),
        webhook: webhook_raw.clone(),
        dead,
        error: None,
        rows: Vec::new(),
        total: 0,
        first,
        next: None,
    };
    let webhook = match webhook_filter(&webhook_raw) {
        Ok(w) => w,
        Err(e) => {
            page.error = Some(e);
            None
        }
    };
    let after = match after_raw.as_str() {
        "" => None,
        raw => match queue_cursor(raw) {
            Ok(a) => Some(a),
            Err(e) => {
                page.error = Some(e);
                None
            }
        },
    };
    // One row more than a page tells whether there is a next one.
    let query = crate::store::QueueQuery {
        after,
        webhook,
        dead_only: dead,
        limit: Some(ROWS + 1),
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
        Ok((total, mut rows)) => {
            page.total = total;
            if rows.len() as u64 > ROWS {
                rows.truncate(ROWS as usize);
                page.next = rows
                    .last()
                    .map(|r| filters(&format!("{}-{}", r.event_id, r.webhook_id)));
            }
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
pub(super) struct LogsPage {
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
    /// The newest page (None: this is it).
    first: Option<String>,
    /// The next, older page.
    next: Option<String>,
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
        first: None,
        next: None,
    };
    let before_raw = field("before");
    let filters = |p: &LogsPage, before: &str| {
        link(
            "/logs",
            &[
                ("webhook", &p.webhook),
                ("status", &p.status),
                ("since", &p.since),
                ("batch", &p.batch),
                ("failed", if p.failed { "1" } else { "" }),
                ("before", before),
            ],
        )
    };
    if !before_raw.is_empty() {
        page.first = Some(filters(&page, ""));
    }
    let before = match before_raw.as_str() {
        "" => None,
        raw => match raw.parse::<i64>() {
            Ok(b) => Some(b),
            Err(_) => {
                page.error = Some(format!(
                    "before {raw:?} is not a log id (a whole number, as the Older link gives)"
                ));
                return html(StatusCode::BAD_REQUEST, &page);
            }
        },
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
        // One row more than a page tells whether there is an older one.
        limit: Some(ROWS + 1),
        failed: page.failed,
        since: nonempty(&page.since),
        status: nonempty(&page.status),
        batch: nonempty(&page.batch),
    };
    let read = match crate::service::logs::query(&input) {
        Ok(mut query) => {
            query.before_id = before;
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
        Ok(((total, mut rows), kept_since)) => {
            page.total = total;
            if rows.len() as u64 > ROWS {
                rows.truncate(ROWS as usize);
                page.next = rows.last().map(|l| filters(&page, &l.id.to_string()));
            }
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
