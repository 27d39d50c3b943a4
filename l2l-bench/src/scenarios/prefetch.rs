//! Scenario 3: the prefetching `stream()` beside sequential paging (a loop of `page()`
//! calls) against the in-memory server with a delay added to every page.

use std::fmt::Write as _;

use super::{Ctx, Summary, machine_note, run_clients, verdict};
use crate::clients::{Kind as Client, Target};
use crate::report::{self, Table};
use crate::servers::{Kind as ServerKind, Server};

/// What to run.
#[derive(Debug, Clone)]
pub struct Opts {
    /// Records in the area.
    pub records: u64,
    /// Milliseconds added to every page by the server.
    pub delay_ms: u64,
    /// Milliseconds the consumer spends on each page (an awaited sink), one row each.
    pub sinks_ms: Vec<u64>,
    /// Pages in flight for the offset-paging stream (`prefetch(depth)`).
    pub depth: usize,
}

impl Default for Opts {
    fn default() -> Opts {
        Opts {
            records: 100_000,
            delay_ms: 20,
            sinks_ms: vec![0, 10, 20],
            depth: 4,
        }
    }
}

/// The figures of one consumer time.
#[derive(Debug, Clone, Default)]
pub struct Row {
    /// Consumer time per page, in milliseconds.
    pub sink_ms: u64,
    /// The keyset `stream()` (one page ahead).
    pub stream: Summary,
    /// The sequential `page()` loop.
    pub pages: Summary,
    /// The offset `stream()` with `prefetch(depth)`.
    pub offset: Summary,
}

/// Runs the three clients for each consumer time.
pub fn measure(ctx: &Ctx, opts: &Opts) -> Result<Vec<Row>, String> {
    eprintln!(
        "prefetch: {} records, {} ms per page",
        opts.records, opts.delay_ms
    );
    let server = Server::start(ServerKind::Memory, opts.records, opts.delay_ms)?;
    let mut out = Vec::new();
    for &sink in &opts.sinks_ms {
        let t = Target {
            base: server.base_url.clone(),
            key: server.api_key.clone(),
            site: 1,
            limit: 2000,
            sink_ms: sink,
            depth: opts.depth,
        };
        let mut s = run_clients(
            &[Client::Typed, Client::TypedPages, Client::TypedOffset],
            &t,
            ctx,
            opts.records,
        )?;
        let offset = s.pop().unwrap_or_default();
        let pages = s.pop().unwrap_or_default();
        let stream = s.pop().unwrap_or_default();
        out.push(Row {
            sink_ms: sink,
            stream,
            pages,
            offset,
        });
    }
    Ok(out)
}

/// The section.
pub fn section(
    opts: &Opts,
    results: &[Row],
    repeat: usize,
    load: Option<(f64, f64, f64)>,
) -> String {
    let pages = opts.records.div_ceil(2000) + u64::from(opts.records.is_multiple_of(2000));
    let offset_label = format!("offset `stream()`, `prefetch({})`", opts.depth);
    let mut t = Table::new([
        "consumer time per page".to_owned(),
        "sequential `page()` loop, s".to_owned(),
        "keyset `stream()`, s".to_owned(),
        "speedup".to_owned(),
        "target ≥ 1.5×".to_owned(),
        format!("{offset_label}, s"),
        "speedup".to_owned(),
        "target ≥ 1.5×".to_owned(),
    ]);
    for row in results {
        let seq = row.pages.elapsed_s;
        let a = seq / row.stream.elapsed_s.max(1e-9);
        let b = seq / row.offset.elapsed_s.max(1e-9);
        t.row([
            format!("{} ms", row.sink_ms),
            report::fixed(seq, 2),
            report::fixed(row.stream.elapsed_s, 2),
            report::times(a),
            verdict(a >= 1.5).to_owned(),
            report::fixed(row.offset.elapsed_s, 2),
            report::times(b),
            verdict(b >= 1.5).to_owned(),
        ]);
    }
    let same = results.iter().all(|r| {
        [&r.pages, &r.offset]
            .iter()
            .all(|o| o.records == r.stream.records && o.checksum == r.stream.checksum)
    });
    let mut s = String::new();
    let _ = writeln!(s, "## 3. Prefetch\n");
    let _ = writeln!(
        s,
        "`cargo run --release -p l2l-bench -- prefetch` · {} records in {} requests of 2000, \
         the in-memory server adding {} ms to every page, median of {} runs. {}\n",
        report::thousands(opts.records as f64),
        pages,
        opts.delay_ms,
        repeat,
        machine_note(load)
    );
    let _ = writeln!(s, "{}", t.markdown());
    let _ = writeln!(
        s,
        "{} The consumer awaits a sink for the given time after each page's records (as a \
         database write would). `stream()` asks for page k+1 before the consumer has read \
         page k; the `page()` loop asks only when the consumer is done with it. With keyset \
         paging the request for page k+1 needs page k's last id, so at most one page is in \
         flight ahead: prefetching hides the consumer's own time (and the decoding, where the \
         next key is read before the page is decoded), never the server's {} ms, so a \
         consumer that spends nothing on a page gains little. Offset paging knows where every \
         page starts, so `prefetch(n)` keeps n pages in flight and the server's delays \
         overlap each other.",
        if same {
            "Every client read the same records (count and sum of ids)."
        } else {
            "**The clients did not all read the same records.**"
        },
        opts.delay_ms
    );
    s
}
