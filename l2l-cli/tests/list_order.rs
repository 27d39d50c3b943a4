//! `l2l list` without `--order-by` prints in id order, the same on every run, although the
//! id ranges of the area are read at the same time; with `--order-by` the user's order.

mod common;

use common::{Env, ids_of, jsonl};

fn ids(out: &str) -> Vec<i64> {
    ids_of(&jsonl(out))
}

#[test]
fn list_prints_in_id_order_every_run() {
    // Enough machines for many ranges read at once (pages of 50, 8 readers).
    let env = Env::machines("list-order", 6_000);
    let args = [
        "--max-in-flight",
        "8",
        "list",
        "machines",
        "--site",
        "1",
        "--page-size",
        "50",
        "--format",
        "jsonl",
    ];
    let before = env.requests();
    let first = env.ok(&args);
    let got = ids(&first);
    assert!(got.len() > 6_000, "every machine: {}", got.len());
    assert!(
        env.requests() - before > 100,
        "read page by page ({} requests)",
        env.requests() - before
    );
    let mut sorted = got.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(sorted.len(), got.len(), "no record twice");
    let out_of_order = got.windows(2).filter(|w| w[0] > w[1]).count();
    assert_eq!(out_of_order, 0, "in id order");
    for _ in 0..2 {
        assert_eq!(env.ok(&args), first, "the same output on every run");
    }

    // CSV too, and a --limit over several pages: the lowest ids.
    let out = env.ok(&[
        "--max-in-flight",
        "8",
        "list",
        "machines",
        "--site",
        "1",
        "--page-size",
        "50",
        "--limit",
        "420",
        "--fields",
        "id",
        "--format",
        "csv",
    ]);
    let csv_ids: Vec<i64> = out
        .lines()
        .skip(1)
        .map(|l| l.parse().expect("an id"))
        .collect();
    assert_eq!(csv_ids, got[..420]);

    // The user's order wins.
    let out = env.ok(&[
        "list",
        "machines",
        "--site",
        "1",
        "--order-by",
        "-id",
        "--limit",
        "3",
    ]);
    let desc = ids(&out);
    assert_eq!(
        desc,
        [got[got.len() - 1], got[got.len() - 2], got[got.len() - 3]]
    );
}
