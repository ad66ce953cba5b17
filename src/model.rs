//! Domain types and input validation: webhooks, categories, the trigger
//! catalog, order directions and Mautic's date format.
//!
//! Validators return [`UserError::Invalid`] naming the flag and the fix, so
//! every command rejects bad input the same way before anything is written.

use crate::error::{UserError, invalid};

/// Seconds since the Unix epoch; how every time is stored.
pub type Epoch = i64;

pub fn now() -> Epoch {
    jiff::Timestamp::now().as_second()
}

/// Unix milliseconds (rate limits count requests by them).
pub fn now_ms() -> i64 {
    jiff::Timestamp::now().as_millisecond()
}

/// Mautic's date format (PHP `c`, UTC): `2026-11-22T10:00:00+00:00`.
pub fn format_date(t: Epoch) -> String {
    match jiff::Timestamp::from_second(t) {
        Ok(ts) => ts.strftime("%Y-%m-%dT%H:%M:%S+00:00").to_string(),
        Err(_) => String::from("1970-01-01T00:00:00+00:00"),
    }
}

/// The OS login name, or `HOOKQ_USER`, recorded as createdByUser/modifiedByUser.
pub fn current_user() -> String {
    if let Ok(u) = std::env::var("HOOKQ_USER")
        && !u.is_empty()
    {
        return u;
    }
    whoami::username().unwrap_or_else(|_| String::from("unknown"))
}

/// Events order direction; JSON shows it as Mautic stores it (`ASC`/`DESC`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    Asc,
    Desc,
}

impl Order {
    pub fn parse(flag: &str, field: &str, s: &str) -> Result<Order, UserError> {
        match s.to_ascii_lowercase().as_str() {
            "asc" => Ok(Order::Asc),
            "desc" => Ok(Order::Desc),
            _ => invalid(flag, field, Some(s), "use asc or desc"),
        }
    }

    pub fn as_mautic(self) -> &'static str {
        match self {
            Order::Asc => "ASC",
            Order::Desc => "DESC",
        }
    }

    pub fn as_sql(self) -> &'static str {
        self.as_mautic()
    }

    pub fn as_lower(self) -> &'static str {
        match self {
            Order::Asc => "asc",
            Order::Desc => "desc",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Category {
    pub id: i64,
    pub title: String,
    pub alias: String,
    pub description: Option<String>,
    pub color: Option<String>,
    pub created_by_user: Option<String>,
    pub modified_by_user: Option<String>,
}

/// How a webhook signs its requests.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Signing {
    /// Mautic's `Webhook-Signature` (base64 HMAC-SHA256 of the body).
    #[default]
    Mautic,
    /// Standard Webhooks: `webhook-id`, `webhook-timestamp`,
    /// `webhook-signature: v1,…` over `id.timestamp.body`, `whsec_` keys.
    Standard,
}

impl Signing {
    pub fn parse(flag: &str, s: &str) -> Result<Signing, UserError> {
        match s.to_ascii_lowercase().as_str() {
            "mautic" => Ok(Signing::Mautic),
            "standard" => Ok(Signing::Standard),
            _ => invalid(flag, "signing", Some(s), "use mautic or standard"),
        }
    }

    /// A stored value (the schemas allow only the two).
    pub fn from_column(s: &str) -> Signing {
        if s == "standard" {
            Signing::Standard
        } else {
            Signing::Mautic
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Signing::Mautic => "mautic",
            Signing::Standard => "standard",
        }
    }
}

/// The secret a standard webhook signed with before its last rotation:
/// requests carry its signature too until `until`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OldSecret {
    pub secret: String,
    pub until: Epoch,
}

impl OldSecret {
    /// The old secret while it still signs at `at`.
    pub fn live(old: &Option<OldSecret>, at: Epoch) -> Option<&OldSecret> {
        old.as_ref().filter(|o| o.until > at)
    }
}

