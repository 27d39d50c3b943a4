//! `l2l list` against a sandbox with the demo data: filters in each output format, and
//! mistakes caught before anything is sent.

mod common;

use common::{Env, jsonl, stderr};
use serde_json::Value;

fn codes(records: &[Value]) -> Vec<&str> {
    records
        .iter()
        .map(|r| r["code"].as_str().unwrap_or("?"))
        .collect()
}

const FILTER: [&str; 10] = [
    "list",
    "machines",
    "--site",
    "1",
    "--where",
    "code__gte=M-2",
    "--where",
    "active=true",
    "--order-by",
    "-code",
];

#[test]
fn filters_in_every_format() {
    let env = Env::demo("list-formats");

    let out = env.ok(&[&FILTER[..], &["--format", "jsonl"]].concat());
    assert_eq!(codes(&jsonl(&out)), ["WLD-01", "M-200"]);

    let out = env.ok(&[&FILTER[..], &["--format", "json"]].concat());
    let v: Value = serde_json::from_str(&out).expect("one JSON document");
    assert_eq!(codes(v.as_array().expect("an array")), ["WLD-01", "M-200"]);

    let out = env.ok(&[
        &FILTER[..],
        &["--format", "csv", "--fields", "id,code,line"],
    ]
    .concat());
    assert_eq!(out, "id,code,line\n4,WLD-01,3\n3,M-200,2\n");

    let out = env.ok(&[&FILTER[..], &["--format", "table"]].concat());
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].starts_with("id  site  code"), "{out}");
    assert!(lines[1].starts_with("──"), "{out}");
    assert!(
        lines[2].contains("WLD-01") && lines[3].contains("M-200"),
        "{out}"
    );
    assert_eq!(lines[4], "(2 records)");
    assert!(!out.contains("M-100"), "{out}");
}

#[test]
fn piped_output_defaults_to_json_lines() {
    let env = Env::demo("list-piped");
    let out = env.ok(&["list", "sites", "--where", "site__lt=4"]);
    let sites = jsonl(&out);
    let numbers: Vec<i64> = sites.iter().filter_map(|s| s["site"].as_i64()).collect();
    assert_eq!(numbers, [1, 2, 3]);
}

#[test]
fn custom_properties_isnull_and_limits() {
    let env = Env::demo("list-more");
    let out = env.ok(&[
        "list",
        "machines",
        "--site",
        "1",
        "--where",
        "custom__color=red",
    ]);
    assert_eq!(codes(&jsonl(&out)), ["M-100", "WLD-01"]);

    let out = env.ok(&[
        "list",
        "machines",
        "--site",
        "1",
        "--where",
        "description__isnull=False",
        "--fields",
        "code",
    ]);
    let records = jsonl(&out);
    assert_eq!(records.len(), 4);
    for r in &records {
        let keys: Vec<&String> = r.as_object().expect("an object").keys().collect();
        assert_eq!(keys, ["code"], "only the fields asked for");
    }

    // One page, and several pages cut at the limit.
    let out = env.ok(&["list", "machines", "--site", "1", "--limit", "3"]);
    assert_eq!(codes(&jsonl(&out)), ["M-100", "M-101", "M-200"]);
    let before = env.requests();
    let out = env.ok(&[
        "list",
        "machines",
        "--site",
        "1",
        "--limit",
        "3",
        "--page-size",
        "2",
    ]);
    assert_eq!(codes(&jsonl(&out)), ["M-100", "M-101", "M-200"]);
    assert!(env.requests() - before >= 2, "paged in pages of 2");
}

/// Each mistake: the error line, its hint (if any), exit code 2, and no request sent.
fn refused(env: &Env, args: &[&str], error: &str, hint: impl Into<Option<&'static str>>) {
    let before = env.requests();
    let out = env.fails(args);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines[0], format!("error: {error}"), "{args:?}");
    match hint.into() {
        Some(hint) => {
            assert_eq!(lines.len(), 2, "one error line and one hint: {err}");
            assert_eq!(lines[1], format!("hint: {hint}"), "{args:?}");
        }
        None => assert_eq!(lines.len(), 1, "one error line: {err}"),
    }
    assert!(out.stdout.is_empty());
    assert_eq!(env.requests(), before, "{args:?} sent a request");
}

