//! What every request shares: the stores, the authenticator, the metrics.
//!
//! Store calls block (SQLite), so they run on tokio's blocking pool. Reads
//! take a store from a small pool (each its own connection; WAL readers
//! never wait for the writer); writes share one store behind a mutex, so
//! this process's writers queue in memory instead of spinning on the
//! database lock. Other processes (a cron `process`, the CLI) still share
//! the database through its own locking.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use anyhow::{Context, Result};

use super::auth::Auth;
use super::deliver::{self, Delivery, Wake};
use super::metrics::Metrics;
use crate::store::{Create, Store};

pub struct App {
    pub db: PathBuf,
    writer: Mutex<Store>,
    readers: Mutex<Vec<Store>>,
    /// None: `--no-auth`.
    pub auth: Option<Auth>,
    pub metrics: Metrics,
    pub verbose: bool,
    /// Wakes the delivery engine when events arrive.
    pub wake: Wake,
    /// The delivery engine, when running (`--deliver`, or started by the
    /// first event stored in `queue_mode = immediate`).
    engine: Mutex<Option<Delivery>>,
}

/// Readers kept open for reuse; more may be open at a peak.
const KEEP_READERS: usize = 16;

impl App {
    pub fn new(db: PathBuf, auth: Option<Auth>, verbose: bool) -> Result<App> {
        let writer = Store::open(&db, Create::Now)?;
        Ok(App {
            db,
            writer: Mutex::new(writer),
            readers: Mutex::new(Vec::new()),
            auth,
            metrics: Metrics::new(),
            verbose,
            wake: Wake::default(),
            engine: Mutex::new(None),
        })
    }

    /// Start the delivery engine unless it runs already.
    pub fn start_engine(self: &Arc<Self>) {
        let mut engine = self.engine.lock().unwrap_or_else(|e| e.into_inner());
        if engine.is_none() {
            *engine = Some(deliver::start(Arc::clone(self)));
        }
    }

    /// Stop the engine (if running): in-flight deliveries finish first.
    pub async fn stop_engine(&self) {
        let engine = self.engine.lock().unwrap_or_else(|e| e.into_inner()).take();
        if let Some(d) = engine {
            d.stop().await;
        }
    }

    /// Events were stored: wake the engine, and in immediate mode make
    /// sure there is one to deliver them at once.
    pub fn events_stored(self: &Arc<Self>, immediate: bool) {
        if immediate {
            self.start_engine();
        }
        self.wake.notify();
    }

    fn reader(&self) -> Result<Store> {
        let pooled = self.readers.lock().unwrap_or_else(|e| e.into_inner()).pop();
        match pooled {
            Some(s) => Ok(s),
            None => Store::open(&self.db, Create::Now),
        }
    }

    fn give_back(&self, store: Store) {
        let mut pool = self.readers.lock().unwrap_or_else(|e| e.into_inner());
        if pool.len() < KEEP_READERS {
            pool.push(store);
        }
    }

    /// Run `f` on a reading store, off the async threads.
    pub async fn read<T, F>(self: &Arc<Self>, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&Store) -> Result<T> + Send + 'static,
    {
        let app = Arc::clone(self);
        tokio::task::spawn_blocking(move || {
            let store = app.reader()?;
            let out = f(&store);
            // A store whose call failed may have lost its connection.
            if out.is_ok() {
                app.give_back(store);
            }
            out
        })
        .await
        .context("a database task stopped")?
    }

    /// Run `f` on the writing store, off the async threads.
    pub async fn write<T, F>(self: &Arc<Self>, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> Result<T> + Send + 'static,
    {
        let app = Arc::clone(self);
        tokio::task::spawn_blocking(move || {
            let mut store = app.writer.lock().unwrap_or_else(|e| e.into_inner());
            f(&mut store)
        })
        .await
        .context("a database task stopped")?
    }
}
