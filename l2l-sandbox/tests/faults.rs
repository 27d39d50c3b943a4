//! Faults on demand: each kind observable, the seeded plan, counters, the rate limit, and
//! the typed client riding through them with its retries.

mod common;

use std::time::{Duration, Instant};

use common::sandbox;
use l2l_core::{Error, Request, RetryPolicy};
use l2l_sandbox::Fault;
use l2l_sandbox::ManualClock;
use serde_json::Value;

fn get(sb: &l2l_sandbox::Sandbox) -> reqwest::RequestBuilder {
    reqwest::Client::new()
        .get(format!("{}sites/", sb.api_url()))
        .header("L2LAUTH", sb.api_key())
}

#[tokio::test]
async fn each_fault_kind_is_observable() {
    // B09 from the server's side: 500, a 502 HTML page, 429 with Retry-After, a delay, a
    // reset, a truncated body and a cut JSON body.
    let sb = sandbox().await;
    sb.faults().script([
        Fault::Status(500),
        Fault::Html502,
        Fault::TooManyRequests { retry_after: 7 },
        Fault::Delay(Duration::from_millis(300)),
        Fault::Reset,
        Fault::TruncatedBody,
        Fault::CutJson,
        Fault::None,
    ]);
    let r = get(&sb).send().await.unwrap();
    assert_eq!(r.status(), 500);
    let v: Value = serde_json::from_str(&r.text().await.unwrap()).unwrap();
    assert_eq!(v["success"], false);

    let r = get(&sb).send().await.unwrap();
    assert_eq!(r.status(), 502);
    assert!(r.text().await.unwrap().contains("<h1>502 Bad Gateway</h1>"));

    let r = get(&sb).send().await.unwrap();
    assert_eq!(r.status(), 429);
    assert_eq!(r.headers()["retry-after"], "7");

    let started = Instant::now();
    let r = get(&sb).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert!(started.elapsed() >= Duration::from_millis(300));

    let err = get(&sb).send().await.unwrap_err();
    assert!(err.is_request() || err.is_connect(), "reset: {err:?}");

    let r = get(&sb).send().await.unwrap();
    assert_eq!(r.status(), 200, "headers arrive whole");
    assert!(r.text().await.is_err(), "the body is cut short");

    let r = get(&sb).send().await.unwrap();
    let body = r.text().await.unwrap();
    assert!(
        serde_json::from_str::<Value>(&body).is_err(),
        "JSON cut mid-way: {body}"
    );

    assert_eq!(get(&sb).send().await.unwrap().status(), 200);
    let stats = sb.stats();
    assert_eq!(stats.faults, 7);
    assert_eq!(stats.requests, 8);
}

#[tokio::test]
async fn a_delay_past_the_timeout_is_a_timeout() {
    let sb = sandbox().await;
    sb.faults().script([Fault::Delay(Duration::from_secs(2))]);
    let client = sb
        .client_builder()
        .timeout(Duration::from_millis(300))
        .retry(RetryPolicy::none())
        .build()
        .unwrap();
    let err = client
        .list::<Value>(Request::get("sites"))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Timeout(_)), "{err}");
}

#[tokio::test]
async fn the_typed_client_rides_through_every_fault() {
    // B09: retries with backoff through 5xx, HTML, 429 (honouring Retry-After), resets
    // and cut bodies; the answer is the one a clean request gets.
    let sb = sandbox().await;
    sb.faults().script([
        Fault::Status(503),
        Fault::Html502,
        Fault::TooManyRequests { retry_after: 1 },
        Fault::Reset,
        Fault::TruncatedBody,
        Fault::CutJson,
    ]);
    let client = sb
        .client_builder()
        .retry(
            RetryPolicy::default()
                .max_retries(10)
                .min_delay(Duration::from_millis(5))
                .max_delay(Duration::from_millis(50)),
        )
        .build()
        .unwrap();
    let sites: Vec<l2l_areas::Site> = l2l_areas::Site::query().all(&client).await.unwrap();
    assert_eq!(sites.len(), 5);
    assert_eq!(sb.stats().faults, 6);
}

#[tokio::test]
async fn a_seeded_plan_fails_the_same_requests() {
    let statuses = |seed| async move {
        let sb = common::builder()
            .faults(0.3, seed)
            .fault_delay(Duration::from_millis(1))
            .start()
            .await
            .unwrap();
        let mut out = Vec::new();
        for _ in 0..40 {
            out.push(match get(&sb).send().await {
                Ok(r) => {
                    let s = r.status().as_u16();
                    match r.text().await {
                        Ok(t) if serde_json::from_str::<Value>(&t).is_ok() => s,
                        _ => 1000 + s,
                    }
                }
                Err(_) => 0,
            });
        }
        (out, sb.stats())
    };
    let (a, stats) = statuses(7).await;
    let (b, _) = statuses(7).await;
    let (c, _) = statuses(8).await;
    assert_eq!(a, b);
    assert_ne!(a, c);
    assert_eq!(stats.requests, 40);
    assert!((4..=20).contains(&stats.faults), "{stats:?}");
    assert!(a.iter().any(|s| *s != 200));
}

#[tokio::test]
async fn the_rate_limit_answers_429_with_retry_after() {
    // The limit runs on a clock the test moves, so that which requests land in one window
    // does not depend on the machine's speed.
    let clock = ManualClock::new();
    let sb = common::builder()
        .rate_limit(5.0)
        .rate_limit_clock(clock.clone())
        .start()
        .await
        .unwrap();
    let mut codes = Vec::new();
    for _ in 0..8 {
        let r = get(&sb).send().await.unwrap();
        if r.status() == 429 {
            assert_eq!(r.headers()["retry-after"], "1");
        }
        codes.push(r.status().as_u16());
    }
    assert_eq!(codes, [200, 200, 200, 200, 200, 429, 429, 429]);
    assert_eq!(sb.stats().rate_limited, 3);
    // A fifth of a second gives one request back; a second, the whole burst.
    clock.advance(Duration::from_millis(200));
    assert_eq!(get(&sb).send().await.unwrap().status(), 200);
    assert_eq!(get(&sb).send().await.unwrap().status(), 429);
    clock.advance(Duration::from_secs(1));
    for _ in 0..5 {
        assert_eq!(get(&sb).send().await.unwrap().status(), 200);
    }
    assert_eq!(get(&sb).send().await.unwrap().status(), 429);
}
