//! Scenario 1: sync throughput of a whole area, per server, record count and client, with
//! the targets that compare them.

use std::fmt::Write as _;

use super::{Ctx, Summary, machine_note, run_clients, verdict};
use crate::clients::{self, Kind as Client, Target};
use crate::report::{self, Bar, Group, Table};
use crate::servers::{Kind as ServerKind, Server};

/// What to run.
#[derive(Debug, Clone)]
pub struct Opts {
    /// Record counts.
    pub sizes: Vec<u64>,
    /// Servers.
    pub servers: Vec<ServerKind>,
    /// Clients.
    pub clients: Vec<Client>,
    /// Page size.
    pub limit: u32,
}

impl Default for Opts {
    fn default() -> Opts {
        Opts {
            sizes: vec![100_000, 1_000_000],
            servers: vec![ServerKind::Memory, ServerKind::Sandbox],
            clients: vec![
                Client::Typed,
                Client::Hand,
                Client::Python,
                Client::Download,
                Client::DownloadOffset,
                Client::Cli,
            ],
            limit: 2000,
        }
    }
}

/// The results of one server at one size.
#[derive(Debug, Clone)]
pub struct Cell {
    /// The server.
    pub server: ServerKind,
    /// Records in the area.
    pub size: u64,
    /// Seconds the server took to build or seed its data.
    pub setup_s: f64,
    /// Per client, in the order of [`Opts::clients`].
    pub results: Vec<(Client, Summary)>,
}

impl Cell {
    /// The summary of `client`, if it ran.
    pub fn get(&self, client: Client) -> Option<&Summary> {
        self.results
            .iter()
            .find(|(c, _)| *c == client)
            .map(|(_, s)| s)
    }
}

/// Runs the measurements.
pub fn measure(ctx: &Ctx, opts: &Opts) -> Result<Vec<Cell>, String> {
    let mut clients = opts.clients.clone();
    if clients.contains(&Client::Python) && !clients::python::available() {
        eprintln!("python3 with requests not found: the Python loop is skipped");
        clients.retain(|c| *c != Client::Python);
    }
    if clients.contains(&Client::Cli)
        && !(clients::cli::build() && clients::cli::binary().is_some())
    {
        eprintln!("the l2l binary does not build: `l2l sync` is skipped");
        clients.retain(|c| *c != Client::Cli);
    }
    let mut cells = Vec::new();
    for &size in &opts.sizes {
        for &server_kind in &opts.servers {
            eprintln!("sync: {} records, {} server", size, server_kind.label());
            let server = Server::start(server_kind, size, 0)?;
            eprintln!("  server ready in {:.1}s", server.setup_s);
            let t = Target {
                base: server.base_url.clone(),
                key: server.api_key.clone(),
                site: 1,
                limit: opts.limit,
                sink_ms: 0,
                depth: 4,
            };
            let summaries = run_clients(&clients, &t, ctx, size)?;
            cells.push(Cell {
                server: server_kind,
                size,
                setup_s: server.setup_s,
                results: clients.iter().copied().zip(summaries).collect(),
            });
        }
    }
    Ok(cells)
}

fn ratio(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    match (a, b) {
        (Some(a), Some(b)) if b > 0.0 => Some(a / b),
        _ => None,
    }
}

