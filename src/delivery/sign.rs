//! Request signatures, both schemes a webhook can use.
//!
//! Mautic's (the default): `Webhook-Signature` is standard padded base64 of
//! HMAC-SHA256 over the exact body bytes, keyed with the secret's UTF-8
//! bytes.
//!
//! Standard Webhooks (<https://www.standardwebhooks.com>): `webhook-id`,
//! `webhook-timestamp` (Unix seconds of this attempt) and
//! `webhook-signature`, a space-separated list of `v1,` + base64
//! HMAC-SHA256 over `{id}.{timestamp}.{body}`, keyed with the base64-decoded
//! part of a `whsec_…` secret. After a rotation the list carries one
//! signature per live secret.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

use crate::model::{Epoch, OldSecret, Signing, standard_key};

type HmacSha256 = Hmac<Sha256>;

fn keyed(key: &[u8]) -> HmacSha256 {
    // HMAC takes keys of any length; this cannot fail.
    HmacSha256::new_from_slice(key).expect("HMAC accepts any key length")
}

fn mac(secret: &str, body: &[u8]) -> HmacSha256 {
    let mut m = keyed(secret.as_bytes());
    m.update(body);
    m
}

pub fn sign(secret: &str, body: &[u8]) -> String {
    STANDARD.encode(mac(secret, body).finalize().into_bytes())
}

/// Whether `signature` (base64) signs `body`; compared in constant time.
/// `Err` when the signature is not base64 at all.
pub fn verify(secret: &str, body: &[u8], signature: &str) -> Result<bool, base64::DecodeError> {
    let expected = STANDARD.decode(signature.trim())?;
    Ok(mac(secret, body).verify_slice(&expected).is_ok())
}

fn standard_mac(key: &[u8], id: &str, timestamp: i64, body: &[u8]) -> HmacSha256 {
    let mut m = keyed(key);
    m.update(id.as_bytes());
    m.update(b".");
    m.update(timestamp.to_string().as_bytes());
    m.update(b".");
    m.update(body);
    m
}

/// One `v1,…` signature of a message.
pub fn standard_sign(key: &[u8], id: &str, timestamp: i64, body: &[u8]) -> String {
    format!(
        "v1,{}",
        STANDARD.encode(
            standard_mac(key, id, timestamp, body)
                .finalize()
                .into_bytes()
        )
    )
}

/// Whether any `v1,` signature in the space-separated `header` signs the
/// message with `key`; each compared in constant time. Other versions and
/// malformed entries are skipped, as the standard's libraries do.
pub fn standard_verify(key: &[u8], id: &str, timestamp: i64, body: &[u8], header: &str) -> bool {
    let mac = standard_mac(key, id, timestamp, body);
    header.split(' ').any(|entry| {
        entry
            .strip_prefix("v1,")
            .and_then(|b64| STANDARD.decode(b64).ok())
            .is_some_and(|sig| mac.clone().verify_slice(&sig).is_ok())
    })
}

/// How far a standard `webhook-timestamp` may be from the receiver's
/// clock (the standard's libraries use 5 minutes).
pub const TOLERANCE_SECS: u64 = 300;

/// A receiver's whole check of a standard request: the timestamp is Unix
/// seconds within `tolerance` of `now` (None: not checked) and a `v1`
/// signature matches. `Err`: why not, in a few words.
pub fn standard_check(
    key: &[u8],
    id: &str,
    timestamp: &str,
    body: &[u8],
    header: &str,
    now: Epoch,
    tolerance: Option<u64>,
) -> Result<(), String> {
    let Ok(ts) = timestamp.trim().parse::<i64>() else {
        return Err(format!(
            "webhook-timestamp {timestamp:?} is not Unix seconds"
        ));
    };
    if let Some(tol) = tolerance {
        let off = now.saturating_sub(ts);
        if off.unsigned_abs() > tol {
            let when = if off > 0 { "old" } else { "in the future" };
            return Err(format!(
                "webhook-timestamp is {}s {when} (more than {tol}s): a replay or a stale capture",
                off.unsigned_abs()
            ));
        }
    }
    if standard_verify(key, id, ts, body, header) {
        Ok(())
    } else {
        Err(String::from("no v1 signature in webhook-signature matches"))
    }
}

/// The signature headers of one attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Signature {
    /// `Webhook-Signature` (with `Webhook-Id` beside it).
    Mautic(String),
    /// `webhook-timestamp` and `webhook-signature` (with `webhook-id`).
    Standard { timestamp: i64, signatures: String },
}

