//! A tenant mirror: `l2l sync --all --to sqlite:FILE` from one sandbox, then a second
//! sandbox started with `--import sqlite:FILE` serves the same records (ids, values,
//! custom properties) and takes writes on them.

mod common;

use std::io::{BufRead as _, BufReader};
use std::path::{Path, PathBuf};
use std::process::Stdio;

use common::{Env, jsonl, stderr};
use l2l_sandbox::{Sandbox, Seed};

fn synced_areas(db: &Path) -> Vec<String> {
    let c = rusqlite::Connection::open(db).expect("the file opens");
    let mut st = c
        .prepare("SELECT DISTINCT area FROM _l2l_sync_state ORDER BY area")
        .expect("the state table");
    st.query_map([], |r| r.get(0))
        .expect("areas")
        .collect::<Result<_, _>>()
        .expect("areas")
}

/// The demo plant synced whole (site 1 and the global areas) into `plant.db` of `env`.
fn sync_all(env: &Env) -> PathBuf {
    let db = env.path("plant.db");
    let to = format!("sqlite:{}", db.display());
    env.ok(&["sync", "--all", "--site", "1", "--to", &to, "-q"]);
    db
}

fn mirror(name: &str, db: &Path) -> Env {
    Env::with(name, Sandbox::builder().seed(Seed::Import(db.to_owned())))
}

fn list(env: &Env, area: &str) -> String {
    env.ok(&["list", area, "--site", "1", "-o", "jsonl"])
}

#[test]
fn the_mirror_serves_every_synced_area_as_the_plant_did() {
    let plant = Env::demo("import-plant");
    let db = sync_all(&plant);
    let areas = synced_areas(&db);
    assert!(areas.len() >= 40, "{} areas synced: {areas:?}", areas.len());
    let copy = mirror("import-copy", &db);
    let imported = copy.sandbox().seeded().imported.clone().expect("an import");
    assert_eq!(imported.areas, areas, "every synced area is imported");
    assert!(imported.unknown_areas.is_empty(), "{imported:?}");
    let mut records = 0;
    for area in &areas {
        let (a, b) = (list(&plant, area), list(&copy, area));
        assert_eq!(
            a, b,
            "`{area}` as the plant serves it, then as its mirror does"
        );
        records += jsonl(&a).len() as u64;
    }
    assert!(records >= 500, "{records} records compared");
    // Custom properties came along (the demo's machines have a colour).
    let machines = jsonl(&list(&copy, "machines"));
    assert!(
        machines.iter().any(|m| m.get("custom__color").is_some()),
        "{machines:?}"
    );
    // The global areas too.
    assert_eq!(
        plant.ok(&["list", "sites", "-o", "jsonl"]),
        copy.ok(&["list", "sites", "-o", "jsonl"])
    );
}

#[test]
fn the_mirror_takes_writes_after_the_imported_ids() {
    let plant = Env::demo("import-writes-plant");
    let db = sync_all(&plant);
    let copy = mirror("import-writes-copy", &db);
    let before = jsonl(&list(&copy, "machines"));
    let max = before
        .iter()
        .filter_map(|m| m["id"].as_i64())
        .max()
        .expect("machines");
    let made = common::json(&copy.ok(&[
        "create",
        "machines",
        "--set",
        "site=1",
        "--set",
        "code=MIRROR-1",
        "--set",
        "description=made on the mirror",
        "-o",
        "json",
    ]));
    let id = made["id"].as_i64().expect("an id");
    assert!(id > max, "a new id ({id}) after the imported ones ({max})");
    let first = before[0]["id"].as_i64().expect("an id").to_string();
    copy.ok(&["update", "machines", &first, "--set", "description=renamed"]);
    let got = common::json(&copy.ok(&["get", "machines", &first, "-o", "json"]));
    assert_eq!(got["description"], "renamed");
    // A duplicate of an imported machine's code is refused, as the plant would.
    let code = before[1]["code"].as_str().expect("a code").to_owned();
    copy.fails(&[
        "create",
        "machines",
        "--set",
        "site=1",
        "--set",
        &format!("code={code}"),
    ]);
}

