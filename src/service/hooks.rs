//! Webhooks: create, get, list, edit (PATCH, or PUT with `replace`), delete.
//!
//! As in Mautic, PUT replaces every field (and creates the webhook with
//! that id when it is missing) and PATCH changes only the fields given.
//! The trigger and category references are checked in the transaction
//! that writes them.

use anyhow::Result;

use crate::error::{UserError, invalid, not_found};
use crate::model::{
    Epoch, HookFields, OldSecret, Order, QueueDepth, Signing, Webhook, generate_secret_for, now,
    validate_description, validate_name, validate_secret, validate_secret_for, validate_url,
};
use crate::settings::Settings;
use crate::store::{
    Cmp, ColumnKind, Filter, FilterValue, ListQuery, OrderColumn, SearchTerm, Store, Sweep, Tx,
};

/// A webhook with what hookq keeps beside it.
#[derive(Debug, Clone)]
pub struct HookState {
    pub hook: Webhook,
    pub depth: QueueDepth,
}

fn state(store: &Store, id: i64) -> Result<HookState> {
    store.snapshot(|r| {
        let hook = r.get_hook(id)?.ok_or_else(|| not_found(id))?;
        let depth = r.queue_depth(id)?;
        Ok(HookState { hook, depth })
    })
}

/// A new webhook, as given.
#[derive(Debug, Clone, Default)]
pub struct HookInput {
    pub name: String,
    pub url: String,
    pub description: Option<String>,
    /// None: generate one.
    pub secret: Option<String>,
    /// `mautic` or `standard`; None: `mautic`.
    pub signing: Option<String>,
    /// `asc` or `desc`, any case; None: the global `events_order`.
    pub order: Option<String>,
    pub category: Option<i64>,
    pub triggers: Vec<String>,
    pub published: bool,
    /// Static headers and filters (issue 22).
    pub controls: crate::controls::Given,
}

/// Triggers as given, without repeats, in first-seen order.
fn dedupe(triggers: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in triggers {
        if !out.contains(t) {
            out.push(t.clone());
        }
    }
    out
}

/// Check a new webhook's fields (no store needed); generates the secret.
pub fn new_hook(i: &HookInput) -> Result<HookFields> {
    let name = validate_name("--name", &i.name)?;
    let url = validate_url("--url", "webhookUrl", &i.url)?;
    if i.triggers.is_empty() {
        return Err(UserError::invalid(
            "--trigger",
            "triggers",
            None,
            "at least one trigger is required",
        )
        .into());
    }
    let description = i
        .description
        .as_deref()
        .map(|d| validate_description("--description", d))
        .transpose()?
        .flatten();
    let order = i
        .order
        .as_deref()
        .map(|o| Order::parse("--order", "eventsOrderbyDir", o))
        .transpose()?;
    let signing = parse_signing(i.signing.as_deref())?.unwrap_or_default();
    let secret = match i.secret.as_deref() {
        Some(s) => validate_secret_for("--secret", signing, s)?,
        None => generate_secret_for(signing)?,
    };
    let triggers = dedupe(&i.triggers);
    let controls = crate::controls::apply(&Default::default(), &i.controls, &triggers)?;
    Ok(HookFields {
        name,
        description,
        webhook_url: url,
        secret,
        signing,
        old_secret: None,
        events_orderby_dir: order,
        category_id: i.category,
        triggers,
        is_published: i.published,
        controls,
    })
}

fn parse_signing(s: Option<&str>) -> Result<Option<Signing>> {
    Ok(s.map(|s| Signing::parse("--signing", s)).transpose()?)
}

fn check_url_address(settings: &Settings, flag: &str, url: &str) -> Result<()> {
    let block = settings.block_private_addresses;
    crate::netguard::check_url(url, block, block)
        .map_err(|why| UserError::invalid(flag, "webhookUrl", Some(url), why).into())
}

/// Checks that need the store: every trigger known, the category real.
fn check_refs(tx: &dyn Tx, triggers: &[String], category: Option<i64>) -> Result<()> {
    let catalog = tx.catalog()?;
    for t in triggers {
        catalog.check("--trigger", t)?;
    }
    if let Some(c) = category
        && tx.category(c)?.is_none()
    {
        return Err(UserError::invalid(
            "--category",
            "category",
            Some(&c.to_string()),
            "no category with this id; see `hookq category list`",
        )
        .in_api_words("no category with this id")
        .into());
    }
    Ok(())
}

