//! `l2l tap` piped, unmodified, into MeltanoLabs' own Singer targets from PyPI
//! (`meltanolabs-target-csv`, `meltanolabs-target-postgres`, in a virtualenv the tests
//! make), as a Meltano pipeline runs them: every record arrives; a second run from the last
//! STATE sends only what changed; a run killed mid-stream and resumed from its last STATE
//! loses nothing and duplicates nothing in PostgreSQL; a deleted dispatch is soft-deleted.

mod common;
mod tap;

#[path = "../../l2l-sync/tests/common/pg.rs"]
mod pg;

use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};

use common::Env;
use serde_json::{Value, json};

/// Pipes `input` (Singer messages) into `target` with `config`; returns its stdout (the
/// STATE it emits), failing the test with its stderr when it fails.
fn pipe(target: &Path, config: &Value, dir: &Path, input: &str) -> String {
    let cfg = dir.join(format!(
        "{}-config.json",
        target.file_name().unwrap().to_string_lossy()
    ));
    std::fs::write(&cfg, config.to_string()).unwrap();
    let mut child = Command::new(target)
        .arg("--config")
        .arg(&cfg)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the target runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(
        o.status.success(),
        "{} failed:\n{}",
        target.display(),
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}

#[test]
fn target_csv_gets_every_record_then_only_the_changes() {
    let Some(bin) = tap::venv::bin() else { return };
    let env = Env::demo("tap-csv");
    let cat = tap::catalog(&env, &["machines", "lines", "dispatches"]);
    let first = tap::run(&env, &cat, None);
    let out1 = env.path("csv1");
    std::fs::create_dir_all(&out1).unwrap();
    pipe(
        &bin.join("target-csv"),
        &json!({"output_path": out1}),
        &env.dir,
        &first,
    );
    for area in ["machines", "lines", "dispatches"] {
        let mut got = tap::csv_ids(&out1.join(format!("{area}.csv")));
        got.sort();
        let want: Vec<i64> = tap::all_ids(&env, area).into_iter().collect();
        assert_eq!(got, want, "{area}: every record, once");
    }
    env.ok(&[
        "update",
        "machines",
        "3",
        "--set",
        "description=Press 3, moved",
    ]);
    let second = tap::run(&env, &cat, Some(&tap::last_state(&tap::messages(&first))));
    let out2 = env.path("csv2");
    std::fs::create_dir_all(&out2).unwrap();
    pipe(
        &bin.join("target-csv"),
        &json!({"output_path": out2}),
        &env.dir,
        &second,
    );
    assert_eq!(
        tap::csv_ids(&out2.join("machines.csv")),
        [3],
        "only the change"
    );
    for area in ["lines", "dispatches"] {
        let file = out2.join(format!("{area}.csv"));
        assert!(
            !file.exists() || tap::csv_ids(&file).is_empty(),
            "{area}: nothing changed"
        );
    }
}

/// A new database of `pg`: target-postgres's config for it, and its URL.
fn pg_config(pg: &pg::Pg, db: &str) -> (Value, String) {
    let url = pg.database(db);
    let port: u16 = url
        .rsplit(':')
        .next()
        .unwrap()
        .split('/')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let cfg = json!({
        "host": "127.0.0.1", "port": port, "user": "postgres", "password": "unused",
        "database": db, "default_target_schema": "l2l", "hard_delete": false,
        "add_record_metadata": true,
    });
    (cfg, url)
}

fn query(url: &str, sql: &str) -> Vec<postgres::Row> {
    let mut c = postgres::Client::connect(url, postgres::NoTls).unwrap();
    c.query(sql, &[]).unwrap_or_else(|e| panic!("{sql}: {e}"))
}

#[test]
fn target_postgres_after_a_killed_run_resumed_holds_each_record_once_and_the_deleted_marked() {
    let Some(bin) = tap::venv::bin() else { return };
    let Some(pg) = pg::Pg::start("tap-target") else {
        return;
    };
    let env = Env::machines("tap-postgres", 40_000);
    let cat = tap::catalog(&env, &["machines", "dispatches"]);
    let (cfg, url) = pg_config(&pg, "plant");
    let target = bin.join("target-postgres");

    // A run killed after its first STATE and some records more; its output up to there goes
    // to the target, as a pipeline killed at that moment would have sent it.
    let part1 = tap::killed_run(&env, &cat, 300);
    let msgs = tap::messages(&part1);
    pipe(&target, &cfg, &env.dir, &part1);
    let resumed = tap::run(&env, &cat, Some(&tap::last_state(&msgs)));
    pipe(&target, &cfg, &env.dir, &resumed);
    let rows = query(
        &url,
        "SELECT count(*), count(DISTINCT id) FROM l2l.machines",
    );
    let (n, distinct): (i64, i64) = (rows[0].get(0), rows[0].get(1));
    let want = tap::all_ids(&env, "machines").len() as i64;
    assert_eq!((n, distinct), (want, want), "each machine once");

    // A deleted dispatch arrives soft-deleted; the others stay as they were.
    let d = *tap::all_ids(&env, "dispatches").iter().next().unwrap();
    env.ok(&["delete", "dispatches", &d.to_string()]);
    let state = tap::last_state(&tap::messages(&resumed));
    let third = tap::run(&env, &cat, Some(&state));
    pipe(&target, &cfg, &env.dir, &third);
    let marked = query(
        &url,
        "SELECT id FROM l2l.dispatches WHERE _sdc_deleted_at IS NOT NULL ORDER BY id",
    );
    let marked: Vec<i64> = marked.iter().map(|r| r.get(0)).collect();
    assert_eq!(marked, [d]);
}
