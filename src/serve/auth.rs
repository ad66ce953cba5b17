//! HTTP Basic against hookq's API users.
//!
//! Each password check is argon2id (tens of milliseconds by design), so a
//! password that verified once is remembered as an HMAC under a key that
//! lives only in this process, beside the stored hash it matched: the
//! next request with the same credentials costs one HMAC, and a removed
//! user or a changed password (a different stored hash) is checked afresh.
//! An unknown user costs an argon2 check too, so timing does not tell
//! which usernames exist. Failures are counted per client address; past
//! [`FREE_FAILURES`] in [`WINDOW`], each new attempt from that address
//! waits longer before it is checked (and its 401 says how long with
//! `Retry-After`).

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use base64::Engine;
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

use crate::model::{ApiUser, random_bytes};
use crate::service::api_users;

/// Failures an address may make before its attempts are slowed.
pub const FREE_FAILURES: u32 = 5;
/// How long failures are remembered.
pub const WINDOW: Duration = Duration::from_secs(15 * 60);
const MAX_DELAY: Duration = Duration::from_secs(8);
/// Addresses tracked at once; the oldest are forgotten beyond this.
const MAX_TRACKED: usize = 10_000;

type HmacSha256 = Hmac<Sha256>;

/// Credentials from an `Authorization: Basic` header.
pub struct Credentials {
    pub username: String,
    pub password: String,
}

/// Decode `Basic base64(user:password)`; None when absent or malformed.
pub fn basic(header: Option<&str>) -> Option<Credentials> {
    let h = header?.trim();
    let (scheme, token) = h.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let raw = base64::engine::general_purpose::STANDARD
        .decode(token.trim())
        .ok()?;
    let text = String::from_utf8(raw).ok()?;
    let (user, pass) = text.split_once(':')?;
    Some(Credentials {
        username: user.to_owned(),
        password: pass.to_owned(),
    })
}

struct Failures {
    count: u32,
    last: Instant,
}

pub struct Auth {
    key: [u8; 32],
    /// username -> (the stored hash it matched, HMAC of the password).
    verified: Mutex<HashMap<String, (String, Vec<u8>)>>,
    failures: Mutex<HashMap<IpAddr, Failures>>,
    /// Checked for unknown users, so they cost what known ones do.
    decoy: String,
}

impl Auth {
    pub fn new() -> anyhow::Result<Auth> {
        let mut key = [0u8; 32];
        random_bytes(&mut key)?;
        let mut decoy = [0u8; 16];
        random_bytes(&mut decoy)?;
        Ok(Auth {
            key,
            verified: Mutex::new(HashMap::new()),
            failures: Mutex::new(HashMap::new()),
            decoy: api_users::hash_password(&crate::model::hex(&decoy))?,
        })
    }

    fn mac(&self, username: &str, password: &str) -> HmacSha256 {
        let mut m = <HmacSha256 as KeyInit>::new_from_slice(&self.key).expect("any key size");
        m.update(username.as_bytes());
        m.update(&[0]);
        m.update(password.as_bytes());
        m
    }

    /// Whether `password` is `user`'s (None: no such user). Blocking: may
    /// run argon2.
    pub fn check(&self, user: Option<&ApiUser>, username: &str, password: &str) -> bool {
        let Some(user) = user else {
            api_users::verify_password(&self.decoy, password);
            return false;
        };
        let remembered = self
            .verified
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(username)
            .filter(|(hash, _)| *hash == user.password_hash)
            .map(|(_, tag)| tag.clone());
        if let Some(tag) = remembered {
            // verify_slice compares in constant time.
            return self.mac(username, password).verify_slice(&tag).is_ok();
        }
        if !api_users::verify_password(&user.password_hash, password) {
            return false;
        }
        let tag = self
            .mac(username, password)
            .finalize()
            .into_bytes()
            .to_vec();
        self.verified
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(username.to_owned(), (user.password_hash.clone(), tag));
        true
    }

    /// How long an attempt from `ip` must wait before it is checked.
    pub fn delay(&self, ip: IpAddr) -> Duration {
        let map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        match map.get(&ip) {
            Some(f) if f.last.elapsed() < WINDOW && f.count >= FREE_FAILURES => {
                let steps = (f.count - FREE_FAILURES).min(10);
                (Duration::from_millis(250) * 2u32.pow(steps)).min(MAX_DELAY)
            }
            _ => Duration::ZERO,
        }
    }

    pub fn failed(&self, ip: IpAddr) {
        let mut map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        if map.len() >= MAX_TRACKED && !map.contains_key(&ip) {
            map.retain(|_, f| f.last.elapsed() < WINDOW);
            if map.len() >= MAX_TRACKED
                && let Some(oldest) = map.iter().min_by_key(|(_, f)| f.last).map(|(k, _)| *k)
            {
                map.remove(&oldest);
            }
        }
        let f = map.entry(ip).or_insert(Failures {
            count: 0,
            last: Instant::now(),
        });
        if f.last.elapsed() >= WINDOW {
            f.count = 0;
        }
        f.count += 1;
        f.last = Instant::now();
    }

    pub fn succeeded(&self, ip: IpAddr) {
        self.failures
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(&ip);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basic_headers_decode() {
        let c = basic(Some("Basic YWxhZGRpbjpvcGVuIHNlc2FtZQ==")).unwrap();
        assert_eq!(
            (c.username.as_str(), c.password.as_str()),
            ("aladdin", "open sesame")
        );
        // A colon in the password stays in the password.
        let c = basic(Some("basic dTpwOnE=")).unwrap();
        assert_eq!(c.password, "p:q");
        assert!(basic(Some("Bearer abc")).is_none());
        assert!(basic(Some("Basic !!!")).is_none());
        assert!(basic(Some("Basic dXNlcg==")).is_none());
        assert!(basic(None).is_none());
    }

    #[test]
    fn failures_slow_an_address_down_and_success_clears_it() {
        let auth = Auth::new().unwrap();
        let ip: IpAddr = "127.0.0.7".parse().unwrap();
        for _ in 0..FREE_FAILURES {
            assert_eq!(auth.delay(ip), Duration::ZERO);
            auth.failed(ip);
        }
        let first = auth.delay(ip);
        assert!(first > Duration::ZERO);
        auth.failed(ip);
        assert!(auth.delay(ip) > first);
        assert_eq!(auth.delay("127.0.0.8".parse().unwrap()), Duration::ZERO);
        auth.succeeded(ip);
        assert_eq!(auth.delay(ip), Duration::ZERO);
    }

    #[test]
    fn a_remembered_password_still_has_to_match() {
        let auth = Auth::new().unwrap();
        let user = ApiUser {
            id: 1,
            username: "u".into(),
            password_hash: api_users::hash_password("right password").unwrap(),
            date_added: 0,
            created_by_user: None,
        };
        assert!(auth.check(Some(&user), "u", "right password"));
        assert!(auth.check(Some(&user), "u", "right password"));
        assert!(!auth.check(Some(&user), "u", "wrong password"));
        assert!(!auth.check(None, "nobody", "right password"));
        // A new stored hash (password changed) is checked afresh.
        let changed = ApiUser {
            password_hash: api_users::hash_password("new password").unwrap(),
            ..user
        };
        assert!(!auth.check(Some(&changed), "u", "right password"));
        assert!(auth.check(Some(&changed), "u", "new password"));
    }
}
