//! Deletions through L2L's change feed, `dispatches/get_event_data/`: the dispatches deleted
//! since the feed watermark of the saved state, read on every incremental run without
//! reading every id (`--reconcile`).
//!
//! The feed's times are UTC (unlike the record areas' `lastupdated`, which is the site's
//! wall-clock time), so the feed keeps its own watermark, [`SyncState::feed_watermark`].
//! It answers the changes strictly after `lastupdated`, oldest first, at most `limit` of
//! them (1000 by default), with `max_lastupdated` the newest change it sent. The filter set
//! of every call is the same (`site`, `deleted=true`, `limit`), as L2L asks.
//!
//! [`SyncState::feed_watermark`]: crate::SyncState::feed_watermark

use l2l_areas::{Dispatch, EventDataQuery, UtcTime};
use l2l_core::AreaSchema;

use crate::error::Result;

/// The changes per call (L2L's default).
pub const LIMIT: u32 = 1000;

/// How far behind the client's clock the first feed watermark is set.
///
/// The first run of an area starts following the feed at the client's UTC time minus this
/// margin (reading the server's clock would cost a call that not every key may make):
/// a clock up to ten minutes fast loses no deletion. The overlap is harmless: a deletion
/// of a row that is already gone, or already marked, changes nothing.
pub const FIRST_WATERMARK_MARGIN: std::time::Duration = std::time::Duration::from_secs(600);

/// The site whose feed reports the deletions of `area`: dispatches of a site only.
pub fn site(area: &AreaSchema, site: Option<i64>) -> Option<i64> {
    (area.path == "dispatches").then_some(site).flatten()
}

/// Where a first run starts following the feed: the client's UTC time minus
/// [`FIRST_WATERMARK_MARGIN`].
pub fn first_watermark() -> UtcTime {
    first_watermark_at(jiff::Timestamp::now())
}

/// [`first_watermark`] when the clock reads `now`.
fn first_watermark_at(now: jiff::Timestamp) -> UtcTime {
    let margin = jiff::SignedDuration::try_from(FIRST_WATERMARK_MARGIN)
        .unwrap_or(jiff::SignedDuration::ZERO);
    let at = now.checked_sub(margin).unwrap_or(now);
    UtcTime(at.to_zoned_datetime(jiff::tz::TimeZone::UTC).datetime())
}

/// What one read of the feed found.
#[derive(Debug, Clone, PartialEq)]
pub struct Read {
    /// The ids of the dispatches reported deleted, sorted and distinct.
    pub ids: Vec<i64>,
    /// Where the next read starts.
    pub watermark: UtcTime,
    /// Why a deletion may not be in `ids`, when one may not (the key may not call the feed:
    /// the watermark stays; too many changes at one instant to page through).
    pub note: Option<String>,
}

/// The dispatches of `site` deleted after `since`, and the watermark after them, read
/// `limit` changes a call (while the answers come full; B19).
///
/// A refusal of the feed itself (HTTP 401, 403 or 404: a key without the permission, a
/// tenant that wants the call signed) is no error but a [`Read::note`]; any other failure
/// is an error, and the next run reads from `since` again.
pub async fn deleted_since(
    client: &l2l_core::Client,
    site: i64,
    since: UtcTime,
    limit: u32,
) -> Result<Read> {
    let mut q = EventDataQuery {
        site,
        lastupdated: Some(since),
        limit: Some(limit),
        deleted: Some(true),
        ..Default::default()
    };
    let mut at = since;
    let mut ids = Vec::new();
    let mut note = None;
    // A full page whose changes all share one instant cannot be paged past (the feed only
    // answers changes strictly after a time): it is asked again, twice as large, up to the
    // largest page L2L serves of dispatches.
    let max_limit = <Dispatch as l2l_areas::RecordArea>::SCHEMA
        .max_limit
        .max(limit);
    loop {
        q.lastupdated = Some(at);
        let page = match Dispatch::get_event_data(client, &q).await {
            Ok(p) => p,
            Err(l2l_core::Error::Http {
                status: status @ (401 | 403 | 404),
                ..
            }) => {
                note = Some(format!(
                    "L2L refused its change feed (dispatches/get_event_data/, HTTP {status}): deletions of dispatches are not applied; --reconcile finds them by reading every id"
                ));
                break;
            }
            Err(e) => return Err(e.into()),
        };
        let asked = q.limit.unwrap_or(limit);
        ids.extend(
            page.data
                .iter()
                .filter(|e| e.deleted)
                .map(|e| e.dispatch.id),
        );
        if page.data.len() < asked as usize {
            if let Some(m) = page.max_lastupdated.filter(|m| *m > at) {
                at = m;
            }
            break;
        }
        // A full page: more changes may share its newest instant than it holds, and the
        // feed answers only those strictly after a time. Go on from the instant before the
        // newest, so that those come again (a deletion applied twice changes nothing).
        match resume_point(&page.data, page.max_lastupdated).filter(|r| *r > at) {
            Some(r) => {
                at = r;
                q.limit = Some(limit);
            }
            None if asked < max_limit => q.limit = Some((asked * 2).min(max_limit)),
            None => {
                // Past the instant, or every later run would stop here again.
                note = Some(format!(
                    "more than {max_limit} dispatches changed at one instant (after {at} UTC), more than the change feed can page through: a deletion among them may be missed; --reconcile finds it by reading every id"
                ));
                match page.max_lastupdated.filter(|m| *m > at) {
                    Some(m) => {
                        at = m;
                        q.limit = Some(limit);
                    }
                    None => break,
                }
            }
        }
    }
    ids.sort_unstable();
    ids.dedup();
    Ok(Read {
        ids,
        watermark: at,
        note,
    })
}

