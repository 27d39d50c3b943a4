//! What a retry cannot mend fails at once (a refused connection, a host that does not
//! resolve); what can mend is still retried (a connection closed without an answer).

mod common;

use std::time::{Duration, Instant};

use common::{KEY, builder};
use l2l_core::{Client, ConnectKind, Error, Request, RetryPolicy, Throttle};

/// A client whose retries, were any made, would take far longer than the bound the tests
/// assert (10 s, without jitter, before the first retry).
fn patient(base: &str) -> Client {
    Client::builder()
        .base_url(base)
        .api_key(KEY)
        .throttle(Throttle::off())
        .retry(
            RetryPolicy::default()
                .jitter(false)
                .min_delay(Duration::from_secs(10))
                .max_delay(Duration::from_secs(10)),
        )
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap()
}

/// A port on 127.0.0.1 where nothing listens.
fn closed_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    l.local_addr().unwrap().port()
}

#[tokio::test]
async fn a_refused_connection_is_not_retried() {
    // B09 (what a retry can mend only)
    let base = format!("http://127.0.0.1:{}", closed_port());
    let started = Instant::now();
    let err = patient(&base)
        .list::<serde_json::Value>(Request::get("sites"))
        .await
        .unwrap_err();
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "one attempt, no retry: {:?}",
        started.elapsed()
    );
    assert_eq!(err.connect_kind(), Some(ConnectKind::Refused), "{err:?}");
    assert!(!err.is_transient());
    // A caller's own, slower retry loop may still try again later.
    assert!(err.is_retryable());
}

#[tokio::test]
async fn a_host_that_does_not_resolve_is_not_retried() {
    let started = Instant::now();
    let err = patient("http://l2l-no-such-host.invalid")
        .list::<serde_json::Value>(Request::get("sites"))
        .await
        .unwrap_err();
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "one attempt, no retry: {:?}",
        started.elapsed()
    );
    assert_eq!(err.connect_kind(), Some(ConnectKind::Dns), "{err:?}");
    assert!(!err.is_transient());
}

#[tokio::test]
async fn a_connection_closed_without_an_answer_is_retried() {
    // B09
    use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let server = tokio::spawn(async move {
        let mut accepted = 0u32;
        loop {
            let (mut sock, _) = listener.accept().await.unwrap();
            accepted += 1;
            let mut buf = vec![0u8; 8192];
            let _ = sock.read(&mut buf).await;
            if accepted <= 2 {
                // Closed with no answer: the request may well succeed on another try.
                drop(sock);
                continue;
            }
            let body = r#"{"success": true, "data": [{"id": 1}], "limit": 10, "offset": 0}"#;
            let answer = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            );
            sock.write_all(answer.as_bytes()).await.unwrap();
            let _ = sock.shutdown().await;
            return accepted;
        }
    });
    let page = builder(&base)
        .build()
        .unwrap()
        .list::<serde_json::Value>(Request::get("sites"))
        .await
        .unwrap();
    assert_eq!(page.records.len(), 1);
    assert_eq!(
        server.await.unwrap(),
        3,
        "two failed attempts, then the answer"
    );
}

#[test]
fn only_failures_that_mend_by_themselves_are_transient() {
    for (kind, transient) in [
        (ConnectKind::Refused, false),
        (ConnectKind::Dns, false),
        (ConnectKind::Certificate, false),
        (ConnectKind::Other, true),
    ] {
        let e = Error::connect_as(kind, "x", None);
        assert_eq!(e.is_transient(), transient, "{kind:?}");
        assert!(e.is_retryable(), "{kind:?}");
    }
    let timeout = Error::Timeout(Duration::from_secs(1));
    assert!(timeout.is_transient());
    let busy = Error::Http {
        status: 503,
        snippet: String::new(),
        retry_after: None,
    };
    assert!(busy.is_transient());
}