#[test]
fn unknown_names_get_a_suggestion_before_anything_is_sent() {
    let env = Env::demo("list-mistakes");
    refused(
        &env,
        &["list", "machines", "--site", "1", "--where", "cod__gte=M"],
        "area `machines` has no field `cod`",
        "did you mean `code`?",
    );
    refused(
        &env,
        &["list", "machines", "--site", "1", "--where", "code__gtee=M"],
        "filter `code__gtee`: unknown lookup `__gtee`",
        "did you mean `__gte`?",
    );
    refused(
        &env,
        &[
            "list",
            "machines",
            "--site",
            "1",
            "--fields",
            "id,descripton",
        ],
        "area `machines` has no field `descripton`",
        "did you mean `description`?",
    );
    refused(
        &env,
        &[
            "list",
            "machines",
            "--site",
            "1",
            "--order-by",
            "-lastupdate",
        ],
        "area `machines` has no field `lastupdate`",
        "did you mean `lastupdated`?",
    );
    // Any area path is an area: a misspelt one is asked for, with a note that suggests.
    let out = env.fails(&["list", "machnes", "--site", "1"]);
    let err = stderr(&out);
    assert!(
        err.starts_with(
            "note: area `machnes` is not declared in l2l-areas; filters and fields are sent \
             unchecked (did you mean `machines`?)\nerror: HTTP 404"
        ),
        "{err}"
    );
    refused(
        &env,
        &[
            "list",
            "machines",
            "--site",
            "1",
            "--where",
            "active__gt=true",
        ],
        "field `active` of `machines` (bool) does not allow `__gt`",
        None,
    );
    refused(
        &env,
        &["list", "machines"],
        "area `machines` is kept per site: name one with --site N",
        "`l2l list sites` shows the site numbers (the `site` column)",
    );
    refused(
        &env,
        &["list", "machines", "--site", "1", "--page-size", "5000"],
        "--page-size 5000 is outside 1..=2000 for `machines`",
        "L2L refuses pages above 2000 records in this area",
    );
}

#[test]
fn server_errors_are_one_line_with_a_hint() {
    let env = Env::demo("list-server-errors");
    let out = env
        .l2l()
        .env("L2L_API_KEY", "not-the-key")
        .args(["list", "sites"])
        .output()
        .expect("l2l runs");
    let err = stderr(&out);
    // Issue 22: a refused key has its own exit code (3), no longer 1.
    assert_eq!(out.status.code(), Some(3));
    assert!(err.starts_with("error: HTTP 401 from L2L"), "{err}");
    assert!(err.contains("\nhint: check the API key"), "{err}");
    assert!(
        !err.contains("not-the-key"),
        "the key is never printed: {err}"
    );

    let out = env.fails(&["get", "machines", "999"]);
    let err = stderr(&out);
    // Issue 22: a record that is not found has its own exit code (4), no longer 1.
    assert_eq!(out.status.code(), Some(4));
    assert!(err.starts_with("error: L2L refused the call:"), "{err}");
    assert!(err.contains("record 999 not found"), "{err}");
}

#[test]
fn verbose_shows_requests_without_the_key() {
    let env = Env::demo("list-verbose");
    let out = env
        .l2l()
        .args(["--verbose", "list", "sites", "--limit", "2"])
        .output()
        .expect("l2l runs");
    assert!(out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "> GET {}/api/1.0/sites/?limit=2\n< 200 in ",
            env.base_url
        )),
        "{err}"
    );
    assert!(!err.contains(&env.key), "the key is never printed: {err}");
    assert_eq!(jsonl(&String::from_utf8_lossy(&out.stdout)).len(), 2);
}
