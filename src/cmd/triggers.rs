//! `triggers [list|add|remove]`: Mautic's catalog plus custom types.

use anyhow::Result;
use serde_json::{Map, Value, json};

use super::Ctx;
use crate::cli::TriggersCmd;
use crate::error::{UserError, code, invalid};
use crate::model::{Trigger, now, reject_control, validate_event_type};
use crate::output;
use crate::store::triggers;

fn triggers_json<'a>(list: impl Iterator<Item = &'a Trigger>) -> Value {
    let mut m = Map::new();
    for t in list {
        m.insert(
            t.event_type.clone(),
            json!({"label": t.label, "description": t.description}),
        );
    }
    json!({"triggers": Value::Object(m)})
}

fn check_text(flag: &str, field: &str, s: &str, required: bool) -> Result<(), UserError> {
    if required && s.trim().is_empty() {
        return invalid(flag, field, Some(s), "must not be empty");
    }
    reject_control(flag, field, s, false)?;
    Ok(())
}

pub fn run(ctx: &Ctx, action: Option<TriggersCmd>) -> Result<u8> {
    match action.unwrap_or(TriggersCmd::List) {
        TriggersCmd::List => list(ctx),
        TriggersCmd::Add {
            event_type,
            label,
            description,
        } => add(ctx, &event_type, &label, &description),
        TriggersCmd::Remove { event_type } => remove(ctx, &event_type),
    }
}

fn list(ctx: &Ctx) -> Result<u8> {
    let catalog = ctx.open()?.catalog()?;
    if ctx.out.json {
        ctx.out.json(&triggers_json(catalog.entries().iter()))?;
    } else {
        let mut t = output::table(&["Type", "Label", "Description", "Source"]);
        for e in catalog.entries() {
            let source = if e.builtin { "mautic" } else { "custom" };
            t.add_row(vec![
                e.event_type.as_str(),
                &e.label,
                &e.description,
                source,
            ]);
        }
        ctx.out.text(&t.to_string())?;
    }
    Ok(code::SUCCESS)
}

fn add(ctx: &Ctx, event_type: &str, label: &str, description: &str) -> Result<u8> {
    let event_type = validate_event_type("TYPE", event_type)?;
    check_text("--label", "label", label, true)?;
    check_text("--description", "description", description, false)?;
    let trigger = Trigger {
        event_type,
        label: label.to_owned(),
        description: description.to_owned(),
        builtin: false,
    };
    ctx.write(|tx| {
        if let Some(existing) = triggers::catalog_in(tx)?.get(&trigger.event_type) {
            let why = if existing.builtin {
                "is one of Mautic's built-in types"
            } else {
                "already exists; remove it first to change it"
            };
            return Err(UserError::invalid("TYPE", "type", Some(&trigger.event_type), why).into());
        }
        triggers::insert(tx, &trigger, now())
    })?;
    if ctx.out.json {
        ctx.out.json(&triggers_json(std::iter::once(&trigger)))?;
    } else {
        ctx.out.text(&format!(
            "Added trigger {} ({}).",
            trigger.event_type, trigger.label
        ))?;
    }
    Ok(code::SUCCESS)
}

fn remove(ctx: &Ctx, event_type: &str) -> Result<u8> {
    let (_, removed) = ctx.write(|tx| {
        let catalog = triggers::catalog_in(tx)?;
        let Some(t) = catalog.get(event_type).cloned() else {
            return Err(UserError::NotFound { what: "trigger", id: event_type.to_owned() }.into());
        };
        if t.builtin {
            return Err(UserError::invalid("TYPE", "type", Some(event_type), "Mautic's built-in types cannot be removed")
                .into());
        }
        let users = triggers::subscribers(tx, event_type)?;
        if !users.is_empty() {
            let ids: Vec<String> = users.iter().map(i64::to_string).collect();
            return Err(UserError::Conflict(format!(
                "trigger {event_type} is used by webhook(s) {}; first run `hookq edit ID --remove-trigger {event_type}`",
                ids.join(", ")
            ))
            .into());
        }
        triggers::delete(tx, event_type)?;
        Ok(t)
    })?;
    if ctx.out.json {
        ctx.out.json(&triggers_json(std::iter::once(&removed)))?;
    } else {
        ctx.out
            .text(&format!("Removed trigger {}.", removed.event_type))?;
    }
    Ok(code::SUCCESS)
}
