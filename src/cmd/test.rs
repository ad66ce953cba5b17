//! `test`: one request shaped exactly like a live delivery (same body
//! form, headers and signature), with sample events. Nothing is queued or
//! logged.

use anyhow::Result;
use serde_json::json;

use super::Ctx;
use super::input::read_text;
use crate::cli::TestArgs;
use crate::delivery::body::{self, Event};
use crate::delivery::http::{Client, Signed};
use crate::delivery::{samples, sign};
use crate::error::{UserError, code, not_found};
use crate::model::{now, validate_url};
use crate::service;

pub fn test(ctx: &Ctx, a: TestArgs) -> Result<u8> {
    let store = ctx.store()?;
    let settings = service::settings(&store)?;
    let catalog = store.catalog()?;
    let hook = a.id.map(|id| store.get_hook(id)).transpose()?.flatten();
    drop(store);
    let (url, secret, subscribed) = match (a.id, hook) {
        (Some(id), None) => return Err(not_found(id)),
        (_, Some(h)) => (h.webhook_url, h.secret, h.triggers),
        (None, None) => {
            let url = validate_url("--url", "webhookUrl", a.url.as_deref().unwrap_or(""))?;
            if a.triggers.is_empty() {
                return Err(UserError::invalid(
                    "--trigger",
                    "triggers",
                    None,
                    "with --url, name at least one --trigger",
                )
                .into());
            }
            (url, a.secret.clone().unwrap_or_default(), Vec::new())
        }
    };
    let triggers = if a.triggers.is_empty() {
        subscribed
    } else {
        a.triggers.clone()
    };
    for t in &triggers {
        catalog.check("--trigger", t)?;
    }
    let custom = match &a.payload_file {
        Some(f) => Some(
            body::normalize(&read_text("--payload-file", f)?, settings.max_payload_bytes).map_err(
                |e| UserError::invalid("--payload-file", "payload", None, e.to_string()),
            )?,
        ),
        None => None,
    };
    let time = now();
    let events: Vec<Event> = triggers
        .iter()
        .map(|t| Event {
            event_type: t.clone(),
            payload: custom.clone().unwrap_or_else(|| samples::sample(t)),
            time,
        })
        .collect();
    let body = body::build(&events);
    let signature = sign::sign(&secret, body.as_bytes());
    let webhook_id = format!(
        "test-{}",
        crate::model::generate_secret()?
            .get(..24)
            .unwrap_or_default()
    );
    let client = Client::new(
        settings.timeout,
        1,
        &settings.site_url,
        settings.block_private_addresses,
    );
    let out = client.post(&Signed {
        url: &url,
        body: &body,
        signature: &signature,
        webhook_id: &webhook_id,
    });
    let excerpt: String = out.excerpt.chars().take(300).collect();
    if ctx.out.json {
        ctx.out.json(&json!({
            "ok": out.ok(),
            "statusCode": out.status_text(),
            "runtime": out.runtime(),
            "webhookId": webhook_id,
            "triggers": triggers,
            "note": out.note,
            "response": excerpt,
        }))?;
    } else {
        let status = match out.status {
            Some(s) => format!("HTTP {s}"),
            None => format!("no response: {}", out.note),
        };
        ctx.out.text(&format!(
            "{status} in {:.3}s ({} event(s), {} bytes, Webhook-Id {webhook_id})",
            out.elapsed.as_secs_f64(),
            events.len(),
            body.len()
        ))?;
        if out.status.is_some() && !out.note.is_empty() && !out.ok() {
            ctx.out.text(&out.note)?;
        } else if !excerpt.is_empty() {
            ctx.out.text(&excerpt)?;
        }
    }
    Ok(if out.ok() {
        code::SUCCESS
    } else {
        code::FAILURE
    })
}
