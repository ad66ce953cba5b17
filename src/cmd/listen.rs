//! `listen`: a local receiver that verifies signatures (see `listen.rs`).

use std::time::Duration;

use anyhow::Result;

use super::Ctx;
use super::input::secret_or_file;
use crate::cli::ListenArgs;
use crate::delivery::sign;
use crate::error::UserError;
use crate::listen::{self, Config};
use crate::settings::parse_duration;

pub fn listen(ctx: &Ctx, a: ListenArgs) -> Result<u8> {
    let mautic = secret_or_file("--secret-file", a.secret_file.as_deref(), a.secret)?;
    if mautic.as_deref() == Some("") {
        return Err(UserError::invalid("--secret", "secret", None, "the secret is empty").into());
    }
    let standard = secret_or_file(
        "--standard-secret-file",
        a.standard_secret_file.as_deref(),
        a.standard_secret,
    )?
    .map(|s| {
        sign::standard_key(&s)
            .map_err(|why| UserError::invalid("--standard-secret", "secret", None, why))
    })
    .transpose()?;
    if !(200..=599).contains(&a.status) {
        return Err(UserError::invalid(
            "--status",
            "status",
            Some(&a.status.to_string()),
            "use an HTTP status from 200 to 599",
        )
        .into());
    }
    if a.count == Some(0) {
        return Err(UserError::invalid(
            "--count",
            "count",
            Some("0"),
            "use 1 or more, or leave --count out to run until stopped",
        )
        .into());
    }
    let timeout: Option<Duration> = a
        .timeout
        .as_deref()
        .map(|t| parse_duration("--timeout", t))
        .transpose()?;
    let code = listen::run(Config {
        addr: a.listen,
        mautic_secret: mautic,
        standard_key: standard,
        count: a.count,
        timeout,
        status: a.status,
        fail_first: a.fail_first,
        require_types: a.require_types,
        port_file: a.port_file,
        out: ctx.out,
    })?;
    Ok(code)
}
