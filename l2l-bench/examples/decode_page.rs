//! Decodes one page of 2000 `machines` records into the typed struct `N` times (default
//! 20): a fixed workload for an instruction-counting profiler, such as
//! `valgrind --tool=callgrind target/release/examples/decode_page`, whose counts do not
//! depend on what else the machine is doing.

use l2l_bench::scenarios::micro::{self, Pages};

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(20);
    let pages = Pages::new();
    let mut records = 0;
    for _ in 0..n {
        records += micro::typed_json(&pages.json);
    }
    println!("{records} records decoded");
}
