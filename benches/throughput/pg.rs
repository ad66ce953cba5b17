//! The PostgreSQL figures: `emit --ndjson`, and `process` at batch 10 and
//! 100 with one process and with two at once (as on two machines), over
//! HOOKQ_BENCH_PG_EVENTS (default 100,000) queued ~1 KB events on ten
//! webhooks; beside ceilings from the same run, by this bench's own
//! client:
//!
//! - delivery: four connections looping the transaction a delivery needs
//!   at that batch size, in plain SQL: claim the webhook's first rows
//!   (`FOR UPDATE SKIP LOCKED`, from where the last claim ended) reading
//!   their payloads, delete them, log the attempt, commit; no HTTP;
//! - emit: the same rows inserted as multi-row inserts of 20,000.
//!
//! The server is HOOKQ_BENCH_POSTGRES, else HOOKQ_TEST_POSTGRES, else the
//! local default; each figure works in a schema of its own, dropped after.
//!
//! Every timed part starts right after a CHECKPOINT (when the role may run
//! one), so none pays for the WAL an earlier part wrote. The medians are of
//! HOOKQ_BENCH_PG_RUNS runs (default 5: on a shared 2-core machine one
//! figure moves by 15% from run to run), one and two processes taking
//! turns; each figure's runs are printed on stderr.

use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::thread;
use std::time::Instant;

use postgres::Client;

use super::{BIN, Row, Sink, TYPES, median, ndjson, payload, row};

const DEFAULT: &str = "postgres://127.0.0.1:5432/test?sslmode=disable";

fn base() -> Option<String> {
    let url = std::env::var("HOOKQ_BENCH_POSTGRES")
        .or_else(|_| std::env::var("HOOKQ_TEST_POSTGRES"))
        .unwrap_or_else(|_| DEFAULT.to_owned());
    match connect(&url) {
        Ok(_) => Some(url),
        Err(e) => {
            eprintln!("PostgreSQL figures skipped: no server at {url} ({e:#})");
            None
        }
    }
}

fn connect(url: &str) -> anyhow::Result<Client> {
    hookq::store::postgres::Url::parse(url)?.connect()
}

/// Write out what earlier parts left in the WAL, so the next timed part
/// starts from the same state as every other. False when the role may not
/// (then figures vary more; said once).
fn checkpoint(base: &str) -> bool {
    match connect(base).and_then(|mut c| Ok(c.batch_execute("CHECKPOINT")?)) {
        Ok(()) => true,
        Err(e) => {
            static SAID: std::sync::Once = std::sync::Once::new();
            SAID.call_once(|| eprintln!("PostgreSQL: no CHECKPOINT between figures ({e:#})"));
            false
        }
    }
}

/// A schema of its own; dropped with everything in it.
struct Schema {
    base: String,
    name: String,
    url: String,
}

impl Schema {
    fn new(base: &str, tag: &str) -> Schema {
        let name = format!("hookq_bench_{tag}_{}", std::process::id());
        let mut c = connect(base).unwrap();
        c.batch_execute(&format!(
            "DROP SCHEMA IF EXISTS {name} CASCADE; CREATE SCHEMA {name}"
        ))
        .unwrap();
        let sep = if base.contains('?') { '&' } else { '?' };
        let url = format!("{base}{sep}options=-csearch_path%3D{name}");
        Schema {
            base: base.to_owned(),
            name,
            url,
        }
    }
}

impl Drop for Schema {
    fn drop(&mut self) {
        if let Ok(mut c) = connect(&self.base) {
            let _ = c.batch_execute(&format!("DROP SCHEMA IF EXISTS {} CASCADE", self.name));
        }
    }
}

fn hookq(url: &str, args: &[&str]) -> Command {
    let mut c = Command::new(BIN);
    c.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOOKQ_USER", "bench")
        .arg("--db")
        .arg(url)
        .args(args);
    c
}

