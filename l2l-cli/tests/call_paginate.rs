//! `l2l call --paginate` (every page as one JSON array, as `gh api --paginate` users ask)
//! and `--input FILE|-` (a body's parameters from a file), run as a user runs them.

mod common;

use std::io::Write as _;
use std::process::Stdio;

use common::{Env, stderr};
use serde_json::Value;

#[test]
fn paginate_prints_every_page_as_one_array() {
    let env = Env::machines("call-paginate", 4_500);
    let out = env.ok(&[
        "call",
        "GET",
        "machines",
        "site=1",
        "limit=1000",
        "--paginate",
    ]);
    let all: Vec<Value> = serde_json::from_str(&out).expect("one JSON array");
    let listed = common::jsonl(&env.ok(&[
        "list", "machines", "--site", "1", "--fields", "id", "-o", "jsonl",
    ]));
    assert_eq!(all.len(), listed.len());
    let mut ids: Vec<i64> = all.iter().map(|r| r["id"].as_i64().unwrap()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), all.len(), "no record twice");
    // Without a limit: pages of the server's size, until an empty one.
    let lines = env.ok(&["call", "GET", "sites", "--paginate", "-o", "jsonl"]);
    assert_eq!(
        common::jsonl(&lines).len(),
        common::jsonl(&env.ok(&["list", "sites", "-o", "jsonl"])).len()
    );
    let o = env.fails(&["call", "POST", "machines", "--paginate"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

#[test]
fn input_sends_a_json_object_or_a_form_as_the_body() {
    let env = Env::demo("call-input");
    let file = env.path("machine.json");
    std::fs::write(
        &file,
        r#"{"site": 1, "code": "IN-1", "description": "from a file"}"#,
    )
    .unwrap();
    let out = env.ok(&[
        "call",
        "POST",
        "machines/",
        "--input",
        file.to_str().unwrap(),
    ]);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["data"]["code"], "IN-1");
    assert_eq!(v["data"]["description"], "from a file");
    // From stdin, as a form, with an argument after it.
    let mut child = env
        .l2l()
        .args([
            "call",
            "POST",
            "machines/",
            "--input",
            "-",
            "description=given last",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"site=1&code=IN-2")
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["data"]["code"], "IN-2");
    assert_eq!(v["data"]["description"], "given last");
    std::fs::write(&file, "[1, 2]").unwrap();
    let o = env.fails(&[
        "call",
        "POST",
        "machines/",
        "--input",
        file.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}
