use std::process::ExitCode;

use clap::{CommandFactory, Parser};
use hookq::cli::Cli;
use hookq::error::{UserError, code, generic_json};

fn main() -> ExitCode {
    // `COMPLETE=bash hookq` prints a completion script that calls back
    // here, which then completes (event types from the catalog included)
    // and exits.
    clap_complete::CompleteEnv::with_factory(Cli::command).complete();
    // Errors are JSON under --json or --format json, even when the rest of
    // the line does not parse.
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let json = args.iter().any(|a| a == "--json" || a == "--format=json")
        || args
            .windows(2)
            .any(|w| w[0] == "--format" && w[1] == "json");
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if e.use_stderr() => {
            let line = clap_one_line(&e);
            if json {
                eprintln!("{}", generic_json(&line, 400));
            } else {
                eprintln!("hookq: {line}");
            }
            return ExitCode::from(code::USAGE);
        }
        Err(e) => e.exit(),
    };
    match hookq::cmd::run(cli) {
        Ok(c) => ExitCode::from(c),
        Err(err) => report(&err, json),
    }
}

/// clap's multi-line usage error as one line: the error, its tip, and
/// where to read more.
fn clap_one_line(e: &clap::Error) -> String {
    let text = e.to_string();
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let mut line = lines
        .first()
        .map_or("invalid usage", |l| l.trim_start_matches("error: "))
        .to_owned();
    // Lists that clap puts on their own lines (missing arguments).
    let listed: Vec<&str> = lines
        .iter()
        .skip(1)
        .take_while(|l| {
            !l.starts_with("Usage:") && !l.starts_with("tip:") && !l.starts_with("For more")
        })
        .copied()
        .collect();
    if !listed.is_empty() {
        line = format!("{} {}", line.trim_end_matches(':'), listed.join(", "));
    }
    if let Some(tip) = lines.iter().find_map(|l| l.strip_prefix("tip: ")) {
        line.push_str(&format!(" ({tip})"));
    }
    line.push_str(&format!("; see `{} --help`", subcommand_path()));
    line
}

/// The subcommand words the user typed (`hookq category create`), found
/// by walking the arguments down the command tree.
fn subcommand_path() -> String {
    let mut cmd = Cli::command();
    let mut path = vec![String::from("hookq")];
    for arg in std::env::args().skip(1) {
        let Some(sub) = cmd.find_subcommand(&arg).cloned() else {
            continue;
        };
        path.push(arg);
        cmd = sub;
    }
    path.join(" ")
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
