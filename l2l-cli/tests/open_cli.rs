//! The open world from the command line: an area that l2l-areas does not declare is
//! listed, read, written and described untyped (with a one-line note), `l2l call` reaches
//! any endpoint, `l2l get` shows custom properties, and bad area paths and filter keys are
//! still clear errors sent nowhere.

mod common;

use common::{Env, jsonl, stderr};
use l2l_sandbox::Sandbox;
use serde_json::Value;

/// An area the sandbox serves but l2l-areas (and so the `l2l` binary) does not declare.
#[l2l_areas::record_area(path = "kanbancards", scope = site)]
#[derive(Debug, Clone, PartialEq)]
pub struct KanbanCard {
    #[l2l(id, read_only)]
    pub id: i64,
    pub site: i64,
    pub code: String,
    pub cost: Option<l2l_areas::Decimal>,
}

const NOTE: &str =
    "note: area `kanbancards` is not declared in l2l-areas; filters and fields are sent unchecked";

fn kanbancards(name: &str) -> Env {
    let mut areas: Vec<&'static l2l_areas::AreaSchema> = l2l_sandbox::default_areas().to_vec();
    areas.push(<KanbanCard as l2l_areas::RecordArea>::SCHEMA);
    Env::with(
        name,
        Sandbox::builder().areas(Box::leak(areas.into_boxed_slice())),
    )
}

/// Runs `l2l ARGS`, expecting success; returns stdout and stderr.
fn run(env: &Env, args: &[&str]) -> (String, String) {
    let out = env.l2l().args(args).output().expect("l2l runs");
    let err = stderr(&out);
    assert!(out.status.success(), "l2l {args:?} failed: {err}");
    (String::from_utf8(out.stdout).unwrap(), err)
}

fn codes(records: &[Value]) -> Vec<&str> {
    records
        .iter()
        .map(|r| r["code"].as_str().unwrap())
        .collect()
}

#[test]
fn an_undeclared_area_is_untyped_its_fields_unchecked_with_one_note() {
    let env = kanbancards("open-undeclared");
    for (code, cost) in [("WO-1", "12.50"), ("WO-2", "40.00"), ("WO-3", "7.25")] {
        let (out, err) = run(
            &env,
            &[
                "create",
                "kanbancards",
                "--site",
                "1",
                "--set",
                &format!("code={code}"),
                "--set",
                &format!("cost={cost}"),
                "-o",
                "jsonl",
            ],
        );
        assert_eq!(err, format!("{NOTE}\n"));
        assert_eq!(jsonl(&out)[0]["code"], code);
    }
    let (out, err) = run(&env, &["list", "kanbancards", "--site", "1", "-o", "jsonl"]);
    assert_eq!(err, format!("{NOTE}\n"), "one line on stderr");
    assert_eq!(codes(&jsonl(&out)), ["WO-1", "WO-2", "WO-3"]);
    // Filters, order, fields and paging are sent as given.
    let (out, _) = run(
        &env,
        &[
            "list",
            "kanbancards",
            "--site",
            "1",
            "--where",
            "cost__gte=10",
            "--order-by",
            "-code",
            "-o",
            "jsonl",
        ],
    );
    assert_eq!(codes(&jsonl(&out)), ["WO-2", "WO-1"]);
    let before = env.requests();
    let (out, _) = run(
        &env,
        &[
            "list",
            "kanbancards",
            "--site",
            "1",
            "--fields",
            "code",
            "--page-size",
            "1",
            "-o",
            "jsonl",
        ],
    );
    let recs = jsonl(&out);
    assert_eq!(codes(&recs), ["WO-1", "WO-2", "WO-3"]);
    assert!(
        recs.iter().all(|r| r.as_object().unwrap().len() == 1),
        "{out}"
    );
    assert!(env.requests() - before >= 3, "pages of one record");
    let (out, _) = run(
        &env,
        &[
            "list",
            "kanbancards",
            "--site",
            "1",
            "--limit",
            "2",
            "-o",
            "jsonl",
        ],
    );
    assert_eq!(jsonl(&out).len(), 2);
    // Nothing checks an undeclared area's filter: the server is asked, and answers.
    let before = env.requests();
    let out = env.fails(&[
        "list",
        "kanbancards",
        "--site",
        "1",
        "--where",
        "colour=red",
    ]);
    assert_eq!(env.requests() - before, 1, "the filter was sent");
    assert!(stderr(&out).starts_with(NOTE), "{}", stderr(&out));
    // One record: get, update, delete.
    let (out, _) = run(&env, &["get", "kanbancards", "2", "-o", "jsonl"]);
    assert_eq!(jsonl(&out)[0]["cost"], "40.00");
    let (out, _) = run(
        &env,
        &[
            "update",
            "kanbancards",
            "2",
            "--set",
            "code=WO-2b",
            "-o",
            "jsonl",
        ],
    );
    assert_eq!(jsonl(&out)[0]["code"], "WO-2b");
    run(&env, &["delete", "kanbancards", "3"]);
    let (out, _) = run(&env, &["list", "kanbancards", "--site", "1", "-o", "jsonl"]);
    assert_eq!(codes(&jsonl(&out)), ["WO-1", "WO-2b"]);
    // Its struct, inferred from its records.
    let (src, err) = run(&env, &["codegen", "kanbancards", "--site", "1"]);
    assert_eq!(err, format!("{NOTE}\n"));
    for want in [
        "#[l2l_areas::record_area(path = \"kanbancards\", scope = site)]",
        "pub struct Kanbancard {",
        "    #[l2l(id, read_only)]\n    pub id: i64,",
        "    pub cost: l2l_areas::Decimal,",
        "    pub code: String,",
    ] {
        assert!(src.contains(want), "{want:?} in:\n{src}");
    }
    // A declared area gets no note.
    let (_, err) = run(&env, &["list", "machines", "--site", "1", "-o", "jsonl"]);
    assert_eq!(err, "");
}

