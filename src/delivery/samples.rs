//! Sample events for `hookq test`, one per trigger, shaped like the events
//! Mautic sends for that type (without `timestamp`, which delivery adds).
//! Written for hookq; a receiver can tell them apart by `"hookqTest":true`.

/// A contact as Mautic's lead events carry it, trimmed to common fields.
const CONTACT: &str = r##"{"id":1,"points":25,"color":"#ff8800","fields":{"core":{"firstname":{"id":"2","label":"First Name","alias":"firstname","type":"text","group":"core","value":"Ada"},"lastname":{"id":"3","label":"Last Name","alias":"lastname","type":"text","group":"core","value":"Lovelace"},"email":{"id":"6","label":"Email","alias":"email","type":"email","group":"core","value":"ada@example.com"}}},"tags":[],"utmtags":[],"stage":null,"owner":null,"dateIdentified":"2026-11-22T10:00:00+00:00","dateAdded":"2026-11-22T10:00:00+00:00","dateModified":"2026-11-22T10:00:00+00:00"}"##;

const COMPANY: &str = r#"{"id":1,"score":0,"fields":{"core":{"companyname":{"id":"20","label":"Company Name","alias":"companyname","type":"text","group":"core","value":"Analytical Engines Ltd"},"companywebsite":{"id":"21","label":"Website","alias":"companywebsite","type":"url","group":"core","value":"https:\/\/example.com"}}},"dateAdded":"2026-11-22T10:00:00+00:00"}"#;

/// A sample of hookq's own events (see `delivery::alerts`).
fn alert(status: &str, note: &str, failures: u32, extra: &str) -> String {
    format!(
        r#""webhook":{{"id":1,"name":"CRM sync","url":"https:\/\/crm.example.com\/hook"}},"attempt":{{"status":"{status}","note":"{note}","date":"2026-11-22T10:00:00+00:00","attempt":{failures},"batchId":"0b9d6c1e-5f3a-4e7b-9a2c-8d4f1e6b3a70","events":10}},"since":"2026-11-22T09:00:00+00:00","failuresInARow":{failures}{extra}"#
    )
}

/// The sample event (a JSON object) for `event_type`.
pub fn sample(event_type: &str) -> String {
    let c = CONTACT;
    let body = match event_type {
        "mautic.lead_post_save_new" | "mautic.lead_post_save_update" => format!(r#""contact":{c}"#),
        "mautic.lead_post_delete" => r#""id":1,"contact":{"id":null,"deleted":1,"fields":{"core":{"email":{"alias":"email","value":"ada@example.com"}}}}"#.to_owned(),
        "mautic.lead_points_change" => format!(r#""contact":{c},"points":{{"old_points":20,"new_points":25}}"#),
        "mautic.lead_list_change" => format!(r#""contact":{c},"segment":{{"id":3,"name":"Newsletter","alias":"newsletter"}},"action":"added""#),
        "mautic.lead_channel_subscription_changed" => {
            format!(r#""contact":{c},"channel":"email","old_status":"contactable","new_status":"unsubscribed""#)
        }
        "mautic.lead_company_change" => format!(r#""contact":{c},"company":{COMPANY},"added":true"#),
        "mautic.company_post_save" => format!(r#""company":{COMPANY}"#),
        "mautic.company_post_delete" => r#""id":1,"company":{"id":null,"deleted":1}"#.to_owned(),
        "mautic.email_on_send" => format!(
            r#""email":{{"id":4,"name":"Welcome","subject":"Welcome aboard","emailType":"template"}},"contact":{c},"idHash":"5f1e2d3c4b5a6","content":"<p>Hello Ada<\/p>""#
        ),
        "mautic.email_on_open" => format!(
            r#""stat":{{"id":12,"emailAddress":"ada@example.com","dateSent":"2026-11-22T09:00:00+00:00","isRead":true,"dateRead":"2026-11-22T10:00:00+00:00","openCount":1,"email":{{"id":4,"name":"Welcome","subject":"Welcome aboard"}},"lead":{c}}}"#
        ),
        "mautic.form_on_submit" => format!(
            r#""submission":{{"id":8,"ipAddress":{{"ipAddress":"203.0.113.7"}},"form":{{"id":2,"name":"Contact us","alias":"contactus"}},"lead":{c},"results":{{"email":"ada@example.com","message":"Hello"}},"dateSubmitted":"2026-11-22T10:00:00+00:00","referer":"https:\/\/example.com\/contact","page":null}}"#
        ),
        "mautic.page_on_hit" => format!(
            r#""hit":{{"id":30,"dateHit":"2026-11-22T10:00:00+00:00","url":"https:\/\/example.com\/pricing","page":{{"id":5,"title":"Pricing","alias":"pricing"}},"ipAddress":{{"ipAddress":"203.0.113.7"}},"lead":{c},"code":200,"source":null}}"#
        ),
        "mautic.sms_on_send" => format!(
            r#""smsId":6,"contact":{c},"content":"Your code is 1234""#
        ),
        "hookq.webhook_failing" => alert("500", "HTTP 500: upstream down", 1, ""),
        "hookq.webhook_recovered" => alert("200", "", 4, ""),
        "hookq.webhook_disabled" => alert(
            "410",
            "410 Gone: the receiver asked to stop",
            5,
            r#","reason":"the receiver answered 410 Gone""#,
        ),
        "hookq.batch_dead" => alert("503", "HTTP 503", 42, ""),
        other => {
            let mut t = String::new();
            super::body::encode_str(other, &mut t);
            format!(r#""id":1,"message":"sample event","type":{t}"#)
        }
    };
    format!(r#"{{{body},"hookqTest":true}}"#)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::BUILTIN_TRIGGERS;

    #[test]
    fn every_sample_is_a_normalised_object() {
        for t in BUILTIN_TRIGGERS
            .iter()
            .chain(crate::alert::TYPES.iter())
            .map(|x| x.0)
            .chain(["shop.order_paid"])
        {
            let s = sample(t);
            let v: serde_json::Value =
                serde_json::from_str(&s).unwrap_or_else(|e| panic!("{t}: {e}\n{s}"));
            assert!(v.is_object(), "{t}");
            assert_eq!(
                super::super::body::normalize(&s, 1 << 20).unwrap(),
                s,
                "{t} is not in normal form"
            );
        }
    }
}
