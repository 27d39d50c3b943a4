//! `l2l sync --to sqlite:... | postgres://...`, `--all`, and what is refused before
//! anything is downloaded.

mod common;

#[path = "../../l2l-sync/tests/common/pg.rs"]
mod pg;

use common::{Env, stderr};

fn count(path: &std::path::Path, sql: &str) -> i64 {
    rusqlite::Connection::open(path)
        .and_then(|c| c.query_row(sql, [], |r| r.get(0)))
        .expect(sql)
}

#[test]
fn syncs_an_area_into_sqlite_and_then_only_its_changes() {
    let env = Env::machines("sync-sqlite", 2_000);
    let db = env.path("plant.db");
    let to = format!("sqlite:{}", db.display());
    let o = env
        .l2l()
        .args(["sync", "machines", "--site", "1", "--to", &to])
        .output()
        .expect("l2l runs");
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    assert!(o.stdout.is_empty(), "a sync prints nothing on stdout");
    assert!(
        err.contains(&format!(
            "synced 2004 records of machines (site 1) into {to}"
        )),
        "{err}"
    );
    assert_eq!(count(&db, "SELECT count(*) FROM machines"), 2004);

    let o = env
        .l2l()
        .args(["sync", "machines", "--site", "1", "--to", &to])
        .output()
        .expect("l2l runs");
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    assert!(err.contains("changed since"), "an incremental run: {err}");
    assert_eq!(count(&db, "SELECT count(*) FROM machines"), 2004);
}

#[test]
fn all_areas_go_into_one_database() {
    let env = Env::demo("sync-all");
    let db = env.path("plant.db");
    let to = format!("sqlite:{}", db.display());
    let o = env
        .l2l()
        .args(["sync", "--all", "--site", "1", "--to", &to])
        .output()
        .expect("l2l runs");
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    for table in ["sites", "machines", "lines", "dispatchtypes", "users"] {
        assert!(
            err.contains(&format!("records of {table}")),
            "{table}: {err}"
        );
        let n = count(
            &db,
            &format!("SELECT count(*) FROM sqlite_master WHERE name = '{table}'"),
        );
        assert_eq!(n, 1, "a table {table}");
    }
    assert!(count(&db, "SELECT count(*) FROM machines") >= 4);
    assert!(count(&db, "SELECT count(*) FROM _l2l_sync_state") >= 5);
}

#[test]
fn all_skips_an_area_the_key_may_not_read_and_syncs_the_rest() {
    let env = Env::with(
        "sync-all-forbidden",
        l2l_sandbox::Sandbox::builder().forbid("scrapdetail"),
    );
    let db = env.path("plant.db");
    let to = format!("sqlite:{}", db.display());
    let o = env
        .l2l()
        .args(["sync", "--all", "--site", "1", "--to", &to])
        .output()
        .expect("l2l runs");
    let err = stderr(&o);
    assert!(
        o.status.success(),
        "one refused area does not fail --all: {err}"
    );
    assert!(
        err.contains("skipped scrapdetail (site 1): the key may not read it"),
        "{err}"
    );
    assert!(!err.contains("records of scrapdetail"), "{err}");
    let tables = |name: &str| {
        count(
            &db,
            &format!("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '{name}'"),
        )
    };
    // The area is asked for one record before its table is made: nothing is left behind.
    assert_eq!(
        tables("scrapdetail"),
        0,
        "no table for the refused area: {err}"
    );
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM _l2l_sync_state WHERE area = 'scrapdetail'"
        ),
        0,
        "no resume state for the refused area"
    );
    assert!(
        count(&db, "SELECT count(*) FROM _l2l_sync_state") >= 5,
        "the other areas have theirs"
    );
    // The areas after it in the walk are synced too, with every record the API serves.
    let client = env.sandbox().client();
    let served = env.block_on(async {
        let categories = l2l_areas::ScrapCategory::query(1).all(&client).await;
        let checklists = l2l_areas::Checklist::query(1).all(&client).await;
        [
            ("scrapcategory", categories.expect("served").len()),
            ("checklists", checklists.expect("served").len()),
        ]
    });
    for (table, n) in served {
        assert_eq!(tables(table), 1, "{table}: {err}");
        assert!(n > 0, "the demo plant has {table}");
        let rows = count(&db, &format!("SELECT count(*) FROM {table}"));
        assert_eq!(usize::try_from(rows).ok(), Some(n), "{table}");
        let state = format!("SELECT count(*) FROM _l2l_sync_state WHERE area = '{table}'");
        assert_eq!(count(&db, &state), 1, "{table} has its resume state");
    }
}

