//! emit and process against a real receiver: Mautic's wire format, batching,
//! order, retries, health and the fault replies.

use std::time::Duration;

use hookq::model::IdRange;
use hookq::store::Verdict;
use serde_json::Value;

use super::test_env;
use crate::common::hmac_b64;
use crate::common::receiver::{Receiver, Reply};

const LEAD_NEW: &str = "mautic.lead_post_save_new";
const FORM: &str = "mautic.form_on_submit";
const PAGE_HIT: &str = "mautic.page_on_hit";


fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

fn epoch_of(date: &Value) -> i64 {
    let s = date.as_str().expect("date");
    jiff::Timestamp::strptime("%Y-%m-%dT%H:%M:%S%:z", s)
        .expect("Mautic date")
        .as_second()
}

#[test]
fn delivery_matches_mauticss_wire_format() {
    let rx = Receiver::ok();
    let Some(env) = test_env() else { return };
    // Payloads reclaimed at once: none kept for `resend` (see
    // resend_sends_a_delivered_batch_again for what retention keeps).
    env.ok(&["config", "set", "delivered_retention", "0"]);
    env.ok(&["config", "set", "site_url", "https://crm.example.com"]);
    let id = env.hook(&rx.url("/hook"), &[LEAD_NEW, FORM], &[]);
    env.emit(
        LEAD_NEW,
        r#"{"contact":{"id":7,"web":"https://x.example/é","emoji":"😀"},"timestamp":"ignored"}"#,
    );
    env.emit(FORM, r#"{"form":{"id":1}}"#);
    env.emit(LEAD_NEW, r#"{"contact":{"id":8}}"#);
    let out = env.run(&["process"]);
    assert!(out.status.success());
    assert!(
        out.stdout.is_empty() && out.stderr.is_empty(),
        "process is silent on success under cron"
    );

    let reqs = rx.requests();
    assert_eq!(
        reqs.len(),
        1,
        "one request for three events (batch_limit 10)"
    );
    let r = &reqs[0];
    assert_eq!(r.method, "POST");
    assert_eq!(r.path, "/hook");
    // Exact header names, case-sensitive, as Mautic sends them.
    assert_eq!(r.header("Content-Type"), Some("application/json"));
    assert_eq!(
        r.header("X-Origin-Base-URL"),
        Some("https://crm.example.com")
    );
    assert_eq!(
        r.header("User-Agent"),
        Some(concat!("hookq/", env!("CARGO_PKG_VERSION")))
    );
    let batch_id = r.header("Webhook-Id").expect("Webhook-Id");
    assert_eq!(batch_id.len(), 36);
    assert_eq!(
        r.header("Webhook-Signature"),
        Some(hmac_b64("secret", &r.body).as_str())
    );

    let body = r.body_str();
    assert!(
        body.contains(r#""web":"https:\/\/x.example\/\u00e9""#),
        "PHP escaping: {body}"
    );
    assert!(
        body.contains(r#""emoji":"\ud83d\ude00""#),
        "surrogate pair: {body}"
    );
    assert!(
        !body.contains(' ') && !body.contains('\n'),
        "compact: {body}"
    );
    let v = r.json();
    let types: Vec<&String> = v.as_object().unwrap().keys().collect();
    assert_eq!(types, [LEAD_NEW, FORM], "types in first-seen order");
    let leads = v[LEAD_NEW].as_array().unwrap();
    assert_eq!(leads.len(), 2);
    assert_eq!(leads[0]["contact"]["id"], 7);
    assert_eq!(leads[1]["contact"]["id"], 8);
    for e in leads.iter().chain(v[FORM].as_array().unwrap()) {
        let keys: Vec<&String> = e.as_object().unwrap().keys().collect();
        assert_eq!(
            keys.last().unwrap().as_str(),
            "timestamp",
            "timestamp is the last key: {e}"
        );
        assert!(
            (epoch_of(&e["timestamp"]) - now()).abs() < 60,
            "timestamp is the time of entry"
        );
    }
    assert_eq!(
        keys_of(&leads[0]),
        ["contact", "timestamp"],
        "an emitted timestamp is replaced"
    );

    // Delivered rows are gone, payloads reclaimed, the attempt logged.
    assert!(env.queued(id).is_empty());
    let left: i64 = env.payloads();
    assert_eq!(left, 0);
    let logs = env.logs();
    assert_eq!(logs.len(), 1);
    assert_eq!(logs[0]["statusCode"], "200");
    assert_eq!(logs[0]["eventCount"], 3);
    assert_eq!(logs[0]["batchId"], batch_id);
    assert_eq!(logs[0]["attempt"], 1);
    // Verify agrees with the receiver's own check.
    let file = env.path().join("body.json");
    std::fs::write(&file, &r.body).unwrap();
    let sig = r.header("Webhook-Signature").unwrap();
    env.ok(&[
        "verify",
        "--secret",
        "secret",
        "--signature",
        sig,
        file.to_str().unwrap(),
    ]);
    let out = env.run(&[
        "verify",
        "--secret",
        "wrong",
        "--signature",
        sig,
        file.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "signature does not match"
    );
}

fn keys_of(v: &Value) -> Vec<String> {
    v.as_object().unwrap().keys().cloned().collect()
}

fn fixtures_dir() -> std::path::PathBuf {
    let d = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/mautic/zapier-captures");
    assert!(d.is_dir(), "the Mautic fixtures are missing at {}", d.display());
    d
}

#[test]
fn bodies_match_real_mautic_captures() {
    for entry in std::fs::read_dir(fixtures_dir()).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let fixture: Value = serde_json::from_str(&text).unwrap();
        let (event_type, events) = fixture.as_object().unwrap().iter().next().unwrap();

        let rx = Receiver::ok();
        let Some(env) = test_env() else { return };
        env.hook(&rx.url("/"), &[event_type], &[]);
        for e in events.as_array().unwrap() {
            let f = env.path().join("payload.json");
            std::fs::write(&f, e.to_string()).unwrap();
            env.ok(&["emit", event_type, "--payload-file", f.to_str().unwrap()]);
        }
        env.ok(&["process"]);
        let reqs = rx.requests();
        assert_eq!(reqs.len(), 1, "{}", path.display());
        let got = reqs[0].json();
        // The same structure, event for event, but for the time of entry.
        let mut expected = fixture.clone();
        let mut expected_text = text.trim().replace('/', "\\/");
        for (i, e) in expected[event_type]
            .as_array_mut()
            .unwrap()
            .iter_mut()
            .enumerate()
        {
            let ours = got[event_type][i]["timestamp"].clone();
            let theirs = format!(r#""timestamp":"{}""#, e["timestamp"].as_str().unwrap());
            let mine = format!(r#""timestamp":"{}""#, ours.as_str().unwrap());
            expected_text = expected_text.replacen(&theirs, &mine, 1);
            e["timestamp"] = ours;
        }
        assert_eq!(got, expected, "{}", path.display());
        if text.is_ascii() {
            assert_eq!(
                reqs[0].body_str(),
                expected_text,
                "{}: bytes differ from PHP's encoding",
                path.display()
            );
        }
    }
}

#[test]
fn batches_follow_the_limit_and_the_order() {
    let rx = Receiver::ok();
    let Some(env) = test_env() else { return };
    let asc = env.hook(&rx.url("/asc"), &[FORM], &[]);
    let desc = env.hook(&rx.url("/desc"), &[FORM], &["--order", "desc"]);
    for i in 1..=5 {
        env.emit(FORM, &format!(r#"{{"n":{i}}}"#));
    }
    env.ok(&["process", "--limit", "2", "--concurrency", "1"]);
    let ns = |path: &str| -> Vec<Vec<i64>> {
        rx.requests()
            .iter()
            .filter(|r| r.path == path)
            .map(|r| {
                r.json()[FORM]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|e| e["n"].as_i64().unwrap())
                    .collect()
            })
            .collect()
    };
    assert_eq!(ns("/asc"), vec![vec![1, 2], vec![3, 4], vec![5]]);
    assert_eq!(ns("/desc"), vec![vec![5, 4], vec![3, 2], vec![1]]);
    assert!(env.queued(asc).is_empty() && env.queued(desc).is_empty());
    // A global events_order applies to webhooks without their own.
    env.ok(&["config", "set", "events_order", "DESC"]);
    env.emit(FORM, r#"{"n":6}"#);
    env.emit(FORM, r#"{"n":7}"#);
    env.ok(&["process", "--webhook-id", &asc.to_string()]);
    assert_eq!(ns("/asc").last().unwrap(), &vec![7, 6]);
}

#[test]
fn failure_keeps_rows_and_a_retry_resends_the_same_bytes() {
    let rx = Receiver::start(Reply::status(500));
    let Some(env) = test_env() else { return };
    let id = env.hook(&rx.url("/"), &[FORM], &[]);
    env.emit(FORM, r#"{"a":1}"#);
    env.emit(FORM, r#"{"a":2}"#);
    let before = now();
    let out = env.run(&["process"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "a failed delivery is not a failed run"
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "one summary line under cron: {err}");
    assert!(err.contains("1 batch(es) failed"), "{err}");

    let rows = env.queued(id);
    assert_eq!(rows.len(), 2, "nothing lost");
    for r in &rows {
        assert_eq!(r["attempts"], 1);
        assert_eq!(r["dead"], false);
        let due = epoch_of(&r["nextAttempt"]);
        assert!(
            (before + 60..=now() + 61).contains(&due),
            "first retry after 1m, got {due}"
        );
    }
    let v = env.json(&["get", &id.to_string()]);
    assert_eq!(v["hookq"]["healthy"], false);
    assert_eq!(v["hookq"]["lastStatus"], "500");
    assert_eq!(v["hookq"]["consecutiveFailures"], 1);
    let logs = env.logs();
    assert_eq!(logs[0]["statusCode"], "500");
    assert!(
        logs[0]["note"].as_str().unwrap().starts_with("HTTP 500"),
        "{}",
        logs[0]
    );

    // Not due yet: nothing is sent.
    env.ok(&["process"]);
    assert_eq!(rx.count(), 1);
    assert_eq!(
        env.run(&["process", "--strict"]).status.code(),
        Some(0),
        "nothing failed in this run"
    );

    // Due again (schedule shortened), the receiver recovers: same batch.
    env.ok(&["config", "set", "retry_schedule", "1s"]);
    env.due_now();
    rx.set_default(Reply::status(204));
    env.ok(&["process"]);
    let reqs = rx.requests();
    assert_eq!(reqs.len(), 2);
    assert_eq!(
        reqs[0].body, reqs[1].body,
        "a retry sends the same body bytes"
    );
    assert_eq!(reqs[0].header("Webhook-Id"), reqs[1].header("Webhook-Id"));
    assert_eq!(
        reqs[0].header("Webhook-Signature"),
        reqs[1].header("Webhook-Signature")
    );
    assert!(env.queued(id).is_empty());
    let v = env.json(&["get", &id.to_string()]);
    assert_eq!(v["hookq"]["healthy"], true, "a success clears the health");
    assert_eq!(env.logs()[0]["attempt"], 2);
}

#[test]
fn strict_order_holds_later_batches_while_one_waits() {
    let rx = Receiver::start(Reply::status(503));
    let Some(env) = test_env() else { return };
    let id = env.hook(&rx.url("/"), &[FORM], &[]);
    env.emit(FORM, r#"{"n":1}"#);
    assert_eq!(
        env.run(&["process", "--strict"]).status.code(),
        Some(3),
        "--strict: a failed delivery exits 3"
    );
    rx.set_default(Reply::status(200));
    env.emit(FORM, r#"{"n":2}"#);
    env.ok(&["process"]);
    assert_eq!(
        rx.count(),
        1,
        "strict order: the later event waits behind the failed batch"
    );
    env.ok(&["config", "set", "strict_order", "false"]);
    env.ok(&["process"]);
    assert_eq!(rx.count(), 2);
    assert_eq!(rx.requests()[1].json()[FORM][0]["n"], 2);
    assert_eq!(
        env.queued(id).len(),
        1,
        "the failed batch still waits for its retry"
    );
}

#[test]
fn gone_unpublishes_and_republishing_resumes() {
    let rx = Receiver::start(Reply::status(410));
    let Some(env) = test_env() else { return };
    let id = env.hook(&rx.url("/"), &[FORM], &[]);
    env.emit(FORM, "{}");
    let out = env.run(&["process"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("warning: webhook 1 (h) unpublished: the receiver answered 410 Gone"),
        "{err}"
    );
    let v = env.json(&["get", &id.to_string()]);
    assert_eq!(v["hook"]["isPublished"], false);
    assert_eq!(
        v["hookq"]["unpublishedReason"],
        "the receiver answered 410 Gone"
    );
    assert_eq!(v["hookq"]["queued"], 1, "its events stay queued");
    assert!(
        env.ok(&["get", &id.to_string()])
            .contains("no (the receiver answered 410 Gone)")
    );
    // The log of the delivery says what it did.
    assert_eq!(
        env.logs()[0]["note"],
        "webhook unpublished: 410 Gone: the receiver asked to stop: ok"
    );
    // Unpublished: no new events are recorded, nothing is sent.
    assert_eq!(env.emit(FORM, "{}"), None);
    env.ok(&["process"]);
    assert_eq!(rx.count(), 1);
    // Published again: the queued event resumes.
    rx.set_default(Reply::status(200));
    env.ok(&["edit", &id.to_string(), "--publish"]);
    // Issue 13: it then showed "failing since … (0 in a row)".
    let v = env.json(&["get", &id.to_string()]);
    assert_eq!(v["hookq"]["unhealthySince"], serde_json::Value::Null, "{v}");
    assert_eq!(v["hookq"]["consecutiveFailures"], 0, "{v}");
    assert!(!env.ok(&["get", &id.to_string()]).contains("0 in a row"));
    env.due_now();
    env.ok(&["process"]);
    assert_eq!(rx.count(), 2);
    assert!(env.queued(id).is_empty());
}

#[test]
fn retry_after_is_honoured_for_429_and_503() {
    for (code, header) in [(429, "120"), (503, "300")] {
        let rx = Receiver::start(Reply::with_header(code, "Retry-After", header));
        let Some(env) = test_env() else { return };
        let id = env.hook(&rx.url("/"), &[FORM], &[]);
        env.emit(FORM, "{}");
        let t = now();
        env.ok(&["process"]);
        let due = epoch_of(&env.queued(id)[0]["nextAttempt"]);
        let want: i64 = header.parse().unwrap();
        assert!(
            due >= t + want && due <= now() + want + 1,
            "{code}: due {due}, now {t}"
        );
        assert!(
            env.logs()[0]["note"]
                .as_str()
                .unwrap()
                .contains(&format!("Retry-After {want}s"))
        );
    }
}

#[test]
fn redirects_are_not_followed() {
    let target = Receiver::ok();
    let rx = Receiver::start(Reply::with_header(301, "Location", &target.url("/moved")));
    let Some(env) = test_env() else { return };
    let id = env.hook(&rx.url("/"), &[FORM], &[]);
    env.emit(FORM, "{}");
    env.ok(&["process"]);
    assert_eq!(rx.count(), 1);
    assert_eq!(target.count(), 0, "the redirect was followed");
    assert_eq!(env.queued(id).len(), 1);
    let note = env.logs()[0]["note"].as_str().unwrap().to_owned();
    assert!(
        note.contains("redirect not followed") && note.contains("/moved"),
        "{note}"
    );
}

#[test]
fn transport_faults_are_logged_as_n_a_and_lose_nothing() {
    for (reply, fragment) in [
        (Reply::Hang, "timeout"),
        (Reply::CloseMidResponse, "cut off"),
        (Reply::Reset, "connection"),
    ] {
        let rx = Receiver::start(reply.clone());
        let Some(env) = test_env() else { return };
        env.ok(&["config", "set", "timeout", "1s"]);
        let id = env.hook(&rx.url("/"), &[FORM], &[]);
        env.emit(FORM, "{}");
        let started = std::time::Instant::now();
        env.ok(&["process"]);
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "{reply:?} took {:?}",
            started.elapsed()
        );
        assert_eq!(env.queued(id).len(), 1, "{reply:?}: event lost");
        assert_eq!(env.queued(id)[0]["attempts"], 1, "{reply:?}");
        let log = &env.logs()[0];
        assert_eq!(log["statusCode"], "N/A", "{reply:?}: {log}");
        assert!(
            log["note"].as_str().unwrap().contains(fragment),
            "{reply:?}: {log}"
        );
    }
    // Nobody listening at all.
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let Some(env) = test_env() else { return };
    let id = env.hook(&format!("http://127.0.0.1:{port}/"), &[FORM], &[]);
    env.emit(FORM, "{}");
    env.ok(&["process"]);
    assert_eq!(env.queued(id).len(), 1);
    assert!(
        env.logs()[0]["note"].as_str().unwrap().contains("refused"),
        "{}",
        env.logs()[0]
    );
}

#[test]
fn too_many_failures_unpublish_unless_disabled() {
    let rx = Receiver::start(Reply::status(500));
    let Some(env) = test_env() else { return };
    env.ok(&["config", "set", "disable_limit", "2"]);
    let a = env.hook(&rx.url("/"), &[FORM], &[]);
    env.emit(FORM, "{}");
    env.ok(&["process"]);
    assert_eq!(
        env.json(&["get", &a.to_string()])["hook"]["isPublished"],
        true
    );
    env.due_now();
    let out = env.run(&["process"]);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("unpublished: 2 failed attempts in a row")
    );
    assert_eq!(
        env.json(&["get", &a.to_string()])["hook"]["isPublished"],
        false
    );

    env.ok(&["config", "set", "disable_auto_unpublish", "true"]);
    env.ok(&["edit", &a.to_string(), "--publish"]);
    for _ in 0..3 {
        env.due_now();
        env.ok(&["process"]);
    }
    assert_eq!(
        env.json(&["get", &a.to_string()])["hook"]["isPublished"],
        true
    );
    assert_eq!(rx.count(), 5);
}

#[test]
fn old_failures_go_dead_and_can_be_redriven() {
    let rx = Receiver::start(Reply::status(500));
    let Some(env) = test_env() else { return };
    env.ok(&["config", "set", "retry_max_age", "1h"]);
    let id = env.hook(&rx.url("/"), &[FORM], &[]);
    env.emit(FORM, r#"{"n":1}"#);
    env.ok(&["process"]);
    // The first failure is now older than the maximum age.
    env.ok(&["config", "set", "retry_max_age", "1s"]);
    env.ok(&["config", "set", "retry_schedule", "1s"]);
    std::thread::sleep(Duration::from_millis(1100));
    env.due_now();
    let out = env.run(&["process"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("1 batch(es) dead"));
    let dead = env.json(&["queue", "list", "--dead"]);
    assert_eq!(dead["total"], 1);
    assert_eq!(dead["events"][0]["dead"], true);
    assert_eq!(env.json(&["get", &id.to_string()])["hookq"]["dead"], 1);
    // Dead rows are kept and never sent again on their own, even once
    // their retry time (1s after the dead attempt) has passed.
    std::thread::sleep(Duration::from_millis(1100));
    env.ok(&["process"]);
    assert_eq!(rx.count(), 2);
    // Re-driven, they go out with their batch id.
    rx.set_default(Reply::status(200));
    let v = env.json(&["queue", "retry"]);
    assert_eq!(v["events"], 1);
    env.ok(&["process"]);
    assert_eq!(rx.count(), 3);
    // Its attempts went on counting (issue 13: they restarted at 1).
    assert_eq!(env.logs()[0]["attempt"], 3);
    assert_eq!(
        rx.requests()[2].header("Webhook-Id"),
        rx.requests()[0].header("Webhook-Id")
    );
    assert!(env.queued(id).is_empty());
}

/// Issue 13: `--dry-run` reported 96 bytes for a 121-byte body; its bytes
/// are now the bodies the real builder makes of the batches a run forms.
#[test]
fn regression_dry_run_bytes_are_the_bytes_sent() {
    let rx = Receiver::ok();
    rx.script([Reply::status(500)]);
    let Some(env) = test_env() else { return };
    let a = env.hook(&rx.url("/a"), &[FORM, LEAD_NEW], &[]);
    let d = env.hook(&rx.url("/d"), &[FORM], &["--order", "desc"]);
    env.emit(LEAD_NEW, r#"{"contact":{"id":1,"name":"Zoë/x"}}"#);
    env.emit(FORM, "{}");
    // One batch is formed and waits for its retry (the first answer 500s),
    // the rest stays fresh; types mix within batches.
    env.ok(&["process", "--webhook-id", &a.to_string(), "--limit", "2"]);
    for i in 0..7 {
        env.emit(FORM, &format!(r#"{{"n":{i},"s":"{}"}}"#, "é".repeat(i)));
        env.emit(LEAD_NEW, &format!(r#"{{"contact":{{"id":{i}}}}}"#));
    }
    env.due_now();
    let dry = env.json(&["process", "--dry-run", "--limit", "4"]);
    let sent_before = rx.count();
    env.ok(&["process", "--limit", "4"]);
    assert!(env.queued(a).is_empty() && env.queued(d).is_empty());
    for (id, path) in [(a, "/a"), (d, "/d")] {
        let sent: usize = rx.requests()[sent_before..]
            .iter()
            .filter(|r| r.path == path)
            .map(|r| r.body.len())
            .sum();
        assert_eq!(
            dry["webhooks"][id.to_string()]["bytes"].as_u64(),
            Some(sent as u64),
            "webhook {id}: {dry}"
        );
    }
}

#[test]
fn process_options_restrict_the_run() {
    let rx = Receiver::ok();
    let Some(env) = test_env() else { return };
    let a = env.hook(&rx.url("/a"), &[FORM], &[]);
    let b = env.hook(&rx.url("/b"), &[FORM], &[]);
    for i in 1..=4 {
        env.emit(FORM, &format!(r#"{{"n":{i}}}"#));
    }
    // Dry run: what would be sent, nothing sent or written.
    let before = env.db_bytes();
    let v = env.json(&["process", "--dry-run", "--limit", "3"]);
    assert_eq!(v["webhooks"]["1"]["events"], 4);
    assert_eq!(v["webhooks"]["1"]["batches"], 2);
    assert_eq!(v["webhooks"]["2"]["types"][FORM], 4);
    assert!(v["webhooks"]["1"]["bytes"].as_i64().unwrap() > 0);
    assert!(env.ok(&["process", "--dry-run"]).contains(FORM));
    assert_eq!(rx.count(), 0);
    assert!(before == env.db_bytes(), "--dry-run wrote to the database");

    env.ok(&[
        "process",
        "--webhook-id",
        &b.to_string(),
        "--min-id",
        "2",
        "--max-id",
        "3",
    ]);
    let reqs = rx.requests();
    assert_eq!(reqs.len(), 1);
    assert_eq!(reqs[0].path, "/b");
    let ns: Vec<i64> = reqs[0].json()[FORM]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["n"].as_i64().unwrap())
        .collect();
    assert_eq!(ns, [2, 3]);
    assert_eq!(env.queued(a).len(), 4);
    assert_eq!(env.queued(b).len(), 2);
    env.ok(&["process"]);
    assert!(env.queued(a).is_empty() && env.queued(b).is_empty());
    // Bad options.
    env.rejected(&["process", "--limit", "0"], 2);
    env.rejected(&["process", "--concurrency", "-1"], 2);
    env.rejected(&["process", "--time-limit", "soon"], 2);
    env.rejected(&["process", "--min-id", "5", "--max-id", "1"], 2);
    env.rejected(&["process", "--webhook-id", "99"], 1);
    // Nothing to do: exit 0 quietly.
    let out = env.run(&["process"]);
    assert!(out.status.success() && out.stdout.is_empty() && out.stderr.is_empty());
}

#[test]
fn concurrency_delivers_many_webhooks_and_time_limit_stops_claiming() {
    let rx = Receiver::start(Reply::slow(Duration::from_millis(100), 200));
    let Some(env) = test_env() else { return };
    for _ in 0..6 {
        env.hook(&rx.url("/"), &[FORM], &[]);
    }
    for i in 0..3 {
        env.emit(FORM, &format!(r#"{{"n":{i}}}"#));
    }
    env.ok(&["process", "--concurrency", "6", "--limit", "1"]);
    assert_eq!(rx.count(), 18);
    assert!(
        rx.max_in_flight() > 1,
        "webhooks were delivered one at a time"
    );
    // Each webhook's batches go one after another, in order.

    for i in 0..3 {
        env.emit(FORM, &format!(r#"{{"n":{i}}}"#));
    }
    let out = env.run(&[
        "process",
        "--concurrency",
        "1",
        "--limit",
        "1",
        "--time-limit",
        "1",
    ]);
    assert!(out.status.success());
    assert!(rx.count() < 36, "the time limit stopped claiming");
    assert!(String::from_utf8_lossy(&env.run(&["process", "-v"]).stderr).contains("delivered"));
    assert_eq!(env.queue_len(None), 0, "a later run finishes the work");
}

#[test]
fn sigterm_finishes_the_request_in_flight_and_records_it() {
    let rx = Receiver::start(Reply::slow(Duration::from_millis(400), 200));
    let Some(env) = test_env() else { return };
    let id = env.hook(&rx.url("/"), &[FORM], &[]);
    for i in 0..5 {
        env.emit(FORM, &format!(r#"{{"n":{i}}}"#));
    }
    let mut child = env.command(&["process", "--limit", "1"]).spawn().unwrap();
    assert!(rx.wait_for(1, Duration::from_secs(10)));
    let st = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(st.success());
    let status = child.wait().unwrap();
    // Issue 13: this was 0; a run stopped before the queue was done exits
    // 128 + the signal, as shells report it (143 for SIGTERM).
    assert_eq!(status.code(), Some(143), "stopped by SIGTERM");
    let sent = rx.count();
    assert!(sent < 5, "it stopped claiming new batches");
    // The request in flight at the signal was answered and recorded.
    assert_eq!(env.queued(id).len(), 5 - sent);
    assert_eq!(env.logs().len(), sent);
    // Checked as a run on another host sees it: that one never takes a
    // lease over from a process it cannot see, only a free or expired one.
    assert!(env.lease_free(id), "the lease is released");
}

#[test]
fn logs_keep_the_newest_log_max_rows() {
    let rx = Receiver::start(Reply::status(500));
    let Some(env) = test_env() else { return };
    env.ok(&["config", "set", "log_max", "2"]);
    env.ok(&["config", "set", "strict_order", "false"]);
    env.hook(&rx.url("/"), &[FORM], &[]);
    for _ in 0..4 {
        env.emit(FORM, "{}");
        env.ok(&["process"]);
    }
    assert_eq!(rx.count(), 4);
    let logs = env.logs();
    assert_eq!(logs.len(), 2);
    assert!(
        logs[0]["id"].as_i64() > logs[1]["id"].as_i64(),
        "newest first"
    );
    assert_eq!(env.json(&["logs", "1", "--failed"])["total"], 2);
    // Issue 13, bug 2: `total` counts every match, not the page.
    let page = env.json(&["logs", "1", "--limit", "1"]);
    assert_eq!(page["total"], 2, "{page}");
    assert_eq!(page["logs"].as_array().unwrap().len(), 1, "{page}");
    env.rejected(&["logs", "9"], 1);
    let table = env.ok(&["logs"]);
    assert!(
        table.contains("500") && table.contains("HTTP 500"),
        "{table}"
    );
}

/// Issue 13: `process -v` prints one line per request: webhook, batch,
/// events, status and time.
#[test]
fn verbose_process_prints_a_line_per_request() {
    let rx = Receiver::ok();
    let Some(env) = test_env() else { return };
    let id = env.hook(&rx.url("/"), &[FORM], &[]);
    for _ in 0..3 {
        env.emit(FORM, "{}");
    }
    let out = env.run(&["process", "-v", "--limit", "1"]);
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = err.lines().filter(|l| l.contains(" batch ")).collect();
    assert_eq!(lines.len(), 3, "{err}");
    let uids: Vec<String> = rx
        .requests()
        .iter()
        .map(|r| r.header("Webhook-Id").unwrap().to_owned())
        .collect();
    for (line, uid) in lines.iter().zip(&uids) {
        assert!(line.starts_with(&format!("hookq: webhook {id} batch {uid} 1 event(s) -> 200 in ")), "{line}");
        assert!(line.ends_with(" ms"), "{line}");
    }
}

/// Issue 13, bug 2: `logs --limit 0` printed "no delivery attempts
/// logged" over 25 logs (0 means all, as for `list`), and `logs`/`queue
/// list` reported the page size as `total`.
#[test]
fn regression_limit_0_means_all_and_total_counts_every_match() {
    let rx = Receiver::ok();
    let Some(env) = test_env() else { return };
    env.hook(&rx.url("/"), &[FORM], &[]);
    for _ in 0..30 {
        env.emit(FORM, "{}");
    }
    let q = env.json(&["queue", "list", "--limit", "1"]);
    assert_eq!(q["total"], 30, "{q}");
    assert_eq!(q["events"].as_array().unwrap().len(), 1);
    env.ok(&["process", "--limit", "1", "--max-id", &q["events"][0]["id"].as_i64().map_or(0, |i| i + 24).to_string()]);
    assert_eq!(rx.count(), 25);
    let all = env.json(&["logs", "--limit", "0"]);
    assert_eq!(all["total"], 25, "{all}");
    assert_eq!(all["logs"].as_array().unwrap().len(), 25);
    let table = env.ok(&["logs", "--limit", "0", "--format", "table"]);
    assert_eq!(table.matches("┆ 200 ").count(), 25, "{table}");
    let tsv = env.ok(&["logs", "--limit", "0"]);
    assert_eq!(tsv.lines().filter(|l| l.contains("\t200\t")).count(), 25, "{tsv}");
    let page = env.json(&["logs", "--limit", "1"]);
    assert_eq!(page["total"], 25);
    assert_eq!(page["logs"].as_array().unwrap().len(), 1);
}

/// Issue 13: delivered batches are kept for `delivered_retention` and can
/// be sent again, with their `Webhook-Id` or a new one.
#[test]
fn resend_sends_a_delivered_batch_again() {
    let rx = Receiver::ok();
    let Some(env) = test_env() else { return };
    let a = env.hook(&rx.url("/a"), &[FORM, LEAD_NEW], &[]);
    env.emit(FORM, r#"{"form":{"id":1}}"#);
    env.emit(LEAD_NEW, r#"{"contact":{"id":2,"name":"é"}}"#);
    env.ok(&["process"]);
    let first = rx.requests().pop().unwrap();
    let uid = first.header("Webhook-Id").unwrap().to_owned();
    assert!(env.queued(a).is_empty());

    let v = env.json(&["resend", &uid]);
    assert_eq!(v["resent"][0]["events"], 2, "{v}");
    assert_eq!(v["resent"][0]["newBatchId"], uid.as_str());
    // Twice before it went out: refused (exit 1), nothing written.
    let err = env.rejected(&["resend", &uid], 1);
    assert!(err.contains("already queued"), "{err}");
    env.ok(&["process"]);
    let again = rx.requests().pop().unwrap();
    assert_eq!(again.header("Webhook-Id"), Some(uid.as_str()), "the same id");
    assert_eq!(again.body, first.body, "the same bytes");
    assert_eq!(again.header("Webhook-Signature"), first.header("Webhook-Signature"));

    // A new id on request; by webhook and age, once per batch.
    let v = env.json(&["queue", "resend", "--webhook-id", &a.to_string(), "--since", "1h", "--new-id"]);
    let list = v["resent"].as_array().unwrap();
    assert_eq!(list.len(), 1, "{v}");
    let new_uid = list[0]["newBatchId"].as_str().unwrap().to_owned();
    assert_ne!(new_uid, uid);
    env.ok(&["process"]);
    let third = rx.requests().pop().unwrap();
    assert_eq!(third.header("Webhook-Id"), Some(new_uid.as_str()));
    assert_eq!(third.body, first.body);
    assert_eq!(rx.count(), 3);

    // Unknown ids and webhooks.
    let err = env.rejected(&["resend", "nope"], 1);
    assert!(err.contains("delivered_retention"), "{err}");
    let err = env.rejected(&["resend", "nope", "--json"], 1);
    assert!(err.contains(r#""code":404"#), "{err}");
    env.rejected(&["queue", "resend", "--webhook-id", "99", "--since", "1h"], 1);
    env.rejected(&["queue", "resend", "--webhook-id", "1", "--since", "soon"], 2);

    // Retention off: what is delivered from then on is not kept, and the
    // kept batches go at the next run's cleanup.
    env.ok(&["config", "set", "delivered_retention", "0"]);
    env.emit(FORM, "{}");
    env.ok(&["process"]);
    let last = rx.requests().pop().unwrap();
    let err = env.rejected(&["resend", last.header("Webhook-Id").unwrap()], 1);
    assert!(err.contains("delivered_retention is 0"), "{err}");
    let err = env.rejected(&["resend", &uid], 1);
    assert!(err.contains("no delivered batch"), "{err}");
    assert_eq!(env.payloads(), 0, "nothing kept, nothing left");

    // Kept batches go once past delivered_retention, even when no run
    // delivers anything after.
    env.ok(&["config", "set", "delivered_retention", "1s"]);
    env.emit(FORM, "{}");
    env.ok(&["process"]);
    let kept = rx.requests().pop().unwrap();
    let kept = kept.header("Webhook-Id").unwrap().to_owned();
    assert!(env.payloads() > 0, "kept");
    std::thread::sleep(Duration::from_millis(2100));
    env.ok(&["process"]);
    assert_eq!(env.payloads(), 0, "let go by an idle run");
    let err = env.rejected(&["resend", &kept], 1);
    assert!(err.contains("no delivered batch"), "{err}");
}

/// Kept batches past `delivered_retention` went only at a run that
/// delivered something, or that had nothing to send: a run whose every
/// webhook failed kept them (and their events) however old.
#[test]
fn regression_kept_batches_expire_while_every_webhook_fails() {
    let rx = Receiver::ok();
    let Some(env) = test_env() else { return };
    env.ok(&["config", "set", "delivered_retention", "1s"]);
    env.hook(&rx.url("/a"), &[FORM], &[]);
    env.emit(FORM, "{}");
    env.ok(&["process"]);
    let kept = rx.requests().pop().unwrap();
    let kept = kept.header("Webhook-Id").unwrap().to_owned();
    // From now on, the only webhook with work is down.
    env.ok(&["edit", "1", "--unpublished"]);
    env.create("down", &[FORM]);
    env.emit(FORM, "{}");
    std::thread::sleep(Duration::from_millis(2100));
    env.ok(&["process"]);
    let err = env.rejected(&["resend", &kept], 1);
    assert!(err.contains("no delivered batch"), "{err}");
    assert_eq!(env.queued(2).len(), 1, "the failed event waits");
}

/// Issue 23: `queue resend` that queued nothing exited 0, `--new-id`
/// silently not applied; a message said "kept 3days".
#[test]
fn regression_a_resend_that_queues_nothing_says_so() {
    let rx = Receiver::ok();
    let Some(env) = test_env() else { return };
    let a = env.hook(&rx.url("/a"), &[FORM], &[]).to_string();
    let b = env.hook(&rx.url("/b"), &[FORM], &["--unpublished"]).to_string();
    env.emit(FORM, "{}");
    env.ok(&["process"]);
    let resend = |id: &str, extra: &[&str]| {
        let mut args = vec!["queue", "resend", "--webhook-id", id, "--since", "1h"];
        args.extend(extra);
        env.run(&args)
    };
    let out = resend(&a, &[]);
    assert!(out.status.success());
    // Again before it went out: nothing queued, and --new-id said unapplied.
    let out = resend(&a, &["--new-id"]);
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert_eq!(out.status.code(), Some(1), "{stdout}{stderr}");
    assert!(stdout.contains("skipped; --new-id not applied"), "{stdout}");
    assert!(
        stderr.contains("nothing was queued again") && stderr.contains("--new-id was not applied"),
        "{stderr}"
    );
    let out = env.run(&["queue", "resend", "--webhook-id", &a, "--since", "1h", "--new-id", "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["resent"][0]["alreadyQueued"], true);
    // A webhook with nothing kept.
    let out = resend(&b, &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nothing was queued again"));
    // Durations in sentences keep their spaces.
    let err = env.rejected(&["resend", "nope"], 1);
    assert!(err.contains("kept 3 days after delivery"), "{err}");
}

/// Issue 13: `logs --since/--status/--batch/--follow`.
#[test]
fn logs_filter_by_time_status_and_batch_and_follow() {
    let rx = Receiver::ok();
    rx.script([Reply::status(503), Reply::status(500)]);
    let Some(env) = test_env() else { return };
    env.hook(&rx.url("/a"), &[FORM], &[]);
    env.emit(FORM, "{}");
    env.run(&["process"]);
    env.due_now();
    env.run(&["process"]);
    env.due_now();
    env.ok(&["process"]);
    let all = env.json(&["logs"]);
    assert_eq!(all["total"], 3, "{all}");
    let by = |args: &[&str]| env.json(&[&["logs"], args].concat())["total"].clone();
    assert_eq!(by(&["--status", "500"]), 1);
    assert_eq!(by(&["--status", "503"]), 1);
    assert_eq!(by(&["--status", "failed"]), 2);
    assert_eq!(by(&["--status", "N/A"]), 0);
    assert_eq!(by(&["--since", "1h"]), 3);
    let batch = all["logs"][0]["batchId"].as_str().unwrap().to_owned();
    assert_eq!(by(&["--batch", &batch]), 3, "one batch, three attempts");
    assert_eq!(by(&["--batch", "nope"]), 0);
    let tsv = env.ok(&["logs", "--status", "503"]);
    assert_eq!(tsv.lines().count(), 2, "header and the row: {tsv}");
    for (args, flag) in [
        (&["logs", "--status", "abc"][..], "--status"),
        (&["logs", "--since", "yesterday"], "--since"),
    ] {
        let err = env.fails(args, 2);
        assert!(err.contains(flag), "{err}");
    }

    // --follow: what is there, oldest first, then what comes.
    let mut child = env
        .command(&["logs", "--follow", "--json", "--limit", "2"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = Vec::new();
    let reader = std::io::BufReader::new(child.stdout.take().unwrap());
    let (tx, rcv) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        use std::io::BufRead;
        for line in reader.lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let deadline = std::time::Instant::now() + Duration::from_secs(15);
    let mut emitted = false;
    while lines.len() < 3 && std::time::Instant::now() < deadline {
        if let Ok(l) = rcv.recv_timeout(Duration::from_millis(200)) {
            lines.push(serde_json::from_str::<Value>(&l).unwrap());
        }
        if lines.len() == 2 && !emitted {
            // The two newest are out: now a new attempt.
            emitted = true;
            env.emit(FORM, "{}");
            env.ok(&["process"]);
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(lines.len(), 3, "{lines:?}");
    let ids: Vec<i64> = lines.iter().map(|l| l["id"].as_i64().unwrap()).collect();
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "oldest first: {ids:?}");
    assert_eq!(lines[2]["statusCode"], "200");
    assert_ne!(lines[2]["batchId"].as_str(), Some(batch.as_str()), "the new batch");
}

#[test]
fn blocked_addresses_are_refused_at_connect_time() {
    let rx = Receiver::ok();
    let Some(env) = test_env() else { return };
    let id = env.hook(&rx.url("/"), &[FORM], &[]);
    env.emit(FORM, "{}");
    env.ok(&["config", "set", "block_private_addresses", "true"]);
    env.ok(&["process"]);
    assert_eq!(rx.count(), 0, "a loopback receiver was reached");
    assert_eq!(env.queued(id).len(), 1);
    let log = &env.logs()[0];
    assert_eq!(log["statusCode"], "N/A");
    assert!(log["note"].as_str().unwrap().contains("blocked"), "{log}");
}

#[test]
fn cleanup_keeps_payloads_another_webhook_still_waits_for() {
    let up = Receiver::ok();
    let down = Receiver::start(Reply::status(500));
    let Some(env) = test_env() else { return };
    // Payloads reclaimed at once: none kept for `resend` (see
    // resend_sends_a_delivered_batch_again for what retention keeps).
    env.ok(&["config", "set", "delivered_retention", "0"]);
    let a = env.hook(&up.url("/a"), &[LEAD_NEW, FORM], &[]);
    let b = env.hook(&down.url("/b"), &[LEAD_NEW], &[]);
    let c = env.hook(&up.url("/c"), &[FORM], &[]);
    // Shared (LEAD_NEW: a and b) and unshared (FORM: a and c) events,
    // interleaved, over several batches.
    for i in 0..12 {
        env.emit(LEAD_NEW, &format!(r#"{{"contact":{{"id":{i}}}}}"#));
        env.emit(FORM, &format!(r#"{{"form":{{"id":{i}}}}}"#));
    }
    let out = env.run(&["process", "--limit", "5", "--strict"]);
    assert_eq!(out.status.code(), Some(3), "b failed");
    assert!(env.queued(a).is_empty() && env.queued(c).is_empty());
    assert_eq!(env.queued(b).len(), 12);
    assert_eq!(
        env.payloads(),
        12,
        "only the payloads b still waits for are left"
    );

    // b comes back: it gets every one of its events, intact.
    down.set_default(Reply::status(200));
    env.due_now();
    env.ok(&["process", "--limit", "50"]);
    // The first request was the 500.
    let got: Vec<i64> = down.requests()[1..]
        .iter()
        .flat_map(|r| {
            r.json()[LEAD_NEW]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["contact"]["id"].as_i64().unwrap())
                .collect::<Vec<_>>()
        })
        .collect();
    assert_eq!(got, (0..12).collect::<Vec<_>>());
    assert_eq!(env.payloads(), 0);
}

#[test]
fn deleting_a_webhook_reclaims_only_its_own_payloads() {
    let Some(env) = test_env() else { return };
    let a = env.create("a", &[LEAD_NEW, FORM]);
    let b = env.create("b", &[FORM]);
    for i in 0..5 {
        env.emit(LEAD_NEW, &format!(r#"{{"n":{i}}}"#));
        env.emit(FORM, &format!(r#"{{"n":{i}}}"#));
    }
    assert_eq!(env.payloads(), 10);
    env.ok(&["delete", &a.to_string()]);
    assert_eq!(env.payloads(), 5, "FORM events still wait for b");
    assert_eq!(env.queued(b).len(), 5);
    env.ok(&["delete", &b.to_string()]);
    assert_eq!(env.payloads(), 0);
}

#[test]
fn payloads_left_by_an_interrupted_run_are_reclaimed_later() {
    let rx = Receiver::ok();
    let Some(env) = test_env() else { return };
    // Payloads reclaimed at once: none kept for `resend` (see
    // resend_sends_a_delivered_batch_again for what retention keeps).
    env.ok(&["config", "set", "delivered_retention", "0"]);
    let a = env.hook(&rx.url("/a"), &[LEAD_NEW], &[]);
    let b = env.hook(&rx.url("/b"), &[FORM], &[]);
    let down = Receiver::start(Reply::status(500));
    env.hook(&down.url("/c"), &[PAGE_HIT], &[]);
    for i in 0..6 {
        env.emit(LEAD_NEW, &format!(r#"{{"n":{i}}}"#));
    }
    for i in 0..3 {
        env.emit(FORM, &format!(r#"{{"n":{i}}}"#));
    }
    env.emit(PAGE_HIT, r#"{"n":0}"#);
    // A run that delivered a's rows and b's newest and stopped before its
    // cleanup.
    let delivered = env.record_next_batch(a, 10, false, IdRange::ALL, Verdict::Delivered);
    assert_eq!(delivered, 6);
    let delivered = env.record_next_batch(b, 1, true, IdRange::ALL, Verdict::Delivered);
    assert_eq!(delivered, 1);
    assert_eq!(env.payloads(), 10);
    // The next run delivers b's two and keeps c's (its receiver fails):
    // a's six and b's third are older than anything still queued.
    let out = env.run(&["process", "--strict"]);
    assert_eq!(out.status.code(), Some(3), "c failed");
    assert_eq!(rx.count(), 1);
    assert_eq!(env.payloads(), 1, "only c's payload is left");
}

#[test]
fn event_ids_are_not_reused_after_the_queue_drains() {
    let rx = Receiver::ok();
    let Some(env) = test_env() else { return };
    // Payloads reclaimed at once: none kept for `resend` (see
    // resend_sends_a_delivered_batch_again for what retention keeps).
    env.ok(&["config", "set", "delivered_retention", "0"]);
    env.hook(&rx.url("/a"), &[LEAD_NEW], &[]);
    let first = env.emit(LEAD_NEW, "{}").unwrap();
    let second = env.emit(LEAD_NEW, "{}").unwrap();
    env.ok(&["process"]);
    assert_eq!(env.payloads(), 0);
    let third = env.emit(LEAD_NEW, "{}").unwrap();
    assert!(
        third > second && second > first,
        "{first}, {second}, then {third}"
    );
}

/// A webhook that becomes due while a run goes on is taken up by an idle
/// worker (it looks again about once a second), not when the run ends:
/// one webhook's long backlog to a slow receiver does not hold back
/// another webhook's new events (`serve --deliver` runs one round at a
/// time, so there they waited up to `time_limit`).
#[test]
fn a_webhook_due_mid_run_is_taken_up_before_the_run_ends() {
    let slow = Receiver::start(Reply::slow(Duration::from_millis(20), 200));
    let fast = Receiver::ok();
    let Some(env) = test_env() else { return };
    let a = env.hook(&slow.url("/a"), &[FORM], &[]);
    let b = env.hook(&fast.url("/b"), &[LEAD_NEW], &[]);
    let lines: String = (0..200)
        .map(|n| format!("{{\"type\":\"{FORM}\",\"payload\":{{\"n\":{n}}}}}\n"))
        .collect();
    assert!(env.run_stdin(&["emit", "--ndjson", "-"], lines.as_bytes()).status.success());
    // A alone is due: 200 requests of 20 ms or more, one at a time.
    let mut child = env
        .command(&["process", "--limit", "1", "--concurrency", "2"])
        .spawn()
        .unwrap();
    assert!(slow.wait_for(3, Duration::from_secs(10)));
    env.emit(LEAD_NEW, r#"{"contact":{"id":1}}"#);
    assert!(
        fast.wait_for(1, Duration::from_secs(10)),
        "B's event was not delivered"
    );
    let a_before_b = slow.count();
    assert!(
        a_before_b < 150,
        "B waited for A's backlog: {a_before_b} of A's 200 requests went first"
    );
    assert!(child.wait().unwrap().success());
    assert_eq!(slow.count(), 200);
    assert!(env.queued(a).is_empty() && env.queued(b).is_empty());
}
