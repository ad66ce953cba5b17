//! Categories: create, list, delete, and their place in hook JSON.

use serde_json::Value;

use super::test_env;

#[test]
fn create_list_delete() {
    let Some(env) = test_env() else { return };
    let c = env.json(&[
        "category",
        "create",
        "--title",
        "Sales Leads",
        "--color",
        "#FF8800",
        "--description",
        "d",
    ]);
    assert_eq!(c["category"]["alias"], "sales-leads");
    assert_eq!(c["category"]["color"], "ff8800");
    assert_eq!(c["category"]["createdByUser"], "tester");
    let c2 = env.json(&["category", "create", "--title", "Sales Leads"]);
    assert_eq!(
        c2["category"]["alias"], "sales-leads2",
        "a taken derived alias gets a number"
    );
    env.ok(&["category", "create", "--title", "Ops", "--alias", "ops"]);
    assert!(
        env.rejected(
            &["category", "create", "--title", "Ops", "--alias", "ops"],
            2
        )
        .contains("already used")
    );
    env.rejected(&["category", "create", "--title", ""], 2);
    env.rejected(&["category", "create", "--title", "x", "--color", "red"], 2);
    env.rejected(
        &["category", "create", "--title", "x", "--alias", "Not Valid"],
        2,
    );

    let list = env.json(&["category", "list"]);
    assert_eq!(list["total"], 3);
    assert_eq!(list["categories"]["1"]["title"], "Sales Leads");
    assert!(env.ok(&["category", "list"]).contains("sales-leads2"));

    let hook = env.json(&[
        "create",
        "--name",
        "h",
        "--url",
        "http://x",
        "--trigger",
        "mautic.sms_on_send",
        "--category",
        "1",
    ]);
    assert_eq!(hook["hook"]["category"]["id"], 1);
    assert_eq!(
        env.json(&["list", "--search", "category:sales-leads"])["total"],
        1
    );

    let d = env.json(&["category", "delete", "1"]);
    assert_eq!(d["category"]["id"], Value::Null);
    assert_eq!(
        env.json(&["get", "1"])["hook"]["category"],
        Value::Null,
        "webhooks become uncategorised"
    );
    env.rejected(&["category", "delete", "1"], 1);
    assert!(
        env.rejected(
            &[
                "create",
                "--name",
                "h",
                "--url",
                "http://x",
                "--trigger",
                "mautic.sms_on_send",
                "--category",
                "1"
            ],
            2
        )
        .contains("--category")
    );
}

/// Issue 13: `category edit ID` changes the given fields only.
#[test]
fn categories_are_edited_field_by_field() {
    let Some(env) = test_env() else { return };
    let id = env.json(&["category", "create", "--title", "Sales", "--color", "ff8800"])["category"]
        ["id"]
        .as_i64()
        .unwrap()
        .to_string();
    let other = env.json(&["category", "create", "--title", "Ops"]);
    let hook = env.create("h", &["mautic.sms_on_send"]).to_string();
    env.ok(&["edit", &hook, "--category", &id]);
    let v = env.json(&["category", "edit", &id, "--title", "Sales EMEA"]);
    assert_eq!(v["category"]["title"], "Sales EMEA");
    assert_eq!(v["category"]["alias"], "sales", "the alias stays");
    assert_eq!(v["category"]["color"], "ff8800", "the colour stays");
    assert_eq!(v["category"]["modifiedByUser"], "tester");
    let h = env.json(&["get", &hook]);
    assert_eq!(h["hook"]["category"]["title"], "Sales EMEA");
    let v = env.json(&["category", "edit", &id, "--alias", "emea", "--color", "00ff00"]);
    assert_eq!(v["category"]["alias"], "emea");
    assert_eq!(v["category"]["color"], "00ff00");
    assert_eq!(env.json(&["list", "--search", "category:emea"])["total"], 1);
    // Refused, nothing written.
    let err = env.rejected(&["category", "edit", &id, "--alias", other["category"]["alias"].as_str().unwrap()], 2);
    assert!(err.contains("already used by category"), "{err}");
    env.rejected(&["category", "edit", &id], 2);
    env.rejected(&["category", "edit", &id, "--color", "red"], 2);
    env.rejected(&["category", "edit", &id, "--title", ""], 2);
    env.rejected(&["category", "edit", "99", "--title", "x"], 1);
}
