//! Issue 14: the change feed on `dispatches/get_event_data/` (`Dispatch::events`), with
//! dispatches opened, changed and deleted while it runs. Waits are on the events
//! themselves; the timeout only keeps a broken feed from hanging the test.

mod common;

use std::time::Duration;

use common::sandbox;
use futures::StreamExt;
use l2l_areas::{
    Client, Dispatch, DispatchChange, DispatchEventStream, EventDataQuery, OpenDispatch, UtcTime,
};

async fn next(feed: &mut DispatchEventStream) -> DispatchChange {
    tokio::time::timeout(Duration::from_secs(20), feed.next())
        .await
        .expect("the feed delivers the change")
        .expect("the feed does not end")
        .expect("no error")
}

/// The watermark after every change the sandbox holds now.
async fn watermark(c: &Client) -> UtcTime {
    let q = EventDataQuery {
        site: 1,
        lastupdated: Some("2000-01-01 00:00:00".parse().unwrap()),
        deleted: Some(true),
        ..Default::default()
    };
    Dispatch::get_event_data(c, &q)
        .await
        .unwrap()
        .max_lastupdated
        .unwrap_or_else(UtcTime::now)
}

fn what(c: &DispatchChange) -> (i64, String, bool) {
    let d = &c.event.dispatch;
    (
        d.id,
        d.description.clone().unwrap_or_default(),
        c.event.deleted,
    )
}

#[tokio::test]
async fn every_change_once_in_order_and_resumable() {
    let sb = sandbox().await;
    let c = sb.client();
    let start = watermark(&c).await;
    let mut feed = Dispatch::events(1)
        .since(start)
        .interval(Duration::from_millis(5))
        .stream(&c);
    let d1 = Dispatch::open(&c, &OpenDispatch::new(1, "Code Red", "M-100", "opened"))
        .await
        .unwrap();
    assert_eq!(
        what(&next(&mut feed).await),
        (d1.id, "opened".into(), false)
    );
    Dispatch::set_description(&c, 1, d1.id, "changed")
        .await
        .unwrap();
    assert_eq!(
        what(&next(&mut feed).await),
        (d1.id, "changed".into(), false)
    );
    let d2 = Dispatch::open(&c, &OpenDispatch::new(1, "Code Red", "M-200", "second"))
        .await
        .unwrap();
    let c3 = next(&mut feed).await;
    assert_eq!(what(&c3), (d2.id, "second".into(), false));
    Dispatch::delete_action(&c, 1, d1.id).await.unwrap();
    let c4 = next(&mut feed).await;
    assert_eq!(what(&c4), (d1.id, "changed".into(), true));
    let closed = Dispatch::close(&c, 1, d2.id).await.unwrap();
    let c5 = next(&mut feed).await;
    assert_eq!(what(&c5), (d2.id, "second".into(), false));
    assert_eq!(c5.event.dispatch.open.as_deref(), Some("F"));
    assert_eq!(c5.event.dispatch.lastupdated, closed.lastupdated);
    // Watermarks only move forward.
    assert!(c3.watermark < c4.watermark && c4.watermark < c5.watermark);
    // No change came twice: the next one is a new sentinel.
    let d3 = Dispatch::open(&c, &OpenDispatch::new(1, "Code Red", "WLD-01", "sentinel"))
        .await
        .unwrap();
    assert_eq!(
        what(&next(&mut feed).await),
        (d3.id, "sentinel".into(), false)
    );

    // Stop (as Ctrl-C does) after the deletion; changes made while stopped are seen on
    // resume from that change's watermark, and nothing before it.
    drop(feed);
    Dispatch::set_description(&c, 1, d3.id, "while stopped")
        .await
        .unwrap();
    let mut resumed = Dispatch::events(1)
        .since(c4.watermark)
        .interval(Duration::from_millis(5))
        .stream(&c);
    assert_eq!(
        what(&next(&mut resumed).await),
        (d2.id, "second".into(), false)
    );
    assert_eq!(
        what(&next(&mut resumed).await),
        (d3.id, "while stopped".into(), false)
    );
}

#[tokio::test]
async fn filters_stay_the_same_and_full_pages_are_followed() {
    let sb = sandbox().await;
    let c = sb.client();
    let start = watermark(&c).await;
    let mut ids = Vec::new();
    for m in ["M-100", "M-101", "M-200"] {
        ids.push(
            Dispatch::open(&c, &OpenDispatch::new(1, "Code Red", m, "batch"))
                .await
                .unwrap()
                .id,
        );
    }
    // Pages of one record, only open dispatches: three calls, each with the same filters.
    let events = Dispatch::events(1)
        .since(start)
        .limit(1)
        .open(true)
        .interval(Duration::from_secs(3600));
    assert_eq!(events.query().open, Some(true));
    let mut feed = events.stream(&c);
    let mut got = Vec::new();
    for _ in 0..3 {
        got.push(next(&mut feed).await.event.dispatch.id);
    }
    assert_eq!(got, ids);
}