/// The summary line of `l2l sync` into the destination `what` names.
fn summary<'a>(err: &'a str, what: &str) -> &'a str {
    err.lines()
        .find(|l| l.starts_with("synced ") && l.contains(what))
        .unwrap_or_else(|| panic!("no summary of {what}: {err}"))
}

#[test]
fn the_summary_claims_no_total_a_database_does_not_hold() {
    let env = Env::machines("sync-summary", 20);
    let db = env.path("plant.db");
    let to = format!("sqlite:{}", db.display());
    let file = env.path("machines.jsonl");
    let out = format!("jsonl:{}", file.display());
    let sync = |to: &str| {
        let o = env
            .l2l()
            .args(["sync", "machines", "--site", "1", "--to", to])
            .output()
            .expect("l2l runs");
        let err = stderr(&o);
        assert!(o.status.success(), "{err}");
        err
    };
    sync(&to);
    sync(&out);
    // One record changes: the next runs write it again, into the same row of the
    // database, and as one more line of the file.
    let id = count(&db, "SELECT max(id) FROM machines").to_string();
    env.ok(&["update", "machines", &id, "--set", "description=changed"]);
    let rows = count(&db, "SELECT count(*) FROM machines");
    let err = sync(&to);
    let line = summary(&err, "into sqlite:");
    // The run writes the changed record (and those at the watermark again, into their
    // rows): a sum of the records the runs wrote is no count of the rows.
    let written: i64 = line
        .strip_prefix("synced ")
        .and_then(|l| l.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("a number of records: {line}"));
    assert!(written >= 1, "the changed record is written: {line}");
    assert_eq!(count(&db, "SELECT count(*) FROM machines"), rows);
    // The old line said "(N in total" here, N the sum of the runs' records, above the rows.
    assert!(!line.contains("in total"), "{line}");

    let err = sync(&out);
    let line = summary(&err, "into jsonl:");
    let lines = std::fs::read_to_string(&file)
        .expect("the file")
        .lines()
        .count();
    assert_eq!(lines as i64, rows + 1, "the changed record is appended");
    assert!(
        line.contains(&format!("({lines} lines appended to it by every run;")),
        "the file's true number of lines: {line}"
    );
}

