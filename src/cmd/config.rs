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
    for e in &eff {
        if let Some(why) = &e.invalid {
            eprintln!("hookq: {why} (commands that read settings stop on it until it is fixed)");
        }
    }
    if ctx.out.json {
        let mut values = Map::new();
        let mut sources = Map::new();
        let mut invalid = Map::new();
        for e in &eff {
            let v = match e.invalid {
                Some(_) => Value::from(e.value.as_str()),
                None => json_value(e.def, &e.value),
            };
            values.insert(e.def.key.into(), v);
            sources.insert(e.def.key.into(), e.source.as_str().into());
            if let Some(why) = &e.invalid {
                invalid.insert(e.def.key.into(), why.as_str().into());
            }
        }
        let mut doc = json!({"settings": Value::Object(values), "sources": Value::Object(sources)});
        if !invalid.is_empty() {
            doc["invalid"] = Value::Object(invalid);
        }
        ctx.out.json(&doc)?;
    } else {
        let mut t = output::table(&["Setting", "Value", "Source", "Meaning"]);
        for e in &eff {
            let source = match e.source {
                Source::Env => format!("env {}", env_name(e.def.key)),
                s => s.as_str().to_owned(),
            };
            let value = match (&e.invalid, e.value.is_empty()) {
                (Some(_), _) => format!("{:?} (INVALID)", e.value),
                (None, true) => String::from("\"\""),
                (None, false) => e.value.clone(),
            };
            output::add_row(
                &mut t,
                vec![e.def.key.to_owned(), value, source, e.def.about.to_owned()],
            );
        }
        ctx.out.table(t)?;
    }
    Ok(code::SUCCESS)
}

fn get(ctx: &Ctx, key: &str) -> Result<u8> {
    let def = lookup("KEY", key)?;
    let e = config::get(&ctx.open()?, def)?;
    if let Some(why) = &e.invalid {
        eprintln!("hookq: {why} (commands that read settings stop on it until it is fixed)");
    }
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
