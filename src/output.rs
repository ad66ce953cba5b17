//! What users see: Mautic-shaped JSON and comfy-table tables.
//!
//! The hook object carries exactly Mautic's fields, nulls included; hookq's
//! own state (health, queue depth) goes under a separate top-level `hookq`
//! key so Mautic clients never see a field they do not know. Everything is
//! written through [`Out`], which returns write errors so that a closed
//! pipe ends the program quietly instead of panicking.

use std::io::{self, Write};

use comfy_table::{ContentArrangement, Table, presets};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Map, Value, json};

use crate::delivery::http::Outcome;
use crate::model::{
    ApiUser, Category, LogEntry, OldSecret, QueueDepth, Signing, Trigger, Webhook, format_date,
};
use crate::service::emit::Stored;
use crate::service::hooks::{HookState, Listing};
use crate::service::test::Tested;
use crate::store::{QueueRow, QueueStat};

/// How tables print: fitted boxes on a terminal, tab-separated rows
/// with a header line otherwise (`--format` chooses).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Tsv,
}

impl Format {
    /// Boxes on a terminal, TSV when stdout is a pipe or a file.
    pub fn for_stdout() -> Format {
        use std::io::IsTerminal;
        if io::stdout().is_terminal() {
            Format::Table
        } else {
            Format::Tsv
        }
    }
}

/// Where data goes: stdout, as JSON or text, or nowhere under `--quiet`.
#[derive(Debug, Clone, Copy)]
pub struct Out {
    pub json: bool,
    pub quiet: bool,
    pub format: Format,
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

    /// A table, as the format asks: fitted to the terminal (columns on the
    /// right dropped rather than every cell wrapped when it is narrow), or
    /// tab-separated.
    pub fn table(&self, t: Table) -> io::Result<()> {
        match self.format {
            Format::Tsv => self.text(&tsv(&t)),
            Format::Table => {
                let (t, hidden) = fit(t, terminal_width());
                if !hidden.is_empty() {
                    self.note(&format!(
                        "{} column(s) left out to fit the terminal ({}); widen it, or use --format tsv or --json",
                        hidden.len(),
                        hidden.join(", ")
                    ));
                }
                self.text(&t.to_string())
            }
        }
    }

    /// A diagnostic on stderr (suppressed by `--quiet`).
    pub fn note(&self, s: &str) {
        if !self.quiet {
            eprintln!("hookq: {s}");
        }
    }
}

/// Mautic's category object, as a serializer (no intermediate `Value`).
struct CategoryOut<'a>(&'a Category);

impl Serialize for CategoryOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let c = self.0;
        let mut m = s.serialize_map(Some(8))?;
        m.serialize_entry("createdByUser", &c.created_by_user)?;
        m.serialize_entry("modifiedByUser", &c.modified_by_user)?;
        m.serialize_entry("id", &c.id)?;
        m.serialize_entry("title", &c.title)?;
        m.serialize_entry("alias", &c.alias)?;
        m.serialize_entry("description", &c.description)?;
        m.serialize_entry("color", &c.color)?;
        m.serialize_entry("bundle", "Webhook")?;
        m.end()
    }
}

pub fn category_json(c: &Category) -> Value {
    serde_json::to_value(CategoryOut(c)).unwrap_or(Value::Null)
}

/// Mautic's hook object, as a serializer: the API writes it straight to
/// bytes; [`hook_json`] is the same as a `Value`.
struct HookOut<'a> {
    h: &'a Webhook,
    minimal: bool,
    id: Option<i64>,
}

impl Serialize for HookOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let h = self.h;
        let mut m = s.serialize_map(None)?;
        if !self.minimal {
            m.serialize_entry("isPublished", &h.is_published)?;
            m.serialize_entry("dateAdded", &format_date(h.date_added))?;
            m.serialize_entry("dateModified", &h.date_modified.map(format_date))?;
            m.serialize_entry("createdBy", &())?;
            m.serialize_entry("createdByUser", &h.created_by_user)?;
            m.serialize_entry("modifiedBy", &())?;
            m.serialize_entry("modifiedByUser", &h.modified_by_user)?;
        }
        m.serialize_entry("id", &self.id)?;
        m.serialize_entry("name", &h.name)?;
        m.serialize_entry("description", &h.description)?;
        m.serialize_entry("webhookUrl", &h.webhook_url)?;
        m.serialize_entry("secret", &h.secret)?;
        m.serialize_entry(
            "eventsOrderbyDir",
            &h.events_orderby_dir.map(|o| o.as_mautic()),
        )?;
        m.serialize_entry("category", &h.category.as_ref().map(CategoryOut))?;
        m.serialize_entry("triggers", &h.triggers)?;
        m.end()
    }
}

