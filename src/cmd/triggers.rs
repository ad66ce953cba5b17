//! `triggers [list|add|remove]`: Mautic's catalog plus custom types.

use anyhow::Result;

use super::Ctx;
use crate::cli::TriggersCmd;
use crate::error::code;

use crate::output;
use crate::service::triggers::{self, TriggerInput};

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
    let catalog = triggers::catalog(&ctx.open()?)?;
    if ctx.out.json {
        ctx.out
            .json(&output::triggers_doc(catalog.entries().iter()))?;
    } else {
        let mut t = output::table(&["Type", "Label", "Description", "Source"]);
        for e in catalog.entries() {
            let source = if e.builtin { "mautic" } else { "custom" };
            output::add_row(
                &mut t,
                vec![e.event_type.as_str(), &e.label, &e.description, source],
            );
        }
        ctx.out.table(t)?;
    }
    Ok(code::SUCCESS)
}

fn add(ctx: &Ctx, event_type: &str, label: &str, description: &str) -> Result<u8> {
    let trigger = triggers::new_trigger(&TriggerInput {
        event_type: event_type.to_owned(),
        label: label.to_owned(),
        description: description.to_owned(),
    })?;
    triggers::add(&mut ctx.store()?, &trigger)?;
    if ctx.out.json {
        ctx.out
            .json(&output::triggers_doc(std::iter::once(&trigger)))?;
    } else {
        ctx.out.text(&format!(
            "Added trigger {} ({}).",
            trigger.event_type, trigger.label
        ))?;
    }
    Ok(code::SUCCESS)
}

fn remove(ctx: &Ctx, event_type: &str) -> Result<u8> {
    let removed = triggers::remove(&mut ctx.store()?, event_type)?;
    if ctx.out.json {
        ctx.out
            .json(&output::triggers_doc(std::iter::once(&removed)))?;
    } else {
        ctx.out
            .text(&format!("Removed trigger {}.", removed.event_type))?;
    }
    Ok(code::SUCCESS)
}
