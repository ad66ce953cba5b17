//! `hookq listen`: a local receiver that verifies signatures, for CI
//! smoke tests ("does my producer send correctly signed webhooks?").
//!
//! hyper serves HTTP/1.1 on a current-thread tokio runtime, one request
//! per connection (no keep-alive), so the bytes a connection sent are that
//! request's head: it is read again with httparse to show header names in
//! the case they were sent, which hyper does not keep. Bounded: a
//! header-read timeout, a body deadline and size limit, a cap on open
//! connections; it never makes a request of its own.
//!
//! Only POSTs are deliveries: `GET /healthz` (a readiness probe) is
//! answered 200 and any other method 405, neither printed nor counted.
//!
//! Each request is checked (Mautic's `Webhook-Signature` with the Mautic
//! secret, or Standard Webhooks with the `whsec_` key when the request
//! carries `webhook-timestamp` or only that key was given), printed (one
//! line, or one JSON object with `--json`) and answered: 401 for a bad
//! signature, 500 for the first `--fail-first` requests, then `--status`.

use std::collections::BTreeMap;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context as TaskContext, Poll};
use std::time::Duration;

use anyhow::{Context, Result};
use base64::Engine;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::header::HeaderMap;
use hyper::server::conn::http1;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use serde_json::{Map, Value, json};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpListener;
use tokio::sync::{Semaphore, watch};

use crate::delivery::sign;
use crate::error::code;
use crate::model::{format_date, now};
use crate::output::Out;

/// A request body larger than this is answered 413.
pub const BODY_MAX: usize = 32 * 1024 * 1024;
/// A client gets this long to send its headers, and again its body.
const HEADER_TIMEOUT: Duration = Duration::from_secs(10);
const BODY_TIMEOUT: Duration = Duration::from_secs(30);
/// Open connections at once; more wait in the kernel's backlog.
const MAX_CONNECTIONS: usize = 256;
/// Bytes of a connection kept to read its head again.
const HEAD_MAX: usize = 64 * 1024;
/// How long stopping waits for requests in flight.
const DRAIN_TIMEOUT: Duration = Duration::from_secs(5);

pub struct Config {
    pub addr: SocketAddr,
    /// Checks Mautic's `Webhook-Signature`.
    pub mautic_secret: Option<String>,
    /// Checks Standard Webhooks signatures (the decoded `whsec_` key).
    pub standard_key: Option<Vec<u8>>,
    pub count: Option<u64>,
    pub timeout: Option<Duration>,
    pub status: u16,
    pub fail_first: u64,
    pub require_types: Vec<String>,
    pub port_file: Option<PathBuf>,
    pub out: Out,
}

/// Listen until `count` requests were verified, a bad signature, the
/// timeout or a signal; the value is the exit code.
pub fn run(cfg: Config) -> Result<u8> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("could not start the async runtime")?;
    rt.block_on(serve(cfg))
}

/// What a request's signature came to.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Verdict {
    Ok(&'static str),
    Bad(&'static str, String),
    /// No secret was given.
    Unchecked,
}

impl Verdict {
    fn word(&self) -> &'static str {
        match self {
            Verdict::Ok(_) => "ok",
            Verdict::Bad(..) => "bad",
            Verdict::Unchecked => "unchecked",
        }
    }

    fn scheme(&self) -> Option<&'static str> {
        match self {
            Verdict::Ok(s) | Verdict::Bad(s, _) => Some(s),
            Verdict::Unchecked => None,
        }
    }

    fn text(&self) -> String {
        match self {
            Verdict::Ok(s) => format!("signature ok ({s})"),
            Verdict::Bad(s, why) => format!("signature BAD ({s}: {why})"),
            Verdict::Unchecked => String::from("signature not checked (no secret given)"),
        }
    }
}

