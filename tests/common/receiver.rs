//! A recording HTTP receiver on 127.0.0.1 (ephemeral port) for tests.
//!
//! It keeps each request raw (header names with their case, body bytes)
//! and answers from a script: a status with headers, after a delay, or a
//! fault (hang, close mid-response, reset). Every wait is bounded, and the
//! receiver stops when dropped.

#![allow(dead_code)]

use std::collections::VecDeque;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

#[derive(Debug, Clone)]
pub struct Request {
    pub method: String,
    pub path: String,
    /// Header names exactly as sent.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// When it was read whole.
    pub at: Instant,
}

impl Request {
    /// A header by its exact, case-sensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn body_str(&self) -> &str {
        std::str::from_utf8(&self.body).expect("body is UTF-8")
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).expect("body is JSON")
    }
}

#[derive(Debug, Clone)]
pub enum Reply {
    /// Status, extra headers, body.
    Status(u16, Vec<(String, String)>, String),
    /// Wait, then reply.
    After(Duration, Box<Reply>),
    /// Read the request, then say nothing (until the receiver is dropped).
    Hang,
    /// Start a response and close the connection part way through.
    CloseMidResponse,
    /// Close without reading the body, which makes the kernel send RST.
    Reset,
}

impl Reply {
    pub fn status(code: u16) -> Reply {
        Reply::Status(code, vec![], String::from("ok"))
    }

    pub fn with_header(code: u16, name: &str, value: &str) -> Reply {
        Reply::Status(code, vec![(name.into(), value.into())], String::new())
    }

    pub fn slow(delay: Duration, code: u16) -> Reply {
        Reply::After(delay, Box::new(Reply::status(code)))
    }
}

struct Shared {
    requests: Mutex<Vec<Request>>,
    script: Mutex<VecDeque<Reply>>,
    default: Mutex<Reply>,
    stop: AtomicBool,
    in_flight: std::sync::atomic::AtomicUsize,
    max_in_flight: std::sync::atomic::AtomicUsize,
}

pub struct Receiver {
    pub port: u16,
    shared: Arc<Shared>,
}

impl Receiver {
    /// Start a receiver answering `default` unless a scripted reply is queued.
    pub fn start(default: Reply) -> Receiver {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        let port = listener.local_addr().unwrap().port();
        listener.set_nonblocking(true).unwrap();
        let shared = Arc::new(Shared {
            requests: Mutex::new(Vec::new()),
            script: Mutex::new(VecDeque::new()),
            default: Mutex::new(default),
            stop: AtomicBool::new(false),
            in_flight: Default::default(),
            max_in_flight: Default::default(),
        });
        let s = Arc::clone(&shared);
        thread::spawn(move || {
            while !s.stop.load(Ordering::Relaxed) {
                match listener.accept() {
                    Ok((stream, _)) => {
                        let s = Arc::clone(&s);
                        thread::spawn(move || serve(stream, &s));
                    }
                    Err(_) => thread::sleep(Duration::from_millis(2)),
                }
            }
        });
        Receiver { port, shared }
    }

