//! Chaos sync: the typed client syncs 20,000 records while the sandbox fails a fifth of the
//! requests (500, a 502 HTML page, 429 with Retry-After, a delay past the timeout, a
//! connection reset, a truncated body). The result equals the fault-free result exactly:
//! nothing lost, nothing twice, and the requests stay within the retry budget.

use std::time::Duration;

use l2l_areas::{Client, Product, RetryPolicy, Throttle};
use l2l_sandbox::{Sandbox, Seed};

const RECORDS: u64 = 20_000;
const PAGE: u32 = 1000;
const RETRIES: u32 = 8;

fn client(sandbox: &Sandbox) -> Client {
    sandbox
        .client_builder()
        .throttle(Throttle::off())
        .timeout(Duration::from_millis(700))
        .retry(
            RetryPolicy::default()
                .max_retries(RETRIES)
                .min_delay(Duration::from_millis(5))
                .max_delay(Duration::from_millis(100)),
        )
        .build()
        .unwrap()
}

/// Every record, in id order (ranges of ids are read at the same time, so the stream's
/// order is each range's).
async fn sync(client: &Client) -> Vec<Product> {
    let mut all = Product::query(1).limit(PAGE).all(client).await.unwrap();
    all.sort_by_key(|p| p.id);
    all
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sync_under_twenty_percent_faults_equals_the_fault_free_sync() {
    // B09, B19
    let sandbox = Sandbox::builder()
        .seed(Seed::Bulk {
            count: RECORDS,
            area: Some("productcomponents".into()),
        })
        .fault_delay(Duration::from_millis(1500))
        .start()
        .await
        .unwrap();
    let client = client(&sandbox);
    let clean = sync(&client).await;
    assert!(clean.len() as u64 >= RECORDS, "{} records", clean.len());
    // Pages, plus a short last page for each id range and the probe of the highest id.
    let pages = clean.len() as u64 / PAGE as u64 + 1 + 2 * client.limiter().ceiling() as u64;
    let mut ids: Vec<i64> = clean.iter().map(|p| p.id).collect();
    ids.dedup();
    assert_eq!(
        ids.len(),
        clean.len(),
        "the fault-free sync repeated a record"
    );

    for seed in [1, 2, 3, 4, 5] {
        let before = sandbox.stats();
        sandbox.faults().set_rate(0.2, seed);
        let faulty = sync(&client).await;
        sandbox.faults().set_rate(0.0, seed);
        let after = sandbox.stats();
        let requests = after.requests - before.requests;
        let faults = after.faults - before.faults;
        assert!(faults > 0, "seed {seed}: no fault was injected");
        assert!(
            faulty == clean,
            "seed {seed}: the result differs from the fault-free sync"
        );
        // Each page may take its first try and every retry, and no more.
        assert!(
            requests <= pages * (1 + RETRIES as u64),
            "seed {seed}: {requests} requests for {pages} pages"
        );
        eprintln!(
            "seed {seed}: {requests} requests, {faults} faults, {} records",
            faulty.len()
        );
    }
}