fn run_ok(url: &str, args: &[&str]) {
    let out = hookq(url, args).output().unwrap();
    assert!(
        out.status.success(),
        "hookq {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Ten webhooks posting to `sink`, one per type; then the events of
/// `file`. Returns the seconds `emit --ndjson` took.
fn fill(url: &str, sink: &Sink, file: &Path) -> f64 {
    for (i, t) in TYPES.iter().enumerate() {
        run_ok(
            url,
            &[
                "create",
                "--name",
                &format!("bench {i}"),
                "--url",
                &sink.url(&format!("/hook/{i}")),
                "--trigger",
                t,
                "--secret",
                "bench-secret-0123456789",
            ],
        );
    }
    checkpoint(url);
    let start = Instant::now();
    run_ok(url, &["emit", "--ndjson", file.to_str().unwrap()]);
    start.elapsed().as_secs_f64()
}

/// `procs` runs of `process` at once on one queue; seconds until all are
/// done, and the queue checked empty.
fn drain(url: &str, batch: u32, procs: usize) -> f64 {
    checkpoint(url);
    let start = Instant::now();
    let children: Vec<_> = (0..procs)
        .map(|_| {
            hookq(
                url,
                &[
                    "process",
                    "--limit",
                    &batch.to_string(),
                    "--concurrency",
                    "8",
                    "--time-limit",
                    "1h",
                ],
            )
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
        })
        .collect();
    for mut c in children {
        assert!(c.wait().unwrap().success(), "process failed");
    }
    let secs = start.elapsed().as_secs_f64();
    let left: i64 = connect(url)
        .unwrap()
        .query_one("SELECT count(*) FROM webhook_queue", &[])
        .unwrap()
        .get(0);
    assert_eq!(left, 0, "process left {left} rows");
    secs
}

/// Plain tables like hookq's, `events` rows over ten webhooks.
fn ceiling_tables(c: &mut Client, events: u64) {
    c.batch_execute(
        "CREATE TABLE p (id bigint PRIMARY KEY, event_type text NOT NULL, payload text NOT NULL,
                         date_added bigint NOT NULL);
         CREATE TABLE q (webhook_id bigint NOT NULL, event_id bigint NOT NULL,
                         PRIMARY KEY (webhook_id, event_id));
         CREATE TABLE l (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
                         webhook_id bigint NOT NULL, status_code text NOT NULL, runtime float8,
                         note text, batch_id text, event_count bigint, attempt bigint,
                         date_added bigint NOT NULL)",
    )
    .unwrap();
    insert_rows(c, events);
    c.batch_execute("INSERT INTO q SELECT id % 10, id FROM p; ANALYZE p, q;")
        .unwrap();
}

/// The events as multi-row inserts of 20,000; seconds taken.
fn insert_rows(c: &mut Client, events: u64) -> f64 {
    let start = Instant::now();
    let mut n = 0u64;
    while n < events {
        let end = (n + 20_000).min(events);
        let ids: Vec<i64> = (n as i64..end as i64).collect();
        let types: Vec<&str> = (n..end).map(|i| TYPES[(i % 10) as usize]).collect();
        let bodies: Vec<String> = (n..end).map(payload).collect();
        let times: Vec<i64> = vec![0; ids.len()];
        let mut tx = c.transaction().unwrap();
        tx.execute(
            "INSERT INTO p SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::bigint[])",
            &[&ids, &types, &bodies, &times],
        )
        .unwrap();
        tx.commit().unwrap();
        n = end;
    }
    start.elapsed().as_secs_f64()
}

/// Four connections deliver everything in plain SQL; events per second.
fn delivery_ceiling(url: &str, batch: i64, events: u64) -> f64 {
    checkpoint(url);
    let done = AtomicU64::new(0);
    let start = Instant::now();
    thread::scope(|s| {
        for t in 0..4i64 {
            let done = &done;
            s.spawn(move || {
                let mut c = connect(url).unwrap();
                let claim = c
                    .prepare(
                        "SELECT q.event_id, p.event_type, p.payload, p.date_added
                           FROM q JOIN p ON p.id = q.event_id
                          WHERE q.webhook_id = $1
                            AND q.event_id IN (SELECT event_id FROM q
                                                WHERE webhook_id = $1 AND event_id > $3
                                                ORDER BY event_id LIMIT $2 FOR UPDATE SKIP LOCKED)
                          ORDER BY q.event_id",
                    )
                    .unwrap();
                let delete = c
                    .prepare("DELETE FROM q WHERE webhook_id = $1 AND event_id = ANY($2)")
                    .unwrap();
                let log = c
                    .prepare(
                        "INSERT INTO l (webhook_id, status_code, runtime, note, batch_id,
                                        event_count, attempt, date_added)
                         VALUES ($1, '200', 0.001, 'ok', 'b', $2, 1, 0)",
                    )
                    .unwrap();
                // Each connection works its share of the webhooks, as
                // leases share them out.
                let mine: Vec<i64> = (0..10).filter(|w| w % 4 == t).collect();
                for w in mine {
                    // Where the last claim ended: the scan starts past the
                    // deleted rows, as hookq's does.
                    let mut after = i64::MIN;
                    loop {
                        let mut tx = c.transaction().unwrap();
                        let rows = tx.query(&claim, &[&w, &batch, &after]).unwrap();
                        if rows.is_empty() {
                            break;
                        }
                        let ids: Vec<i64> = rows.iter().map(|r| r.get(0)).collect();
                        after = *ids.last().unwrap();
                        let bytes: usize = rows.iter().map(|r| r.get::<_, &str>(2).len()).sum();
                        std::hint::black_box(bytes);
                        tx.execute(&delete, &[&w, &ids]).unwrap();
                        tx.execute(&log, &[&w, &(ids.len() as i64)]).unwrap();
                        tx.commit().unwrap();
                        done.fetch_add(ids.len() as u64, Ordering::Relaxed);
                    }
                }
            });
        }
    });
    assert_eq!(done.load(Ordering::Relaxed), events);
    events as f64 / start.elapsed().as_secs_f64()
}

