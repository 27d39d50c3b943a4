//! Sixteen tasks share one client against a sandbox limited to 20 requests a second: the
//! client-wide throttle keeps them within the limit, so no request is refused.

use std::time::{Duration, Instant};

use l2l_areas::{Machine, Throttle};
use l2l_sandbox::Sandbox;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sixteen_tasks_share_one_throttle_and_stay_under_the_rate_limit() {
    // B10
    let sandbox = Sandbox::builder().rate_limit(20.0).start().await.unwrap();
    let client = sandbox
        .client_builder()
        .throttle(Throttle::per_second(18.0))
        .build()
        .unwrap();
    let before = sandbox.stats();
    let started = Instant::now();
    let tasks: Vec<_> = (0..16)
        .map(|i| {
            let client = client.clone();
            tokio::spawn(async move {
                for _ in 0..4 {
                    Machine::query(1)
                        .limit(5)
                        .offset(i % 3)
                        .page(&client)
                        .await?;
                }
                Ok::<_, l2l_areas::Error>(())
            })
        })
        .collect();
    for t in tasks {
        t.await.unwrap().unwrap();
    }
    let elapsed = started.elapsed();
    let after = sandbox.stats();
    assert_eq!(
        after.rate_limited - before.rate_limited,
        0,
        "the sandbox refused requests"
    );
    assert_eq!(after.requests - before.requests, 64);
    // 64 requests at 18 a second take at least 63/18 s.
    assert!(elapsed >= Duration::from_millis(63_000 / 18), "{elapsed:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_the_throttle_the_same_load_is_refused_and_retried() {
    // The control: the limit is real, and 429s are retried with Retry-After.
    let sandbox = Sandbox::builder().rate_limit(20.0).start().await.unwrap();
    let client = sandbox
        .client_builder()
        .throttle(Throttle::off())
        .build()
        .unwrap();
    let tasks: Vec<_> = (0..16)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move {
                for _ in 0..4 {
                    Machine::query(1).limit(5).page(&client).await?;
                }
                Ok::<_, l2l_areas::Error>(())
            })
        })
        .collect();
    for t in tasks {
        t.await.unwrap().unwrap();
    }
    assert!(
        sandbox.stats().rate_limited > 0,
        "the rate limit never triggered"
    );
}
