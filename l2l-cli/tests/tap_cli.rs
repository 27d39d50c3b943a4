//! `l2l tap`, the Singer tap, run as Meltano runs it (the real binary against a real
//! sandbox): the catalog, the messages, the bookmarks, a bad config, a run killed and
//! resumed.

mod common;
mod tap;

use std::collections::BTreeSet;

use common::{Env, stderr};
use serde_json::json;

#[test]
fn discover_types_each_field_and_marks_the_replication_key() {
    let env = Env::demo("tap-discover");
    let c = tap::discover(&env);
    let streams = c["streams"].as_array().unwrap();
    let ids: Vec<&str> = streams
        .iter()
        .map(|s| s["tap_stream_id"].as_str().unwrap())
        .collect();
    assert!(
        ids.contains(&"machines") && ids.contains(&"dispatches"),
        "{ids:?}"
    );
    let m = streams
        .iter()
        .find(|s| s["tap_stream_id"] == "machines")
        .unwrap();
    assert_eq!(m["key_properties"], json!(["id"]));
    assert_eq!(m["replication_key"], "lastupdated");
    let p = &m["schema"]["properties"];
    assert_eq!(p["id"]["type"], json!(["integer"]));
    assert_eq!(p["site"]["type"][0], "integer");
    assert_eq!(p["lastupdated"]["format"], "date-time");
    assert_eq!(p["description"]["type"][0], "string");
    assert_eq!(
        p["_extra"]["type"][0], "object",
        "custom properties have a place"
    );
    let root = &m["metadata"][0];
    assert_eq!(root["breadcrumb"], json!([]));
    assert_eq!(root["metadata"]["forced-replication-method"], "INCREMENTAL");
    assert_eq!(
        root["metadata"]["valid-replication-keys"],
        json!(["lastupdated"])
    );
    assert_eq!(root["metadata"]["selected-by-default"], true);
}

#[test]
fn an_area_the_key_may_not_read_is_left_out_of_the_catalog() {
    let env = Env::with(
        "tap-forbid",
        l2l_sandbox::Sandbox::builder().forbid("pitches"),
    );
    let c = tap::discover(&env);
    let ids: Vec<&str> = c["streams"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["tap_stream_id"].as_str().unwrap())
        .collect();
    assert!(
        !ids.contains(&"pitches") && ids.contains(&"machines"),
        "{ids:?}"
    );
}

