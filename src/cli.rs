//! Every clap type: one source for `--help`, the man pages and the shell
//! completions. Doc comments are the help text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueHint};

const AFTER_HELP: &str = "\
Database: --db PATH|URL, else $HOOKQ_DB, else the platform data directory
(Linux: ~/.local/share/hookq/hookq.db; macOS: ~/Library/Application Support/hookq/hookq.db).
A postgres:// URL selects PostgreSQL (password from PGPASSWORD or ~/.pgpass).
Settings: `hookq config list`; HOOKQ_<SETTING> overrides one for a run.
Exit codes: 0 ok, 1 runtime failure or not found, 2 bad usage or input, 3 process --strict with failed deliveries.";

/// Mautic-compatible webhooks from an SQLite or PostgreSQL queue.
///
/// Admins create, list, edit and delete webhooks; applications record events;
/// a cron job delivers them grouped and signed exactly as Mautic does.
#[derive(Debug, Parser)]
#[command(name = "hookq", version, about, long_about, after_help = AFTER_HELP, propagate_version = true)]
pub struct Cli {
    /// SQLite database file (created with its directory on first use), or a
    /// postgres://USER@HOST/DB URL
    #[arg(long, global = true, help_heading = "Global options", env = "HOOKQ_DB", value_name = "PATH|URL", value_hint = ValueHint::FilePath)]
    pub db: Option<PathBuf>,

    /// Print Mautic-shaped JSON on stdout (errors as Mautic's error JSON on stderr)
    #[arg(long, global = true, help_heading = "Global options")]
    pub json: bool,

    /// How to print tables: table (fitted to the terminal), tsv (tab-separated
    /// with a header line), or json (as --json) [default: table on a
    /// terminal, tsv otherwise]
    #[arg(
        long,
        global = true,
        help_heading = "Global options",
        value_name = "FORMAT"
    )]
    pub format: Option<OutputFormat>,

    /// Print nothing on stdout; diagnostics only on failure
    #[arg(
        short,
        long,
        global = true,
        help_heading = "Global options",
        conflicts_with = "verbose"
    )]
    pub quiet: bool,

    /// Print more detail on stderr
    #[arg(short, long, global = true, help_heading = "Global options")]
    pub verbose: bool,

    #[command(subcommand)]
    pub command: Command,
}

/// A value parser that takes any text but offers `names` to shell
/// completion (hidden from help with `hide_possible_values`): event types
/// (custom ones are valid too) and setting keys (checked, with a
/// suggestion, by the command).
#[derive(Clone)]
struct Suggest(fn() -> Vec<&'static str>);

impl clap::builder::TypedValueParser for Suggest {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        clap::builder::StringValueParser::new().parse_ref(cmd, arg, value)
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(
            (self.0)()
                .into_iter()
                .map(clap::builder::PossibleValue::new),
        ))
    }
}

/// Mautic's 14 event types and hookq's own, for completion.
fn trigger_names() -> Vec<&'static str> {
    crate::model::BUILTIN_TRIGGERS
        .iter()
        .chain(crate::alert::TYPES.iter())
        .map(|t| t.0)
        .collect()
}

/// Every event type of the catalog, custom ones included, for the dynamic
/// completion (`source <(COMPLETE=bash hookq)`): read from the database
/// `HOOKQ_DB` or the default one names, without creating it; Mautic's
/// types when it cannot be read.
/// Mautic's 14 event types: what an application may emit (hookq records
/// its own).
fn emit_names() -> Vec<&'static str> {
    crate::model::BUILTIN_TRIGGERS.iter().map(|t| t.0).collect()
}

/// The catalog's types an application may emit, for completion.
fn emit_candidates() -> Vec<clap_complete::engine::CompletionCandidate> {
    catalog_candidates()
        .into_iter()
        .filter(|c| {
            !c.get_value()
                .to_string_lossy()
                .starts_with(crate::model::HOOKQ_PREFIX)
        })
        .collect()
}

