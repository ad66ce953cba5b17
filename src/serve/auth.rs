//! HTTP Basic against hookq's API users.
//!
//! A user read from the store is trusted for [`USER_TTL`], so a steady
//! client costs no database read to authenticate; removing a user or
//! changing its password takes effect within that time.
//!
//! Each password check is argon2id (tens of milliseconds by design), so a
//! password that verified once is remembered as an HMAC under a key that
//! lives only in this process, beside the stored hash it matched: the
//! next request with the same credentials costs one HMAC, and a removed
//! user or a changed password (a different stored hash) is checked afresh.
//! An unknown user and a wrong password cost an argon2 check too, so
//! timing does not tell which usernames exist and guessing stays slow.
//! Checks run one at a time on one thread: each takes about 19 MiB.
//!
//! Failures are counted per client address; past [`FREE_FAILURES`] in
//! [`WINDOW`] the address is slowed: after each failure it must wait
//! longer (doubling up to [`MAX_DELAY`]) before its next attempt is
//! checked, and it gets one check at a time. An attempt that comes too
//! early, or while another from the same address is being checked, is
//! refused at once with 429 and `Retry-After` ([`Auth::admit`]): nothing
//! sleeps, so opening many connections buys no parallel guesses.
//! Credentials that verified before (the remembered HMAC) are let in at
//! once, slowed address or not, so an attack on an address does not
//! lock out a client that shares it; they do not clear the address's
//! failures either (only a full check that succeeds does), or that
//! client's requests would keep resetting the guesser's count.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use base64::Engine;
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

use anyhow::Context;
use axum::http::HeaderMap;

use crate::model::{ApiUser, random_bytes};
use crate::service::api_users;

/// Failures an address may make before its attempts are slowed.
pub const FREE_FAILURES: u32 = 5;
/// How long failures are remembered.
pub const WINDOW: Duration = Duration::from_secs(15 * 60);
const MAX_DELAY: Duration = Duration::from_secs(8);
/// Addresses tracked at once; the oldest are forgotten beyond this.
const MAX_TRACKED: usize = 10_000;
/// How long a user read from the store is trusted without reading it
/// again: a removed user or a changed password takes effect within this.
pub const USER_TTL: Duration = Duration::from_secs(2);

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
    /// An attempt from this address is being checked now.
    pending: bool,
}

/// The right to have one attempt checked: a slowed address holds at most
/// one at a time, given back when dropped (the check ended, or the
/// client went away).
pub struct Turn<'a> {
    auth: &'a Auth,
    ip: Option<IpAddr>,
}

impl Drop for Turn<'_> {
    fn drop(&mut self) {
        if let Some(ip) = self.ip {
            let mut map = self.auth.failures.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(f) = map.get_mut(&ip) {
                f.pending = false;
            }
        }
    }
}

/// The wait after `count` failures in a row: none for the first
/// [`FREE_FAILURES`], then 250 ms doubling up to [`MAX_DELAY`].
fn delay_after(count: u32) -> Duration {
    if count < FREE_FAILURES {
        return Duration::ZERO;
    }
    let steps = (count - FREE_FAILURES).min(10);
    (Duration::from_millis(250) * 2u32.pow(steps)).min(MAX_DELAY)
}

pub struct Auth {
    key: [u8; 32],
    /// username -> (the stored hash it matched, HMAC of the password).
    verified: Mutex<HashMap<String, (String, Vec<u8>)>>,
    failures: Mutex<HashMap<IpAddr, Failures>>,
    /// How many addresses `failures` holds, read without its lock.
    tracked: AtomicUsize,
    /// Checked for unknown users, so they cost what known ones do.
    decoy: String,
    /// The argon2 checker thread's queue.
    checker: Mutex<std::sync::mpsc::Sender<Check>>,
    /// Held through a check that may need argon2.
    slow: Mutex<()>,
    /// Users read from the store in the last [`USER_TTL`].
    users: Mutex<HashMap<String, (Arc<ApiUser>, Instant)>>,
    /// Proxies whose `X-Forwarded-For` names the client (`--trusted-proxy`).
    trusted: Vec<IpAddr>,
}

