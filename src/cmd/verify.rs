//! `verify`: the receiver's side of the signature, for scripts and tests.

use anyhow::Result;
use serde_json::json;

use super::Ctx;
use super::input::{read_bytes, read_text};
use crate::cli::VerifyArgs;
use crate::delivery::sign;
use crate::error::{UserError, code};

pub fn verify(ctx: &Ctx, a: VerifyArgs) -> Result<u8> {
    let secret = match (&a.secret_file, a.secret) {
        (Some(f), _) => {
            let text = read_text("--secret-file", f)?;
            text.lines()
                .next()
                .unwrap_or("")
                .trim_end_matches('\r')
                .to_owned()
        }
        (None, Some(s)) => s,
        (None, None) => {
            return Err(UserError::invalid(
                "--secret",
                "secret",
                None,
                "give the webhook's secret with --secret-file FILE, HOOKQ_VERIFY_SECRET or --secret",
            )
            .into());
        }
    };
    let body = read_bytes("FILE", &a.file)?;
    let matches = sign::verify(&secret, &body, &a.signature).map_err(|_| {
        UserError::invalid(
            "--signature",
            "signature",
            Some(&a.signature),
            "not base64; pass the Webhook-Signature header's value as received",
        )
    })?;
    if ctx.out.json {
        ctx.out.json(&json!({"valid": matches}))?;
    } else {
        ctx.out.text(if matches {
            "signature matches"
        } else {
            "signature does not match"
        })?;
    }
    Ok(if matches {
        code::SUCCESS
    } else {
        code::FAILURE
    })
}
