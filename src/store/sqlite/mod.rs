//! The SQLite backend: one file, opened with the pragmas every command
//! needs, migrated on `user_version`. All of hookq's SQLite SQL lives
//! under this module.
//!
//! Pragmas are set outside any transaction (SQLite ignores `journal_mode`
//! inside one); migrations run inside one IMMEDIATE transaction that
//! re-reads the version, so two processes opening a fresh file at once
//! migrate it once. A file of a newer schema is refused, never touched.
//! The file is created 0600 and its new directories 0700: it holds secrets.
//!
//! Opened with [`Create::OnFirstWrite`], a missing file is read as an
//! empty in-memory database, and the first write runs once there (rolled
//! back) before the file is created: input that write rejects leaves no
//! file behind. A delivery run ([`run::SqliteQueue`]) shares one writer
//! connection between its workers and gives each a read-only connection
//! of its own (WAL readers do not wait for the writer).

mod api_users;
mod categories;
mod copy;
mod hooks;
mod logs;
mod queue;
mod run;
mod schema;
mod settings;
mod triggers;

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result};
use rusqlite::{Connection, ErrorCode, OpenFlags, TransactionBehavior};

use super::{
    Backend, Chunk, Create, HookUsage, IdMarks, Inventory, ListQuery, LogQuery, Pending,
    QueueQuery, QueueRow, QueueStat, Reads, Redriven, Sweep, Tx,
};
use crate::error::UserError;
use crate::model::{
    ApiUser, Catalog, Category, Epoch, HookFields, IdRange, LogEntry, NewCategory, QueueDepth,
    Target, Trigger, Webhook,
};

/// How long a writer waits for another process's lock before failing.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// Marks a file as hookq's (`PRAGMA application_id`, "hkq1").
const APPLICATION_ID: i64 = 0x686b_7131;

/// A bulk writer's page cache (KiB): an emit chunk is ~20 MB, and its
/// transaction should build in memory, not spill.
const BULK_CACHE_KIB: i64 = 32 * 1024;

pub struct SqliteStore {
    path: PathBuf,
    conn: Connection,
    /// False: the file does not exist yet and `conn` is an empty,
    /// migrated database in memory.
    on_disk: bool,
    /// Whether this connection committed anything; only then may closing
    /// it touch the database file.
    wrote: bool,
    bulk: bool,
}

/// A closing connection folds the WAL into the database (with an fsync)
/// only once the WAL has grown past this.
const WAL_FOLD_BYTES: u64 = 512 * 1024;

fn bad_db(flag: &str, path: &Path, reason: impl Into<String>) -> anyhow::Error {
    let field = flag.trim_start_matches('-');
    UserError::invalid(flag, field, Some(&path.display().to_string()), reason).into()
}

impl SqliteStore {
    /// Open the database at `path`, creating it (with its directory) now or
    /// on the first write.
    pub fn open(path: &Path, create: Create) -> Result<SqliteStore> {
        SqliteStore::open_as("--db", path, create)
    }

    /// [`SqliteStore::open`] for a path given by `flag`, which refusals name.
    pub fn open_as(flag: &str, path: &Path, create: Create) -> Result<SqliteStore> {
        if path.is_dir() {
            return Err(bad_db(
                flag,
                path,
                "is a directory; give a file path such as DIR/hookq.db",
            ));
        }
        let on_disk = create == Create::Now || path.exists();
        let conn = if on_disk {
            open_file(path)?
        } else {
            in_memory()?
        };
        Ok(SqliteStore {
            path: path.to_owned(),
            conn,
            on_disk,
            wrote: false,
            bulk: false,
        })
    }

    /// Create the file now if it was not there when opened.
    fn materialize(&mut self) -> Result<()> {
        if !self.on_disk {
            self.conn = open_file(&self.path)?;
            self.on_disk = true;
            if self.bulk {
                self.set_bulk()?;
            }
        }
        Ok(())
    }

    fn set_bulk(&self) -> Result<()> {
        self.conn
            .execute_batch(&format!("PRAGMA cache_size = -{BULK_CACHE_KIB};"))?;
        Ok(())
    }

