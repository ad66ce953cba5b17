//! The committed completions and man pages match the binary; the bash
//! completion loads and completes in a real bash.

use std::path::Path;
use std::process::Command;

use crate::common::{BIN, TestEnv};

const SHELLS: [(&str, &str); 5] = [
    ("bash", "hookq.bash"),
    ("zsh", "_hookq"),
    ("fish", "hookq.fish"),
    ("elvish", "hookq.elv"),
    ("powershell", "_hookq.ps1"),
];

const REGENERATE: &str = "run scripts/generate and commit the result";

fn repo(p: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(p)
}

#[test]
fn completions_are_current() {
    for (shell, file) in SHELLS {
        let out = Command::new(BIN)
            .args(["completions", shell])
            .output()
            .unwrap();
        assert!(out.status.success());
        let committed = std::fs::read(repo("completions").join(file)).unwrap_or_default();
        assert!(
            committed == out.stdout,
            "completions/{file} is stale: {REGENERATE}"
        );
    }
}

/// The committed `openapi.json` is what `hookq openapi` prints (issue 24).
#[test]
fn openapi_document_is_current() {
    let out = Command::new(BIN).arg("openapi").output().unwrap();
    assert!(out.status.success());
    let committed = std::fs::read(repo("openapi.json")).unwrap_or_default();
    assert!(
        committed == out.stdout,
        "openapi.json is stale: {REGENERATE}"
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["openapi"], "3.1.0");
    assert_eq!(doc["info"]["version"], env!("CARGO_PKG_VERSION"));
}

