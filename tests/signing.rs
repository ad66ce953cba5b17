//! Signing schemes per webhook (issue 12): Mautic's `Webhook-Signature`,
//! or Standard Webhooks, checked here by the standard's own Rust library.

use super::test_env;
use crate::common::receiver::{Receiver, Reply};

const HIT: &str = "mautic.page_on_hit";

/// The spec's published vectors.
const VECTORS: [(&str, &str, &str, &str, &str); 2] = [
    (
        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        "msg_p5jXN8AQM9LWM0D4loKWxJek",
        "1614265330",
        r#"{"test": 2432232314}"#,
        "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
    ),
    (
        "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD",
        "msg_27UH4WbU6Z5A5EzD8u03UvzRbpk",
        "1649367553",
        r#"{"email":"test@example.com","username":"test_user"}"#,
        "v1,tZ1I4/hDygAJgO5TYxiSd6Sd0kDW6hPenDe+bTa3Kkw=",
    ),
];

/// What the standard's library says of a received request.
fn standard_accepts(secret: &str, req: &crate::common::receiver::Request) -> bool {
    let mut headers = http::HeaderMap::new();
    for (name, value) in &req.headers {
        headers.append(
            http::HeaderName::from_bytes(name.as_bytes()).unwrap(),
            http::HeaderValue::from_str(value).unwrap(),
        );
    }
    standardwebhooks::Webhook::new(secret)
        .unwrap()
        .verify(&req.body, &headers)
        .is_ok()
}

#[test]
fn verify_checks_the_standards_published_vectors() {
    let Some(env) = test_env() else { return };
    for (secret, id, ts, body, sig) in VECTORS {
        let args = [
            "verify",
            "--standard",
            "--secret",
            secret,
            "--id",
            id,
            "--timestamp",
            ts,
            "--signature",
            sig,
        ];
        // The vectors are years old: the replay window refuses them...
        let out = env.run_stdin(&args, body.as_bytes());
        assert_eq!(out.status.code(), Some(1), "{out:?}");
        assert!(String::from_utf8_lossy(&out.stdout).contains("old (more than 300s)"));
        // ...unless it is turned off.
        let mut lax = args.to_vec();
        lax.extend(["--tolerance", "0", "--json"]);
        let out = env.run_stdin(&lax, body.as_bytes());
        assert_eq!(out.status.code(), Some(0), "{out:?}");
        assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), r#"{"valid":true}"#);
        // One byte changed, or another id: refused.
        let tampered = body.replace('t', "T");
        assert_eq!(env.run_stdin(&lax, tampered.as_bytes()).status.code(), Some(1));
        let mut other = lax.clone();
        other[5] = "msg_other";
        assert_eq!(env.run_stdin(&other, body.as_bytes()).status.code(), Some(1));
    }
    // A secret that is not a standard one is bad usage.
    let err = env.fails(
        &[
            "verify", "--standard", "--secret", "plain", "--id", "m", "--timestamp", "1",
            "--signature", "v1,x", "-",
        ],
        2,
    );
    assert!(err.contains("whsec_"), "{err}");
}