/// A created webhook.
#[derive(Debug, Clone)]
pub struct Created {
    pub state: HookState,
    /// The secret given is shorter than 16 characters.
    pub weak_secret: bool,
}

/// Create a webhook from fields [`new_hook`] checked, as `user` (the
/// OS login for the CLI, the API user for `serve`).
pub fn create(store: &mut Store, fields: HookFields, user: &str) -> Result<Created> {
    check_url_address(&super::settings(store)?, "--url", &fields.webhook_url)?;
    let id = store.write(|tx| {
        check_refs(tx, &fields.triggers, fields.category_id)?;
        tx.insert_hook(None, &fields, user, now())
    })?;
    Ok(Created {
        state: state(store, id)?,
        weak_secret: fields.secret.chars().count() < 16,
    })
}

pub fn get(store: &Store, id: i64) -> Result<HookState> {
    state(store, id)
}

/// A list request, as given.
#[derive(Debug, Clone)]
pub struct ListInput {
    /// Free text on the name and Mautic's search commands.
    pub search: Option<String>,
    /// Mautic's `where[i]`: every one must hold.
    pub filters: Vec<WhereInput>,
    /// Mautic's `order[i]` (column, direction); when given, it replaces
    /// `order_by`/`order_dir`.
    pub order: Vec<(String, String)>,
    pub start: u64,
    /// 0: no limit.
    pub limit: u64,
    /// camelCase or snake_case.
    pub order_by: String,
    pub order_dir: String,
    pub published_only: bool,
}

impl Default for ListInput {
    fn default() -> Self {
        ListInput {
            search: None,
            filters: Vec::new(),
            order: Vec::new(),
            start: 0,
            limit: 30,
            order_by: String::from("id"),
            order_dir: String::from("asc"),
            published_only: false,
        }
    }
}

