//! `category create|edit|list|delete`: the minimal categories webhooks can carry.

use anyhow::Result;
use serde_json::{Map, Value, json};

use super::Ctx;
use crate::cli::CategoryCmd;
use crate::error::code;
use crate::output::{self, category_json};
use crate::service::categories::{self, CategoryEdit, CategoryInput};

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
        CategoryCmd::Edit {
            id,
            title,
            alias,
            description,
            color,
        } => {
            let c = categories::edit(
                &mut ctx.store()?,
                id,
                &CategoryEdit {
                    title,
                    alias,
                    description,
                    color,
                },
            )?;
            if ctx.out.json {
                ctx.out.json(&json!({"category": category_json(&c)}))?;
            } else {
                ctx.out.text(&format!(
                    "Changed category {} ({}, alias {}).",
                    c.id, c.title, c.alias
                ))?;
            }
            Ok(code::SUCCESS)
        }
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
    let input = categories::new_category(&CategoryInput {
        title: title.to_owned(),
        alias: alias.map(str::to_owned),
        description: description.map(str::to_owned),
        color: color.map(str::to_owned),
    })?;
    let c = categories::create(&mut ctx.store()?, &input)?;
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
    let all = categories::list(&ctx.open()?)?;
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
            output::add_row(
                &mut t,
                vec![
                    c.id.to_string(),
                    c.title.clone(),
                    c.alias.clone(),
                    c.color.clone().unwrap_or_default(),
                    c.description.clone().unwrap_or_default(),
                ],
            );
        }
        ctx.out.table(t)?;
    }
    Ok(code::SUCCESS)
}

fn delete(ctx: &Ctx, id: i64) -> Result<u8> {
    let c = categories::delete(&mut ctx.store()?, id)?;
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
