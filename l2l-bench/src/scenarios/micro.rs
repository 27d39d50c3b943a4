//! Scenarios 4 and 5: decoding a page of 2000 records (JSON and XML into the typed struct,
//! beside serde_json into `Value` and a hand-written envelope), and building the query
//! string of a query with 10 filters (typed, beside building the pairs by hand).
//!
//! The workloads are plain functions shared with the criterion benches
//! (`cargo bench -p l2l-bench`); the harness times them itself (median of samples) so
//! that they sit side by side in one run and one table.

use std::fmt::Write as _;
use std::hint::black_box;
use std::time::{Duration, Instant};

use l2l_areas::{DateTime, Machine, MachineField};
use l2l_core::Format;
use l2l_core::wire::{self as envelope, Envelope};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use super::machine_note;
use crate::clients::hand;
use crate::fixtures;
use crate::report::{self, Table};

/// Records in the decoded page.
pub const PAGE: u64 = 2000;

/// A JSON and an XML page of [`PAGE`] records of the benchmark area.
#[derive(Debug, Clone)]
pub struct Pages {
    /// The JSON answer.
    pub json: Vec<u8>,
    /// The XML answer (`format=xml`).
    pub xml: Vec<u8>,
}

impl Pages {
    /// Renders both pages.
    pub fn new() -> Pages {
        Pages {
            json: fixtures::page(fixtures::area(), Format::Json, 0, PAGE, PAGE),
            xml: fixtures::page(fixtures::area(), Format::Xml, 0, PAGE, PAGE),
        }
    }
}

impl Default for Pages {
    fn default() -> Pages {
        Pages::new()
    }
}

/// l2l: a JSON page into `Vec<Machine>` (`envelope::decode`, as `Client::list` does).
pub fn typed_json(body: &[u8]) -> usize {
    let env = envelope::decode::<Machine>(body, Format::Json, &[]).expect("decodes");
    env.data.map_or(0, |d| d.into_vec().len())
}

/// l2l: an XML page into `Vec<Machine>`.
pub fn typed_xml(body: &[u8]) -> usize {
    let env = envelope::decode::<Machine>(body, Format::Xml, &[]).expect("decodes");
    env.data.map_or(0, |d| d.into_vec().len())
}

/// l2l's `Envelope<Machine>` through plain `serde_json::from_slice`, without the path
/// tracking `envelope::decode` adds (a diagnostic).
pub fn envelope_plain_json(body: &[u8]) -> usize {
    let env: Envelope<Machine> = serde_json::from_slice(body).expect("decodes");
    env.data.map_or(0, |d| d.into_vec().len())
}

/// By hand: `serde_json::from_slice` into a hand-written envelope of `Vec<Machine>`.
pub fn hand_json(body: &[u8]) -> usize {
    let env: hand::Envelope = serde_json::from_slice(body).expect("decodes");
    env.data.len()
}

/// The same hand-written envelope through sonic-rs (SIMD JSON), the candidate faster
/// decoder.
pub fn hand_sonic(body: &[u8]) -> usize {
    let env: hand::Envelope = sonic_rs::from_slice(body).expect("decodes");
    env.data.len()
}

/// Untyped: `serde_json::from_slice::<serde_json::Value>`.
pub fn value_json(body: &[u8]) -> usize {
    let v: serde_json::Value = serde_json::from_slice(body).expect("decodes");
    v["data"].as_array().map_or(0, Vec::len)
}

fn dt(s: &str) -> DateTime {
    s.parse().expect("a datetime")
}

/// The typed query of 10 filters (besides the site) that both builders write.
pub fn typed_query() -> l2l_areas::MachineQuery {
    Machine::query(1)
        .code_gte("WLD 0001")
        .code_lt("WLD 9999")
        .description_isnull(false)
        .costcentercode_eq("CC-100")
        .externalid_isnull(false)
        .cyclecount_gte(1000)
        .active_eq(true)
        .id_gt(5000)
        .lastupdated_gte(dt("2024-01-15T06:30:00"))
        .created_lt(dt("2024-02-01T00:00:00"))
        .order_by(MachineField::Id)
        .limit(2000)
}

