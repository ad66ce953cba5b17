//! Delivery: bodies, signatures, the HTTP call, retries and the worker.
//!
//! `body`, `sign` and `retry` are pure (no I/O); `http` wraps one ureq
//! agent; `worker` drives claims, leases and concurrency.

pub mod alerts;
pub mod body;
pub mod http;
pub mod retry;
pub mod samples;
pub mod sign;
pub mod transcode;
pub mod worker;
