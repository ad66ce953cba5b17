//! `create`, `list`, `get`, `edit` (PATCH and `--replace` PUT), `delete`.

use anyhow::Result;
use serde_json::{Map, Value, json};

use super::Ctx;
use crate::cli::{CreateArgs, EditArgs, ListArgs};
use crate::error::{UserError, code, invalid};
use crate::model::{
    HookFields, Order, Webhook, current_user, generate_secret, now, validate_description,
    validate_name, validate_secret, validate_url,
};
use crate::output::{
    self, depth_text, health_text, hook_detail, hook_json, hook_state_json, published_text,
};
use crate::store::{ListQuery, OrderColumn, SearchTerm, Store, categories, hooks, queue, triggers};

pub(super) fn not_found(id: i64) -> anyhow::Error {
    UserError::NotFound {
        what: "webhook",
        id: id.to_string(),
    }
    .into()
}

/// Triggers as typed, without repeats, in first-seen order.
fn dedupe(triggers: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in triggers {
        if !out.contains(t) {
            out.push(t.clone());
        }
    }
    out
}

fn check_url_address(ctx: &Ctx, flag: &str, url: &str) -> Result<()> {
    let block = ctx.settings()?.block_private_addresses;
    crate::netguard::check_url(url, block, block)
        .map_err(|why| UserError::invalid(flag, "webhookUrl", Some(url), why).into())
}

/// Checks that need the database: every trigger known, the category real.
fn check_refs(
    tx: &rusqlite::Transaction,
    triggers: &[String],
    category: Option<i64>,
) -> Result<()> {
    let catalog = triggers::catalog_in(tx)?;
    for t in triggers {
        catalog.check("--trigger", t)?;
    }
    if let Some(c) = category
        && categories::get_in(tx, c)?.is_none()
    {
        return Err(UserError::invalid(
            "--category",
            "category",
            Some(&c.to_string()),
            "no category with this id; see `hookq category list`",
        )
        .into());
    }
    Ok(())
}

fn print_hook(ctx: &Ctx, store: &Store, hook: &Webhook, secret_shown: bool) -> Result<()> {
    let depth = store.queue_depth(hook.id)?;
    if ctx.out.json {
        ctx.out.json(&json!({"hook": hook_json(hook, false, Some(hook.id)), "hookq": hook_state_json(hook, depth)}))?;
    } else {
        ctx.out.text(&hook_detail(hook, depth))?;
        if secret_shown {
            ctx.out.text(&format!("Secret: {}", hook.secret))?;
        }
    }
    Ok(())
}

pub fn create(ctx: &Ctx, a: CreateArgs) -> Result<u8> {
    let name = validate_name("--name", &a.name)?;
    let url = validate_url("--url", "webhookUrl", &a.url)?;
    let description = a
        .description
        .as_deref()
        .map(|d| validate_description("--description", d))
        .transpose()?
        .flatten();
    let order = a
        .order
        .as_deref()
        .map(|o| Order::parse("--order", "eventsOrderbyDir", o))
        .transpose()?;
    let secret = match a.secret.as_deref() {
        Some(s) => validate_secret("--secret", s)?,
        None => generate_secret()?,
    };
    let fields = HookFields {
        name,
        description,
        webhook_url: url,
        secret,
        events_orderby_dir: order,
        category_id: a.category,
        triggers: dedupe(&a.triggers),
        is_published: !a.unpublished,
    };
    check_url_address(ctx, "--url", &fields.webhook_url)?;
    let (store, id) = ctx.write(|tx| {
        check_refs(tx, &fields.triggers, fields.category_id)?;
        hooks::insert(tx, None, &fields, &current_user(), now())
    })?;
    let hook = store.get_hook(id)?.ok_or_else(|| not_found(id))?;
    if a.secret.as_deref().is_some_and(|s| s.chars().count() < 16) {
        ctx.out.note("the secret is shorter than 16 characters; `hookq edit ID --regenerate-secret` makes a strong one");
    }
    print_hook(ctx, &store, &hook, true)?;
    Ok(code::SUCCESS)
}

