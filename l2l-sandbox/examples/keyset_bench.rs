//! Measures seeding and keyset paging: `cargo run --release -p l2l-sandbox --example
//! keyset_bench -- [N]` seeds N machines (1,000,000 by default) and pages through all of
//! them with `order_by=id&id__gt=<last>&limit=2000`, raw and with the typed client.

use std::time::Instant;

use futures::TryStreamExt as _;
use l2l_sandbox::{Sandbox, Seed};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let n: u64 = std::env::args()
        .nth(1)
        .map(|s| s.parse())
        .transpose()?
        .unwrap_or(1_000_000);
    let sb = Sandbox::builder()
        .seed(Seed::Bulk {
            count: n,
            area: Some("machines".into()),
        })
        .start()
        .await?;
    let seeded = sb.seeded();
    println!(
        "seeded {} machines in {:.2} s ({:.0} rows/s)",
        seeded.bulk,
        seeded.elapsed.as_secs_f64(),
        seeded.bulk as f64 / seeded.elapsed.as_secs_f64()
    );

    // Raw keyset paging, as a benchmark client would do it.
    let http = reqwest::Client::new();
    let started = Instant::now();
    let (mut last, mut records, mut pages, mut bytes) = (0i64, 0usize, 0usize, 0usize);
    loop {
        let body = http
            .get(format!(
                "{}machines/?site=1&order_by=id&id__gt={last}&limit=2000",
                sb.api_url()
            ))
            .header("L2LAUTH", sb.api_key())
            .send()
            .await?
            .bytes()
            .await?;
        bytes += body.len();
        // The last record's id, found without decoding the page (so that the time is the
        // server's and the transport's, not the client's JSON decoding).
        let n = count(&body, b"{\"id\":");
        pages += 1;
        records += n;
        if n < 2000 {
            break;
        }
        last = last_id(&body).ok_or("no id")?;
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "raw keyset: {records} records in {pages} pages, {secs:.2} s: {:.0} pages/s, {:.0} records/s, {:.1} MB/s",
        pages as f64 / secs,
        records as f64 / secs,
        bytes as f64 / secs / 1e6
    );

    // The typed client's keyset stream.
    let client = sb.client();
    let started = Instant::now();
    let mut q = l2l_core::Query::for_site(<l2l_areas::Machine as l2l_core::RecordArea>::SCHEMA, 1);
    q.limit(2000);
    q.paging(l2l_core::Paging::Keyset);
    let count = q
        .stream::<l2l_areas::Machine>(&client)
        .try_fold(0usize, |n, _| async move { Ok(n + 1) })
        .await?;
    let secs = started.elapsed().as_secs_f64();
    println!(
        "typed keyset stream: {count} machines in {secs:.2} s: {:.0} pages/s",
        count as f64 / 2000.0 / secs
    );
    Ok(())
}

fn count(hay: &[u8], needle: &[u8]) -> usize {
    hay.windows(needle.len()).filter(|w| *w == needle).count()
}

fn last_id(body: &[u8]) -> Option<i64> {
    let needle = b"{\"id\":";
    let at = body.windows(needle.len()).rposition(|w| w == needle)? + needle.len();
    let digits: String = body[at..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .map(|&b| b as char)
        .collect();
    digits.parse().ok()
}
