//! hookq's one integration test binary: a module per feature, all driving
//! the real binary. The feature modules run twice from the same code: in
//! `sqlite` against a real SQLite file in a temp dir, in `postgres`
//! against a schema of its own on a real PostgreSQL server (see
//! `common::pg`). A test that is about the SQLite file itself takes its
//! environment from `sqlite_env()`, which is None under `postgres`.

// The feature modules are loaded once per backend on purpose.
#![allow(clippy::duplicate_mod)]

mod common;

mod console;
mod generated;
mod listen;
mod postgres_only;
mod properties;
mod store;

/// The feature modules, once per backend.
macro_rules! features {
    () => {
        #[path = "category.rs"]
        mod category;
        #[path = "config.rs"]
        mod config;
        #[path = "controls.rs"]
        mod controls;
        #[path = "crash.rs"]
        mod crash;
        #[path = "delivery.rs"]
        mod delivery;
        #[path = "emit.rs"]
        mod emit;
        #[path = "errors.rs"]
        mod errors;
        #[path = "hooks.rs"]
        mod hooks;
        #[path = "idempotency.rs"]
        mod idempotency;
        #[path = "openapi.rs"]
        mod openapi;
        #[path = "serve.rs"]
        mod serve;
        #[path = "signing.rs"]
        mod signing;
        #[path = "triggers.rs"]
        mod triggers;
    };
}

#[path = "."]
mod sqlite {
    use crate::common::TestEnv;

    /// A fresh environment on this module's backend.
    pub fn test_env() -> Option<TestEnv> {
        Some(TestEnv::new())
    }

    /// For tests of the SQLite file itself.
    pub fn sqlite_env() -> Option<TestEnv> {
        Some(TestEnv::new())
    }

    features!();
}

#[path = "."]
mod postgres {
    use crate::common::TestEnv;

    /// A fresh environment on this module's backend (None, said once,
    /// when there is no PostgreSQL server).
    pub fn test_env() -> Option<TestEnv> {
        TestEnv::postgres()
    }

    /// Tests of the SQLite file itself run under `sqlite` only.
    pub fn sqlite_env() -> Option<TestEnv> {
        None
    }

    features!();
}