#[test]
fn a_standard_webhook_signs_the_standard_way_and_its_library_accepts_it() {
    let Some(env) = test_env() else { return };
    let rx = Receiver::ok();
    rx.script([Reply::status(500)]);
    let created = env.json(&[
        "create", "--name", "std", "--url", &rx.url("/s"), "--trigger", HIT, "--signing",
        "standard",
    ]);
    let secret = created["hook"]["secret"].as_str().unwrap().to_owned();
    assert!(secret.starts_with("whsec_"), "generated: {secret}");
    assert_eq!(created["hookq"]["signing"], "standard");
    let id = created["hook"]["id"].as_i64().unwrap();
    env.emit(HIT, r#"{"n":1}"#).unwrap();
    env.run(&["process"]);
    env.due_now();
    env.ok(&["process"]);
    let reqs = rx.requests();
    assert_eq!(reqs.len(), 2, "a 500, then the retry");
    for r in &reqs {
        // The standard's names, lower case, and no Mautic signature.
        for name in ["webhook-id", "webhook-timestamp", "webhook-signature"] {
            assert!(r.header(name).is_some(), "{name} in {:?}", r.headers);
        }
        assert!(r.header("Webhook-Signature").is_none());
        assert!(r.header("Webhook-Id").is_none());
        assert_eq!(r.header("Content-Type"), Some("application/json"));
        assert!(r.header("webhook-signature").unwrap().starts_with("v1,"));
        assert!(standard_accepts(&secret, r), "{:?}", r.headers);
        // The body is the same Mautic-shaped body.
        assert!(r.json()[HIT][0]["timestamp"].is_string());
    }
    // The id is the batch's, the same on the retry.
    assert_eq!(reqs[0].header("webhook-id"), reqs[1].header("webhook-id"));
    let logs = env.logs();
    assert_eq!(logs[0]["batchId"].as_str(), reqs[0].header("webhook-id"));
    // Another secret is refused by the library.
    let other = env.json(&["edit", &id.to_string(), "--regenerate-secret"]);
    let new_secret = other["hook"]["secret"].as_str().unwrap();
    assert!(!standard_accepts(new_secret, &reqs[1]));

    // `test` signs the same way, and so does `test --url`.
    let t = env.run(&["test", &id.to_string()]);
    assert_eq!(t.status.code(), Some(0), "{t:?}");
    let last = rx.requests().pop().unwrap();
    assert!(standard_accepts(new_secret, &last));
    let t = env.run(&[
        "test", "--url", &rx.url("/t"), "--trigger", HIT, "--signing", "standard", "--secret",
        VECTORS[0].0,
    ]);
    assert_eq!(t.status.code(), Some(0), "{t:?}");
    assert!(standard_accepts(VECTORS[0].0, &rx.requests().pop().unwrap()));
    let err = env.fails(
        &["test", "--url", &rx.url("/t"), "--trigger", HIT, "--signing", "standard"],
        2,
    );
    assert!(err.contains("--secret"), "{err}");
}

#[test]
fn a_rotated_secret_signs_beside_the_new_one_until_it_expires() {
    let Some(env) = test_env() else { return };
    let rx = Receiver::ok();
    let created = env.json(&[
        "create", "--name", "std", "--url", &rx.url("/r"), "--trigger", HIT, "--signing",
        "standard",
    ]);
    let old = created["hook"]["secret"].as_str().unwrap().to_owned();
    let id = created["hook"]["id"].as_i64().unwrap().to_string();
    let rotated = env.json(&["edit", &id, "--rotate-secret", "--keep-old", "2h"]);
    let new = rotated["hook"]["secret"].as_str().unwrap().to_owned();
    assert_ne!(new, old);
    assert!(rotated["hookq"]["oldSecretUntil"].is_string(), "{rotated}");
    let shown = env.ok(&["get", &id]);
    assert!(shown.contains("also signs until"), "{shown}");
    env.emit(HIT, "{}").unwrap();
    env.ok(&["process"]);
    let r = rx.requests().pop().unwrap();
    assert_eq!(r.header("webhook-signature").unwrap().split(' ').count(), 2);
    assert!(standard_accepts(&old, &r), "receivers not yet updated");
    assert!(standard_accepts(&new, &r), "receivers already updated");

    // --keep-old 0: the old one stops at once.
    env.ok(&["edit", &id, "--rotate-secret", "--keep-old", "0"]);
    let newest = env.json(&["get", &id])["hook"]["secret"].as_str().unwrap().to_owned();
    env.emit(HIT, "{}").unwrap();
    env.ok(&["process"]);
    let r = rx.requests().pop().unwrap();
    assert_eq!(r.header("webhook-signature").unwrap().split(' ').count(), 1);
    assert!(standard_accepts(&newest, &r));
    assert!(!standard_accepts(&new, &r));

    // A Mautic webhook has one signature: no rotation; and turning
    // standard needs a standard secret. Nothing is written.
    let mautic = env.hook(&rx.url("/m"), &[HIT], &[]).to_string();
    let err = env.rejected(&["edit", &mautic, "--rotate-secret"], 2);
    assert!(err.contains("--regenerate-secret"), "{err}");
    let err = env.rejected(&["edit", &mautic, "--signing", "standard"], 2);
    assert!(err.contains("whsec_"), "{err}");
    let err = env.rejected(
        &["edit", &mautic, "--signing", "standard", "--secret", "whsec_short"],
        2,
    );
    assert!(err.contains("24 to 64"), "{err}");
    assert!(!err.contains("whsec_short"), "a secret is not echoed: {err}");
    let err = env.rejected(
        &["create", "--name", "x", "--url", &rx.url("/x"), "--trigger", HIT, "--signing", "rsa"],
        2,
    );
    assert!(err.contains("--signing"), "{err}");
    // Turned standard with a new secret, a Mautic webhook delivers the
    // standard way; turned back, Mautic's.
    let turned = env.json(&["edit", &mautic, "--signing", "standard", "--regenerate-secret"]);
    let secret = turned["hook"]["secret"].as_str().unwrap().to_owned();
    env.emit(HIT, "{}").unwrap();
    env.ok(&["process"]);
    let by_path = |p: &str| rx.requests().into_iter().rev().find(|r| r.path == p).unwrap();
    assert!(standard_accepts(&secret, &by_path("/m")));
    env.ok(&["edit", &mautic, "--signing", "mautic"]);
    env.emit(HIT, "{}").unwrap();
    env.ok(&["process"]);
    let r = by_path("/m");
    assert!(r.header("Webhook-Signature").is_some(), "{:?}", r.headers);
    assert!(r.header("webhook-timestamp").is_none());
    // Signed Mautic's way with the same (whsec_) secret, as text.
    let sig = r.header("Webhook-Signature").unwrap();
    assert_eq!(hookq::delivery::sign::verify(&secret, &r.body, sig), Ok(true));
    let to_m = rx.requests().iter().filter(|r| r.path == "/m").count();
    assert_eq!(to_m, 2, "one request each way");
}
