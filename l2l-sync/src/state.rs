//! The resume state of one (area, site): where the current run is, and where the next
//! incremental run starts. A sink writes it in the same transaction as the rows it covers.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use l2l_core::KeyRange;

/// The format of the state; a state of another version is refused, never guessed at.
pub const STATE_VERSION: u32 = 2;

/// At most this many ids are kept for the watermark's boundary (JSON Lines only); beyond,
/// an unchanged record at the boundary may be written again (never lost).
pub const MAX_BOUNDARY: usize = 10_000;

/// Whose resume state it is: an area, and the site when the area is synced per site. A
/// database keeps one row of its state table (`_l2l_sync_state`) per key.
///
/// ```
/// let key = l2l_sync::StateKey::new("machines", Some(1));
/// assert_eq!((key.area.as_str(), key.site_column()), ("machines", 1));
/// assert_eq!(l2l_sync::StateKey::new("sites", None).site_column(), l2l_sync::StateKey::NO_SITE);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct StateKey {
    /// The area's path.
    pub area: String,
    /// The site, if the sync is of one site's records.
    pub site: Option<i64>,
}

impl StateKey {
    /// The `site` column of a key without a site. The column is part of the state table's
    /// primary key, so it cannot be NULL; no L2L site has the id 0.
    pub const NO_SITE: i64 = 0;

    /// The key of `area` (and `site`).
    pub fn new(area: impl Into<String>, site: Option<i64>) -> StateKey {
        StateKey {
            area: area.into(),
            site,
        }
    }

    /// The value of the state table's `site` column: the site, or [`StateKey::NO_SITE`].
    pub fn site_column(&self) -> i64 {
        self.site.unwrap_or(StateKey::NO_SITE)
    }
}

/// What a sync records of one (area, site).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SyncState {
    /// The format of this state.
    pub version: u32,
    /// The area synced.
    pub area: String,
    /// The site, if any.
    pub site: Option<i64>,
    /// The filters, as given (`code__gte=A`).
    pub filters: Vec<String>,
    /// The lower bound on `lastupdated` of the current run.
    pub since: Option<String>,
    /// The ids the current run has still to read; `None` before it has read anything.
    pub ranges: Option<Vec<KeyRange>>,
    /// Records written by the current run.
    pub written: u64,
    /// Records written by every run, a record counted each time it was written (so, for a
    /// JSON Lines file, the lines the syncs appended to it). Not a count of the rows of a
    /// database table: a record changed between runs is written again into the same row.
    pub total: u64,
    /// Whether the current run reached the end of the area.
    pub complete: bool,
    /// The newest `lastupdated` when the current run started.
    pub run_watermark: Option<String>,
    /// Where the next incremental run starts (set when a run completes).
    pub watermark: Option<String>,
    /// Ids the current run wrote with `lastupdated` equal to `run_watermark`.
    #[serde(default)]
    pub at_watermark: Vec<i64>,
    /// Ids written with `lastupdated` equal to `watermark` (by the runs that set it).
    #[serde(default)]
    pub boundary: Vec<i64>,
    /// Ids the current run skips when their `lastupdated` equals `since`: already written.
    #[serde(default)]
    pub skip: Vec<i64>,
    /// How many runs have completed.
    pub runs: u64,
    /// Where the next read of L2L's change feed (`dispatches/get_event_data/`, UTC) starts:
    /// the deletions it reports after this time are not applied yet. Only for the areas
    /// that have a feed (dispatches of a site); absent from states saved before it existed,
    /// which start following the feed from their next run.
    #[serde(default)]
    pub feed_watermark: Option<l2l_core::UtcTime>,
}

/// What a sync is asked to do, to be matched against a saved state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spec {
    /// The area's path.
    pub area: String,
    /// The site.
    pub site: Option<i64>,
    /// The filters.
    pub filters: Vec<String>,
    /// A lower bound on `lastupdated` set by hand.
    pub since: Option<String>,
    /// Whether the area has an orderable `lastupdated` to sync changes by.
    pub has_stamp: bool,
}

/// What a run does, decided from the saved state.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// The state the run starts from.
    pub state: SyncState,
    /// Whether it goes on with a run that was stopped.
    pub resumed: bool,
}

impl Spec {
    /// Whose state a run of this spec reads and writes.
    pub fn key(&self) -> StateKey {
        StateKey::new(self.area.clone(), self.site)
    }
}

impl SyncState {
    /// A state for a first run.
    pub fn new(spec: &Spec) -> SyncState {
        SyncState {
            version: STATE_VERSION,
            area: spec.area.clone(),
            site: spec.site,
            filters: spec.filters.clone(),
            since: spec.since.clone(),
            ranges: None,
            written: 0,
            total: 0,
            complete: false,
            run_watermark: None,
            watermark: None,
            at_watermark: Vec::new(),
            boundary: Vec::new(),
            skip: Vec::new(),
            runs: 0,
            feed_watermark: None,
        }
    }

