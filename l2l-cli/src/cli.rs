//! The command line, as clap types: global options and one subcommand per job.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// `l2l`: work with any Leading2Lean (L2L) record area from the shell, try the whole API
/// against a local sandbox (the demo plant, live if you like, or a copy of your own), and
/// sync areas into SQLite, PostgreSQL or JSON Lines.
///
/// The tenant and key come from flags, the environment (L2L_COMPANY, L2L_BASE_URL,
/// L2L_API_KEY, L2L_SECRET, L2L_SERVER) or a profile of the config file (L2L_CONFIG, else
/// the platform's config directory: ~/.config/l2l/config.toml on Linux), in that order. The
/// key is never printed.
#[derive(Debug, Parser)]
#[command(
    name = "l2l",
    version,
    propagate_version = true,
    max_term_width = 100,
    after_help = crate::error::HELP
)]
pub struct Cli {
    /// Options shared by every command.
    #[command(flatten)]
    pub global: Global,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Options shared by every command.
#[derive(Debug, Args)]
#[command(next_help_heading = "Global options")]
pub struct Global {
    /// The tenant: talks to `https://COMPANY.leading2lean.com/api/1.0/`.
    #[arg(long, global = true, env = "L2L_COMPANY", value_name = "COMPANY")]
    pub company: Option<String>,
    /// Any other server (a sandbox, a proxy), such as http://127.0.0.1:8080.
    #[arg(long, global = true, env = "L2L_BASE_URL", value_name = "URL")]
    pub base_url: Option<String>,
    /// The API key (better given in L2L_API_KEY or a profile than on the command line).
    #[arg(
        long,
        global = true,
        env = "L2L_API_KEY",
        hide_env_values = true,
        value_name = "KEY"
    )]
    pub api_key: Option<String>,
    /// The signing Secret Key, for the calls L2L wants signed (with --server).
    #[arg(
        long,
        global = true,
        env = "L2L_SECRET",
        hide_env_values = true,
        value_name = "SECRET"
    )]
    pub secret: Option<String>,
    /// The server name the Secret Key belongs to.
    #[arg(long, global = true, env = "L2L_SERVER", value_name = "NAME")]
    pub server: Option<String>,
    /// A PEM certificate to trust as well as the system's (a sandbox started with --tls).
    #[arg(long, global = true, env = "L2L_CACERT", value_name = "FILE")]
    pub cacert: Option<PathBuf>,
    /// The profile of the config file to use.
    #[arg(long, global = true, env = "L2L_PROFILE", value_name = "NAME")]
    pub profile: Option<String>,
    /// The config file (default: ~/.config/l2l/config.toml, when it exists).
    #[arg(long, global = true, env = "L2L_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// A ceiling of requests a second (0: none). Without it the client paces itself to
    /// the server.
    #[arg(long, global = true, value_name = "RPS")]
    pub throttle: Option<f64>,
    /// At most this many requests in flight at once.
    #[arg(long, global = true, value_name = "N")]
    pub max_in_flight: Option<usize>,
    /// How often a failed read (timeout, reset, 5xx, 429) is tried again (default 5). A
    /// refused connection, a name that does not resolve or an untrusted certificate is not.
    #[arg(long, global = true, value_name = "N")]
    pub retries: Option<u32>,
    /// How records are printed: a table on a terminal, JSON Lines when piped.
    #[arg(long, short = 'o', global = true, value_enum, value_name = "FORMAT")]
    pub format: Option<Format>,
    /// Filter the JSON output with a jq expression (`--jq '.[].code'`); strings print bare.
    #[arg(long, global = true, value_name = "EXPR")]
    pub jq: Option<String>,
    /// Show each request (with the key hidden) on stderr.
    #[arg(long, short = 'v', global = true)]
    pub verbose: bool,
}

