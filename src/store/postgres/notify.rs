//! LISTEN/NOTIFY: workers on several machines (`serve --deliver`) wake
//! when any process stores events, instead of at their next poll.
//!
//! Emits and re-drives notify a channel named after the schema
//! (`hookq_` + md5 of its name: a plain identifier whatever the schema is
//! called), delivered when their transaction commits. A listener holds a
//! connection of its own.

use std::time::Duration;

use anyhow::{Context, Result};
use postgres::Client;
use postgres::fallible_iterator::FallibleIterator;

use super::Url;
use crate::store::Watch;

pub struct Listener {
    client: Client,
}

impl Listener {
    pub fn new(url: &Url) -> Result<Listener> {
        let mut client = url.connect()?;
        let channel: String = client
            .query_one("SELECT 'hookq_' || md5(current_schema())", &[])?
            .get(0);
        // The name is `hookq_` and 32 hex digits: nothing to quote.
        debug_assert!(
            channel
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_')
        );
        client
            .batch_execute(&format!("LISTEN {channel}"))
            .context("could not LISTEN for new events")?;
        Ok(Listener { client })
    }
}

impl Watch for Listener {
    fn wait(&mut self, timeout: Duration) -> Result<bool> {
        let mut notes = self.client.notifications();
        let first = notes.timeout_iter(timeout).next()?;
        if first.is_none() {
            return Ok(false);
        }
        // Several commits may have announced work: one wake for all.
        while notes.iter().next()?.is_some() {}
        Ok(true)
    }
}
