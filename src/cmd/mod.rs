//! One module per command group; [`run`] is the single dispatch point.
//! A handler validates input, opens the store, calls domain code, prints.

mod category;
mod completions;
mod config;
mod hooks;
mod triggers;

use std::path::PathBuf;

use anyhow::Result;

use crate::cli::{Cli, Command};
use crate::output::Out;
use crate::settings::{self, Settings};
use crate::store::Store;

/// What every handler needs from the global flags.
pub struct Ctx {
    pub db: Option<PathBuf>,
    pub out: Out,
    pub verbose: bool,
}

impl Ctx {
    pub fn db_path(&self) -> Result<PathBuf> {
        match &self.db {
            Some(p) => Ok(p.clone()),
            None => crate::store::default_path(),
        }
    }

    pub fn open(&self) -> Result<Store> {
        let path = self.db_path()?;
        if self.verbose {
            eprintln!("hookq: database {}", path.display());
        }
        Store::open(&path)
    }

    pub fn settings(&self, store: &Store) -> Result<Settings> {
        let eff = settings::effective(&store.stored_settings()?)?;
        Ok(Settings::from_effective(&eff))
    }
}

/// Run one command; the value is the process exit code.
pub fn run(cli: Cli) -> Result<u8> {
    let ctx = Ctx {
        db: cli.db,
        out: Out {
            json: cli.json,
            quiet: cli.quiet,
        },
        verbose: cli.verbose,
    };
    match cli.command {
        Command::Create(a) => hooks::create(&ctx, a),
        Command::List(a) => hooks::list(&ctx, a),
        Command::Get { id } => hooks::get(&ctx, id),
        Command::Edit(a) => hooks::edit(&ctx, a),
        Command::Delete { id } => hooks::delete(&ctx, id),
        Command::Triggers { action } => triggers::run(&ctx, action),
        Command::Category(c) => category::run(&ctx, c),
        Command::Config { action } => config::run(&ctx, action),
        Command::Completions { shell } => completions::completions(&ctx, shell),
        Command::GenerateMan { dir } => completions::man(&dir),
    }
}
