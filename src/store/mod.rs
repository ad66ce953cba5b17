//! The SQLite store: one file, opened with the pragmas every command needs,
//! migrated on `user_version`.
//!
//! Pragmas are set outside any transaction (SQLite ignores `journal_mode`
//! inside one); migrations run inside one IMMEDIATE transaction that
//! re-reads the version, so two processes opening a fresh file at once
//! migrate it once. A file of a newer schema is refused, never touched.
//! The file is created 0600 and its new directories 0700: it holds secrets.

pub mod categories;
pub mod hooks;
pub mod logs;
pub mod queue;
mod schema;
pub mod settings;
pub mod triggers;

use std::fs;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result};
use rusqlite::{Connection, ErrorCode, OpenFlags, Transaction, TransactionBehavior};

use crate::error::UserError;

pub use hooks::{ListQuery, OrderColumn, SearchTerm};

/// How long a writer waits for another process's lock before failing.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// Marks a file as hookq's (`PRAGMA application_id`, "hkq1").
const APPLICATION_ID: i64 = 0x686b_7131;

pub struct Store {
    conn: Connection,
    /// The WAL file, for the size check on close (None: in memory).
    wal: Option<PathBuf>,
    /// Whether this connection committed anything; only then may closing
    /// it touch the database file.
    wrote: bool,
}

/// A closing connection folds the WAL into the database (with an fsync)
/// only once the WAL has grown past this.
const WAL_FOLD_BYTES: u64 = 512 * 1024;

/// Where the database lives when neither `--db` nor `HOOKQ_DB` is given.
pub fn default_path() -> Result<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "hookq")
        .context("could not find a home directory for the default database; pass --db PATH")?;
    Ok(dirs.data_dir().join("hookq.db"))
}

fn bad_db(path: &Path, reason: impl Into<String>) -> anyhow::Error {
    UserError::invalid("--db", "db", Some(&path.display().to_string()), reason).into()
}

impl Store {
    /// Open (creating if missing) and migrate the database at `path`.
    pub fn open(path: &Path) -> Result<Store> {
        if path.is_dir() {
            return Err(bad_db(
                path,
                "is a directory; give a file path such as DIR/hookq.db",
            ));
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
            && !dir.exists()
        {
            fs::DirBuilder::new()
                .recursive(true)
                .mode(0o700)
                .create(dir)
                .with_context(|| format!("could not create directory {}", dir.display()))?;
        }
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(path)
        {
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => {
                return Err(e)
                    .with_context(|| format!("could not create database {}", path.display()));
            }
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)
            .with_context(|| format!("could not open database {}", path.display()))?;
        let mut wal = path.as_os_str().to_owned();
        wal.push("-wal");
        let mut store = Store {
            conn,
            wal: Some(PathBuf::from(wal)),
            wrote: false,
        };
        store.configure().map_err(|e| classify(path, e))?;
        store.migrate().map_err(|e| classify(path, e))?;
        Ok(store)
    }

    fn configure(&self) -> Result<()> {
        tune(&self.conn)?;
        // By default the last connection to close copies the WAL into the
        // database and fsyncs it: most of a short command's cost. Instead
        // the WAL is folded in when it has grown (see `Drop`); committed
        // data is as safe in the WAL as in the database.
        self.conn.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
            true,
        )?;
        // Reading the header first turns a foreign or corrupt file into a
        // clear error before anything tries to write to it.
        let app: i64 = self
            .conn
            .query_row("PRAGMA application_id", [], |r| r.get(0))?;
        let version: i64 = self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if app != 0 && app != APPLICATION_ID {
            anyhow::bail!(Foreign(
                "it is an SQLite database of another application".into()
            ));
        }
        if app == 0 && version == 0 {
            let tables: i64 =
                self.conn
                    .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
            if tables > 0 {
                anyhow::bail!(Foreign(
                    "it is an SQLite database that hookq did not create".into()
                ));
            }
        }
        if version > schema::LATEST {
            anyhow::bail!(Foreign(format!(
                "it was written by a newer hookq (schema {version}; this hookq knows up to {}); upgrade hookq",
                schema::LATEST
            )));
        }
        let mode: String = self
            .conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            anyhow::bail!("could not switch the database to WAL mode (got {mode})");
        }
        self.conn
            .execute_batch("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;")?;
        Ok(())
    }

    fn migrate(&mut self) -> Result<()> {
        let current: i64 = self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if current == schema::LATEST {
            return Ok(());
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let current: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        for (i, sql) in schema::MIGRATIONS.iter().enumerate().skip(current as usize) {
            tx.execute_batch(sql)
                .with_context(|| format!("migration {} failed", i + 1))?;
        }
        tx.execute_batch(&format!(
            "PRAGMA user_version = {}; PRAGMA application_id = {APPLICATION_ID};",
            schema::LATEST
        ))?;
        tx.commit()?;
        Ok(())
    }

    /// A second, read-only connection to a database `open` has already
    /// opened and migrated, with a page cache of `cache_kib`. In WAL mode
    /// its reads run beside the writer's transactions instead of waiting
    /// for them.
    pub fn open_reader(path: &Path, cache_kib: i64) -> Result<Connection> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)
            .with_context(|| format!("could not open database {}", path.display()))?;
        tune(&conn)?;
        conn.execute_batch(&format!("PRAGMA cache_size = -{cache_kib};"))?;
        Ok(conn)
    }

    /// An empty, migrated database in memory: the state a missing file
    /// would have, for checking input before the file is created.
    pub fn in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory()?;
        conn.execute_batch("PRAGMA foreign_keys = ON;")?;
        let mut store = Store {
            conn,
            wal: None,
            wrote: false,
        };
        store.migrate()?;
        Ok(store)
    }

    /// Run `f` in a transaction that is always rolled back.
    pub fn dry_run<T>(&mut self, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        let tx = self.conn.transaction()?;
        f(&tx)
    }

    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    pub fn conn_mut(&mut self) -> &mut Connection {
        self.wrote = true;
        &mut self.conn
    }

    /// Run `f` in a short IMMEDIATE transaction; an error rolls it back,
    /// so a rejected command leaves the file as it was.
    pub fn write<T>(&mut self, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        tx.commit()?;
        self.wrote = true;
        Ok(out)
    }
}