/// How records are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned columns, for people (`markdown` names it too: what `tap --about` prints
    /// for people).
    #[value(alias = "markdown")]
    Table,
    /// One JSON document (an array for lists).
    Json,
    /// One JSON object per line.
    Jsonl,
    /// Comma-separated values with a header line.
    Csv,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Walk L2L's sample integration flow with the typed client (against an embedded
    /// sandbox unless --company or --base-url names a tenant).
    Demo(DemoArgs),
    /// The record areas, their fields, kinds and lookups.
    Areas(AreasArgs),
    /// List the records of an area, with filters checked against the schema.
    List(ListArgs),
    /// One record by id.
    Get(GetArgs),
    /// Create a record.
    Create(CreateArgs),
    /// Update fields of a record.
    Update(UpdateArgs),
    /// Delete a record.
    Delete(DeleteArgs),
    /// Copy an area (or --all) into SQLite, PostgreSQL or JSON Lines, resumably and
    /// incrementally: `l2l sync machines --site 1 --to sqlite:plant.db`.
    Sync(SyncArgs),
    /// Run the local L2L-compatible sandbox server: the demo plant (`--live` keeps it
    /// running), bulk records, or a copy of your plant (`--import sqlite:FILE`).
    Sandbox(SandboxArgs),
    /// Call any endpoint and print its answer as JSON (as `gh api` does).
    Call(CallArgs),
    /// Print a `#[record_area]` struct for an area, inferred from its records.
    Codegen(CodegenArgs),
    /// Follow changes as they happen: `l2l watch dispatches --site N [--since T] [--state FILE]`.
    Watch(WatchArgs),
    /// Export records through L2L's asynchronous job: `l2l export dispatches --site N --out FILE`.
    Export(ExportArgs),
    /// A Singer tap (for Meltano and every Singer target): `l2l tap --config FILE
    /// --discover`, then `l2l tap --config FILE --catalog FILE [--state FILE]`.
    Tap(TapArgs),
    /// Print a shell's completion script: `l2l completion bash > /etc/bash_completion.d/l2l`.
    Completion {
        /// bash, zsh, fish, powershell or elvish.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff): `l2l man > l2l.1 && man ./l2l.1`.
    Man,
}

/// `l2l demo`.
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// The site number to work in (default: the tenant's one active test site; site 1 in
    /// the embedded sandbox).
    #[arg(long, value_name = "N")]
    pub site: Option<i64>,
    /// The user to clock in and out (default in the sandbox: operator).
    #[arg(long, value_name = "LOGIN")]
    pub user: Option<String>,
    /// Only read: skip every step that writes.
    #[arg(long)]
    pub read_only: bool,
}

/// `l2l areas [AREA...]`.
#[derive(Debug, Args)]
pub struct AreasArgs {
    /// Show the fields of these areas (all areas when none are named).
    #[arg(value_name = "AREA")]
    pub areas: Vec<String>,
}

/// `l2l list AREA ...`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// The area (its URL name, `machines`, or type name, `Machine`).
    pub area: String,
    /// The site number (required by site-scoped areas).
    #[arg(long, value_name = "N")]
    pub site: Option<i64>,
    /// A filter, FIELD=VALUE or FIELD__LOOKUP=VALUE (lt, lte, gt, gte, isnull); repeatable.
    /// Values are checked against the field's kind; a datetime with an offset (+02:00) is
    /// sent in UTC; custom properties as custom__NAME=VALUE.
    #[arg(long = "where", short = 'w', value_name = "FILTER")]
    pub filters: Vec<String>,
    /// Only these fields, comma-separated (custom properties as custom__NAME).
    #[arg(long, value_delimiter = ',', value_name = "A,B")]
    pub fields: Vec<String>,
    /// Order by these fields, comma-separated; `-field` descends (default: id order, the
    /// same on every run).
    #[arg(
        long,
        value_delimiter = ',',
        allow_hyphen_values = true,
        value_name = "FIELD"
    )]
    pub order_by: Vec<String>,
    /// At most this many records (default: every record, page after page).
    #[arg(long, value_name = "N")]
    pub limit: Option<u64>,
    /// Records per request (default: the area's maximum).
    #[arg(long, value_name = "N")]
    pub page_size: Option<u32>,
}

/// `l2l get AREA ID`.
#[derive(Debug, Args)]
pub struct GetArgs {
    /// The area.
    pub area: String,
    /// The record's id.
    pub id: i64,
    /// The site number, sent with the request so that L2L includes custom properties
    /// (default: the record's own site, for areas with custom properties).
    #[arg(long, value_name = "N")]
    pub site: Option<i64>,
}

