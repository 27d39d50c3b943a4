//! trybuild ui tests: each case in `tests/ui/pass` is written as a user crate that depends on
//! l2l-areas alone (trybuild builds it against this crate's dependencies, so they stay few);
//! each case in `tests/ui/fail` must not compile, with the reviewed `.stderr` beside it.
//!
//! The `.stderr` files pin the messages of the toolchain this workspace is built with; after
//! a toolchain update, review the new messages with `TRYBUILD=overwrite cargo test -p l2l-areas --test ui`.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.pass("tests/ui/pass/*.rs");
    t.compile_fail("tests/ui/fail/*.rs");
}
