//! Paging against a real HTTP server on 127.0.0.1.

mod common;

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::{SITES, Site, arg, client, docs_sites};
use futures::TryStreamExt as _;
use l2l_core::{Error, Paging, Query};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

/// Serves the docs' five sites with offset paging, capping the page at `cap`.
struct OffsetPages {
    records: Vec<serde_json::Value>,
    cap: usize,
}

impl Respond for OffsetPages {
    fn respond(&self, req: &Request) -> ResponseTemplate {
        let limit: usize = arg(req, "limit").unwrap().parse().unwrap();
        let limit = limit.min(self.cap);
        let offset: usize = arg(req, "offset").map_or(0, |o| o.parse().unwrap());
        let data: Vec<_> = self
            .records
            .iter()
            .skip(offset)
            .take(limit)
            .cloned()
            .collect();
        ResponseTemplate::new(200).set_body_json(json!({
            "limit": limit, "data": data, "success": true, "offset": offset
        }))
    }
}

/// A server on 127.0.0.1 answering `sites/` with `responder`.
async fn serve(responder: impl Respond + 'static) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/1.0/sites/"))
        .respond_with(responder)
        .mount(&server)
        .await;
    server
}

/// A sites query with offset paging and this page size.
fn offset_query(limit: u32) -> Query {
    let mut q = Query::new(&SITES);
    q.limit(limit);
    q.paging(Paging::Offset);
    q
}

fn offsets(server_requests: &[Request]) -> Vec<(String, String)> {
    server_requests
        .iter()
        .map(|r| {
            (
                arg(r, "offset").unwrap_or_default(),
                arg(r, "limit").unwrap_or_default(),
            )
        })
        .collect()
}

#[tokio::test]
async fn docs_example_five_sites_limit_two() {
    // B36, B17, B19: offsets 0, 2, 4 return 2, 2, 1 records, and the loop stops.
    let server = serve(OffsetPages {
        records: docs_sites(),
        cap: 100,
    })
    .await;
    let q = offset_query(2);
    let sites: Vec<Site> = q.all(&client(&server.uri())).await.unwrap();
    assert_eq!(
        sites.iter().map(|s| s.id).collect::<Vec<_>>(),
        vec![3, 8, 5, 6, 9]
    );
    let reqs = server.received_requests().await.unwrap();
    assert_eq!(
        offsets(&reqs),
        vec![
            ("0".into(), "2".into()),
            ("2".into(), "2".into()),
            ("4".into(), "2".into())
        ]
    );
}

#[tokio::test]
async fn follows_a_smaller_limit_than_asked() {
    // B18: the server answers limit=2 to limit=1000; the client continues with 2.
    let server = serve(OffsetPages {
        records: docs_sites(),
        cap: 2,
    })
    .await;
    let q = offset_query(1000);
    let sites: Vec<Site> = q.all(&client(&server.uri())).await.unwrap();
    assert_eq!(sites.len(), 5);
    let reqs = server.received_requests().await.unwrap();
    assert_eq!(
        offsets(&reqs),
        vec![
            ("0".into(), "1000".into()),
            ("2".into(), "2".into()),
            ("4".into(), "2".into())
        ]
    );
}

#[tokio::test]
async fn a_limit_above_the_maximum_is_refused_before_sending() {
    // B16
    let server = MockServer::start().await;
    let mut q = Query::new(&SITES);
    q.limit(2001);
    let err = q.all::<Site>(&client(&server.uri())).await.unwrap_err();
    assert!(
        matches!(err, Error::InvalidRequest { ref reason, .. } if reason.contains("1..=2000")),
        "{err}"
    );
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_server_that_ignores_offset_is_caught_not_looped() {
    let server = MockServer::start().await;
    let page: Vec<_> = docs_sites().into_iter().take(2).collect();
    Mock::given(path("/api/1.0/sites/"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "limit": 2, "data": page, "success": true, "offset": 0
        })))
        .mount(&server)
        .await;
    let q = offset_query(2);
    let err = q.all::<Site>(&client(&server.uri())).await.unwrap_err();
    assert!(matches!(err, Error::PagingStalled { .. }), "{err}");
    assert!(server.received_requests().await.unwrap().len() <= 3);
}

