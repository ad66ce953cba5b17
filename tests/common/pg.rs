//! The PostgreSQL server the tests use: `HOOKQ_TEST_POSTGRES` (a URL), else
//! the default local server when one answers. Each test gets a schema of
//! its own with a random name (hookq is pointed at it with
//! `options=-csearch_path=…`), dropped when the test ends, so tests run in
//! parallel. Without a server the PostgreSQL tests return at once, after
//! one line on stderr saying why; `.ci/run` sets `HOOKQ_TEST_POSTGRES`, so
//! there they always run.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

use postgres::Client;

const DEFAULT: &str = "postgres://127.0.0.1:5432/test?sslmode=disable";

/// The server's base URL, or None (said once) when there is none.
pub fn base() -> Option<&'static str> {
    static BASE: OnceLock<Option<String>> = OnceLock::new();
    BASE.get_or_init(|| {
        if let Ok(url) = std::env::var("HOOKQ_TEST_POSTGRES")
            && !url.is_empty()
        {
            // Set on purpose: a server that does not answer is a failure.
            connect(&url).unwrap_or_else(|e| {
                panic!("HOOKQ_TEST_POSTGRES={url}: could not connect: {e:#}")
            });
            return Some(url);
        }
        match connect(DEFAULT) {
            Ok(_) => Some(DEFAULT.to_owned()),
            Err(e) => {
                eprintln!(
                    "PostgreSQL tests did not run: HOOKQ_TEST_POSTGRES is unset and no server answers at {DEFAULT} ({e:#})"
                );
                None
            }
        }
    })
    .as_deref()
}

/// A plain connection for the harness (setup and inspection only).
pub fn connect(url: &str) -> anyhow::Result<Client> {
    let target = hookq::store::postgres::Url::parse(url)?;
    target.connect()
}

/// One test's schema; dropped with everything in it.
pub struct Schema {
    pub name: String,
    /// The URL hookq is given: the base URL, pointed at this schema.
    pub url: String,
}

impl Schema {
    pub fn new() -> Option<Schema> {
        static N: AtomicU64 = AtomicU64::new(0);
        let base = base()?;
        let mut r = [0u8; 4];
        hookq::model::random_bytes(&mut r).expect("random");
        let name = format!(
            "hookq_t_{}_{}_{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed),
            hookq::model::hex(&r)
        );
        let mut c = connect(base).expect("connect to PostgreSQL");
        c.batch_execute(&format!("CREATE SCHEMA {name}"))
            .expect("create schema");
        let sep = if base.contains('?') { '&' } else { '?' };
        // The application name finds the test's connections when it ends.
        let url = format!("{base}{sep}options=-csearch_path%3D{name}&application_name={name}");
        Some(Schema { name, url })
    }

    pub fn client(&self) -> Client {
        connect(&self.url).expect("connect to PostgreSQL")
    }

    /// Everything hookq stored, as text, or None when it stored nothing
    /// yet (no tables, or empty tables and untouched id sequences).
    pub fn dump(&self) -> Option<Vec<u8>> {
        let mut c = self.client();
        let tables: Vec<String> = c
            .query(
                "SELECT tablename FROM pg_tables WHERE schemaname = $1 ORDER BY tablename",
                &[&self.name],
            )
            .expect("tables")
            .iter()
            .map(|r| r.get(0))
            .collect();
        let mut out = String::new();
        for t in tables.iter().filter(|t| *t != "hookq_schema") {
            for r in c
                .query(
                    &format!("SELECT t::text FROM {}.{t} t ORDER BY 1", self.name),
                    &[],
                )
                .expect("rows")
            {
                out.push_str(&format!("{t}: {}\n", r.get::<_, String>(0)));
            }
        }
        for r in c
            .query(
                "SELECT c.relname, pg_sequence_last_value(c.oid) FROM pg_class c
                   JOIN pg_namespace n ON n.oid = c.relnamespace
                  WHERE n.nspname = $1 AND c.relkind = 'S' ORDER BY 1",
                &[&self.name],
            )
            .expect("sequences")
        {
            if let Some(v) = r.get::<_, Option<i64>>(1) {
                out.push_str(&format!("sequence {}: {v}\n", r.get::<_, String>(0)));
            }
        }
        (!out.is_empty()).then(|| out.into_bytes())
    }
}

impl Drop for Schema {
    fn drop(&mut self) {
        if let Some(base) = base()
            && let Ok(mut c) = connect(base)
        {
            // Connections a test left open (a killed process's) go first.
            let _ = c.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                  WHERE pid <> pg_backend_pid() AND application_name = $1",
                &[&self.name],
            );
            let _ = c.batch_execute(&format!("DROP SCHEMA IF EXISTS {} CASCADE", self.name));
        }
    }
}
