//! `l2l-bench`: runs the benchmarks of the l2l workspace and writes `docs/benchmarks.md`.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Parser, Subcommand};
use l2l_bench::clients::{self, Target};
use l2l_bench::measure::loadavg;
use l2l_bench::report::write_section;
use l2l_bench::scenarios::{
    Ctx, compile, list_memory, live_cost, memory, micro, prefetch, sync, sync_db, throughput,
};
use l2l_bench::servers;

/// Benchmarks of l2l against what integrators would use instead, measured side by side.
#[derive(Debug, Parser)]
#[command(name = "l2l-bench")]
struct Cli {
    /// The markdown file the sections are written into (SVG plots go beside it).
    #[arg(long, global = true, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Runs of each client (the median is reported).
    #[arg(long, global = true, default_value_t = 3)]
    repeat: usize,
    /// What to run.
    #[command(subcommand)]
    command: Scenario,
}

#[derive(Debug, Subcommand)]
enum Scenario {
    /// 1. Sync throughput: every client against both servers at each size.
    Sync {
        /// Record counts (comma-separated).
        #[arg(long, value_delimiter = ',', default_values_t = [100_000u64, 1_000_000])]
        sizes: Vec<u64>,
        /// Servers (comma-separated).
        #[arg(long, value_enum, value_delimiter = ',', default_values_t = [servers::Kind::Memory, servers::Kind::Sandbox])]
        servers: Vec<servers::Kind>,
        /// Clients (comma-separated).
        #[arg(long, value_enum, value_delimiter = ',', default_values_t = [clients::Kind::Typed, clients::Kind::Hand, clients::Kind::Python, clients::Kind::Download, clients::Kind::DownloadOffset, clients::Kind::Cli])]
        clients: Vec<clients::Kind>,
    },
    /// 2. Memory: peak RSS of `stream()` and `all()` at each size.
    Memory {
        /// Record counts (comma-separated).
        #[arg(long, value_delimiter = ',', default_values_t = [100_000u64, 1_000_000])]
        sizes: Vec<u64>,
    },
    /// 3. Prefetch: `stream()` beside a `page()` loop with a delay on every page.
    Prefetch {
        /// Records in the area.
        #[arg(long, default_value_t = 100_000)]
        records: u64,
        /// Milliseconds the server adds to every page.
        #[arg(long, default_value_t = 20)]
        delay_ms: u64,
        /// Consumer time per page, in milliseconds (comma-separated; one row each).
        #[arg(long, value_delimiter = ',', default_values_t = [0u64, 10, 20])]
        sink_ms: Vec<u64>,
        /// Pages in flight for the offset-paging stream.
        #[arg(long, default_value_t = 4)]
        depth: usize,
    },
    /// 4. Decoding a page of 2000 records.
    Decode {
        /// Samples per decoder.
        #[arg(long, default_value_t = 15)]
        samples: usize,
    },
    /// 5. Request building: a query of 10 filters.
    Query {
        /// Samples per builder.
        #[arg(long, default_value_t = 15)]
        samples: usize,
    },
    /// 6. Compile time of l2l-areas and of a generated user crate; expanded lines per field.
    Compile {
        /// Also time the fully clean build (every dependency from scratch; minutes).
        #[arg(long)]
        full: bool,
        /// Areas in the generated crate.
        #[arg(long, default_value_t = 30)]
        areas: usize,
        /// Fields per area.
        #[arg(long, default_value_t = 20)]
        fields: usize,
    },
    /// 7. Throughput with the defaults: `l2l sync` and `stream()` against a fast, a distant and
    ///    a rate-limited sandbox, beside the docs' Python loop. Also writes README's summary.
    Throughput {
        /// Record counts of the fast sandbox (comma-separated).
        #[arg(long, value_delimiter = ',', default_values_t = [1_000_000u64, 100_000])]
        sizes: Vec<u64>,
        /// Records of the distant and the rate-limited sandbox.
        #[arg(long, default_value_t = 200_000)]
        records: u64,
        /// Records of the in-memory server.
        #[arg(long, default_value_t = 1_000_000)]
        memory: u64,
        /// Runs in a row against the rate-limited sandbox.
        #[arg(long, default_value_t = 10)]
        rate_limit_runs: usize,
        /// Only these rows, printed (README and docs/benchmarks.md are left as they are).
        #[arg(long, value_enum)]
        only: Option<throughput::Only>,
    },
    /// 8. `l2l sync` into SQLite and PostgreSQL beside JSON Lines and a Python peer.
    SyncDb(sync_db::Opts),
    /// 9. Peak RSS of `l2l list` in each output format.
    ListMemory(list_memory::Opts),
    /// 13. The CPU of a sandbox running its plant live (`--live`), beside an idle one.
    LiveCost(live_cost::Opts),
    /// Every scenario with its defaults (compile with --full).
    All,
    /// (internal) Serves records for the clients.
    #[command(hide = true)]
    Serve {
        /// Which server.
        #[arg(value_enum)]
        kind: servers::Kind,
        /// Records of the area.
        #[arg(long)]
        records: u64,
        /// Milliseconds added to every page (in-memory server only).
        #[arg(long, default_value_t = 0)]
        delay_ms: u64,
        /// The port (0: any free one).
        #[arg(long, default_value_t = 0)]
        port: u16,
    },
    /// (internal) Runs one Rust client and prints its report.
    #[command(hide = true)]
    Client {
        /// Which client.
        #[arg(value_enum)]
        kind: clients::Kind,
        /// Where it reads.
        #[command(flatten)]
        target: Target,
    },
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(PathBuf::from)
        .unwrap_or_default()
}

