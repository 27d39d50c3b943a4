//! # l2l-tests
//!
//! Tests of the l2l workspace. The library holds three representative areas declared with
//! `#[record_area]` (compiled here with `missing_docs` denied, the workspace lints, and clippy, snapshotted
//! in `l2l-derive`); the tests are in `tests/`: insta snapshots of the query strings of every
//! field and lookup (the trybuild ui cases are in `l2l-areas/tests/ui`).

pub mod areas;

/// The examples of README.md, compiled and run as doctests so that the tour stays true.
#[doc = include_str!("../../README.md")]
pub mod readme {}
