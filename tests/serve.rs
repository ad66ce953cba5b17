//! `hookq serve`: Mautic's hooks API over real HTTP, driven as the PHP
//! `mautic/api-library` (form bodies, bracket keys) and n8n (JSON) do,
//! with API users managed through the CLI.

use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::test_env;
use crate::common::server::{Answer, PASSWORD, USER, basic};
use crate::common::HOOK_FIELDS;

/// What n8n's Mautic Trigger node sends to register itself.
fn n8n_hook(url: &str) -> Value {
    json!({
        "name": "n8n-webhook:/webhook/abc/webhook",
        "description": "n8n webhook",
        "webhookUrl": url,
        "triggers": ["mautic.form_on_submit", "mautic.lead_post_save_new"],
        "eventsOrderbyDir": "ASC",
        "isPublished": true,
    })
}

/// Create n8n's hook to `url` through the API; its id.
#[track_caller]
fn api_hook(srv: &crate::common::server::Server, url: &str) -> i64 {
    expect(
        &srv.send_json("POST", "/api/hooks/new", &n8n_hook(url)),
        201,
    )["hook"]["id"]
        .as_i64()
        .unwrap()
}

#[track_caller]
fn expect(a: &Answer, status: u16) -> Value {
    assert_eq!(a.status, status, "answer: {}", a.body);
    assert!(
        a.header("content-type")
            .unwrap_or("")
            .starts_with("application/json"),
        "not JSON: {:?}",
        a.headers
    );
    a.json()
}

/// The one Mautic error of an answer: (code, message).
#[track_caller]
fn error_of(a: &Answer, status: u16) -> (i64, String) {
    let v = expect(a, status);
    let errors = v["errors"].as_array().expect("errors list");
    assert_eq!(errors.len(), 1, "{v}");
    (
        errors[0]["code"].as_i64().unwrap(),
        errors[0]["message"].as_str().unwrap().to_owned(),
    )
}

#[test]
fn api_users_are_managed_from_the_cli() {
    let Some(env) = test_env() else { return };
    let v = env.json(&["api-user", "add", "n8n"]);
    let password = v["password"].as_str().unwrap();
    assert_eq!(password.len(), 40, "{v}");
    assert_eq!(v["user"]["username"], "n8n");
    assert_eq!(v["user"]["createdByUser"], "tester");
    let list = env.json(&["api-user", "list"]);
    assert_eq!(list["total"], 1);
    assert_eq!(list["users"][0]["username"], "n8n");
    assert!(!list.to_string().contains("argon2"), "hash shown: {list}");
    // The password is not stored in clear.
    let bytes = env.db_bytes().unwrap();
    assert!(
        !bytes
            .windows(password.len())
            .any(|w| w == password.as_bytes())
    );

    // Bad input: one line, exit 2, nothing written.
    let err = env.rejected(&["api-user", "add", "a:b"], 2);
    assert!(err.contains("NAME"), "{err}");
    let err = env.rejected(&["api-user", "add", "n8n"], 2);
    assert!(err.contains("exists already"), "{err}");
    let before = env.db_bytes();
    let out = env.run_stdin(&["api-user", "add", "ci", "--password-stdin"], b"short\n");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("at least 8"));
    assert!(before == env.db_bytes());

    env.ok(&["api-user", "remove", "n8n"]);
    assert_eq!(env.json(&["api-user", "list"])["total"], 0);
    env.fails(&["api-user", "remove", "n8n"], 1);
}

#[test]
fn serve_refuses_to_run_open_or_unauthenticated() {
    let Some(env) = test_env() else { return };
    let err = env.fails(&["serve", "--listen", "127.0.0.1:0"], 2);
    assert!(err.contains("api-user add"), "{err}");
    let err = env.fails(&["serve", "--listen", "0.0.0.0:0", "--no-auth"], 2);
    assert!(
        err.contains("--no-auth") && err.contains("loopback"),
        "{err}"
    );
    let err = env.fails(&["serve", "--listen", "[::]:0", "--no-auth"], 2);
    assert!(err.contains("loopback"), "{err}");
    let err = env.fails(&["serve", "--no-auth", "--header-timeout", "soon"], 2);
    assert!(err.contains("--header-timeout"), "{err}");
    // Issue 23: `--poll 1ms` burnt a third of a core idle: at least 1 s,
    // as the settings' durations.
    for (flag, value) in [("--poll", "1ms"), ("--poll", "999ms"), ("--header-timeout", "5ms")] {
        let err = env.fails(&["serve", "--no-auth", "--listen", "127.0.0.1:0", flag, value], 2);
        assert!(err.contains(flag) && err.contains("at least 1s"), "{err}");
    }
    let err = env.fails(&["serve", "--no-auth", "--max-connections-per-ip", "0"], 2);
    assert!(err.contains("--max-connections-per-ip"), "{err}");
    let err = env.fails(&["serve", "--no-auth", "--trusted-proxy", "localhost"], 2);
    assert!(err.contains("--trusted-proxy"), "{err}");
}

#[test]
fn authentication_is_mautics_basic_auth() {
    let Some(env) = test_env() else { return };
    let srv = env.serve(&[]);
    let denied = |a: &Answer| {
        assert_eq!(a.status, 401, "{}", a.body);
        assert_eq!(
            a.body,
            r#"{"errors":[{"message":"API authorization denied.","code":401,"type":"access_denied"}]}"#
        );
    };
    let none = srv.call_as(None, "GET", "/api/hooks", None);
    denied(&none);
    assert!(
        none.header("www-authenticate")
            .unwrap()
            .starts_with("Basic")
    );
    denied(&srv.call_as(
        Some(&basic(USER, "wrong password")),
        "GET",
        "/api/hooks",
        None,
    ));
    denied(&srv.call_as(Some(&basic("nobody", PASSWORD)), "GET", "/api/hooks", None));
    denied(&srv.call_as(Some("Bearer abc"), "GET", "/api/hooks", None));
    denied(&srv.call_as(Some("Basic !!notbase64"), "GET", "/api/hooks", None));
    expect(&srv.get("/api/hooks"), 200);

    // Health needs no credentials; the rest of the API does.
    let h = srv.call_as(None, "GET", "/healthz", None);
    assert_eq!(expect(&h, 200)["status"], "ok");

    // A removed user is refused once the server's memory of it lapses
    // (2 s); then at once.
    env.ok(&["api-user", "remove", USER]);
    std::thread::sleep(Duration::from_millis(2100));
    denied(&srv.get("/api/hooks"));
}

#[test]
fn repeated_failures_from_one_address_are_slowed_down() {
    let Some(env) = test_env() else { return };
    let srv = env.serve(&[]);
    let wrong = basic(USER, "not the password");
    let mut retry_after = Vec::new();
    let mut refused_early = 0;
    while retry_after.len() < 7 && refused_early < 20 {
        let a = srv.call_as(Some(&wrong), "GET", "/api/hooks", None);
        if a.status == 429 {
            // Too early for a slowed address: wait as told, try again.
            refused_early += 1;
            let secs: u64 = a.header("retry-after").unwrap().parse().unwrap();
            assert!((1..=8).contains(&secs), "{secs}");
            std::thread::sleep(Duration::from_secs(secs));
            continue;
        }
        assert_eq!(a.status, 401);
        retry_after.push(a.header("retry-after").map(str::to_owned));
    }
    assert_eq!(retry_after.len(), 7);
    // The first failures are free; then each answer says to wait.
    assert!(
        retry_after[..4].iter().all(Option::is_none),
        "{retry_after:?}"
    );
    assert!(
        retry_after[5..].iter().all(Option::is_some),
        "{retry_after:?}"
    );
    // The right password still gets in once the wait is over, and
    // clears the count.
    let wait: u64 = retry_after[6].as_deref().unwrap().parse().unwrap();
    std::thread::sleep(Duration::from_secs(wait));
    expect(&srv.get("/api/hooks"), 200);
    let a = srv.call_as(Some(&wrong), "GET", "/api/hooks", None);
    assert!(a.header("retry-after").is_none());
}

