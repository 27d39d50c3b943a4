//! `--areas-file`: an area declared nowhere in Rust, served from a file in the format of
//! `schema/l2l-areas.json`, with filters, ordering, paging and writes.

mod common;

use common::{Raw, column, ids};
use l2l_sandbox::Sandbox;

const WORKORDERS: &str = r#"{"areas": [{
  "name": "WorkOrder", "path": "workorders", "scope": "site", "max_limit": 5,
  "custom_properties": false,
  "operations": ["get", "list", "create", "update", "delete"],
  "fields": [
    {"api_name": "id", "kind": "integer", "nullable": false, "id": true, "read_only": true},
    {"api_name": "site", "kind": "integer", "nullable": false},
    {"api_name": "number", "kind": "text", "nullable": false},
    {"api_name": "cost", "kind": "decimal", "nullable": true},
    {"api_name": "due", "kind": "datetime", "nullable": true},
    {"api_name": "closed", "kind": "bool", "nullable": false},
    {"api_name": "notes", "kind": "json", "nullable": true, "lookups": []}
  ]}]}"#;

fn file(name: &str, text: &str) -> std::path::PathBuf {
    let p = std::env::temp_dir().join(format!("l2l-areas-{name}-{}.json", std::process::id()));
    std::fs::write(&p, text).unwrap();
    p
}

#[tokio::test]
async fn an_area_from_a_file_is_served_like_a_built_in_one() {
    let path = file("workorders", WORKORDERS);
    let sb = Sandbox::builder().areas_file(&path).start().await.unwrap();
    let raw = Raw::new(&sb);
    for i in 1..=7 {
        let v = raw
            .post(
                "workorders/",
                &[
                    ("site", "1"),
                    ("number", &format!("WO-{i}")),
                    ("cost", &format!("{i}.50")),
                    ("due", &format!("2026-03-0{i} 08:00")),
                    ("closed", if i % 2 == 0 { "True" } else { "False" }),
                ],
            )
            .await;
        assert_eq!(v["success"], true, "{v}");
    }
    // Filters by kind, ordering, fields.
    let v = raw
        .ok("workorders/?site=1&cost__gte=5&closed=False&order_by=-cost&fields=number,cost")
        .await;
    assert_eq!(column(&v, "number"), ["WO-7", "WO-5"]);
    assert_eq!(v["data"][0]["cost"], "7.50");
    let v = raw.ok("workorders/?site=1&due__lt=2026-03-03").await;
    assert_eq!(column(&v, "number"), ["WO-1", "WO-2"]);
    // The area's own maximum, and paging.
    assert!(
        raw.refused("workorders/?site=1&limit=6")
            .await
            .contains("maximum of 5")
    );
    let first = ids(&raw.ok("workorders/?site=1&limit=5").await);
    let rest = ids(&raw
        .ok(&format!("workorders/?site=1&id__gt={}&limit=5", first[4]))
        .await);
    assert_eq!((first.len(), rest.len()), (5, 2));
    // Bad input is refused clearly.
    let e = raw.refused("workorders/?site=1&nuber=WO-1").await;
    assert!(e.contains("did you mean `number`"), "{e}");
    assert!(
        raw.refused("workorders/?site=1&notes=x")
            .await
            .contains("cannot be filtered")
    );
    // Update and delete.
    let id = first[0];
    let v = raw
        .post(&format!("workorders/{id}/"), &[("closed", "True")])
        .await;
    assert_eq!(v["data"]["closed"], true, "{v}");
    raw.post(&format!("workorders/{id}/"), &[("_action", "delete")])
        .await;
    assert_eq!(ids(&raw.ok("workorders/?site=1&limit=5").await).len(), 5);
    assert!(!ids(&raw.ok("workorders/?site=1&limit=5").await).contains(&id));
    // The built-in areas are still there.
    assert!(!ids(&raw.ok("machines/?site=1").await).is_empty());
    let _ = std::fs::remove_file(path);
}

#[tokio::test]
async fn a_bad_areas_file_is_a_clear_error() {
    let path = file(
        "bad",
        r#"{"areas": [{"path": "work orders", "fields": []}]}"#,
    );
    let e = Sandbox::builder()
        .areas_file(&path)
        .start()
        .await
        .unwrap_err();
    assert!(e.to_string().contains("no space"), "{e}");
    assert!(e.to_string().contains(&path.display().to_string()), "{e}");
    let dup = file(
        "dup",
        r#"[{"path": "machines", "fields": [{"api_name": "id", "kind": "integer", "id": true}]}]"#,
    );
    let e = Sandbox::builder()
        .areas_file(&dup)
        .start()
        .await
        .unwrap_err();
    assert!(e.to_string().contains("already served"), "{e}");
    let _ = (std::fs::remove_file(path), std::fs::remove_file(dup));
}