    /// Run `f` in a short IMMEDIATE transaction; an error rolls it back,
    /// so a rejected command leaves the file as it was.
    fn write_tx<T>(&mut self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let out = immediate(&mut self.conn, f).map_err(|e| explain(&self.path, e))?;
        self.wrote = true;
        Ok(out)
    }
}

impl Backend for SqliteStore {
    fn reads(&self) -> &(dyn Reads + 'static) {
        &self.conn
    }

    fn snapshot(&self, f: &mut dyn FnMut(&dyn Reads) -> Result<()>) -> Result<()> {
        // A deferred transaction that only reads: one read lock for all.
        // Cached statements, as this runs for every API read.
        self.conn.prepare_cached("BEGIN DEFERRED")?.execute([])?;
        let out = f(&self.conn);
        let end = if out.is_ok() { "COMMIT" } else { "ROLLBACK" };
        let ended = self
            .conn
            .prepare_cached(end)
            .and_then(|mut s| s.execute([]));
        out?;
        ended?;
        Ok(())
    }

    fn write(&mut self, f: &mut dyn FnMut(&dyn Tx) -> Result<()>) -> Result<()> {
        if !self.on_disk {
            // A dry run on the empty database: dropped, so rolled back.
            let tx = self.conn.transaction()?;
            f(&*tx)?;
            drop(tx);
            self.materialize()?;
        }
        self.write_tx(|tx| f(tx))
    }

    fn cleanup(&mut self, sweep: Sweep, kept_since: Epoch) -> Result<()> {
        if !self.on_disk {
            return Ok(());
        }
        self.wrote = true;
        queue::cleanup(&mut self.conn, sweep, kept_since)
    }

    fn expect_bulk_writes(&mut self) -> Result<()> {
        self.bulk = true;
        if self.on_disk {
            self.set_bulk()?;
        }
        Ok(())
    }

    fn into_queue(mut self: Box<Self>) -> Result<Box<dyn super::Queue>> {
        self.materialize()?;
        Ok(Box::new(run::SqliteQueue::new(*self)?))
    }

    fn describe(&self) -> String {
        format!("database {}", self.path.display())
    }

    fn data_version(&self) -> Result<Option<i64>> {
        Ok(Some(
            self.conn
                .prepare_cached("PRAGMA data_version")?
                .query_row([], |r| r.get(0))?,
        ))
    }

    fn export(&self, page: usize, f: &mut dyn FnMut(Chunk) -> Result<()>) -> Result<IdMarks> {
        self.conn.execute_batch("BEGIN DEFERRED")?;
        let out = copy::export(&self.conn, page, f);
        let end = if out.is_ok() { "COMMIT" } else { "ROLLBACK" };
        let ended = self.conn.execute_batch(end);
        let marks = out?;
        ended?;
        Ok(marks)
    }
}

/// Open (creating if missing) and migrate the database file at `path`.
fn open_file(path: &Path) -> Result<Connection> {
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
            return Err(e).with_context(|| format!("could not create database {}", path.display()));
        }
    }
    private(path);
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let mut conn = Connection::open_with_flags(path, flags)
        .with_context(|| format!("could not open database {}", path.display()))?;
    configure(&conn).map_err(|e| classify(path, e))?;
    migrate(&mut conn).map_err(|e| classify(path, e))?;
    Ok(conn)
}

fn configure(conn: &Connection) -> Result<()> {
    tune(conn)?;
    // By default the last connection to close copies the WAL into the
    // database and fsyncs it: most of a short command's cost. Instead
    // the WAL is folded in when it has grown (see `Drop`); committed
    // data is as safe in the WAL as in the database.
    conn.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
        true,
    )?;
    // Reading the header first turns a foreign or corrupt file into a
    // clear error before anything tries to write to it.
    let app: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if app != 0 && app != APPLICATION_ID {
        anyhow::bail!(Foreign(
            "it is an SQLite database of another application".into()
        ));
    }
    if app == 0 && version == 0 {
        let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
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
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        anyhow::bail!("could not switch the database to WAL mode (got {mode})");
    }
    conn.execute_batch("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;")?;
    Ok(())
}