/// `l2l sandbox` passes the server's options on: a forbidden area, an area's page size
/// and what a larger limit gets, and the areas of a file.
#[test]
fn the_cli_sandbox_passes_the_servers_options_on() {
    use std::io::{BufRead as _, BufReader};
    use std::process::Stdio;
    let home = std::env::temp_dir().join(format!("l2l-cli-sandbox-forbid-{}", std::process::id()));
    std::fs::create_dir_all(&home).expect("a scratch directory");
    let areas = home.join("areas.json");
    std::fs::write(
        &areas,
        r#"{"areas": [{"name": "Widget", "path": "widgets", "scope": "site", "fields": [
            {"api_name": "id", "kind": "integer", "id": true, "read_only": true},
            {"api_name": "site", "kind": "integer"},
            {"api_name": "code", "kind": "text", "nullable": true}]}]}"#,
    )
    .expect("an areas file");
    let mut child = common::bare(&home)
        .args([
            "sandbox",
            "--port",
            "0",
            "--api-key",
            "forbid-key",
            "--forbid",
            "scrapdetail",
            "--max-limit",
            "machines=3",
            "--over-limit",
            "clamp",
            "--areas-file",
            areas.to_str().expect("utf-8"),
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("l2l sandbox starts");
    struct Kill(std::process::Child);
    impl Drop for Kill {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
    let stdout = child.stdout.take().expect("stdout");
    let _server = Kill(child);
    let url = BufReader::new(stdout)
        .lines()
        .map_while(Result::ok)
        .find_map(|l| l.strip_prefix("listening on ").map(str::to_owned))
        .expect("l2l sandbox prints its URL");
    let base = url.trim_end_matches("/api/1.0/").to_owned();
    let list = |area: &str| {
        common::bare(&home)
            .env("L2L_BASE_URL", &base)
            .env("L2L_API_KEY", "forbid-key")
            .args(["list", area, "--site", "1"])
            .output()
            .expect("l2l runs")
    };
    let o = list("machines");
    assert!(o.status.success(), "{}", stderr(&o));
    let o = list("scrapdetail");
    let err = stderr(&o);
    assert!(!o.status.success(), "a forbidden area is refused: {err}");
    assert!(err.contains("HTTP 403"), "{err}");
    let call = |args: &[&str]| {
        common::bare(&home)
            .env("L2L_BASE_URL", &base)
            .env("L2L_API_KEY", "forbid-key")
            .arg("call")
            .args(args)
            .output()
            .expect("l2l runs")
    };
    let o = call(&["GET", "machines", "site=1", "limit=10"]);
    assert!(
        o.status.success(),
        "a limit over the maximum, clamped: {}",
        stderr(&o)
    );
    let answer: serde_json::Value =
        serde_json::from_slice(&o.stdout).expect("l2l call prints JSON");
    assert_eq!(answer["data"].as_array().map(Vec::len), Some(3), "{answer}");
    let o = call(&["POST", "widgets", "site=1", "code=W-1"]);
    assert!(
        o.status.success(),
        "an area of the file takes writes: {}",
        stderr(&o)
    );
    let o = call(&["GET", "widgets", "site=1"]);
    let answer: serde_json::Value =
        serde_json::from_slice(&o.stdout).expect("l2l call prints JSON");
    assert_eq!(answer["data"][0]["code"], "W-1", "{answer}");
    let _ = std::fs::remove_dir_all(&home);
}

#[test]
fn refusals_come_before_any_download() {
    let env = Env::demo("sync-refused");
    let out = env.path("m.jsonl");
    let o = env.fails(&[
        "sync",
        "machines",
        "--site",
        "1",
        "--reconcile",
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("--reconcile and --keep-deleted need a database"),
        "{}",
        stderr(&o)
    );

    let o = env.fails(&["sync", "machines", "--site", "1", "--to", "mysql://x/y"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("no destination l2l knows"),
        "{}",
        stderr(&o)
    );

    let db = env.path("typed.db");
    rusqlite::Connection::open(&db)
        .and_then(|c| {
            c.execute_batch("CREATE TABLE machines (id INTEGER PRIMARY KEY, code INTEGER)")
        })
        .expect("a table");
    let before = env.requests();
    let to = format!("sqlite:{}", db.display());
    let o = env.fails(&["sync", "machines", "--site", "1", "--to", &to]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("column `code` of table `machines` is INTEGER"),
        "{err}"
    );
    assert!(
        err.contains("hint: l2l sync never changes a column's type"),
        "{err}"
    );
    assert_eq!(env.requests(), before, "nothing was downloaded");
}

#[test]
fn syncs_into_postgres_and_keeps_deleted_rows() {
    let Some(pg) = pg::Pg::start("cli") else {
        return;
    };
    let env = Env::machines("sync-pg", 500);
    let url = pg.database("plant");
    env.ok(&["sync", "machines", "--site", "1", "--to", &url]);
    let mut c = postgres::Client::connect(&url, postgres::NoTls).expect("connects");
    let gone: i64 = c
        .query_one("SELECT max(id) FROM machines", &[])
        .expect("an id")
        .get(0);
    env.ok(&["delete", "machines", &gone.to_string()]);
    let o = env
        .l2l()
        .args([
            "sync",
            "machines",
            "--site",
            "1",
            "--keep-deleted",
            "--to",
            &url,
        ])
        .output()
        .expect("l2l runs");
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    assert!(
        err.contains("marked deleted 1 rows whose records are gone"),
        "{err}"
    );
    let row = c
        .query_one(
            "SELECT count(*), count(*) FILTER (WHERE _deleted_at IS NOT NULL AND id = $1) FROM machines",
            &[&gone],
        )
        .expect("counts");
    assert_eq!((row.get::<_, i64>(0), row.get::<_, i64>(1)), (504, 1));
}