/// A usage error (exit 2) that sends nothing; returns stderr.
fn refused(env: &Env, args: &[&str]) -> String {
    let before = env.requests();
    let out = env.fails(args);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
    assert_eq!(env.requests(), before, "{args:?} sent a request");
    stderr(&out)
}

#[test]
fn bad_area_paths_and_filter_keys_are_clear_errors_sent_nowhere() {
    let env = Env::demo("open-bad-input");
    let err = refused(&env, &["list", "work orders", "--site", "1"]);
    assert!(
        err.starts_with("error: `work orders` is not an area path: it holds a blank\n"),
        "{err}"
    );
    let err = refused(&env, &["get", "kanbancards/get_external_costs", "5"]);
    assert!(err.contains("holds a slash"), "{err}");
    assert!(
        err.contains("hint: ") && err.contains("l2l call GET kanbancards/get_external_costs"),
        "{err}"
    );
    // A declared area's filter keys go through l2l-core's parser.
    let err = refused(
        &env,
        &["list", "machines", "--site", "1", "--where", "code__gtee=M"],
    );
    assert!(err.contains("__gtee"), "{err}");
    let err = refused(
        &env,
        &["list", "machines", "--site", "1", "--where", "cod=M"],
    );
    assert!(err.contains("`cod`") && err.contains("code"), "{err}");
    let err = refused(
        &env,
        &["list", "kanbancards", "--site", "1", "--where", "=5"],
    );
    assert!(err.contains("--where takes FIELD=VALUE"), "{err}");
    let err = refused(&env, &["call", "GET", "sites?limit=2"]);
    assert!(err.contains("query string"), "{err}");
    let err = refused(&env, &["call", "PATCH", "sites"]);
    assert!(err.contains("unknown method `PATCH`"), "{err}");
    let err = refused(&env, &["--max-in-flight", "0", "list", "sites"]);
    assert!(err.contains("--max-in-flight"), "{err}");
    // The ceilings are taken, and the list still reads every record.
    let (out, _) = run(
        &env,
        &[
            "--max-in-flight",
            "1",
            "--throttle",
            "50",
            "list",
            "machines",
            "--site",
            "1",
            "--page-size",
            "1",
            "-o",
            "jsonl",
        ],
    );
    assert_eq!(jsonl(&out).len(), 4);
}

