//! The test harness: a temp dir with its own database, the real
//! binary run as a user would, with a clean environment, and a recording
//! receiver.

#![allow(dead_code)]

pub mod browser;
pub mod pg;
pub mod receiver;
pub mod server;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use hookq::model::{IdRange, LogEntry, Order};
use hookq::store::{Claim, Create, Lease, Record, Store, Verdict};
use serde_json::Value;
use tempfile::TempDir;

pub const BIN: &str = env!("CARGO_BIN_EXE_hookq");

/// Mautic's hook object: exactly these fields, in this order.
pub const HOOK_FIELDS: [&str; 15] = [
    "isPublished",
    "dateAdded",
    "dateModified",
    "createdBy",
    "createdByUser",
    "modifiedBy",
    "modifiedByUser",
    "id",
    "name",
    "description",
    "webhookUrl",
    "secret",
    "eventsOrderbyDir",
    "category",
    "triggers",
];

pub struct TestEnv {
    pub dir: TempDir,
    /// The `--db` value: an SQLite file in the temp dir, or a PostgreSQL URL.
    pub db: PathBuf,
    envs: Vec<(String, String)>,
    pg: Option<pg::Schema>,
}

impl TestEnv {
    /// A test on SQLite: a database file in a new temp dir.
    pub fn new() -> TestEnv {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("data/hookq.db");
        TestEnv {
            dir,
            db,
            envs: Vec::new(),
            pg: None,
        }
    }

    /// A test on PostgreSQL: a schema of its own on the test server; None
    /// when there is no server (see `pg`).
    pub fn postgres() -> Option<TestEnv> {
        let schema = pg::Schema::new()?;
        let mut env = TestEnv::new();
        env.db = PathBuf::from(&schema.url);
        env.pg = Some(schema);
        Some(env)
    }

    pub fn is_postgres(&self) -> bool {
        self.pg.is_some()
    }

    /// The PostgreSQL schema of a test on PostgreSQL.
    pub fn pg(&self) -> Option<&pg::Schema> {
        self.pg.as_ref()
    }

    /// Set an environment variable for every later run.
    pub fn env(&mut self, k: &str, v: &str) -> &mut Self {
        self.envs.push((k.into(), v.into()));
        self
    }

