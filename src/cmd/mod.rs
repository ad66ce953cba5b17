//! One module per command group; [`run`] is the single dispatch point.
//! A handler validates input, opens the store, calls domain code, prints.

mod category;
mod completions;
mod config;
mod hooks;
mod triggers;

use std::path::PathBuf;

use anyhow::Result;
use rusqlite::Transaction;

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

    /// This run's settings, read without creating the database.
    pub fn settings(&self) -> Result<Settings> {
        let path = self.db_path()?;
        let stored = if path.exists() {
            Store::open(&path)?.stored_settings()?
        } else {
            Default::default()
        };
        Ok(Settings::from_effective(&settings::effective(&stored)?))
    }

    /// Open the store and run `f` in one IMMEDIATE transaction.
    ///
    /// When the file does not exist yet, `f` first runs against an empty
    /// in-memory database and is rolled back, so input it rejects leaves
    /// no file behind ("bad input never writes anything").
    pub fn write<T>(&self, f: impl Fn(&Transaction) -> Result<T>) -> Result<(Store, T)> {
        let path = self.db_path()?;
        if !path.exists() {
            Store::in_memory()?.dry_run(&f)?;
        }
        let mut store = self.open()?;
        let out = store.write(f)?;
        Ok((store, out))
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
