//! `l2l sync dispatches --to sqlite:...`: the dispatches deleted in L2L leave the database on
//! the next run, through L2L's change feed, without `--reconcile`; `--keep-deleted` marks
//! them instead.

mod common;

use common::{Env, stderr};
use l2l_areas::{Client, Dispatch};
use l2l_sandbox::{Sandbox, Seed};

fn count(path: &std::path::Path, sql: &str) -> i64 {
    rusqlite::Connection::open(path)
        .and_then(|c| c.query_row(sql, [], |r| r.get(0)))
        .expect(sql)
}

fn client(env: &Env) -> Client {
    Client::builder()
        .base_url(&env.base_url)
        .api_key(&env.key)
        .build()
        .expect("a client")
}

/// Runs `l2l sync dispatches --site 1 --to TO EXTRA...`; returns stderr.
fn sync(env: &Env, to: &str, extra: &[&str]) -> String {
    let mut args = vec!["sync", "dispatches", "--site", "1", "--to", to];
    args.extend_from_slice(extra);
    let o = env.l2l().args(&args).output().expect("l2l runs");
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    err
}

#[test]
fn deleted_dispatches_leave_the_database_on_the_next_run() {
    let env = Env::with(
        "sync-feed",
        Sandbox::builder().seed(Seed::Bulk {
            count: 300,
            area: Some("dispatches".into()),
        }),
    );
    let db = env.path("plant.db");
    let to = format!("sqlite:{}", db.display());
    sync(&env, &to, &[]);
    let all = count(&db, "SELECT count(*) FROM dispatches");
    assert!(all > 300, "{all} dispatches");
    let (first, second, changed) = (
        count(&db, "SELECT min(id) FROM dispatches"),
        count(&db, "SELECT max(id) FROM dispatches"),
        count(&db, "SELECT min(id) + 5 FROM dispatches"),
    );
    let c = client(&env);
    env.block_on(Dispatch::delete_action(&c, 1, first))
        .expect("deleted");
    env.block_on(Dispatch::set_description(&c, 1, changed, "Belt realigned"))
        .expect("described");

    // --keep-deleted alone: the feed's deletion is marked, and no id is read to reconcile.
    let err = sync(&env, &to, &["--keep-deleted"]);
    assert!(
        err.contains("marked deleted 1 rows whose records are gone"),
        "{err}"
    );
    assert!(!err.contains("reading every id"), "{err}");
    assert_eq!(
        count(
            &db,
            &format!(
                "SELECT count(*) FROM dispatches WHERE id = {first} AND _deleted_at IS NOT NULL"
            )
        ),
        1
    );
    assert_eq!(
        count(
            &db,
            &format!(
                "SELECT count(*) FROM dispatches WHERE id = {changed} AND description = 'Belt realigned'"
            )
        ),
        1,
        "the change came too"
    );

    // Without flags, the next deletion is deleted; the marked row stays marked.
    env.block_on(Dispatch::delete_action(&c, 1, second))
        .expect("deleted");
    let err = sync(&env, &to, &[]);
    assert!(
        err.contains("deleted 1 rows whose records are gone"),
        "{err}"
    );
    assert!(!err.contains("marked deleted"), "{err}");
    assert_eq!(count(&db, "SELECT count(*) FROM dispatches"), all - 1);
    assert_eq!(
        count(
            &db,
            &format!("SELECT count(*) FROM dispatches WHERE id = {second}")
        ),
        0
    );
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM dispatches WHERE _deleted_at IS NOT NULL"
        ),
        1
    );

    // And once: a run with nothing new removes nothing.
    let err = sync(&env, &to, &[]);
    assert!(!err.contains("rows whose records are gone"), "{err}");
}
