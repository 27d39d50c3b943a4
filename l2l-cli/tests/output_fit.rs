//! `l2l list` output as people and programs read it: a table that fits `COLUMNS`, and
//! `-o json` one array streamed record by record, the same records as `-o jsonl`.

mod common;

use common::Env;
use serde_json::Value;

#[test]
fn a_table_fits_columns_and_json_is_one_array_of_every_record() {
    let env = Env::machines("output-fit", 300);
    let out = env
        .l2l()
        .args(["list", "machines", "--site", "1", "-o", "table"])
        .env("COLUMNS", "60")
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines.len() > 300,
        "a row per record, past the sample of 100"
    );
    for l in &lines {
        assert!(l.chars().count() <= 60, "{l:?} is wider than COLUMNS=60");
    }
    assert!(lines.last().unwrap().starts_with('('), "the count ends it");
    let json: Vec<Value> =
        serde_json::from_str(&env.ok(&["list", "machines", "--site", "1", "-o", "json"])).unwrap();
    let jsonl = common::jsonl(&env.ok(&["list", "machines", "--site", "1", "-o", "jsonl"]));
    assert_eq!(json, jsonl);
    let none: Vec<Value> = serde_json::from_str(&env.ok(&[
        "list",
        "machines",
        "--site",
        "1",
        "--where",
        "code=none",
        "-o",
        "json",
    ]))
    .unwrap();
    assert!(none.is_empty());
}

#[test]
fn the_header_is_bold_only_where_colour_is_wanted_and_never_with_no_color() {
    let env = Env::demo("output-colour");
    let run = |vars: &[(&str, &str)]| {
        let mut c = env.l2l();
        c.args(["list", "sites", "-o", "table"]);
        for (k, v) in vars {
            c.env(k, v);
        }
        String::from_utf8(c.output().unwrap().stdout).unwrap()
    };
    assert!(!run(&[]).contains('\x1b'), "no colour in a pipe");
    let forced = run(&[("CLICOLOR_FORCE", "1")]);
    assert!(forced.starts_with("\x1b[1m"), "{forced:?}");
    assert!(!run(&[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]).contains('\x1b'));
}

#[test]
fn jq_filters_the_json_output_of_list_get_and_call() {
    let env = Env::demo("output-jq");
    let codes = env.ok(&["list", "machines", "--site", "1", "--jq", ".[].code"]);
    let listed = common::jsonl(&env.ok(&["list", "machines", "--site", "1", "-o", "jsonl"]));
    let want: Vec<String> = listed
        .iter()
        .map(|m| m["code"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        codes.lines().collect::<Vec<_>>(),
        want,
        "strings print bare, one a line"
    );
    assert_eq!(env.ok(&["get", "machines", "1", "--jq", ".id"]).trim(), "1");
    assert_eq!(
        env.ok(&["call", "GET", "sites", "limit=1", "--jq", ".success"])
            .trim(),
        "true"
    );
    let o = env.fails(&["list", "machines", "--site", "1", "--jq", ".["]);
    assert_eq!(o.status.code(), Some(2), "{}", common::stderr(&o));
    let o = env.fails(&[
        "sync",
        "machines",
        "--site",
        "1",
        "--to",
        "jsonl:x.jsonl",
        "--jq",
        ".",
    ]);
    assert_eq!(o.status.code(), Some(2));
}