fn catalog_candidates() -> Vec<clap_complete::engine::CompletionCandidate> {
    let read = || -> anyhow::Result<Vec<String>> {
        let path = match std::env::var_os("HOOKQ_DB") {
            Some(p) => PathBuf::from(p),
            None => crate::store::default_path()?,
        };
        let store = crate::store::Store::open(&path, crate::store::Create::OnFirstWrite)?;
        Ok(store
            .catalog()?
            .entries()
            .iter()
            .map(|t| t.event_type.clone())
            .collect())
    };
    let names = read().unwrap_or_else(|_| trigger_names().into_iter().map(String::from).collect());
    names
        .into_iter()
        .map(clap_complete::engine::CompletionCandidate::new)
        .collect()
}

/// Setting keys, for completion.
fn setting_keys() -> Vec<&'static str> {
    crate::settings::DEFS.iter().map(|d| d.key).collect()
}

/// `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    Table,
    Tsv,
    Json,
}

/// A count: a whole number from 0 up (clap's own message for `-1` or
/// `abc` is Rust's "invalid digit found in string").
fn parse_count(s: &str) -> Result<u64, String> {
    // Stores count in signed 64 bits.
    s.parse::<u64>()
        .ok()
        .filter(|&n| n <= i64::MAX as u64)
        .ok_or_else(|| {
            String::from("use a whole number from 0 up (at most 9223372036854775807), e.g. 30")
        })
}

/// Ids are whole numbers from 1, as Mautic's.
fn parse_id(s: &str) -> Result<i64, String> {
    match s.parse::<i64>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err(String::from("an id is a whole number from 1 up")),
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Add a webhook and print it (with its secret)
    Create(CreateArgs),
    /// List webhooks with health and queue depth
    List(ListArgs),
    /// Show one webhook
    Get {
        /// Webhook id
        #[arg(value_parser = parse_id, allow_negative_numbers = true)]
        id: i64,
    },
    /// Change a webhook: only the given fields (PATCH), or all of them with --replace (PUT)
    Edit(EditArgs),
    /// Remove a webhook with its queued events and logs; prints what was deleted
    Delete {
        /// Webhook id
        #[arg(value_parser = parse_id, allow_negative_numbers = true)]
        id: i64,
    },
    /// Record an event for every published webhook subscribed to its type
    Emit(EmitArgs),
    /// Deliver queued events: grouped, signed and POSTed (run it from cron)
    Process(ProcessArgs),
    /// Send sample events to a webhook (or a URL) now, signed like a delivery
    Test(TestArgs),
    /// Inspect the queue, re-drive dead events, drop events
    Queue {
        #[command(subcommand)]
        action: Option<QueueCmd>,
    },
    /// Delivery attempts, newest first
    Logs(LogsArgs),
    /// Check a body's Webhook-Signature, as a receiver would
    Verify(VerifyArgs),
    /// Queue a delivered batch again (kept for delivered_retention), for the next `process`
    Resend {
        /// The batch's id (its Webhook-Id, as `logs` shows it)
        #[arg(value_name = "BATCH_ID")]
        batch_id: String,
        /// Send it with a new Webhook-Id, for receivers that drop ids they have seen
        #[arg(long)]
        new_id: bool,
    },
    /// The catalog of event types webhooks can subscribe to
    Triggers {
        #[command(subcommand)]
        action: Option<TriggersCmd>,
    },
    /// Webhook categories
    #[command(subcommand)]
    Category(CategoryCmd),
    /// Users that may call `hookq serve` (HTTP Basic)
    #[command(subcommand)]
    ApiUser(ApiUserCmd),
    /// Serve Mautic's REST API for webhooks (and hookq's own routes) over HTTP
    Serve(ServeArgs),
    /// Receive webhooks locally and check their signatures (for CI smoke tests)
    Listen(ListenArgs),
    /// Read and change settings
    Config {
        #[command(subcommand)]
        action: Option<ConfigCmd>,
    },
    /// Whole-database operations (copy to another database, either backend)
    #[command(subcommand)]
    Db(DbCmd),
    /// Print the OpenAPI 3.1 document of serve's HTTP API (what GET
    /// /api/openapi.json serves)
    Openapi,
    /// Print a shell completion script
    Completions {
        /// Shell to generate for
        shell: clap_complete::Shell,
    },
    /// Write man pages into DIR
    #[command(hide = true)]
    GenerateMan {
        #[arg(value_hint = ValueHint::DirPath)]
        dir: PathBuf,
    },
}

