//! hookq's one integration test binary: a module per feature, all driving
//! the real binary against a real SQLite file in a temp dir.

mod common;

mod category;
mod config;
mod crash;
mod delivery;
mod emit;
mod errors;
mod generated;
mod hooks;
mod properties;
mod serve;
mod store;
mod triggers;
