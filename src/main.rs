use std::process::ExitCode;

use clap::Parser;
use hookq::cli::Cli;
use hookq::error::{UserError, code, generic_json};

fn main() -> ExitCode {
    let json = std::env::args_os().any(|a| a == "--json");
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if json && e.use_stderr() => {
            let first = e
                .to_string()
                .lines()
                .next()
                .unwrap_or("")
                .trim_start_matches("error: ")
                .to_owned();
            eprintln!("{}", generic_json(&first, 400));
            return ExitCode::from(code::USAGE);
        }
        Err(e) => e.exit(),
    };
    match hookq::cmd::run(cli) {
        Ok(c) => ExitCode::from(c),
        Err(err) => report(&err, json),
    }
}

/// One line on stderr with the context chain; the exit code from the kind.
fn report(err: &anyhow::Error, json: bool) -> ExitCode {
    if err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    }) {
        return ExitCode::from(code::SUCCESS);
    }
    let user = err.chain().find_map(|e| e.downcast_ref::<UserError>());
    if json {
        let v = match user {
            Some(u) => u.to_mautic_json(),
            None => generic_json(&format!("{err:#}"), 500),
        };
        eprintln!("{v}");
    } else {
        match user {
            // The kind's own message is the line; outer context would only repeat it.
            Some(u) => eprintln!("hookq: {u}"),
            None => eprintln!("hookq: {err:#}"),
        }
    }
    ExitCode::from(user.map_or(code::FAILURE, UserError::exit_code))
}
