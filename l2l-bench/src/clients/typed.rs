//! l2l's typed clients: `stream()` (keyset paging with the next page prefetched), `all()`,
//! a loop of `page()` calls (sequential paging, no prefetch), and the download-only
//! baseline (`Client::send_raw`, bytes thrown away).

use std::time::{Duration, Instant};

use futures::StreamExt as _;
use l2l_areas::RecordArea as _;
use l2l_areas::{Machine, MachineField};
use l2l_core::{Client, Paging, Query, Request};

use super::Target;
use crate::measure::ClientReport;

/// The l2l client of `t` with every default (the adaptive limiter, the retry policy): what a
/// user gets.
pub fn client(t: &Target) -> Result<Client, String> {
    Client::builder()
        .base_url(&t.base)
        .api_key(&t.key)
        .build()
        .map_err(|e| e.to_string())
}

async fn sink(t: &Target) {
    if t.sink_ms > 0 {
        tokio::time::sleep(Duration::from_millis(t.sink_ms)).await;
    }
}

/// `Machine::query(site).limit(n).stream(&client)`, every record counted.
pub async fn stream(t: &Target) -> Result<ClientReport, String> {
    let client = client(t)?;
    let started = Instant::now();
    let s = Machine::query(t.site).limit(t.limit).stream(&client);
    consume(t, s, started).await
}

/// Keyset `stream()` of one id range: one page in flight at a time (the next one asked for
/// as soon as the last id of this one is known), the whole area in id order.
pub async fn stream_serial(t: &Target) -> Result<ClientReport, String> {
    let client = client(t)?;
    let started = Instant::now();
    let mut q = Query::for_site(Machine::SCHEMA, t.site);
    q.limit(t.limit);
    q.parallel(1);
    consume(t, q.stream::<Machine>(&client), started).await
}

/// `Machine::query(site).paging(Paging::Offset).prefetch(depth).stream(&client)`: offset
/// paging with `depth` pages in flight.
pub async fn stream_offset(t: &Target) -> Result<ClientReport, String> {
    let client = client(t)?;
    let started = Instant::now();
    let s = Machine::query(t.site)
        .limit(t.limit)
        .paging(Paging::Offset)
        .prefetch(t.depth)
        .stream(&client);
    consume(t, s, started).await
}

/// Reads a stream to its end, counting records and pages, with the consumer's time per page.
async fn consume(
    t: &Target,
    s: impl futures::Stream<Item = Result<Machine, l2l_areas::Error>>,
    started: Instant,
) -> Result<ClientReport, String> {
    let mut s = std::pin::pin!(s);
    let mut r = ClientReport::default();
    while let Some(rec) = s.next().await {
        let rec = rec.map_err(|e| e.to_string())?;
        r.records += 1;
        r.checksum += rec.id;
        if r.records % u64::from(t.limit) == 0 {
            r.pages += 1;
            sink(t).await;
        }
    }
    r.elapsed_s = started.elapsed().as_secs_f64();
    Ok(r)
}

/// `Machine::query(site).limit(n).all(&client)`: every record in one vector.
pub async fn all(t: &Target) -> Result<ClientReport, String> {
    let client = client(t)?;
    let started = Instant::now();
    let all = Machine::query(t.site)
        .limit(t.limit)
        .all(&client)
        .await
        .map_err(|e| e.to_string())?;
    let mut r = ClientReport {
        records: all.len() as u64,
        checksum: all.iter().map(|d| d.id).sum(),
        ..ClientReport::default()
    };
    r.elapsed_s = started.elapsed().as_secs_f64();
    Ok(r)
}

/// Sequential keyset paging: a loop of `page()` calls (`order_by=id`, `id__gt=<last>`),
/// each page consumed before the next is asked for.
pub async fn pages(t: &Target) -> Result<ClientReport, String> {
    let client = client(t)?;
    let started = Instant::now();
    let mut r = ClientReport::default();
    let mut last = 0i64;
    loop {
        let page = Machine::query(t.site)
            .order_by(MachineField::Id)
            .id_gt(last)
            .limit(t.limit)
            .page(&client)
            .await
            .map_err(|e| e.to_string())?;
        r.pages += 1;
        let n = page.records.len();
        let served = page.limit.unwrap_or(u64::from(t.limit)) as usize;
        for rec in page.records {
            r.records += 1;
            r.checksum += rec.id;
            last = rec.id;
        }
        sink(t).await;
        if n == 0 || n < served {
            break;
        }
    }
    r.elapsed_s = started.elapsed().as_secs_f64();
    Ok(r)
}

/// The id of the last record of a JSON page, found without decoding: the last `"id":`.
pub fn last_id(body: &[u8]) -> Option<i64> {
    const KEY: &[u8] = b"\"id\":";
    let at = body.windows(KEY.len()).rposition(|w| w == KEY)? + KEY.len();
    let digits = body[at..]
        .iter()
        .skip_while(|b| b.is_ascii_whitespace())
        .take_while(|b| b.is_ascii_digit())
        .fold(String::new(), |mut s, b| {
            s.push(*b as char);
            s
        });
    digits.parse().ok()
}

/// Download only: the keyset pages `stream()` reads, fetched with `Client::send_raw` and
/// thrown away undecoded (the next key is read from the end of each body).
pub async fn download(t: &Target) -> Result<ClientReport, String> {
    let client = client(t)?;
    let path = crate::fixtures::area().path;
    let started = Instant::now();
    let mut r = ClientReport::default();
    let mut last = 0i64;
    loop {
        let req = Request::get(path)
            .query("site", t.site.to_string())
            .query("id__gt", last.to_string())
            .query("order_by", "id")
            .query("limit", t.limit.to_string());
        let body = client.send_raw(req).await.map_err(|e| e.to_string())?;
        r.pages += 1;
        r.bytes += body.len() as u64;
        match last_id(&body) {
            Some(id) if id > last => last = id,
            _ => break,
        }
    }
    r.elapsed_s = started.elapsed().as_secs_f64();
    Ok(r)
}

/// Download only, offset paging: the pages the docs' loop reads (`offset=0, 2000, ...`),
/// fetched with `Client::send_raw` and thrown away; stops at the first page without a
/// record.
pub async fn download_offset(t: &Target) -> Result<ClientReport, String> {
    let client = client(t)?;
    let path = crate::fixtures::area().path;
    let started = Instant::now();
    let mut r = ClientReport::default();
    let mut offset = 0u64;
    loop {
        let req = Request::get(path)
            .query("site", t.site.to_string())
            .query("limit", t.limit.to_string())
            .query("offset", offset.to_string());
        let body = client.send_raw(req).await.map_err(|e| e.to_string())?;
        r.pages += 1;
        r.bytes += body.len() as u64;
        if last_id(&body).is_none() {
            break;
        }
        offset += u64::from(t.limit);
    }
    r.elapsed_s = started.elapsed().as_secs_f64();
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_id_is_read_from_the_end() {
        assert_eq!(
            last_id(br#"{"data":[{"id":1,"x_id":9},{"x":"y","id": 42,"dispatch_id":7}]}"#),
            Some(42)
        );
        assert_eq!(last_id(br#"{"data":[]}"#), None);
    }
}
