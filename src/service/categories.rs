//! Categories: the minimal ones webhooks can carry (title, alias, colour).

use anyhow::Result;

use crate::error::UserError;
use crate::model::{
    Category, NewCategory, alias_from_title, current_user, now, validate_alias, validate_color,
    validate_description,
};
use crate::store::Store;

/// A new category, as given.
#[derive(Debug, Clone, Default)]
pub struct CategoryInput {
    pub title: String,
    /// None: derived from the title (numbered when taken, as Mautic does).
    pub alias: Option<String>,
    pub description: Option<String>,
    pub color: Option<String>,
}

fn not_found(id: i64) -> anyhow::Error {
    UserError::NotFound {
        what: "category",
        id: id.to_string(),
    }
    .into()
}

/// Check a new category's fields (no store needed).
pub fn new_category(i: &CategoryInput) -> Result<CategoryInput> {
    let title = &i.title;
    if title.trim().is_empty() {
        return Err(
            UserError::invalid("--title", "title", Some(title), "A title is required.").into(),
        );
    }
    if title.chars().any(char::is_control) {
        return Err(UserError::invalid(
            "--title",
            "title",
            Some(title),
            "control characters are not allowed",
        )
        .into());
    }
    Ok(CategoryInput {
        title: title.clone(),
        alias: i
            .alias
            .as_deref()
            .map(|a| validate_alias("--alias", a))
            .transpose()?,
        description: i
            .description
            .as_deref()
            .map(|d| validate_description("--description", d))
            .transpose()?
            .flatten(),
        color: i
            .color
            .as_deref()
            .map(|c| validate_color("--color", c))
            .transpose()?,
    })
}

/// Create a category from input [`new_category`] checked.
pub fn create(store: &mut Store, i: &CategoryInput) -> Result<Category> {
    let id = store.write(|tx| {
        let alias = match i.alias.clone() {
            Some(a) => {
                if let Some(other) = tx.category_by_alias(&a)? {
                    return Err(UserError::invalid(
                        "--alias",
                        "alias",
                        Some(&a),
                        format!("already used by category {}; choose another", other.id),
                    )
                    .into());
                }
                a
            }
            // Like Mautic, a derived alias that is taken gets a number.
            None => {
                let base = alias_from_title(&i.title);
                let mut candidate = base.clone();
                let mut n = 1;
                while tx.category_by_alias(&candidate)?.is_some() {
                    n += 1;
                    candidate = format!("{base}{n}");
                }
                candidate
            }
        };
        let new = NewCategory {
            title: i.title.clone(),
            alias,
            description: i.description.clone(),
            color: i.color.clone(),
        };
        tx.insert_category(&new, &current_user(), now())
    })?;
    store.category(id)?.ok_or_else(|| not_found(id))
}

/// Every category, by title.
pub fn list(store: &Store) -> Result<Vec<Category>> {
    store.categories()
}

/// What `category edit` changes: only the given fields.
#[derive(Debug, Clone, Default)]
pub struct CategoryEdit {
    pub title: Option<String>,
    pub alias: Option<String>,
    pub description: Option<String>,
    pub color: Option<String>,
}

/// Change category `id`'s given fields (checked as `create` checks them;
/// an alias another category uses is refused).
pub fn edit(store: &mut Store, id: i64, e: &CategoryEdit) -> Result<Category> {
    if e.title.is_none() && e.alias.is_none() && e.description.is_none() && e.color.is_none() {
        return Err(UserError::invalid(
            "category edit",
            "category",
            None,
            "nothing to change; give --title, --alias, --description or --color",
        )
        .into());
    }
    let checked = new_category(&CategoryInput {
        title: e.title.clone().unwrap_or_else(|| String::from("unchanged")),
        alias: e.alias.clone(),
        description: e.description.clone(),
        color: e.color.clone(),
    })?;
    store.write(|tx| {
        let c = tx.category(id)?.ok_or_else(|| not_found(id))?;
        if let Some(a) = &checked.alias
            && let Some(other) = tx.category_by_alias(a)?
            && other.id != id
        {
            return Err(UserError::invalid(
                "--alias",
                "alias",
                Some(a),
                format!("already used by category {}; choose another", other.id),
            )
            .into());
        }
        let new = NewCategory {
            title: e.title.clone().map_or(c.title, |_| checked.title.clone()),
            alias: checked.alias.clone().unwrap_or(c.alias),
            description: match &e.description {
                Some(_) => checked.description.clone(),
                None => c.description,
            },
            color: match &e.color {
                Some(_) => checked.color.clone(),
                None => c.color,
            },
        };
        tx.update_category(id, &new, &current_user())
    })?;
    store.category(id)?.ok_or_else(|| not_found(id))
}

/// Delete category `id`; its webhooks become uncategorised.
pub fn delete(store: &mut Store, id: i64) -> Result<Category> {
    store.write(|tx| {
        let c = tx.category(id)?.ok_or_else(|| not_found(id))?;
        tx.delete_category(id)?;
        Ok(c)
    })
}
