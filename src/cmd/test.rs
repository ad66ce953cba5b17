//! `test`: one request shaped exactly like a live delivery, with sample
//! events (`service::test`). Nothing is queued or logged.

use anyhow::Result;

use super::Ctx;
use super::input::read_text;
use crate::cli::TestArgs;
use crate::error::code;
use crate::output;
use crate::service::test::{self, TestInput};

pub fn test(ctx: &Ctx, a: TestArgs) -> Result<u8> {
    let payload = a
        .payload_file
        .as_ref()
        .map(|f| read_text("--payload-file", f))
        .transpose()?;
    let prepared = test::prepare(
        &ctx.store()?,
        &TestInput {
            id: a.id,
            url: a.url,
            secret: a.secret,
            signing: a.signing,
            triggers: a.triggers,
            payload,
            headers: a.headers,
        },
    )?;
    let t = test::send(prepared);
    let (out, p) = (&t.outcome, &t.prepared);
    if ctx.out.json {
        ctx.out.json(&output::test_doc(&t))?;
    } else {
        let status = match out.status {
            Some(s) => format!("HTTP {s}"),
            None => format!("no response: {}", out.note),
        };
        ctx.out.text(&format!(
            "{status} in {:.3}s ({} event(s), {} bytes, Webhook-Id {})",
            out.elapsed.as_secs_f64(),
            p.triggers.len(),
            p.body.len(),
            p.webhook_id
        ))?;
        let excerpt = output::excerpt(out);
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
