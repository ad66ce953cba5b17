//! Categories (`categories`): a title, a unique alias, a colour.

use anyhow::Result;
use rusqlite::{Connection, OptionalExtension, Row, params};

use crate::model::{Category, Epoch, NewCategory};

const SELECT: &str = "SELECT id, title, alias, description, color, created_by_user, modified_by_user FROM categories";

pub fn from_row(r: &Row<'_>) -> rusqlite::Result<Category> {
    Ok(Category {
        id: r.get(0)?,
        title: r.get(1)?,
        alias: r.get(2)?,
        description: r.get(3)?,
        color: r.get(4)?,
        created_by_user: r.get(5)?,
        modified_by_user: r.get(6)?,
    })
}

pub fn all(conn: &Connection) -> Result<Vec<Category>> {
    let mut stmt = conn.prepare(&format!("{SELECT} ORDER BY title, id"))?;
    Ok(stmt
        .query_map([], from_row)?
        .collect::<rusqlite::Result<_>>()?)
}

pub fn get(conn: &Connection, id: i64) -> Result<Option<Category>> {
    Ok(conn
        .query_row(&format!("{SELECT} WHERE id = ?"), [id], from_row)
        .optional()?)
}

pub fn by_alias(conn: &Connection, alias: &str) -> Result<Option<Category>> {
    Ok(conn
        .query_row(&format!("{SELECT} WHERE alias = ?"), [alias], from_row)
        .optional()?)
}

pub fn insert(tx: &Connection, c: &NewCategory, user: &str, now: Epoch) -> Result<i64> {
    tx.execute(
        "INSERT INTO categories (title, alias, description, color, date_added, created_by_user)
         VALUES (?, ?, ?, ?, ?, ?)",
        params![c.title, c.alias, c.description, c.color, now, user],
    )?;
    Ok(tx.last_insert_rowid())
}

/// Delete a category; its webhooks become uncategorised.
pub fn delete(tx: &Connection, id: i64) -> Result<bool> {
    Ok(tx.execute("DELETE FROM categories WHERE id = ?", [id])? > 0)
}

pub fn update(tx: &Connection, id: i64, c: &NewCategory, user: &str) -> Result<()> {
    tx.execute(
        "UPDATE categories SET title = ?, alias = ?, description = ?, color = ?, modified_by_user = ?
          WHERE id = ?",
        params![c.title, c.alias, c.description, c.color, user, id],
    )?;
    Ok(())
}
