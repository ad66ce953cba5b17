//! `serve`: the HTTP front (see `serve/`).

use anyhow::Result;

use super::Ctx;
use crate::cli::ServeArgs;
use crate::error::{UserError, code};
use crate::serve::{self, Options};
use crate::service::api_users;
use crate::settings::parse_duration;

pub fn serve(ctx: &Ctx, a: ServeArgs) -> Result<u8> {
    if a.no_auth && !a.listen.ip().is_loopback() {
        return Err(UserError::invalid(
            "--no-auth",
            "listen",
            Some(&a.listen.to_string()),
            "is only allowed on a loopback address (127.0.0.1 or ::1); add an API user with `hookq api-user add NAME` instead",
        )
        .into());
    }
    let header_timeout = parse_duration("--header-timeout", &a.header_timeout)?;
    if header_timeout < std::time::Duration::from_secs(1) {
        return Err(UserError::invalid(
            "--header-timeout",
            "header_timeout",
            Some(&a.header_timeout),
            "use a duration of at least 1s, e.g. 10s",
        )
        .into());
    }
    let poll = parse_duration("--poll", &a.poll)?;
    if poll < std::time::Duration::from_secs(1) {
        return Err(UserError::invalid(
            "--poll",
            "poll",
            Some(&a.poll),
            "use a duration of at least 1s, e.g. 3s",
        )
        .into());
    }
    let db = ctx.db_path()?;
    if !a.no_auth && api_users::list(&ctx.open()?)?.is_empty() {
        return Err(UserError::invalid(
            "serve",
            "auth",
            None,
            "no API user exists; add one with `hookq api-user add NAME`, or pass --no-auth on a loopback address",
        )
        .into());
    }
    serve::run(Options {
        db,
        listen: a.listen,
        deliver: a.deliver,
        no_auth: a.no_auth,
        verbose: ctx.verbose,
        header_timeout,
        poll,
        trusted_proxies: a.trusted_proxies,
        max_connections_per_ip: a.max_connections_per_ip as usize,
        no_console: a.no_console,
    })?;
    Ok(code::SUCCESS)
}
