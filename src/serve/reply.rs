//! Responses in Mautic's shapes: JSON bodies, and errors as
//! `{"errors":[{"code":..,"message":..,"details":..,"type":..}]}` with the
//! status Mautic answers with. Nothing here ever answers HTML.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use crate::error::UserError;

/// A JSON document with a status.
pub fn json(status: StatusCode, v: &Value) -> Response {
    bytes(
        status,
        serde_json::to_vec(v).unwrap_or_else(|_| b"{}".to_vec()),
    )
}

/// A JSON document already written, with a status.
pub fn bytes(status: StatusCode, body: Vec<u8>) -> Response {
    (
        status,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        body,
    )
        .into_response()
}

/// A request the API refuses, or a failure it reports (boxed: it travels
/// in every `Result` of a handler).
#[derive(Debug)]
pub struct ApiError(Box<Refusal>);

#[derive(Debug)]
pub struct Refusal {
    pub status: StatusCode,
    pub body: Value,
    /// What to print on stderr (a server-side failure), never sent.
    pub log: Option<String>,
    pub headers: Vec<(header::HeaderName, HeaderValue)>,
}

impl std::ops::Deref for ApiError {
    type Target = Refusal;
    fn deref(&self) -> &Refusal {
        &self.0
    }
}

impl std::ops::DerefMut for ApiError {
    fn deref_mut(&mut self) -> &mut Refusal {
        &mut self.0
    }
}

impl From<Refusal> for ApiError {
    fn from(r: Refusal) -> ApiError {
        ApiError(Box::new(r))
    }
}

impl ApiError {
    pub fn new(status: StatusCode, message: &str, details: Value, kind: Value) -> ApiError {
        Refusal {
            status,
            body: json!({"errors": [{
                "code": status.as_u16(),
                "message": message,
                "details": details,
                "type": kind,
            }]}),
            log: None,
            headers: Vec::new(),
        }
        .into()
    }

    /// 400 naming a field, as Mautic's form errors: `field: reason`.
    pub fn field(field: &str, reason: &str) -> ApiError {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            &format!("{field}: {reason}"),
            json!({ field: [reason] }),
            Value::Null,
        )
    }

    /// 400 about the request as a whole.
    pub fn bad_request(message: &str) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, message, json!([]), Value::Null)
    }

    pub fn not_found() -> ApiError {
        ApiError::new(
            StatusCode::NOT_FOUND,
            "Item was not found.",
            json!([]),
            Value::Null,
        )
    }

    /// Mautic's 401, with the challenge Basic clients expect.
    pub fn unauthorized() -> ApiError {
        let mut e: ApiError = Refusal {
            status: StatusCode::UNAUTHORIZED,
            body: json!({"errors": [{
                "message": "API authorization denied.",
                "code": 401,
                "type": "access_denied",
            }]}),
            log: None,
            headers: Vec::new(),
        }
        .into();
        e.headers.push((
            header::WWW_AUTHENTICATE,
            HeaderValue::from_static("Basic realm=\"hookq\", charset=\"UTF-8\""),
        ));
        e
    }

    pub fn with_header(mut self, name: header::HeaderName, value: HeaderValue) -> ApiError {
        self.headers.push((name, value));
        self
    }

    /// The first error's message (for per-item batch errors).
    pub fn message(&self) -> String {
        self.body["errors"][0]["message"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }
}

impl From<anyhow::Error> for ApiError {
    fn from(err: anyhow::Error) -> ApiError {
        match err.chain().find_map(|e| e.downcast_ref::<UserError>()) {
            Some(UserError::NotFound { .. }) => ApiError::not_found(),
            Some(UserError::Missing(m)) => {
                ApiError::new(StatusCode::NOT_FOUND, m, json!([]), Value::Null)
            }
            Some(u @ (UserError::Invalid(_) | UserError::PartlyStored(_))) => Refusal {
                status: StatusCode::BAD_REQUEST,
                body: u.to_api_json(),
                log: None,
                headers: Vec::new(),
            }
            .into(),
            Some(UserError::Conflict(m)) => {
                ApiError::new(StatusCode::CONFLICT, m, json!([]), Value::Null)
            }
            None => {
                let mut e = ApiError::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "hookq could not complete the request; see the server's log",
                    json!([]),
                    Value::Null,
                );
                e.log = Some(format!("{err:#}"));
                e
            }
        }
    }
}

impl ApiError {
    /// The same refusal answered with `status` (each error's `code` too).
    pub fn with_status(mut self, status: StatusCode) -> ApiError {
        self.0.status = status;
        if let Some(errors) = self.0.body.get_mut("errors").and_then(Value::as_array_mut) {
            for e in errors {
                e["code"] = Value::from(status.as_u16());
            }
        }
        self
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let e = *self.0;
        if let Some(line) = &e.log {
            eprintln!("hookq: serve: {line}");
        }
        let mut r = json(e.status, &e.body);
        for (k, v) in e.headers {
            r.headers_mut().insert(k, v);
        }
        r
    }
}

/// A PHP array as `json_encode` writes it: a list when its keys are
/// 0..n in order, else an object keyed by index (batch answers keep the
/// request's indexes, with gaps where an item failed).
pub fn php_array(items: Vec<(usize, Value)>) -> Value {
    if items.iter().enumerate().all(|(i, (k, _))| i == *k) {
        Value::Array(items.into_iter().map(|(_, v)| v).collect())
    } else {
        Value::Object(items.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn php_arrays_are_lists_only_without_gaps() {
        assert_eq!(php_array(vec![(0, json!(1)), (1, json!(2))]), json!([1, 2]));
        assert_eq!(php_array(vec![(1, json!(2))]), json!({"1": 2}));
        assert_eq!(php_array(vec![]), json!([]));
    }

    #[test]
    fn user_errors_keep_mautics_shape() {
        let e: ApiError = anyhow::Error::from(UserError::invalid(
            "--name",
            "name",
            None,
            "A name is required.",
        ))
        .into();
        assert_eq!(e.status, StatusCode::BAD_REQUEST);
        assert_eq!(
            e.body.to_string(),
            r#"{"errors":[{"code":400,"message":"name: A name is required.","details":{"name":["A name is required."]},"type":null}]}"#
        );
        let e: ApiError = crate::error::not_found(3).into();
        assert_eq!(e.status, StatusCode::NOT_FOUND);
        assert_eq!(e.message(), "Item was not found.");
    }
}
