//! trybuild ui tests: `ui/pass` are written as a user crate that depends on l2l-areas
//! alone; each case in `ui/fail` must not compile, with the reviewed `.stderr` beside it.
//!
//! The `.stderr` files pin the messages of the toolchain this workspace is built with; after
//! a toolchain update, review the new messages with `TRYBUILD=overwrite cargo test -p l2l-tests --test ui`.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.pass("ui/pass/*.rs");
    t.compile_fail("ui/fail/*.rs");
}