/// A table that serves keyset pages (`order_by=id`, `id__gt`) and offset pages, and that a
/// writer changes between requests.
#[derive(Clone, Default)]
struct Table(Arc<Mutex<BTreeMap<i64, serde_json::Value>>>);

impl Table {
    /// A table holding a site for each id.
    fn with(ids: impl IntoIterator<Item = i64>) -> Table {
        let table = Table::default();
        table
            .0
            .lock()
            .unwrap()
            .extend(ids.into_iter().map(|id| (id, site(id))));
        table
    }
}

impl Respond for Table {
    fn respond(&self, req: &Request) -> ResponseTemplate {
        let limit: usize = arg(req, "limit").unwrap().parse().unwrap();
        let after: i64 = arg(req, "id__gt").map_or(i64::MIN, |v| v.parse().unwrap());
        let upto: i64 = arg(req, "id__lte").map_or(i64::MAX, |v| v.parse().unwrap());
        let offset: usize = arg(req, "offset").map_or(0, |o| o.parse().unwrap());
        let rows = self.0.lock().unwrap();
        let range = rows.range(after + 1..=upto).map(|(_, v)| v.clone());
        let data: Vec<_> = if arg(req, "order_by").as_deref() == Some("-id") {
            range.rev().skip(offset).take(limit).collect()
        } else {
            range.skip(offset).take(limit).collect()
        };
        ResponseTemplate::new(200).set_body_json(json!({
            "limit": limit, "data": data, "success": true, "offset": offset
        }))
    }
}

fn site(id: i64) -> serde_json::Value {
    json!({"id": id, "site": id, "description": format!("Site {id}"), "timezone": null,
           "created": null, "lastupdated": null})
}

#[tokio::test]
async fn keyset_paging_sees_every_surviving_record_once_under_concurrent_writes() {
    let table = Table::with((2..=2000).step_by(2));
    let server = serve(table.clone()).await;
    // The writer inserts odd ids and deletes ids above 1000 that are multiples of 10.
    let writer = {
        let table = table.clone();
        tokio::spawn(async move {
            for i in 0..400 {
                {
                    let mut rows = table.0.lock().unwrap();
                    rows.insert(2 * i + 1, site(2 * i + 1));
                    rows.remove(&(1000 + 10 * (i % 100)));
                }
                tokio::time::sleep(Duration::from_micros(200)).await;
            }
        })
    };
    for parallel in [1, 4] {
        let mut q = Query::new(&SITES);
        q.limit(25);
        q.parallel(parallel);
        assert_eq!(q.effective_paging(), Paging::Keyset);
        let ids: Vec<i64> = q
            .stream::<Site>(&client(&server.uri()))
            .map_ok(|s| s.id)
            .try_collect()
            .await
            .unwrap();
        let mut seen = std::collections::HashSet::new();
        for id in &ids {
            assert!(seen.insert(*id), "id {id} seen twice ({parallel} ranges)");
        }
        // Every record that existed throughout: even ids not deleted.
        for id in (2..=2000)
            .step_by(2)
            .filter(|id| !(*id >= 1000 && id % 10 == 0))
        {
            assert!(
                seen.contains(&id),
                "id {id} was skipped ({parallel} ranges)"
            );
        }
        if parallel == 1 {
            // One range: the whole area in id order.
            assert!(ids.windows(2).all(|w| w[0] < w[1]));
        }
    }
    writer.await.unwrap();
    let reqs = server.received_requests().await.unwrap();
    // Keyset pages order by id; the one probe for the highest id orders by -id.
    assert!(reqs.iter().all(|r| {
        let order = arg(r, "order_by");
        order.as_deref() == Some("id") || order.as_deref() == Some("-id")
    }));
    assert_eq!(
        reqs.iter()
            .filter(|r| arg(r, "order_by").as_deref() == Some("-id"))
            .count(),
        1
    );
}

#[tokio::test]
async fn offset_paging_under_the_same_writes_can_skip_which_is_why_keyset_is_default() {
    // The same writer as above, but with offset paging: records shift under the offset.
    let table = Table::with((2..=400).step_by(2));
    let server = serve(table.clone()).await;
    let q = offset_query(10);
    let mut stream = Box::pin(q.stream::<Site>(&client(&server.uri())));
    let mut ids = Vec::new();
    while let Some(s) = stream.try_next().await.unwrap() {
        ids.push(s.id);
        if ids.len() == 15 {
            // Delete the first five records after the first page was read.
            let mut rows = table.0.lock().unwrap();
            for id in [2, 4, 6, 8, 10] {
                rows.remove(&id);
            }
        }
    }
    let distinct: std::collections::HashSet<_> = ids.iter().collect();
    assert!(
        distinct.len() < 200,
        "offset paging lost nothing, so this test shows nothing"
    );
}

