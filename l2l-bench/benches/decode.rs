//! Decoding one page of 2000 `machines` records: JSON and XML into the typed struct,
//! beside serde_json into a hand-written envelope and into `serde_json::Value`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use l2l_bench::scenarios::micro::{self, PAGE, Pages};

fn decode(c: &mut Criterion) {
    let p = Pages::new();
    let mut g = c.benchmark_group("decode_page_2000");
    g.throughput(Throughput::Elements(PAGE));
    g.bench_function("l2l_json_typed", |b| b.iter(|| micro::typed_json(&p.json)));
    g.bench_function("l2l_xml_typed", |b| b.iter(|| micro::typed_xml(&p.xml)));
    g.bench_function("serde_json_hand_envelope", |b| {
        b.iter(|| micro::hand_json(&p.json))
    });
    g.bench_function("serde_json_value", |b| {
        b.iter(|| micro::value_json(&p.json))
    });
    g.bench_function("serde_json_l2l_envelope_no_path", |b| {
        b.iter(|| micro::envelope_plain_json(&p.json))
    });
    g.finish();
}

criterion_group!(benches, decode);
criterion_main!(benches);
