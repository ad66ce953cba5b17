//! What users see: Mautic-shaped JSON and comfy-table tables.
//!
//! The hook object carries exactly Mautic's fields, nulls included; hookq's
//! own state (health, queue depth) goes under a separate top-level `hookq`
//! key so Mautic clients never see a field they do not know. Everything is
//! written through [`Out`], which returns write errors so that a closed
//! pipe ends the program quietly instead of panicking.

use std::io::{self, Write};

use comfy_table::{ContentArrangement, Table, presets};
use serde_json::{Map, Value, json};

use crate::delivery::http::Outcome;
use crate::model::{ApiUser, Category, LogEntry, QueueDepth, Trigger, Webhook, format_date};
use crate::service::emit::Stored;
use crate::service::hooks::{HookState, Listing};
use crate::service::test::Tested;
use crate::store::{QueueRow, QueueStat};

/// Where data goes: stdout, as JSON or text, or nowhere under `--quiet`.
#[derive(Debug, Clone, Copy)]
pub struct Out {
    pub json: bool,
    pub quiet: bool,
}

impl Out {
    /// One JSON document, compact, on one line.
    pub fn json(&self, v: &Value) -> io::Result<()> {
        self.text(&v.to_string())
    }

    /// A line (or block) of text on stdout.
    pub fn text(&self, s: &str) -> io::Result<()> {
        if self.quiet {
            return Ok(());
        }
        let mut w = io::stdout().lock();
        w.write_all(s.as_bytes())?;
        if !s.ends_with('\n') {
            w.write_all(b"\n")?;
        }
        w.flush()
    }

    /// A diagnostic on stderr (suppressed by `--quiet`).
    pub fn note(&self, s: &str) {
        if !self.quiet {
            eprintln!("hookq: {s}");
        }
    }
}

fn date_or_null(t: Option<i64>) -> Value {
    t.map_or(Value::Null, |t| Value::String(format_date(t)))
}

pub fn category_json(c: &Category) -> Value {
    json!({
        "createdByUser": c.created_by_user,
        "modifiedByUser": c.modified_by_user,
        "id": c.id,
        "title": c.title,
        "alias": c.alias,
        "description": c.description,
        "color": c.color,
        "bundle": "Webhook",
    })
}

/// Mautic's hook object. `minimal` keeps only Mautic's list fields, as its
/// API does for `minimal=true`. `id: None` renders `null` (after delete).
pub fn hook_json(h: &Webhook, minimal: bool, id: Option<i64>) -> Value {
    let mut m = Map::new();
    if !minimal {
        m.insert("isPublished".into(), h.is_published.into());
        m.insert("dateAdded".into(), format_date(h.date_added).into());
        m.insert("dateModified".into(), date_or_null(h.date_modified));
        m.insert("createdBy".into(), Value::Null);
        m.insert("createdByUser".into(), json!(h.created_by_user));
        m.insert("modifiedBy".into(), Value::Null);
        m.insert("modifiedByUser".into(), json!(h.modified_by_user));
    }
    m.insert("id".into(), json!(id));
    m.insert("name".into(), h.name.clone().into());
    m.insert("description".into(), json!(h.description));
    m.insert("webhookUrl".into(), h.webhook_url.clone().into());
    m.insert("secret".into(), h.secret.clone().into());
    m.insert(
        "eventsOrderbyDir".into(),
        json!(h.events_orderby_dir.map(|o| o.as_mautic())),
    );
    m.insert(
        "category".into(),
        h.category.as_ref().map_or(Value::Null, category_json),
    );
    m.insert("triggers".into(), json!(h.triggers));
    Value::Object(m)
}

/// hookq's own per-hook state, documented in README under "JSON output".
pub fn hook_state_json(h: &Webhook, depth: QueueDepth) -> Value {
    json!({
        "healthy": h.health.unhealthy_since.is_none(),
        "unhealthySince": date_or_null(h.health.unhealthy_since),
        "lastStatus": h.health.last_status,
        "consecutiveFailures": h.health.consecutive_failures,
        "unpublishedReason": h.health.unpublished_reason,
        "queued": depth.queued,
        "dead": depth.dead,
    })
}

/// One webhook as `get --json` prints it and the API answers:
/// `{"hook":{..},"hookq":{..}}`.
pub fn hook_doc(s: &HookState) -> Value {
    let h = &s.hook;
    json!({"hook": hook_json(h, false, Some(h.id)), "hookq": hook_state_json(h, s.depth)})
}

