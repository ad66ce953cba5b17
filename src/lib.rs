//! hookq: Mautic's webhook system as one binary over one SQLite file.
//!
//! `main` only parses and maps errors to exit codes; [`cmd::run`]
//! dispatches. Domain code (model, settings, store) never prints.

pub mod cli;
pub mod cmd;
pub mod delivery;
pub mod error;
pub mod model;
pub mod netguard;
pub mod output;
pub mod settings;
pub mod store;
