//! `db copy`: a whole store into another, empty one, either backend.
//!
//! Everything moves with its id (webhooks, categories, triggers, settings,
//! events with their batches, batch ids and attempts, logs, delivered
//! batches kept for `resend` and how far their retention has swept, API
//! users),
//! read from one snapshot of the source and written in one transaction
//! of the target, so a copy that fails leaves the target empty. The
//! counts of what was read are checked against the target before it
//! commits, and every id sequence of the target goes on past the
//! source's, so no id is ever handed out twice.

use anyhow::Result;

use crate::error::UserError;
use crate::model::{Webhook, validate_description, validate_secret, validate_url};
use crate::store::{Chunk, Inventory, Store};

/// Rows per page read from the source and written to the target.
const PAGE: usize = 5_000;

/// Copy `from` into `to`; what was copied, counted as it went and
/// checked against the target.
pub fn copy(from: &Store, to: &mut Store) -> Result<Inventory> {
    if from.describe() == to.describe() {
        return Err(UserError::invalid(
            "--to",
            "to",
            None,
            "names the database being copied; give another one",
        )
        .into());
    }
    let held = to.inventory()?;
    if !held.is_empty() {
        let what: Vec<String> = held
            .rows()
            .iter()
            .filter(|(_, n)| *n > 0)
            .map(|(k, n)| format!("{n} {k}"))
            .collect();
        return Err(UserError::invalid(
            "--to",
            "to",
            None,
            format!(
                "the target is not empty ({}); copy into a new database",
                what.join(", ")
            ),
        )
        .into());
    }
    to.write(|tx| {
        let mut seen = Inventory::default();
        let marks = from.export(PAGE, &mut |chunk| {
            count(&mut seen, &chunk);
            if let Chunk::Webhooks(hooks) = &chunk {
                hooks.iter().try_for_each(check_webhook)?;
            }
            tx.import(&chunk)
        })?;
        tx.finish_import(&marks)?;
        let stored = tx.inventory()?;
        if stored != seen {
            anyhow::bail!(
                "the copy does not add up (read {seen:?}, the target holds {stored:?}); nothing was written"
            );
        }
        Ok(seen)
    })
}

/// A webhook the source holds is checked as a new one would be (an older
/// hookq stored URLs, secrets and descriptions of any size, and secrets
/// with control characters): one that would be refused is named, with
/// what to fix, before anything is written.
fn check_webhook(h: &Webhook) -> Result<()> {
    let checked = validate_url("--url", "webhookUrl", &h.webhook_url)
        .map(drop)
        .and_then(|()| validate_secret("--secret", &h.secret).map(drop))
        .and_then(|()| {
            h.description
                .as_deref()
                .map_or(Ok(None), |d| validate_description("--description", d))
                .map(drop)
        });
    checked.map_err(|e| match e {
        UserError::Invalid(i) => UserError::invalid(
            "--to",
            i.field.as_str(),
            None,
            format!(
                "webhook {} ({:?}) cannot be copied: {}: {}; fix it in the source (hookq edit {} {} …) and copy again",
                h.id, h.name, i.field, i.reason, h.id, i.flag
            ),
        )
        .into(),
        other => anyhow::Error::from(other),
    })
}

fn count(n: &mut Inventory, chunk: &Chunk) {
    let len = |l: usize| l as u64;
    match chunk {
        Chunk::Categories(r) => n.categories += len(r.len()),
        Chunk::Webhooks(r) => {
            n.webhooks += len(r.len());
            n.subscriptions += r.iter().map(|h| len(h.triggers.len())).sum::<u64>();
        }
        Chunk::Triggers(r) => n.triggers += len(r.len()),
        Chunk::Settings(r) => n.settings += len(r.len()),
        Chunk::Payloads(r) => n.payloads += len(r.len()),
        Chunk::Batches(r) => n.batches += len(r.len()),
        Chunk::Queue(r) => n.queued += len(r.len()),
        Chunk::Logs(r) => n.logs += len(r.len()),
        Chunk::Kept(r) => n.kept += len(r.len()),
        Chunk::ApiUsers(r) => n.api_users += len(r.len()),
    }
}
