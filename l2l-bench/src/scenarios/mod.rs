//! The scenarios: each runs its measurements side by side and returns the markdown section
//! it writes into `docs/benchmarks.md`.

pub mod bound;
pub mod ceiling;
pub mod compile;
pub mod list_memory;
pub mod live_cost;
pub mod memory;
pub mod micro;
pub mod prefetch;
pub mod python_peer;
pub mod sync;
pub mod sync_db;
pub mod throughput;

use std::path::PathBuf;

use crate::clients::{self, Target};
use crate::measure::{self, ClientReport, Measured};

/// What every scenario shares.
#[derive(Debug, Clone)]
pub struct Ctx {
    /// The directory of `benchmarks.md` and its SVG plots.
    pub docs: PathBuf,
    /// How many times each client is run (the median is reported).
    pub repeat: usize,
    /// A scratch directory (the Python script, the CLI's output).
    pub scratch: PathBuf,
}

impl Ctx {
    /// A context writing into `docs`, with a fresh scratch directory.
    pub fn new(docs: PathBuf, repeat: usize) -> std::io::Result<Ctx> {
        let scratch = std::env::temp_dir().join(format!("l2l-bench-{}", std::process::id()));
        std::fs::create_dir_all(&scratch)?;
        Ok(Ctx {
            docs,
            repeat: repeat.max(1),
            scratch,
        })
    }

    /// Writes an SVG file into the docs directory and returns its file name.
    pub fn write_svg(&self, name: &str, svg: &str) -> std::io::Result<String> {
        std::fs::create_dir_all(&self.docs)?;
        std::fs::write(self.docs.join(name), svg)?;
        Ok(name.to_owned())
    }
}

impl Drop for Ctx {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.scratch);
    }
}

/// The median figures of several runs of one client.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    /// Records read (of the last run).
    pub records: u64,
    /// The sum of their ids (of the last run).
    pub checksum: i64,
    /// Records per second, from the client's own clock.
    pub rps: f64,
    /// Seconds from the first request to the last record.
    pub elapsed_s: f64,
    /// Client CPU time (user + system) per record, in microseconds.
    pub cpu_us_per_record: f64,
    /// Client CPU seconds for the whole run.
    pub cpu_s: f64,
    /// Peak RSS in bytes.
    pub max_rss: u64,
    /// Pages read (of the last run).
    pub pages: u64,
    /// Runs measured.
    pub runs: usize,
}

/// One run of a client: its report and measurements.
pub fn run_once(
    kind: clients::Kind,
    t: &Target,
    ctx: &Ctx,
) -> Result<(ClientReport, Measured), String> {
    let mut cmd = clients::command(kind, t, &ctx.scratch)?;
    let m = measure::run(&mut cmd)?;
    let report = match kind {
        clients::Kind::Cli => {
            let out = ctx.scratch.join("sync.jsonl");
            let (records, checksum) = clients::cli::count(&out).map_err(|e| e.to_string())?;
            let _ = std::fs::remove_file(&out);
            let _ = std::fs::remove_file(ctx.scratch.join("sync.jsonl.state"));
            ClientReport {
                records,
                checksum,
                elapsed_s: m.wall.as_secs_f64(),
                ..ClientReport::default()
            }
        }
        _ => m.report()?,
    };
    Ok((report, m))
}

/// Folds runs into medians. `records` is the count used for per-record figures when a run
/// does not count its records itself (the download-only baseline).
pub fn summarize(runs: &[(ClientReport, Measured)], records: u64) -> Summary {
    let n = |r: &ClientReport| {
        if r.records > 0 {
            r.records
        } else {
            records.max(1)
        }
    };
    let mut rps: Vec<f64> = runs
        .iter()
        .map(|(r, _)| n(r) as f64 / r.elapsed_s.max(1e-9))
        .collect();
    let mut el: Vec<f64> = runs.iter().map(|(r, _)| r.elapsed_s).collect();
    let mut cpu: Vec<f64> = runs.iter().map(|(_, m)| m.cpu().as_secs_f64()).collect();
    let mut cpr: Vec<f64> = runs
        .iter()
        .map(|(r, m)| m.cpu().as_secs_f64() * 1e6 / n(r) as f64)
        .collect();
    let mut rss: Vec<f64> = runs.iter().map(|(_, m)| m.max_rss as f64).collect();
    let last = runs.last().map(|(r, _)| r.clone()).unwrap_or_default();
    Summary {
        records: last.records,
        checksum: last.checksum,
        rps: measure::median(&mut rps),
        elapsed_s: measure::median(&mut el),
        cpu_us_per_record: measure::median(&mut cpr),
        cpu_s: measure::median(&mut cpu),
        max_rss: measure::median(&mut rss) as u64,
        pages: last.pages,
        runs: runs.len(),
    }
}

/// Runs each client `ctx.repeat` times, round-robin (so that a change in the machine's load
/// falls on every client alike), and returns their summaries in order.
pub fn run_clients(
    kinds: &[clients::Kind],
    t: &Target,
    ctx: &Ctx,
    records_hint: u64,
) -> Result<Vec<Summary>, String> {
    let mut runs: Vec<Vec<(ClientReport, Measured)>> = vec![Vec::new(); kinds.len()];
    for round in 0..ctx.repeat {
        for (i, kind) in kinds.iter().enumerate() {
            let r = run_once(*kind, t, ctx).map_err(|e| format!("{}: {e}", kind.label()))?;
            eprintln!(
                "  [{}/{}] {:<28} {:>9} records in {:>7.3}s, cpu {:>7.3}s, rss {:>7} MiB",
                round + 1,
                ctx.repeat,
                kind.label(),
                r.0.records,
                r.0.elapsed_s,
                r.1.cpu().as_secs_f64(),
                crate::report::mib(r.1.max_rss)
            );
            runs[i].push(r);
        }
    }
    Ok(runs.iter().map(|r| summarize(r, records_hint)).collect())
}

/// A line that says when and under what load a section was measured.
pub fn machine_note(load_before: Option<(f64, f64, f64)>) -> String {
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let load = |l: Option<(f64, f64, f64)>| {
        l.map_or("?".to_owned(), |(a, b, c)| format!("{a:.2} {b:.2} {c:.2}"))
    };
    format!(
        "Machine: {cores} cores; load average (1, 5, 15 min) {} before the run, {} after.",
        load(load_before),
        load(measure::loadavg())
    )
}

/// "met" or "**missed**".
pub fn verdict(ok: bool) -> &'static str {
    if ok { "met" } else { "**missed**" }
}
