//! One module per command group; [`run`] is the single dispatch point.
//! A handler validates input, opens the store, calls domain code, prints.

mod category;
mod completions;
mod config;
mod emit;
mod hooks;
mod logs;
mod process;
mod queue;
mod test;
mod triggers;
mod verify;

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

    /// Run a read against the database, or against an empty in-memory
    /// one when the file does not exist yet (so reading creates nothing).
    pub fn read<T>(&self, f: impl FnOnce(&Store) -> Result<T>) -> Result<T> {
        let path = self.db_path()?;
        if path.exists() {
            f(&Store::open(&path)?)
        } else {
            f(&Store::in_memory()?)
        }
    }

    /// Refuse `--webhook-id ID` naming no webhook (nothing to check: None).
    pub fn check_hook(&self, id: Option<i64>) -> Result<()> {
        match id {
            Some(id) if self.read(|s| s.get_hook(id))?.is_none() => Err(hooks::not_found(id)),
            _ => Ok(()),
        }
    }

    /// This run's settings, read without creating the database.
    pub fn settings(&self) -> Result<Settings> {
        self.settings_in(self.existing()?.as_ref())
    }

    /// The settings stored in `store` (defaults when there is no file yet),
    /// with environment overrides.
    pub fn settings_in(&self, store: Option<&Store>) -> Result<Settings> {
        let stored = match store {
            Some(s) => s.stored_settings()?,
            None => Default::default(),
        };
        Ok(Settings::from_effective(&settings::effective(&stored)?))
    }

    /// The database when its file exists, opened once for a command that
    /// reads settings and then writes (`emit`'s hot path).
    pub fn existing(&self) -> Result<Option<Store>> {
        if self.db_path()?.exists() {
            self.open().map(Some)
        } else {
            Ok(None)
        }
    }

    /// Open the store and run `f` in one IMMEDIATE transaction.
    ///
    /// When the file does not exist yet, `f` first runs against an empty
    /// in-memory database and is rolled back, so input it rejects leaves
    /// no file behind ("bad input never writes anything").
    pub fn write<T>(&self, f: impl Fn(&Transaction) -> Result<T>) -> Result<(Store, T)> {
        self.write_in(self.existing()?, f)
    }

    /// [`Ctx::write`] on a store already opened by [`Ctx::existing`].
    pub fn write_in<T>(
        &self,
        store: Option<Store>,
        f: impl Fn(&Transaction) -> Result<T>,
    ) -> Result<(Store, T)> {
        let mut store = match store {
            Some(s) => s,
            None => {
                Store::in_memory()?.dry_run(&f)?;
                self.open()?
            }
        };
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
        Command::Emit(a) => emit::emit(&ctx, a),
        Command::Process(a) => process::process(&ctx, a),
        Command::Test(a) => test::test(&ctx, a),
        Command::Queue { action } => queue::run(&ctx, action),
        Command::Logs(a) => logs::logs(&ctx, a),
        Command::Verify(a) => verify::verify(&ctx, a),
        Command::Triggers { action } => triggers::run(&ctx, action),
        Command::Category(c) => category::run(&ctx, c),
        Command::Config { action } => config::run(&ctx, action),
        Command::Completions { shell } => completions::completions(&ctx, shell),
        Command::GenerateMan { dir } => completions::man(&dir),
    }
}

/// Read a whole input named on the command line (`-`: standard input) as
/// bytes; a missing or unreadable file is bad input.
pub fn read_bytes(flag: &str, path: &std::path::Path) -> Result<Vec<u8>> {
    use std::io::Read;
    let mut buf = Vec::new();
    let res = if path.as_os_str() == "-" {
        std::io::stdin().lock().read_to_end(&mut buf).map(|_| ())
    } else {
        std::fs::File::open(path)
            .and_then(|mut f| f.read_to_end(&mut buf))
            .map(|_| ())
    };
    res.map_err(|e| {
        crate::error::UserError::invalid(
            flag,
            "file",
            Some(&path.display().to_string()),
            format!("could not read it ({e})"),
        )
    })?;
    Ok(buf)
}

/// [`read_bytes`], which must be UTF-8 text.
pub fn read_text(flag: &str, path: &std::path::Path) -> Result<String> {
    let bytes = read_bytes(flag, path)?;
    String::from_utf8(bytes).map_err(|e| {
        crate::error::UserError::invalid(
            flag,
            "file",
            Some(&path.display().to_string()),
            format!(
                "not UTF-8 text (bad byte at offset {})",
                e.utf8_error().valid_up_to()
            ),
        )
        .into()
    })
}