/// `l2l create AREA --set k=v ...`.
#[derive(Debug, Args)]
pub struct CreateArgs {
    /// The area.
    pub area: String,
    /// The site number (sent as `site` unless --set names it).
    #[arg(long, value_name = "N")]
    pub site: Option<i64>,
    /// A field to set, FIELD=VALUE (an empty VALUE is null; a custom property as
    /// custom__NAME=VALUE); repeatable.
    #[arg(long = "set", short = 's', value_name = "FIELD=VALUE")]
    pub set: Vec<String>,
}

/// `l2l update AREA ID --set k=v ...`.
#[derive(Debug, Args)]
pub struct UpdateArgs {
    /// The area.
    pub area: String,
    /// The record's id.
    pub id: i64,
    /// A field to set, FIELD=VALUE (an empty VALUE is null; a custom property as
    /// custom__NAME=VALUE); repeatable.
    #[arg(long = "set", short = 's', value_name = "FIELD=VALUE", required = true)]
    pub set: Vec<String>,
}

/// `l2l delete AREA ID`.
#[derive(Debug, Args)]
pub struct DeleteArgs {
    /// The area.
    pub area: String,
    /// The record's id.
    pub id: i64,
}

/// `l2l sync AREA --to URL ...` (or `--all`).
#[derive(Debug, Args)]
pub struct SyncArgs {
    /// The area (omit with --all).
    #[arg(required_unless_present = "all")]
    pub area: Option<String>,
    /// The site number (required by site-scoped areas).
    #[arg(long, value_name = "N")]
    pub site: Option<i64>,
    /// Where to write: sqlite:PATH, postgres://USER@HOST:PORT/DB or jsonl:PATH (with --all,
    /// jsonl:DIR holds one file per area).
    #[arg(
        long,
        value_name = "URL",
        required_unless_present = "out",
        conflicts_with = "out"
    )]
    pub to: Option<String>,
    /// The JSON Lines file to write (the same as --to jsonl:FILE); its state is kept in
    /// FILE.state beside it.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Every built-in area the key may read (site-scoped ones need --site).
    #[arg(long, conflicts_with = "area")]
    pub all: bool,
    /// After the sync, read every id and delete the rows whose record is gone from L2L
    /// (with --keep-deleted: mark them). Dispatches of a site rarely need it: every run
    /// applies the deletions L2L's change feed reports; --reconcile also finds those the
    /// feed does not (a key that may not call it, a database an older l2l synced).
    #[arg(long)]
    pub reconcile: bool,
    /// Keep the rows of deleted records and set their `_deleted_at` instead of deleting
    /// them: the deletions of the change feed (dispatches of a site, every run) and of
    /// --reconcile. For other areas, alone, it implies --reconcile.
    #[arg(long)]
    pub keep_deleted: bool,
    /// Only records changed at or after this UTC time (2024-05-05 or 2024-05-05T22:39:47).
    /// After a complete sync, the next run continues from its watermark on its own.
    #[arg(long, value_name = "DATETIME")]
    pub since: Option<String>,
    /// A filter, FIELD=VALUE or FIELD__LOOKUP=VALUE; repeatable (kept across resumes).
    #[arg(
        long = "where",
        short = 'w',
        value_name = "FILTER",
        conflicts_with = "all"
    )]
    pub filters: Vec<String>,
    /// Records per request (default: the area's maximum).
    #[arg(long, value_name = "N")]
    pub page_size: Option<u32>,
    /// Quiet: no progress display and no line per area (what is skipped is still said).
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

/// `l2l sandbox ...`: the flags of the `l2l-sandbox` binary, from one definition in
/// l2l-sandbox. The admin API user's key is the global `--api-key` (or L2L_API_KEY); one
/// is generated when neither is given.
pub use l2l_sandbox::SandboxArgs;

