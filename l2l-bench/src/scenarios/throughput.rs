//! Scenario 7: throughput with the tool's defaults, no tuning flag, against servers shaped
//! like real tenants: a fast one, one across the internet (`latency`), one that limits
//! requests a second (`rate_limit`); and typed `stream()` beside downloading the same pages
//! on the in-memory server. Each target is a ratio of one run; the rows also become the
//! benchmark summary of README.md.

use std::time::Duration;

use l2l_sandbox::{Sandbox, Seed};

use super::{Ctx, Summary, machine_note, run_clients, run_once, verdict};
use crate::clients::{Kind as Client, Target};
use crate::report::{self, Table};
use crate::servers::{Kind as ServerKind, Server};

/// A part of the scenario that can run alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Only {
    /// The rate-limited sandbox, its runs in a row.
    RateLimit,
    /// Typed `stream()` against the in-memory server.
    Stream,
}

/// What to run.
#[derive(Debug, Clone)]
pub struct Opts {
    /// Record counts of the fast sandbox (the first is the large one).
    pub sizes: Vec<u64>,
    /// Records and milliseconds of the sandbox across the internet.
    pub latency: (u64, u64),
    /// Records and requests a second of the rate-limited sandbox.
    pub rate_limit: (u64, f64),
    /// Runs in a row against the rate-limited sandbox (a fresh one each): every one must
    /// meet the target.
    pub rate_limit_runs: usize,
    /// Only these rows (all when `None`).
    pub only: Option<Only>,
    /// Records of the in-memory server.
    pub memory: u64,
    /// Page size.
    pub limit: u32,
}

impl Default for Opts {
    fn default() -> Opts {
        Opts {
            sizes: vec![1_000_000, 100_000],
            latency: (200_000, 50),
            rate_limit: (200_000, 20.0),
            rate_limit_runs: 10,
            only: None,
            memory: 1_000_000,
            limit: 2000,
        }
    }
}

/// One target: what it asks, what was measured, whether it holds.
#[derive(Debug, Clone)]
pub struct Row {
    /// The target, in words.
    pub target: String,
    /// The measurement, in words.
    pub measured: String,
    /// Whether the target holds.
    pub met: bool,
}

/// A sandbox in the harness process, on a runtime of its own.
struct Local {
    sandbox: Sandbox,
    _rt: tokio::runtime::Runtime,
}

fn sandbox(records: u64, latency_ms: u64, rate: Option<f64>) -> Result<Local, String> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    let mut b = Sandbox::builder()
        .api_key(crate::servers::sandbox::KEY)
        .seed(Seed::Bulk {
            count: records,
            area: Some(crate::fixtures::area().path.to_owned()),
        })
        .latency(Duration::from_millis(latency_ms));
    if let Some(rps) = rate {
        b = b.rate_limit(rps);
    }
    let sandbox = rt
        .block_on(b.start())
        .map_err(|e| format!("starting the sandbox: {e}"))?;
    Ok(Local { sandbox, _rt: rt })
}

fn target(base: String, limit: u32) -> Target {
    Target {
        base,
        key: crate::servers::sandbox::KEY.to_owned(),
        site: 1,
        limit,
        sink_ms: 0,
        depth: 4,
    }
}

fn same(a: &Summary, b: &Summary) -> bool {
    a.records == b.records && a.checksum == b.checksum
}

fn times(x: f64) -> String {
    report::times(x)
}