pub fn bench(dir: &Path, sink: &Sink, runs: usize, rows: &mut Vec<Row>) {
    let Some(base) = base() else { return };
    let events = super::env_num("HOOKQ_BENCH_PG_EVENTS", 100_000);
    let runs = std::env::var("HOOKQ_BENCH_PG_RUNS")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .unwrap_or(runs.max(5))
        .max(1);
    eprintln!("PostgreSQL: {events} events at {base}");
    let file = dir.join("pg.ndjson");
    ndjson(&file, events, false);

    // Ceilings.
    let (mut ins, mut c10, mut c100) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..runs {
        let s = Schema::new(&base, "ceiling");
        let mut c = connect(&s.url).unwrap();
        c.batch_execute(
            "CREATE TABLE p (id bigint PRIMARY KEY, event_type text NOT NULL,
                             payload text NOT NULL, date_added bigint NOT NULL)",
        )
        .unwrap();
        checkpoint(&s.url);
        ins.push(events as f64 / insert_rows(&mut c, events));
        drop(c);
        let s = Schema::new(&base, "ceiling");
        ceiling_tables(&mut connect(&s.url).unwrap(), events);
        c10.push(delivery_ceiling(&s.url, 10, events));
        let s = Schema::new(&base, "ceiling");
        ceiling_tables(&mut connect(&s.url).unwrap(), events);
        c100.push(delivery_ceiling(&s.url, 100, events));
    }
    let (ins, c10, c100) = (median(ins), median(c10), median(c100));
    eprintln!(
        "PostgreSQL ceilings: insert {ins:.0}/s, delivery b10 {c10:.0} ev/s, b100 {c100:.0} ev/s"
    );

    let mut emit = Vec::new();
    let mut figures: Vec<(u32, usize, Vec<f64>)> = vec![
        (10, 1, vec![]),
        (10, 2, vec![]),
        (100, 1, vec![]),
        (100, 2, vec![]),
    ];
    for _ in 0..runs {
        for (batch, procs, secs) in figures.iter_mut() {
            let s = Schema::new(&base, "hookq");
            emit.push(fill(&s.url, sink, &file));
            secs.push(drain(&s.url, *batch, *procs));
        }
    }
    let _ = std::fs::remove_file(&file);
    let each = |secs: &[f64]| -> String {
        let v: Vec<String> = secs
            .iter()
            .map(|s| format!("{:.0}", events as f64 / s))
            .collect();
        v.join(", ")
    };
    for (batch, procs, secs) in &figures {
        eprintln!(
            "PostgreSQL process batch {batch}, {procs} at once, each run (ev/s): {}",
            each(secs)
        );
    }
    for batch in [10, 100] {
        let of = |procs| {
            figures
                .iter()
                .find(|f| f.0 == batch && f.1 == procs)
                .map(|f| median(f.2.clone()))
                .unwrap()
        };
        // Time of one over time of two: above 1, two at once were faster.
        eprintln!(
            "PostgreSQL process batch {batch}: two at once / one = {:.2} (median of {runs})",
            of(1) / of(2)
        );
    }
    rows.push(row(
        "PostgreSQL emit --ndjson (spread), events/s",
        events as f64 / median(emit),
        "ev/s",
        Some((ins, "rows/s multi-row insert")),
    ));
    for (batch, procs, secs) in figures {
        let ceiling = if batch == 10 { c10 } else { c100 };
        let who = if procs == 1 {
            String::from("one process")
        } else {
            format!("{procs} processes at once")
        };
        rows.push(row(
            &format!("PostgreSQL process, batch {batch}, {who} (concurrency 8 each), events/s"),
            events as f64 / median(secs),
            "ev/s",
            Some((ceiling, "ev/s plain-SQL claim+delete+log, 4 connections")),
        ));
    }
}
