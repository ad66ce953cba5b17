//! The performance harness (`cargo bench --bench throughput`, or
//! `scripts/bench`): hookq's own figures beside the ceilings of this
//! machine, measured in the same run.
//!
//! Ceilings: raw POSTs per second to the same discarding receiver through
//! one shared ureq Agent with the bodies hookq sends, and SQLite's raw
//! insert and scan rates for rows like the queue's. hookq: `process`
//! (spread and fan-out), `emit --ndjson`, one `emit` call, and the peak
//! RSS of `process`. Medians of HOOKQ_BENCH_RUNS runs (default 3) over
//! HOOKQ_BENCH_EVENTS events (default 1,000,000). Everything is local:
//! the receiver listens on 127.0.0.1, and every loop is bounded. The
//! PostgreSQL figures are in `pg` (HOOKQ_BENCH_ONLY=postgres runs only
//! those, =sqlite only the SQLite ones, =serve only serve's).

use std::io::{BufWriter, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::thread;
use std::time::{Duration, Instant};

#[path = "throughput/pg.rs"]
mod pg;

const BIN: &str = env!("CARGO_BIN_EXE_hookq");

/// Ten of Mautic's types: one per webhook in the spread scenario.
const TYPES: [&str; 10] = [
    "mautic.lead_post_save_new",
    "mautic.lead_post_save_update",
    "mautic.lead_post_delete",
    "mautic.lead_points_change",
    "mautic.lead_list_change",
    "mautic.lead_company_change",
    "mautic.form_on_submit",
    "mautic.page_on_hit",
    "mautic.email_on_open",
    "mautic.email_on_send",
];

fn env_num(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.replace('_', "").parse().ok())
        .unwrap_or(default)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// A payload of about 1 KB, as a JSON object.
fn payload(n: u64) -> String {
    let base = format!(
        r#"{{"contact":{{"id":{n},"email":"user{n}@example.com","points":{},"fields":{{"notes":""#,
        n % 97
    );
    let pad = 1000usize.saturating_sub(base.len() + 6);
    format!("{base}{}\"}}}}}}", "x".repeat(pad))
}

// ---------------------------------------------------------------- receiver

/// A loopback receiver that reads each request and answers 200 at once.
struct Sink {
    port: u16,
    requests: Arc<AtomicU64>,
    stop: Arc<AtomicBool>,
}

impl Sink {
    fn start() -> Sink {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        listener.set_nonblocking(true).unwrap();
        let requests = Arc::new(AtomicU64::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let (r, s) = (Arc::clone(&requests), Arc::clone(&stop));
        thread::spawn(move || {
            while !s.load(Ordering::Relaxed) {
                match listener.accept() {
                    Ok((stream, _)) => {
                        let (r, s) = (Arc::clone(&r), Arc::clone(&s));
                        thread::spawn(move || serve(stream, &r, &s));
                    }
                    Err(_) => thread::sleep(Duration::from_millis(1)),
                }
            }
        });
        Sink {
            port,
            requests,
            stop,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }
}

impl Drop for Sink {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

fn serve(mut s: TcpStream, count: &AtomicU64, stop: &AtomicBool) {
    let _ = s.set_nodelay(true);
    let _ = s.set_read_timeout(Some(Duration::from_millis(500)));
    let mut buf = vec![0u8; 1 << 20];
    let mut have = 0usize;
    loop {
        let head = loop {
            if let Some(i) = buf[..have].windows(4).position(|w| w == b"\r\n\r\n") {
                break i + 4;
            }
            if have == buf.len() {
                return;
            }
            match s.read(&mut buf[have..]) {
                Ok(0) => return,
                Ok(n) => have += n,
                Err(_) if !stop.load(Ordering::Relaxed) => continue,
                Err(_) => return,
            }
        };
        let text = String::from_utf8_lossy(&buf[..head]).to_ascii_lowercase();
        let len: usize = text
            .lines()
            .find_map(|l| l.strip_prefix("content-length:"))
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(0);
        let mut need = head + len;
        // Discard the body, reading past the buffer when it is larger.
        while have < need.min(buf.len()) {
            match s.read(&mut buf[have..]) {
                Ok(0) => return,
                Ok(n) => have += n,
                Err(_) if !stop.load(Ordering::Relaxed) => continue,
                Err(_) => return,
            }
        }
        if need > buf.len() {
            need -= have;
            have = 0;
            while need > 0 {
                match s.read(&mut buf[..need.min(1 << 20)]) {
                    Ok(0) => return,
                    Ok(n) => need -= n,
                    Err(_) if !stop.load(Ordering::Relaxed) => continue,
                    Err(_) => return,
                }
            }
            need = 0;
        }
        buf.copy_within(need..have, 0);
        have -= need;
        count.fetch_add(1, Ordering::Relaxed);
        if s.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
            .is_err()
        {
            return;
        }
    }
}

// ---------------------------------------------------------------- ceilings

/// Raw POSTs/s through one shared Agent, configured as hookq's, from
/// `threads` threads for `secs` seconds.
fn post_ceiling(sink: &Sink, body_len: usize, threads: usize, secs: f64) -> f64 {
    let stage = Some(Duration::from_secs(15));
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_connect(Some(Duration::from_secs(5)))
        .timeout_send_request(stage)
        .timeout_send_body(stage)
        .timeout_recv_response(stage)
        .timeout_recv_body(stage)
        .max_idle_connections_per_host(threads)
        .build()
        .into();
    let body = "x".repeat(body_len);
    let url = sink.url("/ceiling");
    per_second(threads, secs, || {
        let r = agent
            .post(&url)
            .header_raw("Content-Type", b"application/json")
            .header_raw(
                "Webhook-Signature",
                b"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
            )
            .send(body.as_bytes());
        r.map(|mut resp| {
            let _ = resp.body_mut().read_to_vec();
        })
        .is_ok()
    })
}

/// How many times a second `threads` threads looping on `one` for `secs`
/// got true from it.
fn per_second(threads: usize, secs: f64, one: impl Fn() -> bool + Sync) -> f64 {
    let done = AtomicU64::new(0);
    let end = Instant::now() + Duration::from_secs_f64(secs);
    let start = Instant::now();
    thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| {
                while Instant::now() < end {
                    if one() {
                        done.fetch_add(1, Ordering::Relaxed);
                    }
                }
            });
        }
    });
    done.load(Ordering::Relaxed) as f64 / start.elapsed().as_secs_f64()
}