#[derive(Debug, Args)]
pub struct CreateArgs {
    /// Webhook name
    #[arg(long)]
    pub name: String,
    /// Receiver URL (http or https)
    #[arg(long, value_hint = ValueHint::Url)]
    pub url: String,
    /// Event type to subscribe to (repeat for more; see `hookq triggers`)
    #[arg(long = "trigger", value_name = "TYPE", required = true, value_parser = Suggest(trigger_names), hide_possible_values = true, add = clap_complete::engine::ArgValueCandidates::new(catalog_candidates))]
    pub triggers: Vec<String>,
    /// Free-text description
    #[arg(long)]
    pub description: Option<String>,
    /// Signing secret [default: 32 random bytes, as 64 hex characters or,
    /// with --signing standard, as whsec_ and base64]
    #[arg(long, conflicts_with = "secret_file")]
    pub secret: Option<String>,
    /// Read the secret from FILE (its first line), off the command line
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub secret_file: Option<PathBuf>,
    /// How requests are signed: mautic (Webhook-Signature, as Mautic does)
    /// or standard (Standard Webhooks: webhook-id, webhook-timestamp,
    /// webhook-signature) [default: mautic]
    #[arg(long, value_name = "SCHEME", value_parser = ["mautic", "standard"])]
    pub signing: Option<String>,
    /// Create it unpublished (nothing is queued for it until published)
    #[arg(long)]
    pub unpublished: bool,
    /// Event order in batches: asc or desc [default: the events_order setting]
    #[arg(long, value_name = "DIR")]
    pub order: Option<String>,
    /// Category id (see `hookq category list`)
    #[arg(long, value_name = "ID", value_parser = parse_id, allow_negative_numbers = true)]
    pub category: Option<i64>,
    /// A header sent with every request, e.g. 'X-Api-Key: abc123' (repeat
    /// for more; the value is masked in tables)
    #[arg(long = "header", value_name = "'NAME: VALUE'")]
    pub headers: Vec<String>,
    /// Queue events of TYPE only when their payload contains JSON, e.g.
    /// 'mautic.form_on_submit:{"submission":{"form":{"id":3}}}' (repeat:
    /// any one of a type's filters takes the event)
    #[arg(long = "filter", value_name = "TYPE:JSON")]
    pub filters: Vec<String>,
    /// At most N requests in any second, minute or hour (N/s, N/m, N/h),
    /// across every run and machine; batches wait, never dropped
    #[arg(long, value_name = "N/s|N/m|N/h")]
    pub rate: Option<String>,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Text to find in names, and search commands: is:published, is:unpublished,
    /// is:uncategorized, category:ALIAS, ids:1,2
    #[arg(long, value_name = "QUERY")]
    pub search: Option<String>,
    /// Rows to skip
    #[arg(
        long,
        default_value_t = 0,
        value_name = "N",
        allow_negative_numbers = true,
        value_parser = parse_count
    )]
    pub start: u64,
    /// Rows to show (0: all)
    #[arg(
        long,
        default_value_t = 30,
        value_name = "N",
        allow_negative_numbers = true,
        value_parser = parse_count
    )]
    pub limit: u64,
    /// Sort column, camelCase or snake_case (id, name, webhookUrl, dateAdded, ...)
    #[arg(long, value_name = "COLUMN", default_value = "id")]
    pub order_by: String,
    /// Sort direction: asc or desc
    #[arg(long, value_name = "DIR", default_value = "asc")]
    pub order_dir: String,
    /// Only published webhooks
    #[arg(long)]
    pub published_only: bool,
    /// Only Mautic's list fields (no publish and author details)
    #[arg(long)]
    pub minimal: bool,
}

