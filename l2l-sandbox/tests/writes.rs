//! Writing: create, update and delete in every form the docs give, and validation.

mod common;

use common::{Raw, sandbox};
use serde_json::Value;

async fn machine(raw: &Raw, code: &str) -> Value {
    let v = raw
        .post(
            "machines/",
            &[("site", "1"), ("code", code), ("linecode", "Line1")],
        )
        .await;
    assert_eq!(v["success"], true, "{v}");
    v["data"].clone()
}

#[tokio::test]
async fn post_without_id_creates_with_the_docs_example() {
    // B25, B29, B05, B38 (the docs' POST example's fields)
    let sb = sandbox().await;
    let raw = Raw::new(&sb);
    let v = raw
        .post(
            "machines/",
            &[
                ("site", "1"),
                ("code", "WLD0001"),
                ("description", "Welder for line 1"),
                ("shortdescription", "Welder 1"),
                ("linecode", "Line1"),
            ],
        )
        .await;
    assert_eq!(v["success"], true, "{v}");
    let d = &v["data"];
    let line1 = raw.ok("lines/?site=1&code=Line1").await["data"][0]["id"].clone();
    assert_eq!(d["line"], line1);
    assert_eq!(d["description"], "Welder for line 1");
    assert_eq!(d["active"], true, "booleans default to active");
    assert!(d["created"].as_str().is_some() && d["created"] == d["lastupdated"]);
    // `linecode` is readable (issue 21: L2L's IoT sample and Ignition library read it),
    // no longer write-only.
    assert_eq!(d["linecode"], "Line1");
    let id = d["id"].as_i64().unwrap();
    assert_eq!(
        raw.ok(&format!("machines/{id}/")).await["data"]["code"],
        "WLD0001"
    );
}