/// Split a search string into words, keeping "quoted phrases" together.
fn words(q: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    for c in q.chars() {
        match c {
            '"' => quoted = !quoted,
            c if c.is_whitespace() && !quoted => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
            c => cur.push(c),
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Mautic's search commands for webhooks, and free text on the name.
pub fn parse_search(q: &str) -> Result<Vec<SearchTerm>, UserError> {
    let bad = |reason: &str| invalid("--search", "search", Some(q), reason.to_owned());
    let mut terms = Vec::new();
    for word in words(q) {
        // Mautic's `!` negates a term: `!is:published`, `!category:x`, `!text`.
        let (negated, w) = match word.strip_prefix('!') {
            Some(rest) if !rest.is_empty() => (true, rest.to_owned()),
            Some(_) => {
                return bad("a lone ! negates nothing; write it before a term, e.g. !is:published");
            }
            None => (false, word),
        };
        let lower = w.to_ascii_lowercase();
        if let Some(what) = lower.strip_prefix("is:") {
            terms.push(match what {
                "published" => SearchTerm::Published(true),
                "unpublished" => SearchTerm::Published(false),
                "uncategorized" | "uncategorised" => SearchTerm::Uncategorized,
                _ => {
                    return bad(
                        "unknown is: command; use is:published, is:unpublished or is:uncategorized",
                    );
                }
            });
        } else if let Some(alias) = w.strip_prefix("category:") {
            if alias.is_empty() {
                return bad("category: needs an alias, e.g. category:sales");
            }
            // Aliases are lower case: `category:SALES` finds `sales`.
            terms.push(SearchTerm::Category(alias.to_lowercase()));
        } else if let Some(ids) = lower.strip_prefix("ids:") {
            let parsed: Option<Vec<i64>> = ids
                .split(',')
                .map(|s| s.trim().parse::<i64>().ok().filter(|n| *n > 0))
                .collect();
            match parsed {
                Some(v) if !v.is_empty() && v.len() <= 1000 => terms.push(SearchTerm::Ids(v)),
                _ => return bad("ids: takes comma-separated ids, e.g. ids:1,2,3"),
            }
        } else {
            terms.push(SearchTerm::Text(w));
        }
        if negated && let Some(t) = terms.pop() {
            terms.push(SearchTerm::Not(Box::new(t)));
        }
    }
    Ok(terms)
}

/// One of Mautic's `where` items, as given: `col`, `expr`, `val`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WhereInput {
    pub col: String,
    pub expr: String,
    pub val: WhereValue,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WhereValue {
    None,
    One(String),
    Many(Vec<String>),
    /// The items of an `andX`/`orX`.
    Nested(Vec<WhereInput>),
}

/// Nesting of `andX`/`orX` allowed, and filters in all.
const WHERE_DEPTH: usize = 8;
const WHERE_MAX: usize = 200;

fn column(flag: &str, field: &str, name: &str) -> Result<OrderColumn, UserError> {
    // Mautic's table alias (`w.name`) is accepted and ignored.
    let bare = name.rsplit('.').next().unwrap_or(name);
    OrderColumn::parse(bare).ok_or_else(|| {
        let names: Vec<&str> = OrderColumn::NAMES.iter().map(|(c, _, _)| *c).collect();
        UserError::invalid(
            flag,
            field,
            Some(name),
            format!("use one of: {}", names.join(", ")),
        )
    })
}

/// A value typed for `col`: ids and categories as integers, flags as 0/1,
/// dates (`2026-11-22`, `2026-11-22 10:00:00`, RFC 3339) as Unix seconds.
fn typed(col: OrderColumn, raw: &str) -> Result<FilterValue, UserError> {
    let bad = |why: &str| invalid("where", "where", Some(raw), why.to_owned());
    match col.kind() {
        ColumnKind::Text => Ok(FilterValue::Text(raw.to_owned())),
        ColumnKind::Integer => raw
            .trim()
            .parse::<i64>()
            .map(FilterValue::Int)
            .or_else(|_| bad("this column takes a whole number")),
        ColumnKind::Flag => match raw.trim().to_ascii_lowercase().as_str() {
            "1" | "true" | "yes" => Ok(FilterValue::Int(1)),
            "0" | "false" | "no" | "" => Ok(FilterValue::Int(0)),
            _ => bad("this column takes true or false"),
        },
        ColumnKind::Date => parse_date(raw.trim())
            .map(FilterValue::Int)
            .ok_or(())
            .or_else(|()| bad("this column takes a date, e.g. 2026-11-22 or 2026-11-22 10:00:00")),
    }
}

/// Unix seconds of a date or date-time (UTC unless it carries an offset).
fn parse_date(s: &str) -> Option<i64> {
    if let Ok(t) = s.parse::<jiff::Timestamp>() {
        return Some(t.as_second());
    }
    let civil = s.parse::<jiff::civil::DateTime>().ok().or_else(|| {
        s.parse::<jiff::civil::Date>()
            .ok()
            .map(|d| d.at(0, 0, 0, 0))
    })?;
    civil
        .to_zoned(jiff::tz::TimeZone::UTC)
        .ok()
        .map(|z| z.timestamp().as_second())
}

fn filter(w: &WhereInput, depth: usize, count: &mut usize) -> Result<Filter, UserError> {
    *count += 1;
    if depth > WHERE_DEPTH || *count > WHERE_MAX {
        return invalid(
            "where",
            "where",
            None,
            format!("at most {WHERE_MAX} filters, nested at most {WHERE_DEPTH} deep"),
        );
    }
    let bad = |why: String| invalid("where", "where", Some(&w.expr), why);
    for v in match &w.val {
        WhereValue::One(v) => std::slice::from_ref(v),
        WhereValue::Many(vs) => vs.as_slice(),
        WhereValue::None | WhereValue::Nested(_) => &[],
    } {
        crate::model::reject_nul("where", "where", v)?;
    }
    let expr = w.expr.to_ascii_lowercase();
    if expr == "andx" || expr == "orx" {
        let WhereValue::Nested(items) = &w.val else {
            return bad(format!("{} takes a list of filters as its val", w.expr));
        };
        let fs = items
            .iter()
            .map(|i| filter(i, depth + 1, count))
            .collect::<Result<Vec<_>, _>>()?;
        return Ok(if expr == "andx" {
            Filter::All(fs)
        } else {
            Filter::Any(fs)
        });
    }
    let col = column("where", "where", &w.col)?;
    let one = || match &w.val {
        WhereValue::One(v) => typed(col, v),
        _ => invalid(
            "where",
            "where",
            Some(&w.expr),
            format!("{} takes one value", w.expr),
        ),
    };
    let many = || -> Result<Vec<FilterValue>, UserError> {
        let raw: Vec<String> = match &w.val {
            WhereValue::Many(v) => v.clone(),
            WhereValue::One(v) => v.split(',').map(|s| s.trim().to_owned()).collect(),
            _ => {
                return invalid(
                    "where",
                    "where",
                    Some(&w.expr),
                    format!("{} takes a list of values", w.expr),
                );
            }
        };
        raw.iter().map(|v| typed(col, v)).collect()
    };
    let cmp = |c: Cmp| one().map(|v| Filter::Compare(col, c, v));
    match expr.as_str() {
        "eq" => cmp(Cmp::Eq),
        "neq" => cmp(Cmp::Neq),
        "lt" => cmp(Cmp::Lt),
        "lte" => cmp(Cmp::Lte),
        "gt" => cmp(Cmp::Gt),
        "gte" => cmp(Cmp::Gte),
        "like" | "notlike" => match &w.val {
            WhereValue::One(p) => Ok(Filter::Like(col, expr == "notlike", p.clone())),
            _ => bad(format!("{} takes one pattern", w.expr)),
        },
        "in" | "notin" => Ok(Filter::In(col, expr == "notin", many()?)),
        "isnull" => Ok(Filter::Null(col, false)),
        "isnotnull" => Ok(Filter::Null(col, true)),
        "isempty" => Ok(Filter::Empty(col, false)),
        "isnotempty" => Ok(Filter::Empty(col, true)),
        "between" | "notbetween" => {
            let mut vs = many()?;
            if vs.len() != 2 {
                return bad(format!("{} takes two values, low and high", w.expr));
            }
            let hi = vs.pop().expect("two");
            let lo = vs.pop().expect("two");
            Ok(Filter::Between(col, expr == "notbetween", lo, hi))
        }
        _ => bad(String::from(
            "use eq, neq, lt, lte, gt, gte, like, notLike, in, notIn, isNull, isNotNull, isEmpty, isNotEmpty, between, notBetween, andX or orX",
        )),
    }
}

/// Check a list request (no store needed).
pub fn list_query(i: &ListInput) -> Result<ListQuery> {
    crate::model::reject_nul("--search", "search", i.search.as_deref().unwrap_or(""))?;
    let search = parse_search(i.search.as_deref().unwrap_or(""))?;
    let order = if i.order.is_empty() {
        vec![(
            column("--order-by", "orderBy", &i.order_by)?,
            Order::parse("--order-dir", "orderByDir", &i.order_dir)?,
        )]
    } else {
        i.order
            .iter()
            .map(|(c, d)| {
                let dir = if d.is_empty() { "asc" } else { d.as_str() };
                Ok((
                    column("order", "order", c)?,
                    Order::parse("order", "order", dir)?,
                ))
            })
            .collect::<Result<Vec<_>, UserError>>()?
    };
    let mut count = 0;
    let filters = i
        .filters
        .iter()
        .map(|w| filter(w, 1, &mut count))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(ListQuery {
        search,
        filters,
        published_only: i.published_only,
        start: i.start,
        limit: (i.limit > 0).then_some(i.limit),
        order,
    })
}

/// One page of matching webhooks.
#[derive(Debug, Clone)]
pub struct Listing {
    /// Every match, not only this page's.
    pub total: u64,
    pub hooks: Vec<HookState>,
}

pub fn list(store: &Store, q: &ListQuery) -> Result<Listing> {
    store.snapshot(|r| {
        let (total, hooks) = r.list_hooks(q)?;
        let hooks = hooks
            .into_iter()
            .map(|hook| {
                let depth = r.queue_depth(hook.id)?;
                Ok(HookState { hook, depth })
            })
            .collect::<Result<_>>()?;
        Ok(Listing { total, hooks })
    })
}

/// An edit, as given: every field optional.
#[derive(Debug, Clone, Default)]
pub struct HookEdit {
    pub name: Option<String>,
    pub url: Option<String>,
    /// Some(""): clear it.
    pub description: Option<String>,
    pub secret: Option<String>,
    pub regenerate_secret: bool,
    /// `mautic` or `standard`.
    pub signing: Option<String>,
    /// A standard webhook's new secret (given, or generated) signs beside
    /// the old one for `keep_old` seconds (default a day).
    pub rotate_secret: bool,
    pub keep_old: Option<u64>,
    /// `asc`, `desc`, or `default`/`none` for the global `events_order`.
    pub order: Option<String>,
    /// Some(None): uncategorised.
    pub category: Option<Option<i64>>,
    /// Non-empty: the new trigger list.
    pub triggers: Vec<String>,
    pub add_triggers: Vec<String>,
    pub remove_triggers: Vec<String>,
    pub published: Option<bool>,
    /// Static headers and filters (issue 22).
    pub controls: crate::controls::Given,
}

impl HookEdit {
    /// No field is given (a PATCH that would change nothing).
    pub fn changes_nothing(&self) -> bool {
        self.name.is_none()
            && self.url.is_none()
            && self.description.is_none()
            && self.secret.is_none()
            && !self.regenerate_secret
            && self.signing.is_none()
            && !self.rotate_secret
            && self.order.is_none()
            && self.category.is_none()
            && self.triggers.is_empty()
            && self.add_triggers.is_empty()
            && self.remove_triggers.is_empty()
            && self.published.is_none()
            && self.controls.is_empty()
    }
}

/// Edit input checked before the store is opened.
#[derive(Clone)]
struct Checked {
    name: Option<String>,
    url: Option<String>,
    description: Option<Option<String>>,
    /// Given (checked non-empty; its form is checked once the scheme is
    /// known).
    secret: Option<String>,
    signing: Option<Signing>,
    order: Option<Option<Order>>,
    category: Option<Option<i64>>,
}

/// The refusal of a full replace that would create a webhook with the id
/// `id` (its digits, which may not fit a 64-bit number): over Mautic's id
/// column.
pub fn id_too_large(id: &str) -> UserError {
    UserError::invalid(
        "ID",
        "id",
        Some(id),
        format!(
            "a webhook is created with an id of at most {MAX_NEW_ID} (Mautic's id column); leave the id to hookq with `hookq create`"
        ),
    )
    .in_api_words(format!(
        "a webhook is created with an id of at most {MAX_NEW_ID} (Mautic's id column); leave the id to hookq with POST /api/hooks/new"
    ))
}

/// How long a rotated-out secret signs by default: a day.
pub const KEEP_OLD_DEFAULT: u64 = 24 * 3600;

fn check_edit(e: &HookEdit) -> Result<Checked> {
    let order = match e.order.as_deref() {
        None => None,
        Some(o) if o.eq_ignore_ascii_case("default") || o.eq_ignore_ascii_case("none") => {
            Some(None)
        }
        Some(o) => Some(Some(
            Order::parse("--order", "eventsOrderbyDir", o).map_err(|_| {
                UserError::invalid(
                    "--order",
                    "eventsOrderbyDir",
                    Some(o),
                    "use asc, desc or default",
                )
            })?,
        )),
    };
    let secret = e
        .secret
        .as_deref()
        .map(|s| validate_secret("--secret", s))
        .transpose()?;
    if e.keep_old.is_some() && !e.rotate_secret {
        return Err(UserError::invalid(
            "--keep-old",
            "keepOld",
            None,
            "--keep-old goes with --rotate-secret",
        )
        .into());
    }
    if e.rotate_secret && e.regenerate_secret {
        return Err(UserError::invalid(
            "--rotate-secret",
            "secret",
            None,
            "--rotate-secret already makes a new secret; drop --regenerate-secret",
        )
        .into());
    }
    Ok(Checked {
        name: e
            .name
            .as_deref()
            .map(|n| validate_name("--name", n))
            .transpose()?,
        url: e
            .url
            .as_deref()
            .map(|u| validate_url("--url", "webhookUrl", u))
            .transpose()?,
        description: e
            .description
            .as_deref()
            .map(|d| validate_description("--description", d))
            .transpose()?,
        secret,
        signing: parse_signing(e.signing.as_deref())?,
        order,
        category: e.category,
    })
}

/// PUT: every field from the edit; what is not given is reset.
fn replaced(e: &HookEdit, c: Checked) -> Result<HookFields> {
    let Some(name) = c.name else {
        return Err(UserError::invalid(
            "--name",
            "name",
            None,
            "A name is required. (a full replace, PUT or --replace, sets every field)",
        )
        .in_api_words("A name is required. (PUT replaces the whole webhook: send every field)")
        .into());
    };
    let Some(url) = c.url else {
        return Err(UserError::invalid(
            "--url",
            "webhookUrl",
            None,
            "A valid URL is required. (a full replace, PUT or --replace, sets every field)",
        )
        .in_api_words("A valid URL is required. (PUT replaces the whole webhook: send every field)")
        .into());
    };
    if e.triggers.is_empty() {
        return Err(UserError::invalid(
            "--trigger",
            "triggers",
            None,
            "at least one --trigger is required (a full replace, PUT or --replace, sets every field)",
        )
        .in_api_words(
            "at least one trigger is required (PUT replaces the whole webhook: send every field)",
        )
        .into());
    }
    if e.rotate_secret {
        return Err(UserError::invalid(
            "--rotate-secret",
            "secret",
            None,
            "a full replace (PUT or --replace) sets a new secret outright; rotate without --replace",
        )
        .into());
    }
    let signing = c.signing.unwrap_or_default();
    let triggers = dedupe(&e.triggers);
    let controls = crate::controls::apply(&Default::default(), &e.controls, &triggers)?;
    Ok(HookFields {
        name,
        description: c.description.flatten(),
        webhook_url: url,
        secret: match c.secret {
            Some(s) => validate_secret_for("--secret", signing, &s)?,
            None => generate_secret_for(signing)?,
        },
        signing,
        old_secret: None,
        events_orderby_dir: c.order.flatten(),
        category_id: c.category.flatten(),
        triggers,
        is_published: e.published.unwrap_or(true),
        controls,
    })
}

/// A PATCH's secret and the one it keeps signing beside it: a rotation
/// keeps the old standard secret for a while; a new secret otherwise
/// replaces it at once; a webhook that turns standard needs a standard
/// secret.
fn patched_secret(
    e: &HookEdit,
    given: Option<String>,
    signing: Signing,
    h: &Webhook,
    at: Epoch,
) -> Result<(String, Option<OldSecret>)> {
    if e.rotate_secret {
        if signing != Signing::Standard {
            return Err(UserError::invalid(
                "--rotate-secret",
                "secret",
                None,
                format!(
                    "webhook {} signs the Mautic way, whose one Webhook-Signature cannot carry two secrets; use --regenerate-secret, or --signing standard",
                    h.id
                ),
            )
            .in_api_words(format!(
                "webhook {} signs the Mautic way, whose one Webhook-Signature cannot carry two secrets; send \"secret\": \"\" to get a new one, or \"signing\": \"standard\"",
                h.id
            ))
            .into());
        }
        let new = match given {
            Some(s) => validate_secret_for("--secret", signing, &s)?,
            None => generate_secret_for(signing)?,
        };
        let keep = e.keep_old.unwrap_or(KEEP_OLD_DEFAULT);
        let old = (keep > 0 && h.signing == Signing::Standard).then(|| OldSecret {
            secret: h.secret.clone(),
            until: at.saturating_add(i64::try_from(keep).unwrap_or(i64::MAX)),
        });
        return Ok((new, old));
    }
    if let Some(s) = given {
        return Ok((validate_secret_for("--secret", signing, &s)?, None));
    }
    if e.regenerate_secret {
        return Ok((generate_secret_for(signing)?, None));
    }
    if signing == Signing::Standard && crate::model::standard_key(&h.secret).is_err() {
        return Err(UserError::invalid(
            "--signing",
            "signing",
            Some("standard"),
            format!(
                "webhook {}'s secret is not a Standard Webhooks secret (whsec_…); add --regenerate-secret, or --secret whsec_…",
                h.id
            ),
        )
        .in_api_words(format!(
            "webhook {}'s secret is not a Standard Webhooks secret (whsec_…); send \"secret\": \"\" beside \"signing\" to get a new one, or \"secret\": \"whsec_…\"",
            h.id
        ))
        .into());
    }
    let old = if signing == Signing::Standard {
        h.old_secret.clone()
    } else {
        None
    };
    Ok((h.secret.clone(), old))
}

/// PATCH: the hook's fields with the given ones changed.
fn patched(e: &HookEdit, c: Checked, h: &Webhook, at: Epoch) -> Result<HookFields> {
    let mut triggers = if e.triggers.is_empty() {
        h.triggers.clone()
    } else {
        dedupe(&e.triggers)
    };
    for t in &e.add_triggers {
        if !triggers.contains(t) {
            triggers.push(t.clone());
        }
    }
    for t in &e.remove_triggers {
        if !triggers.contains(t) {
            return Err(UserError::invalid(
                "--remove-trigger",
                "triggers",
                Some(t),
                format!("webhook {} is not subscribed to it", h.id),
            )
            .into());
        }
        triggers.retain(|x| x != t);
    }
    if triggers.is_empty() {
        // Named (issue 13): which trigger would have been the last to go.
        return Err(UserError::invalid(
            "--remove-trigger",
            "triggers",
            e.remove_triggers.last().map(String::as_str),
            "a webhook needs at least one trigger; add another first",
        )
        .into());
    }
    let signing = c.signing.unwrap_or(h.signing);
    let (secret, old_secret) = patched_secret(e, c.secret, signing, h, at)?;
    let controls = crate::controls::apply(&h.controls, &e.controls, &triggers)?;
    Ok(HookFields {
        name: c.name.unwrap_or_else(|| h.name.clone()),
        description: c.description.unwrap_or_else(|| h.description.clone()),
        webhook_url: c.url.unwrap_or_else(|| h.webhook_url.clone()),
        secret,
        signing,
        old_secret,
        events_orderby_dir: c.order.unwrap_or(h.events_orderby_dir),
        category_id: c.category.unwrap_or(h.category.as_ref().map(|c| c.id)),
        triggers,
        is_published: e.published.unwrap_or(h.is_published),
        controls,
    })
}

/// An edited (or, by PUT, created) webhook.
#[derive(Debug, Clone)]
pub struct Edited {
    pub state: HookState,
    /// The secret is new (generated), so the front should show it.
    pub new_secret: bool,
    /// PUT created it.
    pub created: bool,
}

/// The highest id a webhook can be created with by PUT: Mautic's id
/// column (a signed 32-bit INT). Ids handed out go on from the highest
/// ever used, so an id near the top of the 64-bit space would leave
/// nothing for later webhooks (issue 13: `--replace` with
/// 9223372036854775807 made every later create fail).
pub const MAX_NEW_ID: i64 = 2_147_483_647;

/// PATCH (`replace` false) or PUT (`replace` true) webhook `id`, as `user`.
pub fn edit(store: &mut Store, id: i64, e: &HookEdit, replace: bool, user: &str) -> Result<Edited> {
    if !replace && e.changes_nothing() {
        return Err(UserError::invalid(
            "edit",
            "edit",
            None,
            "nothing to change; give a field flag such as --name or --url (see `hookq edit --help`)",
        )
        .into());
    }
    let checked = check_edit(e)?;
    let new_secret =
        checked.secret.is_none() && (replace || e.rotate_secret) || e.regenerate_secret;
    if let Some(url) = &checked.url {
        check_url_address(&super::settings(store)?, "--url", url)?;
    }
    let created = store.write(|tx| {
        let existing = tx.get_hook(id)?;
        let t = now();
        let fields = match (&existing, replace) {
            (None, false) => return Err(not_found(id)),
            (_, true) => replaced(e, checked.clone())?,
            (Some(h), false) => patched(e, checked.clone(), h, t)?,
        };
        check_refs(tx, &fields.triggers, fields.category_id)?;
        match existing {
            // A PATCH that changes nothing (say --add-trigger of one it
            // has) writes nothing, so dateModified stays.
            Some(h) if !replace && HookFields::of(&h) == fields => Ok(false),
            Some(_) => tx.update_hook(id, &fields, user, t).map(|()| false),
            None if id > MAX_NEW_ID => Err(id_too_large(&id.to_string()).into()),
            None => tx.insert_hook(Some(id), &fields, user, t).map(|_| true),
        }
    })?;
    Ok(Edited {
        state: state(store, id)?,
        new_secret,
        created,
    })
}

/// A deleted webhook and what went with it.
#[derive(Debug, Clone)]
pub struct Deleted {
    pub hook: Webhook,
    pub queued: u64,
    pub logs: u64,
}

/// Delete webhook `id` with its queue and logs.
pub fn delete(store: &mut Store, id: i64) -> Result<Deleted> {
    let (hook, usage) = store.write(|tx| {
        let hook = tx.get_hook(id)?.ok_or_else(|| not_found(id))?;
        let usage = tx.hook_usage(id)?;
        tx.delete_hook(id)?;
        Ok((hook, usage))
    })?;
    // Its queued events' payloads that no other webhook waits for.
    if let Some(range) = usage.events {
        let kept_since = super::settings(store)?.kept_since(now());
        store.cleanup(Sweep::Ranges(vec![range]), kept_since)?;
    }
    Ok(Deleted {
        hook,
        queued: usage.queued,
        logs: usage.logs,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_parses_mautic_commands() {
        let t = parse_search(r#"is:published category:sales ids:1,2 "order sync""#).unwrap();
        assert_eq!(
            t,
            vec![
                SearchTerm::Published(true),
                SearchTerm::Category("sales".into()),
                SearchTerm::Ids(vec![1, 2]),
                SearchTerm::Text("order sync".into())
            ]
        );
        assert!(parse_search("is:bogus").is_err());
        assert!(parse_search("ids:1,x").is_err());
        assert!(parse_search("ids:").is_err());
        assert_eq!(parse_search("").unwrap(), vec![]);
    }

    fn w(col: &str, expr: &str, val: WhereValue) -> WhereInput {
        WhereInput {
            col: col.into(),
            expr: expr.into(),
            val,
        }
    }

    fn query(filters: Vec<WhereInput>) -> Result<ListQuery> {
        list_query(&ListInput {
            filters,
            ..ListInput::default()
        })
    }

    #[test]
    fn where_filters_are_typed_for_their_column() {
        use WhereValue::*;
        let q = query(vec![
            w("w.id", "gte", One("2".into())),
            w("isPublished", "eq", One("true".into())),
            w("dateAdded", "lt", One("2026-11-22".into())),
            w("name", "notLike", One("%test%".into())),
            w("category", "in", One("1, 2".into())),
            w(
                "",
                "orX",
                Nested(vec![
                    w("description", "isEmpty", None),
                    w("id", "between", Many(vec!["1".into(), "3".into()])),
                ]),
            ),
        ])
        .unwrap();
        assert_eq!(
            q.filters,
            vec![
                Filter::Compare(OrderColumn::Id, Cmp::Gte, FilterValue::Int(2)),
                Filter::Compare(OrderColumn::IsPublished, Cmp::Eq, FilterValue::Int(1)),
                Filter::Compare(
                    OrderColumn::DateAdded,
                    Cmp::Lt,
                    FilterValue::Int(1_795_305_600)
                ),
                Filter::Like(OrderColumn::Name, true, "%test%".into()),
                Filter::In(
                    OrderColumn::Category,
                    false,
                    vec![FilterValue::Int(1), FilterValue::Int(2)]
                ),
                Filter::Any(vec![
                    Filter::Empty(OrderColumn::Description, false),
                    Filter::Between(
                        OrderColumn::Id,
                        false,
                        FilterValue::Int(1),
                        FilterValue::Int(3)
                    ),
                ]),
            ]
        );
        for bad in [
            w("secret", "eq", One("x".into())),
            w("id", "eq", One("x".into())),
            w("id", "sameAs", One("1".into())),
            w("id", "between", Many(vec!["1".into()])),
            w("id", "eq", None),
            w("", "andX", One("x".into())),
            w("dateAdded", "gt", One("yesterday".into())),
        ] {
            assert!(query(vec![bad.clone()]).is_err(), "{bad:?}");
        }
        let mut deep = w("id", "eq", One("1".into()));
        for _ in 0..10 {
            deep = w("", "andX", Nested(vec![deep]));
        }
        assert!(query(vec![deep]).is_err());
    }

    #[test]
    fn order_items_replace_order_by() {
        let q = list_query(&ListInput {
            order: vec![
                ("name".into(), "DESC".into()),
                ("w.id".into(), String::new()),
            ],
            ..ListInput::default()
        })
        .unwrap();
        assert_eq!(
            q.order,
            vec![
                (OrderColumn::Name, Order::Desc),
                (OrderColumn::Id, Order::Asc)
            ]
        );
        assert!(
            list_query(&ListInput {
                order: vec![("secret".into(), "asc".into())],
                ..ListInput::default()
            })
            .is_err()
        );
    }
}
