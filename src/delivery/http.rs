//! The one HTTP call: a signed POST through one shared `ureq::Agent`.
//!
//! Timeouts are set per stage (connect 5s, then `timeout` for sending the
//! request, sending the body, waiting for the response and reading it):
//! ureq's global timeout starts a thread per request and halves
//! throughput. The idle pool holds one connection per concurrent worker,
//! so parallel workers reuse connections instead of reconnecting.
//! Redirects are never followed: a 3xx is a failed attempt.
//!
//! Receiver addresses are checked in the resolver the connection uses
//! ([`Guard`]): a name is looked up once per connection and refused when
//! any address it gives is, so a name cannot pass the check with one
//! address and connect to another (DNS rebinding). Through a proxy the
//! proxy resolves the target; then the URL's host is checked by a lookup of
//! its own before sending (best effort, once per run).

use std::collections::HashMap;
use std::io::Read;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use crate::netguard;

use super::retry::parse_retry_after;
use super::sign::Signature;
use ureq::unversioned::resolver::{DefaultResolver, ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::{DefaultConnector, NextTimeout};

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

    /// The same outcome without anything the response body said: status,
    /// time and hookq's own words only.
    pub fn without_body(mut self) -> Outcome {
        if !self.excerpt.is_empty() {
            if let Some(head) = self.note.strip_suffix(self.excerpt.as_str()) {
                self.note = head.trim_end().trim_end_matches(':').to_owned();
            }
            self.excerpt.clear();
        }
        self
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
    /// The webhook's static headers, sent first (their names were checked
    /// not to be any hookq sets).
    pub headers: &'a [(String, String)],
}

pub struct Client {
    agent: ureq::Agent,
    timeout: Duration,
    site_url: String,
    user_agent: String,
    block_private: bool,
    /// A proxy is configured: the target is checked before sending.
    proxied: bool,
    /// Those checks per URL, done once per run.
    checked: Mutex<HashMap<String, Result<(), String>>>,
    /// Whether a connection went to a loopback or private address.
    reached_private: Arc<AtomicBool>,
}

/// The resolver of every connection: `inner`'s answer, refused when any
/// address in it is (see `netguard`). A proxy's own address is not a
/// receiver's and is not checked.
#[derive(Debug)]
pub struct Guard<R> {
    pub inner: R,
    pub block_private: bool,
    /// Set once a lookup answered with a loopback or private address.
    pub reached_private: Arc<AtomicBool>,
}

impl<R: Resolver> Resolver for Guard<R> {
    fn resolve(
        &self,
        uri: &ureq::http::Uri,
        config: &ureq::config::Config,
        timeout: NextTimeout,
    ) -> Result<ResolvedSocketAddrs, ureq::Error> {
        let addrs = self.inner.resolve(uri, config, timeout)?;
        let is_proxy = config.proxy().is_some_and(|p| {
            uri.host() == Some(p.host()) && uri.port_u16().is_none_or(|port| port == p.port())
        });
        if !is_proxy
            && let Some(why) = addrs
                .iter()
                .find_map(|a| netguard::refusal(a.ip(), self.block_private))
        {
            return Err(ureq::Error::Io(std::io::Error::new(
                std::io::ErrorKind::PermissionDenied,
                format!("blocked: {why}"),
            )));
        }
        if !is_proxy
            && addrs
                .iter()
                .any(|a| matches!(netguard::classify(a.ip()), netguard::Class::Private(_)))
        {
            self.reached_private.store(true, Ordering::Relaxed);
        }
        Ok(addrs)
    }
}

impl Client {
    pub fn new(timeout: Duration, concurrency: u32, site_url: &str, block_private: bool) -> Client {
        Client::with_resolver(
            timeout,
            concurrency,
            site_url,
            block_private,
            DefaultResolver::default(),
        )
    }

    /// [`Client::new`] with `inner` looking names up (tests script it).
    pub fn with_resolver(
        timeout: Duration,
        concurrency: u32,
        site_url: &str,
        block_private: bool,
        inner: impl Resolver,
    ) -> Client {
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
        let proxied = config.proxy().is_some();
        let reached_private = Arc::new(AtomicBool::new(false));
        let guard = Guard {
            inner,
            block_private,
            reached_private: Arc::clone(&reached_private),
        };
        Client {
            agent: ureq::Agent::with_parts(config, DefaultConnector::default(), guard),
            timeout,
            site_url: site_url.to_owned(),
            user_agent: format!("hookq/{}", env!("CARGO_PKG_VERSION")),
            block_private,
            proxied,
            checked: Mutex::new(HashMap::new()),
            reached_private,
        }
    }

    /// Whether any connection so far went to a loopback or private
    /// address (a proxy's own address aside).
    pub fn reached_private(&self) -> bool {
        self.reached_private.load(Ordering::Relaxed)
    }

    /// Through a proxy: check the URL's host with a lookup of its own,
    /// once per URL and run.
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
        if self.proxied
            && let Err(why) = self.check_address(req.url)
        {
            return fail(why);
        }
        let mut post = self.agent.post(req.url);
        for (name, value) in req.headers {
            post = post.header_raw(name.as_str(), value.as_bytes());
        }
        let post = post.header_raw("Content-Type", b"application/json");
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
            // The resolver's refusal (`Guard`), as it words it.
            ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::PermissionDenied => {
                io.to_string()
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

#[cfg(test)]
mod tests {
    use std::io::{Read, Write};
    use std::net::{SocketAddr, TcpListener};
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    /// A resolver that answers each lookup with the next scripted address.
    #[derive(Debug)]
    struct Scripted {
        answers: Vec<SocketAddr>,
        lookups: Arc<AtomicUsize>,
    }

    impl Resolver for Scripted {
        fn resolve(
            &self,
            _uri: &ureq::http::Uri,
            _config: &ureq::config::Config,
            _timeout: NextTimeout,
        ) -> Result<ResolvedSocketAddrs, ureq::Error> {
            let n = self.lookups.fetch_add(1, Ordering::SeqCst);
            let mut out = self.empty();
            out.push(self.answers[n.min(self.answers.len() - 1)]);
            Ok(out)
        }
    }

    /// DNS rebinding (issue 13): a name that answers a loopback receiver
    /// first and the metadata address next. Each connection is made to
    /// the address its own, checked lookup gave: the first reaches the
    /// receiver, the second is refused without connecting anywhere.
    #[test]
    fn a_name_that_answers_differently_connects_only_where_it_was_checked() {
        let server = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = server.local_addr().unwrap().port();
        let accepted = Arc::new(AtomicUsize::new(0));
        let seen = Arc::clone(&accepted);
        std::thread::spawn(move || {
            // One connection at most is expected; answer each and close.
            for conn in server.incoming().take(2) {
                let Ok(mut c) = conn else { return };
                seen.fetch_add(1, Ordering::SeqCst);
                let mut buf = [0u8; 4096];
                let _ = c.read(&mut buf);
                let _ = c.write_all(
                    b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                );
            }
        });
        let lookups = Arc::new(AtomicUsize::new(0));
        let resolver = Scripted {
            answers: vec![
                SocketAddr::from(([127, 0, 0, 1], port)),
                SocketAddr::from(([169, 254, 169, 254], port)),
            ],
            lookups: Arc::clone(&lookups),
        };
        let client = Client::with_resolver(Duration::from_secs(5), 1, "", false, resolver);
        let url = format!("http://rebind.test:{port}/hook");
        let signature = Signature::Mautic(String::from("s"));
        let req = Signed {
            url: &url,
            body: "{}",
            signature: &signature,
            webhook_id: "id",
            headers: &[],
        };
        let first = client.post(&req);
        assert_eq!(first.status, Some(200), "{}", first.note);
        assert_eq!(
            lookups.load(Ordering::SeqCst),
            1,
            "one lookup per connection"
        );
        let second = client.post(&req);
        assert_eq!(second.status, None);
        assert!(
            second
                .note
                .starts_with("blocked: 169.254.169.254 is a cloud metadata or credentials address"),
            "{}",
            second.note
        );
        assert_eq!(lookups.load(Ordering::SeqCst), 2);
        assert_eq!(
            accepted.load(Ordering::SeqCst),
            1,
            "nothing else was reached"
        );

        // With block_private_addresses, the loopback answer is refused too.
        let resolver = Scripted {
            answers: vec![SocketAddr::from(([127, 0, 0, 1], port))],
            lookups: Arc::new(AtomicUsize::new(0)),
        };
        let strict = Client::with_resolver(Duration::from_secs(5), 1, "", true, resolver);
        let refused = strict.post(&req);
        assert!(refused.note.contains("loopback"), "{}", refused.note);
        assert_eq!(accepted.load(Ordering::SeqCst), 1);
    }
}
