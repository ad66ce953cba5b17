//! Idempotent ingest (issue 23): an event sent with an idempotency key
//! (`Idempotency-Key`, `emit --idempotency-key`, an NDJSON line's `"id"`)
//! is stored once per key within `idempotency_window`; a repeat answers
//! what the first did, with `"duplicate": true`, and stores nothing.

use std::sync::{Arc, Barrier};
use std::time::Duration;

use serde_json::{Value, json};

use super::test_env;
use crate::common::TestEnv;
use crate::common::receiver::Receiver;
use crate::common::server::{PASSWORD, Server, USER, basic};

const FORM: &str = "mautic.form_on_submit";

fn post_keyed(srv: &Server, key: &str, body: &Value) -> (u16, Value) {
    let b = serde_json::to_vec(body).unwrap();
    let a = srv.call_with(
        Some(&basic(USER, PASSWORD)),
        &[("Idempotency-Key", key)],
        "POST",
        "/api/hookq/events",
        Some(("application/json", &b)),
    );
    (a.status, a.json())
}

/// Every event stored so far, by its payload's `n`: delivered to `rx`
/// by a run, and read from what it received.
fn stored_ns(env: &TestEnv, rx: &Receiver) -> Vec<i64> {
    env.ok(&["process"]);
    let mut ns: Vec<i64> = rx
        .requests()
        .iter()
        .flat_map(|r| {
            r.json()[FORM]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["n"].as_i64().unwrap_or(-1))
                .collect::<Vec<_>>()
        })
        .collect();
    ns.sort();
    ns
}