    pub fn ok() -> Receiver {
        Receiver::start(Reply::status(200))
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// Queue replies for the next requests, in order.
    pub fn script(&self, replies: impl IntoIterator<Item = Reply>) {
        self.shared.script.lock().unwrap().extend(replies);
    }

    pub fn set_default(&self, r: Reply) {
        *self.shared.default.lock().unwrap() = r;
    }

    pub fn requests(&self) -> Vec<Request> {
        self.shared.requests.lock().unwrap().clone()
    }

    pub fn count(&self) -> usize {
        self.shared.requests.lock().unwrap().len()
    }

    /// The most requests that were being answered at the same time.
    pub fn max_in_flight(&self) -> usize {
        self.shared.max_in_flight.load(Ordering::Relaxed)
    }

    /// Wait (bounded) until at least `n` requests arrived.
    pub fn wait_for(&self, n: usize, timeout: Duration) -> bool {
        let end = Instant::now() + timeout;
        while Instant::now() < end {
            if self.count() >= n {
                return true;
            }
            thread::sleep(Duration::from_millis(5));
        }
        false
    }
}

impl Drop for Receiver {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::Relaxed);
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Read what has arrived into `buf`; false when the connection is done
/// (closed, failed, or the receiver is stopping).
fn read_more(stream: &mut TcpStream, buf: &mut Vec<u8>, s: &Shared) -> bool {
    let mut chunk = [0u8; 64 * 1024];
    match stream.read(&mut chunk) {
        Ok(0) => false,
        Ok(n) => {
            buf.extend_from_slice(&chunk[..n]);
            true
        }
        Err(e)
            if matches!(
                e.kind(),
                std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
            ) =>
        {
            !s.stop.load(Ordering::Relaxed)
        }
        Err(_) => false,
    }
}

/// Serve requests on one connection (keep-alive) until it closes.
fn serve(mut stream: TcpStream, s: &Shared) {
    let _ = stream.set_read_timeout(Some(Duration::from_millis(200)));
    let mut buf: Vec<u8> = Vec::new();
    let started = Instant::now();
    loop {
        if s.stop.load(Ordering::Relaxed) || started.elapsed() > Duration::from_secs(120) {
            return;
        }
        // Read the head.
        let head_end = loop {
            if let Some(i) = find(&buf, b"\r\n\r\n") {
                break i + 4;
            }
            if !read_more(&mut stream, &mut buf, s) {
                return;
            }
        };
        let mut headers = [httparse::EMPTY_HEADER; 64];
        let mut req = httparse::Request::new(&mut headers);
        if req.parse(&buf[..head_end]).is_err() {
            return;
        }
        let method = req.method.unwrap_or("").to_owned();
        let path = req.path.unwrap_or("").to_owned();
        let hdrs: Vec<(String, String)> = req
            .headers
            .iter()
            .map(|h| {
                (
                    h.name.to_owned(),
                    String::from_utf8_lossy(h.value).into_owned(),
                )
            })
            .collect();
        let len: usize = hdrs
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
            .and_then(|(_, v)| v.trim().parse().ok())
            .unwrap_or(0);
        let reply = s
            .script
            .lock()
            .unwrap()
            .pop_front()
            .unwrap_or_else(|| s.default.lock().unwrap().clone());
        if let Reply::Reset = reply {
            // Record what we have and close with the body unread: RST.
            s.requests.lock().unwrap().push(Request {
                method,
                path,
                headers: hdrs,
                body: Vec::new(),
                at: Instant::now(),
            });
            let _ = stream.set_nonblocking(false);
            drop(stream);
            return;
        }
        while buf.len() < head_end + len {
            if !read_more(&mut stream, &mut buf, s) {
                return;
            }
        }
        let body = buf[head_end..head_end + len].to_vec();
        buf.drain(..head_end + len);
        s.requests.lock().unwrap().push(Request {
            method,
            path,
            headers: hdrs,
            body,
            at: Instant::now(),
        });
        let now = s.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
        s.max_in_flight.fetch_max(now, Ordering::SeqCst);
        let keep = respond(&mut stream, reply, s);
        s.in_flight.fetch_sub(1, Ordering::SeqCst);
        if !keep {
            return;
        }
    }
}

/// Write the reply; false when the connection must close.
fn respond(stream: &mut TcpStream, reply: Reply, s: &Shared) -> bool {
    match reply {
        Reply::Status(code, headers, body) => {
            let mut out = format!(
                "HTTP/1.1 {code} Whatever\r\nContent-Length: {}\r\n",
                body.len()
            );
            for (n, v) in headers {
                out.push_str(&format!("{n}: {v}\r\n"));
            }
            out.push_str("\r\n");
            out.push_str(&body);
            stream.write_all(out.as_bytes()).is_ok()
        }
        Reply::After(d, inner) => {
            let end = Instant::now() + d;
            while Instant::now() < end && !s.stop.load(Ordering::Relaxed) {
                thread::sleep(Duration::from_millis(5));
            }
            respond(stream, *inner, s)
        }
        Reply::Hang => {
            let end = Instant::now() + Duration::from_secs(60);
            while Instant::now() < end && !s.stop.load(Ordering::Relaxed) {
                thread::sleep(Duration::from_millis(10));
            }
            false
        }
        Reply::CloseMidResponse => {
            let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial");
            let _ = stream.flush();
            false
        }
        Reply::Reset => false,
    }
}