#[test]
fn a_bad_config_is_refused_by_name_before_anything_is_sent() {
    let env = Env::demo("tap-config");
    let path = env.path("bad.json");
    std::fs::write(
        &path,
        json!({"base_url": env.base_url, "api_key": "sekrit-key", "sites": [1, "x"]}).to_string(),
    )
    .unwrap();
    let before = env.requests();
    let o = env.fails(&["tap", "--config", path.to_str().unwrap(), "--discover"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("bad.json: `sites` must be a positive whole number"),
        "{err}"
    );
    assert!(!err.contains("sekrit"), "{err}");
    assert!(o.stdout.is_empty());
    assert_eq!(env.requests(), before, "nothing was sent");
}

#[test]
fn about_describes_the_tap_in_json_and_markdown() {
    let env = Env::demo("tap-about");
    let j: serde_json::Value =
        serde_json::from_str(&env.ok(&["tap", "--about", "--format", "json"])).unwrap();
    assert_eq!(j["name"], "tap-l2l");
    assert!(
        j["capabilities"]
            .as_array()
            .unwrap()
            .contains(&json!("state"))
    );
    let md = env.ok(&["tap", "--about", "--format", "markdown"]);
    assert!(
        md.starts_with("# `tap-l2l`") && md.contains("| api_key |"),
        "{md}"
    );
    // Linked as `tap-l2l`, the binary is the tap (what Meltano runs as `executable`).
    let link = env.path("tap-l2l");
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_l2l"), &link).unwrap();
    let o = std::process::Command::new(&link)
        .args(["--about", "--format", "json"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let linked: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(linked, j);
}

#[test]
fn records_then_state_then_only_the_changes_and_the_deletions() {
    let env = Env::demo("tap-incremental");
    let cat = tap::catalog(&env, &["machines", "dispatches"]);
    let first = tap::messages(&tap::run(&env, &cat, None));
    assert_eq!(first[0]["type"], "SCHEMA");
    let machines: BTreeSet<i64> = tap::ids(&first, "machines").into_iter().collect();
    assert_eq!(
        machines,
        tap::all_ids(&env, "machines"),
        "every machine, once"
    );
    assert_eq!(tap::ids(&first, "machines").len(), machines.len());
    let rec = first.iter().find(|m| m["type"] == "RECORD").unwrap();
    assert!(
        rec["time_extracted"].as_str().unwrap().ends_with('Z'),
        "{rec}"
    );
    assert!(
        rec["record"]["lastupdated"].as_str().unwrap().contains('T'),
        "{rec}"
    );
    // Nothing is selected but machines and dispatches.
    assert!(first.iter().all(|m| m["type"] == "STATE"
        || ["machines", "dispatches"].contains(&m["stream"].as_str().unwrap())));
    let state = tap::last_state(&first);

    // Nothing changed: no record.
    let again = tap::messages(&tap::run(&env, &cat, Some(&state)));
    assert!(again.iter().all(|m| m["type"] != "RECORD"), "{again:?}");

    // One machine changed and one dispatch deleted: those two, and nothing else.
    let d = *tap::all_ids(&env, "dispatches").iter().next().unwrap();
    env.ok(&[
        "update",
        "machines",
        "2",
        "--set",
        "description=Press 2, rebuilt",
    ]);
    env.ok(&["delete", "dispatches", &d.to_string()]);
    let third = tap::messages(&tap::run(&env, &cat, Some(&tap::last_state(&again))));
    assert_eq!(tap::ids(&third, "machines"), [2]);
    let gone: Vec<_> = third
        .iter()
        .filter(|m| m["type"] == "RECORD" && m["stream"] == "dispatches")
        .collect();
    assert_eq!(gone.len(), 1, "{gone:?}");
    assert_eq!(gone[0]["record"]["id"], d);
    assert!(gone[0]["record"]["_sdc_deleted_at"].is_string(), "{gone:?}");
}

#[test]
fn a_run_killed_mid_stream_resumes_from_its_last_state_losing_and_repeating_nothing() {
    let env = Env::machines("tap-kill", 60_000);
    let cat = tap::catalog(&env, &["machines"]);
    let part1 = tap::messages(&tap::killed_run(&env, &cat, 500));
    let state = tap::last_state(&part1);
    let covered = part1.iter().rposition(|m| m["type"] == "STATE").unwrap();
    let before: BTreeSet<i64> = tap::ids(&part1[..covered], "machines")
        .into_iter()
        .collect();
    assert!(
        !before.is_empty() && before.len() < 60_000,
        "killed mid-stream: {}",
        before.len()
    );
    let part2 = tap::messages(&tap::run(&env, &cat, Some(&state)));
    let resumed = tap::ids(&part2, "machines");
    assert!(
        resumed.iter().all(|id| !before.contains(id)),
        "nothing a STATE covered is sent again"
    );
    let got: BTreeSet<i64> = tap::ids(&part1, "machines")
        .into_iter()
        .chain(resumed)
        .collect();
    assert_eq!(got, tap::all_ids(&env, "machines"), "nothing is lost");
}

#[test]
fn an_area_of_the_areas_file_is_a_stream_too() {
    let dir = std::env::temp_dir().join(format!("l2l-tap-areas-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("areas.json");
    let areas = json!({"areas": [{"name": "KanbanCard", "path": "kanbancards", "scope": "site",
        "max_limit": 2000, "custom_properties": false,
        "operations": ["get", "list", "create", "update", "delete"],
        "fields": [
            {"api_name": "id", "kind": "integer", "id": true, "read_only": true},
            {"api_name": "site", "kind": "integer"},
            {"api_name": "code", "kind": "text"},
            {"api_name": "lastupdated", "kind": "datetime", "read_only": true}]}]});
    std::fs::write(&file, areas.to_string()).unwrap();
    let env = Env::with(
        "tap-areas-file",
        l2l_sandbox::Sandbox::builder().areas_file(&file),
    );
    env.ok(&["call", "POST", "kanbancards/", "site=1", "code=K-1"]);
    let cfg = env.path("tap-areas.json");
    let c = json!({"base_url": env.base_url, "api_key": env.key, "site": 1, "areas_file": file});
    std::fs::write(&cfg, c.to_string()).unwrap();
    let cat: serde_json::Value =
        serde_json::from_str(&env.ok(&["tap", "--config", cfg.to_str().unwrap(), "--discover"]))
            .unwrap();
    let k = cat["streams"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["tap_stream_id"] == "kanbancards")
        .expect("the file's area is discovered")
        .clone();
    assert_eq!(k["schema"]["properties"]["code"]["type"][0], "string");
    let only = json!({"streams": [k]});
    let path = env.path("kanban-catalog.json");
    std::fs::write(&path, only.to_string()).unwrap();
    let out = env.ok(&[
        "tap",
        "--config",
        cfg.to_str().unwrap(),
        "--catalog",
        path.to_str().unwrap(),
    ]);
    let msgs = tap::messages(&out);
    assert_eq!(tap::ids(&msgs, "kanbancards").len(), 1);
    let _ = std::fs::remove_dir_all(&dir);
}