/// Typed: build the query with its generated methods and render it.
pub fn typed_build_render() -> String {
    typed_query().to_query_string()
}

const QUERY: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// By hand: the same pairs pushed into a `Vec<(&str, String)>`, then percent-encoded.
pub fn hand_pairs() -> Vec<(&'static str, String)> {
    vec![
        ("site", 1.to_string()),
        ("code__gte", "WLD 0001".to_owned()),
        ("code__lt", "WLD 9999".to_owned()),
        ("description__isnull", "False".to_owned()),
        ("costcentercode", "CC-100".to_owned()),
        ("externalid__isnull", "False".to_owned()),
        ("cyclecount__gte", 1000.to_string()),
        ("active", "true".to_owned()),
        ("id__gt", 5000.to_string()),
        ("lastupdated__gte", "2024-01-15T06:30:00".to_owned()),
        ("created__lt", "2024-02-01T00:00:00".to_owned()),
        ("order_by", "id".to_owned()),
        ("limit", 2000.to_string()),
    ]
}

/// Percent-encodes pairs into `k=v&k=v`.
pub fn hand_render(pairs: &[(&str, String)]) -> String {
    let mut s = String::with_capacity(256);
    for (i, (k, v)) in pairs.iter().enumerate() {
        if i > 0 {
            s.push('&');
        }
        let _ = write!(
            s,
            "{}={}",
            utf8_percent_encode(k, QUERY),
            utf8_percent_encode(v, QUERY)
        );
    }
    s
}

/// By hand: build the pairs and render them.
pub fn hand_build_render() -> String {
    hand_render(&hand_pairs())
}

/// The median time of one call of `f`, over `samples` samples of at least `sample` each.
pub fn time<T>(mut f: impl FnMut() -> T, sample: Duration, samples: usize) -> Duration {
    // Calibrate: how many calls fill one sample.
    let mut iters = 1u64;
    loop {
        let t = Instant::now();
        for _ in 0..iters {
            black_box(f());
        }
        let e = t.elapsed();
        if e >= sample / 2 || iters >= 1 << 30 {
            let per = e.as_secs_f64() / iters as f64;
            iters = ((sample.as_secs_f64() / per.max(1e-12)) as u64).max(1);
            break;
        }
        iters *= 2;
    }
    let mut per: Vec<f64> = (0..samples.max(1))
        .map(|_| {
            let t = Instant::now();
            for _ in 0..iters {
                black_box(f());
            }
            t.elapsed().as_secs_f64() / iters as f64
        })
        .collect();
    Duration::from_secs_f64(crate::measure::median(&mut per))
}

/// Decoding figures: `(label, seconds per page)`.
pub fn measure_decode(sample: Duration, samples: usize) -> Vec<(&'static str, f64)> {
    let p = Pages::new();
    assert_eq!(typed_json(&p.json), PAGE as usize);
    assert_eq!(typed_xml(&p.xml), PAGE as usize);
    assert_eq!(hand_json(&p.json), PAGE as usize);
    assert_eq!(value_json(&p.json), PAGE as usize);
    assert_eq!(hand_sonic(&p.json), PAGE as usize);
    vec![
        (
            "l2l JSON → `Vec<Machine>`",
            time(|| typed_json(&p.json), sample, samples).as_secs_f64(),
        ),
        (
            "l2l XML → `Vec<Machine>`",
            time(|| typed_xml(&p.xml), sample, samples).as_secs_f64(),
        ),
        (
            "serde_json → hand-written envelope of `Vec<Machine>`",
            time(|| hand_json(&p.json), sample, samples).as_secs_f64(),
        ),
        (
            "sonic-rs → the same hand-written envelope (SIMD JSON)",
            time(|| hand_sonic(&p.json), sample, samples).as_secs_f64(),
        ),
        (
            "serde_json → `serde_json::Value`",
            time(|| value_json(&p.json), sample, samples).as_secs_f64(),
        ),
        (
            "serde_json → l2l `Envelope<Machine>`, no path tracking (diagnostic)",
            time(|| envelope_plain_json(&p.json), sample, samples).as_secs_f64(),
        ),
    ]
}

