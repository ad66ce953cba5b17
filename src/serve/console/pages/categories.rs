//! Categories.

use super::*;

/// A category as the page lists it.
pub struct CategoryRow {
    pub id: i64,
    pub title: String,
    pub alias: String,
    pub description: String,
    pub color: String,
}

/// The category form's fields as typed.
#[derive(Default)]
pub struct CategoryValues {
    pub title: String,
    pub alias: String,
    pub description: String,
    pub color: String,
}

#[derive(Default)]
pub struct CategoryErrors {
    pub title: Option<String>,
    pub alias: Option<String>,
    pub description: Option<String>,
    pub color: Option<String>,
}

#[derive(Template)]
#[template(path = "console/categories.html")]
pub(super) struct CategoriesPage {
    title: &'static str,
    nav: Option<Nav>,
    csrf: String,
    notice: Option<String>,
    error: Option<String>,
    rows: Vec<CategoryRow>,
    /// The category the form edits (0: a new one).
    editing: i64,
    f: CategoryValues,
    errors: CategoryErrors,
}

#[allow(clippy::too_many_arguments)]
pub(super) async fn categories_page(
    c: &Arc<Console>,
    cur: &Current,
    editing: i64,
    f: Option<CategoryValues>,
    errors: CategoryErrors,
    notice: Option<String>,
    error: Option<String>,
) -> Response {
    let list = match c.app.read(crate::service::categories::list).await {
        Ok(l) => l,
        Err(e) => return failure(&e),
    };
    let f = f.unwrap_or_else(|| {
        list.iter()
            .find(|cat| cat.id == editing)
            .map(|cat| CategoryValues {
                title: cat.title.clone(),
                alias: cat.alias.clone(),
                description: cat.description.clone().unwrap_or_default(),
                color: cat.color.clone().unwrap_or_default(),
            })
            .unwrap_or_default()
    });
    let rows = list
        .into_iter()
        .map(|cat| CategoryRow {
            id: cat.id,
            title: cat.title,
            alias: cat.alias,
            description: cat.description.unwrap_or_default(),
            color: cat.color.unwrap_or_default(),
        })
        .collect();
    let failed = errors.title.is_some()
        || errors.alias.is_some()
        || errors.description.is_some()
        || errors.color.is_some()
        || error.is_some();
    html(
        if failed {
            StatusCode::BAD_REQUEST
        } else {
            StatusCode::OK
        },
        &CategoriesPage {
            title: "Categories",
            nav: Some(Nav::of("categories", cur)),
            csrf: cur.session.csrf.clone(),
            notice,
            error,
            rows,
            editing,
            f,
            errors,
        },
    )
}

pub async fn categories(
    State(c): State<Arc<Console>>,
    Extension(cur): Extension<Current>,
    RawQuery(q): RawQuery,
) -> Response {
    let editing = query_value(q.as_deref(), "edit")
        .and_then(|e| webhook_id(&e))
        .unwrap_or(0);
    let notice = query_value(q.as_deref(), "saved").map(|_| String::from("Saved."));
    categories_page(
        &c,
        &cur,
        editing,
        None,
        CategoryErrors::default(),
        notice,
        None,
    )
    .await
}

/// A refused category field next to it, in the CLI's words.
pub(super) fn category_errors(e: &anyhow::Error) -> Option<CategoryErrors> {
    let Some(crate::error::UserError::Invalid(i)) = e
        .chain()
        .find_map(|c| c.downcast_ref::<crate::error::UserError>())
    else {
        return None;
    };
    let mut out = CategoryErrors::default();
    let reason = Some(i.reason.clone());
    match i.field.as_str() {
        "title" => out.title = reason,
        "alias" => out.alias = reason,
        "description" => out.description = reason,
        _ => out.color = reason,
    }
    Some(out)
}

pub async fn save_category(
    State(c): State<Arc<Console>>,
    Extension(cur): Extension<Current>,
    headers: HeaderMap,
    path: Option<axum::extract::Path<String>>,
    body: Bytes,
) -> Response {
    let form = match posted(&headers, &cur, &body) {
        Ok(f) => f,
        Err(r) => return *r,
    };
    let editing = match &path {
        Some(axum::extract::Path(raw)) => match webhook_id(raw) {
            Some(id) => id,
            None => return plain(StatusCode::NOT_FOUND, "No such category."),
        },
        None => 0,
    };
    let f = CategoryValues {
        title: form.get("title"),
        alias: form.get("alias"),
        description: form.get("description"),
        color: form.get("color"),
    };
    let given = |s: &str| (!s.is_empty()).then(|| s.to_owned());
    let saved = if editing > 0 {
        let e = crate::service::categories::CategoryEdit {
            title: Some(f.title.clone()),
            alias: given(&f.alias),
            description: Some(f.description.clone()),
            color: given(&f.color),
        };
        c.app
            .write(move |s| crate::service::categories::edit(s, editing, &e))
            .await
    } else {
        let input = crate::service::categories::CategoryInput {
            title: f.title.clone(),
            alias: given(&f.alias),
            description: given(&f.description),
            color: given(&f.color),
        };
        match crate::service::categories::new_category(&input) {
            Ok(checked) => {
                c.app
                    .write(move |s| crate::service::categories::create(s, &checked))
                    .await
            }
            Err(e) => Err(e),
        }
    };
    match saved {
        Ok(_) => see_other("/categories?saved=1"),
        Err(e) if is_missing(&e) => plain(StatusCode::NOT_FOUND, "No such category."),
        Err(e) => match category_errors(&e) {
            Some(errors) => categories_page(&c, &cur, editing, Some(f), errors, None, None).await,
            None => match e.downcast_ref::<crate::error::UserError>() {
                Some(u) => {
                    categories_page(
                        &c,
                        &cur,
                        editing,
                        Some(f),
                        CategoryErrors::default(),
                        None,
                        Some(u.to_string()),
                    )
                    .await
                }
                None => failure(&e),
            },
        },
    }
}

pub async fn delete_category(
    State(c): State<Arc<Console>>,
    Extension(cur): Extension<Current>,
    headers: HeaderMap,
    axum::extract::Path(raw): axum::extract::Path<String>,
    body: Bytes,
) -> Response {
    let _form = match posted(&headers, &cur, &body) {
        Ok(f) => f,
        Err(r) => return *r,
    };
    let Some(id) = webhook_id(&raw) else {
        return plain(StatusCode::NOT_FOUND, "No such category.");
    };
    match c
        .app
        .write(move |s| crate::service::categories::delete(s, id))
        .await
    {
        Ok(_) => see_other("/categories?saved=1"),
        Err(e) => missing_or_failure(&e, "No such category."),
    }
}
