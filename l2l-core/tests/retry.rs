//! Retry and throttle against a real HTTP server on 127.0.0.1.

mod common;

use std::time::{Duration, Instant};

use common::{builder, client};
use l2l_core::{Error, Request, Throttle};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn ok_body() -> serde_json::Value {
    json!({"success": true, "data": [{"id": 1}], "limit": 10, "offset": 0})
}

#[tokio::test]
async fn two_503s_then_success_gives_one_result() {
    // B09
    let server = MockServer::start().await;
    Mock::given(path("/api/1.0/sites/"))
        .respond_with(ResponseTemplate::new(503).set_body_string("busy"))
        .up_to_n_times(2)
        .mount(&server)
        .await;
    Mock::given(path("/api/1.0/sites/"))
        .respond_with(ResponseTemplate::new(200).set_body_json(ok_body()))
        .mount(&server)
        .await;
    let page = client(&server.uri())
        .list::<serde_json::Value>(Request::get("sites"))
        .await
        .unwrap();
    assert_eq!(page.records, vec![json!({"id": 1})]);
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
}

#[tokio::test]
async fn a_429_with_retry_after_is_waited_out() {
    // B09
    let server = MockServer::start().await;
    Mock::given(path("/api/1.0/sites/"))
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "1"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(path("/api/1.0/sites/"))
        .respond_with(ResponseTemplate::new(200).set_body_json(ok_body()))
        .mount(&server)
        .await;
    let started = Instant::now();
    client(&server.uri())
        .list::<serde_json::Value>(Request::get("sites"))
        .await
        .unwrap();
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn a_post_answered_500_is_sent_once() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(500).set_body_string("boom"))
        .mount(&server)
        .await;
    let err = client(&server.uri())
        .one::<serde_json::Value>(Request::post("dispatches/open").form("site", "1"))
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(500));
    assert!(err.is_retryable());
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_post_that_opted_in_is_retried() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(500))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"success": true, "data": {"id": 7}})),
        )
        .mount(&server)
        .await;
    let v: serde_json::Value = client(&server.uri())
        .one(
            Request::post("machines/set_cycle_count")
                .form("cyclecount", "5")
                .retry_writes(true),
        )
        .await
        .unwrap();
    assert_eq!(v["id"], 7);
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn retries_end_and_the_last_error_is_returned() {
    let server = MockServer::start().await;
    Mock::given(path("/api/1.0/sites/"))
        .respond_with(
            ResponseTemplate::new(502).set_body_string("<html><h1>502 Bad Gateway</h1></html>"),
        )
        .mount(&server)
        .await;
    let c = builder(&server.uri())
        .retry(
            l2l_core::RetryPolicy::default()
                .max_retries(2)
                .min_delay(Duration::from_millis(5)),
        )
        .build()
        .unwrap();
    let err = c
        .list::<serde_json::Value>(Request::get("sites"))
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::Http { status: 502, ref snippet, .. } if snippet.contains("502 Bad Gateway")),
        "{err}"
    );
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
}

#[tokio::test]
async fn a_timeout_is_retried_then_reported() {
    let server = MockServer::start().await;
    Mock::given(path("/api/1.0/sites/"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(ok_body())
                .set_delay(Duration::from_secs(3)),
        )
        .mount(&server)
        .await;
    let c = builder(&server.uri())
        .timeout(Duration::from_millis(200))
        .retry(
            l2l_core::RetryPolicy::default()
                .max_retries(1)
                .min_delay(Duration::from_millis(5)),
        )
        .build()
        .unwrap();
    let err = c
        .list::<serde_json::Value>(Request::get("sites"))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Timeout(_)), "{err}");
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn the_throttle_holds_back_requests_from_clones_alike() {
    // B10: with a ceiling of one request an hour, a clone's second request waits. (The
    // spacing itself is checked in tokio's paused time in l2l-core/src/throttle.rs.)
    let server = MockServer::start().await;
    Mock::given(path("/api/1.0/sites/"))
        .respond_with(ResponseTemplate::new(200).set_body_json(ok_body()))
        .mount(&server)
        .await;
    let c = builder(&server.uri())
        .throttle(Throttle::every(Duration::from_secs(3600)))
        .build()
        .unwrap();
    let other = c.clone();
    c.list::<serde_json::Value>(Request::get("sites"))
        .await
        .unwrap();
    let second = other.list::<serde_json::Value>(Request::get("sites"));
    assert!(
        tokio::time::timeout(Duration::from_millis(300), second)
            .await
            .is_err(),
        "the second request was not held back"
    );
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}
