//! Receiver controls (issue 22): static headers sent with every delivery
//! and test, and filters that decide at emit which events a webhook
//! takes; through the CLI and the API, on each backend.

use serde_json::{Value, json};

use super::test_env;
use crate::common::receiver::Receiver;

const FORM: &str = "mautic.form_on_submit";
const LEAD: &str = "mautic.lead_post_save_new";
const KEY: &str = "k3y-Value-that-is-secret";

/// Which webhooks `emit --json` says took an event.
fn takers(env: &crate::common::TestEnv, event_type: &str, payload: &str) -> Vec<i64> {
    let v = env.json(&["emit", event_type, "--payload", payload]);
    v["webhooks"]
        .as_array()
        .map(|a| a.iter().map(|x| x.as_i64().unwrap()).collect())
        .unwrap_or_default()
}

#[test]
fn static_headers_go_with_every_delivery_and_test() {
    let rx = Receiver::ok();
    let Some(env) = test_env() else { return };
    let id = env.hook(
        &rx.url("/crm"),
        &[FORM],
        &[
            "--header",
            &format!("X-Api-Key: {KEY}"),
            "--header",
            "Authorization: Bearer tok-123",
        ],
    );
    env.emit(FORM, "{}");
    env.ok(&["process"]);
    let sent = rx.requests().pop().unwrap();
    assert_eq!(sent.header("X-Api-Key"), Some(KEY));
    assert_eq!(sent.header("Authorization"), Some("Bearer tok-123"));
    assert!(sent.header("Webhook-Signature").is_some());
    assert_eq!(sent.header("Content-Type"), Some("application/json"));
    // `test` of the webhook sends them; `test --url` sends those given.
    env.ok(&["test", &id.to_string()]);
    assert_eq!(rx.requests().pop().unwrap().header("X-Api-Key"), Some(KEY));
    env.ok(&[
        "test",
        "--url",
        &rx.url("/other"),
        "--trigger",
        FORM,
        "--header",
        "X-Other: 1",
    ]);
    let t = rx.requests().pop().unwrap();
    assert_eq!(t.header("X-Other"), Some("1"));
    assert_eq!(t.header("X-Api-Key"), None);
    env.rejected(&["test", &id.to_string(), "--header", "X-Other: 1"], 2);
    // get --json shows the values as it shows the secret; tables and
    // logs never do.
    let doc = env.json(&["get", &id.to_string()]);
    assert_eq!(
        doc["hookq"]["headers"],
        json!({"X-Api-Key": KEY, "Authorization": "Bearer tok-123"})
    );
    for args in [
        vec!["get", "1"],
        vec!["list"],
        vec!["list", "--format", "table"],
        vec!["logs"],
    ] {
        let out = env.ok(&args);
        assert!(!out.contains(KEY) && !out.contains("tok-123"), "{args:?}: {out}");
    }
    assert!(env.ok(&["get", "1"]).contains("X-Api-Key: k3…"));
    // Edit: one replaced (any case), one dropped.
    env.ok(&["edit", "1", "--header", "x-api-key: new-key", "--no-header", "Authorization"]);
    let doc = env.json(&["get", "1"]);
    assert_eq!(doc["hookq"]["headers"], json!({"x-api-key": "new-key"}));
    let err = env.rejected(&["edit", "1", "--no-header", "X-Missing"], 2);
    assert!(err.contains("--no-header") && err.contains("X-Missing"), "{err}");
    env.emit(FORM, "{}");
    env.ok(&["process"]);
    let sent = rx.requests().pop().unwrap();
    assert_eq!(sent.header("x-api-key"), Some("new-key"));
    assert_eq!(sent.header("Authorization"), None);
}

#[test]
fn headers_hookq_sets_or_the_connection_owns_are_refused() {
    let Some(env) = test_env() else { return };
    for bad in [
        "Content-Type: text/plain",
        "Webhook-Signature: x",
        "webhook-id: x",
        "Webhook-Timestamp: 1",
        "User-Agent: me",
        "X-Origin-Base-URL: x",
        "Host: example.com",
        "Connection: close",
        "Transfer-Encoding: chunked",
        "X-No-Value:",
        "No colon",
        "X-Bad: line\rbreak",
    ] {
        let err = env.rejected(
            &["create", "--name", "h", "--url", "http://127.0.0.1:9/", "--trigger", FORM, "--header", bad],
            2,
        );
        assert!(err.contains("--header"), "{bad}: {err}");
        assert_eq!(err.lines().count(), 1, "{err}");
    }
    assert_eq!(env.json(&["list"])["total"], 0, "nothing written");
    let id = env.create("h", &[FORM]).to_string();
    env.rejected(&["edit", &id, "--header", "Content-Length: 1"], 2);
    let many: Vec<String> = (0..21).map(|i| format!("X-H{i}: v")).collect();
    let mut args = vec!["edit", id.as_str()];
    for h in &many {
        args.extend(["--header", h.as_str()]);
    }
    let err = env.rejected(&args, 2);
    assert!(err.contains("at most 20"), "{err}");
    assert_eq!(env.json(&["get", &id])["hookq"]["headers"], json!({}));
}

