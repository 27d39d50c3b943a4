//! `l2l call --paginate` (every page as one JSON array, as `gh api --paginate` users ask)
//! `--input FILE|-` (a body's parameters from a file) and `-i` (the status and headers),
//! run as a user runs them.

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

/// `l2l call -i ...`: stdout, stderr and the exit code.
fn include(env: &Env, args: &[&str]) -> (String, String, Option<i32>) {
    let o = env
        .l2l()
        .args(["call", "-i"])
        .args(args)
        .output()
        .expect("l2l runs");
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr(&o),
        o.status.code(),
    )
}

#[test]
fn include_prints_the_status_and_headers_then_the_answer() {
    let env = Env::demo("call-include");
    let (out, err, code) = include(&env, &["GET", "sites", "limit=2"]);
    assert_eq!(code, Some(0), "{err}");
    let (head, body) = out
        .split_once("\n\n")
        .expect("headers, a blank line, the body");
    let mut lines = head.lines();
    assert_eq!(lines.next(), Some("HTTP 200 OK"), "{out}");
    assert!(
        lines.any(|l| l
            .to_ascii_lowercase()
            .starts_with("content-type: application/json")),
        "{head}"
    );
    let answer: Value = serde_json::from_str(body.trim()).expect("the JSON answer");
    assert_eq!(answer["success"], true);
    assert_eq!(answer["data"].as_array().map(Vec::len), Some(2));
    // The key never shows: not in the headers, not in the answer.
    assert!(!out.contains(&env.key), "{out}");

    // A status other than 200 is printed, then fails the command with its exit code.
    let (out, _, code) = include(&env, &["GET", "nosucharea"]);
    assert!(out.starts_with("HTTP 404 Not Found\n"), "{out}");
    assert_eq!(code, Some(4), "not found");
    let bad = env
        .l2l()
        .env("L2L_API_KEY", "wrong-key")
        .args(["call", "-i", "GET", "sites"])
        .output()
        .expect("l2l runs");
    let out = String::from_utf8_lossy(&bad.stdout);
    assert!(
        out.starts_with("HTTP 401") || out.starts_with("HTTP 403"),
        "{out}"
    );
    assert_eq!(bad.status.code(), Some(3), "authentication");

    // A refusal (HTTP 200, success false) is printed whole and exits as refused.
    let (out, err, code) = include(&env, &["POST", "dispatches/open/", "site=1"]);
    assert!(out.starts_with("HTTP 200 OK\n"), "{out}");
    assert!(
        out.contains("\"success\": false") || out.contains("\"success\":false"),
        "{out}"
    );
    assert_eq!(code, Some(5), "{err}");
    // -i and --paginate do not go together.
    let (_, _, code) = include(&env, &["GET", "sites", "--paginate"]);
    assert_eq!(code, Some(2));
}