#[derive(Debug, Args)]
pub struct EditArgs {
    /// Webhook id
    #[arg(value_parser = parse_id, allow_negative_numbers = true)]
    pub id: i64,
    /// Replace every field (PUT): fields not given are reset, and a missing id is created
    #[arg(long)]
    pub replace: bool,
    /// New name
    #[arg(long)]
    pub name: Option<String>,
    /// New receiver URL
    #[arg(long, value_hint = ValueHint::Url)]
    pub url: Option<String>,
    /// New description ("" clears it)
    #[arg(long)]
    pub description: Option<String>,
    /// New signing secret
    #[arg(long, conflicts_with_all = ["regenerate_secret", "secret_file"])]
    pub secret: Option<String>,
    /// Read the new secret from FILE (its first line), off the command line
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath, conflicts_with = "regenerate_secret")]
    pub secret_file: Option<PathBuf>,
    /// Replace the secret with a new random one and print it
    #[arg(long)]
    pub regenerate_secret: bool,
    /// Signing scheme: mautic or standard (turning standard needs a whsec_
    /// secret: add --regenerate-secret or --secret)
    #[arg(long, value_name = "SCHEME", value_parser = ["mautic", "standard"])]
    pub signing: Option<String>,
    /// Standard webhooks: a new secret (--secret, or generated and printed)
    /// signs beside the old one until --keep-old has passed
    #[arg(long, conflicts_with = "regenerate_secret")]
    pub rotate_secret: bool,
    /// How long the old secret keeps signing after --rotate-secret, e.g.
    /// 2h, 3d; 0 drops it at once [default: 24h]
    #[arg(long, value_name = "DUR", requires = "rotate_secret")]
    pub keep_old: Option<String>,
    /// Event order: asc, desc, or default (use the events_order setting)
    #[arg(long, value_name = "DIR")]
    pub order: Option<String>,
    /// Category id
    #[arg(long, value_name = "ID", value_parser = parse_id, conflicts_with = "no_category", allow_negative_numbers = true)]
    pub category: Option<i64>,
    /// Remove the category
    #[arg(long)]
    pub no_category: bool,
    /// Set the subscriptions to exactly these types (repeat)
    #[arg(long = "trigger", value_name = "TYPE", value_parser = Suggest(trigger_names), hide_possible_values = true, add = clap_complete::engine::ArgValueCandidates::new(catalog_candidates))]
    pub triggers: Vec<String>,
    /// Subscribe to one more type (repeat)
    #[arg(long = "add-trigger", value_name = "TYPE", conflicts_with = "replace", value_parser = Suggest(trigger_names), hide_possible_values = true, add = clap_complete::engine::ArgValueCandidates::new(catalog_candidates))]
    pub add_triggers: Vec<String>,
    /// Unsubscribe from a type (repeat)
    #[arg(
        long = "remove-trigger",
        value_name = "TYPE",
        value_parser = Suggest(trigger_names),
        hide_possible_values = true,
        add = clap_complete::engine::ArgValueCandidates::new(catalog_candidates),
        conflicts_with = "replace"
    )]
    pub remove_triggers: Vec<String>,
    /// Publish it (queued events resume)
    #[arg(long, conflicts_with = "unpublish")]
    pub publish: bool,
    /// Unpublish it (its queued events wait)
    #[arg(long, visible_alias = "unpublished")]
    pub unpublish: bool,
    /// Set a header sent with every request, e.g. 'X-Api-Key: abc123'
    /// (repeat; replaces one of the same name)
    #[arg(long = "header", value_name = "'NAME: VALUE'")]
    pub headers: Vec<String>,
    /// Stop sending header NAME (repeat)
    #[arg(long = "no-header", value_name = "NAME", conflicts_with = "replace")]
    pub no_headers: Vec<String>,
    /// Set TYPE's filter: its events are queued only when their payload
    /// contains JSON (repeat; the filters given for a type replace its
    /// old ones, and any one of them takes an event)
    #[arg(long = "filter", value_name = "TYPE:JSON")]
    pub filters: Vec<String>,
    /// Drop TYPE's filters: every event of it is queued again (repeat)
    #[arg(long = "no-filter", value_name = "TYPE", conflicts_with = "replace")]
    pub no_filters: Vec<String>,
    /// At most N requests in any second, minute or hour (N/s, N/m, N/h),
    /// or off
    #[arg(long, value_name = "N/s|N/m|N/h|off")]
    pub rate: Option<String>,
}

