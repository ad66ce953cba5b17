//! API users: who may call `hookq serve` (HTTP Basic).
//!
//! Passwords are kept only as argon2id hashes (PHC strings, a random salt
//! each), so a copy of the database does not reveal them. A generated
//! password is 20 bytes of the OS random source, shown once.

use anyhow::{Context, Result};
use argon2::password_hash::phc::{Output, PasswordHash};
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::{Algorithm, Argon2, Block, Params, Version};

use crate::error::{UserError, invalid};
use crate::model::{ApiUser, current_user, hex, now, random_bytes};
use crate::store::Store;

/// Shortest password `api-user add --password-stdin` accepts.
pub const MIN_PASSWORD: usize = 8;

/// A username as HTTP Basic can carry it: no colon, no spaces.
pub fn validate_username(s: &str) -> Result<String, UserError> {
    let ok = |c: char| c.is_ascii_alphanumeric() || "._@+-".contains(c);
    if s.is_empty() || s.len() > 64 || !s.chars().all(ok) {
        return invalid(
            "NAME",
            "username",
            Some(s),
            "a username is 1 to 64 of A-Z a-z 0-9 . _ @ + -",
        );
    }
    Ok(s.to_owned())
}

pub fn validate_password(s: &str) -> Result<(), UserError> {
    if s.chars().count() < MIN_PASSWORD {
        return invalid(
            "--password-stdin",
            "password",
            None,
            format!(
                "a password is at least {MIN_PASSWORD} characters; omit --password-stdin to have one generated"
            ),
        );
    }
    if s.len() > 1024 || s.chars().any(char::is_control) {
        return invalid(
            "--password-stdin",
            "password",
            None,
            "a password is at most 1024 bytes without control characters",
        );
    }
    Ok(())
}

/// The argon2id hash of `password` (PHC string, fresh random salt).
pub fn hash_password(password: &str) -> Result<String> {
    let mut salt = [0u8; 16];
    random_bytes(&mut salt)?;
    let hash: PasswordHash = Argon2::default()
        .hash_password_with_salt(password.as_bytes(), &salt)
        .map_err(|e| anyhow::anyhow!("could not hash the password: {e}"))?;
    Ok(hash.to_string())
}

/// Whether `password` matches `hash` (argon2 compares in constant time).
pub fn verify_password(hash: &str, password: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|h| {
        Argon2::default()
            .verify_password(password.as_bytes(), &h)
            .is_ok()
    })
}

/// Checks passwords against stored hashes with one reused block of
/// memory: argon2 needs about 19 MiB per check, and allocating it anew
/// for each left the allocator holding two or three times that.
#[derive(Default)]
pub struct Verifier {
    blocks: Vec<Block>,
}

impl Verifier {
    /// Whether `password` matches `hash` (a PHC string of any argon2
    /// variant); the outputs are compared in constant time.
    pub fn verify(&mut self, hash: &str, password: &str) -> bool {
        let Ok(h) = PasswordHash::new(hash) else {
            return false;
        };
        let (Some(salt), Some(expected)) = (&h.salt, &h.hash) else {
            return false;
        };
        let (Ok(algorithm), Ok(params)) = (
            Algorithm::try_from(h.algorithm.as_str()),
            Params::try_from(&h),
        ) else {
            return false;
        };
        let version = match h.version.map(Version::try_from) {
            None => Version::default(),
            Some(Ok(v)) => v,
            Some(Err(_)) => return false,
        };
        let need = params.block_count();
        if self.blocks.len() < need {
            self.blocks.resize(need, Block::default());
        }
        let mut out = vec![0u8; expected.len()];
        let ok = Argon2::new(algorithm, version, params)
            .hash_password_into_with_memory(
                password.as_bytes(),
                salt.as_ref(),
                &mut out,
                &mut self.blocks[..need],
            )
            .is_ok();
        ok && Output::new(&out).is_ok_and(|o| o == *expected)
    }
}

/// A new API user and, when none was given, the password generated for it.
#[derive(Debug, Clone)]
pub struct Added {
    pub user: ApiUser,
    pub generated: Option<String>,
}

/// Add an API user; `password` None: generate one.
pub fn add(store: &mut Store, username: &str, password: Option<&str>) -> Result<Added> {
    let username = validate_username(username)?;
    let generated = match password {
        Some(p) => {
            validate_password(p)?;
            None
        }
        None => {
            let mut bytes = [0u8; 20];
            random_bytes(&mut bytes)?;
            Some(hex(&bytes))
        }
    };
    let password = password.or(generated.as_deref()).context("no password")?;
    let hash = hash_password(password)?;
    let user = store.write(|tx| {
        if tx.api_user(&username)?.is_some() {
            return Err(UserError::invalid(
                "NAME",
                "username",
                Some(&username),
                "this API user exists already; `hookq api-user remove` it first",
            )
            .into());
        }
        tx.insert_api_user(&username, &hash, &current_user(), now())?;
        tx.api_user(&username)?
            .context("the API user was not stored")
    })?;
    Ok(Added { user, generated })
}

/// The API user named `username`, if there is one.
pub fn find(store: &Store, username: &str) -> Result<Option<ApiUser>> {
    store.api_user(username)
}

pub fn list(store: &Store) -> Result<Vec<ApiUser>> {
    store.api_users()
}

/// Remove an API user; it can no longer call `serve` from its next request.
pub fn remove(store: &mut Store, username: &str) -> Result<ApiUser> {
    store.write(|tx| {
        let user = tx.api_user(username)?.ok_or_else(|| UserError::NotFound {
            what: "API user",
            id: username.to_owned(),
        })?;
        tx.delete_api_user(username)?;
        Ok(user)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_verify_and_differ_by_salt() {
        let a = hash_password("correct horse").unwrap();
        let b = hash_password("correct horse").unwrap();
        assert!(a.starts_with("$argon2id$"), "{a}");
        assert_ne!(a, b);
        assert!(verify_password(&a, "correct horse"));
        assert!(!verify_password(&a, "correct horsE"));
        assert!(!verify_password("not a hash", "correct horse"));
        // The reusing verifier agrees, check after check.
        let mut v = Verifier::default();
        for _ in 0..2 {
            assert!(v.verify(&a, "correct horse"));
            assert!(v.verify(&b, "correct horse"));
            assert!(!v.verify(&a, "correct horsE"));
        }
        assert!(!v.verify("not a hash", "x"));
    }

    #[test]
    fn usernames_fit_basic_auth() {
        assert!(validate_username("n8n").is_ok());
        assert!(validate_username("ops@example.com").is_ok());
        assert!(validate_username("a:b").is_err());
        assert!(validate_username("").is_err());
        assert!(validate_username("with space").is_err());
        assert!(validate_password("short").is_err());
        assert!(validate_password("long enough").is_ok());
    }
}
