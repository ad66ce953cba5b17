//! Bad input: one clear line, the documented exit code, nothing written.
//! Also the database file's own failure modes and the exit-code contract.

use std::io::Read;
use std::os::unix::fs::PermissionsExt;
use std::process::Stdio;

use hookq::model::HookFields;

use super::{sqlite_env, test_env};

/// (arguments, exit code, a fragment the one stderr line must contain)
const CASES: &[(&[&str], i32, &str)] = &[
    (
        &[
            "create",
            "--name",
            "n",
            "--url",
            "ftp://x",
            "--trigger",
            "mautic.sms_on_send",
        ],
        2,
        r#"invalid --url "ftp://x": only http and https URLs are allowed"#,
    ),
    (
        &[
            "create",
            "--name",
            "n",
            "--url",
            "example.com/x",
            "--trigger",
            "mautic.sms_on_send",
        ],
        2,
        "http:// or https://",
    ),
    (
        &[
            "create",
            "--name",
            "n",
            "--url",
            "http://",
            "--trigger",
            "mautic.sms_on_send",
        ],
        2,
        "--url",
    ),
    (
        &[
            "create",
            "--name",
            "n",
            "--url",
            "",
            "--trigger",
            "mautic.sms_on_send",
        ],
        2,
        "--url",
    ),
    (
        &[
            "create",
            "--name",
            "n",
            "--url",
            "http://x/\r\nHost: evil",
            "--trigger",
            "mautic.sms_on_send",
        ],
        2,
        "control characters",
    ),
    (
        &[
            "create",
            "--name",
            "n",
            "--url",
            "http://user:pw@x/",
            "--trigger",
            "mautic.sms_on_send",
        ],
        2,
        "credentials",
    ),
    (
        &[
            "create",
            "--name",
            "",
            "--url",
            "http://x",
            "--trigger",
            "mautic.sms_on_send",
        ],
        2,
        "A name is required.",
    ),
    (
        &[
            "create",
            "--name",
            "   ",
            "--url",
            "http://x",
            "--trigger",
            "mautic.sms_on_send",
        ],
        2,
        "--name",
    ),
    (
        &[
            "create",
            "--name",
            "a\nb",
            "--url",
            "http://x",
            "--trigger",
            "mautic.sms_on_send",
        ],
        2,
        r#""a\nb""#,
    ),
    (
        &[
            "create",
            "--name",
            "n",
            "--url",
            "http://x",
            "--trigger",
            "mautic.nope",
        ],
        2,
        "unknown event type",
    ),
    (
        &["create", "--name", "n", "--url", "http://x"],
        2,
        "--trigger",
    ),
    (
        &[
            "create",
            "--name",
            "n",
            "--url",
            "http://x",
            "--trigger",
            "mautic.sms_on_send",
            "--order",
            "sideways",
        ],
        2,
        "use asc or desc",
    ),
    (
        &[
            "create",
            "--name",
            "n",
            "--url",
            "http://x",
            "--trigger",
            "mautic.sms_on_send",
            "--category",
            "5",
        ],
        2,
        "--category",
    ),
    (
        &[
            "create",
            "--name",
            "n",
            "--url",
            "http://x",
            "--trigger",
            "mautic.sms_on_send",
            "--category",
            "x",
        ],
        2,
        "--category",
    ),
    (
        &[
            "create",
            "--name",
            "n",
            "--url",
            "http://x",
            "--trigger",
            "mautic.sms_on_send",
            "--secret",
            "",
        ],
        2,
        "--secret",
    ),
    (&["list", "--order-by", "secret"], 2, "--order-by"),
    (
        &["list", "--order-by", "id; DROP TABLE webhooks"],
        2,
        "--order-by",
    ),
    (&["list", "--order-dir", "up"], 2, "--order-dir"),
    (&["list", "--search", "is:nothing"], 2, "--search"),
    (&["list", "--search", "ids:1,two"], 2, "ids:"),
    (&["list", "--limit", "-1"], 2, "--limit"),
    (
        &["list", "--start", "99999999999999999999999"],
        2,
        "--start",
    ),
    (&["get", "0"], 2, "0"),
    (&["get", "abc"], 2, "abc"),
    (&["get", "-3"], 2, "-3"),
    (&["get", "99"], 1, "webhook 99 not found"),
    (&["delete", "99"], 1, "webhook 99 not found"),
    (&["edit", "99", "--name", "x"], 1, "webhook 99 not found"),
    (&["edit", "1", "--url", "gopher://x"], 2, "--url"),
    (&["edit", "1", "--order", "up"], 2, "--order"),
    (
        &["edit", "1", "--secret", "a", "--regenerate-secret"],
        2,
        "--regenerate-secret",
    ),
    (&["edit", "1", "--publish", "--unpublish"], 2, "--unpublish"),
    (
        &["edit", "1", "--add-trigger", "mautic.nope"],
        2,
        "unknown event type",
    ),
    (&["config", "set", "nope", "1"], 2, "unknown setting"),
    (&["config", "set", "timeout", "soon"], 2, "not a duration"),
    (&["completions", "tcsh"], 2, "tcsh"),
    (&["frobnicate"], 2, "frobnicate"),
    // Names, descriptions and header-bound values with control characters.
    (
        &[
            "create",
            "--name",
            "a\rb",
            "--url",
            "http://x",
            "--trigger",
            "mautic.sms_on_send",
        ],
        2,
        "control characters",
    ),
    (
        &[
            "create",
            "--name",
            "n",
            "--url",
            "http://x",
            "--trigger",
            "mautic.sms_on_send",
            "--description",
            "bell\u{7}",
        ],
        2,
        "--description",
    ),
    (
        &[
            "create",
            "--name",
            "n",
            "--url",
            "http://x\ty",
            "--trigger",
            "mautic.sms_on_send",
        ],
        2,
        "--url",
    ),
    (
        &[
            "create",
            "--name",
            "n",
            "--url",
            "http://x",
            "--trigger",
            "mautic.sms_on_send\n",
        ],
        2,
        "unknown event type",
    ),
    (
        &[
            "create",
            "--name",
            "x",
            "--url",
            "javascript:alert(1)",
            "--trigger",
            "mautic.sms_on_send",
        ],
        2,
        "only http and https",
    ),
    (&["edit", "1", "--name", ""], 2, "A name is required."),
    (&["edit", "1", "--url", ""], 2, "--url"),
    (&["edit", "1", "--category", "99"], 2, "--category"),
    (
        &["edit", "1", "--trigger", "mautic.nope"],
        2,
        "unknown event type",
    ),
    (&["edit", "1", "--category", "-4"], 2, "--category"),
    (&["delete", "0"], 2, "id"),
    (&["delete", "abc"], 2, "abc"),
    // Search and order: SQL metacharacters never reach SQL.
    (
        &["list", "--search", "ids:1;DROP TABLE webhooks"],
        2,
        "ids:",
    ),
    (&["list", "--order-dir", "asc;--"], 2, "--order-dir"),
    (
        &["list", "--order-by", "name DESC, (SELECT 1)"],
        2,
        "--order-by",
    ),
    (
        &["list", "--limit", "99999999999999999999999"],
        2,
        "--limit",
    ),
    // Events.
    (
        &["emit", "mautic.sms_on_send", "--payload", "[1]"],
        2,
        "JSON object",
    ),
    (
        &["emit", "mautic.sms_on_send", "--payload", "null"],
        2,
        "JSON object",
    ),
    (
        &["emit", "mautic.sms_on_send", "--payload", "{\"a\":}"],
        2,
        "not valid JSON",
    ),
    (
        &["emit", "mautic.sms_on_send", "--payload", "{} {}"],
        2,
        "not valid JSON",
    ),
    (&["emit", "mautic.nope"], 2, "unknown event type"),
    (
        &[
            "emit",
            "mautic.sms_on_send",
            "--payload-file",
            "/no/such/file",
        ],
        2,
        "could not read",
    ),
    (&["emit", "--ndjson", "/no/such/file"], 2, "could not read"),
    (&["emit", "mautic.sms_on_send", "--ndjson"], 2, "--ndjson"),
    // Delivery runs.
    (&["process", "--limit", "0"], 2, "--limit"),
    (
        &["process", "--limit", "99999999999999999999"],
        2,
        "--limit",
    ),
    (&["process", "--concurrency", "0"], 2, "--concurrency"),
    (&["process", "--concurrency", "100000"], 2, "--concurrency"),
    (&["process", "--time-limit", "0"], 2, "--time-limit"),
    (&["process", "--time-limit", "-5s"], 2, "--time-limit"),
    (
        &["process", "--min-id", "9", "--max-id", "3"],
        2,
        "--min-id",
    ),
    (&["process", "--webhook-id", "0"], 2, "id"),
    (
        &["process", "--webhook-id", "77"],
        1,
        "webhook 77 not found",
    ),
    (&["test", "77"], 1, "webhook 77 not found"),
    (
        &[
            "test",
            "--url",
            "ftp://x",
            "--trigger",
            "mautic.sms_on_send",
        ],
        2,
        "--url",
    ),
    (&["test", "--url", "http://127.0.0.1:9/"], 2, "--trigger"),
    (
        &["test", "1", "--trigger", "mautic.nope"],
        2,
        "unknown event type",
    ),
    (&["test", "--secret", "s"], 2, "--url"),
    // Queue and logs.
    (
        &["queue", "list", "--webhook-id", "77"],
        1,
        "webhook 77 not found",
    ),
    (&["queue", "list", "--limit", "-1"], 2, "--limit"),
    (&["queue", "retry", "--webhook-id", "x"], 2, "x"),
    (
        &["queue", "purge", "--webhook-id", "77", "--yes"],
        1,
        "webhook 77 not found",
    ),
    (&["logs", "0"], 2, "id"),
    (&["logs", "77"], 1, "webhook 77 not found"),
    (&["logs", "--limit", "many"], 2, "--limit"),
    (&["verify", "--signature", "abc"], 2, "--secret"),
    (
        &[
            "verify",
            "--secret",
            "s",
            "--signature",
            "!!!",
            "/no/such/file",
        ],
        2,
        "could not read",
    ),
    // Catalog and categories.
    (&["triggers", "add", "BAD TYPE", "--label", "x"], 2, "TYPE"),
    (
        &["triggers", "add", "ok.type", "--label", "a\nb"],
        2,
        "control characters",
    ),
    (&["triggers", "remove", "mautic.page_on_hit"], 2, "built-in"),
    (&["triggers", "remove", "no.such"], 1, "not found"),
    (
        &["category", "create", "--title", "a\nb"],
        2,
        "control characters",
    ),
    (
        &["category", "create", "--title", "t", "--color", "#12345"],
        2,
        "--color",
    ),
    (
        &["category", "create", "--title", "t", "--alias", "UPPER"],
        2,
        "--alias",
    ),
    (&["category", "delete", "0"], 2, "id"),
    (&["category", "delete", "99"], 1, "category 99 not found"),
    // Settings.
    (
        &["config", "set", "batch_limit", "99999999999999999999"],
        2,
        "batch_limit",
    ),
    (&["config", "set", "timeout", "-5s"], 2, "timeout"),
    (
        &["config", "set", "site_url", "http://x/\nX-Injected: 1"],
        2,
        "control characters",
    ),
    (&["config", "set", "queue_mode", ""], 2, "queue_mode"),
    (
        &["config", "set", "block_private_addresses", "2"],
        2,
        "true or false",
    ),
    (&["config", "get", "nope"], 2, "unknown setting"),
    (&["config", "unset", "nope"], 2, "unknown setting"),
    // Issue 13, bug 1: a PUT id at the top of the id space left none for
    // later creates (every one then failed with "database or disk is full").
    (
        &[
            "edit",
            "9223372036854775807",
            "--replace",
            "--name",
            "R",
            "--url",
            "https://e.com/x",
            "--trigger",
            "mautic.page_on_hit",
        ],
        2,
        "at most 2147483647",
    ),
    // Issue 13: a right-to-left override made a name show as another.
    (
        &[
            "create",
            "--name",
            "invoice\u{202E}fdp.exe",
            "--url",
            "http://x/",
            "--trigger",
            "mautic.sms_on_send",
        ],
        2,
        "bidirectional control characters",
    ),
    // Issue 13: Rust's "invalid digit found in string" for counts.
    (&["list", "--start", "-1"], 2, "use a whole number from 0 up"),
    (&["list", "--limit", "abc"], 2, "use a whole number from 0 up"),
    (&["logs", "--limit", "abc"], 2, "use a whole number from 0 up"),
    (&["queue", "list", "--limit", "-3"], 2, "use a whole number from 0 up"),
    // Issue 13, bug 3: --secret with a stored webhook was ignored.
    (
        &["test", "1", "--secret", "foo"],
        2,
        "--secret goes with --url",
    ),
    // Issue 13, bug 5: three slashes were read as two, stored, then
    // refused by the HTTP client at every delivery.
    (
        &[
            "create",
            "--name",
            "n",
            "--url",
            "http:///127.0.0.1:18765/x",
            "--trigger",
            "mautic.sms_on_send",
        ],
        2,
        "two slashes, then the host",
    ),
    (
        &["edit", "1", "--url", "http:/127.0.0.1/x"],
        2,
        "two slashes, then the host",
    ),
    // Issue 13: addresses that are never a receiver's, in every form, and
    // malformed hosts are refused whatever block_private_addresses says.
    (&["edit", "1", "--url", "http://224.0.0.1/x"], 2, "multicast address, which is always refused"),
    (&["edit", "1", "--url", "http://0/x"], 2, "\"this network\" address"),
    (&["edit", "1", "--url", "http://255.255.255.255/"], 2, "broadcast"),
    (&["edit", "1", "--url", "http://240.0.0.9/"], 2, "reserved"),
    (&["edit", "1", "--url", "http://192.0.2.10/"], 2, "documentation"),
    (&["edit", "1", "--url", "http://[2001:db8::1]/"], 2, "documentation"),
    (&["edit", "1", "--url", "http://[ff02::1]/"], 2, "multicast"),
    (&["edit", "1", "--url", "http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/"], 2, "Teredo"),
    (&["edit", "1", "--url", "http://[64:ff9b::a9fe:a9fe]/"], 2, "NAT64 form of 169.254.169.254"),
    (&["edit", "1", "--url", "http://[::ffff:224.0.0.1]/"], 2, "IPv4-mapped form of 224.0.0.1"),
    (&["edit", "1", "--url", "http://127.0.0.1:0/x"], 2, "port 0"),
    (&["edit", "1", "--url", "http://a..b/"], 2, "empty label"),
    (&["edit", "1", "--url", "http://-a-.com/"], 2, "starts or ends with '-'"),
    // Issue 13, bug 6: `1m 5m` was stored as 6m; sub-second waits.
    (
        &["config", "set", "retry_schedule", "1m 5m"],
        2,
        "comma-separated list",
    ),
    (
        &["config", "set", "retry_schedule", "1m,500ms"],
        2,
        "at least 1s",
    ),
    (&["config", "set", "timeout", "500ms"], 2, "at least 1s"),
];

