//! `hookq serve` for tests: the real binary on an ephemeral loopback port
//! against the test's database, an API user to call it as, and a small
//! HTTP client (ureq) that never treats a status as an error.

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use base64::Engine;
use serde_json::Value;

use super::TestEnv;

pub const USER: &str = "api-tester";
pub const PASSWORD: &str = "test password 123";

/// A running server; stopped (SIGTERM, then SIGKILL) when dropped.
pub struct Server {
    pub child: Child,
    pub port: u16,
    /// Everything it printed on stderr so far.
    pub log: Arc<Mutex<String>>,
    agent: ureq::Agent,
}

/// One answer: status, headers (lower-case names), body.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Answer {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("answer is not JSON ({e}): {}", self.body))
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

impl TestEnv {
    /// Add the test's API user through the CLI.
    #[track_caller]
    pub fn api_user(&self) {
        let out = self.run_stdin(
            &["api-user", "add", USER, "--password-stdin"],
            format!("{PASSWORD}\n").as_bytes(),
        );
        assert!(
            out.status.success(),
            "api-user add: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// Start `hookq serve` with `extra` arguments (an API user is added
    /// first unless `--no-auth` is among them).
    #[track_caller]
    pub fn serve(&self, extra: &[&str]) -> Server {
        if !extra.contains(&"--no-auth") {
            self.api_user();
        }
        let mut args = vec!["serve", "--listen", "127.0.0.1:0"];
        args.extend(extra);
        let mut child = self
            .command(&args)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn hookq serve");
        let stderr = child.stderr.take().unwrap();
        let log = Arc::new(Mutex::new(String::new()));
        let (tx, rx) = std::sync::mpsc::channel();
        let sink = Arc::clone(&log);
        std::thread::spawn(move || {
            let mut lines = BufReader::new(stderr);
            let mut line = String::new();
            let mut sent = false;
            while lines.read_line(&mut line).unwrap_or(0) > 0 {
                if !sent && let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
                    let port: u16 = rest
                        .split(|c: char| !c.is_ascii_digit())
                        .next()
                        .unwrap()
                        .parse()
                        .unwrap();
                    let _ = tx.send(port);
                    sent = true;
                }
                sink.lock().unwrap().push_str(&line);
                line.clear();
            }
        });
        let port = rx
            .recv_timeout(Duration::from_secs(20))
            .unwrap_or_else(|_| panic!("hookq serve did not start: {}", log.lock().unwrap()));
        // A fresh connection per request: the server closes idle
        // keep-alive connections (after --header-timeout), and a pooled
        // connection closed under a slow test would fail its next request.
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            // What the server answers, redirects included (the console's).
            .max_redirects(0)
            .max_idle_connections(0)
            .timeout_global(Some(Duration::from_secs(20)))
            .build()
            .into();
        Server {
            child,
            port,
            log,
            agent,
        }
    }
}

pub fn basic(user: &str, password: &str) -> String {
    let token = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
    format!("Basic {token}")
}

impl Server {
    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// A request as the test user; `body` with its content type.
    pub fn call(&self, method: &str, path: &str, body: Option<(&str, &[u8])>) -> Answer {
        self.call_as(Some(&basic(USER, PASSWORD)), method, path, body)
    }

    /// A request with the given Authorization header (None: without one).
    pub fn call_as(
        &self,
        auth: Option<&str>,
        method: &str,
        path: &str,
        body: Option<(&str, &[u8])>,
    ) -> Answer {
        self.call_with(auth, &[], method, path, body)
    }

