//! `serve --deliver`: the delivery engine running inside the server.
//!
//! One blocking thread runs the same engine as `process` over and over:
//! right away while there is work, otherwise when an event arrives
//! through the API ([`Wake`]), when the store announces work stored by
//! another process (PostgreSQL's LISTEN/NOTIFY, watched on a thread of
//! its own, so servers on several machines wake at once), or after
//! `--poll` (retries falling due; on SQLite also events emitted by other
//! processes). Leases are the engine's own, so cron runs of `process`
//! beside the server never send a batch twice.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use super::App;
use crate::delivery::worker::{self, Notice, Options};
use crate::model::IdRange;
use crate::service;
use crate::store::{Create, Store};

/// A flag with a condition variable: "there may be work".
#[derive(Default)]
pub struct Wake {
    pending: Mutex<bool>,
    cv: Condvar,
}

impl Wake {
    pub fn notify(&self) {
        *self.pending.lock().unwrap_or_else(|e| e.into_inner()) = true;
        self.cv.notify_all();
    }

    /// Wait for a notification or `timeout`, whichever is first.
    fn wait(&self, timeout: Duration) {
        let guard = self.pending.lock().unwrap_or_else(|e| e.into_inner());
        let (mut guard, _) = self
            .cv
            .wait_timeout_while(guard, timeout, |p| !*p)
            .unwrap_or_else(|e| e.into_inner());
        *guard = false;
    }
}

pub struct Delivery {
    stop: Arc<AtomicBool>,
    app: Arc<App>,
    handle: tokio::task::JoinHandle<()>,
}

impl Delivery {
    /// Stop claiming, let in-flight requests finish and record them.
    pub async fn stop(self) {
        self.stop.store(true, Ordering::SeqCst);
        self.app.wake.notify();
        let _ = self.handle.await;
    }
}

pub fn start(app: Arc<App>) -> Delivery {
    let stop = Arc::new(AtomicBool::new(false));
    let (a, s) = (Arc::clone(&app), Arc::clone(&stop));
    let _ = std::thread::Builder::new()
        .name(String::from("hookq-watch"))
        .spawn(move || watch(&a, &s));
    let (a, s) = (Arc::clone(&app), Arc::clone(&stop));
    let handle = tokio::task::spawn_blocking(move || run(&a, &s));
    Delivery { stop, app, handle }
}

/// How long a watch waits before looking at the stop flag again.
const WATCH_TICK: Duration = Duration::from_secs(1);

/// Wake the engine whenever the store announces new work; on a store
/// that cannot, return at once. A lost connection is opened again after
/// a poll interval (meanwhile the poll still finds the work).
fn watch(app: &App, stop: &AtomicBool) {
    let mut said = false;
    while !stop.load(Ordering::SeqCst) {
        let watch = Store::open(&app.db, Create::Now).and_then(|s| s.watch());
        let mut w = match watch {
            Ok(Some(w)) => w,
            Ok(None) => return,
            Err(e) => {
                if !said {
                    eprintln!(
                        "hookq: serve: could not watch for new events (polling every {:?}): {e:#}",
                        app.poll
                    );
                    said = true;
                }
                std::thread::sleep(app.poll);
                continue;
            }
        };
        said = false;
        while !stop.load(Ordering::SeqCst) {
            match w.wait(WATCH_TICK) {
                Ok(true) => app.wake.notify(),
                Ok(false) => {}
                Err(e) => {
                    eprintln!("hookq: serve: watching for new events: {e:#}");
                    break;
                }
            }
        }
    }
}

fn run(app: &App, stop: &AtomicBool) {
    let warn = |line: &str| eprintln!("hookq: warning: {line}");
    while !stop.load(Ordering::SeqCst) {
        match round(app, stop, &warn) {
            Ok(true) => continue,
            Ok(false) => {}
            Err(e) => eprintln!("hookq: serve: delivery: {e:#}"),
        }
        app.wake.wait(app.poll);
    }
}

/// One run of the engine over everything due. True: it sent something
/// (there may be more).
fn round(app: &App, stop: &AtomicBool, warn: &(dyn Fn(&str) + Sync)) -> anyhow::Result<bool> {
    let store = Store::open(&app.db, Create::Now)?;
    let settings = service::settings(&store)?;
    let opts = Options {
        only: None,
        range: IdRange::ALL,
        batch_limit: settings.batch_limit,
        time_limit: settings.time_limit,
        concurrency: settings.concurrency,
        log_requests: false,
    };
    let notice = |n: Notice<'_>| {
        if let Notice::Warning(line) = n {
            warn(line);
        }
    };
    let report = worker::run(store, &settings, &opts, stop, None, &notice)?;
    app.metrics.delivered("delivered", report.delivered_events);
    app.metrics.delivered("failed", report.failed_events);
    app.metrics.dead(report.dead_batches);
    if app.verbose && report.requests > 0 {
        eprintln!(
            "hookq: delivered {} event(s) in {} request(s), {} failed",
            report.delivered_events, report.requests, report.failed_events
        );
    }
    Ok(report.requests > 0 && !report.time_limit_hit)
}
