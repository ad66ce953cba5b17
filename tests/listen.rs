//! `hookq listen` end to end (issue 12): the real binary receives what
//! the real binary delivers, both signing schemes, retries through
//! `--fail-first`, bad signatures, stale timestamps, timeouts, and the
//! README's CI example as written. It keeps no database, so it runs once
//! (on SQLite, for the deliveries that feed it).

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::common::{BIN, TestEnv};

const HIT: &str = "mautic.page_on_hit";
const WHSEC: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

struct Listener {
    child: Child,
    port: u16,
}

struct Ended {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

impl Listener {
    /// Start `hookq listen ARGS` and wait (10 s at most) for its port file.
    fn start(env: &TestEnv, args: &[&str], envs: &[(&str, &str)]) -> Listener {
        static N: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let port_file = env.path().join(format!("port-{n}"));
        let mut cmd = env.bare_command(&["listen", "--port-file", port_file.to_str().unwrap()]);
        cmd.args(args).stdout(Stdio::piped()).stderr(Stdio::piped());
        for (k, v) in envs {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().expect("start hookq listen");
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(10) {
            if let Ok(s) = std::fs::read_to_string(&port_file)
                && let Ok(port) = s.trim().parse()
            {
                return Listener { child, port };
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = child.kill();
        let out = child.wait_with_output().unwrap();
        panic!(
            "no port file; stderr {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// Wait (bounded) for it to exit on its own.
    fn end(mut self, limit: Duration) -> Ended {
        let start = Instant::now();
        while self.child.try_wait().unwrap().is_none() {
            if start.elapsed() > limit {
                let _ = self.child.kill();
                let out = self.child.wait_with_output().unwrap();
                panic!(
                    "listen still ran after {limit:?}; stdout {} stderr {}",
                    String::from_utf8_lossy(&out.stdout),
                    String::from_utf8_lossy(&out.stderr)
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let out = self.child.wait_with_output().unwrap();
        Ended {
            code: out.status.code(),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

/// POST by hand (one request, connection closed); the status answered.
fn post(port: u16, headers: &[(&str, &str)], body: &[u8]) -> u16 {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let mut head = format!(
        "POST /hand HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    s.write_all(head.as_bytes()).unwrap();
    s.write_all(body).unwrap();
    let mut answer = String::new();
    s.read_to_string(&mut answer).unwrap();
    answer
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or_else(|| panic!("no status in {answer:?}"))
}

fn write_secret(env: &TestEnv, name: &str, secret: &str) -> String {
    let p = env.path().join(name);
    std::fs::write(&p, format!("{secret}\n")).unwrap();
    p.to_str().unwrap().to_owned()
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

#[test]
fn listen_verifies_both_schemes_through_retries_and_exits_0_at_count() {
    let env = TestEnv::new();
    let mautic = write_secret(&env, "m.txt", "mautic-secret-mautic-secret");
    let standard = write_secret(&env, "s.txt", WHSEC);
    let l = Listener::start(
        &env,
        &[
            "--json",
            "--count",
            "2",
            "--fail-first",
            "1",
            "--secret-file",
            &mautic,
            "--standard-secret-file",
            &standard,
            "--require-type",
            HIT,
            "--timeout",
            "60s",
        ],
        &[],
    );
    env.ok(&[
        "create",
        "--name",
        "m",
        "--url",
        &l.url("/m"),
        "--trigger",
        HIT,
        "--secret-file",
        &mautic,
    ]);
    env.ok(&[
        "create",
        "--name",
        "s",
        "--url",
        &l.url("/s"),
        "--trigger",
        HIT,
        "--signing",
        "standard",
        "--secret-file",
        &standard,
    ]);
    env.emit(HIT, r#"{"n":1}"#).unwrap();
    env.run(&["process"]);
    env.due_now();
    env.ok(&["process"]);
    let ended = l.end(Duration::from_secs(30));
    assert_eq!(ended.code, Some(0), "{}", ended.stderr);
    assert!(
        ended.stderr.starts_with("listening on http://127.0.0.1:"),
        "{}",
        ended.stderr
    );
    let lines: Vec<Value> = ended
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3, "{}", ended.stdout);
    let mut statuses: Vec<i64> = lines
        .iter()
        .map(|l| l["status"].as_i64().unwrap())
        .collect();
    statuses.sort_unstable();
    assert_eq!(statuses, [200, 200, 500], "the first failed on purpose");
    for l in &lines {
        assert_eq!(l["verdict"], "ok", "{l}");
        assert_eq!(l["method"], "POST");
        assert_eq!(l["events"][HIT], 1);
        assert!(l["body"].as_str().unwrap().contains(r#""n":1"#));
        let h = l["headers"].as_object().unwrap();
        match l["scheme"].as_str().unwrap() {
            "mautic" => {
                // Names as sent, in Mautic's case.
                assert!(h.contains_key("Webhook-Signature"), "{h:?}");
                assert!(h.contains_key("Webhook-Id"), "{h:?}");
                assert_eq!(l["path"], "/m");
            }
            "standard" => {
                assert!(h.contains_key("webhook-signature"), "{h:?}");
                assert!(h.contains_key("webhook-timestamp"), "{h:?}");
                assert_eq!(l["path"], "/s");
            }
            other => panic!("scheme {other}"),
        }
    }
    let schemes: std::collections::BTreeSet<&str> = lines
        .iter()
        .map(|l| l["scheme"].as_str().unwrap())
        .collect();
    assert_eq!(schemes.len(), 2, "both schemes arrived");
}

#[test]
fn a_bad_signature_a_tampered_body_or_a_stale_timestamp_exit_1() {
    let env = TestEnv::new();
    // A request signed with another secret (hookq test, the real sender).
    let l = Listener::start(&env, &["--count", "1"], &[("HOOKQ_LISTEN_SECRET", "right")]);
    let t = env.run(&[
        "test",
        "--url",
        &l.url("/x"),
        "--trigger",
        HIT,
        "--secret",
        "wrong",
    ]);
    assert_eq!(t.status.code(), Some(1), "a 401 fails the test");
    let ended = l.end(Duration::from_secs(10));
    assert_eq!(ended.code, Some(1));
    assert!(
        ended
            .stdout
            .contains("signature BAD (mautic: Webhook-Signature does not match"),
        "{}",
        ended.stdout
    );
    assert!(ended.stdout.contains("answered 401"), "{}", ended.stdout);

    // A body changed after signing.
    let l = Listener::start(&env, &["--count", "1"], &[("HOOKQ_LISTEN_SECRET", "right")]);
    let signed = br#"{"mautic.page_on_hit":[{"n":1}]}"#;
    let sig = hookq::delivery::sign::sign("right", signed);
    let tampered = br#"{"mautic.page_on_hit":[{"n":2}]}"#;
    assert_eq!(post(l.port, &[("Webhook-Signature", &sig)], tampered), 401);
    assert_eq!(l.end(Duration::from_secs(10)).code, Some(1));

    // Standard: a fresh, right signature passes (count 1: exit 0)...
    let key = hookq::model::standard_key(WHSEC).unwrap();
    let sign_at = |ts: i64| {
        let sig = hookq::delivery::sign::standard_sign(&key, "msg_1", ts, signed);
        (ts.to_string(), sig)
    };
    let l = Listener::start(
        &env,
        &["--count", "1"],
        &[("HOOKQ_LISTEN_STANDARD_SECRET", WHSEC)],
    );
    let (ts, sig) = sign_at(now());
    let headers = [
        ("webhook-id", "msg_1"),
        ("webhook-timestamp", ts.as_str()),
        ("webhook-signature", sig.as_str()),
    ];
    assert_eq!(post(l.port, &headers, signed), 200);
    let ended = l.end(Duration::from_secs(10));
    assert_eq!(ended.code, Some(0), "{}", ended.stderr);
    assert!(ended.stdout.contains("signature ok (standard)"));

    // ...and the same signature ten minutes old is a replay.
    let l = Listener::start(
        &env,
        &["--count", "1"],
        &[("HOOKQ_LISTEN_STANDARD_SECRET", WHSEC)],
    );
    let (ts, sig) = sign_at(now() - 600);
    let headers = [
        ("webhook-id", "msg_1"),
        ("webhook-timestamp", ts.as_str()),
        ("webhook-signature", sig.as_str()),
    ];
    assert_eq!(post(l.port, &headers, signed), 401);
    let ended = l.end(Duration::from_secs(10));
    assert_eq!(ended.code, Some(1));
    assert!(
        ended.stderr.contains("s old (more than 300s)"),
        "{}",
        ended.stderr
    );
}

#[test]
fn timeouts_missing_types_signals_and_bad_usage() {
    let env = TestEnv::new();
    let l = Listener::start(&env, &["--count", "1", "--timeout", "1s"], &[]);
    let ended = l.end(Duration::from_secs(10));
    assert_eq!(ended.code, Some(1));
    assert!(
        ended.stderr.contains("--timeout passed with 0 of 1"),
        "{}",
        ended.stderr
    );

    // Unchecked (no secret), but not the type required.
    let l = Listener::start(
        &env,
        &["--count", "1", "--require-type", "mautic.form_on_submit"],
        &[],
    );
    let t = env.run(&["test", "--url", &l.url("/x"), "--trigger", HIT]);
    assert_eq!(t.status.code(), Some(0));
    let ended = l.end(Duration::from_secs(10));
    assert_eq!(ended.code, Some(1));
    assert!(
        ended.stdout.contains("signature not checked"),
        "{}",
        ended.stdout
    );
    assert!(
        ended
            .stderr
            .contains("without event type mautic.form_on_submit"),
        "{}",
        ended.stderr
    );

    // A body that is not UTF-8 is shown in base64.
    let l = Listener::start(&env, &["--count", "1", "--json"], &[]);
    assert_eq!(post(l.port, &[("X-Odd-Case", "1")], b"\xff\xfe{}"), 200);
    let ended = l.end(Duration::from_secs(10));
    assert_eq!(ended.code, Some(0), "{}", ended.stderr);
    let line: Value = serde_json::from_str(ended.stdout.trim()).unwrap();
    assert_eq!(line["body"], Value::Null);
    assert_eq!(line["bodyBase64"], "//57fQ==");
    assert_eq!(line["verdict"], "unchecked");
    assert_eq!(line["headers"]["X-Odd-Case"], "1", "{line}");

    // Without --count: until SIGTERM, then 0.
    let l = Listener::start(&env, &[], &[]);
    let pid = l.child.id().to_string();
    assert!(
        Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .unwrap()
            .success()
    );
    assert_eq!(l.end(Duration::from_secs(10)).code, Some(0));

    for (args, names) in [
        (
            &["listen", "--standard-secret", "plain"][..],
            "--standard-secret",
        ),
        (&["listen", "--status", "99"], "--status"),
        (&["listen", "--count", "0"], "--count"),
        (&["listen", "--timeout", "soon"], "--timeout"),
    ] {
        let out = env.bare_command(args).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
        assert!(err.contains(names), "{err}");
    }
}

/// A raw request (one, connection closed): the whole answer.
fn raw(port: u16, request: &str) -> String {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    s.write_all(request.as_bytes()).unwrap();
    let mut answer = String::new();
    s.read_to_string(&mut answer).unwrap();
    answer
}

/// Issue 23: a readiness probe (`curl …/healthz`, a GET without a
/// signature) counted as a bad signature and made listen exit 1.
/// Non-POST requests are answered and neither printed nor counted.
#[test]
fn regression_probes_are_answered_not_counted() {
    let env = TestEnv::new();
    let secret = write_secret(&env, "s.txt", "probe-secret-123456");
    let l = Listener::start(&env, &["--count", "1", "--secret-file", &secret], &[]);
    let a = raw(
        l.port,
        "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert!(a.starts_with("HTTP/1.1 200"), "{a}");
    let a = raw(
        l.port,
        "HEAD /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert!(a.starts_with("HTTP/1.1 200"), "{a}");
    for req in [
        "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        "DELETE /hook HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        "PUT /hook HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}",
    ] {
        let a = raw(l.port, req);
        assert!(a.starts_with("HTTP/1.1 405"), "{a}");
        assert!(a.to_ascii_lowercase().contains("allow: post"), "{a}");
    }
    // Still running, and the one delivery it waits for ends it with 0.
    let t = env.run(&[
        "test",
        "--url",
        &l.url("/x"),
        "--trigger",
        HIT,
        "--secret",
        "probe-secret-123456",
    ]);
    assert_eq!(
        t.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&t.stderr)
    );
    let ended = l.end(Duration::from_secs(10));
    assert_eq!(ended.code, Some(0), "{}", ended.stderr);
    assert_eq!(ended.stdout.trim().lines().count(), 1, "{}", ended.stdout);
    assert!(!ended.stdout.contains("healthz"), "{}", ended.stdout);
}

/// Issue 23: refusals named the wrong flag (`--secret` for an empty
/// `--secret-file`, `--standard-secret` for `--standard-secret-file`),
/// and `--port-file /nonexistent/p` printed `listening on …` before
/// exiting 1: a usage error is exit 2, before listening.
#[test]
fn regression_listen_names_the_flag_given_and_checks_before_listening() {
    let env = TestEnv::new();
    let empty = write_secret(&env, "empty.txt", "");
    let plain = write_secret(&env, "plain.txt", "not-a-whsec");
    let missing_dir = env.path().join("no/such/dir/port");
    for (args, flag) in [
        (
            vec!["listen", "--secret-file", empty.as_str()],
            "invalid --secret-file",
        ),
        (
            vec!["listen", "--standard-secret-file", plain.as_str()],
            "invalid --standard-secret-file",
        ),
        (vec!["listen", "--secret", ""], "invalid --secret:"),
        (
            vec!["listen", "--port-file", missing_dir.to_str().unwrap()],
            "invalid --port-file",
        ),
        (
            vec!["listen", "--port-file", env.path().to_str().unwrap()],
            "invalid --port-file",
        ),
    ] {
        let out = env.bare_command(&args).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
        assert!(err.contains(flag), "{args:?}: {err}");
        assert!(!err.contains("listening on"), "{err}");
    }
}

/// The README's CI example, run as written with `hookq` on PATH.
#[test]
fn the_readme_ci_example_runs_as_written() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let after = readme
        .split("<!-- ci-example -->")
        .nth(1)
        .expect("README has the CI example");
    let script = after
        .split("```sh\n")
        .nth(1)
        .and_then(|s| s.split("```").next())
        .expect("a sh block");
    assert!(script.contains("hookq listen"), "{script}");
    let env = TestEnv::new();
    let bin_dir = Path::new(BIN).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = Command::new("bash")
        .arg("-c")
        .arg(script)
        .env_clear()
        .env("PATH", path)
        .env("HOME", env.path())
        .env("TMPDIR", env.path())
        .env("HOOKQ_USER", "tester")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "stdout {} stderr {}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("signature ok (mautic)"), "{stdout}");
}
