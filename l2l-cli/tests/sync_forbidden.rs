//! `l2l sync --all` with an area the key may not read, into each sink: the area is skipped
//! with a note, the others are synced, and nothing panics (a blocking database client is
//! never dropped inside the async runtime).

mod common;

#[path = "../../l2l-sync/tests/common/pg.rs"]
mod pg;

use common::{Env, stderr};

/// Runs `l2l sync --all --site 1 --to TO` against a sandbox that forbids `scrapdetail`;
/// checks the skip note and the exit status, and returns stderr.
fn sync_all_skipping(env: &Env, to: &str) -> String {
    let o = env
        .l2l()
        .args(["sync", "--all", "--site", "1", "--to", to])
        .output()
        .expect("l2l runs");
    let err = stderr(&o);
    assert_ne!(o.status.code(), Some(101), "a panic: {err}");
    assert!(!err.contains("panicked"), "a panic: {err}");
    assert!(
        o.status.success(),
        "one refused area does not fail --all ({:?}): {err}",
        o.status.code()
    );
    assert!(
        err.contains("skipped scrapdetail (site 1): the key may not read it"),
        "{err}"
    );
    assert!(!err.contains("records of scrapdetail"), "{err}");
    assert!(err.contains("records of machines"), "{err}");
    err
}

fn forbidding(name: &str) -> Env {
    Env::with(name, l2l_sandbox::Sandbox::builder().forbid("scrapdetail"))
}

#[test]
fn all_into_jsonl_skips_a_forbidden_area() {
    let env = forbidding("forbid-jsonl");
    let dir = env.path("out");
    let to = format!("jsonl:{}", dir.display());
    sync_all_skipping(&env, &to);
    assert!(dir.join("machines.jsonl").exists(), "machines synced");
    assert!(
        !dir.join("scrapdetail.jsonl").exists(),
        "no file for the refused area"
    );
}

#[test]
fn all_into_sqlite_skips_a_forbidden_area() {
    let env = forbidding("forbid-sqlite");
    let db = env.path("plant.db");
    sync_all_skipping(&env, &format!("sqlite:{}", db.display()));
    let n: i64 = rusqlite::Connection::open(&db)
        .and_then(|c| {
            c.query_row(
                "SELECT count(*) FROM sqlite_master WHERE name = 'scrapdetail'",
                [],
                |r| r.get(0),
            )
        })
        .expect("a count");
    assert_eq!(n, 0, "no table for the refused area");
}

/// The panic of issue 22: exit 101, "Cannot start a runtime from within a runtime", from
/// the `postgres::Client` of the refused area dropped inside the runtime.
#[test]
fn all_into_postgres_skips_a_forbidden_area_without_a_panic() {
    let Some(pg) = pg::Pg::start("cli-forbid") else {
        return;
    };
    let env = forbidding("forbid-pg");
    let url = pg.database("plant");
    sync_all_skipping(&env, &url);
    let mut c = postgres::Client::connect(&url, postgres::NoTls).expect("connects");
    let machines: i64 = c
        .query_one("SELECT count(*) FROM machines", &[])
        .expect("machines synced")
        .get(0);
    assert!(machines > 0);
    let scrap: i64 = c
        .query_one(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'scrapdetail'",
            &[],
        )
        .expect("a count")
        .get(0);
    assert_eq!(scrap, 0, "no table for the refused area");
}
