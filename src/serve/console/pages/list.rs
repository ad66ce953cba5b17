//! The Webhooks list.

use super::*;

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
pub(super) struct WebhooksPage {
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
    let page_link = |order: &str, dir: &str, start: u64| {
        let start = if start > 0 {
            start.to_string()
        } else {
            String::new()
        };
        link(
            "/webhooks",
            &[
                ("orderBy", order),
                ("orderByDir", dir),
                ("search", &search),
                ("start", &start),
            ],
        )
    };
    // A column's header sorts by it, the other way when it already does.
    let sort = |col: &str| {
        let dir = if col == order_by && order_dir == "asc" {
            "desc"
        } else {
            "asc"
        };
        page_link(col, dir, 0)
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
            let health_note = health_note(&h);
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
        page.prev = Some(page_link(
            order_by,
            order_dir,
            start.saturating_sub(PAGE_SIZE),
        ));
    }
    if page.last < page.total {
        page.next = Some(page_link(order_by, order_dir, page.last));
    }
    html(StatusCode::OK, &page)
}