/// Delivery health, kept beside the webhook but never inside its JSON.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Health {
    pub unhealthy_since: Option<Epoch>,
    pub last_status: Option<String>,
    pub consecutive_failures: i64,
    pub unpublished_reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Webhook {
    pub id: i64,
    pub name: String,
    pub description: Option<String>,
    pub webhook_url: String,
    pub secret: String,
    pub signing: Signing,
    pub old_secret: Option<OldSecret>,
    pub events_orderby_dir: Option<Order>,
    pub category: Option<Category>,
    pub triggers: Vec<String>,
    pub is_published: bool,
    pub date_added: Epoch,
    pub date_modified: Option<Epoch>,
    pub created_by_user: Option<String>,
    pub modified_by_user: Option<String>,
    pub health: Health,
    /// hookq's receiver controls (static headers, filters).
    pub controls: crate::controls::Controls,
}

/// Queue depth of one webhook, for tables and the `hookq` JSON key.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct QueueDepth {
    pub queued: i64,
    pub dead: i64,
}

/// The fields a webhook is written from (create, and edit after merging).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HookFields {
    pub name: String,
    pub description: Option<String>,
    pub webhook_url: String,
    pub secret: String,
    pub signing: Signing,
    pub old_secret: Option<OldSecret>,
    pub events_orderby_dir: Option<Order>,
    pub category_id: Option<i64>,
    pub triggers: Vec<String>,
    pub is_published: bool,
    /// Its filters name only types among `triggers`.
    pub controls: crate::controls::Controls,
}

impl HookFields {
    /// What `h` was written from.
    pub fn of(h: &Webhook) -> HookFields {
        HookFields {
            name: h.name.clone(),
            description: h.description.clone(),
            webhook_url: h.webhook_url.clone(),
            secret: h.secret.clone(),
            signing: h.signing,
            old_secret: h.old_secret.clone(),
            events_orderby_dir: h.events_orderby_dir,
            category_id: h.category.as_ref().map(|c| c.id),
            triggers: h.triggers.clone(),
            is_published: h.is_published,
            controls: h.controls.clone(),
        }
    }
}

/// One queued event as delivery sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub event_type: String,
    /// Normalised payload: a PHP-encoded JSON object without `timestamp`.
    pub payload: String,
    pub time: Epoch,
}

/// Event ids a run is restricted to (`--min-id`/`--max-id`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IdRange {
    pub min: i64,
    pub max: i64,
}

impl IdRange {
    pub const ALL: IdRange = IdRange {
        min: i64::MIN,
        max: i64::MAX,
    };
}

/// A webhook with work to do, as a worker needs it.
#[derive(Debug, Clone)]
pub struct Target {
    pub id: i64,
    pub name: String,
    /// Its rate limit, as the run began.
    pub rate: Option<crate::controls::Rate>,
}

/// What a worker sends next for one webhook: a batch, formed once, with
/// the facts the delivery policy decides on.
#[derive(Debug, Clone)]
pub struct Plan {
    pub webhook_id: i64,
    /// The store's key for the batch.
    pub batch_id: i64,
    /// The `Webhook-Id` header: the same on every retry.
    pub uid: String,
    /// Attempts already made (0 for a new batch).
    pub attempts: u32,
    /// When the batch first failed (None: it never has).
    pub first_failed_at: Option<Epoch>,
    /// The webhook's failed attempts in a row when the batch was claimed.
    pub failures_in_a_row: i64,
    pub url: String,
    pub secret: String,
    pub signing: Signing,
    pub old_secret: Option<OldSecret>,
    /// The webhook's static headers, sent with the batch.
    pub headers: Vec<(String, String)>,
    /// The order the events go in the body.
    pub descending: bool,
    /// Filled by the store's `load_events`.
    pub events: Vec<Event>,
    /// Their ids, filled with them (a kept delivered batch records them).
    pub event_ids: Vec<i64>,
    /// The batch's event id range.
    pub lo: i64,
    pub hi: i64,
}

