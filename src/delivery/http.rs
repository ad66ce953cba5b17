//! The one HTTP call: a signed POST through one shared `ureq::Agent`.
//!
//! Timeouts are set per stage (connect 5s, then `timeout` for sending the
//! request, sending the body, waiting for the response and reading it):
//! ureq's global timeout starts a thread per request and halves
//! throughput. The idle pool holds one connection per concurrent worker,
//! so parallel workers reuse connections instead of reconnecting.
//! Redirects are never followed: a 3xx is a failed attempt.

use std::collections::HashMap;
use std::io::Read;
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime};

use crate::netguard;

use super::retry::parse_retry_after;
use super::sign::Signature;

/// Response bytes read to keep a connection reusable; more closes it.
const READ_MAX: u64 = 64 * 1024;

/// What happened to one POST.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// `None`: no HTTP response (refused, reset, timeout, blocked address).
    pub status: Option<u16>,
    /// Reason, error class and response excerpt, for the log note.
    pub note: String,
    pub retry_after: Option<Duration>,
    pub elapsed: Duration,
    /// The start of the response body, for `hookq test`.
    pub excerpt: String,
}

impl Outcome {
    pub fn ok(&self) -> bool {
        self.status.is_some_and(|s| (200..300).contains(&s))
    }

    /// Seconds the attempt took, to 0.1 ms, as logs and `test` show it.
    pub fn runtime(&self) -> f64 {
        (self.elapsed.as_secs_f64() * 10_000.0).round() / 10_000.0
    }

    /// The status as the log stores it: digits, or `N/A`.
    pub fn status_text(&self) -> String {
        self.status
            .map_or_else(|| String::from("N/A"), |s| s.to_string())
    }
}

/// One delivery: its URL, body, batch id and signature. Header names go
/// out in the exact case Mautic sends (or the standard's lower case).
pub struct Signed<'a> {
    pub url: &'a str,
    pub body: &'a str,
    pub signature: &'a Signature,
    pub webhook_id: &'a str,
}

pub struct Client {
    agent: ureq::Agent,
    timeout: Duration,
    site_url: String,
    user_agent: String,
    block_private: bool,
    /// Address checks per URL, done once per run.
    checked: Mutex<HashMap<String, Result<(), String>>>,
}

impl Client {
    pub fn new(timeout: Duration, concurrency: u32, site_url: &str, block_private: bool) -> Client {
        let stage = Some(timeout);
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .user_agent("")
            .accept("")
            .timeout_connect(Some(timeout.min(Duration::from_secs(5))))
            .timeout_send_request(stage)
            .timeout_send_body(stage)
            .timeout_recv_response(stage)
            .timeout_recv_body(stage)
            .max_idle_connections_per_host(concurrency.max(1) as usize)
            .max_idle_connections((concurrency.max(1) as usize) * 4)
            .build();
        Client {
            agent: ureq::Agent::new_with_config(config),
            timeout,
            site_url: site_url.to_owned(),
            user_agent: format!("hookq/{}", env!("CARGO_PKG_VERSION")),
            block_private,
            checked: Mutex::new(HashMap::new()),
        }
    }

    /// Refuse metadata addresses always, private ones when configured.
    /// A run checks each webhook URL once, not once per request.
    fn check_address(&self, url: &str) -> Result<(), String> {
        let mut cache = self.checked.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(verdict) = cache.get(url) {
            return verdict.clone();
        }
        let verdict = netguard::check_url(url, self.block_private, true)
            .map_err(|why| format!("blocked: {why}"));
        cache.insert(url.to_owned(), verdict.clone());
        verdict
    }