fn main() {
    let cli = Cli::parse();
    if let Err(e) = run(cli) {
        eprintln!("l2l-bench: {e}");
        std::process::exit(1);
    }
}

fn run(cli: Cli) -> Result<(), String> {
    let out = cli
        .out
        .clone()
        .unwrap_or_else(|| root().join("docs/benchmarks.md"));
    let docs = out.parent().map(PathBuf::from).unwrap_or_default();
    let ctx = || Ctx::new(docs.clone(), cli.repeat).map_err(|e| e.to_string());
    let write = |name: &str, text: &str| {
        write_section(&out, name, text).map_err(|e| e.to_string())?;
        eprintln!("wrote section {name} of {}", out.display());
        Ok::<(), String>(())
    };
    match cli.command {
        Scenario::Serve {
            kind,
            records,
            delay_ms,
            port,
        } => servers::serve(kind, records, delay_ms, port),
        Scenario::Client { kind, target } => {
            let r = clients::run(kind, &target)?;
            println!("{}", serde_json::to_string(&r).map_err(|e| e.to_string())?);
            Ok(())
        }
        Scenario::Sync {
            sizes,
            servers,
            clients,
        } => {
            let opts = sync::Opts {
                sizes,
                servers,
                clients,
                ..sync::Opts::default()
            };
            run_sync(&ctx()?, &opts).and_then(|s| write("sync", &s))
        }
        Scenario::Memory { sizes } => run_memory(&ctx()?, &sizes).and_then(|s| write("memory", &s)),
        Scenario::Prefetch {
            records,
            delay_ms,
            sink_ms,
            depth,
        } => {
            let opts = prefetch::Opts {
                records,
                delay_ms,
                sinks_ms: sink_ms,
                depth,
            };
            run_prefetch(&ctx()?, &opts).and_then(|s| write("prefetch", &s))
        }
        Scenario::SyncDb(o) => sync_db::run(&ctx()?, &o).and_then(|s| write("sync_db", &s)),
        Scenario::LiveCost(o) => live_cost::run(&ctx()?, &o).and_then(|s| write("live_cost", &s)),
        Scenario::ListMemory(o) => {
            list_memory::run(&ctx()?, &o).and_then(|s| write("list_memory", &s))
        }
        Scenario::Decode { samples } => write("decode", &run_decode(samples)),
        Scenario::Query { samples } => write("query", &run_query(samples)),
        Scenario::Compile {
            full,
            areas,
            fields,
        } => {
            let opts = compile::Opts {
                root: root(),
                areas,
                fields,
                full,
            };
            compile::run_all(&opts, loadavg()).and_then(|s| write("compile", &s))
        }
        Scenario::Throughput {
            sizes,
            records,
            memory,
            rate_limit_runs,
            only,
        } => {
            let d = throughput::Opts::default();
            let opts = throughput::Opts {
                sizes,
                latency: (records, d.latency.1),
                rate_limit: (records, d.rate_limit.1),
                rate_limit_runs,
                only,
                memory,
                ..d
            };
            if only.is_some() {
                let rows = throughput::measure(&ctx()?, &opts)?;
                println!("{}", throughput::table(&rows));
                return Ok(());
            }
            run_throughput(&ctx()?, &opts, &write)
        }
        Scenario::All => {
            let c = ctx()?;
            run_throughput(&c, &throughput::Opts::default(), &write)?;
            write("sync", &run_sync(&c, &sync::Opts::default())?)?;
            write("memory", &run_memory(&c, &[100_000, 1_000_000])?)?;
            write("prefetch", &run_prefetch(&c, &prefetch::Opts::default())?)?;
            write("decode", &run_decode(15))?;
            write("query", &run_query(15))?;
            let opts = compile::Opts {
                root: root(),
                areas: 30,
                fields: 20,
                full: true,
            };
            write("compile", &compile::run_all(&opts, loadavg())?)
        }
    }
}

/// Runs the throughput targets; writes their section and README's summary.
fn run_throughput(
    ctx: &Ctx,
    opts: &throughput::Opts,
    write: &dyn Fn(&str, &str) -> Result<(), String>,
) -> Result<(), String> {
    let load = loadavg();
    let rows = throughput::measure(ctx, opts)?;
    write("throughput", &throughput::section(&rows, ctx.repeat, load))?;
    let summary = format!(
        "{}
Written by `l2l-bench throughput` from the run in [docs/benchmarks.md](docs/benchmarks.md), \
         which has every figure and how it is measured.",
        throughput::table(&rows)
    );
    write_section(&root().join("README.md"), "summary", &summary).map_err(|e| e.to_string())
}

fn run_sync(ctx: &Ctx, opts: &sync::Opts) -> Result<String, String> {
    let load = loadavg();
    let cells = sync::measure(ctx, opts)?;
    sync::section(ctx, opts, &cells, load)
}

fn run_memory(ctx: &Ctx, sizes: &[u64]) -> Result<String, String> {
    let load = loadavg();
    let r = memory::measure(ctx, sizes)?;
    memory::section(ctx, &r, load)
}

fn run_prefetch(ctx: &Ctx, opts: &prefetch::Opts) -> Result<String, String> {
    let load = loadavg();
    let r = prefetch::measure(ctx, opts)?;
    Ok(prefetch::section(opts, &r, ctx.repeat, load))
}

fn run_decode(samples: usize) -> String {
    let load = loadavg();
    eprintln!("decode: {samples} samples per decoder");
    let r = micro::measure_decode(Duration::from_millis(100), samples);
    micro::decode_section(&r, samples, load)
}

fn run_query(samples: usize) -> String {
    let load = loadavg();
    eprintln!("query: {samples} samples per builder");
    let r = micro::measure_query(Duration::from_millis(50), samples);
    micro::query_section(&r, samples, load)
}
