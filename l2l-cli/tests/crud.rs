//! `l2l create`, `get`, `update` and `delete` against a sandbox with the demo data.

mod common;

use common::{Env, json, stderr};
use serde_json::Value;

#[test]
fn create_update_delete() {
    let env = Env::demo("crud");
    let created = json(&env.ok(&[
        "create",
        "machines",
        "--site",
        "1",
        "--set",
        "code=WLD0001",
        "--set",
        "description=Welder for line 1",
        "--set",
        "shortdescription=Welder 1",
        "--set",
        "linecode=Line1",
        "--format",
        "json",
    ]));
    let id = created["id"].as_i64().expect("an id");
    assert_eq!(created["code"], "WLD0001");
    assert_eq!(created["site"], 1);
    assert_eq!(created["line"], 1, "linecode Line1 set the line");

    let updated = json(&env.ok(&[
        "update",
        "machines",
        &id.to_string(),
        "--set",
        "description=Welder 1, line 1",
        "--set",
        "externalid=",
        "--format",
        "json",
    ]));
    assert_eq!(updated["description"], "Welder 1, line 1");
    // An empty value clears the field (the sandbox keeps text as an empty string).
    assert!(
        matches!(&updated["externalid"], Value::Null) || updated["externalid"] == "",
        "{updated}"
    );
    assert_eq!(updated["code"], "WLD0001", "untouched fields stay");

    let got = json(&env.ok(&["get", "machines", &id.to_string(), "--format", "jsonl"]));
    assert_eq!(got, updated);

    let table = env.ok(&["get", "machines", &id.to_string(), "--format", "table"]);
    assert!(
        table.lines().any(|l| l == "code              WLD0001"),
        "{table}"
    );

    let deleted = env.ok(&["delete", "machines", &id.to_string(), "--format", "table"]);
    assert_eq!(deleted, format!("deleted machines {id}\n"));
    let out = env.fails(&["get", "machines", &id.to_string()]);
    assert!(stderr(&out).contains("not found"), "{}", stderr(&out));
}

#[test]
fn writes_are_checked_against_the_schema() {
    let env = Env::demo("crud-checks");
    let before = env.requests();
    for (args, error) in [
        (
            &["create", "machines", "--site", "1", "--set", "cod=X"][..],
            "error: area `machines` has no field `cod`\nhint: did you mean `code`?\n",
        ),
        (
            &["update", "machines", "1", "--set", "lastupdated=2024-01-01"][..],
            "error: `lastupdated` of `machines` is read-only: L2L sets it\n",
        ),
        (
            &["update", "machines", "1", "--set", "active=perhaps"][..],
            "error: `active` of `machines` is bool, and \"perhaps\" is not\nhint: give true or false\n",
        ),
        (
            &["create", "machines", "--set", "code=X"][..],
            "error: area `machines` is kept per site: name one with --site N\n",
        ),
        (
            &["create", "usertimes", "--site", "1", "--set", "user=1"][..],
            "error: L2L does not create `usertimes` records through the API\nhint: `usertimes` supports: get, list\n",
        ),
        (
            &["update", "machines", "1", "--set", "code"][..],
            "error: --set takes FIELD=VALUE, not \"code\"\nhint: for example: --set code=WLD0001\n",
        ),
    ] {
        let out = env.fails(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_eq!(stderr(&out), error, "{args:?}");
    }
    assert_eq!(env.requests(), before, "nothing was sent");
}