/// Issue 23: 64 parallel connections from one address got 8.1 guesses/s
/// (each slept its delay side by side), and a loopback client that set
/// its own `X-Forwarded-For` was never slowed (36.7 guesses/s); the right
/// password from a slowed address waited 8 s. Now a slowed address gets
/// one check at a time, no sooner than its delay after the last failure
/// (250 ms, 500 ms, 1 s, …), whatever it says it forwards; the others are
/// refused at once with 429; credentials that verified before get in.
#[test]
fn regression_parallel_guesses_from_one_address_are_one_at_a_time() {
    let Some(env) = test_env() else { return };
    // Room for the 64 guessing connections and the test's own.
    let srv = env.serve(&["--max-connections-per-ip", "1000"]);
    expect(&srv.get("/api/hooks"), 200);
    let wrong = basic(USER, "not the password");
    for _ in 0..5 {
        assert_eq!(srv.call_as(Some(&wrong), "GET", "/api/hooks", None).status, 401);
    }
    let checked = std::sync::atomic::AtomicUsize::new(0);
    let refused = std::sync::atomic::AtomicUsize::new(0);
    let other = std::sync::Mutex::new(Vec::new());
    let start = Instant::now();
    let budget = Duration::from_millis(2500);
    std::thread::scope(|scope| {
        for t in 0..64 {
            let (srv, wrong, checked, refused, other) = (&srv, &wrong, &checked, &refused, &other);
            scope.spawn(move || {
                for n in 0..100 {
                    if start.elapsed() >= budget {
                        break;
                    }
                    // A different made-up client address each time.
                    let xff = format!("127.0.{}.{}", t + 1, n + 1);
                    let a = srv.call_with(
                        Some(wrong),
                        &[("X-Forwarded-For", &xff)],
                        "GET",
                        "/api/hooks",
                        None,
                    );
                    match a.status {
                        401 => checked.fetch_add(1, Ordering::Relaxed),
                        429 => {
                            assert!(a.header("retry-after").is_some());
                            assert_eq!(a.json()["errors"][0]["code"], 429);
                            refused.fetch_add(1, Ordering::Relaxed)
                        }
                        s => {
                            other.lock().unwrap().push(s);
                            0
                        }
                    };
                }
            });
        }
        // Meanwhile the right password, verified before, gets in at once.
        std::thread::sleep(Duration::from_millis(300));
        expect(&srv.get("/api/hooks"), 200);
    });
    let elapsed = start.elapsed();
    let checked = checked.into_inner();
    let refused = refused.into_inner();
    assert!(other.into_inner().unwrap().is_empty());
    eprintln!("64 connections, rotating X-Forwarded-For: {checked} guesses checked, {refused} refused at once, in {elapsed:?}");
    // The 6th failure may come 250 ms after the 5th, the 7th 500 ms
    // after that, the 8th 1 s later, the 9th 2 s later: at most three in
    // the first 2.5 s, four in 4.5 s (a slow machine may take longer).
    let steps = [250u64, 500, 1000, 2000, 4000, 8000];
    let mut allowed = 0;
    let mut at = 0;
    for s in steps {
        at += s;
        if u128::from(at) <= elapsed.as_millis() {
            allowed += 1;
        }
    }
    assert!(
        checked <= allowed.max(1),
        "{checked} guesses checked in {elapsed:?} (at most {allowed}); {refused} refused"
    );
    assert!(refused > 0, "nothing was refused");
}

/// Behind `--trusted-proxy`, the proxy's `X-Forwarded-For` names the
/// client: one client's failures do not slow another's.
#[test]
fn a_trusted_proxy_names_the_client() {
    let Some(env) = test_env() else { return };
    let srv = env.serve(&["--trusted-proxy", "127.0.0.1", "--trusted-proxy", "::1"]);
    let wrong = basic(USER, "not the password");
    let as_client = |ip: &str| {
        srv.call_with(
            Some(&wrong),
            &[("X-Forwarded-For", &format!("127.9.9.9, {ip}"))],
            "GET",
            "/api/hooks",
            None,
        )
    };
    let mut last = None;
    for _ in 0..5 {
        let a = as_client("127.0.0.9");
        assert_eq!(a.status, 401);
        last = a.header("retry-after").map(str::to_owned);
    }
    assert!(last.is_some(), "the fifth failure says to wait");
    assert_eq!(as_client("127.0.0.9").status, 429);
    // Another client behind the same proxy is not slowed.
    let a = as_client("127.0.0.10");
    assert_eq!(a.status, 401);
    assert!(a.header("retry-after").is_none());
    // Nor is the proxy itself when it speaks for nobody.
    let a = srv.call_as(Some(&wrong), "GET", "/api/hooks", None);
    assert_eq!(a.status, 401);
    assert!(a.header("retry-after").is_none());
}

/// Issue 23: two `Authorization` headers let the first win silently.
#[test]
fn regression_two_authorization_headers_are_refused() {
    let Some(env) = test_env() else { return };
    let srv = env.serve(&[]);
    let right = basic(USER, PASSWORD);
    let wrong = basic(USER, "not the password");
    for pair in [[&right, &wrong], [&wrong, &right], [&right, &right]] {
        let a = srv.call_with(
            Some(pair[0]),
            &[("Authorization", pair[1])],
            "GET",
            "/api/hooks",
            None,
        );
        assert_eq!(a.status, 400, "{}", a.body);
        assert!(a.json()["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("Authorization"));
    }
}

/// Issue 23: one address could hold all 1,024 connection slots (a health
/// check then waited 7.9 s). Past `--max-connections-per-ip` its new
/// connections are closed at once; other addresses are served.
#[test]
fn regression_one_address_cannot_hold_every_connection() {
    let Some(env) = test_env() else { return };
    let srv = env.serve(&["--max-connections-per-ip", "8", "--header-timeout", "60s"]);
    // 30 connections from 127.0.0.1 that never send a request.
    let held: Vec<std::net::TcpStream> = (0..30)
        .map(|_| std::net::TcpStream::connect(("127.0.0.1", srv.port)).unwrap())
        .collect();
    std::thread::sleep(Duration::from_millis(300));
    let mut closed = 0;
    for mut s in &held {
        s.set_read_timeout(Some(Duration::from_millis(100))).unwrap();
        let mut b = [0u8; 1];
        match std::io::Read::read(&mut s, &mut b) {
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) => {}
            _ => closed += 1,
        }
    }
    assert_eq!(closed, 22, "all but 8 of the flood's connections closed");
    // Other addresses are served meanwhile: health, metrics, the API.
    let h = srv.get_from("127.0.0.2", "/healthz", None).unwrap();
    assert!(h.starts_with("HTTP/1.1 200"), "{h}");
    let m = srv
        .get_from("127.0.0.3", "/metrics", Some(&basic(USER, PASSWORD)))
        .unwrap();
    assert!(m.starts_with("HTTP/1.1 200"), "{m}");
    // The flooding address gets no more until it lets go.
    assert!(srv.get_from("127.0.0.1", "/healthz", None).is_none());
    drop(held);
    std::thread::sleep(Duration::from_millis(300));
    let h = srv.get_from("127.0.0.1", "/healthz", None).unwrap();
    assert!(h.starts_with("HTTP/1.1 200"), "{h}");
}

#[test]
fn n8n_registers_reads_and_removes_its_webhook() {
    let Some(env) = test_env() else { return };
    let srv = env.serve(&[]);
    let a = srv.send_json(
        "POST",
        "/api/hooks/new",
        &n8n_hook("https://n8n.example.com/webhook/abc/webhook"),
    );
    let v = expect(&a, 201);
    let hook = &v["hook"];
    let keys: Vec<&str> = hook
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, HOOK_FIELDS);
    let id = hook["id"].as_i64().unwrap();
    assert_eq!(
        a.header("location").unwrap(),
        format!("http://127.0.0.1:{}/api/hooks/{id}", srv.port)
    );
    assert_eq!(hook["name"], "n8n-webhook:/webhook/abc/webhook");
    assert_eq!(hook["description"], "n8n webhook");
    assert_eq!(
        hook["webhookUrl"],
        "https://n8n.example.com/webhook/abc/webhook"
    );
    assert_eq!(hook["isPublished"], true);
    assert_eq!(hook["eventsOrderbyDir"], "ASC");
    assert_eq!(hook["category"], Value::Null);
    assert_eq!(hook["createdBy"], Value::Null);
    assert_eq!(hook["createdByUser"], USER);
    assert_eq!(hook["modifiedByUser"], Value::Null);
    assert_eq!(hook["dateModified"], Value::Null);
    crate::common::assert_mautic_date(&hook["dateAdded"]);
    assert_eq!(
        hook["secret"].as_str().unwrap().len(),
        64,
        "secret generated"
    );
    assert_eq!(
        hook["triggers"],
        json!(["mautic.form_on_submit", "mautic.lead_post_save_new"])
    );

    // checkExists: GET answers the same hook, as the CLI shows it.
    let got = expect(&srv.get(&format!("/api/hooks/{id}")), 200);
    assert_eq!(got["hook"], *hook);
    let cli = env.json(&["get", &id.to_string()]);
    assert_eq!(cli, got);

    // delete: 200 with the hook, id null; then it is gone.
    let d = expect(
        &srv.call("DELETE", &format!("/api/hooks/{id}/delete"), None),
        200,
    );
    assert_eq!(d["hook"]["id"], Value::Null);
    assert_eq!(d["hook"]["name"], hook["name"]);
    let (code, msg) = error_of(&srv.get(&format!("/api/hooks/{id}")), 404);
    assert_eq!((code, msg.as_str()), (404, "Item was not found."));
    env.fails(&["get", &id.to_string()], 1);
}

