//! Every clap type: one source for `--help`, the man pages and the shell
//! completions. Doc comments are the help text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueHint};

const AFTER_HELP: &str = "\
Database: --db PATH, else $HOOKQ_DB, else the platform data directory
(Linux: ~/.local/share/hookq/hookq.db; macOS: ~/Library/Application Support/hookq/hookq.db).
Settings: `hookq config list`; HOOKQ_<SETTING> overrides one for a run.
Exit codes: 0 ok, 1 runtime failure or not found, 2 bad usage or input, 3 process --strict with failed deliveries.";

/// Mautic-compatible webhooks from a local SQLite queue.
///
/// Admins create, list, edit and delete webhooks; applications record events;
/// a cron job delivers them grouped and signed exactly as Mautic does.
#[derive(Debug, Parser)]
#[command(name = "hookq", version, about, long_about, after_help = AFTER_HELP, propagate_version = true)]
pub struct Cli {
    /// SQLite database file (created with its directory on first use)
    #[arg(long, global = true, env = "HOOKQ_DB", value_name = "PATH", value_hint = ValueHint::FilePath)]
    pub db: Option<PathBuf>,

    /// Print Mautic-shaped JSON on stdout (errors as Mautic's error JSON on stderr)
    #[arg(long, global = true)]
    pub json: bool,

    /// Print nothing on stdout; diagnostics only on failure
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,

    /// Print more detail on stderr
    #[arg(short, long, global = true)]
    pub verbose: bool,

    #[command(subcommand)]
    pub command: Command,
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
    /// The catalog of event types webhooks can subscribe to
    Triggers {
        #[command(subcommand)]
        action: Option<TriggersCmd>,
    },
    /// Webhook categories
    #[command(subcommand)]
    Category(CategoryCmd),
    /// Read and change settings
    Config {
        #[command(subcommand)]
        action: Option<ConfigCmd>,
    },
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
    #[arg(long = "trigger", value_name = "TYPE", required = true)]
    pub triggers: Vec<String>,
    /// Free-text description
    #[arg(long)]
    pub description: Option<String>,
    /// Signing secret [default: 32 random bytes as 64 hex characters]
    #[arg(long)]
    pub secret: Option<String>,
    /// Create it unpublished (nothing is queued for it until published)
    #[arg(long)]
    pub unpublished: bool,
    /// Event order in batches: asc or desc [default: the events_order setting]
    #[arg(long, value_name = "DIR")]
    pub order: Option<String>,
    /// Category id (see `hookq category list`)
    #[arg(long, value_name = "ID", value_parser = parse_id, allow_negative_numbers = true)]
    pub category: Option<i64>,
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
        allow_negative_numbers = true
    )]
    pub start: u64,
    /// Rows to show (0: all)
    #[arg(
        long,
        default_value_t = 30,
        value_name = "N",
        allow_negative_numbers = true
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
    #[arg(long, conflicts_with = "regenerate_secret")]
    pub secret: Option<String>,
    /// Replace the secret with a new random one and print it
    #[arg(long)]
    pub regenerate_secret: bool,
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
    #[arg(long = "trigger", value_name = "TYPE")]
    pub triggers: Vec<String>,
    /// Subscribe to one more type (repeat)
    #[arg(long = "add-trigger", value_name = "TYPE", conflicts_with = "replace")]
    pub add_triggers: Vec<String>,
    /// Unsubscribe from a type (repeat)
    #[arg(
        long = "remove-trigger",
        value_name = "TYPE",
        conflicts_with = "replace"
    )]
    pub remove_triggers: Vec<String>,
    /// Publish it (queued events resume)
    #[arg(long, conflicts_with = "unpublish")]
    pub publish: bool,
    /// Unpublish it (its queued events wait)
    #[arg(long, visible_alias = "unpublished")]
    pub unpublish: bool,
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
pub enum ConfigCmd {
    /// Every setting with its value and where it comes from
    List,
    /// Print one setting's effective value
    Get { key: String },
    /// Store a setting in the database
    Set {
        key: String,
        #[arg(allow_hyphen_values = true)]
        value: String,
    },
    /// Return a setting to its default
    Unset { key: String },
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