/// Where to go on after a full page: the newest change time of the page that is older
/// than its newest one; the page's `max_lastupdated` when its records carry no time.
fn resume_point(data: &[l2l_areas::DispatchEvent], max: Option<UtcTime>) -> Option<UtcTime> {
    let stamps: Vec<UtcTime> = data
        .iter()
        .filter_map(|e| e.dispatch.lastupdated.map(|t| UtcTime(t.0)))
        .collect();
    let Some(newest) = stamps.iter().max().copied() else {
        return max;
    };
    stamps.into_iter().filter(|t| *t < newest).max()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_dispatches_of_a_site_have_a_feed() {
        let d = <l2l_areas::Dispatch as l2l_areas::RecordArea>::SCHEMA;
        let m = <l2l_areas::Machine as l2l_areas::RecordArea>::SCHEMA;
        assert_eq!(site(d, Some(3)), Some(3));
        assert_eq!(site(d, None), None);
        assert_eq!(site(m, Some(3)), None);
    }

    fn events(stamps: &[&str]) -> Vec<l2l_areas::DispatchEvent> {
        stamps
            .iter()
            .enumerate()
            .map(|(i, t)| {
                serde_json::from_value(serde_json::json!({"id": i, "site": 1, "dispatchtype": 1, "machine": 1, "lastupdated": t}))
                    .expect("an event")
            })
            .collect()
    }

    #[test]
    fn a_full_page_goes_on_from_before_its_newest_instant() {
        let max = Some("2024-01-01 00:00:03.500000".parse().unwrap());
        let page = events(&[
            "2024-01-01T00:00:01",
            "2024-01-01T00:00:02",
            "2024-01-01T00:00:03",
            "2024-01-01T00:00:03",
        ]);
        assert_eq!(
            resume_point(&page, max).map(|t| t.to_string()).as_deref(),
            Some("2024-01-01 00:00:02")
        );
        let same = events(&["2024-01-01T00:00:03", "2024-01-01T00:00:03"]);
        assert_eq!(resume_point(&same, max), None, "one instant: no way on");
        assert_eq!(resume_point(&[], max), max);
    }

    /// Against the sandbox: pages of two changes, deletions among other changes, every
    /// deletion once, and the watermark the feed's own newest change (B19).
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn reads_every_deletion_through_full_pages() {
        use l2l_areas::RecordArea as _;
        let sandbox = l2l_sandbox::Sandbox::builder()
            .seed(l2l_sandbox::Seed::Bulk {
                count: 30,
                area: Some("dispatches".into()),
            })
            .start()
            .await
            .expect("the sandbox starts");
        let client = l2l_core::Client::builder()
            .base_url(sandbox.base_url())
            .api_key(sandbox.api_key())
            .build()
            .expect("a client");
        let since = first_watermark();
        let all: Vec<serde_json::Value> = l2l_core::Query::for_site(l2l_areas::Dispatch::SCHEMA, 1)
            .all(&client)
            .await
            .expect("the dispatches");
        let mut ids: Vec<i64> = all.iter().filter_map(|d| d["id"].as_i64()).collect();
        ids.sort_unstable();
        let gone: Vec<i64> = ids.iter().copied().step_by(4).take(7).collect();
        for (n, id) in gone.iter().enumerate() {
            Dispatch::delete_action(&client, 1, *id)
                .await
                .expect("deleted");
            // A change that is no deletion between them.
            Dispatch::set_description(&client, 1, ids[n * 4 + 1], "changed")
                .await
                .expect("changed");
        }
        let read = deleted_since(&client, 1, since, 2).await.expect("the feed");
        assert_eq!(read.ids, gone);
        assert_eq!(read.note, None);
        let whole = Dispatch::get_event_data(
            &client,
            &EventDataQuery {
                site: 1,
                lastupdated: Some(since),
                deleted: Some(true),
                ..Default::default()
            },
        )
        .await
        .expect("the feed in one answer");
        assert!(whole.data.len() >= 14, "{} changes", whole.data.len());
        assert_eq!(Some(read.watermark), whole.max_lastupdated);
        let again = deleted_since(&client, 1, read.watermark, 2)
            .await
            .expect("the feed");
        assert!(again.ids.is_empty(), "{:?}", again.ids);
        assert_eq!(again.watermark, read.watermark);
        sandbox.shutdown().await;
    }

    #[test]
    fn the_first_watermark_is_the_utc_clock_minus_the_margin() {
        let now: jiff::Timestamp = "2024-05-05T22:39:47Z".parse().unwrap();
        assert_eq!(first_watermark_at(now).to_string(), "2024-05-05 22:29:47");
    }
}