/// One delivery attempt, as logged.
#[derive(Debug, Clone, PartialEq)]
pub struct LogEntry {
    pub id: i64,
    pub webhook_id: i64,
    /// The HTTP status as text, or `N/A` when no response came.
    pub status_code: String,
    /// Seconds.
    pub runtime: f64,
    pub note: String,
    pub batch_id: Option<String>,
    pub event_count: i64,
    pub attempt: i64,
    pub date_added: Epoch,
}

/// Mautic's note column holds 190 bytes: cut at a character boundary.
pub fn clip_note(s: &str) -> String {
    const MAX: usize = 190;
    let clean: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if clean.len() <= MAX {
        return clean;
    }
    let mut end = MAX - '…'.len_utf8();
    while !clean.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &clean[..end])
}

/// A new category's fields, validated.
#[derive(Debug, Clone)]
pub struct NewCategory {
    pub title: String,
    pub alias: String,
    pub description: Option<String>,
    pub color: Option<String>,
}

/// A user `hookq serve` authenticates. The password is kept only as an
/// argon2id hash in PHC string form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiUser {
    pub id: i64,
    pub username: String,
    pub password_hash: String,
    pub date_added: Epoch,
    pub created_by_user: Option<String>,
}

/// A batch id for the `Webhook-Id` header: a random UUID (version 4).
pub fn new_uid() -> anyhow::Result<String> {
    let mut b = [0u8; 16];
    random_bytes(&mut b)?;
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h = hex(&b);
    Ok(format!(
        "{}-{}-{}-{}-{}",
        &h[..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..]
    ))
}

/// Fill `buf` from the OS CSPRNG.
pub fn random_bytes(buf: &mut [u8]) -> anyhow::Result<()> {
    getrandom::fill(buf).map_err(|e| anyhow::anyhow!("could not read the OS random source: {e}"))
}

/// `bytes` as lowercase hex.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0xf)]));
    }
    out
}

/// 32 bytes from the OS CSPRNG as 64 lowercase hex characters.
pub fn generate_secret() -> anyhow::Result<String> {
    let mut bytes = [0u8; 32];
    random_bytes(&mut bytes)?;
    Ok(hex(&bytes))
}

/// The prefix of a Standard Webhooks secret. Its parsing lives here, with
/// the secrets, so that checking one (here) and signing with one
/// (`delivery::sign`) share it.
pub const STANDARD_PREFIX: &str = "whsec_";

/// The key bytes of a Standard Webhooks secret (`whsec_` + base64 of 24 to
/// 64 bytes), or why it is not one.
pub fn standard_key(secret: &str) -> Result<Vec<u8>, String> {
    use base64::Engine;
    const HINT: &str = "a standard secret is whsec_ followed by base64 of 24 to 64 random bytes; omit it to have one generated";
    let Some(b64) = secret.strip_prefix(STANDARD_PREFIX) else {
        return Err(format!("does not start with whsec_ ({HINT})"));
    };
    // Padded or not: both forms are in use.
    let key = base64::engine::general_purpose::STANDARD
        .decode(b64)
        .or_else(|_| base64::engine::general_purpose::STANDARD_NO_PAD.decode(b64))
        .map_err(|_| format!("the part after whsec_ is not base64 ({HINT})"))?;
    if !(24..=64).contains(&key.len()) {
        return Err(format!("the key is {} bytes ({HINT})", key.len()));
    }
    Ok(key)
}

/// A Standard Webhooks secret: `whsec_` and base64 of 32 random bytes.
pub fn generate_standard_secret() -> anyhow::Result<String> {
    use base64::Engine;
    let mut bytes = [0u8; 32];
    random_bytes(&mut bytes)?;
    Ok(format!(
        "{STANDARD_PREFIX}{}",
        base64::engine::general_purpose::STANDARD.encode(bytes)
    ))
}

