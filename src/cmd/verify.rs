//! `verify`: the receiver's side of the signature, for scripts and tests.

use anyhow::Result;
use serde_json::json;

use super::Ctx;
use super::input::read_bytes;
use crate::cli::VerifyArgs;
use crate::delivery::sign;
use crate::error::{UserError, code};

pub fn verify(ctx: &Ctx, a: VerifyArgs) -> Result<u8> {
    let body = read_bytes("FILE", &a.file)?;
    let matches = sign::verify(&a.secret, &body, &a.signature).map_err(|_| {
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
