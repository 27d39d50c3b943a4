//! `l2l delete dispatches N` (the record API's delete), then `l2l sync dispatches --site 1
//! --to sqlite:FILE`: the row leaves the database, through L2L's change feed, as it does
//! for a dispatch deleted through `dispatches/delete/<id>` (`tests/sync_feed.rs`).

mod common;

use common::{Env, stderr};
use l2l_areas::{Client, Dispatch, OpenDispatch};

fn count(path: &std::path::Path, sql: &str) -> i64 {
    rusqlite::Connection::open(path)
        .and_then(|c| c.query_row(sql, [], |r| r.get(0)))
        .expect(sql)
}

fn sync(env: &Env, to: &str) -> String {
    let o = env
        .l2l()
        .args(["sync", "dispatches", "--site", "1", "--to", to])
        .output()
        .expect("l2l runs");
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    err
}

#[test]
fn l2l_delete_then_sync_removes_the_row() {
    let env = Env::demo("delete-sync");
    let c = Client::builder()
        .base_url(&env.base_url)
        .api_key(&env.key)
        .build()
        .expect("a client");
    let mut ids = Vec::new();
    for (machine, what) in [("M-100", "to delete"), ("M-101", "to keep")] {
        let d = env
            .block_on(Dispatch::open(
                &c,
                &OpenDispatch::new(1, "Code Red", machine, what),
            ))
            .expect("opened");
        ids.push(d.id);
    }
    let db = env.path("plant.db");
    let to = format!("sqlite:{}", db.display());
    sync(&env, &to);
    let before = count(&db, "SELECT count(*) FROM dispatches");
    assert!(before >= 2, "{before} dispatches");
    let gone = ids[0];
    let out = env.ok(&["delete", "dispatches", &gone.to_string()]);
    assert!(out.contains(&gone.to_string()), "{out}");

    let err = sync(&env, &to);
    assert_eq!(
        count(
            &db,
            &format!("SELECT count(*) FROM dispatches WHERE id = {gone}")
        ),
        0,
        "the deleted dispatch left the database: {err}"
    );
    assert_eq!(
        count(&db, "SELECT count(*) FROM dispatches"),
        before - 1,
        "{err}"
    );
    assert_eq!(
        count(
            &db,
            &format!("SELECT count(*) FROM dispatches WHERE id = {}", ids[1])
        ),
        1
    );
    assert!(
        !err.contains("reading every id"),
        "the feed, not a reconcile: {err}"
    );
}
