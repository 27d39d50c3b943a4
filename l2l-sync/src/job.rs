//! What to sync: [`Job`], built with [`Job::new`] and its setters, and the queries it
//! makes. How a job runs is in the driver.

use std::sync::Arc;

use l2l_core::{AreaSchema, Client, Lookup, Query, Scope};
use serde_json::Value;

use crate::error::{Error, Result};
use crate::sink::Deletions;
use crate::state::Spec;

/// What to sync: an area, and optionally a site, filters, a first lower bound, a page size,
/// what to do with deleted records, and whom to tell how a run goes ([`Job::progress`]).
///
/// Built with [`Job::new`] and chainable setters; the fields can be read, and new ones
/// may come in a minor release (the struct is `#[non_exhaustive]`, so it cannot be built
/// with a struct literal outside this crate).
///
/// ```
/// use l2l_areas::RecordArea as _;
/// use l2l_sync::{Deletions, Job};
///
/// let job = Job::new(l2l_areas::Dispatch::SCHEMA)
///     .site(1)
///     .filter("dispatchtype=3")
///     .since("2024-05-05")
///     .page_size(500)
///     .feed_deletions(Deletions::Mark);
/// assert_eq!(job.site, Some(1));
/// assert_eq!(job.filters, ["dispatchtype=3"]);
/// assert!(job.follows_feed());
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Job {
    /// The area.
    pub area: &'static AreaSchema,
    /// The site (required by site-scoped areas).
    pub site: Option<i64>,
    /// Filters, `FIELD=VALUE` or `FIELD__LOOKUP=VALUE` (kept in the state).
    pub filters: Vec<String>,
    /// Only records changed at or after this time (the first run; later runs go on from
    /// their watermark by themselves).
    pub since: Option<String>,
    /// Records per request (the area's maximum when `None`).
    pub page_size: Option<u32>,
    /// After the sync, read every id (`--reconcile`) and delete or mark the rows whose
    /// record is gone.
    pub deletions: Option<Deletions>,
    /// What to do with the records L2L's change feed reports deleted, read on every run
    /// after the rows are written (dispatches of a site, into a database; the feed is not
    /// read for other areas, nor for a JSON Lines file, which is only appended to). `None`:
    /// the feed is not read.
    pub feed_deletions: Option<Deletions>,
    /// Told how a run goes ([`Job::progress`]).
    progress: Option<Progress>,
}

/// The callback of [`Job::progress`].
#[derive(Clone)]
struct Progress(Arc<dyn Fn(Event) + Send + Sync>);

impl std::fmt::Debug for Progress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Progress(..)")
    }
}

impl Job {
    /// A job of every record of `area`: no site, no filter, from the first record, pages
    /// as large as the area allows, deleted records left alone.
    ///
    /// ```
    /// use l2l_areas::RecordArea as _;
    /// let job = l2l_sync::Job::new(l2l_areas::Machine::SCHEMA);
    /// assert_eq!(job.area.path, "machines");
    /// assert_eq!((job.site, job.page_size, job.deletions), (None, None, None));
    /// ```
    pub fn new(area: &'static AreaSchema) -> Job {
        Job {
            area,
            site: None,
            filters: Vec::new(),
            since: None,
            page_size: None,
            deletions: None,
            feed_deletions: None,
            progress: None,
        }
    }

    /// Syncs the records of this site (required by site-scoped areas, such as machines).
    pub fn site(mut self, site: i64) -> Job {
        self.site = Some(site);
        self
    }

