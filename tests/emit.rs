//! emit (single, NDJSON, immediate mode), test, queue tools, overlapping
//! runs and a crash in the middle of a run.

use std::time::Duration;

use super::{sqlite_env, test_env};
use crate::common::receiver::{Receiver, Reply};

const FORM: &str = "mautic.form_on_submit";
const PAGE: &str = "mautic.page_on_hit";

#[test]
fn emit_fans_out_to_published_subscribers_only() {
    let Some(env) = test_env() else { return };
    let a = env.hook("http://127.0.0.1:9/a", &[FORM], &[]);
    let b = env.hook("http://127.0.0.1:9/b", &[FORM, PAGE], &[]);
    let c = env.hook("http://127.0.0.1:9/c", &[FORM], &["--unpublished"]);
    let v = env.json(&["emit", FORM, "--payload", r#"{"x":1}"#]);
    assert_eq!(v["webhooks"], serde_json::json!([a, b]));
    assert_eq!(env.queued(a).len(), 1);
    assert_eq!(env.queued(b).len(), 1);
    assert!(env.queued(c).is_empty(), "unpublished webhooks get nothing");
    // One payload row shared by both deliveries.
    let payloads: i64 = env.payloads();
    assert_eq!(payloads, 1);

    let out = env.run(&["emit", "mautic.sms_on_send", "--payload", "{}"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no published webhook subscribes"));
    let out = env.run(&["-q", "emit", "mautic.sms_on_send"]);
    assert!(out.status.success() && out.stderr.is_empty() && out.stdout.is_empty());

    // Payload from a file and from standard input.
    let f = env.path().join("p.json");
    std::fs::write(&f, r#"{"from":"file"}"#).unwrap();
    env.ok(&["emit", PAGE, "--payload-file", f.to_str().unwrap()]);
    let out = env.run_stdin(
        &["emit", PAGE, "--payload-file", "-"],
        br#"{"from":"stdin"}"#,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(env.queued(b).len(), 3);
}

#[test]
fn bad_events_are_refused_and_write_nothing() {
    let Some(env) = test_env() else { return };
    env.hook("http://127.0.0.1:9/", &[FORM], &[]);
    env.ok(&["config", "set", "max_payload_bytes", "64"]);
    for (args, fragment) in [
        (
            vec!["emit", FORM, "--payload", "[1,2]"],
            "must be a JSON object",
        ),
        (
            vec!["emit", FORM, "--payload", "\"text\""],
            "must be a JSON object",
        ),
        (vec!["emit", FORM, "--payload", "{nope"], "not valid JSON"),
        (
            vec![
                "emit",
                FORM,
                "--payload",
                &format!(r#"{{"big":"{}"}}"#, "x".repeat(100)),
            ],
            "max_payload_bytes",
        ),
        (
            vec!["emit", "mautic.form_on_submt", "--payload", "{}"],
            "did you mean mautic.form_on_submit",
        ),
        (
            vec!["emit", FORM, "--payload-file", "/nonexistent/p.json"],
            "could not read",
        ),
        (
            vec!["emit", FORM, "--payload", "{}", "--payload-file", "x"],
            "--payload-file",
        ),
        (vec!["emit"], "TYPE"),
    ] {
        let err = env.rejected(&args, 2);
        assert!(err.contains(fragment), "{args:?}: {err}");
    }
    let out = env.run_stdin(&["emit", FORM, "--payload-file", "-"], b"{\"a\":\"\xff\"}");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not UTF-8"));
}

#[test]
fn ndjson_stores_in_chunks_and_names_a_bad_line() {
    let Some(env) = test_env() else { return };
    let a = env.hook("http://127.0.0.1:9/", &[FORM, PAGE], &[]);
    let good = format!(
        "{}\n\n{}\n{}\n",
        r#"{"type":"mautic.form_on_submit","payload":{"n":1}}"#,
        r#"{"type":"mautic.page_on_hit","payload":{"n":2}}"#,
        r#"{"type":"mautic.sms_on_send","payload":{"n":3}}"#
    );
    let out = env.run_stdin(&["emit", "--ndjson", "--json"], good.as_bytes());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["events"], 2);
    assert_eq!(v["deliveries"], 2);
    assert_eq!(v["unsubscribed"], 1);
    assert_eq!(env.queued(a).len(), 2);

    let f = env.path().join("events.ndjson");
    for (bad, fragment) in [
        (
            r#"{"type":"mautic.form_on_submit","payload":[1]}"#,
            "payload",
        ),
        (
            r#"{"type":"mautic.nope","payload":{}}"#,
            "unknown event type",
        ),
        (r#"{"payload":{}}"#, "\"type\""),
        (
            r#"{"type":"mautic.form_on_submit","payload":{},"extra":1}"#,
            "unknown key",
        ),
        ("not json", "not valid JSON"),
    ] {
        std::fs::write(
            &f,
            format!(
                "{}\n{bad}\n",
                r#"{"type":"mautic.form_on_submit","payload":{"ok":true}}"#
            ),
        )
        .unwrap();
        let err = env.rejected(&["emit", "--ndjson", f.to_str().unwrap()], 2);
        assert!(err.contains("line 2:"), "{err}");
        assert!(err.contains(f.to_str().unwrap()), "{err}");
        assert!(err.contains(fragment), "{bad}: {err}");
        assert!(err.contains("nothing was stored"), "{err}");
    }
    assert_eq!(
        env.queued(a).len(),
        2,
        "a bad line writes nothing of its chunk"
    );
    let out = env.run_stdin(
        &["emit", "--ndjson", "-"],
        b"{\"type\":\"mautic.form_on_submit\",\"payload\":{\"a\":\"\xff\"}}\n",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("line 1"));
}

#[test]
fn immediate_mode_delivers_at_once_and_keeps_failures_queued() {
    let rx = Receiver::ok();
    let Some(env) = test_env() else { return };
    env.ok(&["config", "set", "queue_mode", "immediate"]);
    let id = env.hook(&rx.url("/"), &[FORM], &[]);
    env.emit(FORM, r#"{"n":1}"#);
    assert_eq!(rx.count(), 1, "delivered by emit itself");
    assert!(env.queued(id).is_empty());
    rx.set_default(Reply::status(500));
    let out = env.run(&["emit", FORM, "--payload", r#"{"n":2}"#]);
    assert!(out.status.success(), "the event is safely queued");
    assert!(String::from_utf8_lossy(&out.stderr).contains("stay queued"));
    assert_eq!(env.queued(id).len(), 1);
    // NDJSON in immediate mode delivers too, behind the waiting batch only
    // once it is due (strict order).
    rx.set_default(Reply::status(200));
    env.due_now();
    let out = env.run_stdin(
        &["emit", "--ndjson"],
        br#"{"type":"mautic.form_on_submit","payload":{"n":3}}"#,
    );
    assert!(out.status.success());
    assert!(env.queued(id).is_empty());
    let ns: Vec<i64> = rx
        .requests()
        .iter()
        .flat_map(|r| r.json()[FORM].as_array().unwrap().clone())
        .map(|e| e["n"].as_i64().unwrap())
        .collect();
    assert_eq!(ns, [1, 2, 2, 3]);
}

#[test]
fn test_sends_a_live_shaped_sample_and_records_nothing() {
    let rx = Receiver::ok();
    let Some(env) = test_env() else { return };
    let id = env.hook(&rx.url("/t"), &[FORM, PAGE], &[]);
    let before = env.db_bytes();
    let out = env.ok(&["test", &id.to_string()]);
    assert!(out.starts_with("HTTP 200 in "), "{out}");
    let r = &rx.requests()[0];
    let v = r.json();
    let types: Vec<&String> = v.as_object().unwrap().keys().collect();
    assert_eq!(types, [FORM, PAGE]);
    for t in [FORM, PAGE] {
        let e = &v[t][0];
        assert_eq!(
            e.as_object().unwrap().keys().next_back().unwrap(),
            "timestamp"
        );
        assert_eq!(e["hookqTest"], true);
    }
    assert!(r.header("Webhook-Signature").is_some() && r.header("Webhook-Id").is_some());
    assert!(before == env.db_bytes(), "test wrote to the database");
    assert!(env.logs().is_empty());

    let v = env.json(&["test", &id.to_string(), "--trigger", PAGE]);
    assert_eq!(v["ok"], true);
    assert_eq!(v["statusCode"], "200");
    assert_eq!(rx.requests()[1].json().as_object().unwrap().len(), 1);

    rx.set_default(Reply::status(500));
    let out = env.run(&["test", &id.to_string()]);
    assert_eq!(out.status.code(), Some(1), "a non-2xx test exits 1");
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("HTTP 500"));
    assert!(env.logs().is_empty() && env.queued(id).is_empty());
    let p = env.path().join("p.json");
    std::fs::write(&p, r#"{"custom":true}"#).unwrap();
    rx.set_default(Reply::status(200));
    env.ok(&[
        "test",
        "--url",
        &rx.url("/adhoc"),
        "--secret",
        "s",
        "--trigger",
        "mautic.sms_on_send",
        "--payload-file",
        p.to_str().unwrap(),
    ]);
    let last = rx.requests().pop().unwrap();
    assert_eq!(last.path, "/adhoc");
    assert_eq!(last.json()["mautic.sms_on_send"][0]["custom"], true);
    env.rejected(
        &["test", "--url", &rx.url("/"), "--trigger", "mautic.nope"],
        2,
    );
    env.rejected(&["test", "--url", &rx.url("/")], 2);
    env.rejected(&["test", "--url", "ftp://x", "--trigger", FORM], 2);
    env.rejected(&["test", "99"], 1);
}

/// Issue 13, bug 4: `test` against a 410 receiver said "webhook
/// unpublished" although a test changes nothing.
#[test]
fn regression_test_against_gone_says_what_a_delivery_would_do() {
    let rx = Receiver::start(Reply::status(410));
    let Some(env) = test_env() else { return };
    let id = env.hook(&rx.url("/"), &[FORM], &[]);
    let out = env.run(&["test", &id.to_string()]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("a delivery would unpublish the webhook (this test changed nothing)"),
        "{text}"
    );
    assert!(!text.contains("webhook unpublished"), "{text}");
    let v = env.json(&["get", &id.to_string()]);
    assert_eq!(v["hook"]["isPublished"], true, "test changed nothing");
    // `test ID --secret` is refused, not ignored (bug 3).
    let err = env.rejected(&["test", &id.to_string(), "--secret", "other"], 2);
    assert!(err.contains("--secret goes with --url"), "{err}");
    assert_eq!(rx.count(), 1, "the refused test sent nothing");
}

/// Issue 13: `verify` (and `emit --payload-file -`, `emit --ndjson`) on a
/// terminal say they wait for standard input. A terminal from `script`.
#[test]
fn a_terminal_on_stdin_is_told_what_is_awaited() {
    let Some(env) = test_env() else { return };
    let Ok(script) = which_script() else {
        eprintln!("skipped: no `script` command to give a terminal");
        return;
    };
    let bin = crate::common::BIN;
    for args in ["verify --secret s --signature eA==", "emit --ndjson"] {
        let mut child = std::process::Command::new(&script)
            .args(["-qec", &format!("{bin} {args} --db '{}'", env.db.display()), "/dev/null"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(300));
        {
            use std::io::Write;
            let mut stdin = child.stdin.take().unwrap();
            // Ctrl-D on the terminal: end of input.
            stdin.write_all(b"\x04").unwrap();
        }
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while child.try_wait().unwrap().is_none() {
            if std::time::Instant::now() > deadline {
                let _ = child.kill();
                panic!("{args}: still waiting after 10 s");
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        let out = child.wait_with_output().unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            text.contains("reading from standard input (Ctrl-D to end)"),
            "{args}: {text}"
        );
    }
}

/// Issue 23: the README's first command, `process` on a new database,
/// printed nothing even on a terminal. There it says what to do; under
/// cron (no terminal) it stays silent.
#[test]
fn regression_process_on_a_terminal_says_why_it_sent_nothing() {
    let Some(env) = test_env() else { return };
    let Ok(script) = which_script() else {
        eprintln!("skipped: no `script` command to give a terminal");
        return;
    };
    let bin = crate::common::BIN;
    let on_terminal = || -> String {
        let out = std::process::Command::new(&script)
            .args(["-qec", &format!("{bin} process --db '{}'", env.db.display()), "/dev/null"])
            .env("HOOKQ_USER", "tester")
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let text = on_terminal();
    assert!(text.contains("no webhooks yet") && text.contains("hookq create"), "{text}");
    assert_eq!(text.trim().lines().count(), 1, "{text}");
    env.create("a", &["mautic.form_on_submit"]);
    let text = on_terminal();
    assert!(text.contains("nothing to send"), "{text}");
    // Without a terminal: silent.
    let out = env.run(&["process"]);
    assert!(out.status.success() && out.stderr.is_empty() && out.stdout.is_empty());
}

fn which_script() -> Result<std::path::PathBuf, ()> {
    for dir in ["/usr/bin", "/bin", "/usr/local/bin"] {
        let p = std::path::Path::new(dir).join("script");
        if p.exists() {
            return Ok(p);
        }
    }
    Err(())
}

#[test]
fn verify_checks_signatures() {
    let Some(env) = test_env() else { return };
    let body = br#"{"mautic.email_on_send":[{"payload":"some data","timestamp":"2021-04-01T16:00:00+00:00"}]}"#;
    let ok = env.run_stdin(
        &[
            "verify",
            "--secret",
            "secret",
            "--signature",
            "qXECAS+voHNuBe3pxs0HihF7NsBHw/zrA6n3KF93qG8=",
        ],
        body,
    );
    assert_eq!(ok.status.code(), Some(0));
    let mut changed = body.to_vec();
    changed[10] ^= 1;
    let bad = env.run_stdin(
        &[
            "verify",
            "--secret",
            "secret",
            "--signature",
            "qXECAS+voHNuBe3pxs0HihF7NsBHw/zrA6n3KF93qG8=",
        ],
        &changed,
    );
    assert_eq!(bad.status.code(), Some(1));
    let out = env.run_stdin(
        &["verify", "--secret", "secret", "--signature", "%%%"],
        body,
    );
    assert_eq!(out.status.code(), Some(2));

    // Issue 13: the secret off the command line (argv shows in `ps`).
    let sig = "qXECAS+voHNuBe3pxs0HihF7NsBHw/zrA6n3KF93qG8=";
    let file = env.path().join("secret.txt");
    std::fs::write(&file, "secret\n").unwrap();
    let f = file.to_str().unwrap();
    let out = env.run_stdin(&["verify", "--secret-file", f, "--signature", sig], body);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let out = env.run_stdin(&["verify", "--secret-file", f, "--signature", sig], &changed);
    assert_eq!(out.status.code(), Some(1));
    let out = env
        .command(&["verify", "--signature", sig])
        .env("HOOKQ_VERIFY_SECRET", "secret")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut c| {
            use std::io::Write;
            c.stdin.take().unwrap().write_all(body)?;
            c.wait_with_output()
        })
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let err = env.fails(&["verify", "--signature", sig, "/dev/null"], 2);
    assert!(err.contains("--secret-file FILE, HOOKQ_VERIFY_SECRET or --secret"), "{err}");
    let err = env.fails(
        &["verify", "--secret-file", "/nonexistent/s", "--signature", sig, "/dev/null"],
        2,
    );
    assert!(err.contains("--secret-file"), "{err}");
}

#[test]
fn queue_stats_purge_and_confirmation() {
    let Some(env) = test_env() else { return };
    let a = env.hook("http://127.0.0.1:9/", &[FORM], &[]);
    let b = env.hook("http://127.0.0.1:9/", &[FORM], &[]);
    for _ in 0..3 {
        env.emit(FORM, "{}");
    }
    let s = env.json(&["queue", "stats"]);
    assert_eq!(s["total"]["queued"], 6);
    assert_eq!(s["webhooks"][a.to_string()]["queued"], 3);
    assert!(env.ok(&["queue"]).contains("Queued"));
    let err = env.rejected(&["queue", "purge", "--webhook-id", &a.to_string()], 2);
    assert!(err.contains("--yes"), "{err}");
    // Issue 13: it said "invalid --yes" although --yes was missing.
    assert!(!err.contains("invalid --yes"), "{err}");
    assert!(err.contains("no terminal to ask on"), "{err}");
    let v = env.json(&["queue", "purge", "--webhook-id", &a.to_string(), "--yes"]);
    assert_eq!(v["purged"], 3);
    assert!(env.queued(a).is_empty());
    assert_eq!(env.queued(b).len(), 3);
    env.ok(&["queue", "purge", "-y"]);
    let left: i64 = env.payloads();
    assert_eq!(left, 0, "purged payloads are reclaimed");
    env.rejected(&["queue", "list", "--webhook-id", "99"], 1);
}

#[test]
fn overlapping_runs_never_send_a_batch_twice() {
    let rx = Receiver::start(Reply::slow(Duration::from_millis(30), 200));
    let Some(env) = test_env() else { return };
    for i in 0..4 {
        env.hook(&rx.url(&format!("/{i}")), &[FORM], &[]);
    }
    for i in 0..20 {
        env.emit(FORM, &format!(r#"{{"n":{i}}}"#));
    }
    let runs: Vec<_> = (0..3)
        .map(|_| {
            env.command(&["process", "--limit", "2", "--concurrency", "2"])
                .spawn()
                .unwrap()
        })
        .collect();
    for mut r in runs {
        assert!(r.wait().unwrap().success());
    }
    env.ok(&["process"]);
    let reqs = rx.requests();
    let mut ids: Vec<&str> = reqs
        .iter()
        .map(|r| r.header("Webhook-Id").unwrap())
        .collect();
    let all = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), all, "a batch was received twice");
    assert_eq!(all, 4 * 10, "every event delivered once, in batches of 2");
    // Per webhook, every event once, in order (strict_order).
    let mut by_hook: std::collections::BTreeMap<String, Vec<i64>> = Default::default();
    for r in &reqs {
        let ns = r.json()[FORM]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["n"].as_i64().unwrap())
            .collect::<Vec<_>>();
        by_hook.entry(r.path.clone()).or_default().extend(ns);
    }
    assert_eq!(by_hook.len(), 4);
    for (path, ns) in by_hook {
        assert_eq!(ns, (0..20).collect::<Vec<i64>>(), "webhook {path}");
    }
}

#[test]
fn a_killed_run_loses_nothing_and_repeats_only_in_flight_batches() {
    let rx = Receiver::start(Reply::slow(Duration::from_millis(150), 200));
    let Some(env) = test_env() else { return };
    let id = env.hook(&rx.url("/"), &[FORM], &[]);
    for i in 0..6 {
        env.emit(FORM, &format!(r#"{{"n":{i}}}"#));
    }
    let mut child = env.command(&["process", "--limit", "1"]).spawn().unwrap();
    assert!(rx.wait_for(2, Duration::from_secs(10)));
    child.kill().unwrap();
    child.wait().unwrap();
    // The dead run's lease is taken over at once: its process is gone.
    env.ok(&["process", "--limit", "1"]);
    assert!(env.queued(id).is_empty(), "events lost");
    let reqs = rx.requests();
    let mut seen: std::collections::HashMap<i64, Vec<String>> = Default::default();
    for r in &reqs {
        for e in r.json()[FORM].as_array().unwrap() {
            seen.entry(e["n"].as_i64().unwrap())
                .or_default()
                .push(r.header("Webhook-Id").unwrap().to_owned());
        }
    }
    assert_eq!(seen.len(), 6, "every event delivered");
    for (n, ids) in &seen {
        assert!(
            ids.iter().all(|i| i == &ids[0]),
            "event {n} came again under another Webhook-Id: {ids:?}"
        );
        assert!(ids.len() <= 2, "event {n} sent {} times", ids.len());
    }
}

#[test]
fn ndjson_commits_whole_chunks_before_a_bad_line() {
    let Some(env) = test_env() else { return };
    let a = env.hook("http://127.0.0.1:9/", &[FORM], &[]);
    let mut input = String::new();
    for i in 0..20_004 {
        input.push_str(&format!(
            "{{\"type\":\"mautic.form_on_submit\",\"payload\":{{\"n\":{i}}}}}\n"
        ));
    }
    let bad = "{\"type\":\"mautic.form_on_submit\",\"payload\":7}\n";
    let good = "{\"type\":\"mautic.form_on_submit\",\"payload\":{\"n\":20004}}\n";
    input.push_str(bad);
    let out = env.run_stdin(&["emit", "--ndjson"], input.as_bytes());
    // Issue 13: this was exit 2, which means "nothing was written".
    assert_eq!(out.status.code(), Some(4));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("line 20005"), "{err}");
    assert!(
        err.contains("lines 1-20000 were stored (20000 events)"),
        "{err}"
    );
    assert!(err.contains("go on with --skip 20000"), "{err}");
    let n = env.queue_len(Some(a));
    assert_eq!(
        n, 20_000,
        "the first chunk is committed, the second not at all"
    );
    // Under --json the error names the line too.
    let out = env.run_stdin(&["emit", "--ndjson", "--json", "--skip", "20000"], input.as_bytes());
    assert_eq!(out.status.code(), Some(2), "nothing of this run was stored");
    let v: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap();
    assert!(v["errors"][0]["message"].as_str().unwrap().contains("line 20005"), "{v}");
    // Fixed, the rest goes in once with the --skip the error named.
    let fixed = input.replace(bad, good);
    let out = env.run_stdin(&["emit", "--ndjson", "--skip", "20000", "--json"], fixed.as_bytes());
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["events"], 5, "{v}");
    assert_eq!(env.queue_len(Some(a)), 20_005, "nothing stored twice");
}

/// Regression: with checkpoint-on-close off and no fold, every short
/// command rebuilt the WAL index from scratch and the WAL grew without
/// bound (33 MB after a few hundred emits).
#[test]
fn the_wal_stays_bounded_across_many_short_commands() {
    let Some(env) = sqlite_env() else { return };
    let id = env.hook("http://127.0.0.1:9/", &[FORM], &[]);
    let payload = format!(r#"{{"pad":"{}"}}"#, "x".repeat(20_000));
    for _ in 0..80 {
        let out = env.run(&["emit", FORM, "--payload", &payload]);
        assert!(out.status.success());
    }
    let mut wal = env.db.as_os_str().to_owned();
    wal.push("-wal");
    let size = std::fs::metadata(&wal).map_or(0, |m| m.len());
    assert!(
        size <= 1024 * 1024,
        "the WAL grew to {size} bytes over 80 emits of 20 KB"
    );
    assert_eq!(env.queued(id).len(), 80, "nothing lost across folds");
}

#[test]
fn queue_list_is_in_event_order_across_webhooks_and_stats_show_the_oldest() {
    let Some(env) = test_env() else { return };
    let a = env.hook("http://127.0.0.1:9/", &[FORM, PAGE], &[]);
    let b = env.hook("http://127.0.0.1:9/", &[FORM], &[]);
    let e1 = env.emit(PAGE, "{}").unwrap();
    let e2 = env.emit(FORM, "{}").unwrap();
    let e3 = env.emit(FORM, "{}").unwrap();
    let v = env.json(&["queue", "list", "--limit", "4"]);
    let got: Vec<(i64, i64, &str)> = v["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["id"].as_i64().unwrap(),
                e["webhookId"].as_i64().unwrap(),
                e["type"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [(e1, a, PAGE), (e2, a, FORM), (e2, b, FORM), (e3, a, FORM)],
        "by event id, then webhook; cut at --limit"
    );
    let first_date = v["events"][0]["dateAdded"].clone();
    let s = env.json(&["queue", "stats"]);
    assert_eq!(s["webhooks"][a.to_string()]["oldest"], first_date);
    assert_eq!(
        s["webhooks"][b.to_string()]["oldest"],
        v["events"][2]["dateAdded"]
    );
}