fn migrate(conn: &mut Connection) -> Result<()> {
    let current: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if current == schema::LATEST {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
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

/// The database holds secrets: a file others may read (made before
/// hookq, say as an empty 0644 file) is tightened to 0600 when this
/// process owns it, and so are its -wal and -shm, which SQLite creates
/// with the database's mode. A file of another owner is left as it is,
/// with one warning: hookq may not change it.
fn private(path: &Path) {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let Ok(meta) = fs::metadata(path) else {
        return;
    };
    if meta.permissions().mode() & 0o077 == 0 {
        return;
    }
    // The owner of /proc/self is this process's effective user.
    let me = fs::metadata("/proc/self").map(|m| m.uid()).ok();
    if me != Some(meta.uid()) {
        static WARNED: std::sync::Once = std::sync::Once::new();
        WARNED.call_once(|| {
            eprintln!(
                "hookq: warning: database {} may be read by other users (mode {:o}) and is not this user's to change; chmod 600 it",
                path.display(),
                meta.permissions().mode() & 0o777
            );
        });
        return;
    }
    for p in [
        path.to_owned(),
        PathBuf::from(format!("{}-wal", path.display())),
        PathBuf::from(format!("{}-shm", path.display())),
    ] {
        if p.exists() {
            let _ = fs::set_permissions(&p, fs::Permissions::from_mode(0o600));
        }
    }
}

/// A read-only connection to a database already opened and migrated, with
/// a page cache of `cache_kib`.
fn open_reader(path: &Path, cache_kib: i64) -> Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags)
        .with_context(|| format!("could not open database {}", path.display()))?;
    tune(&conn)?;
    conn.execute_batch(&format!("PRAGMA cache_size = -{cache_kib};"))?;
    Ok(conn)
}

/// An empty, migrated database in memory: the state a missing file
/// would have.
fn in_memory() -> Result<Connection> {
    let mut conn = Connection::open_in_memory()?;
    add_functions(&conn)?;
    conn.execute_batch("PRAGMA foreign_keys = ON;")?;
    migrate(&mut conn)?;
    Ok(conn)
}

impl Drop for SqliteStore {
    /// Fold a grown WAL into the database and truncate it. Each short
    /// command is usually the first connection to open the file and then
    /// rebuilds the WAL index from the whole WAL, forgetting what was
    /// already copied, so the WAL must be emptied now and then rather than
    /// left to grow. With a zero busy timeout this gives way at once when
    /// another process is using the database; that one folds it later.
    fn drop(&mut self) {
        if !self.on_disk || !self.wrote {
            return;
        }
        let mut wal = self.path.as_os_str().to_owned();
        wal.push("-wal");
        if std::fs::metadata(&wal).map_or(0, |m| m.len()) <= WAL_FOLD_BYTES {
            return;
        }
        let _ = self.conn.busy_timeout(Duration::ZERO);
        let _ = self
            .conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
    }
}

/// `hookq_fold(text)`: Unicode lower case, for case-insensitive search
/// (SQLite's LIKE and lower() fold ASCII letters only: `É` missed `é`).
fn add_functions(conn: &Connection) -> Result<()> {
    use rusqlite::functions::FunctionFlags;
    conn.create_scalar_function(
        "hookq_fold",
        1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| Ok(ctx.get::<Option<String>>(0)?.map(|s| s.to_lowercase())),
    )?;
    Ok(())
}