/// SQLite rows/s: inserting queue-like rows (1 KB payload + queue row) in
/// transactions of 10,000, scanning them back, and deleting them in id
/// order 10,000 per transaction (the way cleanup reclaims payloads).
fn sqlite_ceilings(dir: &Path, rows: u64) -> (f64, f64, f64) {
    let path = dir.join("ceiling.db");
    let _ = std::fs::remove_file(&path);
    let mut c = rusqlite::Connection::open(&path).unwrap();
    c.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;
         CREATE TABLE p (id INTEGER PRIMARY KEY, t TEXT NOT NULL, payload TEXT NOT NULL, d INTEGER NOT NULL);
         CREATE TABLE q (w INTEGER NOT NULL, e INTEGER NOT NULL, b INTEGER, PRIMARY KEY (w, e)) WITHOUT ROWID;",
    )
    .unwrap();
    let start = Instant::now();
    let mut n = 0;
    while n < rows {
        let tx = c.transaction().unwrap();
        {
            let mut ip = tx
                .prepare_cached("INSERT INTO p (t, payload, d) VALUES (?, ?, 0)")
                .unwrap();
            let mut iq = tx
                .prepare_cached("INSERT INTO q (w, e) VALUES (?, ?)")
                .unwrap();
            for _ in 0..10_000.min(rows - n) {
                ip.execute(rusqlite::params![TYPES[(n % 10) as usize], payload(n)])
                    .unwrap();
                iq.execute(rusqlite::params![(n % 10) as i64, tx.last_insert_rowid()])
                    .unwrap();
                n += 1;
            }
        }
        tx.commit().unwrap();
    }
    let insert = rows as f64 / start.elapsed().as_secs_f64();
    let start = Instant::now();
    let mut bytes = 0usize;
    let mut stmt = c
        .prepare("SELECT q.e, p.payload FROM q JOIN p ON p.id = q.e ORDER BY q.w, q.e")
        .unwrap();
    let mut it = stmt.query([]).unwrap();
    while let Some(r) = it.next().unwrap() {
        bytes += r.get_ref(1).unwrap().as_str().unwrap().len();
    }
    assert!(bytes > 0);
    let scan = rows as f64 / start.elapsed().as_secs_f64();
    drop(it);
    drop(stmt);
    let start = Instant::now();
    let mut from = 0i64;
    while from < rows as i64 {
        let tx = c.transaction().unwrap();
        tx.execute(
            "DELETE FROM p WHERE id > ? AND id <= ?",
            [from, from + 10_000],
        )
        .unwrap();
        tx.commit().unwrap();
        from += 10_000;
    }
    let delete = rows as f64 / start.elapsed().as_secs_f64();
    let left: i64 = c
        .query_row("SELECT count(*) FROM p", [], |r| r.get(0))
        .unwrap();
    assert_eq!(left, 0);
    drop(c);
    let _ = std::fs::remove_file(&path);
    (insert, scan, delete)
}

// ---------------------------------------------------------------- hookq

fn hookq(db: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(BIN);
    c.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOOKQ_USER", "bench");
    c.arg("--db").arg(db).args(args);
    c
}