fn check(cfg: &Config, headers: &HeaderMap, body: &[u8]) -> Verdict {
    let get = |n: &str| headers.get(n).and_then(|v| v.to_str().ok());
    let standard = |key: &[u8]| {
        let (Some(id), Some(ts), Some(sig)) = (
            get("webhook-id"),
            get("webhook-timestamp"),
            get("webhook-signature"),
        ) else {
            return Verdict::Bad(
                "standard",
                String::from("webhook-id, webhook-timestamp and webhook-signature are required"),
            );
        };
        match sign::standard_check(key, id, ts, body, sig, now(), Some(sign::TOLERANCE_SECS)) {
            Ok(()) => Verdict::Ok("standard"),
            Err(why) => Verdict::Bad("standard", why),
        }
    };
    let mautic = |secret: &str| {
        let Some(sig) = get("webhook-signature") else {
            return Verdict::Bad("mautic", String::from("no Webhook-Signature header"));
        };
        match sign::verify(secret, body, sig) {
            Ok(true) => Verdict::Ok("mautic"),
            Ok(false) => Verdict::Bad(
                "mautic",
                String::from("Webhook-Signature does not match the body"),
            ),
            Err(_) => Verdict::Bad("mautic", String::from("Webhook-Signature is not base64")),
        }
    };
    match (&cfg.standard_key, &cfg.mautic_secret) {
        (None, None) => Verdict::Unchecked,
        (Some(key), None) => standard(key),
        (None, Some(secret)) => mautic(secret),
        // Both: the request's headers say which.
        (Some(key), Some(secret)) if headers.contains_key("webhook-timestamp") => standard(key),
        (Some(_), Some(secret)) => mautic(secret),
    }
}

/// Event types and counts of a Mautic-shaped body, in body order.
fn event_types(body: &[u8]) -> Vec<(String, usize)> {
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(m)) => m
            .iter()
            .filter_map(|(k, v)| v.as_array().map(|a| (k.clone(), a.len())))
            .collect(),
        _ => Vec::new(),
    }
}