    pub fn post(&self, req: &Signed<'_>) -> Outcome {
        let start = Instant::now();
        let fail = |note: String| Outcome {
            status: None,
            note,
            retry_after: None,
            elapsed: start.elapsed(),
            excerpt: String::new(),
        };
        if let Err(why) = self.check_address(req.url) {
            return fail(why);
        }
        let post = self
            .agent
            .post(req.url)
            .header_raw("Content-Type", b"application/json");
        let sent = match req.signature {
            Signature::Mautic(sig) => post
                .header_raw("Webhook-Signature", sig.as_bytes())
                .header_raw("X-Origin-Base-URL", self.site_url.as_bytes())
                .header_raw("User-Agent", self.user_agent.as_bytes())
                .header_raw("Webhook-Id", req.webhook_id.as_bytes()),
            // The same names to HTTP as Mautic's `Webhook-Id` and
            // `Webhook-Signature`, so a webhook sends one scheme's.
            Signature::Standard {
                timestamp,
                signatures,
            } => post
                .header_raw("webhook-id", req.webhook_id.as_bytes())
                .header_raw("webhook-timestamp", timestamp.to_string().as_bytes())
                .header_raw("webhook-signature", signatures.as_bytes())
                .header_raw("X-Origin-Base-URL", self.site_url.as_bytes())
                .header_raw("User-Agent", self.user_agent.as_bytes()),
        }
        .send(req.body.as_bytes());
        let mut resp = match sent {
            Ok(r) => r,
            Err(e) => return fail(self.describe(&e)),
        };
        let status = resp.status().as_u16();
        let header = |name: &str| {
            resp.headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        let retry_after = if status == 429 || status == 503 {
            header("retry-after").and_then(|v| parse_retry_after(&v, SystemTime::now()))
        } else {
            None
        };
        let location = header("location");
        let mut buf = Vec::new();
        let read = resp
            .body_mut()
            .as_reader()
            .take(READ_MAX)
            .read_to_end(&mut buf);
        if let Err(e) = read {
            // A response cut off part way is not an answer: the receiver may
            // not have finished, and sending again is safe (same Webhook-Id).
            return fail(format!(
                "HTTP {status} response cut off: {}",
                self.describe_read(&e)
            ));
        }
        let excerpt = String::from_utf8_lossy(&buf[..buf.len().min(512)])
            .trim()
            .to_owned();
        let mut note = match status {
            200..=299 => String::new(),
            300..=399 => format!(
                "redirect not followed (Location: {})",
                location.as_deref().unwrap_or("none")
            ),
            // What follows from it is the caller's to say: a delivery
            // unpublishes the webhook, `test` changes nothing.
            410 => String::from("410 Gone: the receiver asked to stop"),
            _ => format!("HTTP {status}"),
        };
        if let Some(r) = retry_after {
            note.push_str(&format!(" (Retry-After {}s)", r.as_secs()));
        }
        if !excerpt.is_empty() && !(200..300).contains(&status) {
            note.push_str(": ");
            note.push_str(&excerpt);
        }
        Outcome {
            status: Some(status),
            note: note.trim().to_owned(),
            retry_after,
            elapsed: start.elapsed(),
            excerpt,
        }
    }

    fn describe(&self, e: &ureq::Error) -> String {
        match e {
            ureq::Error::Timeout(stage) => {
                format!("timeout after {}s ({stage})", self.timeout.as_secs())
            }
            ureq::Error::Io(io) => format!("connection error: {}", io_class(io)),
            ureq::Error::HostNotFound => String::from("host not found"),
            ureq::Error::ConnectionFailed => String::from("connection failed"),
            other => format!("request failed: {other}"),
        }
    }

    /// A body read error, which wraps ureq's own error when it has one.
    fn describe_read(&self, e: &std::io::Error) -> String {
        match e
            .get_ref()
            .and_then(|inner| inner.downcast_ref::<ureq::Error>())
        {
            Some(u) => self.describe(u),
            None => io_class(e),
        }
    }
}

fn io_class(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        ConnectionRefused => String::from("connection refused"),
        ConnectionReset => String::from("connection reset"),
        ConnectionAborted => String::from("connection aborted"),
        UnexpectedEof => String::from("connection closed before a full response"),
        TimedOut | WouldBlock => String::from("timed out"),
        _ => e.to_string(),
    }
}