fn run_ok(db: &Path, args: &[&str]) {
    let out = hookq(db, args).output().unwrap();
    assert!(
        out.status.success(),
        "hookq {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A database with ten webhooks posting to `sink`: each subscribed to its
/// own type (spread) or all to the first type (fan-out).
fn setup(db: &Path, sink: &Sink, fan_out: bool) {
    let _ = std::fs::remove_file(db);
    for (i, t) in TYPES.iter().enumerate() {
        let url = sink.url(&format!("/hook/{i}"));
        let t = if fan_out { TYPES[0] } else { t };
        run_ok(
            db,
            &[
                "create",
                "--name",
                &format!("bench {i}"),
                "--url",
                &url,
                "--trigger",
                t,
                "--secret",
                "bench-secret-0123456789",
            ],
        );
    }
}

/// An NDJSON file of `n` events: spread over the ten types, or all of one.
fn ndjson(path: &Path, n: u64, fan_out: bool) {
    let mut w = BufWriter::with_capacity(1 << 20, std::fs::File::create(path).unwrap());
    for i in 0..n {
        let t = if fan_out {
            TYPES[0]
        } else {
            TYPES[(i % 10) as usize]
        };
        writeln!(w, r#"{{"type":"{t}","payload":{}}}"#, payload(i)).unwrap();
    }
    w.flush().unwrap();
}

/// Seconds taken by `emit --ndjson file`.
fn emit_ndjson(db: &Path, file: &Path) -> f64 {
    let start = Instant::now();
    run_ok(db, &["emit", "--ndjson", file.to_str().unwrap()]);
    start.elapsed().as_secs_f64()
}

/// Run `process`; return (seconds, peak RSS in KiB), and check it drained.
fn process(db: &Path, batch: u32, concurrency: u32) -> (f64, u64) {
    let start = Instant::now();
    let mut child = hookq(
        db,
        &[
            "process",
            "--limit",
            &batch.to_string(),
            "--concurrency",
            &concurrency.to_string(),
            "--time-limit",
            "1h",
        ],
    )
    .stdout(Stdio::null())
    .stderr(Stdio::piped())
    .spawn()
    .unwrap();
    let status_path = format!("/proc/{}/status", child.id());
    let mut peak = 0u64;
    loop {
        if let Ok(s) = std::fs::read_to_string(&status_path)
            && let Some(kb) = s
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        {
            peak = peak.max(kb);
        }
        if let Some(st) = child.try_wait().unwrap() {
            assert!(st.success(), "process failed");
            break;
        }
        thread::sleep(Duration::from_millis(5));
    }
    let secs = start.elapsed().as_secs_f64();
    let c = rusqlite::Connection::open(db).unwrap();
    let left: i64 = c
        .query_row("SELECT count(*) FROM webhook_queue", [], |r| r.get(0))
        .unwrap();
    assert_eq!(left, 0, "process left {left} rows");
    (secs, peak)
}

fn copy(from: &Path, to: &Path) {
    let _ = std::fs::remove_file(to);
    std::fs::copy(from, to).unwrap();
}

fn fmt_rate(x: f64) -> String {
    let mut s = format!("{:.0}", x);
    let mut i = s.len() as isize - 3;
    while i > 0 {
        s.insert(i as usize, ',');
        i -= 3;
    }
    s
}

struct Row {
    what: String,
    value: String,
    ceiling: String,
    ratio: String,
}

fn row(what: &str, value: f64, unit: &str, ceiling: Option<(f64, &str)>) -> Row {
    Row {
        what: what.into(),
        value: format!("{} {unit}", fmt_rate(value)),
        ceiling: ceiling.map_or(String::from("-"), |(c, label)| {
            format!("{} {label}", fmt_rate(c))
        }),
        ratio: ceiling.map_or(String::from("-"), |(c, _)| format!("{:.2}", value / c)),
    }
}

fn main() {
    // `cargo bench` passes --bench; nothing else is taken.
    // HOOKQ_BENCH_INSERT_ONE=PATH: insert one row into PATH and exit: the
    // reference for one emit call (a process start plus a one-row insert).
    if let Some(path) = std::env::var_os("HOOKQ_BENCH_INSERT_ONE") {
        let c = rusqlite::Connection::open(path).unwrap();
        c.execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;
             CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, payload TEXT NOT NULL);",
        )
        .unwrap();
        c.execute("INSERT INTO t (payload) VALUES (?)", [payload(1)])
            .unwrap();
        return;
    }
    // HOOKQ_BENCH_SINK=SECONDS: only run the discarding receiver (for
    // profiling hookq by hand), print its port, and stop after SECONDS.
    if let Some(secs) = std::env::var("HOOKQ_BENCH_SINK")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
    {
        let sink = Sink::start();
        println!("{}", sink.port);
        thread::sleep(Duration::from_secs(secs.min(3600)));
        return;
    }
    // HOOKQ_BENCH_HYPER=1: only run a minimal hyper server answering a
    // fixed body (the ceiling for `serve`), print its port, and stop when
    // standard input closes.
    if std::env::var_os("HOOKQ_BENCH_HYPER").is_some() {
        minimal_server();
        return;
    }
    let events = env_num("HOOKQ_BENCH_EVENTS", 1_000_000);
    let runs = env_num("HOOKQ_BENCH_RUNS", 3).max(1) as usize;
    let dir: PathBuf = std::env::var_os("HOOKQ_BENCH_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_TARGET_TMPDIR")).join("bench"));
    std::fs::create_dir_all(&dir).unwrap();
    let sink = Sink::start();
    let mut rows: Vec<Row> = Vec::new();
    eprintln!(
        "hookq bench: {events} events, median of {runs} runs, in {}",
        dir.display()
    );
    // HOOKQ_BENCH_ONLY=serve|postgres|sqlite: only those figures.
    let only = std::env::var("HOOKQ_BENCH_ONLY").unwrap_or_default();
    if only == "serve" {
        serve_bench(&dir, &sink, runs, &mut rows);
        print_rows(rows, &sink);
        return;
    }
    if only == "postgres" {
        pg::bench(&dir, &sink, runs, &mut rows);
        print_rows(rows, &sink);
        return;
    }
    if only == "console" {
        console_bench(&dir, &mut rows);
        print_rows(rows, &sink);
        return;
    }
    if only == "filters" {
        filters_bench(&dir, &sink, runs, &mut rows);
        print_rows(rows, &sink);
        return;
    }

    // Ceilings.
    let body10 = hookq_body_len(10);
    let body100 = hookq_body_len(100);
    let c10_1 = post_ceiling(&sink, body10, 1, 3.0);
    let c10_8 = post_ceiling(&sink, body10, 8, 3.0);
    let c100_1 = post_ceiling(&sink, body100, 1, 3.0);
    let c100_8 = post_ceiling(&sink, body100, 8, 3.0);
    let (ins, scan, del) = sqlite_ceilings(&dir, 200_000.min(events));
    eprintln!(
        "ceilings: POST/s b10 c1 {c10_1:.0} c8 {c10_8:.0}; b100 c1 {c100_1:.0} c8 {c100_8:.0}; SQLite insert {ins:.0}/s scan {scan:.0}/s delete {del:.0}/s"
    );

    // emit --ndjson (spread), which also fills the template queue.
    let spread_file = dir.join("spread.ndjson");
    ndjson(&spread_file, events, false);
    let template = dir.join("spread.db");
    let mut emit_secs = Vec::new();
    for _ in 0..runs {
        setup(&template, &sink, false);
        emit_secs.push(emit_ndjson(&template, &spread_file));
    }
    let _ = std::fs::remove_file(&spread_file);
    rows.push(row(
        "emit --ndjson (spread), events/s",
        events as f64 / median(emit_secs),
        "ev/s",
        Some((ins, "rows/s SQLite insert")),
    ));

    // process, spread.
    let work = dir.join("work.db");
    let mut rss_big = 0;
    for (batch, conc, ceil) in [
        (10u32, 1u32, c10_1),
        (10, 8, c10_8),
        (100, 1, c100_1),
        (100, 8, c100_8),
    ] {
        let mut secs = Vec::new();
        for _ in 0..runs {
            copy(&template, &work);
            let (s, rss) = process(&work, batch, conc);
            secs.push(s);
            if batch == 100 && conc == 8 {
                rss_big = rss_big.max(rss);
            }
        }
        let rate = events as f64 / median(secs);
        rows.push(row(
            &format!("process spread, batch {batch}, concurrency {conc}, events/s"),
            rate,
            "ev/s",
            Some((ceil * f64::from(batch), "ev/s raw POST")),
        ));
    }

    // process, fan-out: events/10 events to ten webhooks.
    let fan_events = (events / 10).max(1);
    let fan_file = dir.join("fan.ndjson");
    ndjson(&fan_file, fan_events, true);
    let fan_db = dir.join("fan.db");
    setup(&fan_db, &sink, true);
    emit_ndjson(&fan_db, &fan_file);
    let _ = std::fs::remove_file(&fan_file);
    let mut secs = Vec::new();
    for _ in 0..runs {
        copy(&fan_db, &work);
        secs.push(process(&work, 100, 8).0);
    }
    rows.push(row(
        "process fan-out, batch 100, deliveries/s",
        (fan_events * 10) as f64 / median(secs),
        "del/s",
        Some((c100_8 * 100.0, "ev/s raw POST")),
    ));

    // One emit call (small database), against starting the binary at all.
    let small = dir.join("small.db");
    setup(&small, &sink, false);
    let one = payload(1);
    let me = std::env::current_exe().unwrap();
    let plain = dir.join("plain.db");
    let _ = std::fs::remove_file(&plain);
    let (mut emit_ms, mut insert_ms, mut start_ms) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..200 {
        let t = Instant::now();
        run_ok(&small, &["emit", TYPES[0], "--payload", &one]);
        emit_ms.push(t.elapsed().as_secs_f64() * 1000.0);
        let t = Instant::now();
        let st = Command::new(&me)
            .env("HOOKQ_BENCH_INSERT_ONE", &plain)
            .status()
            .unwrap();
        assert!(st.success());
        insert_ms.push(t.elapsed().as_secs_f64() * 1000.0);
        let t = Instant::now();
        let st = Command::new(BIN)
            .arg("--version")
            .stdout(Stdio::null())
            .status()
            .unwrap();
        assert!(st.success());
        start_ms.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    let (e, i, s) = (median(emit_ms), median(insert_ms), median(start_ms));
    rows.push(Row {
        what: "one emit call, median wall time".into(),
        value: format!("{e:.2} ms"),
        ceiling: format!("{i:.2} ms start + one-row insert ({s:.2} ms hookq --version)"),
        ratio: format!("{:.2}", i / e),
    });

    // Peak RSS with a tenth of the queue, against the full queue above.
    let tenth = dir.join("tenth.ndjson");
    ndjson(&tenth, (events / 10).max(1), false);
    setup(&work, &sink, false);
    emit_ndjson(&work, &tenth);
    let _ = std::fs::remove_file(&tenth);
    let rss_small = process(&work, 100, 8).1;
    rows.push(Row {
        what: format!("peak RSS of process, {} queued", events / 10),
        value: format!("{:.1} MB", rss_small as f64 / 1024.0),
        ceiling: "-".into(),
        ratio: "-".into(),
    });
    rows.push(Row {
        what: format!("peak RSS of process, {events} queued"),
        value: format!("{:.1} MB", rss_big as f64 / 1024.0),
        ceiling: format!(
            "{:.1} MB with a tenth of the queue",
            rss_small as f64 / 1024.0
        ),
        ratio: format!("{:.2}", rss_big as f64 / rss_small.max(1) as f64),
    });

    for p in [&template, &work, &fan_db, &small, &plain] {
        let _ = std::fs::remove_file(p);
        let _ = std::fs::remove_file(p.with_extension("db-wal"));
        let _ = std::fs::remove_file(p.with_extension("db-shm"));
    }
    if only != "sqlite" {
        filters_bench(&dir, &sink, runs, &mut rows);
        pg::bench(&dir, &sink, runs, &mut rows);
        serve_bench(&dir, &sink, runs, &mut rows);
        console_bench(&dir, &mut rows);
    }
    print_rows(rows, &sink);
}