#[test]
fn rows_marked_deleted_stay_out_and_missing_sites_are_made() {
    let plant = Env::demo("import-deleted-plant");
    let db = plant.path("machines.db");
    let to = format!("sqlite:{}", db.display());
    plant.ok(&["sync", "machines", "--site", "1", "--to", &to, "-q"]);
    let c = rusqlite::Connection::open(&db).expect("opens");
    c.execute_batch(
        "ALTER TABLE machines ADD COLUMN _deleted_at TIMESTAMP; \
         UPDATE machines SET _deleted_at = '2026-01-01T00:00:00' \
         WHERE id = (SELECT min(id) FROM machines)",
    )
    .expect("one machine marked deleted");
    let gone: i64 = c
        .query_row(
            "SELECT id FROM machines WHERE _deleted_at IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .expect("the marked one");
    let kept: i64 = c
        .query_row(
            "SELECT count(*) FROM machines WHERE _deleted_at IS NULL",
            [],
            |r| r.get(0),
        )
        .expect("a count");
    // What the sandbox has nowhere to keep is counted, not dropped in silence: a column
    // of a newer schema, and an undeclared property that is no custom one.
    c.execute_batch(
        "ALTER TABLE machines ADD COLUMN futurefield TEXT; \
         UPDATE machines SET futurefield = 'x' WHERE id = (SELECT max(id) FROM machines); \
         UPDATE machines SET _extra = json_set(coalesce(_extra, '{}'), '$.oddity', 1) \
         WHERE _deleted_at IS NULL",
    )
    .expect("a column and a property the area does not declare");
    drop(c);
    let copy = mirror("import-deleted-copy", &db);
    let imported = copy.sandbox().seeded().imported.clone().expect("an import");
    assert_eq!(imported.left_out.get("machines.futurefield"), Some(&1));
    assert_eq!(
        imported.left_out.get("machines.oddity"),
        Some(&(kept as u64))
    );
    assert!(
        imported
            .lines()
            .iter()
            .any(|l| l.contains("machines.oddity"))
    );
    // Custom properties are kept beside them.
    assert!(!imported.left_out.keys().any(|k| k.contains("custom__")));
    assert_eq!(imported.deleted, 1);
    assert_eq!(imported.records, kept as u64);
    let machines = jsonl(&list(&copy, "machines"));
    assert_eq!(machines.len() as i64, kept);
    assert!(machines.iter().all(|m| m["id"].as_i64() != Some(gone)));
    // The file held no `sites`: the site its machines name is made.
    let sites = jsonl(&copy.ok(&["list", "sites", "-o", "jsonl"]));
    assert!(
        sites.iter().any(|s| s["site"].as_i64() == Some(1)),
        "{sites:?}"
    );
}

#[test]
fn a_file_that_is_not_a_syncs_output_is_named_with_what_it_lacks() {
    let dir = std::env::temp_dir().join(format!("l2l-import-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a directory");
    let other = dir.join("other.db");
    let _ = std::fs::remove_file(&other);
    rusqlite::Connection::open(&other)
        .and_then(|c| c.execute_batch("CREATE TABLE machines (id INTEGER PRIMARY KEY)"))
        .expect("a database of another program");
    let rt = tokio::runtime::Runtime::new().expect("a runtime");
    let start = |path: &Path| {
        rt.block_on(
            Sandbox::builder()
                .seed(Seed::Import(path.to_owned()))
                .start(),
        )
        .expect_err("refused")
        .to_string()
    };
    let err = start(&other);
    assert!(err.contains("_l2l_sync_state"), "{err}");
    assert!(err.contains("other.db"), "{err}");
    assert!(err.contains("machines"), "its tables are listed: {err}");
    let err = start(&dir.join("missing.db"));
    assert!(err.contains("does not exist"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn l2l_sandbox_import_says_what_it_imported_and_refuses_a_seed_beside_it() {
    let plant = Env::demo("import-cli-plant");
    let db = sync_all(&plant);
    let spec = format!("sqlite:{}", db.display());
    let mut child = common::bare(&plant.dir)
        .args(["sandbox", "--port", "0", "--import", &spec])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("l2l sandbox starts");
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let mut seen = Vec::new();
    for line in lines.by_ref() {
        let line = line.expect("a line");
        let done = line.starts_with("listening on");
        seen.push(line);
        if done {
            break;
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        seen.iter()
            .any(|l| l.starts_with("imported ") && l.contains(" areas")),
        "{seen:?}"
    );
    let o = common::bare(&plant.dir)
        .args([
            "sandbox", "--port", "0", "--seed", "empty", "--import", &spec,
        ])
        .output()
        .expect("l2l runs");
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let o = common::bare(&plant.dir)
        .args(["sandbox", "--port", "0", "--import", "postgres://x/y"])
        .output()
        .expect("l2l runs");
    assert!(!o.status.success());
    assert!(stderr(&o).contains("sqlite:FILE"), "{}", stderr(&o));
}