/// Mautic's hook object. `minimal` keeps only Mautic's list fields, as its
/// API does for `minimal=true`. `id: None` renders `null` (after delete).
pub fn hook_json(h: &Webhook, minimal: bool, id: Option<i64>) -> Value {
    serde_json::to_value(HookOut { h, minimal, id }).unwrap_or(Value::Null)
}

/// hookq's own per-hook state, as a serializer.
struct StateOut<'a> {
    h: &'a Webhook,
    depth: QueueDepth,
}

impl Serialize for StateOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (h, d) = (self.h, self.depth);
        let mut m = s.serialize_map(Some(12))?;
        m.serialize_entry("healthy", &h.health.unhealthy_since.is_none())?;
        m.serialize_entry("unhealthySince", &h.health.unhealthy_since.map(format_date))?;
        m.serialize_entry("lastStatus", &h.health.last_status)?;
        m.serialize_entry("consecutiveFailures", &h.health.consecutive_failures)?;
        m.serialize_entry("unpublishedReason", &h.health.unpublished_reason)?;
        m.serialize_entry("queued", &d.queued)?;
        m.serialize_entry("dead", &d.dead)?;
        m.serialize_entry("signing", h.signing.as_str())?;
        m.serialize_entry(
            "oldSecretUntil",
            &OldSecret::live(&h.old_secret, crate::model::now()).map(|o| format_date(o.until)),
        )?;
        // Receiver controls (issue 22): header values in full, as the
        // secret is shown in the hook object.
        let headers: serde_json::Map<String, Value> = h
            .controls
            .headers
            .iter()
            .map(|(n, v)| (n.clone(), Value::String(v.clone())))
            .collect();
        m.serialize_entry("headers", &headers)?;
        m.serialize_entry("filters", &h.controls.filters)?;
        m.serialize_entry("rate", &h.controls.rate.map(crate::controls::Rate::text))?;
        m.end()
    }
}

/// hookq's own per-hook state, documented in README under "JSON output".
pub fn hook_state_json(h: &Webhook, depth: QueueDepth) -> Value {
    serde_json::to_value(StateOut { h, depth }).unwrap_or(Value::Null)
}

/// `{"hook":{..},"hookq":{..}}`, as a serializer.
struct HookDoc<'a>(&'a HookState);

impl Serialize for HookDoc<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let h = &self.0.hook;
        let mut m = s.serialize_map(Some(2))?;
        m.serialize_entry(
            "hook",
            &HookOut {
                h,
                minimal: false,
                id: Some(h.id),
            },
        )?;
        m.serialize_entry(
            "hookq",
            &StateOut {
                h,
                depth: self.0.depth,
            },
        )?;
        m.end()
    }
}

/// One webhook as `get --json` prints it and the API answers:
/// `{"hook":{..},"hookq":{..}}`.
pub fn hook_doc(s: &HookState) -> Value {
    serde_json::to_value(HookDoc(s)).unwrap_or(Value::Null)
}

/// [`hook_doc`] written straight to bytes.
pub fn hook_doc_bytes(s: &HookState) -> Vec<u8> {
    serde_json::to_vec(&HookDoc(s)).unwrap_or_default()
}

/// A page of hooks, as a serializer.
struct ListDoc<'a> {
    listing: &'a Listing,
    minimal: bool,
}

/// Each hook by id: Mautic's object, or with `state` hookq's.
struct ById<'a> {
    hooks: &'a [HookState],
    minimal: bool,
    state: bool,
}

impl Serialize for ById<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.hooks.len()))?;
        for st in self.hooks {
            let (h, key) = (&st.hook, st.hook.id.to_string());
            if self.state {
                m.serialize_entry(&key, &StateOut { h, depth: st.depth })?;
            } else {
                let minimal = self.minimal;
                m.serialize_entry(
                    &key,
                    &HookOut {
                        h,
                        minimal,
                        id: Some(h.id),
                    },
                )?;
            }
        }
        m.end()
    }
}

impl Serialize for ListDoc<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let hooks = &self.listing.hooks;
        let minimal = self.minimal;
        let mut m = s.serialize_map(Some(3))?;
        m.serialize_entry("total", &self.listing.total)?;
        m.serialize_entry(
            "hooks",
            &ById {
                hooks,
                minimal,
                state: false,
            },
        )?;
        m.serialize_entry(
            "hookq",
            &ById {
                hooks,
                minimal,
                state: true,
            },
        )?;
        m.end()
    }
}

