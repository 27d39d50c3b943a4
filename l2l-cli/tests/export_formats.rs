//! `l2l export dispatches --out FILE` writes what FILE's name or `--format` says (issue 22
//! item 11): `.csv` CSV, `.json` one JSON array, `.jsonl` JSON Lines; a `--format` the name
//! contradicts is a usage error, and nothing is exported then.

mod common;

use common::{Env, ids_of, jsonl, stderr};
use l2l_areas::Dispatch;
use serde_json::Value;

/// The site's dispatch ids, sorted.
fn want(env: &Env) -> Vec<i64> {
    let c = env.sandbox().client();
    let mut ids: Vec<i64> = env
        .block_on(Dispatch::query(1).all(&c))
        .unwrap()
        .iter()
        .map(|d| d.id)
        .collect();
    ids.sort();
    assert!(!ids.is_empty(), "the demo data has dispatches");
    ids
}

fn export(env: &Env, file: &str, extra: &[&str]) -> String {
    let out = env.path(file);
    let o = env
        .l2l()
        .args(["export", "dispatches", "--site", "1", "-q", "--out"])
        .arg(&out)
        .args(extra)
        .output()
        .expect("l2l runs");
    assert!(o.status.success(), "{}", stderr(&o));
    std::fs::read_to_string(&out).expect("the file is written")
}

fn ids(rows: &[Value]) -> Vec<i64> {
    let mut ids = ids_of(rows);
    ids.sort();
    ids
}

#[test]
fn the_file_name_says_the_format() {
    let env = Env::demo("export-formats");
    let want = want(&env);

    let text = export(&env, "d.json", &[]);
    let rows: Vec<Value> = serde_json::from_str(&text).expect("one JSON array");
    assert_eq!(ids(&rows), want);

    let text = export(&env, "d.jsonl", &[]);
    assert_eq!(ids(&jsonl(&text)), want);

    let text = export(&env, "d.CSV", &[]);
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let header = r.headers().expect("a header line").clone();
    let id_col = header.iter().position(|h| h == "id").expect("an id column");
    assert!(header.iter().any(|h| h == "machinecode"), "{header:?}");
    let mut got: Vec<i64> = r
        .records()
        .map(|rec| rec.expect("a CSV record")[id_col].parse().expect("an id"))
        .collect();
    got.sort();
    assert_eq!(got, want);
}

#[test]
fn format_flag_names_the_format_of_a_name_without_one() {
    let env = Env::demo("export-format-flag");
    let want = want(&env);
    let text = export(&env, "dispatches.out", &["--format", "json"]);
    let rows: Vec<Value> = serde_json::from_str(&text).expect("one JSON array");
    assert_eq!(ids(&rows), want);
    // No extension and no flag: JSON Lines, as before.
    let text = export(&env, "dispatches", &[]);
    assert_eq!(ids(&jsonl(&text)), want);
}

#[test]
fn a_format_the_name_contradicts_is_a_usage_error() {
    let env = Env::demo("export-format-conflict");
    let before = env.requests();
    let out = env.path("d.json");
    let o = env
        .l2l()
        .args([
            "export",
            "dispatches",
            "--site",
            "1",
            "--format",
            "csv",
            "--out",
        ])
        .arg(&out)
        .output()
        .expect("l2l runs");
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("--format csv") && err.contains("d.json"),
        "{err}"
    );
    assert!(!out.exists(), "nothing written");
    assert_eq!(env.requests(), before, "no export job started");

    let o = env.fails(&[
        "export",
        "dispatches",
        "--site",
        "1",
        "-o",
        "table",
        "--out",
        "t",
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("not table"), "{}", stderr(&o));
    assert_eq!(env.requests(), before, "no export job started");
}
