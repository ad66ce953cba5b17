//! `config [list|get|set|unset]`: settings in the database, with
//! `HOOKQ_<KEY>` environment overrides shown as such.

use anyhow::Result;
use serde_json::{Map, Value, json};

use super::Ctx;
use crate::cli::ConfigCmd;
use crate::error::code;
use crate::output;
use crate::service::config;
use crate::settings::{Source, env_name, json_value, lookup};

pub fn run(ctx: &Ctx, action: Option<ConfigCmd>) -> Result<u8> {
    match action.unwrap_or(ConfigCmd::List) {
        ConfigCmd::List => list(ctx),
        ConfigCmd::Get { key } => get(ctx, &key),
        ConfigCmd::Set { key, value } => set(ctx, &key, &value),
        ConfigCmd::Unset { key } => unset(ctx, &key),
    }
}

fn list(ctx: &Ctx) -> Result<u8> {
    let eff = config::list(&ctx.open()?)?;
    if ctx.out.json {
        let mut values = Map::new();
        let mut sources = Map::new();
        for e in &eff {
            values.insert(e.def.key.into(), json_value(e.def, &e.value));
            sources.insert(e.def.key.into(), e.source.as_str().into());
        }
        ctx.out
            .json(&json!({"settings": Value::Object(values), "sources": Value::Object(sources)}))?;
    } else {
        let mut t = output::table(&["Setting", "Value", "Source", "Meaning"]);
        for e in &eff {
            let source = match e.source {
                Source::Env => format!("env {}", env_name(e.def.key)),
                s => s.as_str().to_owned(),
            };
            let value = if e.value.is_empty() {
                String::from("\"\"")
            } else {
                e.value.clone()
            };
            t.add_row(vec![
                e.def.key.to_owned(),
                value,
                source,
                e.def.about.to_owned(),
            ]);
        }
        ctx.out.text(&t.to_string())?;
    }
    Ok(code::SUCCESS)
}

fn get(ctx: &Ctx, key: &str) -> Result<u8> {
    let def = lookup("KEY", key)?;
    let e = config::get(&ctx.open()?, def)?;
    if ctx.out.json {
        ctx.out.json(
            &json!({"key": key, "value": json_value(e.def, &e.value), "source": e.source.as_str()}),
        )?;
    } else {
        ctx.out.text(&e.value)?;
    }
    Ok(code::SUCCESS)
}

fn set(ctx: &Ctx, key: &str, value: &str) -> Result<u8> {
    let def = lookup("KEY", key)?;
    let canonical = config::canonical(def, value)?;
    config::set(&mut ctx.store()?, def, &canonical)?;
    if std::env::var_os(env_name(key)).is_some() {
        ctx.out.note(&format!(
            "{} is set in the environment and overrides this value",
            env_name(key)
        ));
    }
    if ctx.out.json {
        ctx.out
            .json(&json!({"key": key, "value": json_value(def, &canonical), "source": "file"}))?;
    } else {
        ctx.out.text(&format!("{key} = {canonical}"))?;
    }
    Ok(code::SUCCESS)
}

fn unset(ctx: &Ctx, key: &str) -> Result<u8> {
    let def = lookup("KEY", key)?;
    config::unset(&mut ctx.store()?, def)?;
    if ctx.out.json {
        ctx.out.json(
            &json!({"key": key, "value": json_value(def, def.default), "source": "default"}),
        )?;
    } else {
        ctx.out
            .text(&format!("{key} = {} (default)", def.default))?;
    }
    Ok(code::SUCCESS)
}
