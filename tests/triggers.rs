//! The trigger catalog: Mautic's 14 types, custom types.

use super::test_env;

const MAUTIC: [(&str, &str); 14] = [
    ("mautic.company_post_save", "Company Create/Update Event"),
    ("mautic.company_post_delete", "Company Deleted Event"),
    (
        "mautic.lead_channel_subscription_changed",
        "Contact Channel Subscription Change Event",
    ),
    (
        "mautic.lead_company_change",
        "Contact Company Subscription Change Event",
    ),
    ("mautic.lead_post_delete", "Contact Deleted Event"),
    ("mautic.lead_post_save_new", "Contact Identified Event"),
    ("mautic.lead_points_change", "Contact Points Changed Event"),
    (
        "mautic.lead_list_change",
        "Contact Segment Membership Change Event",
    ),
    ("mautic.lead_post_save_update", "Contact Updated Event"),
    ("mautic.email_on_open", "Email Open Event"),
    ("mautic.email_on_send", "Email Send Event"),
    ("mautic.form_on_submit", "Form Submit Event"),
    ("mautic.page_on_hit", "Page Hit Event"),
    ("mautic.sms_on_send", "Text Send Event"),
];

#[test]
fn catalog_json_is_mauticss_sorted_by_label() {
    let Some(env) = test_env() else { return };
    let v = env.json(&["triggers"]);
    let t = v["triggers"].as_object().unwrap();
    let got: Vec<(&str, &str)> = t
        .iter()
        .map(|(k, v)| (k.as_str(), v["label"].as_str().unwrap()))
        .collect();
    // Mautic's, then hookq's own (issue 22), sorted by label.
    assert_eq!(got[..14], MAUTIC[..]);
    assert_eq!(
        got[14..],
        [
            ("hookq.batch_dead", "hookq: Batch Dead"),
            ("hookq.webhook_disabled", "hookq: Webhook Disabled"),
            ("hookq.webhook_failing", "hookq: Webhook Failing"),
            ("hookq.webhook_recovered", "hookq: Webhook Recovered"),
        ]
    );
    for (k, v) in t {
        let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["label", "description"], "{k}");
        let d = v["description"].as_str().unwrap();
        assert!(
            d.starts_with("Triggered when"),
            "{k} has no real description: {d}"
        );
    }
    assert_eq!(env.json(&["triggers", "list"]), v);
}

#[test]
fn custom_types_can_be_added_used_and_removed() {
    let Some(env) = test_env() else { return };
    let v = env.json(&[
        "triggers",
        "add",
        "shop.order_paid",
        "--label",
        "Order Paid",
        "--description",
        "Triggered when an order is paid.",
    ]);
    assert_eq!(v["triggers"]["shop.order_paid"]["label"], "Order Paid");
    let list = env.json(&["triggers"]);
    let keys: Vec<&String> = list["triggers"].as_object().unwrap().keys().collect();
    let pos = keys.iter().position(|k| *k == "shop.order_paid").unwrap();
    assert_eq!(
        keys[pos - 1],
        "mautic.form_on_submit",
        "sorted by label: Form Submit < Order Paid < Page Hit"
    );
    assert!(env.ok(&["triggers"]).contains("custom"));

    let id = env.create("shop", &["shop.order_paid"]);
    let err = env.rejected(&["triggers", "remove", "shop.order_paid"], 1);
    assert!(err.contains(&format!("webhook(s) {id}")), "{err}");
    env.ok(&["edit", &id.to_string(), "--trigger", "mautic.sms_on_send"]);
    env.ok(&["triggers", "remove", "shop.order_paid"]);
    assert!(
        env.json(&["triggers"])["triggers"]
            .get("shop.order_paid")
            .is_none()
    );
}

#[test]
fn catalog_changes_are_validated() {
    let Some(env) = test_env() else { return };
    env.ok(&["triggers", "add", "a.b", "--label", "AB"]);
    assert!(
        env.rejected(&["triggers", "add", "a.b", "--label", "again"], 2)
            .contains("already exists")
    );
    assert!(
        env.rejected(
            &["triggers", "add", "mautic.page_on_hit", "--label", "x"],
            2
        )
        .contains("built-in")
    );
    env.rejected(&["triggers", "add", "Bad Type", "--label", "x"], 2);
    env.rejected(&["triggers", "add", "ok.type", "--label", ""], 2);
    env.rejected(&["triggers", "add", "ok.type", "--label", "a\r\nb"], 2);
    assert!(
        env.rejected(&["triggers", "remove", "mautic.page_on_hit"], 2)
            .contains("built-in")
    );
    assert!(
        env.rejected(&["triggers", "remove", "no.such"], 1)
            .contains("not found")
    );
}

#[test]
fn unknown_trigger_is_refused_with_close_matches() {
    let Some(env) = test_env() else { return };
    let err = env.rejected(
        &[
            "create",
            "--name",
            "n",
            "--url",
            "http://x",
            "--trigger",
            "mautic.form_on_submt",
        ],
        2,
    );
    assert!(err.contains("did you mean mautic.form_on_submit"), "{err}");
    let err = env.rejected(
        &[
            "create",
            "--name",
            "n",
            "--url",
            "http://x",
            "--trigger",
            "zzz",
        ],
        2,
    );
    assert!(err.contains("hookq triggers list"), "{err}");
}
