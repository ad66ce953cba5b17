//! `create`, `list`, `get`, `edit` (PATCH and `--replace` PUT), `delete`.

use super::Ctx;
use super::input::secret_or_file;
use crate::cli::{CreateArgs, EditArgs, ListArgs};
use crate::error::code;
use crate::model::current_user;
use crate::output::{self, depth_text, health_text, hook_detail, published_text};
use crate::service::hooks::{self, HookEdit, HookInput, HookState, ListInput};
use crate::settings::parse_duration_or_zero;
use anyhow::Result;

fn print_hook(ctx: &Ctx, s: &HookState, secret_shown: bool) -> Result<()> {
    let hook = &s.hook;
    if ctx.out.json {
        ctx.out.json(&output::hook_doc(s))?;
    } else {
        ctx.out.table(hook_detail(hook, s.depth))?;
        if secret_shown {
            ctx.out.text(&format!("Secret: {}", hook.secret))?;
        }
    }
    Ok(())
}

/// `--header` and `--filter` as given, parsed.
fn given(
    headers: &[String],
    filters: &[String],
    rate: Option<&str>,
) -> Result<crate::controls::Given, crate::error::UserError> {
    Ok(crate::controls::Given {
        rate: rate
            .map(|r| crate::controls::parse_rate("--rate", r))
            .transpose()?,
        headers: headers
            .iter()
            .map(|h| crate::controls::parse_header("--header", h))
            .collect::<Result<_, _>>()?,
        filters: filters
            .iter()
            .map(|f| crate::controls::parse_filter("--filter", f))
            .collect::<Result<_, _>>()?,
        ..Default::default()
    })
}

pub fn create(ctx: &Ctx, a: CreateArgs) -> Result<u8> {
    let controls = given(&a.headers, &a.filters, a.rate.as_deref())?;
    let fields = hooks::new_hook(&HookInput {
        name: a.name,
        url: a.url,
        description: a.description,
        secret: secret_or_file("--secret-file", a.secret_file.as_deref(), a.secret)?,
        signing: a.signing,
        order: a.order,
        category: a.category,
        triggers: a.triggers,
        published: !a.unpublished,
        controls,
    })?;
    let created = hooks::create(&mut ctx.store()?, fields, &current_user())?;
    if created.weak_secret {
        ctx.out.note("the secret is shorter than 16 characters; `hookq edit ID --regenerate-secret` makes a strong one");
    }
    print_hook(ctx, &created.state, true)?;
    Ok(code::SUCCESS)
}

pub fn list(ctx: &Ctx, a: ListArgs) -> Result<u8> {
    let q = hooks::list_query(&ListInput {
        search: a.search,
        filters: Vec::new(),
        order: Vec::new(),
        start: a.start,
        limit: a.limit,
        order_by: a.order_by,
        order_dir: a.order_dir,
        published_only: a.published_only,
    })?;
    let listing = hooks::list(&ctx.open()?, &q)?;
    if ctx.out.json {
        ctx.out.json(&output::list_doc(&listing, a.minimal))?;
        return Ok(code::SUCCESS);
    }
    let (total, states) = (listing.total, listing.hooks);
    if states.is_empty() {
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
    for s in &states {
        let h = &s.hook;
        output::add_row(
            &mut t,
            vec![
                h.id.to_string(),
                h.name.clone(),
                h.webhook_url.clone(),
                output::mask_secret(&h.secret),
                h.triggers.join("\n"),
                published_text(h),
                health_text(h),
                depth_text(s.depth),
            ],
        );
    }
    ctx.out.table(t)?;
    if (states.len() as u64) < total {
        ctx.out.note(&format!(
            "showing {}-{} of {total}; use --start and --limit for more",
            a.start + 1,
            a.start + states.len() as u64
        ));
    }
    Ok(code::SUCCESS)
}

pub fn get(ctx: &Ctx, id: i64) -> Result<u8> {
    let state = hooks::get(&ctx.open()?, id)?;
    print_hook(ctx, &state, false)?;
    Ok(code::SUCCESS)
}

pub fn edit(ctx: &Ctx, a: EditArgs) -> Result<u8> {
    let controls = crate::controls::Given {
        remove_headers: a.no_headers,
        remove_filters: a.no_filters,
        clear_headers: a.replace,
        clear_filters: a.replace,
        clear_rate: a.replace,
        ..given(&a.headers, &a.filters, a.rate.as_deref())?
    };
    let input = HookEdit {
        name: a.name,
        url: a.url,
        description: a.description,
        secret: secret_or_file("--secret-file", a.secret_file.as_deref(), a.secret)?,
        regenerate_secret: a.regenerate_secret,
        signing: a.signing,
        rotate_secret: a.rotate_secret,
        keep_old: a
            .keep_old
            .as_deref()
            .map(|d| parse_duration_or_zero("--keep-old", d).map(|d| d.as_secs()))
            .transpose()?,
        order: a.order,
        category: if a.no_category {
            Some(None)
        } else {
            a.category.map(Some)
        },
        triggers: a.triggers,
        add_triggers: a.add_triggers,
        remove_triggers: a.remove_triggers,
        published: match (a.publish, a.unpublish) {
            (true, _) => Some(true),
            (false, true) => Some(false),
            (false, false) => None,
        },
        controls,
    };
    let edited = hooks::edit(&mut ctx.store()?, a.id, &input, a.replace, &current_user())?;
    print_hook(ctx, &edited.state, edited.new_secret)?;
    Ok(code::SUCCESS)
}

pub fn delete(ctx: &Ctx, id: i64) -> Result<u8> {
    let d = hooks::delete(&mut ctx.store()?, id)?;
    if ctx.out.json {
        ctx.out.json(&output::deleted_doc(&d.hook))?;
    } else {
        ctx.out.text(&format!(
            "Deleted webhook {} ({}) with {} queued events and {} log rows.",
            d.hook.id, d.hook.name, d.queued, d.logs
        ))?;
    }
    Ok(code::SUCCESS)
}