#[test]
fn bad_input_is_one_line_with_the_right_code_and_writes_nothing() {
    assert!(CASES.len() >= 60, "the corpus has {} cases", CASES.len());
    let Some(env) = test_env() else { return };
    env.create("existing", &["mautic.sms_on_send"]);
    env.emit("mautic.sms_on_send", r#"{"queued":true}"#);
    for (args, code, fragment) in CASES {
        let err = env.rejected(args, *code);
        assert!(
            err.contains(fragment),
            "hookq {args:?}: expected {fragment:?} in {err:?}"
        );
        assert!(err.starts_with("hookq: "), "hookq {args:?}: {err}");
    }
}

#[test]
fn json_mode_errors_are_mautic_error_objects() {
    let Some(env) = test_env() else { return };
    env.create("existing", &["mautic.sms_on_send"]);
    for (args, code, _) in CASES {
        let mut a = args.to_vec();
        a.push("--json");
        let err = env.rejected(&a, *code);
        let v: serde_json::Value = serde_json::from_str(&err)
            .unwrap_or_else(|e| panic!("hookq {a:?}: not JSON ({e}): {err}"));
        let e = &v["errors"][0];
        assert!(
            e["code"].is_u64() && e["message"].is_string() && e["type"].is_null(),
            "{err}"
        );
        assert_eq!(v["errors"].as_array().unwrap().len(), 1);
    }
    let err = env.fails(
        &[
            "create",
            "--name",
            "",
            "--url",
            "http://x",
            "--trigger",
            "mautic.sms_on_send",
            "--json",
        ],
        2,
    );
    assert_eq!(
        err.trim(),
        r#"{"errors":[{"code":400,"message":"name: A name is required.","details":{"name":["A name is required."]},"type":null}]}"#
    );
}

#[test]
fn missing_database_is_created_with_private_permissions() {
    let Some(env) = sqlite_env() else { return };
    assert!(env.db_bytes().is_none());
    env.ok(&["list"]);
    let mode = std::fs::metadata(&env.db).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let dmode = std::fs::metadata(env.db.parent().unwrap())
        .unwrap()
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(dmode, 0o700);
}

#[test]
fn database_location_from_env_and_default() {
    let Some(mut env) = sqlite_env() else { return };
    let via_env = env.path().join("env/db.sqlite");
    env.env("HOOKQ_DB", via_env.to_str().unwrap());
    let out = env
        .bare_command(&[
            "create",
            "--name",
            "e",
            "--url",
            "http://x",
            "--trigger",
            "mautic.sms_on_send",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(via_env.exists());

    let Some(plain) = sqlite_env() else { return };
    let out = plain.bare_command(&["list", "--json"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        plain.path().join(".local/share/hookq/hookq.db").exists(),
        "default path is the XDG data dir"
    );
}

#[test]
fn unusable_database_files_are_refused_untouched() {
    let Some(env) = sqlite_env() else { return };
    // A directory.
    let dir = env.path().join("adir");
    std::fs::create_dir(&dir).unwrap();
    let out = env
        .bare_command(&["list", "--db", dir.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is a directory"));

    // A corrupt file.
    std::fs::create_dir_all(env.db.parent().unwrap()).unwrap();
    let junk: Vec<u8> = (0..16384u32).map(|i| (i * 7 % 251) as u8).collect();
    std::fs::write(&env.db, &junk).unwrap();
    let err = env.rejected(&["list"], 2);
    assert!(err.contains("not a valid SQLite database"), "{err}");
    env.rejected(
        &[
            "create",
            "--name",
            "n",
            "--url",
            "http://x",
            "--trigger",
            "mautic.sms_on_send",
        ],
        2,
    );
    assert_eq!(env.db_bytes().unwrap(), junk);

    // A newer schema.
    std::fs::remove_file(&env.db).unwrap();
    env.ok(&["list"]);
    env.sql().execute_batch("PRAGMA user_version = 99").unwrap();
    let err = env.rejected(&["list"], 2);
    assert!(err.contains("newer hookq"), "{err}");

    // Another application's database.
    let other = env.path().join("other.db");
    rusqlite::Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE notes(x)")
        .unwrap();
    let before = std::fs::read(&other).unwrap();
    let out = env
        .bare_command(&["list", "--db", other.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read(&other).unwrap(), before);
}

/// Issue 23: a mistyped `--db` scheme created a relative file such as
/// `./postgress:/hookq@db.internal/hookq` and exited 0. Any `scheme://`
/// but PostgreSQL's is refused, naming the accepted forms, and nothing
/// is created; `db copy --to` names `--to`, not `--db`.
#[test]
fn regression_a_mistyped_database_scheme_is_refused() {
    let Some(env) = sqlite_env() else { return };
    let cwd = env.path().join("cwd");
    std::fs::create_dir(&cwd).unwrap();
    // `db copy --to TO` from the test's database: refused (exit 2), its line.
    let copy_to = |to: &str| -> String {
        let out = env
            .bare_command(&["db", "copy", "--to", to])
            .current_dir(&cwd)
            .arg("--db")
            .arg(&env.db)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(out.status.code(), Some(2), "{err}");
        err
    };
    for db in [
        "postgress://hookq@db.internal/hookq",
        "mysql://root@127.0.0.1/hookq",
        "sqlite:///tmp/x.db",
        "Postgres+ssl://u@h/db",
    ] {
        for args in [
            vec!["list", "--db", db],
            vec![
                "create", "--db", db, "--name", "n", "--url", "http://x", "--trigger",
                "mautic.sms_on_send",
            ],
        ] {
            let out = env
                .bare_command(&args)
                .current_dir(&cwd)
                .output()
                .unwrap();
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{db}: {err}");
            assert_eq!(err.trim_end().lines().count(), 1, "{err}");
            assert!(
                err.contains("invalid --db") && err.contains("postgres://"),
                "{db}: {err}"
            );
        }
        let err = copy_to(db);
        assert!(err.contains("invalid --to"), "{err}");
    }
    // With HOOKQ_DB too.
    let out = env
        .bare_command(&["list"])
        .env("HOOKQ_DB", "postgress://h/db")
        .current_dir(&cwd)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        std::fs::read_dir(&cwd).unwrap().count(),
        0,
        "a file was created"
    );
    // A directory as the copy's target names --to.
    let err = copy_to(cwd.to_str().unwrap());
    assert!(
        err.contains("invalid --to") && err.contains("is a directory"),
        "{err}"
    );
    // Plain paths, even with a colon, are still SQLite files.
    let odd = env.path().join("a:b.db");
    let out = env
        .bare_command(&["create", "--db", odd.to_str().unwrap(), "--name", "n"])
        .args(["--url", "http://x", "--trigger", "mautic.sms_on_send"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(odd.is_file());
}

/// Issue 23: a 3 MB URL, a 2 MB secret and an 8 MB description were
/// stored, and a secret with NUL too (raw in `create`'s output, a 500 on
/// PostgreSQL). Mautic's column sizes hold on the CLI (here) and the API
/// (`serve::regression_oversized_fields_are_refused_by_the_api`), and
/// control characters never reach a secret.
#[test]
fn regression_oversized_fields_and_control_characters_in_secrets_are_refused() {
    let Some(env) = test_env() else { return };
    let id = env.create("existing", &["mautic.sms_on_send"]).to_string();
    let long_url = format!("http://example.com/{}", "a".repeat(237));
    assert_eq!(long_url.len(), 256);
    let fits_url = &long_url[..255];
    let long_secret = "s".repeat(256);
    let long_description = "d".repeat(65_536);
    let base = |extra: &[&str]| -> Vec<String> {
        let mut a: Vec<String> = ["create", "--name", "n", "--trigger", "mautic.sms_on_send"]
            .map(String::from)
            .to_vec();
        a.extend(extra.iter().map(|s| s.to_string()));
        if !extra.contains(&"--url") {
            a.extend(["--url".into(), "http://x".into()]);
        }
        a
    };
    let cases: Vec<(Vec<String>, &str)> = vec![
        (base(&["--url", &long_url]), "at most 255 characters"),
        (base(&["--secret", &long_secret]), "at most 255 characters"),
        (base(&["--description", &long_description]), "at most 65535 bytes"),
        (base(&["--secret", "a\u{1}b\u{7f}c"]), "control characters"),
        (
            vec!["edit".into(), id.clone(), "--url".into(), long_url.clone()],
            "at most 255 characters",
        ),
        (
            vec!["edit".into(), id.clone(), "--secret".into(), long_secret.clone()],
            "at most 255 characters",
        ),
        (
            vec![
                "edit".into(),
                id.clone(),
                "--description".into(),
                long_description.clone(),
            ],
            "65535 bytes",
        ),
        (
            vec!["test".into(), "--url".into(), long_url.clone(), "--trigger".into(), "mautic.sms_on_send".into()],
            "at most 255 characters",
        ),
    ];
    for (args, fragment) in &cases {
        let a: Vec<&str> = args.iter().map(String::as_str).collect();
        let err = env.rejected(&a, 2);
        assert!(err.contains(fragment), "{:?}: {err}", &a[..2]);
        assert!(err.len() < 400, "the value is cut in the message: {err}");
        assert!(!err.contains(&long_secret[..100]), "the secret was echoed");
    }
    // A secret file with NUL in its first line.
    let f = env.path().join("secret.txt");
    std::fs::write(&f, b"abc\0def\n").unwrap();
    let err = env.rejected(&["edit", &id, "--secret-file", f.to_str().unwrap()], 2);
    assert!(err.contains("control characters"), "{err}");
    assert!(!err.contains("abc"), "{err}");
    // At the limits everything is taken.
    let ok = env.json(&[
        "create",
        "--name",
        "at the limits",
        "--url",
        fits_url,
        "--secret",
        &long_secret[..255],
        "--description",
        &long_description[..65_535],
        "--trigger",
        "mautic.sms_on_send",
    ]);
    assert_eq!(ok["hook"]["webhookUrl"], fits_url);
    assert_eq!(ok["hook"]["secret"].as_str().unwrap().len(), 255);
}

/// Issue 23: a look-alike host (`exämple.com。evil`, U+3002 is a dot to
/// IDNA) was stored and shown as typed while `xn--exmple-cua.com.evil`
/// was contacted. The URL is stored and shown as it is sent.
#[test]
fn regression_look_alike_hosts_are_stored_as_contacted() {
    let Some(env) = test_env() else { return };
    let v = env.json(&[
        "create",
        "--name",
        "idn",
        "--url",
        "http://exämple.com\u{3002}evil/päth?q=ü",
        "--trigger",
        "mautic.sms_on_send",
    ]);
    let url = v["hook"]["webhookUrl"].as_str().unwrap();
    assert_eq!(url, "http://xn--exmple-cua.com.evil/p%C3%A4th?q=%C3%BC");
    let id = v["hook"]["id"].to_string();
    let table = env.ok(&["list"]);
    assert!(table.contains("xn--exmple-cua.com.evil"), "{table}");
    // ASCII URLs stay exactly as typed.
    let v = env.json(&["edit", &id, "--url", "HTTP://Example.COM:8080"]);
    assert_eq!(v["hook"]["webhookUrl"], "HTTP://Example.COM:8080");
}

/// Issue 23: a secret with NUL stored by an older hookq blocked `db copy`
/// to PostgreSQL with a raw error naming no webhook. Rows a new webhook
/// could not have are named, with the fix, and the target stays empty.
#[test]
fn regression_db_copy_names_the_webhook_it_cannot_write() {
    let Some(env) = sqlite_env() else { return };
    let a = env.create("fine", &["mautic.sms_on_send"]);
    let b = env.create("bad secret", &["mautic.sms_on_send"]);
    let c = env.create("long url", &["mautic.sms_on_send"]);
    let sql = env.sql();
    sql.execute(
        "UPDATE webhooks SET secret = 'abc' || char(0) || 'def' WHERE id = ?1",
        [b],
    )
    .unwrap();
    let mut targets = vec![env.path().join("target.db").to_str().unwrap().to_owned()];
    let schema = crate::common::pg::Schema::new();
    if let Some(s) = &schema {
        targets.push(s.url.clone());
    }
    for to in &targets {
        let err = env.fails(&["db", "copy", "--to", to], 2);
        assert!(
            err.contains(&format!("webhook {b} (\"bad secret\") cannot be copied"))
                && err.contains("control characters")
                && err.contains(&format!("hookq edit {b} --secret")),
            "{err}"
        );
        assert!(!err.contains("abc"), "{err}");
    }
    sql.execute("UPDATE webhooks SET secret = 'ok-secret-0123456789' WHERE id = ?1", [b])
        .unwrap();
    sql.execute(
        "UPDATE webhooks SET webhook_url = 'http://x/' || printf('%.300c', 'a') WHERE id = ?1",
        [c],
    )
    .unwrap();
    for to in &targets {
        let err = env.fails(&["db", "copy", "--to", to], 2);
        assert!(
            err.contains(&format!("webhook {c} (\"long url\")"))
                && err.contains("at most 255 characters"),
            "{err}"
        );
    }
    // Nothing was written to either target: with the row fixed, each
    // takes the copy.
    sql.execute("UPDATE webhooks SET webhook_url = 'http://x/' WHERE id = ?1", [c])
        .unwrap();
    for to in &targets {
        env.ok(&["db", "copy", "--to", to]);
        let out = env
            .bare_command(&["--db", to, "list", "--json"])
            .output()
            .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v["total"], 3, "{v}");
        assert!(v["hooks"][a.to_string()].is_object());
    }
}

#[test]
fn broken_pipe_exits_zero() {
    let Some(env) = test_env() else { return };
    env.ok(&["list"]);
    // Enough rows that the output cannot fit in a pipe buffer.
    env.store()
        .write(|tx| {
            for i in 0..600 {
                let fields = HookFields {
                    name: format!(
                        "hook number {i} with a long name to fill the pipe quickly {}",
                        "x".repeat(100)
                    ),
                    description: None,
                    webhook_url: String::from("http://x"),
                    secret: String::from("s"),
                    signing: Default::default(),
                    old_secret: None,
                    events_orderby_dir: None,
                    category_id: None,
                    triggers: Vec::new(),
                    is_published: true,
                    controls: Default::default(),
                };
                tx.insert_hook(None, &fields, "tester", 0)?;
            }
            Ok(())
        })
        .unwrap();
    let mut child = env
        .command(&["list", "--limit", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 16];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn help_and_version_exit_zero() {
    let Some(env) = test_env() else { return };
    let out = env.bare_command(&["--help"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(help.contains("HOOKQ_DB") && help.contains("--db"), "{help}");
    let out = env.bare_command(&["--version"]).output().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        format!("hookq {}", env!("CARGO_PKG_VERSION"))
    );
}

/// Issue 13: a 5,000-character --name was echoed whole in its error.
#[test]
fn regression_a_long_value_is_cut_in_its_error() {
    let Some(env) = test_env() else { return };
    let name = "n".repeat(5000);
    let err = env.rejected(
        &[
            "create",
            "--name",
            &name,
            "--url",
            "http://x/",
            "--trigger",
            "mautic.sms_on_send",
        ],
        2,
    );
    assert!(err.len() < 300, "{} bytes: {err}", err.len());
    assert!(err.contains("(5000 characters)"), "{err}");
}