/// A new secret for a webhook that signs with `signing`.
pub fn generate_secret_for(signing: Signing) -> anyhow::Result<String> {
    match signing {
        Signing::Mautic => generate_secret(),
        Signing::Standard => generate_standard_secret(),
    }
}

/// Refuse control characters (CR/LF above all), optionally allowing
/// newlines and tabs in free text.
pub fn reject_control(
    flag: &str,
    field: &str,
    s: &str,
    allow_newlines: bool,
) -> Result<(), UserError> {
    let bad = s
        .chars()
        .any(|c| c.is_control() && !(allow_newlines && (c == '\n' || c == '\t')));
    if bad {
        return invalid(
            flag,
            field,
            Some(s),
            "control characters (such as CR or LF) are not allowed",
        );
    }
    Ok(())
}

/// Refuse a NUL character: no database text holds one (PostgreSQL refuses
/// it outright), so a value carrying one can match nothing.
pub fn reject_nul(flag: &str, field: &str, s: &str) -> Result<(), UserError> {
    if s.contains('\0') {
        return invalid(
            flag,
            field,
            Some(s),
            "a NUL character (\\0, %00) is not allowed here",
        );
    }
    Ok(())
}

/// Bidirectional controls: they reorder what follows them on screen, so
/// a name could show as another (U+202E turns `exe.txt` into `txt.exe`).
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Characters that show as nothing: bidi controls and zero-width ones.
pub fn is_invisible(c: char) -> bool {
    is_bidi_control(c) || matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

pub fn validate_name(flag: &str, s: &str) -> Result<String, UserError> {
    if s.trim().is_empty() {
        return invalid(flag, "name", Some(s), "A name is required.");
    }
    reject_control(flag, "name", s, false)?;
    if s.chars().any(is_bidi_control) {
        return invalid(
            flag,
            "name",
            Some(s),
            "bidirectional control characters (such as U+202E) are not allowed: they make a name show as another",
        );
    }
    if s.chars().count() > 191 {
        return invalid(flag, "name", Some(s), "a name is at most 191 characters");
    }
    Ok(s.to_owned())
}

/// Mautic's columns: `webhook_url` and `secret` are VARCHAR(255),
/// `description` a TEXT of 65,535 bytes.
pub const URL_MAX_CHARS: usize = 255;
pub const SECRET_MAX_CHARS: usize = 255;
pub const DESCRIPTION_MAX_BYTES: usize = 65_535;

pub fn validate_description(flag: &str, s: &str) -> Result<Option<String>, UserError> {
    if s.len() > DESCRIPTION_MAX_BYTES {
        return invalid(
            flag,
            "description",
            Some(s),
            format!(
                "a description is at most {DESCRIPTION_MAX_BYTES} bytes (Mautic's column); this one has {}",
                s.len()
            ),
        );
    }
    reject_control(flag, "description", s, true)?;
    Ok((!s.is_empty()).then(|| s.to_owned()))
}

pub fn validate_secret(flag: &str, s: &str) -> Result<String, UserError> {
    // A secret is never echoed back in a refusal.
    if s.is_empty() {
        return invalid(
            flag,
            "secret",
            None,
            "the secret must not be empty; omit it to have one generated",
        );
    }
    let chars = s.chars().count();
    if chars > SECRET_MAX_CHARS {
        return invalid(
            flag,
            "secret",
            None,
            format!(
                "a secret is at most {SECRET_MAX_CHARS} characters (Mautic's column); this one has {chars}"
            ),
        );
    }
    if s.chars().any(char::is_control) {
        return invalid(
            flag,
            "secret",
            None,
            "control characters (such as NUL, CR or LF) are not allowed in a secret",
        );
    }
    Ok(s.to_owned())
}

/// A secret for `signing`: any non-empty text for Mautic's scheme;
/// `whsec_` + base64 of 24 to 64 bytes for the standard one.
pub fn validate_secret_for(flag: &str, signing: Signing, s: &str) -> Result<String, UserError> {
    let s = validate_secret(flag, s)?;
    if signing == Signing::Standard
        && let Err(why) = standard_key(&s)
    {
        // A secret is not echoed back.
        return invalid(flag, "secret", None, why);
    }
    Ok(s)
}

/// An http(s) URL parsed by a real URL parser. The value is kept as typed
/// when it is ASCII; otherwise as the parser normalises it (the host in
/// punycode, the rest percent-encoded), which is what is contacted, so a
/// look-alike host (`exämple.com。evil`, U+3002 being a dot to IDNA)
/// shows as the host it really is. `http://` is never guessed.
pub fn validate_url(flag: &str, field: &str, s: &str) -> Result<String, UserError> {
    if s.is_empty() {
        return invalid(flag, field, Some(s), "A valid URL is required.");
    }
    let chars = s.chars().count();
    if chars > URL_MAX_CHARS {
        return invalid(
            flag,
            field,
            Some(s),
            format!(
                "a URL is at most {URL_MAX_CHARS} characters (Mautic's column); this one has {chars}"
            ),
        );
    }
    // The URL parser silently drops tabs and newlines; a header-bound value
    // must never carry them, so refuse them before parsing.
    if s.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return invalid(
            flag,
            field,
            Some(s),
            "a URL must not contain spaces or control characters",
        );
    }
    let url = match url::Url::parse(s) {
        Ok(u) => u,
        Err(url::ParseError::RelativeUrlWithoutBase) => {
            return invalid(
                flag,
                field,
                Some(s),
                "not an absolute URL: write it with http:// or https://",
            );
        }
        Err(e) => return invalid(flag, field, Some(s), format!("not a valid URL ({e})")),
    };
    if url.scheme() != "http" && url.scheme() != "https" {
        return invalid(flag, field, Some(s), "only http and https URLs are allowed");
    }
    // The parser reads `http:///host`, `http:/host` and `http:\\host` as
    // `http://host`, but the URL is stored and sent as written, which the
    // HTTP client then refuses: the scheme must be followed by `//` and
    // the host.
    let rest = s.split_once(':').map_or("", |(_, r)| r);
    if !rest.starts_with("//") || rest[2..].starts_with(['/', '\\']) {
        return invalid(
            flag,
            field,
            Some(s),
            "write the URL as http://HOST/… (two slashes, then the host)",
        );
    }
    if url.host_str().is_none_or(str::is_empty) {
        return invalid(flag, field, Some(s), "the URL has no host");
    }
    if let Some(url::Host::Domain(name)) = url.host()
        && let Err(why) = crate::netguard::check_host_name(name)
    {
        return invalid(flag, field, Some(s), why);
    }
    if url.port() == Some(0) {
        return invalid(
            flag,
            field,
            Some(s),
            "port 0 is not a port a receiver can listen on",
        );
    }
    if !url.username().is_empty() || url.password().is_some() {
        return invalid(
            flag,
            field,
            Some(s),
            "credentials in the URL are not allowed (they would be stored and shown in clear)",
        );
    }
    if s.is_ascii() {
        return Ok(s.to_owned());
    }
    let normal = url.as_str();
    if normal.chars().count() > URL_MAX_CHARS {
        return invalid(
            flag,
            field,
            Some(s),
            format!(
                "a URL is at most {URL_MAX_CHARS} characters (Mautic's column); written as it is sent ({normal}) this one has {}",
                normal.chars().count()
            ),
        );
    }
    Ok(normal.to_owned())
}

