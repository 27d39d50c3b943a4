//! HTTPS with the generated certificate, and a database file that survives restarts.

mod common;

use l2l_core::Request;
use serde_json::Value;

#[tokio::test]
async fn the_typed_client_trusts_the_written_certificate() {
    let sb = common::builder().tls(true).start().await.unwrap();
    assert!(sb.base_url().starts_with("https://localhost:"));
    let path = sb.cert_path().unwrap();
    let pem = std::fs::read_to_string(path).unwrap();
    assert!(pem.starts_with("-----BEGIN CERTIFICATE-----"));
    // The client the sandbox builds, and one built by hand from the file.
    let sites: Vec<l2l_areas::Site> = l2l_areas::Site::query().all(&sb.client()).await.unwrap();
    assert_eq!(sites.len(), 5);
    let by_hand = l2l_core::Client::builder()
        .base_url(format!("https://127.0.0.1:{}", sb.addr().port()))
        .api_key(sb.api_key())
        .add_root_certificate_pem(pem.into_bytes())
        .build()
        .unwrap();
    by_hand.list::<Value>(Request::get("sites")).await.unwrap();
    // Without trusting it, https fails.
    let untrusting = l2l_core::Client::builder()
        .base_url(sb.base_url())
        .api_key(sb.api_key())
        .retry(l2l_core::RetryPolicy::none())
        .build()
        .unwrap();
    assert!(
        untrusting
            .list::<Value>(Request::get("sites"))
            .await
            .is_err()
    );
}

#[tokio::test]
async fn a_db_file_survives_a_restart() {
    let dir = std::env::temp_dir().join(format!("l2l-sandbox-db-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("plant.db");
    let _ = std::fs::remove_file(&db);
    let sb = common::builder().db(&db).start().await.unwrap();
    let key = sb.api_key().to_owned();
    let raw = common::Raw::new(&sb);
    let v = raw
        .post(
            "machines/",
            &[("site", "1"), ("code", "KEEP-1"), ("linecode", "Line2")],
        )
        .await;
    let id = v["data"]["id"].as_i64().unwrap();
    sb.shutdown().await;

    let sb = common::builder().db(&db).start().await.unwrap();
    assert_eq!(sb.api_key(), key, "the key is kept with the data");
    assert_eq!(
        sb.seeded().elapsed,
        std::time::Duration::ZERO,
        "not seeded twice"
    );
    let raw = common::Raw::new(&sb);
    assert_eq!(
        raw.ok(&format!("machines/{id}/")).await["data"]["code"],
        "KEEP-1"
    );
    assert_eq!(raw.ok("sites/").await["data"].as_array().unwrap().len(), 5);
    sb.shutdown().await;
    let _ = std::fs::remove_dir_all(&dir);
}