#[derive(Debug, Args)]
pub struct EmitArgs {
    /// Event type, e.g. mautic.lead_post_save_new (see `hookq triggers`)
    #[arg(
        value_name = "TYPE",
        required_unless_present = "ndjson",
        conflicts_with = "ndjson",
        value_parser = Suggest(emit_names),
        hide_possible_values = true,
        add = clap_complete::engine::ArgValueCandidates::new(emit_candidates)
    )]
    pub event_type: Option<String>,
    /// The event's payload: a JSON object [default: {}]
    #[arg(long, value_name = "JSON", conflicts_with = "payload_file")]
    pub payload: Option<String>,
    /// Read the payload from FILE (- for standard input)
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub payload_file: Option<PathBuf>,
    /// Read events from FILE (- or nothing: standard input), one
    /// {"type":"..","payload":{..}} per line (and an optional "id", its
    /// idempotency key), stored in large transactions
    #[arg(
        long,
        value_name = "FILE",
        num_args = 0..=1,
        default_missing_value = "-",
        value_hint = ValueHint::FilePath,
        conflicts_with_all = ["payload", "payload_file"]
    )]
    pub ndjson: Option<PathBuf>,
    /// With --ndjson: skip the first N lines (to go on after a bad line,
    /// rerun with the --skip the error names)
    #[arg(long, value_name = "N", requires = "ndjson", default_value_t = 0)]
    pub skip: usize,
    /// Store this event once per KEY within the idempotency_window setting
    /// (24h): run again with the same key (a retry), it is not stored
    /// twice (with --ndjson, give each line an "id" instead)
    #[arg(long, value_name = "KEY", conflicts_with = "ndjson")]
    pub idempotency_key: Option<String>,
}

#[derive(Debug, Args)]
pub struct ProcessArgs {
    /// Only this webhook
    #[arg(long, value_name = "ID", value_parser = parse_id, allow_negative_numbers = true)]
    pub webhook_id: Option<i64>,
    /// Only events with this id or higher
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub min_id: Option<i64>,
    /// Only events with this id or lower
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub max_id: Option<i64>,
    /// Events per request for this run [default: the batch_limit setting]
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub limit: Option<i64>,
    /// Stop claiming new batches after this long, e.g. 90s, 5m [default: the time_limit setting]
    #[arg(long, value_name = "DURATION", allow_hyphen_values = true)]
    pub time_limit: Option<String>,
    /// Webhooks delivered at once [default: the concurrency setting]
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub concurrency: Option<i64>,
    /// Print what would be sent (per webhook: batches, types, bytes) and send nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Exit with code 3 when any delivery failed
    #[arg(long)]
    pub strict: bool,
}

#[derive(Debug, Args)]
pub struct TestArgs {
    /// Webhook to test: its URL, secret and triggers
    #[arg(value_name = "ID", value_parser = parse_id, allow_negative_numbers = true, required_unless_present = "url", conflicts_with = "url")]
    pub id: Option<i64>,
    /// Test this URL instead of a stored webhook
    #[arg(long, value_hint = ValueHint::Url)]
    pub url: Option<String>,
    /// Secret to sign with, with --url [default: none, signs with an empty key]
    #[arg(long, requires = "url")]
    pub secret: Option<String>,
    /// How to sign, with --url: mautic or standard (which needs --secret
    /// whsec_…) [default: mautic]
    #[arg(long, value_name = "SCHEME", requires = "url", value_parser = ["mautic", "standard"])]
    pub signing: Option<String>,
    /// Event type to send a sample of (repeat; with ID: default all its triggers)
    #[arg(long = "trigger", value_name = "TYPE", value_parser = Suggest(trigger_names), hide_possible_values = true, add = clap_complete::engine::ArgValueCandidates::new(catalog_candidates))]
    pub triggers: Vec<String>,
    /// Send this payload (a JSON object) instead of the built-in samples
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub payload_file: Option<PathBuf>,
    /// With --url, a header to send, e.g. 'X-Api-Key: abc123' (repeat; a
    /// stored webhook sends its own)
    #[arg(long = "header", value_name = "'NAME: VALUE'", requires = "url")]
    pub headers: Vec<String>,
}