/// Category colour: six hex digits, with or without `#`; stored lower case
/// without `#`, as Mautic does.
pub fn validate_color(flag: &str, s: &str) -> Result<String, UserError> {
    let hex = s.strip_prefix('#').unwrap_or(s);
    if hex.len() != 6 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return invalid(flag, "color", Some(s), "use six hex digits such as ff8800");
    }
    Ok(hex.to_ascii_lowercase())
}

/// Category alias: lower-case letters, digits, `-` and `_`.
pub fn validate_alias(flag: &str, s: &str) -> Result<String, UserError> {
    let ok = !s.is_empty()
        && s.len() <= 191
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
    if !ok {
        return invalid(
            flag,
            "alias",
            Some(s),
            "use lower-case letters, digits, - and _ only",
        );
    }
    Ok(s.to_owned())
}

/// Mautic-style alias from a title: "Sales Leads!" -> "sales-leads".
pub fn alias_from_title(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars() {
        // Letters of any script are transliterated (`Ü` → `u`, as
        // Mautic's iconv //TRANSLIT does); symbols and emoji are gaps.
        let ascii = if c.is_ascii() {
            c.to_string()
        } else if c.is_alphanumeric() {
            deunicode::deunicode_char(c).unwrap_or("").to_owned()
        } else {
            String::new()
        };
        let mut any = false;
        for a in ascii.chars().filter(char::is_ascii_alphanumeric) {
            out.push(a.to_ascii_lowercase());
            any = true;
        }
        if !any && !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_owned();
    if out.is_empty() {
        String::from("category")
    } else {
        out
    }
}

/// One entry of the trigger catalog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trigger {
    pub event_type: String,
    pub label: String,
    pub description: String,
    pub builtin: bool,
}

