//! # l2l-bench
//!
//! The benchmark harness of the l2l workspace: how fast l2l moves L2L data, side by side
//! with what integrators would use instead, in one run and as ratios.
//!
//! `cargo run --release -p l2l-bench -- <scenario>` runs a scenario and writes its section
//! of `docs/benchmarks.md` (and its SVG plot): `sync`, `memory`, `prefetch`, `decode`,
//! `query`, `compile`, or `all`. Decoding and request building are also criterion benches
//! (`cargo bench -p l2l-bench`).
//!
//! Every client runs as a child process (`l2l-bench client ...`, `python3`, `l2l`) so that
//! its CPU time and peak RSS come from `wait4`; every server runs as a child too
//! (`l2l-bench serve ...`).

pub mod clients;
pub mod cpu;
pub mod fixtures;
pub mod measure;
pub mod report;
pub mod scenarios;
pub mod servers;