fn print_rows(rows: Vec<Row>, sink: &Sink) {
    println!("| figure | hookq | ceiling (same run) | ratio |");
    println!("|---|---|---|---|");
    for r in rows {
        println!("| {} | {} | {} | {} |", r.what, r.value, r.ceiling, r.ratio);
    }
    println!(
        "(receiver requests served: {})",
        sink.requests.load(Ordering::Relaxed)
    );
}

// ---------------------------------------------------------------- serve

/// A minimal hyper server: reads each request's body, answers a fixed
/// JSON body. Prints its port; runs until standard input closes.
fn minimal_server() {
    use http_body_util::BodyExt;
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        println!("{}", listener.local_addr().unwrap().port());
        tokio::spawn(async {
            // Stop when the parent closes our stdin.
            let _ = tokio::task::spawn_blocking(|| {
                let mut buf = [0u8; 1];
                let _ = std::io::Read::read(&mut std::io::stdin(), &mut buf);
            })
            .await;
            std::process::exit(0);
        });
        loop {
            let (stream, _) = listener.accept().await.unwrap();
            let _ = stream.set_nodelay(true);
            tokio::spawn(async move {
                let svc = hyper::service::service_fn(
                    |req: hyper::Request<hyper::body::Incoming>| async move {
                        let _ = req.into_body().collect().await;
                        Ok::<_, std::convert::Infallible>(
                            hyper::Response::builder()
                                .header("content-type", "application/json")
                                .body(http_body_util::Full::new(bytes_of(r#"{"hook":{"id":1}}"#)))
                                .unwrap(),
                        )
                    },
                );
                let _ = hyper::server::conn::http1::Builder::new()
                    .serve_connection(hyper_util::rt::TokioIo::new(stream), svc)
                    .await;
            });
        }
    });
}

fn bytes_of(s: &'static str) -> axum::body::Bytes {
    axum::body::Bytes::from_static(s.as_bytes())
}

/// Requests/s of `threads` clients looping on one request for `secs`,
/// through one shared ureq agent (the same client for hookq and the
/// ceiling). Only 2xx answers count.
#[allow(clippy::too_many_arguments)]
fn load(
    url: &str,
    method: &str,
    ctype: &str,
    body: &[u8],
    auth: &str,
    threads: usize,
    secs: f64,
    keyed: Option<&str>,
) -> f64 {
    // With `keyed`, each request carries a new Idempotency-Key.
    let next_key = AtomicU64::new(0);
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_idle_connections(threads * 2)
        .max_idle_connections_per_host(threads * 2)
        .build()
        .into();
    per_second(threads, secs, || {
        let r = if method == "GET" {
            agent.get(url).header("Authorization", auth).call()
        } else {
            let mut req = agent
                .post(url)
                .header("Authorization", auth)
                .header("Content-Type", ctype);
            if let Some(prefix) = keyed {
                let n = next_key.fetch_add(1, Ordering::Relaxed);
                req = req.header("Idempotency-Key", format!("{prefix}-{n}"));
            }
            req.send(body)
        };
        r.is_ok_and(|mut resp| {
            let ok = resp.status().is_success();
            let _ = resp.body_mut().read_to_vec();
            ok
        })
    })
}

/// A child that prints its port on its first line (stdout or stderr).
struct Child {
    child: std::process::Child,
    port: u16,
}

impl Drop for Child {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let _ = self.child.wait();
    }
}