/// Mautic's 14 webhook event types. Labels are Mautic's; descriptions are
/// Mautic's where it returns real text, and written here where Mautic
/// returns a raw translation key.
pub const BUILTIN_TRIGGERS: [(&str, &str, &str); 14] = [
    (
        "mautic.company_post_save",
        "Company Create/Update Event",
        "Triggered when a company is created/updated",
    ),
    (
        "mautic.company_post_delete",
        "Company Deleted Event",
        "Triggered when a company is deleted",
    ),
    (
        "mautic.lead_channel_subscription_changed",
        "Contact Channel Subscription Change Event",
        "Triggered when a contact's channel subscription status changes.",
    ),
    (
        "mautic.lead_company_change",
        "Contact Company Subscription Change Event",
        "Triggered when a company is added or removed to/from contact",
    ),
    (
        "mautic.lead_post_delete",
        "Contact Deleted Event",
        "Triggered when a contact is deleted.",
    ),
    (
        "mautic.lead_post_save_new",
        "Contact Identified Event",
        "Triggered when a contact is identified.",
    ),
    (
        "mautic.lead_points_change",
        "Contact Points Changed Event",
        "Triggered when a contact's points are modified.",
    ),
    (
        "mautic.lead_list_change",
        "Contact Segment Membership Change Event",
        "Triggered when a contact segment membership is changed",
    ),
    (
        "mautic.lead_post_save_update",
        "Contact Updated Event",
        "Triggered when a contact is updated.",
    ),
    (
        "mautic.email_on_open",
        "Email Open Event",
        "Triggered when a contact opens an email.",
    ),
    (
        "mautic.email_on_send",
        "Email Send Event",
        "Triggered when an email is sent to a contact.",
    ),
    (
        "mautic.form_on_submit",
        "Form Submit Event",
        "Triggered when a contact submits a form.",
    ),
    (
        "mautic.page_on_hit",
        "Page Hit Event",
        "Triggered when a contact visits a tracked page.",
    ),
    (
        "mautic.sms_on_send",
        "Text Send Event",
        "Triggered when a text message is sent to a contact.",
    ),
];

/// Built-in plus custom triggers, sorted by label (then type).
#[derive(Debug, Clone)]
pub struct Catalog {
    entries: Vec<Trigger>,
}

