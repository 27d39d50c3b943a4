//! `l2l sync dispatches --to sqlite:...`: the dispatches deleted in L2L leave the database on
//! the next run, through L2L's change feed, without `--reconcile`; `--keep-deleted` marks
//! them instead; killed anywhere, the next run applies each deletion once.

mod common;

use std::process::Stdio;
use std::time::{Duration, Instant};

use common::{Env, stderr};
use l2l_areas::{Client, Dispatch};
use l2l_sandbox::{Sandbox, Seed};
use rand::{RngExt as _, SeedableRng as _};

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

/// (id, whether marked deleted) of every row.
fn rows(path: &std::path::Path) -> Vec<(i64, bool)> {
    let c = rusqlite::Connection::open(path).expect("opens");
    let mut st = c
        .prepare("SELECT id, _deleted_at IS NOT NULL FROM dispatches ORDER BY id")
        .expect("a query");
    st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("rows")
}

/// `l2l sync dispatches --keep-deleted` killed (SIGKILL) at random points, a dispatch deleted
/// before each run: the run to the end leaves every dispatch once, the deleted ones marked
/// and no other.
#[test]
fn feed_deletions_survive_kills() {
    let env = Env::with(
        "sync-feed-kill",
        Sandbox::builder().seed(Seed::Bulk {
            count: 1_500,
            area: Some("dispatches".into()),
        }),
    );
    let db = env.path("plant.db");
    let to = format!("sqlite:{}", db.display());
    let args = [
        "--throttle",
        "40",
        "sync",
        "dispatches",
        "--site",
        "1",
        "--page-size",
        "100",
        "--keep-deleted",
        "--to",
        &to,
    ];
    // The first run to the end, so that the feed is followed from then on.
    env.ok(&args);
    let c = client(&env);
    let mut ids: Vec<i64> = {
        let c = rusqlite::Connection::open(&db).expect("opens");
        let mut st = c.prepare("SELECT id FROM dispatches").expect("a query");
        st.query_map([], |r| r.get(0))
            .expect("ids")
            .collect::<Result<_, _>>()
            .expect("ids")
    };
    let mut gone = Vec::new();
    let mut stopped_running = 0;
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(4);
    for k in 0..10 {
        let id = ids.remove(rng.random_range(0..ids.len()));
        env.block_on(Dispatch::delete_action(&c, 1, id))
            .expect("deleted");
        gone.push(id);
        if k % 2 == 1 {
            let other = ids[rng.random_range(0..ids.len())];
            env.block_on(Dispatch::set_description(
                &c,
                1,
                other,
                &format!("kill {k}"),
            ))
            .expect("described");
        }
        let mut child = env
            .l2l()
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("l2l starts");
        let at = Duration::from_millis(rng.random_range(0..400));
        let started = Instant::now();
        while started.elapsed() < at && child.try_wait().expect("waits").is_none() {
            std::thread::sleep(Duration::from_millis(5));
        }
        if child.try_wait().expect("waits").is_none() {
            stopped_running += 1;
        }
        child.kill().expect("SIGKILL");
        let _ = child.wait();
    }
    eprintln!("{stopped_running} of 10 kills stopped a running sync");
    let err = sync(&env, &to, &["--keep-deleted"]);
    let got = rows(&db);
    let mut want: Vec<(i64, bool)> = ids
        .iter()
        .map(|id| (*id, false))
        .chain(gone.iter().map(|id| (*id, true)))
        .collect();
    want.sort();
    assert_eq!(got.len(), want.len(), "every dispatch once: {err}");
    assert!(got == want, "the deleted ones marked, and only they");
    let err = sync(&env, &to, &["--keep-deleted"]);
    assert!(!err.contains("rows whose records are gone"), "{err}");
}