/// A page of webhooks: Mautic's `{"total":N,"hooks":{"<id>":{..}}}` with
/// hookq's state per id under `hookq`.
pub fn list_doc(listing: &Listing, minimal: bool) -> Value {
    let mut map = Map::new();
    let mut state = Map::new();
    for s in &listing.hooks {
        let h = &s.hook;
        map.insert(h.id.to_string(), hook_json(h, minimal, Some(h.id)));
        state.insert(h.id.to_string(), hook_state_json(h, s.depth));
    }
    json!({"total": listing.total, "hooks": Value::Object(map), "hookq": Value::Object(state)})
}

/// A deleted webhook, `id` null as Mautic answers.
pub fn deleted_doc(h: &Webhook) -> Value {
    json!({"hook": hook_json(h, false, None)})
}

/// The catalog, `{"triggers":{"<type>":{"label":..,"description":..}}}`.
pub fn triggers_doc<'a>(list: impl Iterator<Item = &'a Trigger>) -> Value {
    let mut m = Map::new();
    for t in list {
        m.insert(
            t.event_type.clone(),
            json!({"label": t.label, "description": t.description}),
        );
    }
    json!({"triggers": Value::Object(m)})
}

/// An API user in Mautic's user shape (`GET /api/users/self`). hookq's API
/// users have one role, full access to webhooks.
pub fn api_user_json(u: &ApiUser) -> Value {
    json!({
        "isPublished": true,
        "dateAdded": format_date(u.date_added),
        "dateModified": null,
        "createdBy": null,
        "createdByUser": u.created_by_user,
        "modifiedBy": null,
        "modifiedByUser": null,
        "id": u.id,
        "username": u.username,
        "firstName": u.username,
        "lastName": "",
        "email": null,
        "position": null,
        "role": {
            "createdByUser": null,
            "modifiedByUser": null,
            "id": 1,
            "name": "hookq API",
            "description": "Manages webhooks through hookq serve",
            "isAdmin": true,
            "rawPermissions": null,
        },
        "timezone": null,
        "locale": null,
        "lastLogin": null,
        "lastActive": null,
        "onlineStatus": "offline",
        "signature": null,
    })
}

/// The start of a test response, as `test` shows it.
pub fn excerpt(out: &Outcome) -> String {
    out.excerpt.chars().take(300).collect()
}

/// `test --json`: what the test request got back.
pub fn test_doc(t: &Tested) -> Value {
    let out = &t.outcome;
    json!({
        "ok": out.ok(),
        "statusCode": out.status_text(),
        "runtime": out.runtime(),
        "webhookId": t.prepared.webhook_id,
        "triggers": t.prepared.triggers,
        "note": out.note,
        "response": excerpt(out),
    })
}

/// `emit --json` for one event: its id and subscribers, or
/// `"event":null` when nobody subscribes.
pub fn emit_doc(event: Option<(i64, &str, &[i64])>) -> Value {
    match event {
        Some((id, t, subs)) => json!({"event": {"id": id, "type": t}, "webhooks": subs}),
        None => json!({"event": null, "webhooks": []}),
    }
}

/// `emit --ndjson --json`: what was stored from how many lines.
pub fn emit_many_doc(lines: usize, s: &Stored) -> Value {
    json!({
        "lines": lines,
        "events": s.events,
        "deliveries": s.deliveries,
        "unsubscribed": s.unsubscribed,
    })
}

/// `logs --json`.
pub fn logs_doc(rows: &[LogEntry]) -> Value {
    let list: Vec<Value> = rows
        .iter()
        .map(|l| {
            json!({
                "id": l.id,
                "webhookId": l.webhook_id,
                "statusCode": l.status_code,
                "runtime": l.runtime,
                "note": l.note,
                "batchId": l.batch_id,
                "eventCount": l.event_count,
                "attempt": l.attempt,
                "dateAdded": format_date(l.date_added),
            })
        })
        .collect();
    json!({"total": list.len(), "logs": list})
}

/// `queue list --json`.
pub fn queue_list_doc(rows: &[QueueRow]) -> Value {
    let list: Vec<Value> = rows
        .iter()
        .map(|r| {
            json!({
                "id": r.event_id, "webhookId": r.webhook_id, "type": r.event_type,
                "dateAdded": format_date(r.date_added), "batchId": r.batch_uid,
                "attempts": r.attempts, "nextAttempt": r.next_attempt.map(format_date),
                "dead": r.dead,
            })
        })
        .collect();
    json!({"total": list.len(), "events": list})
}

