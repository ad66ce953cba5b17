//! `category create|list|delete`: the minimal categories webhooks can carry.

use anyhow::Result;
use serde_json::{Map, Value, json};

use super::Ctx;
use crate::cli::CategoryCmd;
use crate::error::{UserError, code};
use crate::model::{
    alias_from_title, current_user, now, validate_alias, validate_color, validate_description,
};
use crate::output::{self, category_json};
use crate::store::categories::{self, NewCategory};

pub fn run(ctx: &Ctx, cmd: CategoryCmd) -> Result<u8> {
    match cmd {
        CategoryCmd::Create {
            title,
            alias,
            description,
            color,
        } => create(
            ctx,
            &title,
            alias.as_deref(),
            description.as_deref(),
            color.as_deref(),
        ),
        CategoryCmd::List => list(ctx),
        CategoryCmd::Delete { id } => delete(ctx, id),
    }
}

fn create(
    ctx: &Ctx,
    title: &str,
    alias: Option<&str>,
    description: Option<&str>,
    color: Option<&str>,
) -> Result<u8> {
    if title.trim().is_empty() {
        return Err(
            UserError::invalid("--title", "title", Some(title), "A title is required.").into(),
        );
    }
    if title.chars().any(char::is_control) {
        return Err(UserError::invalid(
            "--title",
            "title",
            Some(title),
            "control characters are not allowed",
        )
        .into());
    }
    let alias = alias.map(|a| validate_alias("--alias", a)).transpose()?;
    let description = description
        .map(|d| validate_description("--description", d))
        .transpose()?
        .flatten();
    let color = color.map(|c| validate_color("--color", c)).transpose()?;
    let (store, id) = ctx.write(|tx| {
        let alias = match alias.clone() {
            Some(a) => {
                if let Some(other) = categories::by_alias(tx, &a)? {
                    return Err(UserError::invalid(
                        "--alias",
                        "alias",
                        Some(&a),
                        format!("already used by category {}; choose another", other.id),
                    )
                    .into());
                }
                a
            }
            // Like Mautic, a derived alias that is taken gets a number.
            None => {
                let base = alias_from_title(title);
                let mut candidate = base.clone();
                let mut n = 1;
                while categories::by_alias(tx, &candidate)?.is_some() {
                    n += 1;
                    candidate = format!("{base}{n}");
                }
                candidate
            }
        };
        let new = NewCategory {
            title,
            alias: &alias,
            description: description.as_deref(),
            color: color.as_deref(),
        };
        categories::insert(tx, &new, &current_user(), now())
    })?;
    let c = store.category(id)?.ok_or_else(|| UserError::NotFound {
        what: "category",
        id: id.to_string(),
    })?;
    if ctx.out.json {
        ctx.out.json(&json!({"category": category_json(&c)}))?;
    } else {
        ctx.out.text(&format!(
            "Created category {} ({}, alias {}).",
            c.id, c.title, c.alias
        ))?;
    }
    Ok(code::SUCCESS)
}

fn list(ctx: &Ctx) -> Result<u8> {
    let all = ctx.open()?.categories()?;
    if ctx.out.json {
        let mut m = Map::new();
        for c in &all {
            m.insert(c.id.to_string(), category_json(c));
        }
        ctx.out
            .json(&json!({"total": all.len(), "categories": Value::Object(m)}))?;
    } else if all.is_empty() {
        ctx.out
            .note("no categories; add one with `hookq category create --title T`");
    } else {
        let mut t = output::table(&["ID", "Title", "Alias", "Color", "Description"]);
        for c in &all {
            t.add_row(vec![
                c.id.to_string(),
                c.title.clone(),
                c.alias.clone(),
                c.color.clone().unwrap_or_default(),
                c.description.clone().unwrap_or_default(),
            ]);
        }
        ctx.out.text(&t.to_string())?;
    }
    Ok(code::SUCCESS)
}

fn delete(ctx: &Ctx, id: i64) -> Result<u8> {
    let (_, c) = ctx.write(|tx| {
        let c = categories::get_in(tx, id)?.ok_or_else(|| UserError::NotFound {
            what: "category",
            id: id.to_string(),
        })?;
        categories::delete(tx, id)?;
        Ok(c)
    })?;
    if ctx.out.json {
        let mut v = category_json(&c);
        v["id"] = Value::Null;
        ctx.out.json(&json!({"category": v}))?;
    } else {
        ctx.out.text(&format!(
            "Deleted category {} ({}); its webhooks are now uncategorised.",
            c.id, c.title
        ))?;
    }
    Ok(code::SUCCESS)
}