fn port_in(line: &str) -> Option<u16> {
    let rest = line.rsplit(':').next()?;
    rest.split(|c: char| !c.is_ascii_digit())
        .find(|p| !p.is_empty())?
        .parse()
        .ok()
}

fn start_minimal() -> Child {
    let mut child = Command::new(std::env::current_exe().unwrap())
        .env("HOOKQ_BENCH_HYPER", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufRead::read_line(
        &mut std::io::BufReader::new(child.stdout.take().unwrap()),
        &mut line,
    )
    .unwrap();
    let port = line.trim().parse().unwrap();
    Child { child, port }
}

fn start_serve(db: &Path) -> Child {
    let mut child = hookq(db, &["serve", "--listen", "127.0.0.1:0"])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut r = std::io::BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    let port = loop {
        line.clear();
        assert!(
            std::io::BufRead::read_line(&mut r, &mut line).unwrap() > 0,
            "serve exited"
        );
        if line.contains("http://") {
            break port_in(
                line.trim_end()
                    .trim_end_matches(')')
                    .split(" (")
                    .next()
                    .unwrap(),
            )
            .unwrap();
        }
    };
    // Keep draining its stderr so it never blocks on a full pipe.
    thread::spawn(move || {
        let _ = std::io::copy(&mut r, &mut std::io::sink());
    });
    Child { child, port }
}

/// Peak resident set of a process, KiB.
fn peak_rss(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse().ok())
        })
        .unwrap_or(0)
}