/// What every file connection gets, writer or reader.
fn tune(conn: &Connection) -> Result<()> {
    add_functions(conn)?;
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

/// Run `f` in an IMMEDIATE transaction on `conn`, committed when it
/// succeeds.
fn immediate<T>(conn: &mut Connection, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let out = f(&tx)?;
    tx.commit()?;
    Ok(out)
}

/// An SQLite failure as one line: what failed, on which file, and what
/// to do. rusqlite's own error repeats its text through its source
/// (`attempt to write a readonly database: Error code 8: attempt to
/// write a readonly database`) and names no file. Errors of the input
/// (`UserError`) pass through untouched.
pub(crate) fn explain(path: &Path, e: anyhow::Error) -> anyhow::Error {
    if e.downcast_ref::<UserError>().is_some() {
        return e;
    }
    let Some(rusqlite::Error::SqliteFailure(f, msg)) =
        e.chain().find_map(|c| c.downcast_ref::<rusqlite::Error>())
    else {
        return e;
    };
    let what = msg.clone().unwrap_or_else(|| f.to_string());
    let fix = match f.code {
        ErrorCode::ReadOnly => {
            "hookq must be able to write the file and create files beside it (-wal, -shm): check the permissions of the file and its directory, and that the disk is not mounted read-only"
        }
        ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => {
            "another process held the database for over 30 s; try again"
        }
        ErrorCode::DiskFull => "the disk or a quota is full; free some space",
        ErrorCode::CannotOpen | ErrorCode::PermissionDenied => {
            "check the permissions of the file and its directory"
        }
        ErrorCode::SystemIoFailure => "the disk reported an I/O error; check it",
        _ => return anyhow::anyhow!("database {}: {what}", path.display()),
    };
    anyhow::anyhow!("could not write database {}: {what}; {fix}", path.display())
}

/// The file is not ours or not readable as a database: a usage error.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
struct Foreign(String);

fn classify(path: &Path, e: anyhow::Error) -> anyhow::Error {
    if let Some(f) = e.downcast_ref::<Foreign>() {
        return bad_db("--db", path, format!("{f}; point --db at another file"));
    }
    if let Some(rusqlite::Error::SqliteFailure(f, _)) = e.downcast_ref::<rusqlite::Error>()
        && matches!(f.code, ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt)
    {
        return bad_db(
            "--db",
            path,
            "is not a valid SQLite database (corrupt or another kind of file); move it aside or point --db at another file",
        );
    }
    e.context(format!("could not open database {}", path.display()))
}

/// Reads on any connection: the store's own, or a transaction's.
impl Reads for Connection {
    fn get_hook(&self, id: i64) -> Result<Option<Webhook>> {
        hooks::get(self, id)
    }
    fn list_hooks(&self, q: &ListQuery) -> Result<(u64, Vec<Webhook>)> {
        hooks::list(self, q)
    }
    fn queue_depth(&self, id: i64) -> Result<QueueDepth> {
        hooks::queue_depth(self, id)
    }
    fn hook_usage(&self, id: i64) -> Result<HookUsage> {
        hooks::usage(self, id)
    }
    fn catalog(&self) -> Result<Catalog> {
        triggers::catalog(self)
    }
    fn categories(&self) -> Result<Vec<Category>> {
        categories::all(self)
    }
    fn category(&self, id: i64) -> Result<Option<Category>> {
        categories::get(self, id)
    }
    fn category_by_alias(&self, alias: &str) -> Result<Option<Category>> {
        categories::by_alias(self, alias)
    }
    fn stored_settings(&self) -> Result<BTreeMap<String, String>> {
        settings::stored(self)
    }
    fn subscribers(&self, event_type: &str) -> Result<Vec<(i64, Option<String>)>> {
        queue::subscribers(self, event_type)
    }
    fn trigger_users(&self, event_type: &str) -> Result<Vec<i64>> {
        triggers::users(self, event_type)
    }
    fn logs(&self, q: &LogQuery) -> Result<Vec<LogEntry>> {
        logs::list(self, q)
    }
    fn log_count(&self, q: &LogQuery) -> Result<u64> {
        logs::count(self, q)
    }
    fn queue_stats(&self, now: Epoch) -> Result<Vec<QueueStat>> {
        queue::stats(self, now, None)
    }
    fn queue_stat(&self, hook: i64, now: Epoch) -> Result<Option<QueueStat>> {
        Ok(queue::stats(self, now, Some(hook))?.pop())
    }
    fn queue_rows(&self, q: &QueueQuery) -> Result<Vec<QueueRow>> {
        queue::rows(self, q)
    }
    fn queue_count(&self, q: &QueueQuery) -> Result<u64> {
        queue::count(self, q)
    }
    fn due_count(&self, only: Option<&[i64]>, range: IdRange) -> Result<u64> {
        queue::due_count(self, only, range)
    }
    fn targets(&self, only: Option<&[i64]>, range: IdRange) -> Result<Vec<Target>> {
        queue::targets(self, only, range)
    }
    fn pending(&self, hook: i64, range: IdRange, now: Epoch) -> Result<Pending> {
        queue::pending(self, hook, range, now)
    }
    fn each_live_batch(
        &self,
        hook: i64,
        range: IdRange,
        f: &mut dyn FnMut(&[crate::model::Event]) -> Result<()>,
    ) -> Result<()> {
        queue::each_live_batch(self, hook, range, f)
    }
    fn fresh_events(
        &self,
        hook: i64,
        range: IdRange,
        descending: bool,
        after: Option<i64>,
        limit: u32,
    ) -> Result<Vec<(i64, crate::model::Event)>> {
        queue::fresh_events(self, hook, range, descending, after, limit)
    }
    fn kept_batches(&self, which: &crate::store::Resend) -> Result<Vec<crate::store::KeptBatch>> {
        queue::kept_batches(self, which)
    }
    fn events_by_id(&self, ids: &[i64]) -> Result<Vec<(i64, crate::model::Event)>> {
        queue::events_by_id(self, ids)
    }
    fn rate_wait(
        &self,
        hook: i64,
        rate: crate::controls::Rate,
        now_ms: Epoch,
    ) -> Result<Option<i64>> {
        queue::rate_wait(self, hook, rate, now_ms)
    }
    fn api_users(&self) -> Result<Vec<ApiUser>> {
        api_users::all(self)
    }
    fn api_user(&self, username: &str) -> Result<Option<ApiUser>> {
        api_users::get(self, username)
    }
    fn inventory(&self) -> Result<Inventory> {
        copy::inventory(self)
    }
}

/// Writes, on a connection inside a transaction ([`SqliteStore::write_tx`]).
impl Tx for Connection {
    fn insert_hook(&self, id: Option<i64>, f: &HookFields, user: &str, now: Epoch) -> Result<i64> {
        hooks::insert(self, id, f, user, now)
    }
    fn update_hook(&self, id: i64, f: &HookFields, user: &str, now: Epoch) -> Result<()> {
        hooks::update(self, id, f, user, now)
    }
    fn delete_hook(&self, id: i64) -> Result<bool> {
        hooks::delete(self, id)
    }
    fn insert_category(&self, c: &NewCategory, user: &str, now: Epoch) -> Result<i64> {
        categories::insert(self, c, user, now)
    }
    fn update_category(&self, id: i64, c: &NewCategory, user: &str) -> Result<()> {
        categories::update(self, id, c, user)
    }
    fn delete_category(&self, id: i64) -> Result<bool> {
        categories::delete(self, id)
    }
    fn insert_trigger(&self, t: &Trigger, now: Epoch) -> Result<()> {
        triggers::insert(self, t, now)
    }
    fn delete_trigger(&self, event_type: &str) -> Result<bool> {
        triggers::delete(self, event_type)
    }
    fn set_setting(&self, key: &str, value: &str) -> Result<()> {
        settings::set(self, key, value)
    }
    fn unset_setting(&self, key: &str) -> Result<bool> {
        settings::unset(self, key)
    }
    fn insert_event(
        &self,
        event_type: &str,
        payload: &str,
        time: Epoch,
        subs: &[i64],
    ) -> Result<i64> {
        queue::insert_event(self, event_type, payload, time, subs)
    }
    fn redrive(&self, webhook: Option<i64>, waiting: bool, now: Epoch) -> Result<Redriven> {
        queue::redrive(self, webhook, waiting, now)
    }
    fn purge(&self, webhook: Option<i64>, dead_only: bool) -> Result<u64> {
        queue::purge(self, webhook, dead_only)
    }
    fn requeue(&self, b: &crate::store::KeptBatch, uid: &str, now: Epoch) -> Result<Option<i64>> {
        queue::requeue(self, b, uid, now)
    }
    fn insert_api_user(&self, username: &str, hash: &str, user: &str, now: Epoch) -> Result<i64> {
        api_users::insert(self, username, hash, user, now)
    }
    fn delete_api_user(&self, username: &str) -> Result<bool> {
        api_users::delete(self, username)
    }
    fn claim_key(
        &self,
        key: &str,
        now: Epoch,
        expires_at: Epoch,
    ) -> Result<Option<crate::store::KeyAnswer>> {
        queue::claim_key(self, key, now, expires_at)
    }
    fn answer_key(&self, key: &str, answer: &crate::store::KeyAnswer) -> Result<()> {
        queue::answer_key(self, key, answer)
    }
    fn import(&self, chunk: &Chunk) -> Result<()> {
        copy::import(self, chunk)
    }
    fn finish_import(&self, marks: &IdMarks) -> Result<()> {
        copy::finish_import(self, marks)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn creates_file_0600_dir_0700_and_migrates() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("sub/dir/hookq.db");
        let store = SqliteStore::open(&path, Create::Now).unwrap();
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        let dmode = fs::metadata(path.parent().unwrap())
            .unwrap()
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(dmode, 0o700);
        let v: i64 = store
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, schema::LATEST);
        let jm: String = store
            .conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(jm, "wal");
        let fk: i64 = store
            .conn
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .unwrap();
        assert_eq!(fk, 1);
        drop(store);
        // Reopening an up-to-date file is a no-op.
        SqliteStore::open(&path, Create::Now).unwrap();
    }

    /// Issue 13: an empty 0644 file was used as is, and its -wal and
    /// -shm came out 0644 too.
    #[test]
    fn a_file_others_may_read_is_made_private() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("open.db");
        fs::write(&path, b"").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
        let mut store = SqliteStore::open(&path, Create::Now).unwrap();
        store
            .write_tx(|tx| Ok(tx.execute_batch("INSERT INTO settings VALUES ('k', 'v')")?))
            .unwrap();
        for p in [
            path.clone(),
            tmp.path().join("open.db-wal"),
            tmp.path().join("open.db-shm"),
        ] {
            let mode = fs::metadata(&p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "{}", p.display());
        }
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
        let store = SqliteStore::open(&path, Create::Now).unwrap();
        let (v, hooks, index): (i64, i64, i64) = store
            .conn
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

    /// Issue 13: `attempt to write a readonly database: Error code 8:
    /// attempt to write a readonly database`, naming no file and no fix.
    #[test]
    fn sqlite_failures_are_one_line_with_the_file_and_the_fix() {
        let failure = |code: i32, msg: &str| -> anyhow::Error {
            rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(code), Some(msg.into())).into()
        };
        let path = Path::new("/var/lib/hookq/hookq.db");
        let m = format!(
            "{:#}",
            explain(
                path,
                failure(
                    rusqlite::ffi::SQLITE_READONLY,
                    "attempt to write a readonly database"
                )
            )
        );
        assert_eq!(m.matches("readonly").count(), 1, "{m}");
        assert!(m.contains("/var/lib/hookq/hookq.db"), "{m}");
        assert!(m.contains("check the permissions"), "{m}");
        let m = format!(
            "{:#}",
            explain(
                path,
                failure(rusqlite::ffi::SQLITE_FULL, "database or disk is full")
            )
        );
        assert!(m.contains("free some space"), "{m}");
        // Input errors pass through as they are.
        let e: anyhow::Error = UserError::invalid("--name", "name", None, "empty").into();
        assert!(explain(path, e).downcast_ref::<UserError>().is_some());
    }

    #[test]
    fn refuses_newer_schema_and_foreign_files() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("hookq.db");
        drop(SqliteStore::open(&path, Create::Now).unwrap());
        Connection::open(&path)
            .unwrap()
            .execute_batch("PRAGMA user_version = 999")
            .unwrap();
        let e = SqliteStore::open(&path, Create::Now).err().unwrap();
        assert!(format!("{e:#}").contains("newer hookq"), "{e:#}");

        let other = tmp.path().join("other.db");
        Connection::open(&other)
            .unwrap()
            .execute_batch("CREATE TABLE t(x)")
            .unwrap();
        let e = SqliteStore::open(&other, Create::Now).err().unwrap();
        assert!(e.downcast_ref::<UserError>().is_some(), "{e:#}");

        let junk = tmp.path().join("junk.db");
        fs::write(&junk, vec![b'x'; 8192]).unwrap();
        let e = SqliteStore::open(&junk, Create::Now).err().unwrap();
        assert!(
            format!("{e:#}").contains("not a valid SQLite database"),
            "{e:#}"
        );

        let e = SqliteStore::open(tmp.path(), Create::Now).err().unwrap();
        assert!(format!("{e:#}").contains("is a directory"), "{e:#}");
    }
}