/// Sign `body`, the batch `uid`'s, as a webhook with `secret` and
/// `signing` does at `at` (a rotated-out secret signs too until it
/// expires). A standard secret that does not decode (only possible in a
/// database written by hand) signs with its text, which no receiver
/// accepts: the attempt fails visibly rather than the run.
pub fn sign_request(
    signing: Signing,
    secret: &str,
    old: &Option<OldSecret>,
    uid: &str,
    body: &[u8],
    at: Epoch,
) -> Signature {
    match signing {
        Signing::Mautic => Signature::Mautic(sign(secret, body)),
        Signing::Standard => {
            let key = |s: &str| standard_key(s).unwrap_or_else(|_| s.as_bytes().to_vec());
            let mut signatures = standard_sign(&key(secret), uid, at, body);
            if let Some(o) = OldSecret::live(old, at) {
                signatures.push(' ');
                signatures.push_str(&standard_sign(&key(&o.secret), uid, at, body));
            }
            Signature::Standard {
                timestamp: at,
                signatures,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spec_vectors() {
        assert_eq!(
            sign(
                "secret",
                br#"{"mautic.email_on_send":[{"payload":"some data","timestamp":"2021-04-01T16:00:00+00:00"}]}"#
            ),
            "qXECAS+voHNuBe3pxs0HihF7NsBHw/zrA6n3KF93qG8="
        );
        assert_eq!(
            sign(
                "test-secret-key-12345",
                br#"{"mautic.lead_post_save_new":[{"contact":{"id":1}}]}"#
            ),
            "W0JSXR92jXQedGQbzElCyLajFIW4KuKuaK5C73H4OPM="
        );
        // RFC 4231 test case 2.
        assert_eq!(
            sign("Jefe", b"what do ya want for nothing?"),
            "W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM="
        );
    }

    #[test]
    fn verify_accepts_only_the_right_signature() {
        let sig = sign("k", b"body");
        assert_eq!(verify("k", b"body", &sig), Ok(true));
        assert_eq!(verify("k", b"bodY", &sig), Ok(false));
        assert_eq!(verify("K", b"body", &sig), Ok(false));
        assert!(verify("k", b"body", "not base64!").is_err());
    }

    /// The Standard Webhooks specification's published vectors.
    #[test]
    fn standard_spec_vectors() {
        let cases = [
            (
                "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                "msg_p5jXN8AQM9LWM0D4loKWxJek",
                1614265330,
                r#"{"test": 2432232314}"#,
                "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
            ),
            (
                "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD",
                "msg_27UH4WbU6Z5A5EzD8u03UvzRbpk",
                1649367553,
                r#"{"email":"test@example.com","username":"test_user"}"#,
                "v1,tZ1I4/hDygAJgO5TYxiSd6Sd0kDW6hPenDe+bTa3Kkw=",
            ),
        ];
        for (secret, id, ts, body, expected) in cases {
            let key = standard_key(secret).unwrap();
            assert_eq!(standard_sign(&key, id, ts, body.as_bytes()), expected);
            assert!(standard_verify(&key, id, ts, body.as_bytes(), expected));
            assert!(!standard_verify(
                &key,
                id,
                ts + 1,
                body.as_bytes(),
                expected
            ));
            assert!(standard_verify(
                &key,
                id,
                ts,
                body.as_bytes(),
                &format!("v2,abc v1,bm90IGl0 {expected}")
            ));
        }
    }

    #[test]
    fn standard_check_refuses_stale_and_malformed_timestamps() {
        let key = standard_key("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").unwrap();
        let sig = standard_sign(&key, "m", 1000, b"{}");
        assert_eq!(
            standard_check(&key, "m", "1000", b"{}", &sig, 1299, Some(300)),
            Ok(())
        );
        assert_eq!(
            standard_check(&key, "m", "1000", b"{}", &sig, 701, Some(300)),
            Ok(())
        );
        let stale = standard_check(&key, "m", "1000", b"{}", &sig, 1301, Some(300)).unwrap_err();
        assert!(stale.contains("301s old"), "{stale}");
        let ahead = standard_check(&key, "m", "1000", b"{}", &sig, 600, Some(300)).unwrap_err();
        assert!(ahead.contains("in the future"), "{ahead}");
        assert_eq!(
            standard_check(&key, "m", "1000", b"{}", &sig, 99_999, None),
            Ok(())
        );
        assert!(standard_check(&key, "m", "10x", b"{}", &sig, 1000, None).is_err());
        assert!(standard_check(&key, "m", "1000", b"{ }", &sig, 1000, None).is_err());
    }

    #[test]
    fn standard_secrets_are_checked() {
        assert!(standard_key("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").is_ok());
        assert!(
            standard_key("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
                .unwrap_err()
                .contains("whsec_")
        );
        assert!(
            standard_key("whsec_not*base64")
                .unwrap_err()
                .contains("not base64")
        );
        // 15 bytes: too short.
        assert!(
            standard_key("whsec_MfKQ9r8GKYqrTwjUPD8I")
                .unwrap_err()
                .contains("15 bytes")
        );
        let generated = crate::model::generate_standard_secret().unwrap();
        assert_eq!(standard_key(&generated).unwrap().len(), 32);
    }

    #[test]
    fn a_rotated_secret_signs_until_it_expires() {
        let new = crate::model::generate_standard_secret().unwrap();
        let old = Some(OldSecret {
            secret: crate::model::generate_standard_secret().unwrap(),
            until: 1000,
        });
        let Signature::Standard { signatures, .. } =
            sign_request(Signing::Standard, &new, &old, "id", b"{}", 999)
        else {
            panic!("standard")
        };
        let parts: Vec<&str> = signatures.split(' ').collect();
        assert_eq!(parts.len(), 2);
        let old_key = standard_key(&old.as_ref().unwrap().secret).unwrap();
        assert!(standard_verify(&old_key, "id", 999, b"{}", &signatures));
        assert!(standard_verify(
            &standard_key(&new).unwrap(),
            "id",
            999,
            b"{}",
            parts[0]
        ));
        let Signature::Standard { signatures, .. } =
            sign_request(Signing::Standard, &new, &old, "id", b"{}", 1000)
        else {
            panic!("standard")
        };
        assert!(!signatures.contains(' '));
        assert_eq!(
            sign_request(Signing::Mautic, "secret", &None, "x", b"b", 5),
            Signature::Mautic(sign("secret", b"b"))
        );
    }
}
