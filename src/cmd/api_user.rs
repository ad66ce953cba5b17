//! `api-user add|list|remove`: who may call `hookq serve`.

use std::io::BufRead;

use anyhow::{Context, Result};
use serde_json::{Value, json};

use super::Ctx;
use crate::cli::ApiUserCmd;
use crate::error::code;
use crate::model::{ApiUser, format_date};
use crate::output;
use crate::service::api_users;

pub fn run(ctx: &Ctx, cmd: ApiUserCmd) -> Result<u8> {
    match cmd {
        ApiUserCmd::Add {
            name,
            password_stdin,
        } => add(ctx, &name, password_stdin),
        ApiUserCmd::List => list(ctx),
        ApiUserCmd::Remove { name } => remove(ctx, &name),
    }
}

fn user_json(u: &ApiUser) -> Value {
    json!({
        "id": u.id,
        "username": u.username,
        "dateAdded": format_date(u.date_added),
        "createdByUser": u.created_by_user,
    })
}

/// The first line of standard input, without its line end.
fn password_from_stdin() -> Result<String> {
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .context("could not read the password from standard input")?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

fn add(ctx: &Ctx, name: &str, password_stdin: bool) -> Result<u8> {
    // Checked before reading anything, so a bad name never waits on stdin.
    api_users::validate_username(name)?;
    let password = if password_stdin {
        let p = password_from_stdin()?;
        api_users::validate_password(&p)?;
        Some(p)
    } else {
        None
    };
    let added = api_users::add(&mut ctx.store()?, name, password.as_deref())?;
    if ctx.out.json {
        let mut v = json!({"user": user_json(&added.user)});
        if let Some(p) = &added.generated {
            v["password"] = json!(p);
        }
        ctx.out.json(&v)?;
    } else {
        ctx.out
            .text(&format!("Added API user {}.", added.user.username))?;
        if let Some(p) = &added.generated {
            ctx.out
                .text(&format!("Password: {p}  (shown once; store it now)"))?;
        }
    }
    Ok(code::SUCCESS)
}

fn list(ctx: &Ctx) -> Result<u8> {
    let users = api_users::list(&ctx.open()?)?;
    if ctx.out.json {
        let list: Vec<Value> = users.iter().map(user_json).collect();
        ctx.out.json(&json!({"total": list.len(), "users": list}))?;
        return Ok(code::SUCCESS);
    }
    if users.is_empty() {
        ctx.out
            .note("no API users; add one with `hookq api-user add NAME`");
        return Ok(code::SUCCESS);
    }
    let mut t = output::table(&["ID", "Username", "Added", "By"]);
    for u in &users {
        output::add_row(
            &mut t,
            vec![
                u.id.to_string(),
                u.username.clone(),
                format_date(u.date_added),
                u.created_by_user.clone().unwrap_or_default(),
            ],
        );
    }
    ctx.out.table(t)?;
    Ok(code::SUCCESS)
}

fn remove(ctx: &Ctx, name: &str) -> Result<u8> {
    let u = api_users::remove(&mut ctx.store()?, name)?;
    if ctx.out.json {
        ctx.out.json(&json!({"user": user_json(&u)}))?;
    } else {
        ctx.out.text(&format!("Removed API user {}.", u.username))?;
    }
    Ok(code::SUCCESS)
}
