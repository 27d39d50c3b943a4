//! The key and the signing secret never appear in an error, a Debug string or a log line.

mod common;

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::builder;
use l2l_core::{AuthPlacement, Error, Request, RetryPolicy};
use wiremock::{Mock, MockServer, ResponseTemplate};

const KEY: &str = "sEcReT-api-key-0042";
const SECRET: &str = "signing-secret-9931";

fn assert_clean(text: &str) {
    assert!(!text.contains(KEY), "key leaked: {text}");
    assert!(!text.contains(SECRET), "secret leaked: {text}");
    assert!(!text.contains("sEcReT-api"), "partial key leaked: {text}");
}

#[derive(Clone, Default)]
struct Buf(Arc<Mutex<Vec<u8>>>);

impl Write for Buf {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn errors_debug_and_trace_logs_never_show_the_key() {
    let logs = Buf::default();
    let sink = logs.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || sink.clone())
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    // A server that echoes the whole request (query and body) back in its error pages.
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(|req: &wiremock::Request| {
            let echo = format!(
                "{} ?{} body={}",
                req.url,
                req.url.query().unwrap_or(""),
                String::from_utf8_lossy(&req.body)
            );
            let status = if req.url.path().contains("html") {
                502
            } else {
                200
            };
            ResponseTemplate::new(status).set_body_string(format!("<html>{echo} {KEY}</html>"))
        })
        .mount(&server)
        .await;
    let mut texts = Vec::new();
    for placement in [
        AuthPlacement::Header,
        AuthPlacement::Query,
        AuthPlacement::Body,
    ] {
        let client = builder(&server.uri())
            .api_key(KEY)
            .auth_placement(placement)
            .signing("HR", SECRET)
            .retry(
                RetryPolicy::default()
                    .max_retries(1)
                    .min_delay(Duration::from_millis(1)),
            )
            .build()
            .unwrap();
        texts.push(format!("{client:?}"));
        for req in [
            Request::get("html/"),
            Request::get("sites").signed(),
            Request::post("machines").form("code", "x").signed(),
            Request::get("sites").realuser("jsmith"),
        ] {
            texts.push(client.display_url(&req));
            let err = client.list::<serde_json::Value>(req).await.unwrap_err();
            texts.push(format!("{err} {err:?}"));
        }
    }
    // A connection error on a URL that carries auth=.
    let dead = builder("http://127.0.0.1:9")
        .api_key(KEY)
        .auth_placement(AuthPlacement::Query)
        .retry(RetryPolicy::none())
        .build()
        .unwrap();
    let err = dead
        .list::<serde_json::Value>(Request::get("sites"))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Connect { .. }), "{err:?}");
    texts.push(format!("{err} {err:?}"));

    // Every variant, built by hand with the key in its inputs where it could leak.
    let all = [
        Error::Api {
            messages: vec!["bad".into()],
        },
        Error::Http {
            status: 500,
            snippet: "x".into(),
            retry_after: Some(Duration::from_secs(1)),
        },
        Error::Decode {
            path: ".".into(),
            message: "m".into(),
            snippet: "s".into(),
            truncated: false,
        },
        Error::Timeout(Duration::from_secs(1)),
        Error::connect("refused", None),
        Error::invalid_field("limit", "limit", Some("limit")),
        Error::PagingStalled {
            at: "0".into(),
            reason: "r".into(),
        },
        Error::Config("c".into()),
    ];
    for e in &all {
        texts.push(format!("{e} {e:?}"));
    }
    let logs = String::from_utf8(logs.0.lock().unwrap().clone()).unwrap();
    assert!(
        logs.contains("l2l.request"),
        "tracing captured nothing: {logs}"
    );
    assert!(
        logs.contains("auth=***") || logs.contains("retrying"),
        "{logs}"
    );
    texts.push(logs);
    for t in &texts {
        assert_clean(t);
    }
}
