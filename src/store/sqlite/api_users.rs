//! API users (`api_users`): who may call `hookq serve`.

use anyhow::Result;
use rusqlite::{Connection, OptionalExtension, Row, params};

use crate::model::{ApiUser, Epoch};

const SELECT: &str =
    "SELECT id, username, password_hash, date_added, created_by_user FROM api_users";

fn from_row(r: &Row<'_>) -> rusqlite::Result<ApiUser> {
    Ok(ApiUser {
        id: r.get(0)?,
        username: r.get(1)?,
        password_hash: r.get(2)?,
        date_added: r.get(3)?,
        created_by_user: r.get(4)?,
    })
}

pub fn all(conn: &Connection) -> Result<Vec<ApiUser>> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT} ORDER BY username"))?;
    Ok(stmt
        .query_map([], from_row)?
        .collect::<rusqlite::Result<_>>()?)
}

pub fn get(conn: &Connection, username: &str) -> Result<Option<ApiUser>> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT} WHERE username = ?"))?;
    Ok(stmt.query_row([username], from_row).optional()?)
}

pub fn insert(tx: &Connection, username: &str, hash: &str, user: &str, now: Epoch) -> Result<i64> {
    tx.execute(
        "INSERT INTO api_users (username, password_hash, date_added, created_by_user)
         VALUES (?, ?, ?, ?)",
        params![username, hash, now, user],
    )?;
    Ok(tx.last_insert_rowid())
}

pub fn delete(tx: &Connection, username: &str) -> Result<bool> {
    Ok(tx.execute("DELETE FROM api_users WHERE username = ?", [username])? > 0)
}
