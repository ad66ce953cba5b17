//! Settings: every key of SPEC section 5, validation, env overrides.

use super::test_env;

const KEYS: [&str; 18] = [
    "queue_mode",
    "events_order",
    "batch_limit",
    "time_limit",
    "timeout",
    "concurrency",
    "strict_order",
    "retry_schedule",
    "retry_max_age",
    "delivered_retention",
    "disable_limit",
    "disable_auto_unpublish",
    "log_max",
    "site_url",
    "max_payload_bytes",
    "block_private_addresses",
    "idempotency_window",
    "api_test_echo_private",
];

#[test]
fn list_shows_every_setting_with_defaults() {
    let Some(env) = test_env() else { return };
    let v = env.json(&["config", "list"]);
    let keys: Vec<&String> = v["settings"].as_object().unwrap().keys().collect();
    assert_eq!(keys, KEYS);
    let s = &v["settings"];
    assert_eq!(s["queue_mode"], "queue");
    assert_eq!(s["events_order"], "asc");
    assert_eq!(s["batch_limit"], 10);
    assert_eq!(s["time_limit"], "10m");
    assert_eq!(s["timeout"], "15s");
    assert_eq!(s["concurrency"], 8);
    assert_eq!(s["strict_order"], true);
    assert_eq!(
        s["retry_schedule"],
        serde_json::json!(["1m", "5m", "30m", "2h", "5h", "10h"])
    );
    assert_eq!(s["retry_max_age"], "3days");
    assert_eq!(s["disable_limit"], 100);
    assert_eq!(s["disable_auto_unpublish"], false);
    assert_eq!(s["log_max"], 1000);
    assert_eq!(s["site_url"], "");
    assert_eq!(s["max_payload_bytes"], 1048576);
    assert_eq!(s["block_private_addresses"], false);
    assert!(
        v["sources"]
            .as_object()
            .unwrap()
            .values()
            .all(|s| s == "default")
    );
    assert_eq!(env.json(&["config"]), v, "config alone lists");
    let table = env.ok(&["config", "list"]);
    for k in KEYS {
        assert!(table.contains(k), "{k} missing from table");
    }
}

#[test]
fn set_get_unset_store_canonical_values() {
    let Some(env) = test_env() else { return };
    assert_eq!(
        env.ok(&["config", "set", "queue_mode", "IMMEDIATE"]).trim(),
        "queue_mode = immediate"
    );
    assert_eq!(env.ok(&["config", "get", "queue_mode"]).trim(), "immediate");
    env.ok(&["config", "set", "timeout", "90"]);
    assert_eq!(env.ok(&["config", "get", "timeout"]).trim(), "1m 30s");
    env.ok(&["config", "set", "retry_schedule", "30s, 2m ,1h"]);
    assert_eq!(
        env.json(&["config", "get", "retry_schedule"])["value"],
        serde_json::json!(["30s", "2m", "1h"])
    );
    env.ok(&["config", "set", "max_payload_bytes", "512KiB"]);
    assert_eq!(
        env.json(&["config", "get", "max_payload_bytes"])["value"],
        524288
    );
    env.ok(&["config", "set", "site_url", "https://crm.example.com"]);
    let v = env.json(&["config", "get", "site_url"]);
    assert_eq!(v["value"], "https://crm.example.com");
    assert_eq!(v["source"], "file");
    env.ok(&["config", "unset", "queue_mode"]);
    assert_eq!(env.ok(&["config", "get", "queue_mode"]).trim(), "queue");
}

#[test]
fn environment_overrides_win_for_one_run() {
    let Some(mut env) = test_env() else { return };
    env.ok(&["config", "set", "batch_limit", "50"]);
    env.env("HOOKQ_BATCH_LIMIT", "7");
    let v = env.json(&["config", "get", "batch_limit"]);
    assert_eq!(v["value"], 7);
    assert_eq!(v["source"], "env");
    let Some(mut bad) = test_env() else { return };
    bad.env("HOOKQ_TIMEOUT", "soon");
    // A command that reads settings stops on the bad value, naming it.
    let err = bad.fails(&["process"], 2);
    assert!(err.contains("HOOKQ_TIMEOUT"), "{err}");
    // Issue 13: `config` itself still runs, to show the value and where
    // it comes from.
    let out = bad.run(&["config", "list", "--json"]);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["settings"]["timeout"], "soon");
    assert_eq!(v["sources"]["timeout"], "env");
    assert!(v["invalid"]["timeout"].as_str().unwrap().contains("HOOKQ_TIMEOUT"), "{v}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("HOOKQ_TIMEOUT"));
    let table = bad.ok(&["config", "list"]);
    assert!(table.contains("\"soon\" (INVALID)") && table.contains("env HOOKQ_TIMEOUT"), "{table}");
    let out = bad.run(&["config", "get", "timeout"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "soon");
}

#[test]
fn bad_keys_and_values_are_refused() {
    let Some(env) = test_env() else { return };
    env.ok(&["config", "list"]);
    assert!(
        env.rejected(&["config", "set", "batch_limt", "5"], 2)
            .contains("did you mean batch_limit")
    );
    env.rejected(&["config", "get", "nope"], 2);
    env.rejected(&["config", "unset", "nope"], 2);
    for (k, v) in [
        ("queue_mode", "sometimes"),
        ("events_order", "up"),
        ("batch_limit", "0"),
        ("batch_limit", "-1"),
        ("batch_limit", "1e3"),
        ("concurrency", "100000"),
        ("strict_order", "maybe"),
        ("timeout", "0"),
        ("timeout", "5 parsecs"),
        ("retry_schedule", ""),
        ("retry_schedule", "1m,,2m"),
        ("retry_max_age", "-3d"),
        ("site_url", "ftp://x"),
        ("site_url", "http://x/\r\nX-Evil: 1"),
        ("max_payload_bytes", "lots"),
        ("log_max", "18446744073709551616"),
    ] {
        let err = env.rejected(&["config", "set", k, v], 2);
        assert!(
            err.starts_with(&format!("hookq: invalid value for {k} ")),
            "{k}={v:?}: {err}"
        );
    }
}
