//! The CLI front: one module per command group, and [`run`], the single
//! dispatch point. A handler turns its arguments into a use case's input
//! (`service/`), calls it, and prints the result with `output.rs`.

mod api_user;
mod category;
mod completions;
mod config;
mod ctx;
mod db;
mod emit;
mod hooks;
mod input;
mod listen;
mod logs;
mod process;
mod queue;
mod serve;
mod test;
mod triggers;
mod verify;

use anyhow::Result;

use crate::cli::{Cli, Command};
use crate::output::{Format, Out};

pub use ctx::Ctx;

/// Run one command; the value is the process exit code.
pub fn run(cli: Cli) -> Result<u8> {
    let ctx = Ctx {
        db: cli.db,
        out: Out {
            json: cli.json || cli.format == Some(crate::cli::OutputFormat::Json),
            quiet: cli.quiet,
            format: match cli.format {
                Some(crate::cli::OutputFormat::Table) => Format::Table,
                Some(crate::cli::OutputFormat::Tsv) => Format::Tsv,
                _ => Format::for_stdout(),
            },
        },
        verbose: cli.verbose,
    };
    match cli.command {
        Command::Create(a) => hooks::create(&ctx, a),
        Command::List(a) => hooks::list(&ctx, a),
        Command::Get { id } => hooks::get(&ctx, id),
        Command::Edit(a) => hooks::edit(&ctx, a),
        Command::Delete { id } => hooks::delete(&ctx, id),
        Command::Emit(a) => emit::emit(&ctx, a),
        Command::Process(a) => process::process(&ctx, a),
        Command::Test(a) => test::test(&ctx, a),
        Command::Queue { action } => queue::run(&ctx, action),
        Command::Logs(a) => logs::logs(&ctx, a),
        Command::Verify(a) => verify::verify(&ctx, a),
        Command::Resend { batch_id, new_id } => queue::resend_batch(&ctx, &batch_id, new_id),
        Command::Triggers { action } => triggers::run(&ctx, action),
        Command::Category(c) => category::run(&ctx, c),
        Command::ApiUser(c) => api_user::run(&ctx, c),
        Command::Serve(a) => serve::serve(&ctx, a),
        Command::Listen(a) => listen::listen(&ctx, a),
        Command::Config { action } => config::run(&ctx, action),
        Command::Db(c) => db::run(&ctx, c),
        Command::Completions { shell } => completions::completions(&ctx, shell),
        Command::Openapi => completions::openapi(&ctx),
        Command::GenerateMan { dir } => completions::man(&dir),
    }
}