#[test]
fn filters_decide_at_emit_which_webhooks_take_an_event() {
    let Some(env) = test_env() else { return };
    let url = "http://127.0.0.1:9/h";
    // A: form 3 only (its lead events unfiltered); B: every form event;
    // C: by an array, whole; D: either of two values.
    let a = env.hook(
        url,
        &[FORM, LEAD],
        &["--filter", r#"mautic.form_on_submit:{"submission":{"form":{"id":3}}}"#],
    );
    let b = env.hook(url, &[FORM], &[]);
    let c = env.hook(url, &[FORM], &["--filter", r#"mautic.form_on_submit:{"tags":["a","b"]}"#]);
    let d = env.hook(
        url,
        &[FORM],
        &[
            "--filter",
            r#"mautic.form_on_submit:{"x":1}"#,
            "--filter",
            r#"mautic.form_on_submit:{"x":2}"#,
        ],
    );
    let form3 = r#"{"submission":{"form":{"id":3,"name":"Newsletter"},"results":{"email":"a@b.c"}}}"#;
    assert_eq!(takers(&env, FORM, form3), vec![a, b]);
    assert_eq!(takers(&env, FORM, r#"{"submission":{"form":{"id":4}}}"#), vec![b]);
    assert_eq!(takers(&env, FORM, r#"{"submission":{"form":{"id":"3"}}}"#), vec![b]);
    assert_eq!(takers(&env, LEAD, "{}"), vec![a], "its other type is unfiltered");
    assert_eq!(takers(&env, FORM, r#"{"tags":["a","b"],"x":2}"#), vec![b, c, d]);
    assert_eq!(takers(&env, FORM, r#"{"tags":["a"],"x":3}"#), vec![b]);
    assert_eq!(env.queued(a).len(), 2);
    assert_eq!(env.queued(c).len(), 1);
    // NDJSON and its summary go the same way.
    let lines = format!(
        "{}\n{}\n{}\n",
        json!({"type": FORM, "payload": {"submission": {"form": {"id": 3}}}}),
        json!({"type": FORM, "payload": {"x": 1}}),
        json!({"type": FORM, "payload": {"x": 5}}),
    );
    let out = env.run_stdin(&["emit", "--ndjson"], lines.as_bytes());
    assert!(out.status.success(), "{out:?}");
    assert_eq!(env.queued(a).len(), 3);
    assert_eq!(env.queued(d).len(), 2);
    assert_eq!(env.queued(b).len(), 8);
    // Shown as set; dropped with --no-filter.
    let doc = env.json(&["get", &d.to_string()]);
    assert_eq!(doc["hookq"]["filters"], json!({FORM: [{"x": 1}, {"x": 2}]}));
    assert!(env.ok(&["get", &a.to_string()]).contains(r#"{"submission":{"form":{"id":3}}}"#));
    env.ok(&["edit", &a.to_string(), "--no-filter", FORM]);
    assert_eq!(takers(&env, FORM, r#"{"submission":{"form":{"id":4}}}"#), vec![a, b]);
    // A new filter of a type replaces its old ones.
    env.ok(&["edit", &d.to_string(), "--filter", r#"mautic.form_on_submit:{"x":9}"#]);
    assert_eq!(env.json(&["get", &d.to_string()])["hookq"]["filters"], json!({FORM: [{"x": 9}]}));
    // Dropping the trigger drops its filter.
    env.ok(&["edit", &d.to_string(), "--add-trigger", LEAD]);
    env.ok(&["edit", &d.to_string(), "--remove-trigger", FORM]);
    assert_eq!(env.json(&["get", &d.to_string()])["hookq"]["filters"], json!({}));
}

#[test]
fn an_event_no_filter_takes_is_not_stored() {
    let Some(env) = test_env() else { return };
    env.hook("http://127.0.0.1:9/h", &[FORM], &["--filter", r#"mautic.form_on_submit:{"x":1}"#]);
    let v = env.json(&["emit", FORM, "--payload", r#"{"x":2}"#]);
    assert_eq!(v["event"], Value::Null, "{v}");
    assert_eq!(env.payloads(), 0);
}

#[test]
fn bad_filters_are_refused_with_nothing_written() {
    let Some(env) = test_env() else { return };
    let create = |filter: &str| {
        env.rejected(
            &["create", "--name", "h", "--url", "http://127.0.0.1:9/", "--trigger", FORM, "--filter", filter],
            2,
        )
    };
    for (bad, says) in [
        (r#"mautic.form_on_submit:{"x":"#, "not valid JSON"),
        ("mautic.form_on_submit:[1]", "JSON object"),
        ("mautic.form_on_submit:3", "JSON object"),
        (r#"mautic.lead_post_save_new:{"x":1}"#, "not subscribed"),
        (r#"no.such_type:{"x":1}"#, "not subscribed"),
        ("no colon", "TYPE:JSON"),
    ] {
        let err = create(bad);
        assert!(err.contains("--filter") && err.contains(says), "{bad}: {err}");
        assert_eq!(err.lines().count(), 1, "{err}");
    }
    assert_eq!(env.json(&["list"])["total"], 0, "nothing written");
    let id = env.create("h", &[FORM]).to_string();
    env.rejected(&["edit", &id, "--filter", r#"mautic.form_on_submit:{"#], 2);
    let err = env.rejected(&["edit", &id, "--no-filter", FORM], 2);
    assert!(err.contains("no filter"), "{err}");
    assert_eq!(env.json(&["get", &id])["hookq"]["filters"], json!({}));
}

/// The API takes both under the `hookq` key (JSON, and PHP's form
/// encoding), in the shape `get` shows; a document read and written back
/// keeps them; Mautic's own keys are untouched.
#[test]
fn the_api_sets_headers_and_filters_under_the_hookq_key() {
    let rx = Receiver::ok();
    let Some(env) = test_env() else { return };
    let srv = env.serve(&[]);
    let new = json!({
        "name": "CRM", "webhookUrl": rx.url("/crm"), "triggers": [FORM, LEAD],
        "hookq": {
            "headers": {"X-Api-Key": KEY},
            "filters": {FORM: {"submission": {"form": {"id": 3}}}},
        },
    });
    let a = srv.send_json("POST", "/api/hooks/new", &new);
    assert_eq!(a.status, 201, "{}", a.body);
    let doc = a.json();
    assert!(doc["hook"].get("headers").is_none(), "Mautic's keys stay Mautic's");
    assert_eq!(doc["hookq"]["headers"], json!({"X-Api-Key": KEY}));
    assert_eq!(doc["hookq"]["filters"], json!({FORM: [{"submission": {"form": {"id": 3}}}]}));
    let id = doc["hook"]["id"].as_i64().unwrap();
    // Events through the API are filtered the same way.
    let emit = |payload: Value| {
        let b = json!({"type": FORM, "payload": payload}).to_string();
        srv.call("POST", "/api/hookq/events", Some(("application/json", b.as_bytes())))
    };
    let took = emit(json!({"submission": {"form": {"id": 3}}}));
    assert_eq!(took.json()["webhooks"], json!([id]), "{}", took.body);
    let missed = emit(json!({"submission": {"form": {"id": 5}}}));
    assert_eq!(missed.json()["event"], Value::Null, "{}", missed.body);
    env.ok(&["process"]);
    assert_eq!(rx.count(), 1);
    assert_eq!(rx.requests()[0].header("X-Api-Key"), Some(KEY));
    // GET, then PUT the document back: kept.
    let got = srv.get(&format!("/api/hooks/{id}")).json();
    let mut put = got["hook"].clone();
    put["hookq"] = got["hookq"].clone();
    let a = srv.send_json("PUT", &format!("/api/hooks/{id}/edit"), &put);
    assert_eq!(a.status, 200, "{}", a.body);
    assert_eq!(a.json()["hookq"]["headers"], json!({"X-Api-Key": KEY}));
    assert_eq!(a.json()["hookq"]["filters"], got["hookq"]["filters"]);
    // A PUT without them empties them; a PATCH without them keeps them.
    let a = srv.send_json("PATCH", &format!("/api/hooks/{id}/edit"), &json!({"name": "CRM 2"}));
    assert_eq!(a.json()["hookq"]["headers"], json!({"X-Api-Key": KEY}));
    let mut bare = got["hook"].clone();
    bare.as_object_mut().unwrap().remove("hookq");
    let a = srv.send_json("PUT", &format!("/api/hooks/{id}/edit"), &bare);
    assert_eq!(a.json()["hookq"]["headers"], json!({}), "{}", a.body);
    assert_eq!(a.json()["hookq"]["filters"], json!({}));
    // PHP's form encoding, a filter as JSON text.
    let form = format!(
        "hookq%5Bheaders%5D%5BX-Api-Key%5D=form-key&hookq%5Bfilters%5D%5B{FORM}%5D={}",
        "%7B%22x%22%3A1%7D"
    );
    let a = srv.send_form("PATCH", &format!("/api/hooks/{id}/edit"), &form);
    assert_eq!(a.status, 200, "{}", a.body);
    assert_eq!(a.json()["hookq"]["headers"], json!({"X-Api-Key": "form-key"}));
    assert_eq!(a.json()["hookq"]["filters"], json!({FORM: [{"x": 1}]}));
    // Refused: 400 in Mautic's error shape naming the field; nothing written.
    for (body, field) in [
        (json!({"hookq": {"headers": {"Webhook-Id": "x"}}}), "hookq.headers"),
        (json!({"hookq": {"headers": {"X-A": 1}}}), "hookq.headers"),
        (json!({"hookq": {"filters": {FORM: [1]}}}), "hookq.filters"),
        (json!({"hookq": {"filters": {"mautic.page_on_hit": {"x": 1}}}}), "hookq.filters"),
        (json!({"hookq": "x"}), "hookq"),
    ] {
        let a = srv.send_json("PATCH", &format!("/api/hooks/{id}/edit"), &body);
        assert_eq!(a.status, 400, "{body}: {}", a.body);
        let e = a.json();
        assert!(e["errors"][0]["details"].get(field).is_some(), "{body}: {e}");
    }
    let now = srv.get(&format!("/api/hooks/{id}")).json();
    assert_eq!(now["hookq"]["headers"], json!({"X-Api-Key": "form-key"}));
}

#[test]
fn a_rate_limit_is_set_shown_and_refused() {
    let Some(env) = test_env() else { return };
    let id = env
        .hook("http://127.0.0.1:9/h", &[FORM], &["--rate", "20/s"])
        .to_string();
    assert_eq!(env.json(&["get", &id])["hookq"]["rate"], "20/s");
    assert!(env.ok(&["get", &id]).contains("at most 20 requests in any second"));
    env.ok(&["edit", &id, "--rate", "5/min"]);
    assert_eq!(env.json(&["get", &id])["hookq"]["rate"], "5/m");
    for bad in ["0/s", "20", "20/day", "10001/s"] {
        let err = env.rejected(&["edit", &id, "--rate", bad], 2);
        assert!(err.contains("--rate") && err.contains("N/s"), "{bad}: {err}");
    }
    assert_eq!(env.json(&["get", &id])["hookq"]["rate"], "5/m");
    env.ok(&["edit", &id, "--rate", "off"]);
    assert_eq!(env.json(&["get", &id])["hookq"]["rate"], Value::Null);
    // The API, under the hookq key.
    let srv = env.serve(&[]);
    let path = format!("/api/hooks/{id}/edit");
    let a = srv.send_json("PATCH", &path, &json!({"hookq": {"rate": "3/h"}}));
    assert_eq!(a.json()["hookq"]["rate"], "3/h", "{}", a.body);
    let a = srv.send_json("PATCH", &path, &json!({"hookq": {"rate": "fast"}}));
    assert_eq!(a.status, 400, "{}", a.body);
    assert!(a.json()["errors"][0]["details"].get("hookq.rate").is_some(), "{}", a.body);
    let a = srv.send_json("PATCH", &path, &json!({"hookq": {"rate": null}}));
    assert_eq!(a.json()["hookq"]["rate"], Value::Null, "{}", a.body);
    // process --dry-run says what the limit holds back.
    env.ok(&["edit", &id, "--rate", "20/s"]);
    env.ok(&["config", "set", "batch_limit", "1"]);
    for n in 0..100 {
        env.emit(FORM, &format!(r#"{{"n":{n}}}"#));
    }
    let v = env.json(&["process", "--dry-run"]);
    let w = &v["webhooks"][&id];
    assert_eq!(w["rate"], "20/s", "{v}");
    assert_eq!(w["batches"], 100, "{v}");
    assert_eq!(w["rateSeconds"], 4.0, "{v}");
    let out = env.run(&["process", "--dry-run", "--format", "table"]);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("limited to 20/s") && said.contains("100 batch(es) take at least 4s"), "{said}");
}

/// 300 events to a webhook limited to 20/s at batch 1, sent by two
/// overlapping `process` runs and `serve --deliver` at once: no second at
/// the receiver holds more than 20 of its requests, each event arrives
/// once and in order, and a webhook without a limit is not held back.
#[test]
fn a_rate_limit_holds_across_overlapping_runs_and_serve() {
    use std::time::{Duration, Instant};
    let rx = Receiver::ok();
    let Some(env) = test_env() else { return };
    env.ok(&["config", "set", "batch_limit", "1"]);
    env.hook(&rx.url("/limited"), &[FORM], &["--rate", "20/s"]);
    env.hook(&rx.url("/free"), &[LEAD], &[]);
    let lines: String = (0..300)
        .flat_map(|n| {
            [
                json!({"type": FORM, "payload": {"n": n}}).to_string(),
                json!({"type": LEAD, "payload": {"n": n}}).to_string(),
            ]
        })
        .map(|l| l + "\n")
        .collect();
    let out = env.run_stdin(&["emit", "--ndjson"], lines.as_bytes());
    assert!(out.status.success(), "{out:?}");
    let srv = env.serve(&["--deliver"]);
    std::thread::scope(|s| {
        s.spawn(|| env.ok(&["process"]));
        s.spawn(|| {
            std::thread::sleep(Duration::from_millis(300));
            env.ok(&["process"])
        });
    });
    assert!(rx.wait_for(600, Duration::from_secs(60)), "{} of 600", rx.count());
    drop(srv);
    let all = rx.requests();
    let of = |path: &str| -> Vec<(Instant, i64)> {
        all.iter()
            .filter(|r| r.path == path)
            .map(|r| {
                let (t, events) = r.json().as_object().unwrap().iter().next().map(|(_, v)| (r.at, v.clone())).unwrap();
                (t, events[0]["n"].as_i64().unwrap())
            })
            .collect()
    };
    let limited = of("/limited");
    let free = of("/free");
    assert_eq!(limited.len(), 300, "each once");
    assert_eq!(free.len(), 300, "each once");
    for (i, w) in limited.windows(2).enumerate() {
        assert!(w[0].1 < w[1].1, "in order at {i}: {:?}", &limited[i..i + 2].iter().map(|x| x.1).collect::<Vec<_>>());
    }
    // Any 21 requests in a row span a second or more.
    let mut fullest = 0;
    for (i, w) in limited.windows(21).enumerate() {
        let span = w[20].0 - w[0].0;
        assert!(span >= Duration::from_secs(1), "requests {i}..{} within {span:?}", i + 20);
        fullest = fullest.max(w.iter().filter(|x| x.0 - w[0].0 < Duration::from_secs(1)).count());
    }
    assert_eq!(fullest, 20, "the limit was used");
    // The free webhook was not held back by it: done long before.
    assert!(free.last().unwrap().0 < limited[200].0, "the free webhook waited on the limited one");
}

/// hookq's own events a receiver got: (type, payload), in order.
fn alerts_of(rx: &Receiver) -> Vec<(String, Value)> {
    rx.requests()
        .iter()
        .flat_map(|r| {
            r.json()
                .as_object()
                .unwrap()
                .iter()
                .flat_map(|(t, events)| {
                    events
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|e| (t.clone(), e.clone()))
                        .collect::<Vec<_>>()
                })
                .collect::<Vec<_>>()
        })
        .filter(|(t, _)| t.starts_with("hookq."))
        .collect()
}

const ALERTS: [&str; 4] = [
    "hookq.webhook_failing",
    "hookq.webhook_recovered",
    "hookq.webhook_disabled",
    "hookq.batch_dead",
];

/// A receiver answering 500 then 200 makes exactly one failing and one
/// recovered event, signed and delivered like any other, naming the
/// webhook and the attempt; a webhook subscribed to them never hears of
/// itself.
#[test]
fn a_failing_then_recovering_webhook_makes_one_failing_and_one_recovered_event() {
    use crate::common::receiver::Reply;
    let crm = Receiver::start(Reply::status(500));
    let ops = Receiver::ok();
    let Some(env) = test_env() else { return };
    // The monitored webhook listens for alerts too: it must not get its own.
    let m = env.hook(&crm.url("/crm"), &[FORM, ALERTS[0], ALERTS[1]], &[]);
    let a = env.hook(&ops.url("/ops"), &ALERTS, &[]);
    env.emit(FORM, r#"{"n":1}"#);
    env.ok(&["process"]);
    env.emit(FORM, r#"{"n":2}"#);
    env.due_now();
    env.ok(&["process"]);
    assert_eq!(crm.count(), 2, "two failed attempts");
    crm.set_default(Reply::status(200));
    env.due_now();
    env.ok(&["process"]);
    // The alerts queued by the last run go out at the next.
    env.ok(&["process"]);
    let got = alerts_of(&ops);
    let types: Vec<&str> = got.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(types, [ALERTS[0], ALERTS[1]], "{got:?}");
    let (_, failing) = &got[0];
    assert_eq!(failing["webhook"]["id"], m);
    assert_eq!(failing["webhook"]["url"], crm.url("/crm"));
    assert_eq!(failing["attempt"]["status"], "500");
    assert_eq!(failing["failuresInARow"], 1);
    assert!(failing["timestamp"].is_string());
    let (_, recovered) = &got[1];
    assert_eq!(recovered["attempt"]["status"], "200");
    assert_eq!(recovered["failuresInARow"], 2);
    assert!(recovered["since"].is_string());
    // Signed with the alert receiver's secret, as any delivery.
    let r = &ops.requests()[0];
    let want = crate::common::hmac_b64("secret", &r.body);
    assert_eq!(r.header("Webhook-Signature"), Some(want.as_str()));
    // Never about a webhook to itself.
    assert!(alerts_of(&crm).is_empty(), "{:?}", alerts_of(&crm));
    // Every alert is about the monitored webhook, none about the one
    // that receives them (it never failed).
    assert!(
        got.iter()
            .all(|(_, p)| p["webhook"]["id"] == m && p["webhook"]["id"] != a),
        "{got:?}"
    );
}

/// A 410 unpublishes: one disabled event (after its failing one); a batch
/// past retry_max_age: one dead event. An application cannot emit them.
#[test]
fn a_410_and_a_dead_batch_each_make_one_event() {
    use crate::common::receiver::Reply;
    let gone = Receiver::start(Reply::status(410));
    let down = Receiver::start(Reply::status(503));
    let ops = Receiver::ok();
    let Some(env) = test_env() else { return };
    let g = env.hook(&gone.url("/g"), &[FORM], &[]);
    let d = env.hook(&down.url("/d"), &[LEAD], &[]);
    env.hook(&ops.url("/ops"), &ALERTS, &[]);
    env.ok(&["config", "set", "retry_max_age", "1h"]);
    env.emit(FORM, "{}");
    env.emit(LEAD, "{}");
    env.ok(&["process"]);
    assert_eq!(env.json(&["get", &g.to_string()])["hook"]["isPublished"], false);
    env.ok(&["config", "set", "retry_max_age", "1s"]);
    std::thread::sleep(std::time::Duration::from_millis(1100));
    env.due_now();
    env.ok(&["process"]);
    env.ok(&["process"]);
    let got = alerts_of(&ops);
    let count = |t: &str, about: i64| {
        got.iter()
            .filter(|(x, p)| x == t && p["webhook"]["id"] == about)
            .count()
    };
    assert_eq!(count(ALERTS[0], g), 1, "{got:?}");
    assert_eq!(count(ALERTS[2], g), 1, "{got:?}");
    assert_eq!(count(ALERTS[0], d), 1, "{got:?}");
    assert_eq!(count(ALERTS[3], d), 1, "{got:?}");
    assert_eq!(got.len(), 4, "{got:?}");
    let disabled = got.iter().find(|(t, _)| t == ALERTS[2]).unwrap();
    assert!(disabled.1["reason"].as_str().unwrap().contains("410"), "{disabled:?}");
    // hookq's own types are hookq's to record.
    let err = env.rejected(&["emit", ALERTS[0]], 2);
    assert!(err.contains("hookq records its own events"), "{err}");
    let line = format!("{}\n", json!({"type": ALERTS[3], "payload": {}}));
    let out = env.run_stdin(&["emit", "--ndjson"], line.as_bytes());
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let err = env.rejected(&["triggers", "add", "hookq.mine", "--label", "Mine"], 2);
    assert!(err.contains("hookq. prefix"), "{err}");
}