/// Runs every measurement and returns the target rows.
pub fn measure(ctx: &Ctx, opts: &Opts) -> Result<Vec<Row>, String> {
    let mut rows = Vec::new();
    match opts.only {
        Some(Only::RateLimit) => return Ok(vec![rate_limited(ctx, opts, None)?]),
        Some(Only::Stream) => return stream_rows(ctx, opts),
        None => {}
    }
    for &n in &opts.sizes {
        eprintln!("throughput: {n} records, sandbox");
        let s = sandbox(n, 0, None)?;
        let t = target(s.sandbox.base_url(), opts.limit);
        let r = run_clients(&[Client::Python, Client::Cli], &t, ctx, n)?;
        let ratio = r[0].elapsed_s / r[1].elapsed_s.max(1e-9);
        let want = if n >= 1_000_000 { 10.0 } else { 3.0 };
        rows.push(Row {
            target: format!(
                "`l2l sync` ÷ the docs' Python loop, sandbox, {} records: ≥ {want}×",
                report::thousands(n as f64)
            ),
            measured: format!(
                "{} ({:.2} s against {:.2} s)",
                times(ratio),
                r[1].elapsed_s,
                r[0].elapsed_s
            ),
            met: ratio >= want && same(&r[0], &r[1]),
        });
    }
    let (n, ms) = opts.latency;
    eprintln!("throughput: {n} records, sandbox with {ms} ms latency");
    let reference = {
        let s = sandbox(n, ms, None)?;
        let t = target(s.sandbox.base_url(), opts.limit);
        let r = run_clients(
            &[Client::Python, Client::Cli, Client::TypedSerial],
            &t,
            ctx,
            n,
        )?;
        let vs_py = r[0].elapsed_s / r[1].elapsed_s.max(1e-9);
        let vs_serial = r[2].elapsed_s / r[1].elapsed_s.max(1e-9);
        rows.push(Row {
            target: format!(
                "`--latency-ms {ms}`, {} records: `l2l sync` ≥ 5× the Python loop and ≥ 4× one page in flight",
                report::thousands(n as f64)
            ),
            measured: format!(
                "{} and {} ({:.2} s; Python {:.2} s; one range {:.2} s)",
                times(vs_py),
                times(vs_serial),
                r[1].elapsed_s,
                r[0].elapsed_s,
                r[2].elapsed_s
            ),
            met: vs_py >= 5.0 && vs_serial >= 4.0 && same(&r[0], &r[1]) && same(&r[0], &r[2]),
        });
        Some((n, r[0].clone()))
    };
    rows.push(rate_limited(ctx, opts, reference)?);
    rows.extend(stream_rows(ctx, opts)?);
    Ok(rows)
}

/// The typed `stream()` beside downloading the same pages and beside the hand-written
/// loop, against the in-memory server.
fn stream_rows(ctx: &Ctx, opts: &Opts) -> Result<Vec<Row>, String> {
    let mut rows = Vec::new();
    eprintln!("throughput: {} records, in-memory server", opts.memory);
    {
        let server = Server::start(ServerKind::Memory, opts.memory, 0)?;
        let t = target(server.base_url.clone(), opts.limit);
        let t = Target {
            key: server.api_key.clone(),
            ..t
        };
        let r = run_clients(
            &[Client::Typed, Client::Hand, Client::Download],
            &t,
            ctx,
            opts.memory,
        )?;
        let vs_download = r[0].rps / r[2].rps.max(1e-9);
        let cpu = r[0].cpu_us_per_record / r[1].cpu_us_per_record.max(1e-9);
        rows.push(Row {
            target: format!(
                "typed `stream()` records/s ÷ download only, in-memory server, {} records: ≥ 0.8×",
                report::thousands(opts.memory as f64)
            ),
            measured: format!(
                "{} ({} against {} records/s)",
                times(vs_download),
                report::thousands(r[0].rps),
                report::thousands(r[2].rps)
            ),
            met: vs_download >= 0.8,
        });
        rows.push(Row {
            target: "typed `stream()` CPU per record ÷ the hand-written reqwest + serde_json loop: ≤ 1.10×".into(),
            measured: format!(
                "{} ({:.3} against {:.3} µs)",
                times(cpu),
                r[0].cpu_us_per_record,
                r[1].cpu_us_per_record
            ),
            met: cpu <= 1.10 && same(&r[0], &r[1]),
        });
    }
    Ok(rows)
}