/// Request-building figures: `(label, seconds per query)`.
pub fn measure_query(sample: Duration, samples: usize) -> Vec<(&'static str, f64)> {
    assert_eq!(typed_build_render(), hand_build_render());
    let q = typed_query();
    let pairs = hand_pairs();
    vec![
        (
            "typed: build with generated methods + `to_query_string()`",
            time(typed_build_render, sample, samples).as_secs_f64(),
        ),
        (
            "by hand: push the pairs + percent-encode",
            time(hand_build_render, sample, samples).as_secs_f64(),
        ),
        (
            "typed: `to_query_string()` of a built query",
            time(|| q.to_query_string(), sample, samples).as_secs_f64(),
        ),
        (
            "by hand: percent-encode built pairs",
            time(|| hand_render(&pairs), sample, samples).as_secs_f64(),
        ),
    ]
}

/// The decoding section.
pub fn decode_section(
    results: &[(&str, f64)],
    samples: usize,
    load: Option<(f64, f64, f64)>,
) -> String {
    let p = Pages::new();
    let hand = results
        .iter()
        .find(|(l, _)| l.contains("hand-written"))
        .map_or(f64::NAN, |(_, s)| *s);
    let mut t = Table::new(["decoder", "ms per page", "records/s", "vs hand-written"]);
    for (label, secs) in results {
        t.row([
            (*label).to_owned(),
            report::fixed(secs * 1e3, 2),
            report::thousands(PAGE as f64 / secs),
            report::times(secs / hand),
        ]);
    }
    let mut s = String::new();
    let _ = writeln!(s, "## 4. Decoding\n");
    let _ = writeln!(
        s,
        "`cargo run --release -p l2l-bench -- decode` (and `cargo bench -p l2l-bench --bench \
         decode` for criterion's statistics) · one page of {PAGE} `machines` records: JSON \
         {} KiB, XML {} KiB, as the sandbox renders them; median of {samples} samples. {}\n",
        p.json.len() / 1024,
        p.xml.len() / 1024,
        machine_note(load)
    );
    let _ = writeln!(s, "{}", t.markdown());
    s
}

/// The request-building section.
pub fn query_section(
    results: &[(&str, f64)],
    samples: usize,
    load: Option<(f64, f64, f64)>,
) -> String {
    let mut t = Table::new(["builder", "ns per query", "queries/s"]);
    for (label, secs) in results {
        t.row([
            (*label).to_owned(),
            report::thousands(secs * 1e9),
            report::thousands(1.0 / secs),
        ]);
    }
    let typed = results.first().map_or(f64::NAN, |r| r.1);
    let hand = results.get(1).map_or(f64::NAN, |r| r.1);
    let mut s = String::new();
    let _ = writeln!(s, "## 5. Request building\n");
    let _ = writeln!(
        s,
        "`cargo run --release -p l2l-bench -- query` (and `cargo bench -p l2l-bench --bench \
         query`) · a `machines` query of the site, 10 filters, an ordering and a page size: \
         `{}`; median of {samples} samples. {}\n",
        typed_build_render(),
        machine_note(load)
    );
    let _ = writeln!(s, "{}", t.markdown());
    let _ = writeln!(
        s,
        "Building with the generated methods and rendering takes {} the time of doing it by \
         hand (no target is set; either is far below the time of one request).",
        report::times(typed / hand)
    );
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_decoder_reads_the_whole_page() {
        let p = Pages::new();
        assert_eq!(typed_json(&p.json), 2000);
        assert_eq!(typed_xml(&p.xml), 2000);
        assert_eq!(hand_json(&p.json), 2000);
        assert_eq!(value_json(&p.json), 2000);
        assert_eq!(envelope_plain_json(&p.json), 2000);
    }

    #[test]
    fn both_builders_write_the_same_query() {
        assert_eq!(typed_build_render(), hand_build_render());
        assert!(typed_build_render().contains("code__gte=WLD%200001"));
    }

    #[test]
    fn timing_returns_a_positive_duration() {
        let d = time(|| (0..100u64).sum::<u64>(), Duration::from_millis(2), 3);
        assert!(d > Duration::ZERO && d < Duration::from_millis(2));
    }
}
