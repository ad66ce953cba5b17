//! Categories (`categories`): a title, a unique alias, a colour.

use anyhow::Result;
use rusqlite::{OptionalExtension, Row, Transaction, params};

use super::Store;
use crate::model::{Category, Epoch};

const SELECT: &str = "SELECT id, title, alias, description, color, created_by_user, modified_by_user FROM categories";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Category> {
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

impl Store {
    pub fn categories(&self) -> Result<Vec<Category>> {
        let mut stmt = self
            .conn()
            .prepare(&format!("{SELECT} ORDER BY title, id"))?;
        Ok(stmt
            .query_map([], from_row)?
            .collect::<rusqlite::Result<_>>()?)
    }

    pub fn category(&self, id: i64) -> Result<Option<Category>> {
        get_in(self.conn(), id)
    }
}

pub(crate) fn get_in(conn: &rusqlite::Connection, id: i64) -> Result<Option<Category>> {
    Ok(conn
        .query_row(&format!("{SELECT} WHERE id = ?"), [id], from_row)
        .optional()?)
}

pub(crate) fn by_alias(tx: &Transaction, alias: &str) -> Result<Option<Category>> {
    Ok(tx
        .query_row(&format!("{SELECT} WHERE alias = ?"), [alias], from_row)
        .optional()?)
}

pub(crate) struct NewCategory<'a> {
    pub title: &'a str,
    pub alias: &'a str,
    pub description: Option<&'a str>,
    pub color: Option<&'a str>,
}

pub(crate) fn insert(tx: &Transaction, c: &NewCategory<'_>, user: &str, now: Epoch) -> Result<i64> {
    tx.execute(
        "INSERT INTO categories (title, alias, description, color, date_added, created_by_user)
         VALUES (?, ?, ?, ?, ?, ?)",
        params![c.title, c.alias, c.description, c.color, now, user],
    )?;
    Ok(tx.last_insert_rowid())
}

/// Delete a category; its webhooks become uncategorised.
pub(crate) fn delete(tx: &Transaction, id: i64) -> Result<bool> {
    Ok(tx.execute("DELETE FROM categories WHERE id = ?", [id])? > 0)
}