/// A stored hash, a password, and where to say whether they match.
type Check = (String, String, std::sync::mpsc::Sender<bool>);

fn start_checker() -> anyhow::Result<std::sync::mpsc::Sender<Check>> {
    let (tx, rx) = std::sync::mpsc::channel::<Check>();
    std::thread::Builder::new()
        .name(String::from("hookq-argon2"))
        .spawn(move || {
            let mut verifier = api_users::Verifier::default();
            for (hash, password, reply) in rx {
                let _ = reply.send(verifier.verify(&hash, &password));
            }
        })?;
    Ok(tx)
}

impl Auth {
    pub fn new(trusted: Vec<IpAddr>) -> anyhow::Result<Auth> {
        let mut key = [0u8; 32];
        random_bytes(&mut key)?;
        let mut decoy = [0u8; 16];
        random_bytes(&mut decoy)?;
        Ok(Auth {
            key,
            verified: Mutex::new(HashMap::new()),
            failures: Mutex::new(HashMap::new()),
            tracked: AtomicUsize::new(0),
            decoy: api_users::hash_password(&crate::model::hex(&decoy))?,
            checker: Mutex::new(start_checker()?),
            slow: Mutex::new(()),
            users: Mutex::new(HashMap::new()),
            trusted,
        })
    }

    /// The proxies whose `X-Forwarded-For` is believed.
    pub fn trusted_proxies(&self) -> &[IpAddr] {
        &self.trusted
    }

    /// `username` as read from the store less than [`USER_TTL`] ago.
    pub fn recent_user(&self, username: &str) -> Option<Arc<ApiUser>> {
        self.users
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(username)
            .filter(|(_, at)| at.elapsed() < USER_TTL)
            .map(|(u, _)| Arc::clone(u))
    }

    /// Keep `user` as just read from the store.
    pub fn remember_user(&self, user: &Arc<ApiUser>) {
        let mut users = self.users.lock().unwrap_or_else(|e| e.into_inner());
        if users.len() >= MAX_TRACKED {
            users.retain(|_, (_, at)| at.elapsed() < USER_TTL);
        }
        users.insert(user.username.clone(), (Arc::clone(user), Instant::now()));
    }

    fn mac(&self, username: &str, password: &str) -> HmacSha256 {
        let mut m = <HmacSha256 as KeyInit>::new_from_slice(&self.key).expect("any key size");
        m.update(username.as_bytes());
        m.update(&[0]);
        m.update(password.as_bytes());
        m
    }

    /// The remembered tag of `username`'s password, while its stored hash
    /// is still `hash`.
    fn remembered(&self, username: &str, hash: &str) -> Option<Vec<u8>> {
        self.verified
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(username)
            .filter(|(h, _)| h == hash)
            .map(|(_, tag)| tag.clone())
    }

    /// argon2 on the checker thread: one check at a time, always on the
    /// same thread, so a burst of new logins costs one check's memory
    /// (about 19 MiB) once, not once per request or per thread.
    fn argon2(&self, hash: &str, password: &str) -> bool {
        let (tx, rx) = std::sync::mpsc::channel();
        let job = (hash.to_owned(), password.to_owned(), tx);
        let sent = self
            .checker
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .send(job)
            .is_ok();
        sent && rx.recv().unwrap_or(false)
    }

    /// Whether `password` is `user`'s, when a remembered tag says so at
    /// once (one HMAC); None: only [`Auth::check`] can tell.
    pub fn quick_check(&self, user: &ApiUser, password: &str) -> Option<bool> {
        let mac = self.mac(&user.username, password);
        let verified = self.verified.lock().unwrap_or_else(|e| e.into_inner());
        let (hash, tag) = verified.get(&user.username)?;
        (*hash == user.password_hash && mac.verify_slice(tag).is_ok()).then_some(true)
    }