fn many_sites(n: i64) -> Vec<serde_json::Value> {
    (1..=n).map(site).collect()
}

#[tokio::test]
async fn prefetching_several_offset_pages_keeps_order_and_loses_nothing() {
    let server = serve(OffsetPages {
        records: many_sites(23),
        cap: 100,
    })
    .await;
    let mut q = offset_query(4);
    q.prefetch(3);
    let ids: Vec<i64> = q
        .all::<Site>(&client(&server.uri()))
        .await
        .unwrap()
        .iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(ids, (1..=23).collect::<Vec<_>>());
    // At most `prefetch - 1` pages are asked for beyond the end.
    let n = server.received_requests().await.unwrap().len();
    assert!((6..=8).contains(&n), "{n} requests for 6 pages");
}

#[tokio::test]
async fn prefetched_pages_are_asked_again_when_the_server_cuts_the_page_size() {
    // B18 with several pages in flight: the guesses at limit 5 are dropped.
    let server = serve(OffsetPages {
        records: many_sites(11),
        cap: 2,
    })
    .await;
    let mut q = offset_query(5);
    q.prefetch(4);
    let ids: Vec<i64> = q
        .all::<Site>(&client(&server.uri()))
        .await
        .unwrap()
        .iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(ids, (1..=11).collect::<Vec<_>>());
}

/// Waits until the server has received `n` requests (the event itself, not a time).
async fn until_received(server: &MockServer, n: usize) -> usize {
    for _ in 0..1000 {
        let got = server.received_requests().await.unwrap().len();
        if got >= n {
            return got;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("the server never received {n} requests");
}

#[tokio::test]
async fn pages_are_in_flight_before_they_are_read() {
    for depth in [1, 4] {
        let server = serve(OffsetPages {
            records: many_sites(400),
            cap: 100,
        })
        .await;
        let mut q = offset_query(4);
        q.prefetch(depth);
        let mut stream = q.stream::<Site>(&client(&server.uri()));
        assert_eq!(stream.try_next().await.unwrap().unwrap().id, 1);
        // While the first page is being read, the next `depth` pages are asked for...
        let sent = until_received(&server, 1 + depth).await;
        // ...and the read-ahead stays bounded: a page in the caller's hand, one waiting in
        // the stream, one in the reader's hand and `depth` in flight.
        assert!(sent <= 3 + depth, "prefetch {depth}: {sent} requests");
        drop(stream);
    }
}

#[tokio::test]
async fn keyset_asks_for_the_next_page_early_but_never_twice() {
    let table = Table::with(1..=50);
    let server = serve(table.clone()).await;
    // A list shorter than a page costs one request.
    let mut q = Query::new(&SITES);
    q.limit(100);
    assert_eq!(
        q.all::<Site>(&client(&server.uri())).await.unwrap().len(),
        50
    );
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
    // Seven pages, read in id ranges: each page asked for once, the highest id asked for
    // once, and few requests past the ends of the ranges.
    let before = server.received_requests().await.unwrap().len();
    let mut q = Query::new(&SITES);
    q.limit(8);
    let mut ids: Vec<i64> = q
        .all::<Site>(&client(&server.uri()))
        .await
        .unwrap()
        .iter()
        .map(|s| s.id)
        .collect();
    ids.sort_unstable();
    assert_eq!(ids, (1..=50).collect::<Vec<_>>());
    let reqs = server.received_requests().await.unwrap();
    let pages: Vec<_> = reqs[before..]
        .iter()
        .filter(|r| arg(r, "order_by").as_deref() == Some("id"))
        .map(|r| (arg(r, "id__gt"), arg(r, "id__lte")))
        .collect();
    let distinct: std::collections::HashSet<_> = pages.iter().collect();
    assert_eq!(
        distinct.len(),
        pages.len(),
        "a page was asked for twice: {pages:?}"
    );
    assert!((7..=12).contains(&pages.len()), "{pages:?}");
}
