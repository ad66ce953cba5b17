//! Exit codes and the few error kinds that code must match on.
//!
//! Everything else travels as `anyhow::Error` with context; `main` prints
//! it as one line. A [`UserError`] anywhere in the chain decides the exit
//! code and, under `--json`, the Mautic-shaped error object.

use std::fmt;

/// Documented exit codes (README "Exit codes").
pub mod code {
    pub const SUCCESS: u8 = 0;
    pub const FAILURE: u8 = 1;
    pub const USAGE: u8 = 2;
    pub const DELIVERY_FAILED: u8 = 3;
    /// Bad input met after part of it was stored (`emit --ndjson`).
    pub const PARTLY_STORED: u8 = 4;
}

/// An error whose kind matters to the caller: it picks the exit code and
/// the HTTP-like code of Mautic's error JSON.
#[derive(Debug, thiserror::Error)]
pub enum UserError {
    /// Bad input; nothing was written. Exit 2.
    #[error("{0}")]
    Invalid(Invalid),
    /// The named thing does not exist. Exit 1.
    #[error("{what} {id} not found")]
    NotFound { what: &'static str, id: String },
    /// The same, said in a whole sentence with where to look. Exit 1.
    #[error("{0}")]
    Missing(String),
    /// The request is valid but the current state forbids it. Exit 1.
    #[error("{0}")]
    Conflict(String),
    /// Bad input, met after what came before it was stored. Exit 4.
    #[error("{0}")]
    PartlyStored(Invalid),
}

/// One rejected input: the flag a user typed, the field Mautic's API would
/// name, the offending value and how to fix it.
#[derive(Debug)]
pub struct Invalid {
    /// What the user typed: `--url`, `HOOKQ_TIMEOUT`, `TYPE`.
    pub flag: String,
    /// Mautic's field name for the JSON error's `details` (`webhookUrl`).
    pub field: String,
    pub value: Option<String>,
    pub reason: String,
    /// The reason in the API's own words, where `reason` speaks of CLI
    /// flags or commands (see [`UserError::in_api_words`]).
    pub api_reason: Option<String>,
}

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.value {
            // Debug formatting quotes the value and escapes control
            // characters, so a CR/LF in input cannot split the line.
            Some(v) => write!(f, "invalid {} {}: {}", self.flag, shown(v), self.reason),
            None => write!(f, "invalid {}: {}", self.flag, self.reason),
        }
    }
}

/// Values longer than this are cut in messages.
const SHOWN_CHARS: usize = 60;

/// A value as a message quotes it: escaped (a CR/LF cannot split the
/// line), and a long one cut, with its length (a 5,000-character name was
/// echoed whole).
fn shown(v: &str) -> String {
    let n = v.chars().count();
    if n <= SHOWN_CHARS {
        return format!("{v:?}");
    }
    let head: String = v.chars().take(SHOWN_CHARS).collect();
    format!("{:?}… ({n} characters)", head)
}

impl UserError {
    pub fn invalid(
        flag: impl Into<String>,
        field: impl Into<String>,
        value: Option<&str>,
        reason: impl Into<String>,
    ) -> Self {
        UserError::Invalid(Invalid {
            flag: flag.into(),
            field: field.into(),
            value: value.map(str::to_owned),
            reason: reason.into(),
            api_reason: None,
        })
    }

    pub fn exit_code(&self) -> u8 {
        match self {
            UserError::Invalid(_) => code::USAGE,
            UserError::PartlyStored(_) => code::PARTLY_STORED,
            UserError::NotFound { .. } | UserError::Missing(_) | UserError::Conflict(_) => {
                code::FAILURE
            }
        }
    }

    /// The same refusal, said to an API client in the API's terms (its
    /// fields and routes) where the CLI's reason names flags or commands.
    pub fn in_api_words(mut self, reason: impl Into<String>) -> Self {
        if let UserError::Invalid(i) | UserError::PartlyStored(i) = &mut self {
            i.api_reason = Some(reason.into());
        }
        self
    }

    /// Mautic's API error object: `{"errors":[{code,message,details,type}]}`,
    /// as `--json` prints it.
    pub fn to_mautic_json(&self) -> serde_json::Value {
        self.json_with(false)
    }

    /// [`UserError::to_mautic_json`] as `serve` answers it: in the API's
    /// words where they differ.
    pub fn to_api_json(&self) -> serde_json::Value {
        self.json_with(true)
    }

    fn json_with(&self, api: bool) -> serde_json::Value {
        let (code, message, details) = match self {
            UserError::Invalid(i) | UserError::PartlyStored(i) => {
                let reason = match &i.api_reason {
                    Some(r) if api => r,
                    _ => &i.reason,
                };
                (
                    400,
                    format!("{}: {}", i.field, reason),
                    serde_json::json!({ i.field.clone(): [reason.clone()] }),
                )
            }
            UserError::NotFound { .. } | UserError::Missing(_) => {
                (404, self.to_string(), serde_json::json!([]))
            }
            UserError::Conflict(m) => (409, m.clone(), serde_json::json!([])),
        };
        serde_json::json!({"errors": [{"code": code, "message": message, "details": details, "type": null}]})
    }
}

/// The webhook `id` does not exist.
pub fn not_found(id: i64) -> anyhow::Error {
    UserError::NotFound {
        what: "webhook",
        id: id.to_string(),
    }
    .into()
}

/// Shorthand for the common case in validators.
pub fn invalid<T>(
    flag: &str,
    field: &str,
    value: Option<&str>,
    reason: impl Into<String>,
) -> Result<T, UserError> {
    Err(UserError::invalid(flag, field, value, reason))
}

/// A generic (non-user) error reported in `--json` mode.
pub fn generic_json(message: &str, code: u16) -> serde_json::Value {
    serde_json::json!({"errors": [{"code": code, "message": message, "details": [], "type": null}]})
}

#[cfg(test)]
mod tests {
    #[test]
    fn long_values_are_cut_in_messages() {
        let e = UserError::invalid("--name", "name", Some(&"x".repeat(5000)), "too long");
        let m = e.to_string();
        assert!(m.len() < 200, "{m}");
        assert!(m.contains("(5000 characters)"), "{m}");
        let e = UserError::invalid("--url", "webhookUrl", Some("a\nb"), "bad");
        assert_eq!(e.to_string(), r#"invalid --url "a\nb": bad"#);
    }

    use super::*;

    #[test]
    fn invalid_display_escapes_control_characters() {
        let e = UserError::invalid("--name", "name", Some("a\r\nb"), "no control characters");
        assert_eq!(
            e.to_string(),
            r#"invalid --name "a\r\nb": no control characters"#
        );
        assert_eq!(e.exit_code(), 2);
    }

    #[test]
    fn mautic_error_json_shape() {
        let e = UserError::invalid("--name", "name", None, "A name is required.");
        assert_eq!(
            e.to_mautic_json().to_string(),
            r#"{"errors":[{"code":400,"message":"name: A name is required.","details":{"name":["A name is required."]},"type":null}]}"#
        );
    }
}