/// The section: the table, the plot and the targets.
pub fn section(
    ctx: &Ctx,
    opts: &Opts,
    cells: &[Cell],
    load: Option<(f64, f64, f64)>,
) -> Result<String, String> {
    let mut t = Table::new([
        "server",
        "records",
        "client",
        "paging",
        "records/s",
        "CPU µs/record",
        "peak RSS MiB",
        "seconds",
    ]);
    let mut warnings = Vec::new();
    for c in cells {
        let reference = c.get(Client::Typed).or_else(|| c.get(Client::Hand));
        for (client, s) in &c.results {
            t.row([
                c.server.label().to_owned(),
                report::thousands(c.size as f64),
                client.label().to_owned(),
                client.paging().to_owned(),
                report::thousands(s.rps),
                report::fixed(s.cpu_us_per_record, 2),
                report::mib(s.max_rss),
                report::fixed(s.elapsed_s, 2),
            ]);
            if let Some(r) = reference
                && !matches!(client, Client::Download | Client::DownloadOffset)
                && (s.records != r.records || s.checksum != r.checksum)
            {
                warnings.push(format!(
                    "{} on {} at {}: {} records (id sum {}), `stream()` read {} (id sum {})",
                    client.label(),
                    c.server.label(),
                    c.size,
                    s.records,
                    s.checksum,
                    r.records,
                    r.checksum
                ));
            }
        }
    }

    // Targets.
    let mut tt = Table::new(["target", "server", "records", "measured", "verdict"]);
    for c in cells {
        if let Some(r) = ratio(
            c.get(Client::Typed).map(|s| s.cpu_us_per_record),
            c.get(Client::Hand).map(|s| s.cpu_us_per_record),
        ) {
            tt.row([
                "`stream()` CPU/record ≤ 1.10× the hand-written loop's".to_owned(),
                c.server.label().to_owned(),
                report::thousands(c.size as f64),
                report::times(r),
                verdict(r <= 1.10).to_owned(),
            ]);
        }
    }
    for c in cells {
        if let Some(r) = ratio(
            c.get(Client::Cli).map(|s| s.elapsed_s),
            c.get(Client::Download).map(|s| s.elapsed_s),
        ) {
            let judged = c.server == ServerKind::Sandbox;
            tt.row([
                "`l2l sync` time ≤ 1.2× downloading the same pages".to_owned(),
                c.server.label().to_owned(),
                report::thousands(c.size as f64),
                report::times(r),
                if judged {
                    verdict(r <= 1.2).to_owned()
                } else {
                    "(no server cost to hide behind; shown for reference)".to_owned()
                },
            ]);
        }
    }
    for c in cells.iter().filter(|c| c.server == ServerKind::Sandbox) {
        if let Some(r) = ratio(
            c.get(Client::Typed).map(|s| s.rps),
            c.get(Client::Python).map(|s| s.rps),
        ) {
            let want = if c.size >= 1_000_000 { 10.0 } else { 3.0 };
            tt.row([
                format!("`stream()` ≥ {want}× the records/s of the docs' Python loop"),
                c.server.label().to_owned(),
                report::thousands(c.size as f64),
                report::times(r),
                verdict(r >= want).to_owned(),
            ]);
        }
    }
    for c in cells.iter().filter(|c| c.server == ServerKind::Sandbox) {
        if let Some(r) = ratio(
            c.get(Client::Download).map(|s| s.rps),
            c.get(Client::Python).map(|s| s.rps),
        ) {
            tt.row([
                "bound: download-only records/s ÷ the docs' Python loop's (no client can pass it)"
                    .to_owned(),
                c.server.label().to_owned(),
                report::thousands(c.size as f64),
                report::times(r),
                "—".to_owned(),
            ]);
        }
    }
    for c in cells.iter().filter(|c| c.server == ServerKind::Memory) {
        if let Some(r) = ratio(
            c.get(Client::Typed).map(|s| s.rps),
            c.get(Client::Python).map(|s| s.rps),
        ) {
            tt.row([
                "`stream()` records/s ÷ the docs' Python loop's (for reference)".to_owned(),
                c.server.label().to_owned(),
                report::thousands(c.size as f64),
                report::times(r),
                "—".to_owned(),
            ]);
        }
    }

    // Plot: records/s, one group per server and size.
    let groups: Vec<Group> = cells
        .iter()
        .map(|c| Group {
            title: format!(
                "{} server, {} records",
                c.server.label(),
                report::thousands(c.size as f64)
            ),
            bars: c
                .results
                .iter()
                .filter(|(k, _)| !matches!(k, Client::Download | Client::DownloadOffset))
                .map(|(k, s)| Bar {
                    label: k.label().to_owned(),
                    value: s.rps,
                    text: format!("{} rec/s", report::thousands(s.rps)),
                })
                .collect(),
        })
        .collect();
    let svg = report::bar_chart(
        "Sync throughput of a whole area (page size 2000)",
        "records per second, higher is better",
        &groups,
        false,
    );
    let svg_name = ctx
        .write_svg("bench-sync.svg", &svg)
        .map_err(|e| e.to_string())?;

    let mut s = String::new();
    let _ = writeln!(s, "## 1. Sync throughput\n");
    let _ = writeln!(
        s,
        "`cargo run --release -p l2l-bench -- sync` · every record of the `{}` area ({} fields), \
         page size {}, median of {} runs per client. {}\n",
        crate::fixtures::area().path,
        crate::fixtures::area()
            .fields
            .iter()
            .filter(|f| !f.write_only)
            .count(),
        opts.limit,
        ctx.repeat,
        machine_note(load)
    );
    let _ = writeln!(s, "{}", t.markdown());
    let _ = writeln!(s, "![records per second]({svg_name})\n");
    let _ = writeln!(s, "### Targets\n\n{}", tt.markdown());
    let setup: Vec<String> = cells
        .iter()
        .map(|c| {
            format!(
                "{} at {}: {:.1} s",
                c.server.label(),
                report::thousands(c.size as f64),
                c.setup_s
            )
        })
        .collect();
    let _ = writeln!(
        s,
        "How it is measured: each client is a child process of the harness and the figures \
         are its own. *records/s* counts from the first request to the last record on the \
         client's clock (for `l2l sync`, the whole process, start-up included); *CPU \
         µs/record* is the child's user + system time from `wait4` divided by the records, \
         start-up included (for Python, the interpreter's too); *peak RSS* is `ru_maxrss`. \
         The in-memory server renders every record once at start and answers each page with \
         a zero-copy slice, so the client is the bottleneck; the sandbox is `l2l-sandbox` \
         (axum + SQLite, in memory) seeded with the records. l2l's `stream()` and the \
         hand-written loop use keyset paging (`order_by=id&id__gt=…`), the docs' Python loop \
         uses offset paging as the docs show it (`requests.get` without a session, every \
         record kept in a list). *Download only* fetches the keyset pages `stream()` reads \
         (or, *offset pages*, those the docs' loop reads) with `Client::send_raw` and throws \
         the bytes away: the server's own pace, the most any client can reach. The sandbox \
         also serves the machines of its demo plant (a few more records than the count). Setup (not measured): {}.\n",
        setup.join("; ")
    );
    if !warnings.is_empty() {
        let _ = writeln!(s, "Differences in what the clients read:\n");
        for w in warnings {
            let _ = writeln!(s, "- {w}");
        }
        let _ = writeln!(s);
    }
    Ok(s)
}