#[derive(Debug, Subcommand)]
pub enum QueueCmd {
    /// Queued, waiting and dead events per webhook
    Stats,
    /// Queued events, oldest first
    List {
        /// Only this webhook
        #[arg(long, value_name = "ID", value_parser = parse_id, allow_negative_numbers = true)]
        webhook_id: Option<i64>,
        /// Only dead events (their batch is past retry_max_age)
        #[arg(long)]
        dead: bool,
        /// Rows to show (0: all)
        #[arg(
            long,
            default_value_t = 50,
            value_name = "N",
            allow_negative_numbers = true,
            value_parser = parse_count
        )]
        limit: u64,
    },
    /// Give dead events a new round of retries, due now
    Retry {
        /// Only this webhook's events
        #[arg(long, value_name = "ID", value_parser = parse_id, allow_negative_numbers = true)]
        webhook_id: Option<i64>,
        /// Also send batches waiting for a retry at the next run (they keep
        /// their attempt count), e.g. once a receiver is back
        #[arg(long)]
        waiting: bool,
    },
    /// Queue a webhook's delivered batches of the last DUR again (kept for
    /// delivered_retention), oldest first, for the next `process`
    Resend {
        /// The webhook
        #[arg(long, value_name = "ID", value_parser = parse_id, allow_negative_numbers = true)]
        webhook_id: i64,
        /// Batches delivered within this long, e.g. 2h, 1d
        #[arg(long, value_name = "DUR")]
        since: String,
        /// Send them with new Webhook-Ids, for receivers that drop ids they have seen
        #[arg(long)]
        new_id: bool,
    },
    /// Drop queued events for good (asks first unless --yes)
    Purge {
        /// Only this webhook's events
        #[arg(long, value_name = "ID", value_parser = parse_id, allow_negative_numbers = true)]
        webhook_id: Option<i64>,
        /// Only dead events
        #[arg(long)]
        dead: bool,
        /// Do not ask
        #[arg(long, short = 'y')]
        yes: bool,
    },
}

#[derive(Debug, Args)]
pub struct LogsArgs {
    /// Only this webhook
    #[arg(value_name = "ID", value_parser = parse_id, allow_negative_numbers = true)]
    pub id: Option<i64>,
    /// Rows to show
    #[arg(
        long,
        default_value_t = 50,
        value_name = "N",
        allow_negative_numbers = true,
        value_parser = parse_count
    )]
    pub limit: u64,
    /// Only failed attempts (as --status failed)
    #[arg(long)]
    pub failed: bool,
    /// Only attempts of the last DUR, e.g. 30m, 2h, 3d
    #[arg(long, value_name = "DUR")]
    pub since: Option<String>,
    /// Only attempts with this status: a code (500), N/A (no response), or
    /// failed (anything but 2xx)
    #[arg(long, value_name = "CODE")]
    pub status: Option<String>,
    /// Only attempts of this batch (its Webhook-Id)
    #[arg(long, value_name = "ID")]
    pub batch: Option<String>,
    /// Keep printing attempts as they are logged, oldest first, until
    /// interrupted (text as tab-separated rows, --json as one object per line)
    #[arg(long, short = 'f')]
    pub follow: bool,
}

#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// The webhook's secret (on the command line it shows in `ps`: prefer
    /// --secret-file or HOOKQ_VERIFY_SECRET)
    #[arg(long, env = "HOOKQ_VERIFY_SECRET", hide_env_values = true)]
    pub secret: Option<String>,
    /// Read the secret from FILE (its first line), instead of --secret
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub secret_file: Option<PathBuf>,
    /// The Webhook-Signature header's value (with --standard: the
    /// webhook-signature header's, `v1,…` entries separated by spaces)
    #[arg(long)]
    pub signature: String,
    /// Check a Standard Webhooks signature (the secret is whsec_…) over
    /// --id, --timestamp and the body
    #[arg(long, requires_all = ["id", "timestamp"])]
    pub standard: bool,
    /// The webhook-id header's value (with --standard)
    #[arg(long, value_name = "ID", requires = "standard")]
    pub id: Option<String>,
    /// The webhook-timestamp header's value, Unix seconds (with --standard)
    #[arg(
        long,
        value_name = "TS",
        requires = "standard",
        allow_negative_numbers = true
    )]
    pub timestamp: Option<String>,
    /// With --standard, refuse a timestamp further than this from now, as
    /// receivers do against replays; 0 skips the check [default: 5m]
    #[arg(long, value_name = "DUR", requires = "standard")]
    pub tolerance: Option<String>,
    /// The raw request body [default: standard input]
    #[arg(
        value_name = "FILE",
        default_value = "-",
        hide_default_value = true,
        value_hint = ValueHint::FilePath
    )]
    pub file: PathBuf,
}

