//! Webhook Settings.

use super::*;

/// One setting as the page shows it.
pub struct SettingRow {
    pub key: &'static str,
    pub label: &'static str,
    pub value: String,
    pub default: &'static str,
    pub source: &'static str,
    pub about: &'static str,
    /// Set by `HOOKQ_<KEY>`: shown, not editable here.
    pub locked: bool,
    pub env: String,
    pub error: Option<String>,
    /// (value, label) of a choice, for the guide's settings.
    pub options: Vec<(&'static str, &'static str)>,
}

#[derive(Template)]
#[template(path = "console/settings.html")]
pub(super) struct SettingsPage {
    title: &'static str,
    nav: Option<Nav>,
    csrf: String,
    notice: Option<String>,
    guide: Vec<SettingRow>,
    all: Vec<SettingRow>,
}

/// A choice's value and Mautic's label for it.
pub(super) type Choice = (&'static str, &'static str);

/// The guide's Webhook Settings, with Mautic's labels and choices.
pub(super) const GUIDE: &[(&str, &str, &[Choice])] = &[
    (
        "queue_mode",
        "Queue Mode",
        &[
            ("immediate", "Process Events Immediately"),
            ("queue", "Queue Events Only - Process Via CLI Command"),
        ],
    ),
    (
        "events_order",
        "Order of the queued events",
        &[("asc", "Chronological"), ("desc", "Reverse Chronological")],
    ),
];

pub(super) fn setting_rows(
    values: &[crate::settings::Effective],
    typed: &[(String, String)],
    errors: &[(String, String)],
) -> (Vec<SettingRow>, Vec<SettingRow>) {
    let row = |e: &crate::settings::Effective| {
        let key = e.def.key;
        let locked = e.source == crate::settings::Source::Env;
        let value = typed
            .iter()
            .find(|(k, _)| k == key)
            .map_or_else(|| e.value.clone(), |(_, v)| v.clone());
        SettingRow {
            key,
            label: key,
            value,
            default: e.def.default,
            source: e.source.as_str(),
            about: e.def.about,
            locked,
            env: crate::settings::env_name(key),
            error: errors
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, m)| m.clone()),
            options: Vec::new(),
        }
    };
    let guide = GUIDE
        .iter()
        .filter_map(|(key, label, options)| {
            let e = values.iter().find(|e| e.def.key == *key)?;
            let mut r = row(e);
            r.label = label;
            r.options = options.to_vec();
            Some(r)
        })
        .collect();
    let all = values
        .iter()
        .filter(|e| !GUIDE.iter().any(|(k, _, _)| *k == e.def.key))
        .map(row)
        .collect();
    (guide, all)
}

pub(super) async fn settings_page(
    c: &Arc<Console>,
    cur: &Current,
    typed: &[(String, String)],
    errors: &[(String, String)],
    notice: Option<String>,
) -> Response {
    let values = match c.app.read(crate::service::config::list).await {
        Ok(v) => v,
        Err(e) => return failure(&e),
    };
    let (guide, all) = setting_rows(&values, typed, errors);
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    html(
        status,
        &SettingsPage {
            title: "Webhook Settings",
            nav: Some(Nav::of("settings", cur)),
            csrf: cur.session.csrf.clone(),
            notice,
            guide,
            all,
        },
    )
}

pub async fn settings(
    State(c): State<Arc<Console>>,
    Extension(cur): Extension<Current>,
    RawQuery(q): RawQuery,
) -> Response {
    let notice = query_value(q.as_deref(), "saved").map(|_| String::from("Saved."));
    settings_page(&c, &cur, &[], &[], notice).await
}

/// Save every changed setting, each checked as `config set` checks it;
/// one refused value saves nothing and is shown with its message.
pub async fn save_settings(
    State(c): State<Arc<Console>>,
    Extension(cur): Extension<Current>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let form = match posted(&headers, &cur, &body) {
        Ok(f) => f,
        Err(r) => return *r,
    };
    let current = match c.app.read(crate::service::config::list).await {
        Ok(v) => v,
        Err(e) => return failure(&e),
    };
    let mut changes = Vec::new();
    let mut errors = Vec::new();
    let mut typed = Vec::new();
    for e in &current {
        let key = e.def.key;
        if e.source == crate::settings::Source::Env {
            continue;
        }
        let Some((_, given)) = form.0.iter().find(|(k, _)| k == key) else {
            continue;
        };
        typed.push((key.to_owned(), given.clone()));
        if *given == e.value {
            continue;
        }
        match crate::service::config::canonical(e.def, given) {
            Ok(canonical) => changes.push((e.def, canonical)),
            Err(err) => errors.push((
                key.to_owned(),
                match err.downcast_ref::<crate::error::UserError>() {
                    Some(crate::error::UserError::Invalid(i)) => i.reason.clone(),
                    _ => err.to_string(),
                },
            )),
        }
    }
    if !errors.is_empty() {
        return settings_page(&c, &cur, &typed, &errors, None).await;
    }
    if !changes.is_empty() {
        let saved = c
            .app
            .write(move |s| crate::service::config::set_many(s, &changes))
            .await;
        if let Err(e) = saved {
            return failure(&e);
        }
    }
    see_other("/settings?saved=1")
}