/// `l2l call METHOD PATH [KEY=VALUE ...]`.
#[derive(Debug, Args)]
pub struct CallArgs {
    /// GET, POST, PUT or DELETE (any case).
    #[arg(value_name = "METHOD")]
    pub method: String,
    /// The path under `/api/1.0/`, such as `workorders/get_external_costs/5`.
    #[arg(value_name = "PATH")]
    pub path: String,
    /// Parameters: in the query string for GET and DELETE, in the form body for POST and
    /// PUT, in the order given.
    #[arg(value_name = "KEY=VALUE")]
    pub params: Vec<String>,
    /// Sign the call (L2L_SECRET and L2L_SERVER) over these parameters, in this order.
    #[arg(long, value_delimiter = ',', value_name = "FIELD,FIELD")]
    pub sign: Option<Vec<String>>,
    /// Read every page (GET, by `offset`) and print the records of all as one JSON array.
    #[arg(long)]
    pub paginate: bool,
    /// The body's parameters from a file (`-` for stdin): a JSON object, or a form
    /// (`key=value&...`); sent before those given as arguments.
    #[arg(long, value_name = "FILE")]
    pub input: Option<std::path::PathBuf>,
    /// Print the HTTP status and the headers before the answer, whatever the status (one
    /// request, not retried).
    #[arg(short = 'i', long, conflicts_with = "paginate")]
    pub include: bool,
}

/// `l2l codegen AREA --site N [--sample N]`.
#[derive(Debug, Args)]
pub struct CodegenArgs {
    /// The area, declared in l2l-areas or not.
    pub area: String,
    /// The site whose records are read (sent as `site`, which brings custom properties).
    #[arg(long, value_name = "N")]
    pub site: Option<i64>,
    /// How many records to read, at most.
    #[arg(long, value_name = "N", default_value_t = 500)]
    pub sample: u32,
    /// The name of the struct (default: the area's type name, or its path in CamelCase).
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
}

/// `l2l watch dispatches`: prints each change of a site's dispatches as it happens (a line
/// for people on a terminal, JSON Lines when piped) until Ctrl-C.
#[derive(Debug, Args)]
pub struct WatchArgs {
    /// What to watch: `dispatches` (the `dispatches/get_event_data/` feed).
    pub what: String,
    /// The site number.
    #[arg(long, value_name = "N")]
    pub site: i64,
    /// Start after this UTC time (2024-05-05 or 2024-05-05T22:39:47); default: now, or the
    /// state file's watermark.
    #[arg(long, value_name = "DATETIME")]
    pub since: Option<String>,
    /// Keep the watermark in FILE after every change, and resume from it.
    #[arg(long, value_name = "FILE")]
    pub state: Option<PathBuf>,
    /// Seconds between polls when nothing is pending.
    #[arg(long, default_value_t = 10.0, value_name = "SECONDS")]
    pub interval: f64,
    /// Sign every call over these parameters, in order (needs --secret and --server).
    #[arg(long, value_delimiter = ',', value_name = "FIELD,FIELD")]
    pub sign: Vec<String>,
}

/// `l2l export dispatches`: runs `dispatches/data_export/` as L2L's asynchronous job, with
/// a progress bar, and writes the records as JSON Lines.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// What to export: `dispatches`.
    pub what: String,
    /// The site number.
    #[arg(long, value_name = "N")]
    pub site: i64,
    /// The file to write; its name says the format (`.csv` CSV, `.json` one JSON array,
    /// `.jsonl`/`.ndjson` or anything else JSON Lines) unless the global
    /// `--format json|jsonl|csv` does (a name saying another one is a usage error).
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Only records changed after this UTC time (2024-05-05 or 2024-05-05T22:39:47).
    #[arg(long, value_name = "DATETIME")]
    pub since: Option<String>,
    /// Do not draw a progress bar.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Sign the calls over these parameters, in order (needs --secret and --server).
    #[arg(long, value_delimiter = ',', value_name = "FIELD,FIELD")]
    pub sign: Vec<String>,
}

/// `l2l tap`. Its config file is the global `--config FILE`: for the tap, a JSON object
/// (base_url or company, api_key, site or sites, start_date, max_in_flight, areas_file).
#[derive(Debug, Args)]
pub struct TapArgs {
    /// Print the catalog of the areas the key may read, and stop.
    #[arg(long)]
    pub discover: bool,
    /// The catalog (with the streams selected) to read.
    #[arg(long, value_name = "FILE", alias = "properties")]
    pub catalog: Option<PathBuf>,
    /// A state file (the value of the last STATE message) to resume from.
    #[arg(long, value_name = "FILE")]
    pub state: Option<PathBuf>,
    /// Print what the tap is and takes (Markdown, or JSON with --format json), and stop.
    #[arg(long)]
    pub about: bool,
    /// Undeclared areas, in the format of schema/l2l-areas.json (besides the config's).
    #[arg(long, value_name = "FILE")]
    pub areas_file: Option<PathBuf>,
}