    /// Whether `password` is `user`'s (None: no such user). Blocking: may
    /// run argon2. A right password that verified before costs one HMAC;
    /// a wrong one always costs an argon2 check.
    pub fn check(&self, user: Option<&ApiUser>, username: &str, password: &str) -> bool {
        let Some(user) = user else {
            self.argon2(&self.decoy, password);
            return false;
        };
        // One slow check at a time: a burst of first requests with the
        // same right password waits for the first and then finds it
        // remembered.
        let _turn = self.slow.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(tag) = self.remembered(username, &user.password_hash) {
            // verify_slice compares in constant time.
            if self.mac(username, password).verify_slice(&tag).is_ok() {
                return true;
            }
            self.argon2(&user.password_hash, password);
            return false;
        }
        if !self.argon2(&user.password_hash, password) {
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

    /// How long an attempt from `ip` must wait after its last failure
    /// before it is checked (zero: not slowed).
    pub fn delay(&self, ip: IpAddr) -> Duration {
        if self.tracked.load(Ordering::Relaxed) == 0 {
            return Duration::ZERO;
        }
        let map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        match map.get(&ip) {
            Some(f) if f.last.elapsed() < WINDOW => delay_after(f.count),
            _ => Duration::ZERO,
        }
    }

    /// A turn to have an attempt from `ip` checked now, or how long the
    /// client must wait first: a slowed address gets one check at a time,
    /// each no sooner than its delay after the last failure.
    pub fn admit(&self, ip: IpAddr) -> Result<Turn<'_>, Duration> {
        if self.tracked.load(Ordering::Relaxed) == 0 {
            return Ok(Turn {
                auth: self,
                ip: None,
            });
        }
        let mut map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        let Some(f) = map.get_mut(&ip) else {
            return Ok(Turn {
                auth: self,
                ip: None,
            });
        };
        let since = f.last.elapsed();
        let delay = if since < WINDOW {
            delay_after(f.count)
        } else {
            Duration::ZERO
        };
        if delay.is_zero() {
            return Ok(Turn {
                auth: self,
                ip: None,
            });
        }
        if f.pending {
            return Err(delay);
        }
        if since < delay {
            return Err(delay - since);
        }
        f.pending = true;
        Ok(Turn {
            auth: self,
            ip: Some(ip),
        })
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
            pending: false,
        });
        if f.last.elapsed() >= WINDOW {
            f.count = 0;
        }
        f.count += 1;
        f.last = Instant::now();
        self.tracked.store(map.len(), Ordering::Relaxed);
    }

    pub fn succeeded(&self, ip: IpAddr) {
        // Most requests come from addresses with no failures at all.
        if self.tracked.load(Ordering::Relaxed) == 0 {
            return;
        }
        let mut map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        map.remove(&ip);
        self.tracked.store(map.len(), Ordering::Relaxed);
    }
}

/// The client's address: the peer, or, when the peer is a proxy named by
/// `--trusted-proxy`, the address that proxy appended to
/// `X-Forwarded-For` (the last entry: the ones before it are whatever the
/// client sent). A client's own `X-Forwarded-For` is never believed.
pub fn client_ip(peer: SocketAddr, headers: &HeaderMap, trusted: &[IpAddr]) -> IpAddr {
    if trusted.contains(&peer.ip()) {
        let mut values = headers.get_all("x-forwarded-for").iter();
        if let Some(ip) = values
            .next_back()
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.rsplit(',').next())
            .and_then(|v| v.trim().parse().ok())
        {
            return ip;
        }
    }
    peer.ip()
}

/// What a sign-in came to.
pub enum SignIn {
    In(Arc<ApiUser>),
    /// Wrong credentials; how long the address must wait before its next
    /// attempt, when it is slowed.
    Wrong(Option<std::time::Duration>),
    /// The address is slowed and may not try yet (or another attempt of
    /// its is being checked): wait this long.
    TooSoon(std::time::Duration),
    Failed(anyhow::Error),
}

