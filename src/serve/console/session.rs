//! Console sessions: who signed in, and the token each form carries.
//!
//! A session is a random 128-bit id (the OS's random source) in a cookie
//! (`HttpOnly`, `SameSite=Strict`, `Secure` behind a TLS proxy), kept in
//! memory: a restarted server signs everyone out. It ends after
//! [`IDLE`] without a request, at sign-out, and when its user is removed
//! or its password changed (the user is read again at most every 2 s, as
//! the API does). Each session has its own CSRF token, which every
//! state-changing form posts back; it is compared in constant time.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::model::{hex, random_bytes};

/// A session ends after this long without a request.
pub const IDLE: Duration = Duration::from_secs(8 * 3600);
/// Sessions kept at most; past it the longest idle go first.
const MAX_SESSIONS: usize = 10_000;
/// The cookie's name.
pub const COOKIE: &str = "hookq_session";

/// One signed-in browser.
#[derive(Debug, Clone)]
pub struct Session {
    /// The API user, or None under `--no-auth`.
    pub user: Option<String>,
    /// The stored password hash the user signed in with: a changed
    /// password ends the session.
    pub hash: Option<String>,
    /// Posted back by every form.
    pub csrf: String,
    last_seen: Instant,
}

#[derive(Default)]
pub struct Sessions {
    by_id: Mutex<HashMap<String, Session>>,
}

fn token() -> anyhow::Result<String> {
    let mut b = [0u8; 16];
    random_bytes(&mut b)?;
    Ok(hex(&b))
}

impl Sessions {
    /// A new session for `user` (None: `--no-auth`); its id, and it.
    pub fn start(&self, user: Option<(String, String)>) -> anyhow::Result<(String, Session)> {
        let id = token()?;
        let (user, hash) = match user {
            Some((u, h)) => (Some(u), Some(h)),
            None => (None, None),
        };
        let s = Session {
            user,
            hash,
            csrf: token()?,
            last_seen: Instant::now(),
        };
        let mut map = self.by_id.lock().unwrap_or_else(|e| e.into_inner());
        if map.len() >= MAX_SESSIONS {
            map.retain(|_, s| s.last_seen.elapsed() < IDLE);
            if map.len() >= MAX_SESSIONS
                && let Some(oldest) = map
                    .iter()
                    .min_by_key(|(_, s)| s.last_seen)
                    .map(|(k, _)| k.clone())
            {
                map.remove(&oldest);
            }
        }
        map.insert(id.clone(), s.clone());
        Ok((id, s))
    }

    /// The live session `id` names, its idle time restarted; None when
    /// there is none (never was, ended, or idle too long).
    pub fn get(&self, id: &str) -> Option<Session> {
        let mut map = self.by_id.lock().unwrap_or_else(|e| e.into_inner());
        let s = map.get_mut(id)?;
        if s.last_seen.elapsed() >= IDLE {
            map.remove(id);
            return None;
        }
        s.last_seen = Instant::now();
        Some(s.clone())
    }

    pub fn end(&self, id: &str) {
        self.by_id
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(id);
    }
}

/// Whether `given` is the session's token, in constant time.
pub fn csrf_ok(session: &Session, given: &str) -> bool {
    use subtle::ConstantTimeEq;
    session.csrf.as_bytes().ct_eq(given.as_bytes()).into()
}

/// The session id a request's `Cookie` header carries.
pub fn cookie_id(headers: &axum::http::HeaderMap) -> Option<String> {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|kv| {
            let (k, v) = kv.trim().split_once('=')?;
            (k == COOKIE && v.len() == 32 && v.bytes().all(|b| b.is_ascii_hexdigit()))
                .then(|| v.to_owned())
        })
}

/// The `Set-Cookie` value for session `id` (`None`: end it).
pub fn set_cookie(id: Option<&str>, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    match id {
        Some(id) => format!(
            "{COOKIE}={id}; Path=/; HttpOnly; SameSite=Strict; Max-Age={}{secure}",
            IDLE.as_secs()
        ),
        None => format!("{COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0{secure}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sessions_start_end_and_check_their_token() {
        let s = Sessions::default();
        let (id, started) = s.start(Some(("u".into(), "h".into()))).unwrap();
        assert_eq!(id.len(), 32);
        let got = s.get(&id).unwrap();
        assert_eq!(got.csrf, started.csrf);
        assert_eq!(got.user.as_deref(), Some("u"));
        assert!(csrf_ok(&got, &got.csrf));
        assert!(!csrf_ok(&got, "0".repeat(32).as_str()));
        assert!(!csrf_ok(&got, ""));
        let (other, _) = s.start(None).unwrap();
        assert_ne!(other, id);
        assert_ne!(s.get(&other).unwrap().csrf, got.csrf);
        s.end(&id);
        assert!(s.get(&id).is_none());
    }

    #[test]
    fn the_cookie_is_read_back_and_only_well_formed_ids_count() {
        let mut h = axum::http::HeaderMap::new();
        let id = "0123456789abcdef0123456789abcdef";
        h.insert(
            axum::http::header::COOKIE,
            format!("a=b; {COOKIE}={id}; c=d").parse().unwrap(),
        );
        assert_eq!(cookie_id(&h).as_deref(), Some(id));
        h.insert(
            axum::http::header::COOKIE,
            format!("{COOKIE}=../../x").parse().unwrap(),
        );
        assert_eq!(cookie_id(&h), None);
        let c = set_cookie(Some(id), true);
        assert!(c.contains("HttpOnly") && c.contains("SameSite=Strict") && c.ends_with("; Secure"));
        assert!(set_cookie(None, false).contains("Max-Age=0"));
    }
}
