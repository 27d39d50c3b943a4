//! `Query::stream_in_order`: the keyset ranges read at the same time, the records handed
//! over in id order, with a bounded number of pages waiting for a slow consumer.

mod common;

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use common::{SITES, Site, arg, client};
use futures::TryStreamExt as _;
use l2l_core::{KeyRange, Query};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

/// Sites with ids 1..=n, keyset pages; the lower the ids asked for, the slower the answer,
/// so that ranges read at once finish high ids first.
struct Slow(Arc<BTreeMap<i64, serde_json::Value>>);

impl Respond for Slow {
    fn respond(&self, req: &Request) -> ResponseTemplate {
        let limit: usize = arg(req, "limit").unwrap().parse().unwrap();
        let after: i64 = arg(req, "id__gt").map_or(0, |v| v.parse().unwrap());
        let upto: i64 = arg(req, "id__lte").map_or(i64::MAX, |v| v.parse().unwrap());
        let rows = self.0.range(after + 1..=upto).map(|(_, v)| v.clone());
        let data: Vec<_> = if arg(req, "order_by").as_deref() == Some("-id") {
            rows.rev().take(limit).collect()
        } else {
            rows.take(limit).collect()
        };
        let delay = Duration::from_millis(u64::try_from(30 - (after / 100).min(30)).unwrap());
        ResponseTemplate::new(200)
            .set_body_json(json!({"limit": limit, "data": data, "success": true, "offset": 0}))
            .set_delay(delay)
    }
}

async fn serve(n: i64) -> MockServer {
    let rows = (1..=n)
        .map(|id| {
            let s = json!({"id": id, "site": id, "description": format!("Site {id}"),
                           "timezone": null, "created": null, "lastupdated": null});
            (id, s)
        })
        .collect();
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/1.0/sites/"))
        .respond_with(Slow(Arc::new(rows)))
        .mount(&server)
        .await;
    server
}

fn query() -> Query {
    let mut q = Query::new(&SITES);
    q.limit(20);
    q.parallel(6);
    q
}

#[tokio::test]
async fn ranges_read_at_once_come_in_id_order() {
    let server = serve(2000).await;
    let c = client(&server.uri());
    let ids: Vec<i64> = query()
        .stream_in_order::<Site>(&c)
        .map_ok(|s| s.id)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(ids, (1..=2000).collect::<Vec<_>>());
    // Read in ranges at the same time: requests for several ranges.
    let reqs = server.received_requests().await.unwrap();
    let bounded = reqs.iter().filter(|r| arg(r, "id__lte").is_some()).count();
    assert!(bounded > 10, "{bounded} requests of bounded ranges");

    // The unordered stream of the same query, for contrast: every id, not in order.
    let ids: Vec<i64> = query()
        .stream::<Site>(&c)
        .map_ok(|s| s.id)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(ids.len(), 2000);
    assert!(
        ids.windows(2).any(|w| w[0] > w[1]),
        "the fast path interleaves ranges"
    );
}

#[tokio::test]
async fn a_slow_consumer_holds_a_few_pages_not_the_area() {
    let server = serve(4000).await;
    let c = client(&server.uri());
    let mut records = std::pin::pin!(query().stream_in_order::<Site>(&c));
    let first = records.try_next().await.unwrap().unwrap();
    assert_eq!(first.id, 1);
    // The readers run ahead until every slot is full, then wait.
    tokio::time::sleep(Duration::from_millis(800)).await;
    let asked = server.received_requests().await.unwrap().len();
    eprintln!("{asked} pages asked for while one record was read");
    // 200 pages in the area. Each of the 6 readers: a slot of 3 (2 pages and the range's
    // end), one in hand, one asked for ahead; then the first page, the probe of the highest
    // id, a page in the stream's channel, one in the hands of the stream.
    // Bounded by the readers, whatever the size of the area: 40 leaves room to spare.
    assert!(
        asked <= 40,
        "{asked} pages asked for while one record was read"
    );
    let mut n = 1;
    let mut last = first.id;
    while let Some(s) = records.try_next().await.unwrap() {
        assert!(s.id > last);
        last = s.id;
        n += 1;
    }
    assert_eq!(n, 4000);
}

#[tokio::test]
async fn narrow_ranges_are_read_a_few_ranges_ahead_not_all_at_once() {
    // Ranges two pages wide, as a sync into a database splits its ids: each fits in its
    // slot, so only the window of ranges taken and not yet drained holds the readers back.
    let server = serve(4000).await;
    let c = client(&server.uri());
    let mut q = query();
    let ranges = KeyRange::split(None, 4000, 20, 256);
    assert_eq!(ranges.len(), 101);
    q.ranges(ranges);
    let mut records = std::pin::pin!(q.stream_in_order::<Site>(&c));
    assert_eq!(records.try_next().await.unwrap().unwrap().id, 1);
    tokio::time::sleep(Duration::from_millis(800)).await;
    let asked = server.received_requests().await.unwrap().len();
    // 200 pages in 100 ranges. Two ranges per reader taken and not drained: 12 ranges of
    // 2 pages (each with its end asked for ahead at most once), and a page in the channel.
    assert!(
        asked <= 40,
        "{asked} pages asked for while one record was read"
    );
    let mut last = 1;
    while let Some(s) = records.try_next().await.unwrap() {
        assert_eq!(s.id, last + 1, "in id order, every id once");
        last = s.id;
    }
    assert_eq!(last, 4000);
}
