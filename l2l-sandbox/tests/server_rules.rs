//! The rules of a real server: every way of deleting a dispatch leaves the same tombstone
//! for the change feed; a natural key the schema declares is unique; an update does not
//! move a record to another site.

mod common;

use common::{Raw, column, sandbox};
use serde_json::Value;

async fn open_dispatch(raw: &Raw, machine: &str, description: &str) -> i64 {
    let v = raw
        .post(
            "dispatches/open/",
            &[
                ("site", "1"),
                ("machinecode", machine),
                ("dispatchtypecode", "Maintenance"),
                ("description", description),
                ("trade_required", "false"),
            ],
        )
        .await;
    assert_eq!(v["success"], true, "{v}");
    v["data"]["id"].as_i64().unwrap()
}

/// The feed's records of dispatch `id` since 2000, deleted ones included.
async fn feed(raw: &Raw, id: i64) -> Vec<Value> {
    let v = raw
        .ok("dispatches/get_event_data/?site=1&lastupdated=2000-01-01%2000:00&deleted=true&limit=1000")
        .await;
    v["data"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["id"] == id)
        .cloned()
        .collect()
}

#[tokio::test]
async fn every_way_of_deleting_a_dispatch_leaves_the_same_tombstone() {
    let sb = sandbox().await;
    let raw = Raw::new(&sb);
    let by_delete = open_dispatch(&raw, "M-100", "by DELETE").await;
    let by_action = open_dispatch(&raw, "M-101", "by _action").await;
    let by_path = open_dispatch(&raw, "M-200", "by delete/").await;
    let (s, v) = raw
        .send("DELETE", &format!("dispatches/{by_delete}/"), &[])
        .await;
    assert_eq!((s, &v["success"]), (200, &Value::Bool(true)), "{v}");
    let v = raw
        .post(
            &format!("dispatches/{by_action}/"),
            &[("_action", "delete")],
        )
        .await;
    assert_eq!(v["success"], true, "{v}");
    let v = raw
        .ok(&format!("dispatches/delete/{by_path}/?site=1"))
        .await;
    assert_eq!(v["success"], true, "{v}");
    let mut shapes = Vec::new();
    for (id, description) in [
        (by_delete, "by DELETE"),
        (by_action, "by _action"),
        (by_path, "by delete/"),
    ] {
        let (_, v) = raw.get(&format!("dispatches/{id}/")).await;
        assert_eq!(v["success"], false, "{id} is gone: {v}");
        let rows = feed(&raw, id).await;
        assert_eq!(rows.len(), 1, "{description}: one tombstone: {rows:?}");
        let t = &rows[0];
        assert_eq!(t["deleted"], true, "{description}: {t}");
        assert_eq!(t["description"], description);
        assert!(t["machinecode"].as_str().is_some(), "{t}");
        let mut keys: Vec<String> = t.as_object().unwrap().keys().cloned().collect();
        keys.sort();
        shapes.push(keys);
    }
    assert!(shapes.windows(2).all(|w| w[0] == w[1]), "{shapes:?}");
    // Without `deleted=true` the feed does not list them.
    let v = raw
        .ok("dispatches/get_event_data/?site=1&lastupdated=2000-01-01%2000:00&limit=1000")
        .await;
    let live: Vec<i64> = v["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_i64().unwrap())
        .collect();
    assert!(!live.contains(&by_delete) && !live.contains(&by_action));
}

#[tokio::test]
async fn a_machine_code_is_unique_in_its_site() {
    let sb = sandbox().await;
    let raw = Raw::new(&sb);
    // A create with M-100's code at site 1 is refused, naming the field and the value.
    let v = raw
        .post(
            "machines/",
            &[("site", "1"), ("code", "M-100"), ("linecode", "Line2")],
        )
        .await;
    assert_eq!(v["success"], false, "{v}");
    let e = v["error"].as_str().unwrap();
    assert!(e.contains("`code` \"M-100\""), "{e}");
    assert!(e.contains("site 1"), "{e}");
    let v = raw.ok("machines/?site=1&code=M-100").await;
    assert_eq!(column(&v, "code").len(), 1, "still one M-100");
    // The same code at another site is another machine.
    let v = raw
        .post(
            "machines/",
            &[("site", "43"), ("code", "M-100"), ("linecode", "Line43")],
        )
        .await;
    assert_eq!(v["success"], true, "{v}");
    // An update to a taken code is refused; to a free one, or to its own, taken.
    let m101 = raw.ok("machines/?site=1&code=M-101").await["data"][0]["id"]
        .as_i64()
        .unwrap();
    let v = raw
        .post(&format!("machines/{m101}/"), &[("code", "M-100")])
        .await;
    assert_eq!(v["success"], false, "{v}");
    assert!(v["error"].as_str().unwrap().contains("M-100"), "{v}");
    let v = raw
        .post(&format!("machines/{m101}/"), &[("code", "M-101")])
        .await;
    assert_eq!(v["success"], true, "{v}");
    let v = raw
        .post(&format!("machines/{m101}/"), &[("code", "M-101B")])
        .await;
    assert_eq!(v["data"]["code"], "M-101B", "{v}");
}

#[tokio::test]
async fn a_line_code_is_unique_in_its_site() {
    let sb = sandbox().await;
    let raw = Raw::new(&sb);
    let v = raw
        .post(
            "lines/",
            &[("site", "1"), ("code", "Line1"), ("areacode", "ASSY")],
        )
        .await;
    assert_eq!(v["success"], false, "{v}");
    assert!(v["error"].as_str().unwrap().contains("Line1"), "{v}");
    let v = raw.ok("lines/?site=1&code=Line1").await;
    assert_eq!(column(&v, "code").len(), 1);
}

#[tokio::test]
async fn an_update_naming_another_site_is_refused_not_a_move() {
    let sb = sandbox().await;
    let raw = Raw::new(&sb);
    let m100 = raw.ok("machines/?site=1&code=M-100").await["data"][0]["id"]
        .as_i64()
        .unwrap();
    for (method, form) in [
        ("POST", vec![("site", "43"), ("description", "moved?")]),
        ("PUT", vec![("site", "43")]),
        ("POST", vec![("site_id", "43"), ("description", "moved?")]),
    ] {
        let (s, v) = raw.send(method, &format!("machines/{m100}/"), &form).await;
        assert_eq!(s, 200, "{v}");
        assert_eq!(v["success"], false, "{method} {form:?}: {v}");
        let e = v["error"].as_str().unwrap();
        assert!(e.contains("site 1") && e.contains("site 43"), "{e}");
    }
    let v = raw.ok(&format!("machines/{m100}/")).await;
    assert_eq!(v["data"]["site"], 1);
    assert_ne!(v["data"]["description"], "moved?");
    // Naming the record's own site is fine.
    let v = raw
        .post(
            &format!("machines/{m100}/"),
            &[("site", "1"), ("description", "stays")],
        )
        .await;
    assert_eq!(v["data"]["description"], "stays", "{v}");
}
