//! `listen`: a local receiver that verifies signatures (see `listen.rs`).

use std::time::Duration;

use anyhow::Result;

use super::Ctx;
use super::input::secret_or_file;
use crate::cli::ListenArgs;
use crate::error::UserError;
use crate::listen::{self, Config};
use crate::settings::parse_duration;

pub fn listen(ctx: &Ctx, a: ListenArgs) -> Result<u8> {
    // A refusal names the flag the secret came from.
    let flag = |file: &Option<std::path::PathBuf>, given: &'static str, from_file: &'static str| {
        if file.is_some() { from_file } else { given }
    };
    let mautic_flag = flag(&a.secret_file, "--secret", "--secret-file");
    let standard_flag = flag(
        &a.standard_secret_file,
        "--standard-secret",
        "--standard-secret-file",
    );
    let mautic = secret_or_file("--secret-file", a.secret_file.as_deref(), a.secret)?;
    if mautic.as_deref() == Some("") {
        return Err(UserError::invalid(mautic_flag, "secret", None, "the secret is empty").into());
    }
    let standard = secret_or_file(
        "--standard-secret-file",
        a.standard_secret_file.as_deref(),
        a.standard_secret,
    )?
    .map(|s| {
        crate::model::standard_key(&s)
            .map_err(|why| UserError::invalid(standard_flag, "secret", None, why))
    })
    .transpose()?;
    // A port file that cannot be written is a usage error, found before
    // anything listens.
    if let Some(f) = &a.port_file {
        let dir = match f.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => std::path::PathBuf::from("."),
        };
        if !dir.is_dir() || f.is_dir() {
            return Err(UserError::invalid(
                "--port-file",
                "port_file",
                Some(&f.display().to_string()),
                if f.is_dir() {
                    "is a directory; give a file path"
                } else {
                    "its directory does not exist; give a path in an existing directory"
                },
            )
            .into());
        }
    }
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
