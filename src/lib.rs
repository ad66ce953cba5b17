//! hookq: Mautic's webhook system as one binary.
//!
//! Layers, top down: `main` only parses and maps errors to exit codes;
//! `cmd/` is the CLI front ([`cmd::run`] dispatches), turning arguments
//! into use-case inputs and results into output; `service/` holds the use
//! cases (plain inputs, model values, `UserError`; never prints);
//! `store/` is the storage interface, with every SQL statement inside a
//! backend (`store/sqlite/`); `delivery/` builds, signs and sends bodies
//! and holds the retry and health policy.

pub mod alert;
pub mod cli;
pub mod cmd;
pub mod controls;
pub mod delivery;
pub mod error;
pub mod listen;
pub mod model;
pub mod netguard;
pub mod output;
pub mod serve;
pub mod service;
pub mod settings;
pub mod store;
