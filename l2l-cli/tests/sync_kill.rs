//! Exactly once under kill -9: `l2l sync` into SQLite and into PostgreSQL, killed at 20
//! random points (seeded) with records changing in between, run again to the end: every
//! record is in the table exactly once, and none is stale.

mod common;

#[path = "../../l2l-sync/tests/common/pg.rs"]
mod pg;

use std::process::Stdio;
use std::time::{Duration, Instant};

use common::Env;
use rand::{RngExt as _, SeedableRng as _};
use serde_json::Value;

const KILLS: usize = 20;

/// (id, description) of every machine of site 1 on the server.
fn server(env: &Env) -> Vec<(i64, Option<String>)> {
    let out = env.ok(&["list", "machines", "--site", "1", "--format", "jsonl"]);
    let mut rows: Vec<(i64, Option<String>)> = common::jsonl(&out)
        .iter()
        .map(|m: &Value| {
            (
                m["id"].as_i64().expect("an id"),
                m["description"].as_str().map(str::to_owned),
            )
        })
        .collect();
    rows.sort();
    rows
}

/// Syncs, killing the sync at `KILLS` random points, with changes in between; then syncs
/// to the end and compares the table with the server.
fn kill_and_resume(env: &Env, to: &str, rows: &dyn Fn() -> Vec<(i64, Option<String>)>) {
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(15);
    let ids: Vec<i64> = server(env).iter().map(|r| r.0).collect();
    let mut stopped_running = 0;
    for k in 0..KILLS {
        if k % 3 == 2 {
            let id = ids[rng.random_range(0..ids.len())].to_string();
            env.ok(&[
                "update",
                "machines",
                &id,
                "--set",
                &format!("description=changed {k}"),
            ]);
        }
        let mut child = env
            .l2l()
            .args([
                "--throttle",
                "40",
                "sync",
                "machines",
                "--site",
                "1",
                "--page-size",
                "100",
                "--to",
                to,
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("l2l starts");
        // A random point: anywhere from before the first batch to after the end.
        let at = Duration::from_millis(rng.random_range(0..1_000));
        let started = Instant::now();
        while started.elapsed() < at {
            if child.try_wait().expect("waits").is_some() {
                break;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        if child.try_wait().expect("waits").is_none() {
            stopped_running += 1;
        }
        child.kill().expect("SIGKILL");
        let _ = child.wait();
    }
    eprintln!("{stopped_running} of {KILLS} kills stopped a running sync");
    let o = env
        .l2l()
        .args(["sync", "machines", "--site", "1", "--to", to])
        .output()
        .expect("l2l runs");
    assert!(o.status.success(), "{}", common::stderr(&o));
    let now = server(env);
    let got = rows();
    assert_eq!(got.len(), now.len(), "every record exactly once");
    assert!(got == now, "no record stale");
}

#[test]
fn sqlite_is_exactly_once_under_kills() {
    let env = Env::machines("kill-sqlite", 5_000);
    let path = env.path("plant.db");
    let to = format!("sqlite:{}", path.display());
    kill_and_resume(&env, &to, &|| {
        let c = rusqlite::Connection::open(&path).expect("opens");
        let mut st = c
            .prepare("SELECT id, description FROM machines ORDER BY id")
            .expect("a query");
        st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .expect("rows")
            .collect::<Result<_, _>>()
            .expect("rows")
    });
}

#[test]
fn postgres_is_exactly_once_under_kills() {
    let Some(pg) = pg::Pg::start("kill") else {
        return;
    };
    let env = Env::machines("kill-pg", 5_000);
    let url = pg.database("plant");
    kill_and_resume(&env, &url, &|| {
        let mut c = postgres::Client::connect(&url, postgres::NoTls).expect("connects");
        c.query("SELECT id, description FROM machines ORDER BY id", &[])
            .expect("rows")
            .iter()
            .map(|r| (r.get(0), r.get(1)))
            .collect()
    });
}
