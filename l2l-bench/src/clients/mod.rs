//! The clients that read a whole area, each run as a child process of the harness
//! (`l2l-bench client <kind> ...` for the Rust ones, `python3` for the docs' loop, the
//! `l2l` binary for the CLI's sync) so that each one's CPU time and peak RSS are its own.

pub mod cli;
pub mod hand;
pub mod python;
pub mod typed;

use std::path::Path;
use std::process::Command;

use crate::measure::ClientReport;

/// Where a client reads from, and how.
#[derive(Debug, Clone, clap::Args)]
pub struct Target {
    /// The server's base URL (`http://127.0.0.1:PORT`).
    #[arg(long)]
    pub base: String,
    /// The API key.
    #[arg(long, default_value = "bench-key")]
    pub key: String,
    /// The site.
    #[arg(long, default_value_t = 1)]
    pub site: i64,
    /// Records per page.
    #[arg(long, default_value_t = 2000)]
    pub limit: u32,
    /// Time the consumer spends on each page (an awaited sink, such as a database write).
    #[arg(long, default_value_t = 0)]
    pub sink_ms: u64,
    /// Pages in flight for offset paging with `prefetch(n)`.
    #[arg(long, default_value_t = 4)]
    pub depth: usize,
}

/// A client.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
    /// l2l's typed `stream()`.
    Typed,
    /// l2l's typed `stream()` of one id range: one page in flight.
    TypedSerial,
    /// l2l's typed `all()`.
    TypedAll,
    /// l2l's typed `stream()` with offset paging and `prefetch(depth)`.
    TypedOffset,
    /// A loop of l2l's typed `page()` calls (sequential paging).
    TypedPages,
    /// reqwest + serde_json into the same struct.
    Hand,
    /// The same pages as `stream()`, downloaded with `Client::send_raw` and discarded.
    Download,
    /// The docs' offset pages, downloaded with `Client::send_raw` and discarded.
    DownloadOffset,
    /// The docs' Python `requests` loop (offset paging).
    Python,
    /// `l2l sync AREA --out FILE.jsonl`.
    Cli,
}

impl Kind {
    /// The name used in tables.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Typed => "l2l `stream()`",
            Kind::TypedSerial => "l2l `stream()`, one range",
            Kind::TypedAll => "l2l `all()`",
            Kind::TypedOffset => "l2l `stream()`, offset, `prefetch(n)`",
            Kind::TypedPages => "l2l `page()` loop",
            Kind::Hand => "reqwest + serde_json",
            Kind::Download => "download only (`send_raw`)",
            Kind::DownloadOffset => "download only, offset pages",
            Kind::Python => "docs' Python loop",
            Kind::Cli => "`l2l sync` to JSONL",
        }
    }

    /// The paging the client uses.
    pub fn paging(self) -> &'static str {
        match self {
            Kind::Python | Kind::DownloadOffset | Kind::TypedOffset => "offset",
            _ => "keyset",
        }
    }
}

/// The child side: runs a Rust client and returns its report.
pub fn run(kind: Kind, t: &Target) -> Result<ClientReport, String> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    rt.block_on(async {
        match kind {
            Kind::Typed => typed::stream(t).await,
            Kind::TypedSerial => typed::stream_serial(t).await,
            Kind::TypedAll => typed::all(t).await,
            Kind::TypedOffset => typed::stream_offset(t).await,
            Kind::TypedPages => typed::pages(t).await,
            Kind::Hand => hand::run(t).await,
            Kind::Download => typed::download(t).await,
            Kind::DownloadOffset => typed::download_offset(t).await,
            Kind::Python | Kind::Cli => Err(format!("{kind:?} is not run in-process")),
        }
    })
}

/// The harness side: the command that runs client `kind` against `t` as a child. `scratch`
/// is a directory for the Python script and the CLI's output.
pub fn command(kind: Kind, t: &Target, scratch: &Path) -> Result<Command, String> {
    let area = crate::fixtures::area().path;
    match kind {
        Kind::Python => {
            let script = python::write_script(scratch).map_err(|e| e.to_string())?;
            Ok(python::command(
                &script, &t.base, &t.key, area, t.site, t.limit,
            ))
        }
        Kind::Cli => {
            let bin = cli::binary().ok_or("no l2l binary (cargo build --release -p l2l-cli)")?;
            Ok(cli::command(
                &bin,
                &t.base,
                &t.key,
                area,
                t.site,
                &scratch.join("sync.jsonl"),
            ))
        }
        _ => {
            let exe = std::env::current_exe().map_err(|e| e.to_string())?;
            let mut c = Command::new(exe);
            let name = clap::ValueEnum::to_possible_value(&kind)
                .map(|v| v.get_name().to_owned())
                .unwrap_or_default();
            c.args(["client", &name, "--base", &t.base, "--key", &t.key])
                .arg("--site")
                .arg(t.site.to_string())
                .arg("--limit")
                .arg(t.limit.to_string())
                .arg("--sink-ms")
                .arg(t.sink_ms.to_string())
                .arg("--depth")
                .arg(t.depth.to_string());
            Ok(c)
        }
    }
}