/// Split a search string into words, keeping "quoted phrases" together.
fn words(q: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    for c in q.chars() {
        match c {
            '"' => quoted = !quoted,
            c if c.is_whitespace() && !quoted => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
            c => cur.push(c),
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Mautic's search commands for webhooks, and free text on the name.
pub fn parse_search(q: &str) -> Result<Vec<SearchTerm>, UserError> {
    let bad = |reason: &str| invalid("--search", "search", Some(q), reason.to_owned());
    let mut terms = Vec::new();
    for w in words(q) {
        let lower = w.to_ascii_lowercase();
        if let Some(what) = lower.strip_prefix("is:") {
            terms.push(match what {
                "published" => SearchTerm::Published(true),
                "unpublished" => SearchTerm::Published(false),
                "uncategorized" | "uncategorised" => SearchTerm::Uncategorized,
                _ => {
                    return bad(
                        "unknown is: command; use is:published, is:unpublished or is:uncategorized",
                    );
                }
            });
        } else if let Some(alias) = w.strip_prefix("category:") {
            if alias.is_empty() {
                return bad("category: needs an alias, e.g. category:sales");
            }
            terms.push(SearchTerm::Category(alias.to_owned()));
        } else if let Some(ids) = lower.strip_prefix("ids:") {
            let parsed: Option<Vec<i64>> = ids
                .split(',')
                .map(|s| s.trim().parse::<i64>().ok().filter(|n| *n > 0))
                .collect();
            match parsed {
                Some(v) if !v.is_empty() && v.len() <= 1000 => terms.push(SearchTerm::Ids(v)),
                _ => return bad("ids: takes comma-separated ids, e.g. ids:1,2,3"),
            }
        } else {
            terms.push(SearchTerm::Text(w));
        }
    }
    Ok(terms)
}

pub fn list(ctx: &Ctx, a: ListArgs) -> Result<u8> {
    let search = parse_search(a.search.as_deref().unwrap_or(""))?;
    let order_by = OrderColumn::parse(&a.order_by).ok_or_else(|| {
        let names: Vec<&str> = OrderColumn::NAMES.iter().map(|(c, _, _)| *c).collect();
        UserError::invalid(
            "--order-by",
            "orderBy",
            Some(&a.order_by),
            format!("use one of: {}", names.join(", ")),
        )
    })?;
    let order_dir = Order::parse("--order-dir", "orderByDir", &a.order_dir)?;
    let q = ListQuery {
        search,
        published_only: a.published_only,
        start: a.start,
        limit: (a.limit > 0).then_some(a.limit),
        order_by,
        order_dir,
    };
    let store = ctx.open()?;
    let (total, hooks) = store.list_hooks(&q)?;
    if ctx.out.json {
        let mut map = Map::new();
        let mut state = Map::new();
        for h in &hooks {
            map.insert(h.id.to_string(), hook_json(h, a.minimal, Some(h.id)));
            state.insert(
                h.id.to_string(),
                hook_state_json(h, store.queue_depth(h.id)?),
            );
        }
        ctx.out.json(
            &json!({"total": total, "hooks": Value::Object(map), "hookq": Value::Object(state)}),
        )?;
        return Ok(code::SUCCESS);
    }
    if hooks.is_empty() {
        if total == 0 {
            ctx.out
                .note("no webhooks match; add one with `hookq create`");
        } else {
            ctx.out.note(&format!(
                "no webhooks on this page ({total} match; lower --start)"
            ));
        }
        return Ok(code::SUCCESS);
    }
    let mut t = output::table(&[
        "ID",
        "Name",
        "URL",
        "Secret",
        "Triggers",
        "Published",
        "Health",
        "Queued",
    ]);
    for h in &hooks {
        t.add_row(vec![
            h.id.to_string(),
            h.name.clone(),
            h.webhook_url.clone(),
            output::mask_secret(&h.secret),
            h.triggers.join("\n"),
            published_text(h),
            health_text(h),
            depth_text(store.queue_depth(h.id)?),
        ]);
    }
    ctx.out.text(&t.to_string())?;
    if (hooks.len() as u64) < total {
        ctx.out.note(&format!(
            "showing {}-{} of {total}; use --start and --limit for more",
            a.start + 1,
            a.start + hooks.len() as u64
        ));
    }
    Ok(code::SUCCESS)
}

pub fn get(ctx: &Ctx, id: i64) -> Result<u8> {
    let store = ctx.open()?;
    let hook = store.get_hook(id)?.ok_or_else(|| not_found(id))?;
    print_hook(ctx, &store, &hook, false)?;
    Ok(code::SUCCESS)
}

/// Edit input validated before the store is opened.
#[derive(Clone)]
struct EditInput {
    name: Option<String>,
    url: Option<String>,
    description: Option<Option<String>>,
    secret: Option<String>,
    order: Option<Option<Order>>,
    category: Option<Option<i64>>,
}

fn validate_edit(a: &EditArgs) -> Result<EditInput> {
    let order = match a.order.as_deref() {
        None => None,
        Some(o) if o.eq_ignore_ascii_case("default") || o.eq_ignore_ascii_case("none") => {
            Some(None)
        }
        Some(o) => Some(Some(
            Order::parse("--order", "eventsOrderbyDir", o).map_err(|_| {
                UserError::invalid(
                    "--order",
                    "eventsOrderbyDir",
                    Some(o),
                    "use asc, desc or default",
                )
            })?,
        )),
    };
    let secret = match (&a.secret, a.regenerate_secret) {
        (Some(s), _) => Some(validate_secret("--secret", s)?),
        (None, true) => Some(generate_secret()?),
        (None, false) => None,
    };
    Ok(EditInput {
        name: a
            .name
            .as_deref()
            .map(|n| validate_name("--name", n))
            .transpose()?,
        url: a
            .url
            .as_deref()
            .map(|u| validate_url("--url", "webhookUrl", u))
            .transpose()?,
        description: a
            .description
            .as_deref()
            .map(|d| validate_description("--description", d))
            .transpose()?,
        secret,
        order,
        category: if a.no_category {
            Some(None)
        } else {
            a.category.map(Some)
        },
    })
}

/// PUT: every field from the flags; what is not given is reset.
fn replaced(a: &EditArgs, e: EditInput) -> Result<HookFields> {
    let Some(name) = e.name else {
        return Err(UserError::invalid(
            "--name",
            "name",
            None,
            "A name is required. (--replace sets every field)",
        )
        .into());
    };
    let Some(url) = e.url else {
        return Err(UserError::invalid(
            "--url",
            "webhookUrl",
            None,
            "A valid URL is required. (--replace sets every field)",
        )
        .into());
    };
    if a.triggers.is_empty() {
        return Err(UserError::invalid(
            "--trigger",
            "triggers",
            None,
            "at least one --trigger is required (--replace sets every field)",
        )
        .into());
    }
    Ok(HookFields {
        name,
        description: e.description.flatten(),
        webhook_url: url,
        secret: match e.secret {
            Some(s) => s,
            None => generate_secret()?,
        },
        events_orderby_dir: e.order.flatten(),
        category_id: e.category.flatten(),
        triggers: dedupe(&a.triggers),
        is_published: !a.unpublish,
    })
}

/// PATCH: the hook's fields with the given ones changed.
fn patched(a: &EditArgs, e: EditInput, h: &Webhook) -> Result<HookFields> {
    let mut triggers = if a.triggers.is_empty() {
        h.triggers.clone()
    } else {
        dedupe(&a.triggers)
    };
    for t in &a.add_triggers {
        if !triggers.contains(t) {
            triggers.push(t.clone());
        }
    }
    for t in &a.remove_triggers {
        if !triggers.contains(t) {
            return Err(UserError::invalid(
                "--remove-trigger",
                "triggers",
                Some(t),
                format!("webhook {} is not subscribed to it", h.id),
            )
            .into());
        }
        triggers.retain(|x| x != t);
    }
    if triggers.is_empty() {
        return Err(UserError::invalid(
            "--remove-trigger",
            "triggers",
            None,
            "a webhook needs at least one trigger; add another first",
        )
        .into());
    }
    Ok(HookFields {
        name: e.name.unwrap_or_else(|| h.name.clone()),
        description: e.description.unwrap_or_else(|| h.description.clone()),
        webhook_url: e.url.unwrap_or_else(|| h.webhook_url.clone()),
        secret: e.secret.unwrap_or_else(|| h.secret.clone()),
        events_orderby_dir: e.order.unwrap_or(h.events_orderby_dir),
        category_id: e.category.unwrap_or(h.category.as_ref().map(|c| c.id)),
        triggers,
        is_published: if a.publish {
            true
        } else if a.unpublish {
            false
        } else {
            h.is_published
        },
    })
}

fn has_changes(a: &EditArgs) -> bool {
    a.name.is_some()
        || a.url.is_some()
        || a.description.is_some()
        || a.secret.is_some()
        || a.regenerate_secret
        || a.order.is_some()
        || a.category.is_some()
        || a.no_category
        || !a.triggers.is_empty()
        || !a.add_triggers.is_empty()
        || !a.remove_triggers.is_empty()
        || a.publish
        || a.unpublish
}

pub fn edit(ctx: &Ctx, a: EditArgs) -> Result<u8> {
    if !a.replace && !has_changes(&a) {
        return Err(UserError::invalid(
            "edit",
            "edit",
            None,
            "nothing to change; give a field flag such as --name or --url (see `hookq edit --help`)",
        )
        .into());
    }
    let input = validate_edit(&a)?;
    let new_secret = input.secret.is_none() && a.replace || a.regenerate_secret;
    if let Some(url) = &input.url {
        check_url_address(ctx, "--url", url)?;
    }
    let id = a.id;
    let (store, ()) = ctx.write(|tx| {
        let existing = hooks::get_in(tx, id)?;
        let fields = match (&existing, a.replace) {
            (None, false) => return Err(not_found(id)),
            (_, true) => replaced(&a, input.clone())?,
            (Some(h), false) => patched(&a, input.clone(), h)?,
        };
        let added: Vec<String> = fields.triggers.clone();
        check_refs(tx, &added, fields.category_id)?;
        let (user, t) = (current_user(), now());
        match existing {
            Some(_) => hooks::update(tx, id, &fields, &user, t),
            None => hooks::insert(tx, Some(id), &fields, &user, t).map(|_| ()),
        }
    })?;
    let hook = store.get_hook(id)?.ok_or_else(|| not_found(id))?;
    print_hook(ctx, &store, &hook, new_secret)?;
    Ok(code::SUCCESS)
}

pub fn delete(ctx: &Ctx, id: i64) -> Result<u8> {
    let (mut store, (hook, depth, queued)) = ctx.write(|tx| {
        let hook = hooks::get_in(tx, id)?.ok_or_else(|| not_found(id))?;
        let (queue, logs, first, last): (i64, i64, Option<i64>, Option<i64>) = tx.query_row(
            "SELECT (SELECT count(*) FROM webhook_queue WHERE webhook_id = ?1),
                    (SELECT count(*) FROM webhook_logs WHERE webhook_id = ?1),
                    (SELECT min(event_id) FROM webhook_queue WHERE webhook_id = ?1),
                    (SELECT max(event_id) FROM webhook_queue WHERE webhook_id = ?1)",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )?;
        hooks::delete(tx, id)?;
        Ok((hook, (queue, logs), first.zip(last)))
    })?;
    // Its queued events' payloads that no other webhook waits for.
    if let Some(range) = queued {
        queue::cleanup(store.conn_mut(), queue::Sweep::Ranges(vec![range]))?;
    }
    if ctx.out.json {
        ctx.out
            .json(&json!({"hook": hook_json(&hook, false, None)}))?;
    } else {
        ctx.out.text(&format!(
            "Deleted webhook {} ({}) with {} queued events and {} log rows.",
            hook.id, hook.name, depth.0, depth.1
        ))?;
    }
    Ok(code::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_parses_mautic_commands() {
        let t = parse_search(r#"is:published category:sales ids:1,2 "order sync""#).unwrap();
        assert_eq!(
            t,
            vec![
                SearchTerm::Published(true),
                SearchTerm::Category("sales".into()),
                SearchTerm::Ids(vec![1, 2]),
                SearchTerm::Text("order sync".into())
            ]
        );
        assert!(parse_search("is:bogus").is_err());
        assert!(parse_search("ids:1,x").is_err());
        assert!(parse_search("ids:").is_err());
        assert_eq!(parse_search("").unwrap(), vec![]);
    }
}