/// [`list_doc`] written straight to bytes.
pub fn list_doc_bytes(listing: &Listing, minimal: bool) -> Vec<u8> {
    serde_json::to_vec(&ListDoc { listing, minimal }).unwrap_or_default()
}

/// A page of webhooks: Mautic's `{"total":N,"hooks":{"<id>":{..}}}` with
/// hookq's state per id under `hookq`.
pub fn list_doc(listing: &Listing, minimal: bool) -> Value {
    serde_json::to_value(ListDoc { listing, minimal }).unwrap_or(Value::Null)
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
pub fn emit_doc(event: Option<(i64, &str, &[i64])>, duplicate: bool) -> Value {
    let mut v = match event {
        Some((id, t, subs)) => json!({"event": {"id": id, "type": t}, "webhooks": subs}),
        None => json!({"event": null, "webhooks": []}),
    };
    // Only on a repeat of an idempotency key: what the first answered.
    if duplicate {
        v["duplicate"] = json!(true);
    }
    v
}

/// `emit --ndjson --json`: what was stored from how many lines.
pub fn emit_many_doc(lines: usize, s: &Stored) -> Value {
    json!({
        "lines": lines,
        "events": s.events,
        "deliveries": s.deliveries,
        "unsubscribed": s.unsubscribed,
        "duplicates": s.duplicates,
    })
}

/// `logs --json`.
/// `logs --json`: `total` counts every match, `logs` is the page.
pub fn logs_doc(total: u64, rows: &[LogEntry]) -> Value {
    let list: Vec<Value> = rows.iter().map(log_json).collect();
    json!({"total": total, "logs": list})
}

/// One log row, as `logs --json` lists it (and `--follow` prints it).
pub fn log_json(l: &LogEntry) -> Value {
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
}

/// `queue list --json`.
pub fn queue_list_doc(total: u64, rows: &[QueueRow]) -> Value {
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
    json!({"total": total, "events": list})
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

/// The secret row: masked, with the rotated-out one while it signs.
fn secret_text(h: &Webhook) -> String {
    match OldSecret::live(&h.old_secret, crate::model::now()) {
        Some(o) => format!(
            "{} (the old secret {} also signs until {})",
            mask_secret(&h.secret),
            mask_secret(&o.secret),
            format_date(o.until)
        ),
        None => mask_secret(&h.secret),
    }
}

fn signing_text(h: &Webhook) -> &'static str {
    match h.signing {
        Signing::Mautic => "mautic (Webhook-Signature)",
        Signing::Standard => {
            "standard (Standard Webhooks: webhook-id, webhook-timestamp, webhook-signature)"
        }
    }
}

/// A secret as tables show it: the first 4 characters, then `…`.
pub fn mask_secret(s: &str) -> String {
    // A standard secret's prefix is the same for all: show 4 after it.
    let (prefix, rest) = match s.strip_prefix(crate::model::STANDARD_PREFIX) {
        Some(rest) => (crate::model::STANDARD_PREFIX, rest),
        None => ("", s),
    };
    let head: String = rest.chars().take(4).collect();
    format!("{prefix}{head}…")
}

/// Static headers as tables show them: values masked.
pub fn headers_text(h: &Webhook) -> String {
    if h.controls.headers.is_empty() {
        return String::from("-");
    }
    h.controls
        .headers
        .iter()
        .map(|(n, v)| format!("{n}: {}", crate::controls::mask_value(v)))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Filters, a line per pattern: `TYPE ⊇ JSON`.
pub fn filters_text(h: &Webhook) -> String {
    if h.controls.filters.is_empty() {
        return String::from("- (every event of its types)");
    }
    h.controls
        .filters
        .iter()
        .flat_map(|(t, ps)| ps.iter().map(move |p| format!("{t} contains {p}")))
        .collect::<Vec<_>>()
        .join("\n")
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

/// `db copy --json`: what was copied where, by kind.
pub fn copied_doc(from: &str, to: &str, copied: &crate::store::Inventory) -> Value {
    let counts: serde_json::Map<String, Value> = copied
        .rows()
        .iter()
        .map(|(k, n)| ((*k).to_owned(), json!(n)))
        .collect();
    json!({"from": from, "to": to, "copied": counts})
}

/// A table cell: characters that show as nothing (bidi controls,
/// zero-width ones) written as `\u{…}`, so a table shows what is stored.
pub fn cell(s: impl Into<String>) -> String {
    let s = s.into();
    if !s.chars().any(crate::model::is_invisible) {
        return s;
    }
    s.chars()
        .map(|c| {
            if crate::model::is_invisible(c) {
                format!("\\u{{{:04x}}}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Add a row, each cell through [`cell`].
pub fn add_row<S: Into<String>>(t: &mut Table, cells: impl IntoIterator<Item = S>) {
    t.add_row(cells.into_iter().map(cell).collect::<Vec<String>>());
}

/// A TSV field: tabs and line ends written `\t`, `\n`, `\r`, so each
/// row is one line and each cell one field. (Backslashes stay as they
/// are, as in the cells of a table.)
fn tsv_field(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out
}

/// A table as tab-separated lines: its header (when it has one), then a
/// line per row.
pub fn tsv(t: &Table) -> String {
    let line = |row: &comfy_table::Row| {
        row.cell_iter()
            .map(|c| tsv_field(&c.content()))
            .collect::<Vec<_>>()
            .join("\t")
    };
    let mut out = String::new();
    for row in t.header().into_iter().chain(t.row_iter()) {
        out.push_str(&line(row));
        out.push('\n');
    }
    out
}

/// The terminal's width: the terminal's own when stdout is one, else
/// `COLUMNS` when set (a table forced with `--format table` into a pipe),
/// else none (no wrapping).
fn terminal_width() -> Option<u16> {
    let t = Table::new();
    t.width().or_else(|| {
        std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.trim().parse().ok())
            .filter(|w: &u16| *w >= 10)
    })
}

/// A column shown narrower than this wraps too much to read.
const MIN_COLUMN: u16 = 10;

/// Fit `t` into `width`: columns are left out from the right while even
/// their narrowest readable widths do not fit; what stays wraps within
/// the width. Returns the headers of the columns left out.
fn fit(mut t: Table, width: Option<u16>) -> (Table, Vec<String>) {
    let Some(width) = width else {
        t.set_content_arrangement(ContentArrangement::Disabled);
        return (t, Vec::new());
    };
    t.set_width(width);
    let natural = t.column_max_content_widths();
    // Borders and padding: 3 per column and 1.
    let need = |n: usize| -> u32 {
        1 + natural[..n]
            .iter()
            .map(|w| u32::from((*w).min(MIN_COLUMN)) + 3)
            .sum::<u32>()
    };
    let mut shown = natural.len();
    while shown > 1 && need(shown) > u32::from(width) {
        shown -= 1;
    }
    let headers: Vec<String> = t
        .header()
        .map(|h| h.cell_iter().map(|c| c.content()).collect())
        .unwrap_or_default();
    let mut hidden = Vec::new();
    for i in shown..natural.len() {
        if let Some(c) = t.column_mut(i) {
            c.set_constraint(comfy_table::ColumnConstraint::Hidden);
        }
        hidden.push(
            headers
                .get(i)
                .cloned()
                .unwrap_or_else(|| format!("#{}", i + 1)),
        );
    }
    (t, hidden)
}

/// A table (printed with [`Out::table`]).
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
pub fn hook_detail(h: &Webhook, depth: QueueDepth) -> Table {
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
        ("Secret", secret_text(h)),
        ("Signing", signing_text(h).to_owned()),
        ("Triggers", h.triggers.join("\n")),
        ("Filters", filters_text(h)),
        ("Headers", headers_text(h)),
        (
            "Rate limit",
            h.controls.rate.map_or(String::from("-"), |r| {
                format!(
                    "{} (at most {} requests in any {})",
                    r.text(),
                    r.count,
                    match r.per {
                        crate::controls::Per::Second => "second",
                        crate::controls::Per::Minute => "minute",
                        crate::controls::Per::Hour => "hour",
                    }
                )
            }),
        ),
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
        add_row(&mut t, vec![k.to_owned(), v]);
    }
    t
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
            signing: Default::default(),
            old_secret: None,
            events_orderby_dir: None,
            category: None,
            triggers: vec!["mautic.lead_points_change".into()],
            is_published: true,
            date_added: 0,
            date_modified: None,
            created_by_user: Some("ann".into()),
            modified_by_user: None,
            health: Health::default(),
            controls: Default::default(),
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
        assert_eq!(mask_secret("whsec_MfKQ9r8GKYq"), "whsec_MfKQ…");
    }
}
