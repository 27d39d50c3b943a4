//! Issue 22: with `--format json` or `jsonl` a failure is one JSON object on stderr
//! (`error`, `kind`, and `status`, `field`, `suggestion` where known); the prose form says
//! each message once.

mod common;

use common::{Env, stderr};
use serde_json::Value;

/// The one JSON object on stderr.
fn error_object(o: &std::process::Output) -> Value {
    let err = stderr(o);
    let lines: Vec<&str> = err.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "one line on stderr: {err}");
    serde_json::from_str(lines[0]).unwrap_or_else(|e| panic!("{e}: {err}"))
}

#[test]
fn a_wrong_key_is_a_json_object_with_its_status() {
    let env = Env::demo("json-auth");
    let o = env
        .l2l()
        .env("L2L_API_KEY", "not-the-key")
        .args(["list", "sites", "--format", "json"])
        .output()
        .expect("l2l runs");
    assert_eq!(o.status.code(), Some(3));
    let e = error_object(&o);
    assert_eq!(e["kind"], "auth", "{e}");
    assert_eq!(e["status"], 401, "{e}");
    assert!(
        e["error"].as_str().is_some_and(|s| s.contains("HTTP 401")),
        "{e}"
    );
    assert!(!stderr(&o).contains("not-the-key"), "never the key");
}

#[test]
fn an_unknown_field_names_the_field_and_the_suggestion() {
    let env = Env::demo("json-field");
    let o = env.fails(&[
        "list", "machines", "--site", "1", "--fields", "cod", "-o", "jsonl",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let e = error_object(&o);
    assert_eq!(e["kind"], "usage", "{e}");
    assert_eq!(e["field"], "cod", "{e}");
    assert_eq!(e["suggestion"], "code", "{e}");
}

#[test]
fn a_refusal_and_a_missing_record_have_their_kinds() {
    // B08
    let env = Env::demo("json-refused");
    let o = env.fails(&[
        "create",
        "machines",
        "--site",
        "1",
        "--set",
        "description=x",
        "-o",
        "json",
    ]);
    let e = error_object(&o);
    assert_eq!(e["kind"], "refused", "{e}");
    assert_eq!(e["status"], 200, "{e}");
    assert_eq!(
        e["error"], "L2L refused the call: `code` is required",
        "each message once: {e}"
    );

    let o = env.fails(&["get", "machines", "999999", "--format=json"]);
    let e = error_object(&o);
    assert_eq!(e["kind"], "not_found", "{e}");
}

#[test]
fn a_bad_flag_is_json_too_when_json_is_asked_for() {
    let env = Env::demo("json-flag");
    let o = env.fails(&["list", "machines", "--no-such-flag", "-o", "json"]);
    assert_eq!(o.status.code(), Some(2));
    let e = error_object(&o);
    assert_eq!(e["kind"], "usage", "{e}");
    assert!(
        e["error"]
            .as_str()
            .is_some_and(|s| s.contains("--no-such-flag")),
        "{e}"
    );
}

#[test]
fn the_prose_form_says_a_message_once() {
    let env = Env::demo("json-prose");
    let o = env.fails(&[
        "create",
        "machines",
        "--site",
        "1",
        "--set",
        "description=x",
    ]);
    let err = stderr(&o);
    assert!(
        err.starts_with("error: L2L refused the call: `code` is required\n"),
        "{err}"
    );
    assert_eq!(err.matches("is required").count(), 1, "{err}");
    assert!(
        serde_json::from_str::<Value>(err.lines().next().unwrap_or_default()).is_err(),
        "prose without --format json"
    );
}