#[test]
fn the_php_client_sends_forms_with_bracket_keys() {
    let Some(env) = test_env() else { return };
    let srv = env.serve(&[]);
    let cat = env.json(&["category", "create", "--title", "Sales"])["category"]["id"]
        .as_i64()
        .unwrap();
    // What http_build_query makes of the PHP array.
    let form = format!(
        "name=CRM+sync&webhookUrl=https%3A%2F%2Fcrm.example.com%2Fh&description=&secret=s3cret-s3cret-s3cret\
         &triggers%5B0%5D=mautic.lead_post_save_new&triggers%5B1%5D=mautic.email_on_open\
         &isPublished=0&eventsOrderbyDir=desc&category={cat}"
    );
    let v = expect(&srv.send_form("POST", "/api/hooks/new", &form), 201);
    let h = &v["hook"];
    assert_eq!(h["name"], "CRM sync");
    assert_eq!(h["webhookUrl"], "https://crm.example.com/h");
    assert_eq!(h["secret"], "s3cret-s3cret-s3cret");
    assert_eq!(h["isPublished"], false);
    assert_eq!(h["eventsOrderbyDir"], "DESC");
    assert_eq!(h["description"], Value::Null);
    assert_eq!(h["category"]["id"], cat);
    assert_eq!(h["category"]["bundle"], "Webhook");
    assert_eq!(
        h["triggers"],
        json!(["mautic.lead_post_save_new", "mautic.email_on_open"])
    );
    // `triggers[]=` works as well as explicit indexes.
    let v = expect(
        &srv.send_form(
            "POST",
            "/api/hooks/new",
            "name=b&webhookUrl=http%3A%2F%2F127.0.0.1%3A9%2Fb&triggers[]=mautic.page_on_hit",
        ),
        201,
    );
    assert_eq!(v["hook"]["triggers"], json!(["mautic.page_on_hit"]));
    assert_eq!(v["hook"]["isPublished"], true);
    assert_eq!(v["hookq"]["signing"], "mautic");

    // hookq's own field: the signing scheme (issue 12), shown under
    // `hookq`; a Mautic client never sends it.
    let v = expect(
        &srv.send_json(
            "POST",
            "/api/hooks/new",
            &json!({"name": "std", "webhookUrl": "http://127.0.0.1:9/s",
                    "triggers": ["mautic.page_on_hit"], "signing": "standard"}),
        ),
        201,
    );
    assert!(v["hook"]["secret"].as_str().unwrap().starts_with("whsec_"), "{v}");
    assert_eq!(v["hookq"]["signing"], "standard");
    let id = v["hook"]["id"].as_i64().unwrap();
    let v = expect(
        &srv.send_json(
            "PATCH",
            &format!("/api/hooks/{id}/edit"),
            &json!({"signing": "mautic"}),
        ),
        200,
    );
    assert_eq!(v["hookq"]["signing"], "mautic");
    let before = env.db_bytes();
    let r = srv.send_json(
        "POST",
        "/api/hooks/new",
        &json!({"name": "bad", "webhookUrl": "http://127.0.0.1:9/s",
                "triggers": ["mautic.page_on_hit"], "signing": "standard", "secret": "plain"}),
    );
    assert_eq!(r.status, 400, "{}", r.body);
    assert!(r.body.contains("whsec_"), "{}", r.body);
    assert!(before == env.db_bytes(), "a refused hook writes nothing");
}

/// GET answers are kept between commits (SQLite's data_version): a
/// change from anywhere, another process included, shows at once.
#[test]
fn get_shows_every_change_at_once() {
    let Some(env) = test_env() else { return };
    let srv = env.serve(&[]);
    let id = api_hook(&srv, "http://127.0.0.1:9/a");
    let path = format!("/api/hooks/{id}");
    for _ in 0..3 {
        let v = expect(&srv.get(&path), 200);
        assert_eq!(v["hookq"]["queued"], 0);
    }
    // Another process edits it and queues an event for it.
    env.ok(&["edit", &id.to_string(), "--name", "renamed by the CLI"]);
    let v = expect(&srv.get(&path), 200);
    assert_eq!(v["hook"]["name"], "renamed by the CLI");
    env.emit("mautic.lead_post_save_new", "{}");
    let v = expect(&srv.get(&path), 200);
    assert_eq!(v["hookq"]["queued"], 1, "{v}");
    // The API edits it.
    expect(
        &srv.send_json("PATCH", &format!("/api/hooks/{id}/edit"), &json!({"name": "by API"})),
        200,
    );
    assert_eq!(expect(&srv.get(&path), 200)["hook"]["name"], "by API");
    // Deleted: gone at once.
    env.ok(&["delete", &id.to_string()]);
    let (code, _) = error_of(&srv.get(&path), 404);
    assert_eq!(code, 404);
}

#[test]
fn put_replaces_and_patch_changes_only_what_is_given() {
    let Some(env) = test_env() else { return };
    let srv = env.serve(&[]);
    let id = api_hook(&srv, "http://127.0.0.1:9/a");
    let secret = env.json(&["get", &id.to_string()])["hook"]["secret"].clone();

    // PATCH: only the given fields; triggers are added to.
    let v = expect(
        &srv.send_json(
            "PATCH",
            &format!("/api/hooks/{id}/edit"),
            &json!({"name": "renamed", "triggers": ["mautic.email_on_open"]}),
        ),
        200,
    );
    let h = &v["hook"];
    assert_eq!(h["name"], "renamed");
    assert_eq!(h["description"], "n8n webhook");
    assert_eq!(h["secret"], secret);
    assert_eq!(h["modifiedByUser"], USER);
    assert_eq!(
        h["triggers"],
        json!([
            "mautic.form_on_submit",
            "mautic.lead_post_save_new",
            "mautic.email_on_open"
        ])
    );
    crate::common::assert_mautic_date(&h["dateModified"]);
    // An empty PATCH answers the hook unchanged.
    let same = expect(
        &srv.send_json("PATCH", &format!("/api/hooks/{id}/edit"), &json!({})),
        200,
    );
    assert_eq!(same["hook"], *h);

    // PUT: every field; the trigger list is replaced, the rest reset.
    let v = expect(
        &srv.send_json(
            "PUT",
            &format!("/api/hooks/{id}/edit"),
            &json!({"name": "put", "webhookUrl": "http://127.0.0.1:9/b", "triggers": ["mautic.page_on_hit"]}),
        ),
        200,
    );
    let h = &v["hook"];
    assert_eq!(h["triggers"], json!(["mautic.page_on_hit"]));
    assert_eq!(h["description"], Value::Null);
    assert_eq!(h["eventsOrderbyDir"], Value::Null);
    assert_ne!(h["secret"], secret, "PUT without a secret makes a new one");

    // PUT on a missing id creates it with that id: 201 and Location.
    let a = srv.send_json(
        "PUT",
        "/api/hooks/42/edit",
        &json!({"name": "x", "webhookUrl": "http://127.0.0.1:9/x", "triggers": ["mautic.page_on_hit"]}),
    );
    assert_eq!(expect(&a, 201)["hook"]["id"], 42);
    assert!(a.header("location").unwrap().ends_with("/api/hooks/42"));
    // PATCH on a missing id is 404 and creates nothing.
    let (_, msg) = error_of(
        &srv.send_json("PATCH", "/api/hooks/43/edit", &json!({"name": "y"})),
        404,
    );
    assert_eq!(msg, "Item was not found.");
    env.fails(&["get", "43"], 1);
}

#[test]
fn lists_take_mautics_query_parameters() {
    let Some(env) = test_env() else { return };
    let srv = env.serve(&[]);
    for (name, published) in [("alpha", true), ("beta", false), ("gamma", true)] {
        let mut h = n8n_hook("http://127.0.0.1:9/l");
        h["name"] = json!(name);
        h["isPublished"] = json!(published);
        expect(&srv.send_json("POST", "/api/hooks/new", &h), 201);
    }
    let v = expect(&srv.get("/api/hooks"), 200);
    assert_eq!(v["total"], 3);
    assert_eq!(v, env.json(&["list"]), "the API lists what the CLI lists");
    let names = |v: &Value| -> Vec<String> {
        v["hooks"]
            .as_object()
            .unwrap()
            .values()
            .map(|h| h["name"].as_str().unwrap().to_owned())
            .collect()
    };
    let v = expect(
        &srv.get("/api/hooks?orderBy=name&orderByDir=DESC&limit=2"),
        200,
    );
    assert_eq!(names(&v), ["gamma", "beta"]);
    assert_eq!(v["total"], 3, "total counts every match, not the page");
    let v = expect(&srv.get("/api/hooks?orderBy=date_added&start=2"), 200);
    assert_eq!(names(&v), ["gamma"]);
    let v = expect(&srv.get("/api/hooks?publishedOnly=1"), 200);
    assert_eq!(names(&v), ["alpha", "gamma"]);
    let v = expect(&srv.get("/api/hooks?published=true&search=gam"), 200);
    assert_eq!(names(&v), ["gamma"]);
    let v = expect(
        &srv.get("/api/hooks?search=is%3Aunpublished&minimal=1"),
        200,
    );
    assert_eq!(names(&v), ["beta"]);
    let minimal = v["hooks"].as_object().unwrap().values().next().unwrap();
    assert!(
        minimal.get("dateAdded").is_none(),
        "minimal drops the publish details"
    );
    let v = expect(&srv.get("/api/hooks?orderBy=w.name"), 200);
    assert_eq!(names(&v), ["alpha", "beta", "gamma"]);

    let (_, msg) = error_of(&srv.get("/api/hooks?orderBy=secret"), 400);
    assert!(msg.starts_with("orderBy: "), "{msg}");
    let (_, msg) = error_of(&srv.get("/api/hooks?limit=abc"), 400);
    assert!(msg.starts_with("limit: "), "{msg}");
    let (_, msg) = error_of(&srv.get("/api/hooks?search=is%3Abogus"), 400);
    assert!(msg.starts_with("search: "), "{msg}");
}