impl Drop for Store {
    /// Fold a grown WAL into the database and truncate it. Each short
    /// command is usually the first connection to open the file and then
    /// rebuilds the WAL index from the whole WAL, forgetting what was
    /// already copied, so the WAL must be emptied now and then rather than
    /// left to grow. With a zero busy timeout this gives way at once when
    /// another process is using the database; that one folds it later.
    fn drop(&mut self) {
        let Some(wal) = self.wal.as_ref().filter(|_| self.wrote) else {
            return;
        };
        if std::fs::metadata(wal).map_or(0, |m| m.len()) <= WAL_FOLD_BYTES {
            return;
        }
        let _ = self.conn.busy_timeout(Duration::ZERO);
        let _ = self
            .conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
    }
}

/// What every file connection gets, writer or reader.
fn tune(conn: &Connection) -> Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // Without the query planner stability guarantee SQLite re-plans a
    // statement whenever a parameter used in LIMIT or a range is bound
    // again: every batch would re-parse its statements. Our plans do not
    // depend on parameter values.
    conn.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
        true,
    )?;
    Ok(())
}

/// The file is not ours or not readable as a database: a usage error.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
struct Foreign(String);

fn classify(path: &Path, e: anyhow::Error) -> anyhow::Error {
    if let Some(f) = e.downcast_ref::<Foreign>() {
        return bad_db(path, format!("{f}; point --db at another file"));
    }
    if let Some(rusqlite::Error::SqliteFailure(f, _)) = e.downcast_ref::<rusqlite::Error>()
        && matches!(f.code, ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt)
    {
        return bad_db(
            path,
            "is not a valid SQLite database (corrupt or another kind of file); move it aside or point --db at another file",
        );
    }
    e.context(format!("could not open database {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn creates_file_0600_dir_0700_and_migrates() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("sub/dir/hookq.db");
        let store = Store::open(&path).unwrap();
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        let dmode = fs::metadata(path.parent().unwrap())
            .unwrap()
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(dmode, 0o700);
        let v: i64 = store
            .conn()
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, schema::LATEST);
        let jm: String = store
            .conn()
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(jm, "wal");
        let fk: i64 = store
            .conn()
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .unwrap();
        assert_eq!(fk, 1);
        drop(store);
        // Reopening an up-to-date file is a no-op.
        Store::open(&path).unwrap();
    }

    #[test]
    fn a_schema_1_file_is_migrated_in_place() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("old.db");
        {
            let c = Connection::open(&path).unwrap();
            c.execute_batch(schema::MIGRATIONS[0]).unwrap();
            c.execute_batch(&format!(
                "PRAGMA user_version = 1; PRAGMA application_id = {APPLICATION_ID};
                 INSERT INTO webhooks (name, webhook_url, secret, date_added)
                 VALUES ('old', 'http://127.0.0.1:9/', 's', 0);"
            ))
            .unwrap();
        }
        let store = Store::open(&path).unwrap();
        let (v, hooks, index): (i64, i64, i64) = store
            .conn()
            .query_row(
                "SELECT (SELECT user_version FROM pragma_user_version),
                        (SELECT count(*) FROM webhooks),
                        (SELECT count(*) FROM sqlite_schema WHERE name = 'webhook_queue_event')",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .unwrap();
        assert_eq!((v, hooks, index), (schema::LATEST, 1, 0));
    }

    #[test]
    fn refuses_newer_schema_and_foreign_files() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("hookq.db");
        drop(Store::open(&path).unwrap());
        Connection::open(&path)
            .unwrap()
            .execute_batch("PRAGMA user_version = 999")
            .unwrap();
        let e = Store::open(&path).err().unwrap();
        assert!(format!("{e:#}").contains("newer hookq"), "{e:#}");

        let other = tmp.path().join("other.db");
        Connection::open(&other)
            .unwrap()
            .execute_batch("CREATE TABLE t(x)")
            .unwrap();
        let e = Store::open(&other).err().unwrap();
        assert!(e.downcast_ref::<UserError>().is_some(), "{e:#}");

        let junk = tmp.path().join("junk.db");
        fs::write(&junk, vec![b'x'; 8192]).unwrap();
        let e = Store::open(&junk).err().unwrap();
        assert!(
            format!("{e:#}").contains("not a valid SQLite database"),
            "{e:#}"
        );

        let e = Store::open(tmp.path()).err().unwrap();
        assert!(format!("{e:#}").contains("is a directory"), "{e:#}");
    }
}