impl Catalog {
    pub fn new(custom: Vec<Trigger>) -> Catalog {
        let mut entries: Vec<Trigger> = BUILTIN_TRIGGERS
            .iter()
            .chain(crate::alert::TYPES.iter())
            .map(|(t, l, d)| Trigger {
                event_type: (*t).into(),
                label: (*l).into(),
                description: (*d).into(),
                builtin: true,
            })
            .chain(custom)
            .collect();
        entries.sort_by(|a, b| {
            a.label
                .cmp(&b.label)
                .then_with(|| a.event_type.cmp(&b.event_type))
        });
        Catalog { entries }
    }

    pub fn entries(&self) -> &[Trigger] {
        &self.entries
    }

    pub fn get(&self, event_type: &str) -> Option<&Trigger> {
        self.entries.iter().find(|t| t.event_type == event_type)
    }

    /// Up to three known types close to `wanted`, best first.
    pub fn suggest(&self, wanted: &str) -> Vec<&str> {
        let w = wanted.to_ascii_lowercase();
        let mut scored: Vec<(f64, &str)> = self
            .entries
            .iter()
            .filter_map(|t| {
                let ty = t.event_type.as_str();
                let short = ty.strip_prefix("mautic.").unwrap_or(ty);
                let score = strsim::jaro_winkler(&w, ty).max(strsim::jaro_winkler(&w, short));
                let contains = w.len() >= 4 && (ty.contains(&w) || w.contains(short));
                (score >= 0.85 || contains)
                    .then_some((if contains { score.max(0.9) } else { score }, ty))
            })
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
        scored.into_iter().take(3).map(|(_, t)| t).collect()
    }

    /// Refuse an unknown type with the closest known names as a hint.
    pub fn check(&self, flag: &str, event_type: &str) -> Result<(), UserError> {
        if self.get(event_type).is_some() {
            return Ok(());
        }
        let close = self.suggest(event_type);
        if close.is_empty() {
            return Err(UserError::invalid(
                flag,
                "triggers",
                Some(event_type),
                "unknown event type; see `hookq triggers list`",
            )
            .in_api_words("unknown event type; see GET /api/hooks/triggers"));
        }
        let hint = format!("unknown event type; did you mean {}?", close.join(", "));
        invalid(flag, "triggers", Some(event_type), hint)
    }

    /// [`Catalog::check`] for an event an application records: hookq's
    /// own types are hookq's to record.
    pub fn check_emit(&self, flag: &str, event_type: &str) -> Result<(), UserError> {
        self.check(flag, event_type)?;
        if event_type.starts_with(HOOKQ_PREFIX) {
            return invalid(
                flag,
                "type",
                Some(event_type),
                "hookq records its own events (hookq.*) itself when a webhook's state changes; subscribe to them, do not emit them",
            );
        }
        Ok(())
    }
}

/// The prefix of hookq's own event types.
pub const HOOKQ_PREFIX: &str = "hookq.";

