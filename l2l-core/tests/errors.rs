//! Errors as data: the transport's error is the source, retryability comes from the kind of
//! failure (never from a message), and a panic while decoding a page is the caller's panic.

mod common;

use common::{SITES, client};
use futures::{FutureExt as _, TryStreamExt as _};
use l2l_core::{Error, Query, Record, Request, RetryPolicy};
use wiremock::matchers::path;
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn a_connection_failure_keeps_the_transport_error_as_its_source() {
    let dead = common::builder("http://127.0.0.1:9")
        .retry(RetryPolicy::none())
        .build()
        .unwrap();
    let err = dead
        .list::<serde_json::Value>(Request::get("sites"))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Connect { .. }), "{err:?}");
    assert!(err.is_retryable());
    let source = std::error::Error::source(&err).expect("a source");
    assert!(
        source.downcast_ref::<reqwest::Error>().is_some(),
        "the source is reqwest's error: {source:?}"
    );
}

/// A server that answers 200 with `body`, once per request.
async fn answering(body: &'static str) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(path("/api/1.0/sites/"))
        .respond_with(ResponseTemplate::new(200).set_body_string(body))
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn a_cut_body_is_retryable_and_a_wrong_one_is_not() {
    // B09: the same message text either way would not tell them apart; the kind does.
    let c = |s: &MockServer| {
        common::builder(&s.uri())
            .retry(RetryPolicy::none())
            .build()
            .unwrap()
    };
    let cut = answering(r#"{"success": true, "data": [{"id": 1, "desc"#).await;
    let err = c(&cut)
        .list::<serde_json::Value>(Request::get("sites"))
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::Decode {
                truncated: true,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(err.is_retryable());
    let html = answering("<html><body>Bad gateway</body></html>").await;
    let err = c(&html)
        .list::<serde_json::Value>(Request::get("sites"))
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::Decode {
                truncated: false,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(!err.is_retryable());
}

/// A record whose decoding panics: a bug in the caller's type, not a network fault.
#[derive(Debug)]
struct Boom;

impl<'de> serde::Deserialize<'de> for Boom {
    fn deserialize<D: serde::Deserializer<'de>>(_: D) -> Result<Boom, D::Error> {
        panic!("Boom cannot be decoded");
    }
}

impl Record for Boom {
    fn record_id(&self) -> Option<i64> {
        None
    }
}

#[tokio::test]
async fn a_panic_in_a_page_task_resumes_as_a_panic() {
    let server =
        answering(r#"{"success": true, "limit": 2, "offset": 0, "data": [{"id": 1}]}"#).await;
    let mut stream = Query::new(&SITES).stream::<Boom>(&client(&server.uri()));
    let outcome = std::panic::AssertUnwindSafe(stream.try_next())
        .catch_unwind()
        .await;
    let panic = outcome.expect_err("the panic reaches the caller");
    let message = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_default();
    assert!(message.contains("Boom cannot be decoded"), "{message}");
}

#[tokio::test]
async fn an_invalid_request_names_its_field_reason_and_suggestion() {
    let mut q = Query::new(&common::MACHINES);
    let err = q.filter_str("cod__gte", "M").unwrap_err();
    assert_eq!(err.field(), Some("cod"));
    assert_eq!(err.suggestion(), Some("code"));
    assert!(!err.is_retryable());
    let err = q.filter_str("code__gtee", "M").unwrap_err();
    assert_eq!(err.field(), Some("code__gtee"));
    assert_eq!(err.suggestion(), Some("__gte"));
}