#[tokio::test]
async fn post_with_id_in_the_path_or_the_body_updates() {
    // B25, B27
    let sb = sandbox().await;
    let raw = Raw::new(&sb);
    let m = machine(&raw, "UPD-1").await;
    let id = m["id"].as_i64().unwrap();
    let v = raw
        .post(&format!("machines/{id}/"), &[("description", "by path")])
        .await;
    assert_eq!(v["data"]["description"], "by path", "{v}");
    assert!(v["data"]["lastupdated"].as_str() >= m["lastupdated"].as_str());
    let v = raw
        .post(
            "machines/",
            &[("id", &id.to_string()), ("description", "by body")],
        )
        .await;
    assert_eq!(v["data"]["description"], "by body", "{v}");
    let (s, v) = raw
        .send(
            "PUT",
            &format!("machines/{id}/"),
            &[("description", "by put"), ("active", "F")],
        )
        .await;
    assert_eq!(
        (s, &v["data"]["description"]),
        (200, &Value::from("by put")),
        "{v}"
    );
    assert_eq!(v["data"]["active"], false);
    let (_, v) = raw
        .send(
            "PUT",
            "machines/",
            &[("id", &id.to_string()), ("active", "True")],
        )
        .await;
    assert_eq!(v["data"]["active"], true, "{v}");
    let (_, v) = raw
        .send("PUT", "machines/", &[("description", "no id")])
        .await;
    assert_eq!(v["success"], false);
    assert!(v["error"].as_str().unwrap().contains("id"), "{v}");
    // Different ids in the path and the body are refused.
    let v = raw.post(&format!("machines/{id}/"), &[("id", "1")]).await;
    assert_eq!(v["success"], false, "{v}");
    // Every count stays: nothing was created by the updates.
    assert_eq!(
        raw.ok("machines/?site=1&code=UPD-1").await["data"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[tokio::test]
async fn action_delete_and_http_delete() {
    // B26, B28
    let sb = sandbox().await;
    let raw = Raw::new(&sb);
    for form in ["query", "body", "path", "DELETE", "DELETE query"] {
        let id = machine(&raw, &format!("DEL-{}", form.replace(' ', "-"))).await["id"]
            .as_i64()
            .unwrap();
        let (status, v) = match form {
            "query" => {
                raw.send("POST", &format!("machines/?_action=delete&id={id}"), &[])
                    .await
            }
            "body" => {
                raw.send(
                    "POST",
                    "machines/",
                    &[("_action", "delete"), ("id", &id.to_string())],
                )
                .await
            }
            "path" => {
                raw.send("POST", &format!("machines/{id}/?_action=delete"), &[])
                    .await
            }
            "DELETE" => raw.send("DELETE", &format!("machines/{id}/"), &[]).await,
            _ => raw.send("DELETE", &format!("machines/?id={id}"), &[]).await,
        };
        assert_eq!(
            (status, &v["success"]),
            (200, &Value::Bool(true)),
            "{form}: {v}"
        );
        assert_eq!(v["data"]["id"], id, "the deleted record comes back");
        let e = raw.refused(&format!("machines/{id}/")).await;
        assert!(e.contains("not found"), "{form}: {e}");
    }
    let (_, v) = raw
        .send("POST", "machines/", &[("_action", "delete")])
        .await;
    assert_eq!(v["success"], false);
    let (_, v) = raw
        .send("POST", "machines/", &[("_action", "explode"), ("id", "1")])
        .await;
    assert!(v["error"].as_str().unwrap().contains("explode"), "{v}");
}

#[tokio::test]
async fn validation_errors_are_http_200_with_errors() {
    // B08, B29, B07
    let sb = sandbox().await;
    let raw = Raw::new(&sb);
    let v = raw
        .post("machines/", &[("site", "1"), ("description", "no code")])
        .await;
    assert_eq!(v["success"], false);
    assert!(
        v["errors"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e.as_str().unwrap().contains("`code` is required")),
        "{v}"
    );
    let v = raw
        .post(
            "machines/",
            &[
                ("site", "1"),
                ("code", "X"),
                ("active", "yes"),
                ("created", "2020-01-01"),
                ("colour", "red"),
                ("linecode", "NoSuchLine"),
            ],
        )
        .await;
    let errors: Vec<&str> = v["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e.as_str().unwrap())
        .collect();
    assert_eq!(errors.len(), 4, "{v}");
    assert!(
        errors
            .iter()
            .any(|e| e.contains("`active`") && e.contains("True")),
        "{v}"
    );
    assert!(
        errors.iter().any(|e| e.contains("`created` is read-only")),
        "{v}"
    );
    assert!(
        errors.iter().any(|e| e.contains("no field `colour`")),
        "{v}"
    );
    assert!(errors.iter().any(|e| e.contains("NoSuchLine")), "{v}");
    let v = raw
        .post("lines/", &[("site", "1"), ("code", "L9"), ("area", "abc")])
        .await;
    assert!(v["error"].as_str().unwrap().contains("whole number"), "{v}");
    // An unknown id.
    let v = raw.post("machines/999999/", &[("description", "x")]).await;
    assert_eq!(v["error"], "`machines` record 999999 not found");
    let (s, v) = raw.send("DELETE", "machines/999999/", &[]).await;
    assert_eq!((s, v["success"].clone()), (200, Value::Bool(false)));
    // An area that cannot be written.
    let v = raw
        .post(
            "usertimes/",
            &[("site", "1"), ("user", "1"), ("start", "2024-01-01 08:00")],
        )
        .await;
    assert!(
        v["error"]
            .as_str()
            .unwrap()
            .contains("does not allow creating"),
        "{v}"
    );
}

#[tokio::test]
async fn booleans_in_every_spelling_on_write() {
    // The research's boolean spellings, on a write.
    let sb = sandbox().await;
    let raw = Raw::new(&sb);
    let id = machine(&raw, "BOOL-1").await["id"].as_i64().unwrap();
    for (spelling, want) in [
        ("true", true),
        ("False", false),
        ("T", true),
        ("0", false),
        ("True", true),
        ("F", false),
        ("1", true),
        ("false", false),
    ] {
        let v = raw
            .post(&format!("machines/{id}/"), &[("active", spelling)])
            .await;
        assert_eq!(v["data"]["active"], want, "{spelling}: {v}");
    }
}

#[tokio::test]
async fn code_aliases_set_the_foreign_key_on_write() {
    // Research section 4 on writes: areacode on lines (read-only copy), area_id.
    let sb = sandbox().await;
    let raw = Raw::new(&sb);
    let v = raw
        .post(
            "lines/",
            &[("site", "1"), ("code", "Line9"), ("areacode", "WELD")],
        )
        .await;
    assert_eq!(v["data"]["areacode"], "WELD", "{v}");
    let weld = raw.ok("areas/?site=1&code=WELD").await["data"][0]["id"].clone();
    assert_eq!(v["data"]["area"], weld);
    let id = v["data"]["id"].as_i64().unwrap();
    let assy = raw.ok("areas/?site=1&code=ASSY").await["data"][0]["id"]
        .as_i64()
        .unwrap();
    let v = raw
        .post(&format!("lines/{id}/"), &[("area_id", &assy.to_string())])
        .await;
    assert_eq!(
        (v["data"]["area"].as_i64(), v["data"]["areacode"].as_str()),
        (Some(assy), Some("ASSY")),
        "{v}"
    );
}

#[tokio::test]
async fn malformed_requests_are_clear_errors() {
    let sb = sandbox().await;
    let raw = Raw::new(&sb);
    let http = reqwest::Client::new();
    let url = format!("{}machines/?auth={}", raw.base, raw.key);
    // Bytes that are not UTF-8.
    let r = http
        .post(&url)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(b"site=1&code=%ff%fe".to_vec())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    assert!(r.text().await.unwrap().contains("UTF-8"));
    // A JSON body.
    let r = http
        .post(&url)
        .header("content-type", "application/json")
        .body("{\"site\":1}")
        .send()
        .await
        .unwrap();
    let v: Value = serde_json::from_str(&r.text().await.unwrap()).unwrap();
    assert!(
        v["error"]
            .as_str()
            .unwrap()
            .contains("x-www-form-urlencoded"),
        "{v}"
    );
    // Garbage that decodes: each pair is checked, nothing panics.
    for body in ["&&&", "=", "==&=x", "site", "site=1&code", "%", "a=%zz"] {
        let r = http
            .post(&url)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200, "{body}");
        let v: Value = serde_json::from_str(&r.text().await.unwrap()).unwrap();
        assert_eq!(v["success"], false, "{body}: {v}");
    }
    // Other methods.
    let r = http.patch(&url).send().await.unwrap();
    assert_eq!(r.status(), 405);
    // A format that does not exist.
    let e = raw.refused("sites/?format=yaml").await;
    assert!(e.contains("yaml"), "{e}");
}
