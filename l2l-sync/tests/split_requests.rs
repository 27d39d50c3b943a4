//! A run's ids are split by how many records there are per id, not by the ids alone: an
//! incremental run's few changes in a large area take a few requests, into a file as into
//! a database, where ranges as wide as the ids say would take one per range.

mod common;

use common::Env;
use l2l_areas::{Machine, RecordArea};
use l2l_sync::{Job, Target};

#[test]
fn a_few_changes_in_a_large_area_take_a_few_requests() {
    // Pages of 100: 8,000 ids would make more than 32 ranges of two pages each.
    let env = Env::machines("split-requests", 8_000);
    let top = env.machines_now().last().map(|m| m.0).expect("machines");
    let job = Job::new(Machine::SCHEMA).site(1).page_size(100);
    for (n, target) in [
        Target::Jsonl(env.dir.join("machines.jsonl")),
        Target::Sqlite(env.dir.join("plant.db")),
    ]
    .into_iter()
    .enumerate()
    {
        let first = env.run(&job, &target).0.expect("a first run");
        assert!(first.written >= 8_000, "{first:?}");
        // One change near the top of the ids, one near the bottom.
        env.rename(top - n as i64, "changed at the top");
        env.rename(3 + n as i64, "changed at the bottom");
        let before = env.requests();
        let run = env.run(&job, &target).0.expect("an incremental run");
        let asked = env.requests() - before;
        assert!(run.written >= 2, "{target:?}: {run:?}");
        // The newest change, the highest id changed, one page of ids, then one range and
        // the one above it.
        assert!(asked <= 6, "{target:?}: {asked} requests for two changes");
    }
}