#[test]
fn man_pages_are_current() {
    let env = TestEnv::new();
    let dir = env.path().join("man");
    let out = Command::new(BIN)
        .arg("generate-man")
        .arg(&dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let names = |d: &Path| {
        let mut v: Vec<String> = std::fs::read_dir(d)
            .map(|r| {
                r.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        v.sort();
        v
    };
    let generated = names(&dir);
    assert!(
        generated.contains(&"hookq.1".to_owned())
            && generated.contains(&"hookq-create.1".to_owned())
    );
    assert_eq!(
        generated,
        names(&repo("man")),
        "man/ has other pages than the binary makes: {REGENERATE}"
    );
    for f in generated {
        let a = std::fs::read(dir.join(&f)).unwrap();
        let b = std::fs::read(repo("man").join(&f)).unwrap();
        assert!(a == b, "man/{f} is stale: {REGENERATE}");
    }
}

#[test]
fn bash_completion_loads_and_completes() {
    let script = repo("completions/hookq.bash");
    let out = Command::new("bash")
        .arg("--norc")
        .arg("-c")
        .arg(r#"source "$1" && complete -p hookq >/dev/null && COMP_WORDS=(hookq cre) && COMP_CWORD=1 && _hookq hookq cre hookq && printf '%s\n' "${COMPREPLY[@]}"; COMP_WORDS=(hookq list --order) && COMP_CWORD=2 && _hookq hookq --order list && printf '%s\n' "${COMPREPLY[@]}""#)
        .arg("bash")
        .arg(&script)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "bash failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let words: Vec<&str> = stdout.lines().collect();
    assert!(
        words.contains(&"create"),
        "no `create` completion: {words:?}"
    );
    assert!(
        words.contains(&"--order-by") && words.contains(&"--order-dir"),
        "no list flags: {words:?}"
    );
}

/// Runs the generated bash completion for `words` (the cursor on the last)
/// and returns what it offers.
fn bash_complete(words: &[&str]) -> Vec<String> {
    let script = repo("completions/hookq.bash");
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let cword = words.len() - 1;
    let body = format!(
        r#"source "$1" && COMP_WORDS=({}) && COMP_CWORD={cword} && _hookq hookq '{}' '{}' && printf '%s\n' "${{COMPREPLY[@]}}""#,
        quoted.join(" "),
        words[cword],
        words[cword - 1],
    );
    offered(
        Command::new("bash")
            .args(["--norc", "-c", &body, "bash"])
            .arg(&script),
    )
}

/// The lines a completer printed; it must succeed.
fn offered(cmd: &mut Command) -> Vec<String> {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_owned)
        .collect()
}

/// Issue 13: completions know event types, setting keys and `--format`
/// values (custom event types are accepted, only not offered).
#[test]
fn completions_offer_event_types_setting_keys_and_formats() {
    let types = bash_complete(&["hookq", "create", "--trigger", "mautic.form"]);
    assert_eq!(types, ["mautic.form_on_submit"], "{types:?}");
    let types = bash_complete(&["hookq", "emit", "mautic.lead_post"]);
    assert!(
        types.contains(&String::from("mautic.lead_post_save_new")),
        "{types:?}"
    );
    let keys = bash_complete(&["hookq", "config", "set", "retry"]);
    assert_eq!(keys, ["retry_schedule", "retry_max_age"], "{keys:?}");
    let formats = bash_complete(&["hookq", "list", "--format", ""]);
    assert_eq!(formats, ["table", "tsv", "json"], "{formats:?}");
    let zsh = std::fs::read_to_string(repo("completions/_hookq")).unwrap();
    assert!(zsh.contains("mautic.sms_on_send") && zsh.contains("block_private_addresses"));
    // clap's fish script completes option values (not positional ones).
    let fish = std::fs::read_to_string(repo("completions/hookq.fish")).unwrap();
    assert!(fish.contains("mautic.sms_on_send"));
}

/// Issue 13: the dynamic completion (`source <(COMPLETE=bash hookq)`)
/// offers the catalog's custom event types too, read from the database.
#[test]
fn dynamic_completion_offers_custom_event_types() {
    let env = TestEnv::new();
    env.ok(&["triggers", "add", "acme.signup", "--label", "Signup"]);
    let complete = |index: &str, words: &[&str]| -> Vec<String> {
        offered(
            Command::new(BIN)
                .env_clear()
                .env("PATH", std::env::var_os("PATH").unwrap_or_default())
                .env("HOME", env.path())
                .env("HOOKQ_DB", &env.db)
                .env("COMPLETE", "bash")
                .env("_CLAP_IFS", "\n")
                .env("_CLAP_COMPLETE_INDEX", index)
                .arg("--")
                .args(words),
        )
    };
    assert_eq!(
        complete("3", &["hookq", "create", "--trigger", "acm"]),
        ["acme.signup"]
    );
    assert_eq!(
        complete("2", &["hookq", "emit", "mautic.form_on"]),
        ["mautic.form_on_submit"]
    );
    // hookq's own events (issue 22) are subscribed to, never emitted.
    assert_eq!(
        complete("3", &["hookq", "create", "--trigger", "hookq.webhook_f"]),
        ["hookq.webhook_failing"]
    );
    assert!(
        complete("2", &["hookq", "emit", "hookq."]).is_empty(),
        "emit offers hookq's own types"
    );
    // The registration script itself.
    let out = Command::new(BIN).env("COMPLETE", "bash").output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("_clap_complete_hookq"));
}

/// Issue 13: a command's help mixed the global flags into its own.
#[test]
fn command_help_puts_global_flags_under_their_own_heading() {
    let out = std::process::Command::new(BIN)
        .args(["list", "--help"])
        .output()
        .unwrap();
    let help = String::from_utf8(out.stdout).unwrap();
    let (own, global) = help
        .split_once("Global options:")
        .unwrap_or_else(|| panic!("no Global options heading:\n{help}"));
    assert!(own.contains("--search"), "{help}");
    for flag in ["--db", "--json", "--quiet", "--verbose"] {
        assert!(
            global.contains(flag),
            "{flag} not under Global options:\n{help}"
        );
        assert!(
            !own.contains(flag),
            "{flag} among list's own options:\n{help}"
        );
    }
}

/// Issue 23: a clone with nothing beside it passes its own tests. No test,
/// bench, script or CI step names a path outside the repository (the
/// Mautic captures the tests use live in `tests/fixtures/`).
#[test]
fn nothing_reads_outside_the_repository() {
    fn walk(dir: &Path, found: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, found);
            } else {
                found.push(path);
            }
        }
    }
    let mut files = Vec::new();
    for dir in ["tests", "benches", "scripts", ".ci", "src"] {
        walk(&repo(dir), &mut files);
    }
    files.push(repo("Cargo.toml"));
    // Spelled in two pieces so this file does not find itself.
    let outside = [
        format!("{}/shared", ".."),
        format!("\"{}/", ".."),
        format!("{}/main", "/work"),
    ];
    let mut bad = Vec::new();
    for f in &files {
        let Ok(text) = std::fs::read_to_string(f) else {
            continue;
        };
        for (n, line) in text.lines().enumerate() {
            if outside.iter().any(|o| line.contains(o.as_str())) {
                bad.push(format!("{}:{}: {}", f.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(
        bad.is_empty(),
        "paths outside the repository:\n{}",
        bad.join("\n")
    );
    assert!(repo("tests/fixtures/mautic/zapier-captures").is_dir());
}
