//! The trigger catalog: Mautic's 14 types plus custom ones.

use anyhow::Result;

use crate::error::{UserError, invalid};
use crate::model::{Catalog, Trigger, now, reject_control, validate_event_type};
use crate::store::Store;

pub fn catalog(store: &Store) -> Result<Catalog> {
    store.catalog()
}

/// A custom type, as given.
#[derive(Debug, Clone, Default)]
pub struct TriggerInput {
    pub event_type: String,
    pub label: String,
    pub description: String,
}

fn check_text(flag: &str, field: &str, s: &str, required: bool) -> Result<(), UserError> {
    if required && s.trim().is_empty() {
        return invalid(flag, field, Some(s), "must not be empty");
    }
    reject_control(flag, field, s, false)?;
    Ok(())
}

/// Check a custom type (no store needed).
pub fn new_trigger(i: &TriggerInput) -> Result<Trigger> {
    let event_type = validate_event_type("TYPE", &i.event_type)?;
    check_text("--label", "label", &i.label, true)?;
    check_text("--description", "description", &i.description, false)?;
    Ok(Trigger {
        event_type,
        label: i.label.clone(),
        description: i.description.clone(),
        builtin: false,
    })
}

/// Add a custom type [`new_trigger`] checked.
pub fn add(store: &mut Store, trigger: &Trigger) -> Result<()> {
    store.write(|tx| {
        if let Some(existing) = tx.catalog()?.get(&trigger.event_type) {
            let why = if existing.builtin {
                "is one of the built-in types"
            } else {
                "already exists; remove it first to change it"
            };
            return Err(UserError::invalid("TYPE", "type", Some(&trigger.event_type), why).into());
        }
        tx.insert_trigger(trigger, now())
    })
}

/// Remove a custom type no webhook uses.
pub fn remove(store: &mut Store, event_type: &str) -> Result<Trigger> {
    store.write(|tx| {
        let catalog = tx.catalog()?;
        let Some(t) = catalog.get(event_type).cloned() else {
            return Err(UserError::NotFound {
                what: "trigger",
                id: event_type.to_owned(),
            }
            .into());
        };
        if t.builtin {
            return Err(UserError::invalid(
                "TYPE",
                "type",
                Some(event_type),
                "built-in types (Mautic's and hookq's own) cannot be removed",
            )
            .into());
        }
        let users = tx.trigger_users(event_type)?;
        if !users.is_empty() {
            let ids: Vec<String> = users.iter().map(i64::to_string).collect();
            return Err(UserError::Conflict(format!(
                "trigger {event_type} is used by webhook(s) {}; first run `hookq edit ID --remove-trigger {event_type}`",
                ids.join(", ")
            ))
            .into());
        }
        tx.delete_trigger(event_type)?;
        Ok(t)
    })
}