/// `queue stats --json`: totals and per webhook.
pub fn queue_stats_doc(rows: &[QueueStat]) -> Value {
    let total = |f: fn(&QueueStat) -> i64| rows.iter().map(f).sum::<i64>();
    let mut m = Map::new();
    for r in rows {
        m.insert(
            r.id.to_string(),
            json!({
                "name": r.name, "isPublished": r.published, "queued": r.fresh + r.in_flight,
                "waitingRetry": r.waiting, "dead": r.dead,
                "oldest": r.oldest.map(format_date), "nextRetry": r.next_retry.map(format_date),
            }),
        );
    }
    json!({
        "total": {"queued": total(|r| r.fresh + r.in_flight), "waitingRetry": total(|r| r.waiting), "dead": total(|r| r.dead)},
        "webhooks": Value::Object(m),
    })
}

/// A secret as tables show it: the first 4 characters, then `…`.
pub fn mask_secret(s: &str) -> String {
    let head: String = s.chars().take(4).collect();
    format!("{head}…")
}

pub fn health_text(h: &Webhook) -> String {
    if let Some(since) = h.health.unhealthy_since {
        let last = h.health.last_status.as_deref().unwrap_or("?");
        format!(
            "failing since {} (last {last}, {} in a row)",
            format_date(since),
            h.health.consecutive_failures
        )
    } else {
        String::from("ok")
    }
}

pub fn published_text(h: &Webhook) -> String {
    match (h.is_published, &h.health.unpublished_reason) {
        (true, _) => String::from("yes"),
        (false, Some(r)) => format!("no ({r})"),
        (false, None) => String::from("no"),
    }
}

pub fn depth_text(d: QueueDepth) -> String {
    if d.dead > 0 {
        format!("{} (+{} dead)", d.queued, d.dead)
    } else {
        d.queued.to_string()
    }
}

/// A table fitted to the terminal (no fixed width when piped).
pub fn table(header: &[&str]) -> Table {
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED);
    t.set_content_arrangement(ContentArrangement::Dynamic);
    if !header.is_empty() {
        t.set_header(header.to_vec());
    }
    t
}

/// The `get`/`create`/`edit` view of one webhook: a field/value table.
pub fn hook_detail(h: &Webhook, depth: QueueDepth) -> String {
    let mut t = table(&[]);
    let order = h
        .events_orderby_dir
        .map_or("default (events_order setting)", |o| o.as_lower());
    let category = h.category.as_ref().map_or(String::from("-"), |c| {
        format!("{} ({}, id {})", c.title, c.alias, c.id)
    });
    let rows: Vec<(&str, String)> = vec![
        ("ID", h.id.to_string()),
        ("Name", h.name.clone()),
        ("Description", h.description.clone().unwrap_or_default()),
        ("URL", h.webhook_url.clone()),
        ("Secret", mask_secret(&h.secret)),
        ("Triggers", h.triggers.join("\n")),
        ("Published", published_text(h)),
        ("Order", order.to_owned()),
        ("Category", category),
        ("Health", health_text(h)),
        ("Queued", depth_text(depth)),
        (
            "Added",
            format!(
                "{} by {}",
                format_date(h.date_added),
                h.created_by_user.as_deref().unwrap_or("-")
            ),
        ),
        (
            "Modified",
            match h.date_modified {
                Some(t) => format!(
                    "{} by {}",
                    format_date(t),
                    h.modified_by_user.as_deref().unwrap_or("-")
                ),
                None => String::from("-"),
            },
        ),
    ];
    for (k, v) in rows {
        t.add_row(vec![k.to_owned(), v]);
    }
    t.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Health;

    fn hook() -> Webhook {
        Webhook {
            id: 2,
            name: "n".into(),
            description: None,
            webhook_url: "https://x/y".into(),
            secret: "mySecret".into(),
            events_orderby_dir: None,
            category: None,
            triggers: vec!["mautic.lead_points_change".into()],
            is_published: true,
            date_added: 0,
            date_modified: None,
            created_by_user: Some("ann".into()),
            modified_by_user: None,
            health: Health::default(),
        }
    }

    #[test]
    fn hook_json_has_exactly_mauticss_fields_in_order() {
        let v = hook_json(&hook(), false, Some(2));
        let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            [
                "isPublished",
                "dateAdded",
                "dateModified",
                "createdBy",
                "createdByUser",
                "modifiedBy",
                "modifiedByUser",
                "id",
                "name",
                "description",
                "webhookUrl",
                "secret",
                "eventsOrderbyDir",
                "category",
                "triggers"
            ]
        );
        let min = hook_json(&hook(), true, Some(2));
        assert_eq!(min.as_object().unwrap().len(), 8);
        assert_eq!(hook_json(&hook(), false, None)["id"], Value::Null);
    }

    #[test]
    fn secrets_are_masked() {
        assert_eq!(mask_secret("abcdef"), "abcd…");
        assert_eq!(mask_secret("ab"), "ab…");
    }
}