/// The bench's API user, added to `db`: its Basic `Authorization` value.
fn api_user(db: &Path) -> String {
    let mut add = hookq(db, &["api-user", "add", "bench", "--password-stdin"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    std::io::Write::write_all(
        &mut add.stdin.take().unwrap(),
        format!("{BENCH_PASSWORD}\n").as_bytes(),
    )
    .unwrap();
    assert!(add.wait().unwrap().success());
    format!(
        "Basic {}",
        base64::Engine::encode(
            &base64::engine::general_purpose::STANDARD,
            format!("bench:{BENCH_PASSWORD}")
        )
    )
}

/// The bench API user's password.
const BENCH_PASSWORD: &str = "bench-password-0123";

/// `serve`: GET /api/hooks/{id} and POST /api/hookq/events (one event per
/// request at 32 in flight, and NDJSON bodies of 1,000 events) beside a
/// minimal hyper server with the same client; peak RSS under that load.
fn serve_bench(dir: &Path, sink: &Sink, runs: usize, rows: &mut Vec<Row>) {
    let db = dir.join("serve.db");
    let _ = std::fs::remove_file(&db);
    setup(&db, sink, false);
    let auth = api_user(&db);
    let srv = start_serve(&db);
    let min = start_minimal();
    let url = |port: u16, path: &str| format!("http://127.0.0.1:{port}{path}");
    let one = format!(r#"{{"type":"{}","payload":{}}}"#, TYPES[0], payload(1));
    let mut nd = String::new();
    for i in 0..1000u64 {
        nd.push_str(&format!(
            r#"{{"type":"{}","payload":{}}}"#,
            TYPES[(i % 10) as usize],
            payload(i)
        ));
        nd.push('\n');
    }
    let secs = 3.0;
    // The same requests to the minimal server and to hookq: medians of
    // `runs` rates each.
    let both = |path: &str, method: &str, ctype: &str, body: &[u8], threads: usize| {
        let rate = |port: u16| {
            median(
                (0..runs)
                    .map(|_| {
                        load(
                            &url(port, path),
                            method,
                            ctype,
                            body,
                            &auth,
                            threads,
                            secs,
                            None,
                        )
                    })
                    .collect(),
            )
        };
        (rate(min.port), rate(srv.port))
    };
    let (get_min, get) = both("/api/hooks/1", "GET", "", b"", 32);
    eprintln!("serve: peak RSS after GET {} KiB", peak_rss(srv.child.id()));
    let (post_min, post) = both(
        "/api/hookq/events",
        "POST",
        "application/json",
        one.as_bytes(),
        32,
    );
    eprintln!(
        "serve: peak RSS after one-event POSTs {} KiB",
        peak_rss(srv.child.id())
    );
    // The same one-event POSTs, each with a new Idempotency-Key, runs of
    // the two taking turns (issue 23: keyed >= 0.8 of plain).
    let events_url = url(srv.port, "/api/hookq/events");
    let (mut plain, mut keyed) = (Vec::new(), Vec::new());
    for run in 0..runs {
        let k = format!("bench-{run}");
        keyed.push(load(
            &events_url,
            "POST",
            "application/json",
            one.as_bytes(),
            &auth,
            32,
            secs,
            Some(&k),
        ));
        plain.push(load(
            &events_url,
            "POST",
            "application/json",
            one.as_bytes(),
            &auth,
            32,
            secs,
            None,
        ));
    }
    eprintln!("serve: one-event POSTs, plain {plain:.0?}, with keys {keyed:.0?}");
    let (plain, keyed) = (median(plain), median(keyed));
    let (nd_min, ndr) = both(
        "/api/hookq/events",
        "POST",
        "application/x-ndjson",
        nd.as_bytes(),
        4,
    );
    let rss = peak_rss(srv.child.id());
    rows.push(row(
        "serve GET /api/hooks/{id}, 32 in flight, requests/s",
        get,
        "req/s",
        Some((get_min, "req/s minimal hyper server")),
    ));
    rows.push(row(
        "serve POST /api/hookq/events, one event per request, 32 in flight, events/s",
        post,
        "ev/s",
        Some((post_min, "req/s minimal hyper server")),
    ));
    rows.push(row(
        "serve POST /api/hookq/events, one event per request with an Idempotency-Key, 32 in flight, events/s",
        keyed,
        "ev/s",
        Some((plain, "ev/s without keys, runs taking turns")),
    ));
    rows.push(row(
        "serve POST /api/hookq/events, NDJSON of 1,000 events, 4 in flight, events/s",
        ndr * 1000.0,
        "ev/s",
        Some((nd_min * 1000.0, "ev/s minimal hyper server")),
    ));
    rows.push(Row {
        what: "peak RSS of serve under that load".into(),
        value: format!("{:.1} MB", rss as f64 / 1024.0),
        ceiling: "-".into(),
        ratio: "-".into(),
    });
    drop(srv);
    drop(min);
    for ext in ["db", "db-wal", "db-shm"] {
        let _ = std::fs::remove_file(db.with_extension(ext));
    }
}

/// The size of a body of `n` bench events as hookq builds it.
fn hookq_body_len(n: usize) -> usize {
    // payload + `,"timestamp":"…"` per event, type key and brackets.
    let one = payload(1).len() + 40;
    n * (one + 1) + TYPES[0].len() + 6
}

// ---------------------------------------------------------------- console

/// Median wall time of one request, over `n` requests one after another
/// (loopback, a kept-alive connection): the server's time plus a
/// loopback round trip, an upper bound on what the server spends.
fn latency_ms(agent: &ureq::Agent, url: &str, cookie: &str, n: usize) -> f64 {
    let mut times: Vec<f64> = (0..n)
        .map(|_| {
            let t = Instant::now();
            let mut r = agent.get(url).header("Cookie", cookie).call().unwrap();
            assert!(r.status().is_success(), "{url}: {}", r.status());
            let _ = r.body_mut().read_to_vec();
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

/// The console's pages: the Webhooks list (a page of 30) and a webhook's
/// page with 30 webhooks stored and with 10,000, beside the minimal
/// server's answer to the same client (issue 21: a page of 30 in <= 5 ms
/// server time, and still with 10,000 webhooks).
fn console_bench(dir: &Path, rows: &mut Vec<Row>) {
    let db = dir.join("console.db");
    for ext in ["db", "db-wal", "db-shm"] {
        let _ = std::fs::remove_file(db.with_extension(ext));
    }
    let auth = api_user(&db);
    let srv = start_serve(&db);
    let min = start_minimal();
    let base = format!("http://127.0.0.1:{}", srv.port);
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .build()
        .into();
    // Webhooks through the API, 200 a request.
    let add_hooks = |from: usize, to: usize| {
        for chunk in (from..to).collect::<Vec<_>>().chunks(200) {
            let batch: Vec<String> = chunk
                .iter()
                .map(|i| format!(r#"{{"name":"webhook {i:05}","description":"bench webhook {i}","webhookUrl":"http://127.0.0.1:9/h{i}","triggers":["{}"]}}"#, TYPES[i % 10]))
                .collect();
            let r = agent
                .post(format!("{base}/api/hooks/batch/new"))
                .header("Authorization", &auth)
                .header("Content-Type", "application/json")
                .send(format!("[{}]", batch.join(",")))
                .unwrap();
            assert!(r.status().is_success(), "batch new: {}", r.status());
        }
    };
    // Sign in as a browser does.
    let signed = agent
        .post(format!("{base}/login"))
        .header("Origin", &base)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .send(format!(
            "username=bench&password={BENCH_PASSWORD}&next=%2Fwebhooks"
        ))
        .unwrap();
    let cookie = signed
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .expect("a session cookie")
        .to_owned();
    let n = 300;
    let ceiling = latency_ms(&agent, &format!("http://127.0.0.1:{}/", min.port), "", n);
    for (stored, to) in [(30, 30), (10_000, 10_000)] {
        let have = if stored == 30 { 0 } else { 30 };
        add_hooks(have, to);
        for (what, path) in [
            (
                "the Webhooks list, first page of 30",
                String::from("/webhooks"),
            ),
            (
                "the Webhooks list, last page by ID",
                format!("/webhooks?orderBy=id&orderByDir=asc&start={}", stored - 30),
            ),
            (
                "the Webhooks list, a search",
                String::from("/webhooks?search=webhook+00001"),
            ),
            ("a webhook's page", format!("/webhooks/{}", stored / 2)),
        ] {
            let ms = latency_ms(&agent, &format!("{base}{path}"), &cookie, n);
            rows.push(Row {
                what: format!(
                    "console {what}, {stored} webhooks stored, median of {n} one at a time"
                ),
                value: format!("{ms:.2} ms"),
                ceiling: format!("{ceiling:.2} ms minimal hyper server"),
                ratio: format!("{:.1}", ms / ceiling),
            });
        }
    }
    drop(srv);
    drop(min);
}

// ---------------------------------------------------------------- filters

/// The cost of filters at emit (issue 22: emit with 100 webhooks each
/// holding a filter stays >= 0.5 of emit without). 100 webhooks all
/// subscribed to one type, without filters or each with a nested filter
/// every event matches (so both store the same rows and the difference
/// is the filters' own work: reading each payload and matching 100
/// patterns). Runs alternate between the two.
fn filters_bench(dir: &Path, sink: &Sink, runs: usize, rows: &mut Vec<Row>) {
    let n = env_num("HOOKQ_BENCH_FILTER_EVENTS", 5_000);
    let file = dir.join("filters.ndjson");
    ndjson(&file, n, true);
    let db = dir.join("filters.db");
    let make = |filtered: bool| {
        for ext in ["db", "db-wal", "db-shm"] {
            let _ = std::fs::remove_file(db.with_extension(ext));
        }
        for i in 0..100 {
            let url = sink.url(&format!("/f/{i}"));
            let name = format!("filtered {i}");
            let mut args = vec![
                "create",
                "--name",
                &name,
                "--url",
                &url,
                "--trigger",
                TYPES[0],
            ];
            let filter = format!(r#"{}:{{"contact":{{"fields":{{}}}}}}"#, TYPES[0]);
            if filtered {
                args.extend(["--filter", &filter]);
            }
            run_ok(&db, &args);
        }
    };
    let (mut bulk, mut one) = ([Vec::new(), Vec::new()], [Vec::new(), Vec::new()]);
    let single = payload(7);
    for _ in 0..runs.max(3) {
        for (k, filtered) in [false, true].into_iter().enumerate() {
            make(filtered);
            bulk[k].push(n as f64 / emit_ndjson(&db, &file));
            let mut times = Vec::new();
            for _ in 0..15 {
                let t = Instant::now();
                run_ok(&db, &["emit", TYPES[0], "--payload", &single]);
                times.push(t.elapsed().as_secs_f64() * 1000.0);
            }
            one[k].push(median(times));
        }
    }
    let _ = std::fs::remove_file(&file);
    let (plain, filtered) = (median(bulk[0].clone()), median(bulk[1].clone()));
    rows.push(Row {
        what: format!(
            "emit --ndjson of {n} events to 100 webhooks, each with a filter (median of {} alternating runs)",
            runs.max(3)
        ),
        value: format!("{} ev/s", fmt_rate(filtered)),
        ceiling: format!("{} ev/s without filters", fmt_rate(plain)),
        ratio: format!("{:.2}", filtered / plain),
    });
    let (plain, filtered) = (median(one[0].clone()), median(one[1].clone()));
    rows.push(Row {
        what: String::from(
            "one emit to 100 webhooks, each with a filter (a process start included)",
        ),
        value: format!("{filtered:.2} ms"),
        ceiling: format!("{plain:.2} ms without filters"),
        ratio: format!("{:.2}", plain / filtered),
    });
}
