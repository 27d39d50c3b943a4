//! Scenario 2: peak RSS while streaming 1,000,000 records stays flat; `all()` beside
//! `stream()`.

use std::fmt::Write as _;

use super::{Ctx, Summary, machine_note, run_clients, verdict};
use crate::clients::{Kind as Client, Target};
use crate::report::{self, Bar, Group, Table};
use crate::servers::{Kind as ServerKind, Server};

/// Per record count, each client's summary.
pub type Results = Vec<(u64, Vec<(Client, Summary)>)>;

/// Runs `stream()`, `all()` and the hand-written loop at each size against the in-memory
/// server and returns `(size, [(client, summary)])`.
pub fn measure(ctx: &Ctx, sizes: &[u64]) -> Result<Results, String> {
    let clients = [Client::Typed, Client::TypedAll, Client::Hand];
    let mut out = Vec::new();
    for &size in sizes {
        eprintln!("memory: {size} records, in-memory server");
        let server = Server::start(ServerKind::Memory, size, 0)?;
        let t = Target {
            base: server.base_url.clone(),
            key: server.api_key.clone(),
            site: 1,
            limit: 2000,
            sink_ms: 0,
            depth: 4,
        };
        let s = run_clients(&clients, &t, ctx, size)?;
        out.push((size, clients.iter().copied().zip(s).collect()));
    }
    Ok(out)
}

/// The section.
pub fn section(
    ctx: &Ctx,
    results: &Results,
    load: Option<(f64, f64, f64)>,
) -> Result<String, String> {
    let mut t = Table::new(["client", "records", "peak RSS MiB", "records/s"]);
    for (size, rs) in results {
        for (c, s) in rs {
            t.row([
                c.label().to_owned(),
                report::thousands(*size as f64),
                report::mib(s.max_rss),
                report::thousands(s.rps),
            ]);
        }
    }
    let rss = |client: Client, size: u64| {
        results
            .iter()
            .find(|(n, _)| *n == size)
            .and_then(|(_, rs)| rs.iter().find(|(c, _)| *c == client))
            .map(|(_, s)| s.max_rss as f64)
    };
    let sizes: Vec<u64> = results.iter().map(|(n, _)| *n).collect();
    let mut tt = Table::new(["target", "measured", "verdict"]);
    if let (Some(&small), Some(&big)) = (sizes.iter().min(), sizes.iter().max())
        && big > small
    {
        for client in [Client::Typed, Client::Hand, Client::TypedAll] {
            if let (Some(a), Some(b)) = (rss(client, small), rss(client, big)) {
                let r = b / a;
                let judged = client == Client::Typed;
                tt.row([
                    format!(
                        "{}: peak RSS at {} ÷ at {}{}",
                        client.label(),
                        report::thousands(big as f64),
                        report::thousands(small as f64),
                        if judged { " ≤ 1.10× (flat)" } else { "" }
                    ),
                    report::times(r),
                    if judged {
                        verdict(r <= 1.10).to_owned()
                    } else {
                        "(reference)".to_owned()
                    },
                ]);
            }
        }
    }
    let groups: Vec<Group> = results
        .iter()
        .map(|(size, rs)| Group {
            title: format!("{} records", report::thousands(*size as f64)),
            bars: rs
                .iter()
                .map(|(c, s)| Bar {
                    label: c.label().to_owned(),
                    value: s.max_rss as f64,
                    text: format!("{} MiB", report::mib(s.max_rss)),
                })
                .collect(),
        })
        .collect();
    let svg = report::bar_chart(
        "Peak RSS of the client while reading a whole area",
        "MiB, lower is better",
        &groups,
        false,
    );
    let svg_name = ctx
        .write_svg("bench-memory.svg", &svg)
        .map_err(|e| e.to_string())?;
    let mut s = String::new();
    let _ = writeln!(s, "## 2. Memory\n");
    let _ = writeln!(
        s,
        "`cargo run --release -p l2l-bench -- memory` · the in-memory server, page size 2000, \
         median of {} runs. {}\n",
        ctx.repeat,
        machine_note(load)
    );
    let _ = writeln!(s, "{}", t.markdown());
    let _ = writeln!(s, "![peak RSS]({svg_name})\n");
    let _ = writeln!(s, "### Targets\n\n{}", tt.markdown());
    let _ = writeln!(
        s,
        "Peak RSS is the client child's `ru_maxrss`. `stream()` holds at most the page being \
         read and the one prefetched; `all()` holds every record, so it grows with the area."
    );
    Ok(s)
}