#[test]
fn eight_concurrent_posts_of_one_key_store_one_event() {
    let rx = Receiver::ok();
    let Some(env) = test_env() else { return };
    let hook = env.hook(&rx.url("/"), &[FORM], &[]);
    let srv = env.serve(&[]);
    let body = json!({"type": FORM, "payload": {"n": 1}});
    for round in 0..3 {
        let key = format!("order-42-round-{round}");
        let go = Arc::new(Barrier::new(8));
        let answers: Vec<(u16, Value)> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..8)
                .map(|_| {
                    let (go, srv, body, key) = (Arc::clone(&go), &srv, &body, &key);
                    scope.spawn(move || {
                        go.wait();
                        post_keyed(srv, key, body)
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        let firsts: Vec<&Value> = answers
            .iter()
            .map(|(s, v)| {
                assert_eq!(*s, 200, "{v}");
                v
            })
            .filter(|v| v.get("duplicate").is_none())
            .collect();
        assert_eq!(firsts.len(), 1, "one stored it: {answers:?}");
        let id = &firsts[0]["event"]["id"];
        for (_, v) in &answers {
            assert_eq!(&v["event"]["id"], id, "every answer names the one event");
            assert_eq!(v["webhooks"], json!([hook]));
        }
        assert_eq!(
            answers.iter().filter(|(_, v)| v["duplicate"] == true).count(),
            7
        );
    }
    assert_eq!(stored_ns(&env, &rx), [1, 1, 1], "one event per key");
}

#[test]
fn a_key_stores_once_from_the_cli_and_the_api_alike() {
    let rx = Receiver::ok();
    let Some(env) = test_env() else { return };
    env.hook(&rx.url("/"), &[FORM], &[]);
    let emit = |key: &str, n: i64| {
        env.json(&[
            "emit",
            FORM,
            "--payload",
            &format!(r#"{{"n":{n}}}"#),
            "--idempotency-key",
            key,
        ])
    };
    let first = emit("k-1", 1);
    assert!(first.get("duplicate").is_none(), "{first}");
    let again = emit("k-1", 2);
    assert_eq!(again["duplicate"], true);
    assert_eq!(again["event"], first["event"], "what the first answered");
    let out = env.ok(&["emit", FORM, "--payload", r#"{"n":3}"#, "--idempotency-key", "k-1"]);
    assert!(out.contains("stored before"), "{out}");
    // The API shares the keys.
    let srv = env.serve(&[]);
    let (_, v) = post_keyed(&srv, "k-1", &json!({"type": FORM, "payload": {"n": 4}}));
    assert_eq!(v["duplicate"], true);
    assert_eq!(v["event"], first["event"]);
    // A key in the body's "id" is the same key.
    let b = serde_json::to_vec(&json!({"type": FORM, "payload": {"n": 5}, "id": "k-1"})).unwrap();
    let a = srv.call("POST", "/api/hookq/events", Some(("application/json", &b)));
    assert_eq!(a.json()["duplicate"], true, "{}", a.body);
    // Without a key, every call stores.
    env.emit(FORM, r#"{"n":6}"#);
    env.emit(FORM, r#"{"n":6}"#);
    assert_eq!(stored_ns(&env, &rx), [1, 6, 6]);
    // Nobody subscribed the first time: the repeat says so too.
    let none = env.json(&["emit", "mautic.sms_on_send", "--idempotency-key", "k-2"]);
    let again = env.json(&["emit", "mautic.sms_on_send", "--idempotency-key", "k-2"]);
    assert_eq!((none["event"].clone(), again["event"].clone()), (Value::Null, Value::Null));
    assert_eq!(again["duplicate"], true);
}

#[test]
fn keys_expire_with_the_window_and_are_swept() {
    let rx = Receiver::ok();
    let Some(env) = test_env() else { return };
    env.hook(&rx.url("/"), &[FORM], &[]);
    env.ok(&["config", "set", "idempotency_window", "1s"]);
    let emit = |n: i64| {
        env.json(&["emit", FORM, "--payload", &format!(r#"{{"n":{n}}}"#), "--idempotency-key", "k"])
    };
    assert!(emit(1).get("duplicate").is_none());
    assert_eq!(emit(2)["duplicate"], true);
    std::thread::sleep(Duration::from_millis(2100));
    let later = emit(3);
    assert!(later.get("duplicate").is_none(), "expired: {later}");
    assert_eq!(stored_ns(&env, &rx), [1, 3]);
    // An idle run sweeps keys past their window.
    std::thread::sleep(Duration::from_millis(2100));
    env.ok(&["process"]);
    let keys: i64 = match env.pg() {
        Some(pg) => pg
            .client()
            .query_one("SELECT count(*) FROM hookq_idempotency", &[])
            .unwrap()
            .get(0),
        None => env
            .sql()
            .query_row("SELECT count(*) FROM hookq_idempotency", [], |r| r.get(0))
            .unwrap(),
    };
    assert_eq!(keys, 0, "swept");
    // A zero window turns keys off: every call stores.
    env.ok(&["config", "set", "idempotency_window", "0"]);
    emit(4);
    assert!(emit(5).get("duplicate").is_none());
}

#[test]
fn ndjson_lines_with_keys_seen_before_are_not_stored_again() {
    let rx = Receiver::ok();
    let Some(env) = test_env() else { return };
    env.hook(&rx.url("/"), &[FORM], &[]);
    env.ok(&["emit", FORM, "--payload", r#"{"n":1}"#, "--idempotency-key", "a"]);
    let body: String = [
        json!({"type": FORM, "payload": {"n": 2}, "id": "a"}),
        json!({"type": FORM, "payload": {"n": 3}, "id": "b"}),
        json!({"type": FORM, "payload": {"n": 4}}),
        json!({"type": FORM, "payload": {"n": 5}, "id": "b"}),
        json!({"type": FORM, "payload": {"n": 6}, "id": "c"}),
    ]
    .iter()
    .map(|l| format!("{l}\n"))
    .collect();
    let out = env.run_stdin(&["emit", "--ndjson", "--json"], body.as_bytes());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!((v["events"].clone(), v["duplicates"].clone()), (json!(3), json!(2)), "{v}");
    assert_eq!(stored_ns(&env, &rx), [1, 3, 4, 6]);
    // The same body again over the API: only the line without a key.
    let srv = env.serve(&[]);
    let a = srv.call(
        "POST",
        "/api/hookq/events",
        Some(("application/x-ndjson", body.as_bytes())),
    );
    let v = a.json();
    assert_eq!((v["events"].clone(), v["duplicates"].clone()), (json!(1), json!(4)), "{v}");
    assert_eq!(stored_ns(&env, &rx), [1, 3, 4, 4, 6]);
}

#[test]
fn bad_keys_are_refused_and_write_nothing() {
    let Some(env) = test_env() else { return };
    env.create("a", &[FORM]);
    let long = "k".repeat(256);
    for key in ["", long.as_str(), "a\u{1}b"] {
        let err = env.rejected(&["emit", FORM, "--idempotency-key", key], 2);
        assert!(err.contains("--idempotency-key"), "{err}");
    }
    let srv = env.serve(&[]);
    let body = json!({"type": FORM, "payload": {}});
    for key in [long.as_str(), ""] {
        let (status, v) = post_keyed(&srv, key, &body);
        assert_eq!(status, 400, "{v}");
        assert!(
            v["errors"][0]["message"].as_str().unwrap().starts_with("Idempotency-Key: "),
            "{v}"
        );
    }
    let b = serde_json::to_vec(&body).unwrap();
    let a = srv.call_with(
        Some(&basic(USER, PASSWORD)),
        &[("Idempotency-Key", "x"), ("Idempotency-Key", "y")],
        "POST",
        "/api/hookq/events",
        Some(("application/json", &b)),
    );
    assert_eq!(a.status, 400);
    let a = srv.call_with(
        Some(&basic(USER, PASSWORD)),
        &[("Idempotency-Key", "x")],
        "POST",
        "/api/hookq/events",
        Some(("application/x-ndjson", &b)),
    );
    assert_eq!(a.status, 400);
    assert!(a.body.contains(r#"\"id\""#), "{}", a.body);
    let b = serde_json::to_vec(&json!({"type": FORM, "payload": {}, "id": "x"})).unwrap();
    let a = srv.call_with(
        Some(&basic(USER, PASSWORD)),
        &[("Idempotency-Key", "y")],
        "POST",
        "/api/hookq/events",
        Some(("application/json", &b)),
    );
    assert_eq!(a.status, 400);
    assert_eq!(env.queue_len(None), 0, "nothing was stored");
}

/// In `queue_mode = immediate` a repeat stores nothing and so sends
/// nothing: the receiver gets the event once.
#[test]
fn a_repeat_in_immediate_mode_sends_nothing() {
    let rx = Receiver::ok();
    let Some(env) = test_env() else { return };
    env.hook(&rx.url("/"), &[FORM], &[]);
    env.ok(&["config", "set", "queue_mode", "immediate"]);
    for _ in 0..3 {
        env.json(&["emit", FORM, "--payload", r#"{"n":1}"#, "--idempotency-key", "once"]);
        env.ok(&["emit", FORM, "--payload", r#"{"n":1}"#, "--idempotency-key", "once"]);
    }
    assert!(rx.wait_for(1, Duration::from_secs(10)));
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(rx.count(), 1, "sent once");
    // The API's repeat starts no delivery either.
    let srv = env.serve(&[]);
    let (_, v) = post_keyed(&srv, "once", &json!({"type": FORM, "payload": {"n": 1}}));
    assert_eq!(v["duplicate"], true);
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(rx.count(), 1, "sent once");
}