#[derive(Debug, Subcommand)]
pub enum TriggersCmd {
    /// List event types, sorted by label
    List,
    /// Add a custom event type
    Add {
        /// Type name, e.g. shop.order_paid
        #[arg(value_name = "TYPE")]
        event_type: String,
        /// Short label
        #[arg(long)]
        label: String,
        /// When it fires
        #[arg(long, default_value = "")]
        description: String,
    },
    /// Remove a custom event type no webhook uses
    Remove {
        #[arg(value_name = "TYPE")]
        event_type: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum CategoryCmd {
    /// Add a category
    Create {
        /// Title
        #[arg(long)]
        title: String,
        /// Alias used by `list --search category:ALIAS` [default: from the title]
        #[arg(long)]
        alias: Option<String>,
        /// Description
        #[arg(long)]
        description: Option<String>,
        /// Colour as six hex digits, e.g. ff8800
        #[arg(long)]
        color: Option<String>,
    },
    /// Change a category: only the given fields
    Edit {
        /// Category id
        #[arg(value_parser = parse_id, allow_negative_numbers = true)]
        id: i64,
        /// Title
        #[arg(long)]
        title: Option<String>,
        /// Alias used by `list --search category:ALIAS`
        #[arg(long)]
        alias: Option<String>,
        /// Description (empty: none)
        #[arg(long)]
        description: Option<String>,
        /// Colour as six hex digits, e.g. ff8800
        #[arg(long)]
        color: Option<String>,
    },
    /// List categories
    List,
    /// Delete a category (its webhooks become uncategorised)
    Delete {
        /// Category id
        #[arg(value_parser = parse_id, allow_negative_numbers = true)]
        id: i64,
    },
}

#[derive(Debug, Subcommand)]
pub enum ApiUserCmd {
    /// Add an API user and print its generated password once
    Add {
        /// Username (what a client sends as the Basic auth user)
        #[arg(value_name = "NAME")]
        name: String,
        /// Read the password from standard input instead of generating one
        #[arg(long)]
        password_stdin: bool,
    },
    /// List API users
    List,
    /// Remove an API user (its next request is refused)
    Remove {
        #[arg(value_name = "NAME")]
        name: String,
    },
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on; anything but loopback belongs behind a TLS proxy
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
    pub listen: std::net::SocketAddr,
    /// Also deliver queued events continuously (as `process` does; cron runs may overlap)
    #[arg(long)]
    pub deliver: bool,
    /// Accept requests without credentials (refused unless ADDR is a loopback address)
    #[arg(long)]
    pub no_auth: bool,
    /// How long a client may take to send a request's headers before it is dropped
    #[arg(long, value_name = "DUR", default_value = "10s")]
    pub header_timeout: String,
    /// With --deliver: how often to look for due work unannounced (retries
    /// falling due; on SQLite also events other processes emit; on
    /// PostgreSQL those wake it at once)
    #[arg(long, value_name = "DUR", default_value = "3s")]
    pub poll: String,
    /// A reverse proxy in front of serve (repeat for several): only from
    /// these peers is the client's address taken from X-Forwarded-For
    /// (for the failed sign-in slowdown); a client's own header is never
    /// believed
    #[arg(long = "trusted-proxy", value_name = "ADDR")]
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Connections one client address may hold open at once; more are
    /// closed as they arrive, so one address cannot take every slot
    #[arg(long, value_name = "N", default_value_t = 64, value_parser = clap::value_parser!(u32).range(1..))]
    pub max_connections_per_ip: u32,
    /// Serve the API only, without the admin console's pages under /
    #[arg(long)]
    pub no_console: bool,
}

#[derive(Debug, Args)]
#[command(
    after_help = "Exit status: 0 once --count requests were verified and answered with \
--status; 1 at the first bad signature, when a --require-type was not seen among them, or when \
--timeout passed first; 2 for bad usage. Without --count it runs until SIGINT or SIGTERM \
(exit 0)."
)]
pub struct ListenArgs {
    /// Address to listen on [default: 127.0.0.1 and a free port]
    #[arg(
        long,
        value_name = "ADDR",
        default_value = "127.0.0.1:0",
        hide_default_value = true
    )]
    pub listen: std::net::SocketAddr,
    /// Check Mautic's Webhook-Signature with this secret (on the command
    /// line it shows in `ps`: prefer --secret-file or HOOKQ_LISTEN_SECRET)
    #[arg(long, env = "HOOKQ_LISTEN_SECRET", hide_env_values = true)]
    pub secret: Option<String>,
    /// Read the Mautic secret from FILE (its first line)
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub secret_file: Option<PathBuf>,
    /// Check Standard Webhooks signatures with this whsec_ secret
    #[arg(
        long,
        value_name = "WHSEC",
        env = "HOOKQ_LISTEN_STANDARD_SECRET",
        hide_env_values = true
    )]
    pub standard_secret: Option<String>,
    /// Read the whsec_ secret from FILE (its first line)
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub standard_secret_file: Option<PathBuf>,
    /// Exit 0 once this many requests were verified and answered with --status
    #[arg(long, value_name = "N", value_parser = parse_count, allow_negative_numbers = true)]
    pub count: Option<u64>,
    /// Give up after this long (exit 1 when --count was not reached), e.g. 30s
    #[arg(long, value_name = "DUR")]
    pub timeout: Option<String>,
    /// Status to answer requests with
    #[arg(long, value_name = "CODE", default_value_t = 200)]
    pub status: u16,
    /// Answer the first K requests with 500 (to exercise retries), then --status
    #[arg(long, value_name = "K", default_value_t = 0, value_parser = parse_count, allow_negative_numbers = true)]
    pub fail_first: u64,
    /// With --count: exit 1 unless this event type arrived (repeat)
    #[arg(long = "require-type", value_name = "TYPE", requires = "count", value_parser = Suggest(trigger_names), hide_possible_values = true, add = clap_complete::engine::ArgValueCandidates::new(catalog_candidates))]
    pub require_types: Vec<String>,
    /// Write the port to FILE once listening (for scripts that start it in the background)
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub port_file: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum ConfigCmd {
    /// Every setting with its value and where it comes from
    List,
    /// Print one setting's effective value
    Get {
        #[arg(value_parser = Suggest(setting_keys), hide_possible_values = true)]
        key: String,
    },
    /// Store a setting in the database
    Set {
        #[arg(value_parser = Suggest(setting_keys), hide_possible_values = true)]
        key: String,
        #[arg(allow_hyphen_values = true)]
        value: String,
    },
    /// Return a setting to its default
    Unset {
        #[arg(value_parser = Suggest(setting_keys), hide_possible_values = true)]
        key: String,
    },
}

/// `hookq db …`
#[derive(Debug, Subcommand)]
pub enum DbCmd {
    /// Copy everything (webhooks, categories, triggers, settings, the queue
    /// with its batch ids and attempts, logs, API users) from --db to another,
    /// empty database: SQLite to PostgreSQL or back. Prints and checks the counts.
    Copy {
        /// The target: an SQLite file path or a postgres:// URL (must be empty)
        #[arg(long, value_name = "PATH|URL", value_hint = ValueHint::AnyPath)]
        to: PathBuf,
    },
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn global_flags_work_after_the_command() {
        let a = Cli::try_parse_from(["hookq", "list", "--json", "--db", "x.db"]).unwrap();
        let b = Cli::try_parse_from(["hookq", "--json", "--db", "x.db", "list"]).unwrap();
        assert!(a.json && b.json);
        assert_eq!(a.db, b.db);
    }
}