/// Custom event type names: like Mautic's, `[a-z0-9_.-]`, at most 50 bytes
/// (Mautic's `event_type` column).
pub fn validate_event_type(flag: &str, s: &str) -> Result<String, UserError> {
    let ok = !s.is_empty()
        && s.len() <= 50
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '_' | '.' | '-'))
        && s.chars().next().is_some_and(|c| c.is_ascii_alphanumeric());
    if ok && s.starts_with(HOOKQ_PREFIX) {
        return invalid(
            flag,
            "type",
            Some(s),
            "the hookq. prefix is kept for hookq's own events; choose another (e.g. shop.order_paid)",
        );
    }
    if !ok {
        return invalid(
            flag,
            "type",
            Some(s),
            "use 1 to 50 characters of a-z, 0-9, '.', '_' and '-', starting with a letter or digit (e.g. shop.order_paid)",
        );
    }
    Ok(s.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_use_php_c_format_in_utc() {
        assert_eq!(format_date(0), "1970-01-01T00:00:00+00:00");
        assert_eq!(format_date(1_795_860_000), "2026-11-28T10:00:00+00:00");
    }

    #[test]
    fn secrets_are_64_hex_and_differ() {
        let a = generate_secret().unwrap();
        let b = generate_secret().unwrap();
        assert_eq!(a.len(), 64);
        assert!(
            a.chars()
                .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
        );
        assert_ne!(a, b);
    }

    #[test]
    fn urls_only_http_and_https() {
        assert!(validate_url("--url", "webhookUrl", "https://example.com/h?x=1").is_ok());
        assert!(validate_url("--url", "webhookUrl", "http://127.0.0.1:8080").is_ok());
        for bad in [
            "ftp://x",
            "example.com/x",
            "http://",
            "",
            "http://a b",
            "http://x/\r\n",
            "javascript:alert(1)",
            "http://u:p@x/",
        ] {
            assert!(
                validate_url("--url", "webhookUrl", bad).is_err(),
                "{bad:?} accepted"
            );
        }
        let e = validate_url("--url", "webhookUrl", "ftp://x").unwrap_err();
        assert_eq!(
            e.to_string(),
            r#"invalid --url "ftp://x": only http and https URLs are allowed"#
        );
    }

    #[test]
    fn catalog_is_sorted_by_label_and_suggests() {
        let c = Catalog::new(vec![]);
        let labels: Vec<_> = c.entries().iter().map(|t| t.label.clone()).collect();
        let mut sorted = labels.clone();
        sorted.sort();
        assert_eq!(labels, sorted);
        // Mautic's 14, and hookq's own 4 (issue 22).
        let of = |p: &str| {
            c.entries()
                .iter()
                .filter(|t| t.event_type.starts_with(p))
                .count()
        };
        assert_eq!(
            (of("mautic."), of("hookq."), c.entries().len()),
            (14, 4, 18)
        );
        let s = c.suggest("mautic.lead_post_save");
        assert!(
            s.contains(&"mautic.lead_post_save_new") && s.contains(&"mautic.lead_post_save_update"),
            "{s:?}"
        );
        assert_eq!(c.suggest("form_on_submt"), vec!["mautic.form_on_submit"]);
        assert!(c.suggest("zzzz").is_empty());
        assert!(
            !c.entries()
                .iter()
                .any(|t| t.description.starts_with("mautic."))
        );
    }

    #[test]
    fn aliases_and_colors() {
        assert_eq!(alias_from_title("Sales Leads!"), "sales-leads");
        assert_eq!(alias_from_title("***"), "category");
        // Issue 13: this was `n-at`.
        assert_eq!(alias_from_title("Ünï Çat 🚀"), "uni-cat");
        assert_eq!(alias_from_title("Straße 2"), "strasse-2");
        assert_eq!(validate_color("--color", "#FF8800").unwrap(), "ff8800");
        assert!(validate_color("--color", "red").is_err());
        assert!(validate_event_type("TYPE", "shop.order_paid").is_ok());
        assert!(validate_event_type("TYPE", "Shop Order").is_err());
        assert!(validate_event_type("TYPE", "hookq.mine").is_err());
        assert!(validate_event_type("TYPE", &"a".repeat(51)).is_err());
    }

    #[test]
    fn notes_are_clipped_to_190_bytes_of_valid_utf8() {
        let long = "é".repeat(200);
        let c = clip_note(&long);
        assert!(c.len() <= 190, "{}", c.len());
        assert!(c.ends_with('…'));
        assert_eq!(clip_note("a\r\nb"), "a  b");
        assert_eq!(clip_note("short"), "short");
    }

    #[test]
    fn names_reject_empty_and_control_characters() {
        assert!(validate_name("--name", "  ").is_err());
        assert!(validate_name("--name", "a\nb").is_err());
        assert_eq!(
            validate_name("--name", "Orders → CRM").unwrap(),
            "Orders → CRM"
        );
        assert_eq!(validate_description("--description", "").unwrap(), None);
        assert!(validate_description("--description", "two\nlines").is_ok());
    }
}