    /// The binary with a clean environment: HOME in the temp dir, a fixed
    /// user name, no inherited HOOKQ_* variables, and `--db` set.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut c = self.bare_command(args);
        c.arg("--db").arg(&self.db);
        c
    }

    /// Like [`command`] but without `--db`.
    pub fn bare_command(&self, args: &[&str]) -> Command {
        let mut c = Command::new(BIN);
        c.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.dir.path())
            .env("HOOKQ_USER", "tester")
            .args(args)
            .stdin(Stdio::null());
        for (k, v) in &self.envs {
            c.env(k, v);
        }
        c
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("run hookq")
    }

    /// Run, expect exit 0, return stdout.
    #[track_caller]
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "hookq {args:?} failed ({:?}):\n{}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("stdout is UTF-8")
    }

    /// Run with `--json`, expect exit 0, parse stdout.
    #[track_caller]
    pub fn json(&self, args: &[&str]) -> Value {
        let mut a = args.to_vec();
        a.push("--json");
        let s = self.ok(&a);
        serde_json::from_str(&s)
            .unwrap_or_else(|e| panic!("hookq {args:?} printed invalid JSON ({e}): {s}"))
    }

    /// Run, expect exit `code`, one line on stderr, nothing on stdout;
    /// return the stderr line.
    #[track_caller]
    pub fn fails(&self, args: &[&str], code: i32) -> String {
        let out = self.run(args);
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(
            out.status.code(),
            Some(code),
            "hookq {args:?}: stderr was {err}"
        );
        assert!(
            out.stdout.is_empty(),
            "hookq {args:?} printed on stdout: {}",
            String::from_utf8_lossy(&out.stdout)
        );
        assert_eq!(
            err.trim_end().lines().count(),
            1,
            "hookq {args:?}: expected one stderr line, got:\n{err}"
        );
        err
    }

    /// The database's bytes, its WAL included (committed data may live
    /// there until it is folded in), or None when there is no database.
    /// On PostgreSQL: everything stored, as text (see `pg::Schema::dump`).
    pub fn db_bytes(&self) -> Option<Vec<u8>> {
        if let Some(pg) = &self.pg {
            return pg.dump();
        }
        let mut bytes = std::fs::read(&self.db).ok()?;
        let mut wal = self.db.as_os_str().to_owned();
        wal.push("-wal");
        bytes.extend(std::fs::read(wal).unwrap_or_default());
        Some(bytes)
    }

    /// Expect a rejection with `code` that leaves the database untouched.
    #[track_caller]
    pub fn rejected(&self, args: &[&str], code: i32) -> String {
        let before = self.db_bytes();
        let err = self.fails(args, code);
        assert!(
            before == self.db_bytes(),
            "hookq {args:?} changed the database file"
        );
        err
    }

    /// Create a webhook and return its id.
    #[track_caller]
    pub fn create(&self, name: &str, triggers: &[&str]) -> i64 {
        let mut args = vec!["create", "--name", name, "--url", "http://127.0.0.1:9/hook"];
        for t in triggers {
            args.extend(["--trigger", t]);
        }
        self.json(&args)["hook"]["id"].as_i64().expect("id")
    }

    /// Create a webhook posting to `url`; returns its id.
    #[track_caller]
    pub fn hook(&self, url: &str, triggers: &[&str], extra: &[&str]) -> i64 {
        let mut args = vec!["create", "--name", "h", "--url", url, "--secret", "secret"];
        for t in triggers {
            args.extend(["--trigger", t]);
        }
        args.extend(extra);
        self.json(&args)["hook"]["id"].as_i64().expect("id")
    }

    /// Emit one event; returns its id (None when nobody subscribes).
    #[track_caller]
    pub fn emit(&self, event_type: &str, payload: &str) -> Option<i64> {
        self.json(&["emit", event_type, "--payload", payload])["event"]["id"].as_i64()
    }

    /// Run with `stdin` as standard input.
    pub fn run_stdin(&self, args: &[&str], stdin: &[u8]) -> Output {
        use std::io::Write;
        let mut child = self
            .command(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn hookq");
        let mut input = child.stdin.take().unwrap();
        let data = stdin.to_vec();
        let writer = std::thread::spawn(move || {
            let _ = input.write_all(&data);
        });
        let out = child.wait_with_output().expect("wait hookq");
        writer.join().unwrap();
        out
    }

    /// Queue rows of a webhook, as `queue list --json` shows them.
    #[track_caller]
    pub fn queued(&self, hook: i64) -> Vec<Value> {
        let v = self.json(&[
            "queue",
            "list",
            "--webhook-id",
            &hook.to_string(),
            "--limit",
            "0",
        ]);
        v["events"].as_array().unwrap().clone()
    }

    /// Log rows, newest first.
    #[track_caller]
    pub fn logs(&self) -> Vec<Value> {
        self.json(&["logs", "--limit", "1000"])["logs"]
            .as_array()
            .unwrap()
            .clone()
    }

    /// Events waiting in the queue (fresh, due, waiting a retry, dead), as
    /// `queue stats` counts them; `hook` None: of every webhook.
    #[track_caller]
    pub fn queue_len(&self, hook: Option<i64>) -> i64 {
        let v = self.json(&["queue", "stats"]);
        let counts = match hook {
            None => &v["total"],
            Some(id) => &v["webhooks"][id.to_string()],
        };
        ["queued", "waitingRetry", "dead"]
            .iter()
            .map(|k| counts[*k].as_i64().unwrap_or(0))
            .sum()
    }

    /// Make every batch waiting for a retry due now, as an admin does
    /// once a receiver is back.
    #[track_caller]
    pub fn due_now(&self) {
        self.ok(&["queue", "retry", "--waiting"]);
    }

    /// The store, through its interface, for setting up and checking what
    /// the CLI does not expose (leases, a run cut short).
    pub fn store(&self) -> Store {
        Store::open(&self.db, Create::Now).expect("open store")
    }

    /// Whether a run of another host could take `hook`'s lease now: free
    /// or expired, never merely held by a dead process of this host.
    pub fn lease_free(&self, hook: i64) -> bool {
        let queue = self.store().into_queue().expect("queue");
        let now = jiff::Timestamp::now().as_second();
        let lease = Lease {
            owner: "another-host:1:1:test",
            until: now + 60,
            now,
            holder_gone: &|_| false,
        };
        let free = queue.acquire_lease(hook, &lease).expect("lease");
        if free {
            queue.end_turn(hook, lease.owner, 1000).expect("release");
        }
        free
    }

    /// Send nothing, but record `hook`'s next batch (up to `limit` events
    /// within `range`, newest first when `newest`) as `verdict` decided,
    /// through the store interface, and skip the payload cleanup a run
    /// does at its end: the state a run killed right after recording
    /// leaves. Returns the batch's event count.
    #[track_caller]
    pub fn record_next_batch(
        &self,
        hook: i64,
        limit: u32,
        newest: bool,
        range: IdRange,
        verdict: Verdict,
    ) -> usize {
        let queue = self.store().into_queue().expect("queue");
        let now = jiff::Timestamp::now().as_second();
        let owner = "test:1:1:record";
        let lease = Lease {
            owner,
            until: now + 600,
            now,
            holder_gone: &|_| false,
        };
        assert!(queue.acquire_lease(hook, &lease).unwrap(), "lease");
        let claim = Claim {
            owner,
            lease_until: now + 600,
            renew_by: now,
            now,
            range,
            batch_limit: limit,
            strict_order: true,
            default_order: if newest { Order::Desc } else { Order::Asc },
        };
        let mut plan = queue.claim(hook, &claim).unwrap().expect("a batch");
        queue.load_events(&mut plan).unwrap();
        let status = match verdict {
            Verdict::Delivered => String::from("200"),
            Verdict::Failed { ref status, .. } => status.clone(),
        };
        let record = Record {
            alerts: Vec::new(),
            plan: &plan,
            owner,
            log: LogEntry {
                id: 0,
                webhook_id: hook,
                status_code: status,
                runtime: 0.0,
                note: String::from("recorded by a test"),
                batch_id: Some(plan.uid.clone()),
                event_count: plan.events.len() as i64,
                attempt: i64::from(plan.attempts + 1),
                date_added: now,
            },
            verdict,
            retain: false,
        };
        queue.record_outcomes(&[record], None).unwrap();
        queue.end_turn(hook, owner, 1000).unwrap();
        plan.events.len()
    }

    /// Payloads stored, not counting the empty marker row that keeps the
    /// newest event id once its payload is reclaimed. A fact of the SQLite
    /// backend's layout (tests of its payload cleanup use it).
    pub fn payloads(&self) -> i64 {
        if let Some(pg) = &self.pg {
            // Ids come from a sequence there: no marker row.
            return pg
                .client()
                .query_one("SELECT count(*) FROM webhook_queue_payloads", &[])
                .unwrap()
                .get(0);
        }
        self.sql()
            .query_row(
                "SELECT count(*) FROM webhook_queue_payloads WHERE payload != ''",
                [],
                |r| r.get(0),
            )
            .unwrap()
    }

    /// A direct connection to the SQLite file, for tests of the SQLite
    /// backend itself (its file format and failure modes).
    pub fn sql(&self) -> rusqlite::Connection {
        assert!(self.pg.is_none(), "sql() is the SQLite file's");
        rusqlite::Connection::open(&self.db).expect("open db")
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }
}

/// `YYYY-MM-DDTHH:MM:SS+00:00`.
#[track_caller]
pub fn assert_mautic_date(v: &Value) {
    let s = v
        .as_str()
        .unwrap_or_else(|| panic!("not a date string: {v}"));
    let b = s.as_bytes();
    let shape = s.len() == 25
        && s.ends_with("+00:00")
        && b[4] == b'-'
        && b[7] == b'-'
        && b[10] == b'T'
        && b[13] == b':'
        && b[16] == b':'
        && s[..4].bytes().all(|c| c.is_ascii_digit());
    assert!(shape, "not a Mautic date: {s}");
}

/// HMAC-SHA256, base64: computed by the tests independently of hookq's code.
pub fn hmac_b64(secret: &str, body: &[u8]) -> String {
    use base64::Engine;
    use hmac::{KeyInit, Mac};
    let mut m = hmac::Hmac::<sha2::Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    m.update(body);
    base64::engine::general_purpose::STANDARD.encode(m.finalize().into_bytes())
}
