//! `verify`: the receiver's side of the signature, for scripts and tests.
//! Mautic's `Webhook-Signature` by default; Standard Webhooks with
//! `--standard`.

use anyhow::Result;
use serde_json::json;

use super::Ctx;
use super::input::{read_bytes, secret_or_file};
use crate::cli::VerifyArgs;
use crate::delivery::sign;
use crate::error::{UserError, code};
use crate::settings::parse_duration_or_zero;

pub fn verify(ctx: &Ctx, a: VerifyArgs) -> Result<u8> {
    let Some(secret) = secret_or_file("--secret-file", a.secret_file.as_deref(), a.secret)? else {
        return Err(UserError::invalid(
            "--secret",
            "secret",
            None,
            "give the webhook's secret with --secret-file FILE, HOOKQ_VERIFY_SECRET or --secret",
        )
        .into());
    };
    let (matches, why) = if a.standard {
        let key = crate::model::standard_key(&secret)
            .map_err(|why| UserError::invalid("--secret", "secret", None, why))?;
        let tolerance = match a.tolerance.as_deref() {
            None => Some(sign::TOLERANCE_SECS),
            Some(d) => Some(parse_duration_or_zero("--tolerance", d)?.as_secs()).filter(|&t| t > 0),
        };
        let body = read_bytes("FILE", &a.file)?;
        let checked = sign::standard_check(
            &key,
            a.id.as_deref().unwrap_or_default(),
            a.timestamp.as_deref().unwrap_or_default(),
            &body,
            &a.signature,
            crate::model::now(),
            tolerance,
        );
        match checked {
            Ok(()) => (true, None),
            Err(why) => (false, Some(why)),
        }
    } else {
        let body = read_bytes("FILE", &a.file)?;
        let matches = sign::verify(&secret, &body, &a.signature).map_err(|_| {
            UserError::invalid(
                "--signature",
                "signature",
                Some(&a.signature),
                "not base64; pass the Webhook-Signature header's value as received",
            )
        })?;
        (matches, None)
    };
    if ctx.out.json {
        let mut doc = json!({"valid": matches});
        if let Some(why) = &why {
            doc["reason"] = json!(why);
        }
        ctx.out.json(&doc)?;
    } else if matches {
        ctx.out.text("signature matches")?;
    } else {
        ctx.out.text(&match why {
            Some(why) => format!("signature not accepted: {why}"),
            None => String::from("signature does not match"),
        })?;
    }
    Ok(if matches {
        code::SUCCESS
    } else {
        code::FAILURE
    })
}