    /// Decides the run: a first run, the rest of a stopped one, or the next incremental one.
    pub fn plan(saved: Option<SyncState>, spec: &Spec, target: &str) -> Result<Plan> {
        let Some(st) = saved else {
            return Ok(Plan {
                state: SyncState::new(spec),
                resumed: false,
            });
        };
        if st.version != STATE_VERSION {
            return Err(Error::State(format!(
                "{target} holds a sync state of version {} (this l2l writes version {STATE_VERSION})",
                st.version
            )));
        }
        if st.area != spec.area || st.site != spec.site || st.filters != spec.filters {
            return Err(Error::State(format!(
                "{target} holds a sync of `{}`{}{}, not of this area, site and filters",
                st.area,
                st.site.map(|s| format!(" site {s}")).unwrap_or_default(),
                if st.filters.is_empty() {
                    String::new()
                } else {
                    format!(" --where {}", st.filters.join(" --where "))
                }
            )));
        }
        if !st.complete {
            if spec.since.is_some() && spec.since != st.since {
                return Err(Error::State(format!(
                    "a sync of {target} {} is half done; run it without --since (or with the same one) to finish it first",
                    st.since
                        .as_ref()
                        .map(|s| format!("since {s}"))
                        .unwrap_or_else(|| "of every record".into())
                )));
            }
            return Ok(Plan {
                state: st,
                resumed: true,
            });
        }
        let from_watermark = spec.since.is_none() || spec.since == st.watermark;
        let since = spec.since.clone().or_else(|| st.watermark.clone());
        if since.is_none() && !spec.has_stamp {
            return Err(Error::State(format!(
                "{target} holds a complete sync, and `{}` has no lastupdated field to fetch only the changes by",
                spec.area
            )));
        }
        let skip = if from_watermark {
            st.boundary.clone()
        } else {
            Vec::new()
        };
        Ok(Plan {
            state: SyncState {
                since,
                ranges: None,
                written: 0,
                complete: false,
                run_watermark: None,
                at_watermark: Vec::new(),
                skip,
                ..st
            },
            resumed: false,
        })
    }

    /// Records that a page read from `range` leaves `next` of it to read.
    pub fn advance(&mut self, range: &KeyRange, next: Option<KeyRange>) {
        let ranges = self.ranges.get_or_insert_with(Vec::new);
        if let Some(i) = ranges.iter().position(|r| r == range) {
            match next {
                Some(n) => ranges[i] = n,
                None => {
                    ranges.remove(i);
                }
            }
        }
    }

    /// Whether this is the state of a first load still under way: no run has completed
    /// and the current one reads the whole area.
    pub fn first_load(&self) -> bool {
        !self.complete && self.runs == 0 && self.since.is_none()
    }

    /// Marks the run complete and moves the watermark.
    pub fn finish(&mut self) {
        self.complete = true;
        self.runs += 1;
        self.ranges = None;
        if self.run_watermark.is_some() {
            let mut boundary = std::mem::take(&mut self.at_watermark);
            if same_time(self.run_watermark.as_deref(), self.watermark.as_deref()) {
                // Nothing newer came: the old boundary still holds.
                boundary.extend(self.boundary.iter().copied());
                boundary.sort_unstable();
                boundary.dedup();
            }
            self.boundary = boundary;
            self.watermark = self.run_watermark.clone();
        }
        self.skip.clear();
    }
}

/// Whether two `lastupdated` values are the same instant (`...T10:00:00` and
/// `... 10:00:00.000` are).
pub fn same_time(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => {
            a == b
                || matches!(
                    (a.parse::<l2l_core::DateTime>(), b.parse::<l2l_core::DateTime>()),
                    (Ok(x), Ok(y)) if x == y
                )
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec() -> Spec {
        Spec {
            area: "machines".into(),
            site: Some(1),
            filters: vec![],
            since: None,
            has_stamp: true,
        }
    }

    #[test]
    fn a_page_replaces_its_range_by_what_is_left() {
        let mut s = SyncState::new(&spec());
        let a = KeyRange {
            after: None,
            upto: Some(100),
        };
        let b = KeyRange {
            after: Some(100),
            upto: None,
        };
        s.ranges = Some(vec![a, b]);
        let a2 = KeyRange {
            after: Some(40),
            upto: Some(100),
        };
        s.advance(&a, Some(a2));
        assert_eq!(s.ranges, Some(vec![a2, b]));
        s.advance(&b, None);
        assert_eq!(s.ranges, Some(vec![a2]));
    }

    #[test]
    fn a_state_saved_before_the_feed_watermark_still_loads() {
        let mut old = serde_json::to_value(SyncState::new(&spec())).unwrap();
        old.as_object_mut().unwrap().remove("feed_watermark");
        let st: SyncState = serde_json::from_value(old).expect("an older state loads");
        assert_eq!(st.feed_watermark, None);
        let mut s = SyncState::new(&spec());
        s.feed_watermark = Some("2024-05-05 22:39:47.250000".parse().unwrap());
        s.finish();
        let plan = SyncState::plan(Some(s.clone()), &spec(), "t").unwrap();
        assert_eq!(
            plan.state.feed_watermark, s.feed_watermark,
            "the next run reads the feed from where the last one stopped"
        );
        let text = serde_json::to_string(&s).unwrap();
        assert!(
            text.contains("\"feed_watermark\":\"2024-05-05 22:39:47.250000\""),
            "{text}"
        );
    }

    #[test]
    fn a_complete_sync_goes_on_from_its_watermark() {
        let mut s = SyncState::new(&spec());
        s.run_watermark = Some("2024-01-01T00:00:00".into());
        s.at_watermark = vec![3];
        s.finish();
        let plan = SyncState::plan(Some(s), &spec(), "t").unwrap();
        assert!(!plan.resumed);
        assert_eq!(plan.state.since.as_deref(), Some("2024-01-01T00:00:00"));
        assert_eq!(plan.state.skip, vec![3]);
        let other = Spec {
            site: Some(2),
            ..spec()
        };
        let err = SyncState::plan(Some(plan.state), &other, "t").unwrap_err();
        assert!(
            err.to_string()
                .contains("holds a sync of `machines` site 1"),
            "{err}"
        );
    }
}