    /// Syncs only the records that pass these filters, `FIELD=VALUE` or
    /// `FIELD__LOOKUP=VALUE` (replacing those set before). The filters are kept in the
    /// state: a later run with other filters is refused.
    pub fn filters<I, S>(mut self, filters: I) -> Job
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.filters = filters.into_iter().map(Into::into).collect();
        self
    }

    /// Adds one filter, `FIELD=VALUE` or `FIELD__LOOKUP=VALUE`, to those set before.
    pub fn filter(mut self, filter: impl Into<String>) -> Job {
        self.filters.push(filter.into());
        self
    }

    /// Syncs only the records changed at or after this UTC date or datetime
    /// (`2024-05-05`, `2024-05-05T22:39:47`) in the first run; later runs go on from
    /// their watermark by themselves.
    pub fn since(mut self, since: impl Into<String>) -> Job {
        self.since = Some(since.into());
        self
    }

    /// Asks for this many records per request (the area's maximum by default).
    pub fn page_size(mut self, records: u32) -> Job {
        self.page_size = Some(records);
        self
    }

    /// After the sync, reads every id of the area and deletes (or, with
    /// [`Deletions::Mark`], marks) the rows whose record is gone: `--reconcile`. A
    /// database only; a JSON Lines file refuses it.
    pub fn deletions(mut self, mode: Deletions) -> Job {
        self.deletions = Some(mode);
        self
    }

    /// On every run, after the rows are written, applies the deletions L2L's change feed
    /// reports: deletes (or marks) the rows of the records deleted since the last run.
    /// Only the dispatches of a site have a feed, and only a database is changed; other
    /// jobs ignore it.
    pub fn feed_deletions(mut self, mode: Deletions) -> Job {
        self.feed_deletions = Some(mode);
        self
    }

    /// Tells `on` how each run of this job goes: every [`Event`] as it happens (some from
    /// the writer's thread, so `on` should be quick). Without it, a run tells nothing.
    ///
    /// ```
    /// use l2l_areas::RecordArea as _;
    /// use std::sync::atomic::{AtomicU64, Ordering};
    /// use std::sync::Arc;
    ///
    /// let written = Arc::new(AtomicU64::new(0));
    /// let counted = written.clone();
    /// let job = l2l_sync::Job::new(l2l_areas::Machine::SCHEMA).site(1).progress(move |e| {
    ///     if let l2l_sync::Event::Written(n) = e {
    ///         counted.fetch_add(n, Ordering::Relaxed);
    ///     }
    /// });
    /// # let _ = job;
    /// ```
    pub fn progress(mut self, on: impl Fn(Event) + Send + Sync + 'static) -> Job {
        self.progress = Some(Progress(Arc::new(on)));
        self
    }

    /// Tells the job's [`Job::progress`] callback, if any, `event`.
    pub(crate) fn tell(&self, event: Event) {
        if let Some(Progress(on)) = &self.progress {
            on(event);
        }
    }

    /// What tells the job's [`Job::progress`] callback, if any, that rows are written:
    /// for the writer's thread.
    pub(crate) fn on_written(&self) -> impl Fn(u64) + Send + 'static {
        let progress = self.progress.clone();
        move |n| {
            if let Some(Progress(on)) = &progress {
                on(Event::Written(n));
            }
        }
    }

    /// The query of every record of the job (without the run's `since`).
    pub fn query(&self) -> Result<Query> {
        let mut q = match (self.area.scope, self.site) {
            (Scope::Site, None) => {
                return Err(Error::State(format!(
                    "area `{}` is kept per site: name one",
                    self.area.path
                )));
            }
            (_, Some(site)) => Query::for_site(self.area, site),
            (_, None) => Query::new(self.area),
        };
        for f in &self.filters {
            let (k, v) = f
                .split_once('=')
                .ok_or_else(|| Error::State(format!("a filter is FIELD=VALUE, not {f:?}")))?;
            q.filter_str(k, v)?;
        }
        if let Some(n) = self.page_size {
            q.limit(n);
        }
        Ok(q)
    }

    /// Asks L2L for one record of the job (one request of its id), to learn whether the
    /// key may read the area before anything is written: fails with the API's error
    /// (HTTP 401 or 403 for an area the key may not read).
    ///
    /// [`Job::run`] prepares the destination (creating the area's table) before its first
    /// request, so that a database that cannot be used fails before anything is
    /// downloaded; a caller that syncs many areas and skips those the key may not read
    /// (`l2l sync --all`) probes each first, after opening the destination, so that a
    /// refused area leaves no table behind.
    pub async fn probe(&self, client: &Client) -> Result<()> {
        let mut q = self.query()?;
        if let Some(id) = self.area.id_field() {
            q.fields(&[id.api_name]);
        }
        q.limit(1);
        q.page::<Value>(client).await?;
        Ok(())
    }

    /// Whether the area has an orderable `lastupdated` to sync changes by.
    pub(crate) fn stamp(&self) -> bool {
        self.area
            .field("lastupdated")
            .is_some_and(|f| f.allows(Lookup::Gte) && f.order)
    }

    /// The site and mode of the change feed this job follows, if any: `feed_deletions`
    /// set, an area with a feed, and a sink that is no file.
    pub(crate) fn feed_site(&self, appends: bool) -> Option<(i64, Deletions)> {
        let mode = self.feed_deletions.filter(|_| !appends)?;
        Some((crate::feed::site(self.area, self.site)?, mode))
    }

    /// Whether this job follows L2L's change feed for deletions into a database: the
    /// dispatches of a site, with [`Job::feed_deletions`] set.
    pub fn follows_feed(&self) -> bool {
        self.feed_site(false).is_some()
    }

    pub(crate) fn spec(&self) -> Spec {
        Spec {
            area: self.area.path.to_owned(),
            site: self.site,
            filters: self.filters.clone(),
            since: self.since.clone(),
            has_stamp: self.stamp(),
        }
    }
}

/// The newest (or, with `descending` false, still the largest) value of `field`, by one
/// request of one record.
pub(crate) async fn newest(
    client: &Client,
    q: &Query,
    field: &str,
    nullable_check: bool,
) -> Result<Option<Value>> {
    let Some(f) = q.schema().field(field) else {
        return Ok(None);
    };
    let mut q = q.clone();
    if nullable_check && f.nullable {
        q.is_null(f.api_name, false);
    }
    q.order_by(f.api_name, true);
    q.fields(&[f.api_name]);
    q.limit(1);
    let page = q.page::<Value>(client).await?;
    Ok(page
        .records
        .into_iter()
        .next()
        .and_then(|r| r.get(field).cloned()))
}

/// What a sync tells as it goes, to the callback given to [`Job::progress`].
///
/// Only read by users: new events (and new fields of [`Event::Started`]) may come in a
/// minor release, so a `match` on it needs a `_` arm.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Event {
    /// The run started: `resumed` when it goes on with a stopped one, `written` records
    /// already in by then, `since` the lower bound of an incremental run.
    #[non_exhaustive]
    Started {
        /// Whether a stopped run is resumed.
        resumed: bool,
        /// Records the run had written before.
        written: u64,
        /// The lower bound on `lastupdated`, if any.
        since: Option<String>,
        /// The newest id of the area when known (for a progress bar).
        max_id: Option<i64>,
    },
    /// Rows are durably written (this many more).
    Written(u64),
    /// The records are all in; reading ids for `--reconcile`.
    Reconciling,
    /// The deletions of L2L's change feed could not all be applied (the key may not call
    /// the feed, say); the sync went on without them. Says why, once per run.
    FeedNote(String),
}