/// Check `creds` from `ip` as the API and the console both do: a
/// remembered password costs an HMAC and gets in whatever the address's
/// failures; anything else an argon2 check, one at a time for a slowed
/// address, none before its delay.
pub async fn sign_in(
    gate: &Arc<Auth>,
    lookup: impl FnOnce(&str) -> anyhow::Result<Option<ApiUser>>,
    ip: IpAddr,
    creds: Credentials,
) -> SignIn {
    // A user read in the last moments and a password that matches its
    // remembered tag need no database at all, and no turn: credentials
    // that verified before get in even from a slowed address.
    // They leave the address's failures as they are: a client that
    // shares the address with a guesser must not reset its count.
    if let Some(user) = gate.recent_user(&creds.username)
        && gate.quick_check(&user, &creds.password) == Some(true)
    {
        return SignIn::In(user);
    }
    let looked_up = lookup(&creds.username).map(|u| u.map(Arc::new));
    if let Ok(Some(u)) = &looked_up {
        gate.remember_user(u);
        if gate.quick_check(u, &creds.password) == Some(true) {
            return SignIn::In(Arc::clone(u));
        }
    }
    // Anything else costs an argon2 check: a slowed address waits its
    // turn, refused at once while it may not try.
    let turn = match gate.admit(ip) {
        Ok(t) => t,
        Err(wait) => return SignIn::TooSoon(wait),
    };
    let found = match looked_up {
        Err(e) => Err(e),
        Ok(user) => {
            let checker = Arc::clone(gate);
            tokio::task::spawn_blocking(move || {
                let ok = checker.check(user.as_deref(), &creds.username, &creds.password);
                user.filter(|_| ok)
            })
            .await
            .context("the password check stopped")
        }
    };
    // The outcome is recorded before the turn is given back, so the next
    // attempt is judged by it.
    let out = match found {
        Ok(Some(user)) => {
            gate.succeeded(ip);
            SignIn::In(user)
        }
        Ok(None) => {
            gate.failed(ip);
            let next_wait = gate.delay(ip);
            SignIn::Wrong((!next_wait.is_zero()).then_some(next_wait))
        }
        Err(e) => SignIn::Failed(e),
    };
    drop(turn);
    out
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
        let auth = Auth::new(Vec::new()).unwrap();
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

    /// Issue 23: a slowed address had each of its parallel attempts sleep
    /// side by side (8.1 guesses/s over 64 connections). Now it gets one
    /// turn at a time, none before its delay has passed.
    #[test]
    fn a_slowed_address_gets_one_turn_at_a_time_after_its_delay() {
        let auth = Auth::new(Vec::new()).unwrap();
        let ip: IpAddr = "127.0.0.7".parse().unwrap();
        let other: IpAddr = "127.0.0.8".parse().unwrap();
        for _ in 0..FREE_FAILURES {
            let turn = auth.admit(ip).ok().unwrap();
            drop(turn);
            auth.failed(ip);
        }
        // Too early: refused with how long to wait, at most the delay.
        let wait = auth.admit(ip).err().unwrap();
        assert!(wait > Duration::ZERO && wait <= delay_after(FREE_FAILURES));
        assert!(auth.admit(other).is_ok());
        std::thread::sleep(wait + Duration::from_millis(20));
        let turn = auth.admit(ip).ok().unwrap();
        // One at a time: a second attempt while the first is checked.
        assert!(auth.admit(ip).is_err());
        drop(turn);
        assert!(auth.admit(ip).is_ok());
        // Each failure doubles the wait, up to the cap.
        assert_eq!(delay_after(FREE_FAILURES + 1), Duration::from_millis(500));
        assert_eq!(delay_after(FREE_FAILURES + 20), MAX_DELAY);
        auth.succeeded(ip);
        assert!(auth.admit(ip).is_ok());
    }

    #[test]
    fn a_remembered_password_still_has_to_match() {
        let auth = Auth::new(Vec::new()).unwrap();
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