/// `--rate-limit 20`: `opts.rate_limit_runs` runs in a row, each against a fresh
/// rate-limited sandbox; the row holds when every run reads each record once, within 1.3×
/// the limit's pace, with under 5% of its requests answered 429. `reference` is a run of
/// the same records without a limit, made here when the caller has none.
fn rate_limited(ctx: &Ctx, opts: &Opts, reference: Option<(u64, Summary)>) -> Result<Row, String> {
    let (n, rps) = opts.rate_limit;
    let reference = match reference {
        Some((rn, r)) if rn == n => (r.records, r.checksum),
        _ => {
            let s = sandbox(n, 0, None)?;
            let r = run_once(Client::Cli, &target(s.sandbox.base_url(), opts.limit), ctx)?.0;
            (r.records, r.checksum)
        }
    };
    let ideal = n as f64 / (f64::from(opts.limit) * rps);
    let runs = opts.rate_limit_runs.max(1);
    let (mut worst, mut worst_share, mut all_once, mut met) = (0.0f64, 0.0f64, true, true);
    let mut times_s = Vec::new();
    let (mut refused_all, mut requests_all) = (0, 0);
    for i in 0..runs {
        eprintln!(
            "throughput: {n} records, sandbox limited to {rps} requests a second, run {} of {runs}",
            i + 1
        );
        let s = sandbox(n, 0, Some(rps))?;
        let t = target(s.sandbox.base_url(), opts.limit);
        let before = s.sandbox.stats();
        let (report, _) = run_once(Client::Cli, &t, ctx)?;
        let after = s.sandbox.stats();
        let requests = after.requests - before.requests;
        let refused = after.rate_limited - before.rate_limited;
        let ratio = report.elapsed_s / ideal;
        let share = refused as f64 / requests.max(1) as f64;
        let once = (report.records, report.checksum) == reference;
        eprintln!(
            "  {:.2} s ({}), {refused} of {requests} requests 429",
            report.elapsed_s,
            times(ratio)
        );
        times_s.push(format!("{:.2}", report.elapsed_s));
        worst = worst.max(ratio);
        worst_share = worst_share.max(share);
        all_once &= once;
        met &= once && ratio <= 1.3 && share < 0.05;
        refused_all += refused;
        requests_all += requests;
    }
    Ok(Row {
        target: format!(
            "`--rate-limit {rps}`, {} records, {runs} runs in a row: each reads every record once, ≤ 1.3× {ideal:.1} s, < 5% answered 429",
            report::thousands(n as f64)
        ),
        measured: format!(
            "slowest {} (runs: {} s); {refused_all} of {requests_all} requests 429 in all, at most {:.1}% in a run{}",
            times(worst),
            times_s.join(", "),
            worst_share * 100.0,
            if all_once {
                "; each record once"
            } else {
                "; **not each once**"
            }
        ),
        met,
    })
}

/// The rows as a table of targets.
pub fn table(rows: &[Row]) -> String {
    let mut t = Table::new([
        "target (ratios of one run, default settings)",
        "measured",
        "",
    ]);
    for r in rows {
        t.row([
            r.target.clone(),
            r.measured.clone(),
            verdict(r.met).to_owned(),
        ]);
    }
    t.markdown()
}

/// The section of docs/benchmarks.md.
pub fn section(rows: &[Row], repeat: usize, load: Option<(f64, f64, f64)>) -> String {
    format!(
        "## Throughput with the defaults\n\n\
         Every client as a user runs it, with no tuning flag: `l2l sync AREA --site 1 --out F`, \
         the typed `stream()` with a default `Client`, and the docs' Python `requests` loop \
         (offset paging, limit 2000). The sandbox runs in the harness; each client is a child \
         process; the median of {repeat} runs (for the rate-limited row, each of its runs in a row). \
         The rate-limited sandbox answers 429 with `Retry-After: 1` beyond its rate; \
         the Python loop stops at its first 429, so it has no row there.\n\n{}\n{}\n",
        table(rows),
        machine_note(load)
    )
}