/// Header names and values as sent, from the connection's own bytes;
/// hyper's (lower-cased names) when those do not parse.
fn sent_headers(seen: &[u8], parsed: &HeaderMap) -> Vec<(String, String)> {
    let mut buf = [httparse::EMPTY_HEADER; 128];
    let mut req = httparse::Request::new(&mut buf);
    if let Ok(httparse::Status::Complete(_)) = req.parse(seen) {
        return req
            .headers
            .iter()
            .map(|h| {
                (
                    h.name.to_owned(),
                    String::from_utf8_lossy(h.value).into_owned(),
                )
            })
            .collect();
    }
    parsed
        .iter()
        .map(|(n, v)| {
            (
                n.as_str().to_owned(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect()
}

/// Requests seen so far, under one lock so lines come out in order.
#[derive(Default)]
struct Tally {
    arrived: u64,
    /// Verified and answered with `--status`.
    accepted: u64,
    types: BTreeMap<String, usize>,
}

struct Shared {
    cfg: Config,
    tally: Mutex<Tally>,
    /// The exit code, once decided (the first decision stands).
    exit: watch::Sender<Option<u8>>,
}

impl Shared {
    fn finish(&self, code: u8, why: Option<String>) {
        self.exit.send_if_modified(|c| {
            if c.is_some() {
                return false;
            }
            if let Some(why) = why {
                eprintln!("hookq: listen: {why}");
            }
            *c = Some(code);
            true
        });
    }
}

fn answer(status: u16, text: &str) -> Response<Full<Bytes>> {
    let mut r = Response::new(Full::new(Bytes::from(format!("{text}\n"))));
    *r.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
    r.headers_mut().insert(
        hyper::header::CONTENT_TYPE,
        hyper::header::HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    r
}

async fn handle(
    shared: Arc<Shared>,
    seen: Arc<Mutex<Vec<u8>>>,
    req: Request<Incoming>,
) -> Result<Response<Full<Bytes>>, Infallible> {
    let (parts, body) = req.into_parts();
    let path = parts
        .uri
        .path_and_query()
        .map_or_else(|| String::from("/"), |p| p.as_str().to_owned());
    // Deliveries are POSTs. A readiness probe (`GET /healthz`) is answered
    // 200, anything else not a POST 405; neither is a delivery, so
    // neither is printed or counted (a probe must not end a --count run
    // as a bad signature).
    if parts.method != hyper::Method::POST {
        let probe = matches!(parts.method, hyper::Method::GET | hyper::Method::HEAD)
            && parts.uri.path() == "/healthz";
        if probe {
            return Ok(answer(200, "ok"));
        }
        let mut r = answer(405, "hookq listen takes POST deliveries (and GET /healthz)");
        r.headers_mut().insert(
            hyper::header::ALLOW,
            hyper::header::HeaderValue::from_static("POST"),
        );
        return Ok(r);
    }
    let body =
        match tokio::time::timeout(BODY_TIMEOUT, Limited::new(body, BODY_MAX).collect()).await {
            Err(_) => return Ok(answer(408, "the body did not arrive in time")),
            Ok(Err(e)) if e.is::<http_body_util::LengthLimitError>() => {
                eprintln!(
                    "hookq: listen: {} {path}: body over {} MiB refused (413)",
                    parts.method,
                    BODY_MAX >> 20
                );
                return Ok(answer(413, "body too large"));
            }
            Ok(Err(_)) => return Ok(answer(400, "the body could not be read")),
            Ok(Ok(c)) => c.to_bytes(),
        };
    let headers = {
        let seen = seen.lock().unwrap_or_else(|e| e.into_inner());
        sent_headers(&seen, &parts.headers)
    };
    let cfg = &shared.cfg;
    let verdict = check(cfg, &parts.headers, &body);
    let types = event_types(&body);
    let id = parts
        .headers
        .get("webhook-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-")
        .to_owned();

    let mut tally = shared.tally.lock().unwrap_or_else(|e| e.into_inner());
    let n = tally.arrived;
    tally.arrived += 1;
    let bad = matches!(verdict, Verdict::Bad(..));
    let status = if bad {
        401
    } else if n < cfg.fail_first {
        500
    } else {
        cfg.status
    };
    let counted = !bad && status == cfg.status && n >= cfg.fail_first;
    if counted {
        tally.accepted += 1;
        for (t, c) in &types {
            *tally.types.entry(t.clone()).or_default() += c;
        }
    }
    let time = format_date(now());
    let line = if cfg.out.json {
        let (text, b64) = match std::str::from_utf8(&body) {
            Ok(t) => (Some(t), None),
            Err(_) => (
                None,
                Some(base64::engine::general_purpose::STANDARD.encode(&body)),
            ),
        };
        let mut h = Map::new();
        for (name, value) in headers {
            match h.get_mut(&name) {
                Some(Value::String(prev)) => {
                    prev.push_str(", ");
                    prev.push_str(&value);
                }
                _ => {
                    h.insert(name, Value::String(value));
                }
            }
        }
        let events: Map<String, Value> = types.iter().map(|(t, c)| (t.clone(), json!(c))).collect();
        json!({
            "time": time,
            "method": parts.method.as_str(),
            "path": path,
            "headers": h,
            "body": text,
            "bodyBase64": b64,
            "events": events,
            "verdict": verdict.word(),
            "scheme": verdict.scheme(),
            "reason": match &verdict { Verdict::Bad(_, why) => Some(why.as_str()), _ => None },
            "status": status,
        })
        .to_string()
    } else {
        let events = if types.is_empty() {
            String::from("no events")
        } else {
            types
                .iter()
                .map(|(t, c)| format!("{t} x{c}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        format!(
            "{time} {} {path} id {id} {events}; {}; answered {status}",
            parts.method,
            verdict.text()
        )
    };
    // A closed stdout ends nothing here: the exit code still tells.
    let _ = cfg.out.text(&line);
    if let Verdict::Bad(scheme, why) = &verdict {
        shared.finish(
            code::FAILURE,
            Some(format!("bad {scheme} signature on {path}: {why}")),
        );
    } else if counted && cfg.count == Some(tally.accepted) {
        let missing: Vec<&str> = cfg
            .require_types
            .iter()
            .filter(|t| !tally.types.contains_key(t.as_str()))
            .map(String::as_str)
            .collect();
        if missing.is_empty() {
            shared.finish(code::SUCCESS, None);
        } else {
            shared.finish(
                code::FAILURE,
                Some(format!(
                    "{} requests arrived without event type {}",
                    tally.accepted,
                    missing.join(", ")
                )),
            );
        }
    }
    drop(tally);
    let text = match (&verdict, status) {
        (Verdict::Bad(_, why), _) => format!("bad signature: {why}"),
        (_, 500) if n < cfg.fail_first => String::from("failing on purpose (--fail-first)"),
        _ => String::from("ok"),
    };
    Ok(answer(status, &text))
}

/// An IO that keeps the first bytes read from it.
struct Tap<T> {
    inner: T,
    seen: Arc<Mutex<Vec<u8>>>,
}

impl<T: AsyncRead + Unpin> AsyncRead for Tap<T> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut TaskContext<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let this = self.get_mut();
        let before = buf.filled().len();
        let r = Pin::new(&mut this.inner).poll_read(cx, buf);
        if let Poll::Ready(Ok(())) = r {
            let mut seen = this.seen.lock().unwrap_or_else(|e| e.into_inner());
            let room = HEAD_MAX.saturating_sub(seen.len());
            let new = &buf.filled()[before..];
            seen.extend_from_slice(&new[..new.len().min(room)]);
        }
        r
    }
}

impl<T: AsyncWrite + Unpin> AsyncWrite for Tap<T> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut TaskContext<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.get_mut().inner).poll_write(cx, buf)
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut TaskContext<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut TaskContext<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }
}

/// Write the port where a script polling the file never reads half of it.
fn write_port_file(path: &std::path::Path, port: u16) -> Result<()> {
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".tmp");
    let tmp = PathBuf::from(tmp);
    std::fs::write(&tmp, format!("{port}\n"))
        .and_then(|()| std::fs::rename(&tmp, path))
        .with_context(|| format!("could not write --port-file {}", path.display()))
}

async fn serve(cfg: Config) -> Result<u8> {
    let listener = TcpListener::bind(cfg.addr)
        .await
        .with_context(|| format!("could not listen on {}", cfg.addr))?;
    let local = listener.local_addr()?;
    if let Some(f) = &cfg.port_file {
        write_port_file(f, local.port())?;
    }
    eprintln!("listening on http://{local}");
    let (exit, mut decided) = watch::channel(None);
    let timeout = cfg.timeout;
    let shared = Arc::new(Shared {
        cfg,
        tally: Mutex::new(Tally::default()),
        exit,
    });
    let graceful = GracefulShutdown::new();
    let slots = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(HEADER_TIMEOUT)
        .keep_alive(false);
    let deadline = async {
        match timeout {
            Some(d) => tokio::time::sleep(d).await,
            None => std::future::pending().await,
        }
    };
    tokio::pin!(deadline);
    let stop = crate::serve::shutdown_signal();
    tokio::pin!(stop);
    let not_reached = |shared: &Shared| u8::from(shared.cfg.count.is_some());
    let code = loop {
        let permit = tokio::select! {
            p = Arc::clone(&slots).acquire_owned() => p.context("connection slots closed")?,
            _ = decided.changed() => break (*decided.borrow()).unwrap_or(code::FAILURE),
            () = &mut deadline => break timed_out(&shared),
            () = &mut stop => break not_reached(&shared),
        };
        let stream = tokio::select! {
            r = listener.accept() => match r {
                Ok((s, _)) => s,
                Err(e) => {
                    eprintln!("hookq: listen: accept failed: {e}");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            _ = decided.changed() => break (*decided.borrow()).unwrap_or(code::FAILURE),
            () = &mut deadline => break timed_out(&shared),
            () = &mut stop => break not_reached(&shared),
        };
        let seen = Arc::new(Mutex::new(Vec::new()));
        let io = Tap {
            inner: stream,
            seen: Arc::clone(&seen),
        };
        let shared = Arc::clone(&shared);
        let service = hyper::service::service_fn(move |req| {
            handle(Arc::clone(&shared), Arc::clone(&seen), req)
        });
        let conn = graceful.watch(builder.serve_connection(TokioIo::new(io), service));
        tokio::spawn(async move {
            let _ = conn.await;
            drop(permit);
        });
    };
    drop(listener);
    // Answers being written (the one that decided the exit above among
    // them) are let finish.
    let _ = tokio::time::timeout(DRAIN_TIMEOUT, graceful.shutdown()).await;
    Ok(code)
}

/// `--timeout` passed: a failure when `--count` was not reached.
fn timed_out(shared: &Shared) -> u8 {
    let tally = shared.tally.lock().unwrap_or_else(|e| e.into_inner());
    match shared.cfg.count {
        Some(n) => {
            eprintln!(
                "hookq: listen: --timeout passed with {} of {n} requests verified ({} arrived)",
                tally.accepted, tally.arrived
            );
            code::FAILURE
        }
        None => code::SUCCESS,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_types_are_counted_in_body_order() {
        let body = br#"{"b":[{},{}],"a":[{}],"x":1}"#;
        assert_eq!(
            event_types(body),
            vec![(String::from("b"), 2), (String::from("a"), 1)]
        );
        assert!(event_types(b"not json").is_empty());
    }

    #[test]
    fn sent_headers_keep_their_case() {
        let head = b"POST /h HTTP/1.1\r\nWebhook-Signature: abc\r\nwebhook-id: 1\r\n\r\n";
        let h = sent_headers(head, &HeaderMap::new());
        assert_eq!(
            h,
            vec![
                (String::from("Webhook-Signature"), String::from("abc")),
                (String::from("webhook-id"), String::from("1"))
            ]
        );
    }
}
