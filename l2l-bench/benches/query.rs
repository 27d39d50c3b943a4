//! Building the query string of a `machines` query of 10 filters: typed, beside building
//! the pairs by hand.

use criterion::{Criterion, criterion_group, criterion_main};
use l2l_bench::scenarios::micro;

fn query(c: &mut Criterion) {
    let mut g = c.benchmark_group("query_10_filters");
    g.bench_function("typed_build_and_render", |b| {
        b.iter(micro::typed_build_render)
    });
    g.bench_function("hand_build_and_render", |b| {
        b.iter(micro::hand_build_render)
    });
    let q = micro::typed_query();
    g.bench_function("typed_render_only", |b| b.iter(|| q.to_query_string()));
    let pairs = micro::hand_pairs();
    g.bench_function("hand_render_only", |b| {
        b.iter(|| micro::hand_render(&pairs))
    });
    g.finish();
}

criterion_group!(benches, query);
criterion_main!(benches);
