//! `hookq serve`: the HTTP front. Mautic's REST API for hooks, so Mautic
//! API clients (the PHP `mautic/api-library`, n8n's Mautic nodes) manage
//! hookq unchanged, plus hookq's own routes.
//!
//! A route parses its request into the plain input a CLI command would
//! build, calls the same use case (`service/`) and answers with the same
//! documents `--json` prints (`output.rs`); see `routes.rs`.
//!
//! The server is hyper on tokio with axum's router. Each connection gets
//! a header-read timeout (a client that never finishes its headers is
//! dropped, and so is an idle keep-alive connection), each request body
//! a deadline and a size limit, and the number
//! of open connections a cap; past it, new connections wait in the
//! kernel's backlog. One client address may hold at most
//! `--max-connections-per-ip` of them (64): its next one is closed at
//! once, so a flood from one address leaves room for health checks and
//! everyone else. SIGINT/SIGTERM stop accepting, let in-flight requests
//! (and with `--deliver`, in-flight deliveries) finish, and exit 0.

mod app;
mod auth;
mod console;
mod deliver;
mod hookq;
mod metrics;
pub mod openapi;

/// What utoipa derives from the API's handlers (the document's start).
fn api_document() -> utoipa::openapi::OpenApi {
    routes::api_router().split_for_parts().1
}
mod params;
mod reply;
mod routes;

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::Mutex;
use std::time::Duration;

use anyhow::{Context, Result};
use axum::extract::ConnectInfo;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower::ServiceExt;

pub use app::App;

/// Open connections served at once.
const MAX_CONNECTIONS: usize = 1024;
/// Threads for blocking store calls and checks.
const BLOCKING_THREADS: usize = 8;
/// How long shutdown waits for in-flight requests.
const DRAIN_TIMEOUT: Duration = Duration::from_secs(30);

pub struct Options {
    pub db: PathBuf,
    pub listen: SocketAddr,
    pub deliver: bool,
    pub no_auth: bool,
    pub verbose: bool,
    /// A client gets this long to send a request's headers.
    pub header_timeout: Duration,
    /// `--deliver` looks for due work unannounced this often.
    pub poll: Duration,
    /// `--trusted-proxy`: peers whose `X-Forwarded-For` names the client.
    pub trusted_proxies: Vec<IpAddr>,
    /// Connections one client address may hold open at once.
    pub max_connections_per_ip: usize,
    /// `--no-console`: the API only, no pages.
    pub no_console: bool,
}

/// Serve until SIGINT or SIGTERM.
pub fn run(opts: Options) -> Result<()> {
    let auth = if opts.no_auth {
        None
    } else {
        Some(Arc::new(auth::Auth::new(opts.trusted_proxies.clone())?))
    };
    let app = App::new(opts.db.clone(), auth, opts.verbose, opts.poll)?;
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_name("hookq-serve")
        // Store calls wait in line rather than each getting a thread (and
        // an allocator arena, which keeps what it once held).
        .max_blocking_threads(BLOCKING_THREADS)
        .build()
        .context("could not start the async runtime")?;
    rt.block_on(serve(app, &opts))
}

async fn serve(app: Arc<App>, opts: &Options) -> Result<()> {
    let listener = TcpListener::bind(opts.listen)
        .await
        .with_context(|| format!("could not listen on {}", opts.listen))?;
    let local = listener.local_addr()?;
    eprintln!(
        "hookq: serving the API{} on http://{local} ({})",
        if opts.no_console {
            ""
        } else {
            " and the console"
        },
        app.describe
    );
    let router = routes::router(Arc::clone(&app), !opts.no_console);
    if opts.deliver {
        app.start_engine();
    }
    let graceful = GracefulShutdown::new();
    let slots = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    let per_ip = Arc::new(PerIp::default());
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(opts.header_timeout);
    let stop = shutdown_signal();
    tokio::pin!(stop);
    loop {
        let permit = tokio::select! {
            p = Arc::clone(&slots).acquire_owned() => p.context("connection slots closed")?,
            () = &mut stop => break,
        };
        let (stream, peer) = tokio::select! {
            r = listener.accept() => match r {
                Ok(c) => c,
                Err(e) => {
                    // Out of file descriptors and the like: wait, go on.
                    eprintln!("hookq: serve: accept failed: {e}");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut stop => break,
        };
        // One address may hold only so many of the slots: past its share
        // a new connection is closed at once, so the rest (a health
        // check, other clients) still get in.
        let Some(held) = PerIp::take(&per_ip, peer.ip(), opts.max_connections_per_ip) else {
            if opts.verbose {
                eprintln!(
                    "hookq: serve: {} holds {} connections already; closed a new one",
                    peer.ip(),
                    opts.max_connections_per_ip
                );
            }
            drop(stream);
            continue;
        };
        let _ = stream.set_nodelay(true);
        let router = router.clone();
        let service =
            hyper::service::service_fn(move |mut req: hyper::Request<hyper::body::Incoming>| {
                req.extensions_mut().insert(ConnectInfo(peer));
                let router = router.clone();
                async move { router.oneshot(req.map(axum::body::Body::new)).await }
            });
        let conn = graceful.watch(builder.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            let _ = conn.await;
            drop(held);
            drop(permit);
        });
    }
    drop(listener);
    eprintln!("hookq: stopping: finishing requests in flight");
    if tokio::time::timeout(DRAIN_TIMEOUT, graceful.shutdown())
        .await
        .is_err()
    {
        eprintln!("hookq: some requests were still running after {DRAIN_TIMEOUT:?}; closing them");
    }
    app.stop_engine().await;
    Ok(())
}

/// Open connections per client address.
#[derive(Default)]
struct PerIp(Mutex<HashMap<IpAddr, usize>>);

/// One connection counted against its address; uncounted when dropped.
struct Held(Arc<PerIp>, IpAddr);

impl PerIp {
    /// Count a connection from `ip`, unless it holds `max` already.
    fn take(this: &Arc<PerIp>, ip: IpAddr, max: usize) -> Option<Held> {
        let mut map = this.0.lock().unwrap_or_else(|e| e.into_inner());
        let n = map.entry(ip).or_insert(0);
        if *n >= max {
            return None;
        }
        *n += 1;
        Some(Held(Arc::clone(this), ip))
    }
}

impl Drop for Held {
    fn drop(&mut self) {
        let mut map = self.0.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(n) = map.get_mut(&self.1) {
            *n -= 1;
            if *n == 0 {
                map.remove(&self.1);
            }
        }
    }
}

/// Resolves on the first SIGINT or SIGTERM.
pub(crate) async fn shutdown_signal() {
    use tokio::signal::unix::{SignalKind, signal};
    let (Ok(mut int), Ok(mut term)) = (
        signal(SignalKind::interrupt()),
        signal(SignalKind::terminate()),
    ) else {
        // Without handlers the default action (exit) applies.
        std::future::pending::<()>().await;
        return;
    };
    tokio::select! {
        _ = int.recv() => {}
        _ = term.recv() => {}
    }
}
