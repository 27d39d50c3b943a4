//! Scenario 9: the peak RSS of `l2l list` over a whole area in each output format (table,
//! JSON, JSON Lines, CSV), its stdout to /dev/null, from the in-memory server: every format
//! streams, so none should hold the area (target: under 100 MB at 300,000 records).

use std::fmt::Write as _;
use std::process::Command;

use super::{Ctx, machine_note, verdict};
use crate::clients::cli;
use crate::measure;
use crate::report::{self, Table};
use crate::servers::{Kind as ServerKind, Server};

/// What to run.
#[derive(Debug, Clone, clap::Args)]
pub struct Opts {
    /// Records of the area.
    #[arg(long, default_value_t = 300_000)]
    pub records: u64,
}

/// The target: under this many bytes of peak RSS, every format.
const TARGET: u64 = 100 * 1024 * 1024;

/// Runs the scenario and returns its section.
pub fn run(_ctx: &Ctx, opts: &Opts) -> Result<String, String> {
    let load = measure::loadavg();
    if !cli::build() {
        return Err("the l2l binary does not build".into());
    }
    let bin = cli::binary().ok_or("no l2l binary")?;
    let server = Server::start(ServerKind::Memory, opts.records, 0)?;
    let mut t = Table::new([
        "`l2l list machines --site 1 -o …`",
        "seconds",
        "peak RSS MiB",
        "verdict",
    ]);
    for format in ["table", "json", "jsonl", "csv"] {
        // exec: the measured process is l2l itself, its stdout /dev/null.
        let mut cmd = Command::new("sh");
        cmd.args(["-c", r#"exec "$0" --base-url "$1" --api-key "$2" list machines --site 1 -o "$3" > /dev/null"#])
            .arg(&bin)
            .args([&server.base_url, &server.api_key, format]);
        let m = measure::run(&mut cmd).map_err(|e| format!("-o {format}: {e}"))?;
        eprintln!(
            "  -o {format:<5} {:>6.2}s {:>8}",
            m.wall.as_secs_f64(),
            report::mib(m.max_rss)
        );
        t.row([
            format!("`-o {format}`"),
            report::fixed(m.wall.as_secs_f64(), 2),
            report::mib(m.max_rss),
            verdict(m.max_rss < TARGET).to_owned(),
        ]);
    }
    let mut s = String::new();
    let _ = writeln!(s, "## 9. Memory of `l2l list` in each format\n");
    let _ = writeln!(
        s,
        "`cargo run --release -p l2l-bench -- list-memory --records {}` · every record of the area \
         from the in-memory server, stdout to /dev/null, one run each; target: under 100 MB. {}\n",
        opts.records,
        machine_note(load)
    );
    let _ = writeln!(s, "{}", t.markdown());
    Ok(s)
}