#[test]
fn triggers_and_the_api_user() {
    let Some(env) = test_env() else { return };
    let srv = env.serve(&[]);
    let v = expect(&srv.get("/api/hooks/triggers"), 200);
    assert_eq!(v, env.json(&["triggers"]));
    // Mautic's 14 and hookq's own 4.
    assert_eq!(v["triggers"].as_object().unwrap().len(), 18);
    let me = expect(&srv.get("/api/users/self"), 200);
    assert_eq!(me["username"], USER);
    assert_eq!(me["isPublished"], true);
    for k in [
        "id",
        "firstName",
        "lastName",
        "email",
        "role",
        "timezone",
        "locale",
        "onlineStatus",
    ] {
        assert!(me.get(k).is_some(), "users/self lacks {k}: {me}");
    }
    assert!(me["role"]["isAdmin"].as_bool().unwrap());
}

#[test]
fn bad_requests_answer_mautic_errors_and_change_nothing() {
    let Some(env) = test_env() else { return };
    let srv = env.serve(&[]);
    let id = api_hook(&srv, "http://127.0.0.1:9/a");
    let before = env.json(&["list"]);

    // Validation: Mautic's exact 400 shape.
    let a = srv.send_json(
        "POST",
        "/api/hooks/new",
        &json!({"webhookUrl": "http://127.0.0.1:9/", "triggers": ["mautic.page_on_hit"]}),
    );
    assert_eq!(a.status, 400);
    assert_eq!(
        a.body,
        r#"{"errors":[{"code":400,"message":"name: A name is required.","details":{"name":["A name is required."]},"type":null}]}"#
    );
    let cases: Vec<(Value, &str)> = vec![
        (
            json!({"name": "x", "webhookUrl": "ftp://x", "triggers": ["mautic.page_on_hit"]}),
            "webhookUrl: ",
        ),
        (
            json!({"name": "x", "webhookUrl": "http://127.0.0.1:9/", "triggers": ["mautic.page_on_hti"]}),
            "triggers: ",
        ),
        (
            json!({"name": "x", "webhookUrl": "http://127.0.0.1:9/"}),
            "triggers: ",
        ),
        (
            json!({"name": ["x"], "webhookUrl": "http://127.0.0.1:9/", "triggers": ["mautic.page_on_hit"]}),
            "name: ",
        ),
        (
            json!({"name": "x", "webhookUrl": "http://127.0.0.1:9/", "triggers": "mautic.page_on_hit", "isPublished": "maybe"}),
            "isPublished: ",
        ),
        (
            json!({"name": "x", "webhookUrl": "http://127.0.0.1:9/", "triggers": [1]}),
            "triggers: ",
        ),
        (
            json!({"name": "x", "webhookUrl": "http://127.0.0.1:9/", "triggers": ["mautic.page_on_hit"], "category": 99}),
            "category: ",
        ),
        (
            json!({"name": "x", "webhookUrl": "http://127.0.0.1:9/", "triggers": ["mautic.page_on_hit"], "eventsOrderbyDir": "sideways"}),
            "eventsOrderbyDir: ",
        ),
        (json!(["not", "an", "object"]), "the request body"),
    ];
    for (body, prefix) in cases {
        let (code, msg) = error_of(&srv.send_json("POST", "/api/hooks/new", &body), 400);
        assert_eq!(code, 400);
        assert!(msg.starts_with(prefix), "{body}: {msg}");
    }
    let (_, msg) = error_of(
        &srv.send_json(
            "PATCH",
            &format!("/api/hooks/{id}/edit"),
            &json!({"webhookUrl": "not a url"}),
        ),
        400,
    );
    assert!(msg.starts_with("webhookUrl: "), "{msg}");

    // Malformed bodies: a JSON error, never HTML or a dropped connection.
    let raw_cases: Vec<(&str, Vec<u8>, u16)> = vec![
        ("application/json", b"{\"name\": \"trunc".to_vec(), 400),
        (
            "application/json",
            b"{\"name\": \"\xff\xfe\"}".to_vec(),
            400,
        ),
        (
            "application/json",
            format!("{}1{}", "[".repeat(5000), "]".repeat(5000)).into_bytes(),
            400,
        ),
        (
            "application/x-www-form-urlencoded",
            b"name=%ff%fe".to_vec(),
            400,
        ),
        (
            "application/x-www-form-urlencoded",
            format!("a{}=1", "[x]".repeat(100)).into_bytes(),
            400,
        ),
        ("text/xml", b"<hook/>".to_vec(), 415),
    ];
    for (ctype, body, status) in raw_cases {
        let a = srv.call("POST", "/api/hooks/new", Some((ctype, &body)));
        let (code, _) = error_of(&a, status);
        assert_eq!(code, i64::from(status));
    }
    // A 10 MB body: 413, answered from its declared length before the
    // body is sent (a client still writing would see its connection cut).
    let head = format!(
        "POST /api/hooks/new HTTP/1.1\r\nHost: x\r\nAuthorization: {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{{\"name\":",
        basic(USER, PASSWORD),
        10 << 20
    );
    let answer = srv.raw(head.as_bytes(), Duration::from_secs(10));
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    assert!(
        answer.contains(r#""code":413"#) && answer.contains("larger than"),
        "{answer}"
    );

    // Routes and methods.
    let (_, msg) = error_of(&srv.get("/api/hooks/abc"), 404);
    assert_eq!(msg, "Item was not found.");
    error_of(&srv.get("/api/hooks/999"), 404);
    error_of(&srv.get("/api/nothing"), 404);
    error_of(&srv.call("DELETE", "/api/hooks/999/delete", None), 404);
    let (code, _) = error_of(&srv.call("POST", "/api/hooks/1", None), 405);
    assert_eq!(code, 405);
    error_of(&srv.call("GET", "/api/hooks/new", None), 405);

    assert_eq!(
        env.json(&["list"]),
        before,
        "a refused request changed the database"
    );
}

#[test]
fn batch_endpoints_answer_per_item() {
    let Some(env) = test_env() else { return };
    let srv = env.serve(&[]);
    let items = json!([
        n8n_hook("http://127.0.0.1:9/1"),
        {"name": "", "webhookUrl": "http://127.0.0.1:9/2", "triggers": ["mautic.page_on_hit"]},
        n8n_hook("http://127.0.0.1:9/3"),
    ]);
    let v = expect(&srv.send_json("POST", "/api/hooks/batch/new", &items), 201);
    assert_eq!(v["statusCodes"], json!([201, 400, 201]));
    let hooks = v["hooks"]
        .as_object()
        .expect("keyed by index, item 1 missing");
    assert_eq!(hooks.keys().collect::<Vec<_>>(), ["0", "2"]);
    assert_eq!(v["errors"]["1"]["code"], 400);
    assert_eq!(v["errors"]["1"]["type"], "api");
    assert!(
        v["errors"]["1"]["message"]
            .as_str()
            .unwrap()
            .starts_with("name: ")
    );
    let (a, b) = (
        hooks["0"]["id"].as_i64().unwrap(),
        hooks["2"]["id"].as_i64().unwrap(),
    );
    assert_eq!(env.json(&["list"])["total"], 2);

    // Edit: PATCH needs existing ids; PUT creates the missing one.
    let edits = json!([{"id": a, "name": "A"}, {"id": 77, "name": "Z"}, {"name": "no id"}]);
    let v = expect(
        &srv.send_json("PATCH", "/api/hooks/batch/edit", &edits),
        200,
    );
    assert_eq!(v["statusCodes"], json!([200, 404, 400]));
    assert_eq!(v["hooks"], json!([v["hooks"][0].clone()]));
    assert_eq!(v["hooks"][0]["name"], "A");
    let puts = json!([{"id": 77, "name": "Z", "webhookUrl": "http://127.0.0.1:9/z", "triggers": ["mautic.page_on_hit"]}]);
    let v = expect(&srv.send_json("PUT", "/api/hooks/batch/edit", &puts), 200);
    assert_eq!(v["statusCodes"], json!([201]));
    assert!(v.get("errors").is_none());
    assert_eq!(env.json(&["get", "77"])["hook"]["name"], "Z");

    // Delete: both spellings of ids; the answer keeps the ids.
    let v = expect(
        &srv.call(
            "DELETE",
            &format!("/api/hooks/batch/delete?ids={a},999"),
            None,
        ),
        200,
    );
    assert_eq!(v["statusCodes"], json!([200, 404]));
    assert_eq!(v["hooks"][0]["id"], a);
    let v = expect(
        &srv.call(
            "DELETE",
            &format!("/api/hooks/batch/delete?ids%5B0%5D={b}&ids%5B1%5D=77"),
            None,
        ),
        200,
    );
    assert_eq!(v["statusCodes"], json!([200, 200]));
    assert_eq!(env.json(&["list"])["total"], 0);

    // Mautic's batch limit.
    let many: Vec<Value> = (0..201).map(|_| json!({})).collect();
    let (_, msg) = error_of(
        &srv.send_json("POST", "/api/hooks/batch/new", &json!(many)),
        400,
    );
    assert!(msg.contains("200"), "{msg}");
    error_of(&srv.call("DELETE", "/api/hooks/batch/delete", None), 400);
}

#[test]
fn api_and_cli_write_at_once() {
    let Some(env) = test_env() else { return };
    let srv = env.serve(&[]);
    std::thread::scope(|s| {
        let api = s.spawn(|| {
            for i in 0..15 {
                let mut h = n8n_hook("http://127.0.0.1:9/api");
                h["name"] = json!(format!("api {i}"));
                expect(&srv.send_json("POST", "/api/hooks/new", &h), 201);
            }
        });
        let cli = s.spawn(|| {
            for i in 0..15 {
                env.create(&format!("cli {i}"), &["mautic.page_on_hit"]);
            }
        });
        api.join().unwrap();
        cli.join().unwrap();
    });
    let v = expect(&srv.get("/api/hooks?limit=0"), 200);
    assert_eq!(v["total"], 30);
    assert_eq!(v["hooks"].as_object().unwrap().len(), 30);
    let by: Vec<&str> = v["hooks"]
        .as_object()
        .unwrap()
        .values()
        .map(|h| h["createdByUser"].as_str().unwrap())
        .collect();
    assert_eq!(by.iter().filter(|u| **u == USER).count(), 15);
    assert_eq!(by.iter().filter(|u| **u == "tester").count(), 15);
}

#[test]
fn no_auth_on_loopback_writes_as_the_server_user() {
    let Some(env) = test_env() else { return };
    let srv = env.serve(&["--no-auth"]);
    let a = srv.call_as(
        None,
        "POST",
        "/api/hooks/new",
        Some((
            "application/json",
            n8n_hook("http://127.0.0.1:9/n").to_string().as_bytes(),
        )),
    );
    assert_eq!(expect(&a, 201)["hook"]["createdByUser"], "tester");
}

#[test]
fn a_slow_client_is_dropped_and_others_are_served() {
    let Some(env) = test_env() else { return };
    let srv = env.serve(&["--header-timeout", "1s"]);
    // Half a request's headers, then silence: the server must hang up
    // (the read waits far longer than the 1 s allowed).
    let (answer, closed) = srv.raw_until_closed(
        b"GET /api/hooks HTTP/1.1\r\nHost: x\r\n",
        Duration::from_secs(15),
    );
    assert!(closed, "the server kept a silent client's connection open");
    assert!(!answer.contains("200 OK"), "{answer}");
    // Meanwhile and after, others are served.
    expect(&srv.get("/api/hooks"), 200);
}

#[test]
fn sigterm_finishes_the_request_in_flight_and_exits_0() {
    use std::io::{Read, Write};
    let Some(env) = test_env() else { return };
    let mut srv = env.serve(&[]);
    let body = n8n_hook("http://127.0.0.1:9/t").to_string();
    let head = format!(
        "POST /api/hooks/new HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        basic(USER, PASSWORD),
        body.len()
    );
    let mut s = std::net::TcpStream::connect(("127.0.0.1", srv.port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    s.write_all(head.as_bytes()).unwrap();
    s.write_all(&body.as_bytes()[..10]).unwrap();
    std::thread::sleep(Duration::from_millis(300));
    srv.signal("-TERM");
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(
        srv.wait_exit(Duration::from_millis(10)),
        None,
        "exited with a request in flight"
    );
    s.write_all(&body.as_bytes()[10..]).unwrap();
    let mut answer = String::new();
    let _ = s.read_to_string(&mut answer);
    assert!(answer.starts_with("HTTP/1.1 201"), "{answer}");
    assert_eq!(
        srv.wait_exit(Duration::from_secs(10)),
        Some(0),
        "{}",
        srv.log()
    );
    assert_eq!(
        env.json(&["list"])["total"],
        1,
        "the request's write landed"
    );
}

#[test]
fn metrics_count_requests_and_the_queue() {
    let Some(env) = test_env() else { return };
    let srv = env.serve(&[]);
    let id = env.hook("http://127.0.0.1:9/m", &["mautic.page_on_hit"], &[]);
    env.emit("mautic.page_on_hit", "{}");
    env.emit("mautic.page_on_hit", "{}");
    expect(&srv.get(&format!("/api/hooks/{id}")), 200);
    let m = srv.call_as(None, "GET", "/metrics", None);
    assert_eq!(m.status, 200);
    assert!(m.header("content-type").unwrap().contains("openmetrics"));
    assert!(m.body.contains("hookq_queue_events 2"), "{}", m.body);
    assert!(m.body.contains("hookq_dead_events 0"), "{}", m.body);
    assert!(m.body.contains("hookq_dead_batches_total 0"), "{}", m.body);
    assert!(
        m.body.contains(r#"hookq_http_request_duration_seconds_count{method="GET",route="/api/hooks/{id}",status="200"} 1"#),
        "{}",
        m.body
    );
}

#[test]
fn where_and_order_filter_the_list_as_the_query_builder_sends_them() {
    let Some(env) = test_env() else { return };
    let srv = env.serve(&[]);
    let mut ids = Vec::new();
    for (name, published, desc) in [
        ("alpha", true, ""),
        ("beta", false, "b"),
        ("alphabet", true, "c"),
    ] {
        let mut h = n8n_hook("http://127.0.0.1:9/w");
        h["name"] = json!(name);
        h["isPublished"] = json!(published);
        h["description"] = json!(desc);
        ids.push(
            expect(&srv.send_json("POST", "/api/hooks/new", &h), 201)["hook"]["id"]
                .as_i64()
                .unwrap(),
        );
    }
    let names = |q: &str| -> Vec<String> {
        let v = expect(&srv.get(&format!("/api/hooks?{q}")), 200);
        v["hooks"]
            .as_object()
            .unwrap()
            .values()
            .map(|h| h["name"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(
        names(
            "where%5B0%5D%5Bcol%5D=name&where%5B0%5D%5Bexpr%5D=like&where%5B0%5D%5Bval%5D=alpha%25"
        ),
        ["alpha", "alphabet"]
    );
    assert_eq!(
        names("where[0][col]=isPublished&where[0][expr]=eq&where[0][val]=0"),
        ["beta"]
    );
    assert_eq!(
        names(&format!(
            "where[0][col]=id&where[0][expr]=in&where[0][val][]={}&where[0][val][]={}",
            ids[0], ids[2]
        )),
        ["alpha", "alphabet"]
    );
    assert_eq!(
        names("where[0][col]=description&where[0][expr]=isEmpty"),
        ["alpha"]
    );
    assert_eq!(
        names(&format!(
            "where[0][col]=id&where[0][expr]=between&where[0][val][0]={}&where[0][val][1]={}",
            ids[1], ids[2]
        )),
        ["beta", "alphabet"]
    );
    assert_eq!(
        names("where[0][col]=dateAdded&where[0][expr]=gt&where[0][val]=2000-01-01"),
        ["alpha", "beta", "alphabet"]
    );
    assert_eq!(
        names(
            "where[0][expr]=orX&where[0][val][0][col]=name&where[0][val][0][expr]=eq&where[0][val][0][val]=beta\
               &where[0][val][1][col]=w.name&where[0][val][1][expr]=eq&where[0][val][1][val]=alpha"
        ),
        ["alpha", "beta"]
    );
    // Two filters both hold; order[] replaces orderBy.
    assert_eq!(
        names(
            "where[0][col]=name&where[0][expr]=notLike&where[0][val]=beta&where[1][col]=isPublished&where[1][expr]=eq&where[1][val]=1&order[0][col]=name&order[0][dir]=DESC"
        ),
        ["alphabet", "alpha"]
    );
    // Columns are checked against the allow-list; values against the column.
    for bad in [
        "where[0][col]=secret&where[0][expr]=eq&where[0][val]=x",
        "where[0][col]=id&where[0][expr]=eq&where[0][val]=one",
        "where[0][col]=id&where[0][expr]=drop&where[0][val]=1",
        "where[0][col]=id&where[0][expr]=between&where[0][val]=1",
        "where=1",
        "order[0][col]=secret",
    ] {
        let (_, msg) = error_of(&srv.get(&format!("/api/hooks?{bad}")), 400);
        assert!(
            msg.starts_with("where: ") || msg.starts_with("order: "),
            "{bad}: {msg}"
        );
    }
}

#[test]
fn deliver_beside_cron_process_sends_each_batch_once() {
    use crate::common::receiver::{Receiver, Reply};
    let Some(env) = test_env() else { return };
    let rx = Receiver::start(Reply::slow(Duration::from_millis(5), 200));
    let paths: Vec<String> = (0..3).map(|i| format!("/d{i}")).collect();
    for p in &paths {
        env.hook(&rx.url(p), &["mautic.page_on_hit"], &[]);
    }
    let srv = env.serve(&["--deliver"]);
    let total: usize = 120;
    std::thread::scope(|s| {
        s.spawn(|| {
            for n in 0..total {
                env.emit("mautic.page_on_hit", &format!(r#"{{"n":{n}}}"#))
                    .expect("stored");
            }
        });
        // Cron runs of process at the same time as the server's engine.
        s.spawn(|| {
            for _ in 0..6 {
                env.ok(&["process", "--limit", "3"]);
                std::thread::sleep(Duration::from_millis(40));
            }
        });
    });
    // Then events only the server's engine is there to deliver.
    for n in total..total + 10 {
        env.emit("mautic.page_on_hit", &format!(r#"{{"n":{n}}}"#))
            .expect("stored");
    }
    let total = total + 10;
    let events_of = |r: &crate::common::receiver::Request| -> Vec<i64> {
        r.json()["mautic.page_on_hit"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["n"].as_i64().unwrap())
            .collect()
    };
    let expected = total * paths.len();
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    while rx
        .requests()
        .iter()
        .map(|r| events_of(r).len())
        .sum::<usize>()
        < expected
        && std::time::Instant::now() < deadline
    {
        std::thread::sleep(Duration::from_millis(50));
    }
    let reqs = rx.requests();
    let mut ids: Vec<&str> = reqs
        .iter()
        .map(|r| r.header("Webhook-Id").unwrap())
        .collect();
    let n = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), n, "a Webhook-Id was sent twice");
    // Every subscriber got every event once, in order.
    for p in &paths {
        let got: Vec<i64> = reqs
            .iter()
            .filter(|r| r.path == *p)
            .flat_map(events_of)
            .collect();
        let want: Vec<i64> = (0..total as i64).collect();
        assert_eq!(got, want, "{p}");
    }
    assert_eq!(env.queue_len(None), 0);
    // The server's own engine took part. It counts a run's deliveries
    // when the run ends, which may be a moment after the receiver got
    // the last request: look for up to 10 s.
    let counted = || {
        let m = srv.call_as(None, "GET", "/metrics", None).body;
        let n: u64 = m
            .lines()
            .find(|l| l.starts_with(r#"hookq_deliveries_total{outcome="delivered"}"#))
            .and_then(|l| l.rsplit(' ').next())
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        (n, m)
    };
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    let (mut delivered, mut m) = counted();
    while delivered == 0 && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
        (delivered, m) = counted();
    }
    assert!(delivered > 0, "the server delivered nothing: {m}");
}

#[test]
fn events_route_records_as_emit_does() {
    use crate::common::receiver::Receiver;
    let Some(env) = test_env() else { return };
    let rx = Receiver::ok();
    let a = env.hook(&rx.url("/a"), &["mautic.page_on_hit"], &[]);
    let b = env.hook(
        &rx.url("/b"),
        &["mautic.page_on_hit", "mautic.form_on_submit"],
        &[],
    );
    let srv = env.serve(&[]);
    // One event: what `emit --json` prints.
    let v = expect(
        &srv.send_json(
            "POST",
            "/api/hookq/events",
            &json!({"type": "mautic.page_on_hit", "payload": {"url": "/x"}}),
        ),
        200,
    );
    assert_eq!(v["event"]["type"], "mautic.page_on_hit");
    assert_eq!(v["webhooks"], json!([a, b]));
    let id = v["event"]["id"].as_i64().unwrap();
    let cli = env.json(&["emit", "mautic.page_on_hit", "--payload", r#"{"url":"/y"}"#]);
    assert_eq!(
        cli["event"]["id"],
        id + 1,
        "API and CLI share the id sequence"
    );
    // Nobody subscribed: nothing stored.
    let v = expect(
        &srv.send_json(
            "POST",
            "/api/hookq/events",
            &json!({"type": "mautic.email_on_open"}),
        ),
        200,
    );
    assert_eq!(v, json!({"event": null, "webhooks": []}));
    // NDJSON: one transaction, `emit --ndjson --json`'s answer.
    let nd = "{\"type\":\"mautic.form_on_submit\",\"payload\":{\"n\":1}}\n\n{\"type\":\"mautic.page_on_hit\"}\n{\"type\":\"mautic.email_on_open\"}\n";
    let v = expect(
        &srv.call(
            "POST",
            "/api/hookq/events",
            Some(("application/x-ndjson", nd.as_bytes())),
        ),
        200,
    );
    assert_eq!(
        v,
        json!({"lines": 4, "events": 2, "deliveries": 3, "unsubscribed": 1, "duplicates": 0})
    );
    assert_eq!(env.queue_len(Some(a)), 3);
    assert_eq!(env.queue_len(Some(b)), 4);

    // Refusals name the problem and store nothing.
    let before = env.json(&["queue", "list", "--limit", "0"]);
    let bad_nd = "{\"type\":\"mautic.page_on_hit\"}\n{\"type\":\"mautic.page_on_hti\"}\n";
    let (_, msg) = error_of(
        &srv.call(
            "POST",
            "/api/hookq/events",
            Some(("application/x-ndjson", bad_nd.as_bytes())),
        ),
        400,
    );
    assert!(
        msg.contains("line 2") && msg.contains("nothing was stored"),
        "{msg}"
    );
    for bad in [
        json!({"type": "mautic.page_on_hti"}),
        json!({"type": "mautic.page_on_hit", "payload": [1]}),
        json!({"payload": {}}),
        json!({"type": "mautic.page_on_hit", "extra": 1}),
    ] {
        let (code, msg) = error_of(&srv.send_json("POST", "/api/hookq/events", &bad), 400);
        assert_eq!(code, 400);
        assert!(msg.starts_with("event: "), "{bad}: {msg}");
    }
    env.ok(&["config", "set", "max_payload_bytes", "100"]);
    // The server reads settings again within a second.
    std::thread::sleep(Duration::from_millis(1100));
    let big = json!({"type": "mautic.page_on_hit", "payload": {"x": "y".repeat(200)}});
    error_of(&srv.send_json("POST", "/api/hookq/events", &big), 400);
    assert_eq!(env.json(&["queue", "list", "--limit", "0"]), before);
}

#[test]
fn immediate_mode_delivers_events_recorded_through_the_api() {
    use crate::common::receiver::Receiver;
    let Some(env) = test_env() else { return };
    let rx = Receiver::ok();
    env.hook(&rx.url("/i"), &["mautic.page_on_hit"], &[]);
    env.ok(&["config", "set", "queue_mode", "immediate"]);
    let srv = env.serve(&[]);
    expect(
        &srv.send_json(
            "POST",
            "/api/hookq/events",
            &json!({"type": "mautic.page_on_hit", "payload": {"n": 1}}),
        ),
        200,
    );
    assert!(rx.wait_for(1, Duration::from_secs(10)), "not delivered");
    let r = &rx.requests()[0];
    assert_eq!(r.json()["mautic.page_on_hit"][0]["n"], 1);
}

/// Issue 23: with `block_private_addresses = false` (the default) any API
/// user could make the test route POST to a service on the host and read
/// back the start of its answer. A receiver at a loopback or private
/// address now answers the API with its status and time only, unless an
/// admin sets `api_test_echo_private`; the CLI's `test` still shows it.
#[test]
fn regression_the_test_route_does_not_echo_private_services() {
    use crate::common::receiver::{Receiver, Reply};
    let Some(env) = test_env() else { return };
    let secret_body = "internal-token=s3cr3t-from-the-admin-service";
    let rx = Receiver::start(Reply::Status(500, vec![], secret_body.into()));
    let id = env.hook(&rx.url("/admin"), &["mautic.form_on_submit"], &[]);
    let srv = env.serve(&[]);
    let test = || {
        expect(
            &srv.send_json("POST", &format!("/api/hookq/hooks/{id}/test"), &json!({})),
            200,
        )
    };
    let v = test();
    assert_eq!(v["statusCode"], "500");
    assert!(v["runtime"].is_number());
    assert_eq!(v["response"], "");
    let note = v["note"].as_str().unwrap();
    assert!(!note.contains("s3cr3t"), "{note}");
    assert!(note.contains("api_test_echo_private"), "{note}");
    // A 2xx body is not shown either.
    rx.set_default(Reply::Status(200, vec![], secret_body.into()));
    let v = test();
    assert_eq!((v["ok"].clone(), v["response"].clone()), (json!(true), json!("")));
    assert!(!v.to_string().contains("s3cr3t"));
    // The CLI is the admin's own: it shows the body.
    let out = env.json(&["test", &id.to_string()]);
    assert!(out.to_string().contains("s3cr3t"), "{out}");
    // An admin may allow it.
    env.ok(&["config", "set", "api_test_echo_private", "true"]);
    std::thread::sleep(Duration::from_millis(1100));
    let v = test();
    assert_eq!(v["response"], secret_body);
}

/// Issue 23: the API stored a 3 MB URL, a 2 MB secret, an 8 MB
/// description and a secret with NUL (a 500 on PostgreSQL). Each is a 400
/// naming the field, on every hook route, and nothing is written.
#[test]
fn regression_oversized_fields_are_refused_by_the_api() {
    let Some(env) = test_env() else { return };
    let srv = env.serve(&[]);
    let id = env.create("existing", &["mautic.form_on_submit"]);
    let before = expect(&srv.get("/api/hooks"), 200);
    let good = json!({"name": "n", "webhookUrl": "http://127.0.0.1:9/x", "triggers": ["mautic.form_on_submit"]});
    let with = |k: &str, v: Value| {
        let mut b = good.clone();
        b[k] = v;
        b
    };
    let cases = [
        ("webhookUrl", with("webhookUrl", json!(format!("http://example.com/{}", "a".repeat(3 << 20))))),
        ("webhookUrl", with("webhookUrl", json!(format!("http://example.com/{}", "a".repeat(237))))),
        ("secret", with("secret", json!("s".repeat(2 << 20)))),
        ("secret", with("secret", json!("s".repeat(256)))),
        ("secret", with("secret", json!("abc\u{0}def"))),
        ("secret", with("secret", json!("line\nbreak"))),
        ("description", with("description", json!("d".repeat(65_536)))),
    ];
    for (field, body) in &cases {
        for (method, path) in [
            ("POST", String::from("/api/hooks/new")),
            ("PATCH", format!("/api/hooks/{id}/edit")),
            ("PUT", format!("/api/hooks/{id}/edit")),
        ] {
            let a = srv.send_json(method, &path, body);
            let (code, message) = error_of(&a, 400);
            assert_eq!(code, 400);
            assert!(message.starts_with(&format!("{field}: ")), "{method} {path}: {message}");
            assert!(message.len() < 400, "{message}");
            assert!(!a.body.contains("abc"), "the secret was echoed: {}", a.body);
        }
        let batch = srv.send_json("POST", "/api/hooks/batch/new", &json!([body]));
        assert!(
            batch.body.contains(&format!("{field}: ")) && !batch.body.contains("\"id\":2"),
            "{}",
            &batch.body[..batch.body.len().min(300)]
        );
    }
    // Form-encoded, as the PHP client sends it.
    let form = format!(
        "name=n&webhookUrl=http%3A%2F%2Fx%2F&secret={}&triggers%5B%5D=mautic.form_on_submit",
        "s".repeat(300)
    );
    let (_, message) = error_of(&srv.send_form("POST", "/api/hooks/new", &form), 400);
    assert!(message.starts_with("secret: "), "{message}");
    assert_eq!(expect(&srv.get("/api/hooks"), 200), before, "something was written");
}

/// Issue 23: `start` >= 2^63 answered 500 (both backends), `limit` >= 2^63
/// too on PostgreSQL, and the CLI exited 1 with `datatype mismatch`; a PUT
/// to `/api/hooks/99999999999999999999/edit` was a 404 while one to
/// `…/999999999999999999/edit` was a 400. Each is one 400 naming the
/// parameter (exit 2 on the CLI); the two PUTs one answer naming the id
/// (a 404 since issue 24).
#[test]
fn regression_numbers_past_64_bits_are_refused_by_name() {
    let Some(env) = test_env() else { return };
    let srv = env.serve(&[]);
    env.create("a", &["mautic.form_on_submit"]);
    for q in [
        "start=9223372036854775808",
        "limit=9223372036854775808",
        "start=18446744073709551616",
        "limit=99999999999999999999999",
    ] {
        let param = q.split('=').next().unwrap();
        let (_, message) = error_of(&srv.get(&format!("/api/hooks?{q}")), 400);
        assert!(message.starts_with(&format!("{param}: ")), "{q}: {message}");
        for route in ["/api/hookq/queue", "/api/hookq/logs"] {
            if param == "limit" {
                let (_, message) = error_of(&srv.get(&format!("{route}?{q}")), 400);
                assert!(message.starts_with("limit: "), "{route}?{q}: {message}");
            }
        }
    }
    // The largest that fits is a page past the end.
    let v = expect(&srv.get("/api/hooks?start=9223372036854775807&limit=9223372036854775807"), 200);
    assert_eq!(v["hooks"], json!({}));
    let body = json!({"name": "n", "webhookUrl": "http://127.0.0.1:9/", "triggers": ["mautic.form_on_submit"]});
    // Both alike and naming the id; a 404 since issue 24 (the same PUT
    // replaces a webhook that has such an id, one POST made after a PUT
    // took the top id, so the refusal says no webhook has it and PUT
    // does not create it; the OpenAPI document says so).
    let (_, small) = error_of(&srv.send_json("PUT", "/api/hooks/999999999999999999/edit", &body), 404);
    let (_, huge) = error_of(&srv.send_json("PUT", "/api/hooks/99999999999999999999/edit", &body), 404);
    assert!(small.starts_with("id: ") && huge.starts_with("id: "), "{small} / {huge}");
    assert_eq!(
        small.replace("999999999999999999", "N"),
        huge.replace("99999999999999999999", "N")
    );
    assert!(huge.contains("POST /api/hooks/new"), "the API's words: {huge}");
    // Reading or patching a webhook that cannot exist is still a 404.
    error_of(&srv.get("/api/hooks/99999999999999999999"), 404);
    error_of(&srv.send_json("PATCH", "/api/hooks/99999999999999999999/edit", &body), 404);
    for (args, flag) in [
        (vec!["list", "--start", "9223372036854775808"], "--start"),
        (vec!["list", "--limit", "9223372036854775808"], "--limit"),
        (vec!["logs", "--limit", "18446744073709551616"], "--limit"),
    ] {
        let err = env.rejected(&args, 2);
        assert!(err.contains(flag) && err.contains("9223372036854775807"), "{err}");
    }
    let out = env.json(&["list", "--start", "9223372036854775807"]);
    assert_eq!(out["hooks"], json!({}));
}

/// Issue 23: API errors named CLI flags (`add --regenerate-secret, or
/// --secret whsec_…`) and there was no way to regenerate a secret over
/// the API. The API says it in its own words, and `"secret": ""` on PATCH
/// makes a new secret, as on create.
#[test]
fn regression_api_errors_speak_the_apis_words() {
    let Some(env) = test_env() else { return };
    let srv = env.serve(&[]);
    let id = env.create("a", &["mautic.form_on_submit"]);
    let edit = format!("/api/hooks/{id}/edit");
    let cases = [
        ("PATCH", json!({"signing": "standard"})),
        ("PATCH", json!({"triggers": ["no.such.type.at.all.xyz"]})),
        ("PATCH", json!({"category": 99})),
        ("PUT", json!({"name": "n"})),
        ("PUT", json!({"name": "n", "webhookUrl": "http://127.0.0.1:9/"})),
    ];
    for (method, body) in &cases {
        let a = srv.send_json(method, &edit, body);
        let (_, message) = error_of(&a, 400);
        for cli in ["--", "hookq ", "`hookq"] {
            assert!(!a.body.contains(cli), "{method} {body}: {}", a.body);
        }
        assert!(!message.is_empty());
    }
    let (_, m) = error_of(&srv.send_json("PATCH", &edit, &json!({"signing": "standard"})), 400);
    assert!(m.contains(r#""secret": """#), "{m}");
    // The CLI keeps its own words.
    let err = env.fails(&["edit", &id.to_string(), "--signing", "standard"], 2);
    assert!(err.contains("--regenerate-secret"), "{err}");

    // "secret": "" regenerates, with the signing it comes with.
    let before = expect(&srv.get(&format!("/api/hooks/{id}")), 200)["hook"]["secret"].clone();
    let v = expect(&srv.send_json("PATCH", &edit, &json!({"secret": ""})), 200);
    let after = v["hook"]["secret"].as_str().unwrap().to_owned();
    assert_ne!(json!(after), before);
    assert_eq!(after.len(), 64, "{after}");
    let v = expect(
        &srv.send_json("PATCH", &edit, &json!({"secret": "", "signing": "standard"})),
        200,
    );
    assert!(v["hook"]["secret"].as_str().unwrap().starts_with("whsec_"), "{v}");
    // A PATCH without the key leaves the secret alone.
    let kept = v["hook"]["secret"].clone();
    let v = expect(&srv.send_json("PATCH", &edit, &json!({"name": "renamed"})), 200);
    assert_eq!(v["hook"]["secret"], kept);
}

/// Issue 23: on PostgreSQL a NUL in `search`, `where[..][val]` or
/// `logs?batch=`, or a trailing `\` in a `like` value, answered 500
/// (SQLite 200). Both backends now answer alike: a 400 naming the
/// parameter for NUL, a literal match for the backslash.
#[test]
fn regression_nul_and_backslashes_answer_alike_on_both_backends() {
    let Some(env) = test_env() else { return };
    let srv = env.serve(&[]);
    env.create("back\\slash", &["mautic.form_on_submit"]);
    env.create("ends with\\", &["mautic.form_on_submit"]);
    env.create("plain", &["mautic.form_on_submit"]);
    for (q, param) in [
        ("/api/hooks?search=a%00b", "search"),
        ("/api/hooks?search=%00", "search"),
        ("/api/hooks?where%5B0%5D%5Bcol%5D=name&where%5B0%5D%5Bexpr%5D=eq&where%5B0%5D%5Bval%5D=a%00", "where"),
        ("/api/hooks?where%5B0%5D%5Bcol%5D=name&where%5B0%5D%5Bexpr%5D=like&where%5B0%5D%5Bval%5D=%25%00", "where"),
        ("/api/hooks?where%5B0%5D%5Bcol%5D=id&where%5B0%5D%5Bexpr%5D=in&where%5B0%5D%5Bval%5D%5B%5D=1&where%5B0%5D%5Bval%5D%5B%5D=%00", "where"),
        ("/api/hookq/logs?batch=abc%00", "batch"),
    ] {
        let (_, message) = error_of(&srv.get(q), 400);
        assert!(message.starts_with(&format!("{param}: ")), "{q}: {message}");
    }
    let names = |q: &str| -> Vec<String> {
        let v = expect(&srv.get(q), 200);
        let mut n: Vec<String> = v["hooks"]
            .as_object()
            .unwrap()
            .values()
            .map(|h| h["name"].as_str().unwrap().to_owned())
            .collect();
        n.sort();
        n
    };
    let like = |pattern: &str| {
        format!("/api/hooks?where%5B0%5D%5Bcol%5D=name&where%5B0%5D%5Bexpr%5D=like&where%5B0%5D%5Bval%5D={pattern}")
    };
    // A backslash is itself: no escape character, trailing or not.
    assert_eq!(names(&like("%25%5C")), ["ends with\\"]);
    assert_eq!(names(&like("%25k%5Cs%25")), ["back\\slash"]);
    assert_eq!(names(&like("%5C%25")), Vec::<String>::new());
    // The search's free text takes a backslash as itself too.
    assert_eq!(names("/api/hooks?search=k%5Cs"), ["back\\slash"]);
}

/// Issue 23: Mautic's search takes a `!` prefix (`!is:published`); hookq
/// read it as name text and found nothing. Every term can be negated.
#[test]
fn regression_search_terms_can_be_negated() {
    let Some(env) = test_env() else { return };
    let srv = env.serve(&[]);
    let a = env.create("alpha", &["mautic.form_on_submit"]);
    let b = env.create("beta", &["mautic.form_on_submit"]);
    let c = env.create("gamma", &["mautic.form_on_submit"]);
    env.ok(&["category", "create", "--title", "Sales"]);
    env.ok(&["edit", &a.to_string(), "--category", "1"]);
    env.ok(&["edit", &b.to_string(), "--unpublish"]);
    let ids = |search: &str| -> Vec<i64> {
        let q: String = form_urlencoded::byte_serialize(search.as_bytes()).collect();
        let v = expect(&srv.get(&format!("/api/hooks?search={q}")), 200);
        let mut ids: Vec<i64> = v["hooks"]
            .as_object()
            .unwrap()
            .keys()
            .map(|k| k.parse().unwrap())
            .collect();
        ids.sort();
        // The CLI finds the same.
        let cli = env.json(&["list", "--search", search]);
        let mut cli_ids: Vec<i64> = cli["hooks"].as_object().unwrap().keys().map(|k| k.parse().unwrap()).collect();
        cli_ids.sort();
        assert_eq!(ids, cli_ids, "{search}");
        ids
    };
    assert_eq!(ids("is:published"), [a, c]);
    assert_eq!(ids("!is:published"), [b]);
    assert_eq!(ids("!is:unpublished"), [a, c]);
    assert_eq!(ids("!category:sales"), [b, c], "uncategorized ones are not in sales");
    assert_eq!(ids("!is:uncategorized"), [a]);
    assert_eq!(ids(&format!("!ids:{a},{b}")), [c]);
    assert_eq!(ids("!alpha"), [b, c]);
    assert_eq!(ids("!alpha !is:published"), [b]);
    let (_, m) = error_of(&srv.get("/api/hooks?search=%21"), 400);
    assert!(m.starts_with("search: "), "{m}");
}

/// Issue 23: `Content-Encoding: gzip` on a JSON body was ignored (the
/// body read as plain JSON). A coding the server does not decode is a 415.
#[test]
fn regression_a_content_encoding_is_refused() {
    let Some(env) = test_env() else { return };
    let srv = env.serve(&[]);
    let body = br#"{"name":"n","webhookUrl":"http://127.0.0.1:9/","triggers":["mautic.form_on_submit"]}"#;
    for coding in ["gzip", "deflate", "br", "GZIP", "identity, gzip"] {
        for (method, path) in [
            ("POST", "/api/hooks/new"),
            ("POST", "/api/hookq/events"),
            ("PATCH", "/api/hooks/1/edit"),
        ] {
            let a = srv.call_with(
                Some(&basic(USER, PASSWORD)),
                &[("Content-Encoding", coding)],
                method,
                path,
                Some(("application/json", body)),
            );
            let (code, message) = error_of(&a, 415);
            assert_eq!(code, 415);
            assert!(message.contains("Content-Encoding"), "{message}");
        }
    }
    assert_eq!(env.json(&["list"])["total"], 0, "nothing was written");
    // identity is no coding at all.
    let a = srv.call_with(
        Some(&basic(USER, PASSWORD)),
        &[("Content-Encoding", "identity")],
        "POST",
        "/api/hooks/new",
        Some(("application/json", body)),
    );
    expect(&a, 201);
}

#[test]
fn test_queue_and_logs_routes_answer_as_the_cli() {
    use crate::common::receiver::{Receiver, Reply};
    let Some(env) = test_env() else { return };
    let rx = Receiver::start(Reply::status(503));
    let id = env.hook(&rx.url("/t"), &["mautic.form_on_submit"], &[]);
    let srv = env.serve(&[]);
    // Send Test Payload: one signed request, nothing queued or logged.
    let v = expect(
        &srv.send_json("POST", &format!("/api/hookq/hooks/{id}/test"), &json!({})),
        200,
    );
    assert_eq!(v["ok"], false);
    assert_eq!(v["statusCode"], "503");
    assert_eq!(v["triggers"], json!(["mautic.form_on_submit"]));
    assert!(v["webhookId"].as_str().unwrap().starts_with("test-"));
    assert_eq!(rx.count(), 1);
    assert!(rx.requests()[0].header("Webhook-Signature").is_some());
    rx.set_default(Reply::status(200));
    let v = expect(
        &srv.send_json(
            "POST",
            &format!("/api/hookq/hooks/{id}/test"),
            &json!({"triggers": ["mautic.page_on_hit"], "payload": {"custom": true}}),
        ),
        200,
    );
    assert_eq!(v["ok"], true);
    assert_eq!(
        rx.requests()[1].json()["mautic.page_on_hit"][0]["custom"],
        true
    );
    error_of(
        &srv.send_json("POST", "/api/hookq/hooks/999/test", &json!({})),
        404,
    );
    assert_eq!(env.queue_len(None), 0);

    // Queue and logs: the CLI's --json documents.
    rx.set_default(Reply::status(500));
    env.emit("mautic.form_on_submit", "{}");
    env.emit("mautic.form_on_submit", "{}");
    env.ok(&["process"]);
    let q = expect(&srv.get("/api/hookq/queue"), 200);
    assert_eq!(q, env.json(&["queue", "list"]));
    assert_eq!(q["total"], 2);
    let q = expect(
        &srv.get(&format!("/api/hookq/queue?webhookId={id}&limit=1")),
        200,
    );
    assert_eq!(q["events"].as_array().unwrap().len(), 1);
    let s = expect(&srv.get("/api/hookq/queue/stats"), 200);
    assert_eq!(s, env.json(&["queue", "stats"]));
    let l = expect(&srv.get("/api/hookq/logs"), 200);
    assert_eq!(l, env.json(&["logs"]));
    assert_eq!(l["logs"][0]["statusCode"], "500");
    let l = expect(
        &srv.get(&format!("/api/hookq/logs?webhookId={id}&failed=1")),
        200,
    );
    assert_eq!(l["total"], 1);
    let batch = l["logs"][0]["batchId"].as_str().unwrap().to_owned();
    for (query, total) in [
        ("status=500".to_owned(), 1),
        ("status=200".to_owned(), 0),
        ("since=1h".to_owned(), 1),
        (format!("batch={batch}"), 1),
    ] {
        let l = expect(&srv.get(&format!("/api/hookq/logs?{query}")), 200);
        assert_eq!(l["total"], total, "{query}: {l}");
    }
    error_of(&srv.get("/api/hookq/logs?status=abc"), 400);
    error_of(&srv.get("/api/hookq/logs?webhookId=999"), 404);
    error_of(&srv.get("/api/hookq/queue?limit=-1"), 400);
}
