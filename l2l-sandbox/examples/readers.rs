//! Pages per second with 1, 2, 4 and 8 concurrent readers, in one run:
//! `cargo run --release -p l2l-sandbox --example readers -- [N] [PASSES]` seeds N machines
//! (100,000 by default) and reads them PASSES times (2 by default) in keyset pages of 2000
//! (`order_by=id&id__gt=<last>&id__lte=<end>&limit=2000`), the id range split among the
//! concurrent readers, each reader one HTTP connection. Two sandboxes are measured: the
//! reader pool (the default, one SQLite reader per core, 2 to 8) and every call on the
//! one writer (`readers(0)`, as before the pool).

use std::time::Instant;

use l2l_sandbox::{Sandbox, Seed};

/// Reads ids `(from, to]` in keyset pages; returns the pages read.
async fn walk(
    http: reqwest::Client,
    api: String,
    key: String,
    from: i64,
    to: i64,
) -> Result<usize, String> {
    let (mut last, mut pages) = (from, 0);
    loop {
        let url = format!(
            "{api}machines/?site=1&order_by=id&id__gt={last}&id__lte={to}&limit=2000&fields=id,code,description,line,active,lastupdated"
        );
        let r = http
            .get(url)
            .header("L2LAUTH", &key)
            .send()
            .await
            .map_err(|e| e.to_string())?;
        let body = r.bytes().await.map_err(|e| e.to_string())?;
        pages += 1;
        match last_id(&body) {
            Some(id) if id < to && count(&body, b"{\"id\":") == 2000 => last = id,
            _ => return Ok(pages),
        }
    }
}

async fn measure(sb: &Sandbox, readers: usize, max_id: i64, passes: usize) -> (usize, f64) {
    let started = Instant::now();
    let mut pages = 0;
    for _ in 0..passes {
        let mut tasks = Vec::new();
        for k in 0..readers as i64 {
            let (from, to) = (
                max_id * k / readers as i64,
                max_id * (k + 1) / readers as i64,
            );
            tasks.push(tokio::spawn(walk(
                reqwest::Client::new(),
                sb.api_url(),
                sb.api_key().to_owned(),
                from,
                to,
            )));
        }
        for t in tasks {
            pages += t.await.expect("a reader task").expect("pages");
        }
    }
    (pages, started.elapsed().as_secs_f64())
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let n: u64 = args
        .next()
        .map(|s| s.parse())
        .transpose()?
        .unwrap_or(100_000);
    let passes: usize = args.next().map(|s| s.parse()).transpose()?.unwrap_or(2);
    let seed = Seed::Bulk {
        count: n,
        area: Some("machines".into()),
    };
    let pool = Sandbox::builder().seed(seed.clone()).start().await?;
    let single = Sandbox::builder().seed(seed).readers(0).start().await?;
    let max_id: i64 = pool
        .with_db(|c| c.query_row("SELECT MAX(id) FROM a_machines", [], |r| r.get(0)))
        .await??;
    println!(
        "{n} machines seeded ({:.2} s), keyset pages of 2000, {passes} passes, {} cores, pool of {} readers",
        pool.seeded().elapsed.as_secs_f64(),
        std::thread::available_parallelism()
            .map(|c| c.get())
            .unwrap_or(1),
        pool.readers()
    );
    println!(
        "| concurrent readers | pages | pages/s, reader pool | pages/s, one connection | ratio |"
    );
    println!("|---:|---:|---:|---:|---:|");
    for readers in [1, 2, 4, 8] {
        let (pages, secs) = measure(&pool, readers, max_id, passes).await;
        let (_, one) = measure(&single, readers, max_id, passes).await;
        println!(
            "| {readers} | {pages} | {:.0} | {:.0} | {:.2}x |",
            pages as f64 / secs,
            pages as f64 / one,
            one / secs
        );
    }
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