    /// [`call_as`] with more headers (a name may repeat).
    pub fn call_with(
        &self,
        auth: Option<&str>,
        headers: &[(&str, &str)],
        method: &str,
        path: &str,
        body: Option<(&str, &[u8])>,
    ) -> Answer {
        let mut req = ureq::http::Request::builder()
            .method(method)
            .uri(self.url(path));
        if let Some(a) = auth {
            req = req.header("Authorization", a);
        }
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        if let Some((ctype, _)) = body {
            req = req.header("Content-Type", ctype);
        }
        let req = req
            .body(body.map_or_else(Vec::new, |(_, b)| b.to_vec()))
            .unwrap();
        let mut res = self.agent.run(req).unwrap_or_else(|e| {
            panic!(
                "{method} {path} ({:?}, {} bytes): {e}\nserver log:\n{}",
                body.map(|b| b.0),
                body.map_or(0, |b| b.1.len()),
                self.log()
            )
        });
        let headers = res
            .headers()
            .iter()
            .map(|(k, v)| (k.as_str().to_owned(), v.to_str().unwrap_or("").to_owned()))
            .collect();
        let status = res.status().as_u16();
        let body = res.body_mut().read_to_string().unwrap_or_default();
        Answer {
            status,
            headers,
            body,
        }
    }

    pub fn get(&self, path: &str) -> Answer {
        self.call("GET", path, None)
    }

    pub fn send_json(&self, method: &str, path: &str, v: &Value) -> Answer {
        let b = serde_json::to_vec(v).unwrap();
        self.call(method, path, Some(("application/json", &b)))
    }

    pub fn send_form(&self, method: &str, path: &str, form: &str) -> Answer {
        self.call(
            method,
            path,
            Some(("application/x-www-form-urlencoded", form.as_bytes())),
        )
    }

    /// Raw bytes over a fresh connection; the whole answer as text (until
    /// the server closes or `timeout`).
    pub fn raw(&self, bytes: &[u8], timeout: Duration) -> String {
        self.raw_until_closed(bytes, timeout).0
    }

    /// [`raw`], and whether the server closed the connection (false: the
    /// read timed out with the connection still open).
    pub fn raw_until_closed(&self, bytes: &[u8], timeout: Duration) -> (String, bool) {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        s.set_read_timeout(Some(timeout)).unwrap();
        s.write_all(bytes).unwrap();
        let mut out = Vec::new();
        let closed = match s.read_to_end(&mut out) {
            Ok(_) => true,
            Err(e) => !matches!(
                e.kind(),
                std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
            ),
        };
        (String::from_utf8_lossy(&out).into_owned(), closed)
    }

    /// A GET over a fresh connection from the loopback address `from`
    /// (such as 127.0.0.2): the whole answer, or None when the server
    /// closed the connection without one.
    pub fn get_from(&self, from: &str, path: &str, auth: Option<&str>) -> Option<String> {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let stream = rt.block_on(async {
            let socket = tokio::net::TcpSocket::new_v4().unwrap();
            socket.bind(format!("{from}:0").parse().unwrap()).unwrap();
            let addr = format!("127.0.0.1:{}", self.port).parse().unwrap();
            socket.connect(addr).await.unwrap().into_std().unwrap()
        });
        let mut s = stream;
        s.set_nonblocking(false).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        let auth = auth.map_or(String::new(), |a| format!("Authorization: {a}\r\n"));
        let head = format!("GET {path} HTTP/1.1\r\nHost: x\r\n{auth}Connection: close\r\n\r\n");
        if s.write_all(head.as_bytes()).is_err() {
            return None;
        }
        let mut out = Vec::new();
        let _ = s.read_to_end(&mut out);
        (!out.is_empty()).then(|| String::from_utf8_lossy(&out).into_owned())
    }

    pub fn signal(&self, sig: &str) {
        let ok = std::process::Command::new("kill")
            .args([sig, &self.child.id().to_string()])
            .status()
            .unwrap()
            .success();
        assert!(ok, "kill {sig}");
    }

    /// Wait (bounded) for the server to exit; its exit code.
    pub fn wait_exit(&mut self, timeout: Duration) -> Option<i32> {
        let start = Instant::now();
        while start.elapsed() < timeout {
            if let Some(st) = self.child.try_wait().unwrap() {
                return st.code();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        None
    }

    pub fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = std::process::Command::new("kill")
                .args(["-TERM", &self.child.id().to_string()])
                .status();
            if self.wait_exit(Duration::from_secs(5)).is_none() {
                let _ = self.child.kill();
                let _ = self.child.wait();
            }
        }
    }
}
