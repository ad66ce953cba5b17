//! `serve --deliver`: the delivery engine running inside the server.
//!
//! One blocking thread runs the same engine as `process` over and over:
//! right away while there is work, otherwise when an event arrives
//! through the API ([`Wake`]) or after [`POLL`] (events emitted by other
//! processes, retries falling due). Leases are the engine's own, so cron
//! runs of `process` beside the server never send a batch twice.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use super::App;
use crate::delivery::worker::{self, Options};
use crate::model::IdRange;
use crate::service;
use crate::store::{Create, Store};

/// How often an idle engine looks for due work on its own.
pub const POLL: Duration = Duration::from_secs(3);

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
    let handle = tokio::task::spawn_blocking(move || run(&a, &s));
    Delivery { stop, app, handle }
}

fn run(app: &App, stop: &AtomicBool) {
    let warn = |line: &str| eprintln!("hookq: warning: {line}");
    while !stop.load(Ordering::SeqCst) {
        match round(app, stop, &warn) {
            Ok(true) => continue,
            Ok(false) => {}
            Err(e) => eprintln!("hookq: serve: delivery: {e:#}"),
        }
        app.wake.wait(POLL);
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
    };
    let report = worker::run(store, &settings, &opts, stop, None, warn)?;
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
