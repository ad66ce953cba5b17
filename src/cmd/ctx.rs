//! What every handler needs from the global flags: where the store is,
//! how to print, how much to say.

use std::path::PathBuf;

use anyhow::Result;

use crate::output::Out;
use crate::store::{Create, Store};

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

    /// The store, created now when it does not exist yet.
    pub fn open(&self) -> Result<Store> {
        self.opened(Store::open(&self.db_path()?, Create::Now)?)
    }

    /// The store; when it does not exist yet it reads as empty and the
    /// first write that succeeds creates it (so reading creates nothing,
    /// and input a write rejects leaves nothing behind).
    pub fn store(&self) -> Result<Store> {
        self.opened(Store::open(&self.db_path()?, Create::OnFirstWrite)?)
    }

    fn opened(&self, store: Store) -> Result<Store> {
        if self.verbose {
            eprintln!("hookq: {}", store.describe());
        }
        Ok(store)
    }
}