#[test]
fn get_shows_custom_properties() {
    let env = Env::demo("open-get-custom");
    let (out, _) = run(&env, &["list", "machines", "--site", "1", "-o", "jsonl"]);
    let listed = jsonl(&out);
    let m1 = listed.iter().find(|r| r["id"] == 1).expect("machine 1");
    assert!(m1.get("custom__color").is_some(), "the list shows it: {m1}");
    // Without --site (the record's own site is asked for) and with it.
    for args in [
        &["get", "machines", "1", "-o", "json"][..],
        &["get", "machines", "1", "--site", "1", "-o", "json"][..],
    ] {
        let (out, _) = run(&env, args);
        let got: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(&got, m1, "{args:?}");
    }
}

#[test]
fn call_reaches_any_endpoint_and_prints_its_answer() {
    let env = kanbancards("open-call");
    let (out, _) = run(&env, &["call", "GET", "sites", "limit=1"]);
    assert!(
        out.starts_with("{\n  \""),
        "pretty JSON even in a pipe: {out}"
    );
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["success"], true);
    assert_eq!(v["data"].as_array().unwrap().len(), 1);
    // POST: the parameters are the form body.
    let (out, _) = run(
        &env,
        &[
            "call",
            "POST",
            "/kanbancards/",
            "site=1",
            "code=WO-9",
            "cost=3.5",
        ],
    );
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["data"]["code"], "WO-9");
    let (out, _) = run(
        &env,
        &[
            "call",
            "get",
            "kanbancards",
            "site=1",
            "code=WO-9",
            "-o",
            "jsonl",
        ],
    );
    assert_eq!(out.lines().count(), 1, "one line when asked: {out}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["data"][0]["cost"], "3.50");
    // A refusal: the answer is printed, and the command fails.
    let out = env.fails(&["call", "POST", "dispatches/close/99999", "site=1"]);
    // Issue 22: L2L's "dispatch 99999 not found" exits with the not-found code (4), not 1.
    assert_eq!(out.status.code(), Some(4));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["success"], false);
    assert!(
        stderr(&out).contains("L2L refused the call"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn call_signs_the_named_parameters() {
    let env = Env::with(
        "open-call-sign",
        Sandbox::builder()
            .signing_secret("Corporate HR Server", "Your-Secret-Key-Goes-Here")
            .signed_endpoint("users/set_externalid"),
    );
    let args = [
        "call",
        "POST",
        "users/set_externalid/jsmith",
        "site=1",
        "externalid=B-42",
    ];
    let out = env.fails(&args);
    assert!(stderr(&out).contains("403"), "unsigned: {}", stderr(&out));
    let signed = |extra: &[&str]| {
        let mut c = env.l2l();
        c.env("L2L_SECRET", "Your-Secret-Key-Goes-Here")
            .env("L2L_SERVER", "Corporate HR Server")
            .args(args)
            .args(extra);
        c.output().expect("l2l runs")
    };
    let out = signed(&["--sign", "site,externalid"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!String::from_utf8_lossy(&out.stdout).contains("Your-Secret"));
    let (out, _) = run(&env, &["call", "GET", "users", "loginid=jsmith"]);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["data"][0]["externalid"], "B-42");
    // A signed field that is not a parameter, and signing without a secret.
    let out = signed(&["--sign", "site,badge"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("`badge`"), "{}", stderr(&out));
    let out = env.fails(&[&args[..], &["--sign", "site"]].concat());
    assert!(stderr(&out).contains("L2L_SECRET"), "{}", stderr(&out));
}
