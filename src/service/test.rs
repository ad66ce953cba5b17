//! Test a webhook: one request shaped exactly like a live delivery (same
//! body form, headers and signature) with sample events, or a given
//! payload. Nothing is queued or logged, and nothing about the webhook
//! changes, whatever the answer.

use anyhow::Result;

use crate::delivery::body::{self, Event};
use crate::delivery::http::{Client, Outcome, Signed};
use crate::delivery::{samples, sign};
use crate::error::{UserError, not_found};
use crate::model::{OldSecret, Signing, now, validate_secret_for, validate_url};
use crate::store::Store;

/// What to test, as given.
#[derive(Debug, Clone, Default)]
pub struct TestInput {
    /// A stored webhook: its URL, secret and triggers.
    pub id: Option<i64>,
    /// Or this URL (with `secret`, default empty; with `signing`).
    pub url: Option<String>,
    pub secret: Option<String>,
    pub signing: Option<String>,
    /// The types to send a sample of; empty: the webhook's triggers.
    pub triggers: Vec<String>,
    /// A payload (JSON object text) to send instead of the samples.
    pub payload: Option<String>,
    /// With `url`: static headers to send (`NAME: VALUE`, as `--header`
    /// takes them); a stored webhook sends its own.
    pub headers: Vec<String>,
}

/// A checked test request, ready to send (no store needed any more).
#[derive(Debug, Clone)]
pub struct Prepared {
    url: String,
    secret: String,
    signing: Signing,
    old_secret: Option<OldSecret>,
    headers: Vec<(String, String)>,
    pub triggers: Vec<String>,
    pub body: String,
    pub webhook_id: String,
    timeout: std::time::Duration,
    site_url: String,
    block_private: bool,
    /// `api_test_echo_private`: see [`Tested::for_api`].
    echo_private: bool,
}

/// What the test request got back.
#[derive(Debug)]
pub struct Tested {
    pub prepared: Prepared,
    pub outcome: Outcome,
    /// The request went to a loopback or private address.
    pub reached_private: bool,
}

impl Tested {
    /// What an API user may see of it. Any API user can point a test at
    /// a service on the host or its private network: unless
    /// `api_test_echo_private` says otherwise, the answer of such a
    /// receiver is its status and time only, never what its body said,
    /// so the route cannot be used to read internal services.
    pub fn for_api(mut self) -> Tested {
        if self.reached_private && !self.prepared.echo_private {
            let had_body = !self.outcome.excerpt.is_empty();
            self.outcome = self.outcome.without_body();
            if had_body {
                let hidden = "response body not shown: the receiver is at a loopback or private address (an admin can allow it with `hookq config set api_test_echo_private true`)";
                self.outcome.note = if self.outcome.note.is_empty() {
                    hidden.to_owned()
                } else {
                    format!("{}; {hidden}", self.outcome.note)
                };
            }
        }
        self
    }
}

/// Check the input and build the request (reads the store).
pub fn prepare(store: &Store, i: &TestInput) -> Result<Prepared> {
    if i.id.is_some() && i.secret.is_some() {
        return Err(UserError::invalid(
            "--secret",
            "secret",
            None,
            "--secret goes with --url; a stored webhook signs with its own secret (change it with hookq edit ID --secret S)",
        )
        .into());
    }
    let settings = super::settings(store)?;
    let catalog = store.catalog()?;
    let hook = i.id.map(|id| store.get_hook(id)).transpose()?.flatten();
    if i.id.is_some() && i.signing.is_some() {
        return Err(UserError::invalid(
            "--signing",
            "signing",
            i.signing.as_deref(),
            "--signing goes with --url; a stored webhook signs its own way (change it with hookq edit ID --signing)",
        )
        .into());
    }
    if i.id.is_some() && !i.headers.is_empty() {
        return Err(UserError::invalid(
            "--header",
            "headers",
            None,
            "--header goes with --url; a stored webhook sends its own headers (change them with hookq edit ID --header)",
        )
        .into());
    }
    let (url, secret, signing, old_secret, subscribed, headers) = match (i.id, hook) {
        (Some(id), None) => return Err(not_found(id)),
        (_, Some(h)) => (
            h.webhook_url,
            h.secret,
            h.signing,
            h.old_secret,
            h.triggers,
            h.controls.headers,
        ),
        (None, None) => {
            let url = validate_url("--url", "webhookUrl", i.url.as_deref().unwrap_or(""))?;
            if i.triggers.is_empty() {
                return Err(UserError::invalid(
                    "--trigger",
                    "triggers",
                    None,
                    "with --url, name at least one --trigger",
                )
                .into());
            }
            let signing = i
                .signing
                .as_deref()
                .map(|s| Signing::parse("--signing", s))
                .transpose()?
                .unwrap_or_default();
            let secret = match (&i.secret, signing) {
                (None, Signing::Mautic) => String::new(),
                (None, Signing::Standard) => {
                    return Err(UserError::invalid(
                        "--secret",
                        "secret",
                        None,
                        "a standard signature needs the receiver's whsec_ secret: give --secret",
                    )
                    .into());
                }
                (Some(s), _) => validate_secret_for("--secret", signing, s)?,
            };
            let mut headers = Vec::new();
            for raw in &i.headers {
                let (n, v) = crate::controls::parse_header("--header", raw)?;
                crate::controls::set_header(&mut headers, n, v);
            }
            crate::controls::check_header_count("--header", &headers)?;
            (url, secret, signing, None, Vec::new(), headers)
        }
    };
    let triggers = if i.triggers.is_empty() {
        subscribed
    } else {
        i.triggers.clone()
    };
    for t in &triggers {
        catalog.check("--trigger", t)?;
    }
    let custom = match &i.payload {
        Some(raw) => Some(
            body::normalize(raw, settings.max_payload_bytes).map_err(|e| {
                UserError::invalid("--payload-file", "payload", None, e.to_string())
            })?,
        ),
        None => None,
    };
    let time = now();
    let events: Vec<Event> = triggers
        .iter()
        .map(|t| Event {
            event_type: t.clone(),
            payload: custom.clone().unwrap_or_else(|| samples::sample(t)),
            time,
        })
        .collect();
    let webhook_id = format!(
        "test-{}",
        crate::model::generate_secret()?
            .get(..24)
            .unwrap_or_default()
    );
    Ok(Prepared {
        url,
        secret,
        signing,
        old_secret,
        headers,
        triggers,
        body: body::build(&events),
        webhook_id,
        timeout: settings.timeout,
        site_url: settings.site_url.clone(),
        block_private: settings.block_private_addresses,
        echo_private: settings.api_test_echo_private,
    })
}

/// Send it (blocking, up to the `timeout` setting).
pub fn send(p: Prepared) -> Tested {
    let signature = sign::sign_request(
        p.signing,
        &p.secret,
        &p.old_secret,
        &p.webhook_id,
        p.body.as_bytes(),
        now(),
    );
    let client = Client::new(p.timeout, 1, &p.site_url, p.block_private);
    let mut outcome = client.post(&Signed {
        url: &p.url,
        body: &p.body,
        signature: &signature,
        webhook_id: &p.webhook_id,
        headers: &p.headers,
    });
    if outcome.status == Some(410) {
        // Say what a delivery would do; a test changes nothing.
        outcome.note = outcome.note.replacen(
            "410 Gone: the receiver asked to stop",
            "410 Gone: the receiver asked to stop; a delivery would unpublish the webhook (this test changed nothing)",
            1,
        );
    }
    Tested {
        reached_private: client.reached_private(),
        prepared: p,
        outcome,
    }
}
