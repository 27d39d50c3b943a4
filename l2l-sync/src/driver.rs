//! One sync of one (area, site) into a sink: decide the run from the saved state, read the
//! pages, write them through the writer thread, move the watermark, reconcile deletions.

use futures::TryStreamExt as _;
use l2l_core::{Client, Query};

use crate::error::{Error, Result};
use crate::job::{Event, Job, newest};
use crate::row::{Row, Spare};
use crate::sink::{Deletions, Sink};
use crate::source::{self, Records, SourcePage};
use crate::split;
use crate::state::{MAX_BOUNDARY, SyncState, same_time};
use crate::table::Table;
use crate::writer::{self, Batch, Held};

/// `e`, once `sink` is dropped where dropping may block.
fn drop_then(e: Error, sink: Box<dyn Sink>) -> Error {
    drop(Held(Some(sink)));
    e
}

/// Returns `e` once the sink has taken back what it prepared for `table` (on a blocking
/// thread, where it is dropped too): a failed discard is logged, `e` says what went wrong.
async fn discard_then(e: Error, mut sink: Box<dyn Sink>, table: Table) -> Error {
    let discarded = tokio::task::spawn_blocking(move || {
        let discarded = sink.discard(&table);
        drop(sink);
        discarded
    })
    .await;
    if let Ok(Err(d)) = discarded {
        tracing::warn!(error = %d, "the empty table of a failed sync could not be dropped");
    }
    e
}

fn appends_of(sink: &Held) -> bool {
    sink.0.as_ref().is_some_and(|s| s.appends())
}

/// What a finished sync did.
///
/// Only read by users: new fields may come in a minor release.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Report {
    /// Records written by this run (and the stopped runs it finished).
    pub written: u64,
    /// Records written by every run of this (area, site), a record counted each time it
    /// was written: for a JSON Lines file, the lines the syncs appended to it. Not the
    /// rows of a database table, where a record written again replaces its row and a
    /// deleted one may be removed (count the rows for those).
    pub total_written: u64,
    /// Records skipped as already written unchanged (JSON Lines).
    pub skipped: u64,
    /// Rows deleted or marked deleted (by the change feed and by `--reconcile`).
    pub removed: u64,
    /// Whether a stopped run was resumed.
    pub resumed: bool,
    /// The lower bound of this run.
    pub since: Option<String>,
    /// Where the next run starts.
    pub watermark: Option<String>,
}

impl Job {
    /// Runs the sync into `sink`, telling the [`Job::progress`] callback (if any) how it
    /// goes.
    pub async fn run(&self, client: &Client, sink: Box<dyn Sink>) -> Result<Report> {
        self.run_until(client, sink, std::future::pending()).await
    }

    /// [`Job::run`], stopped cleanly when `stop` completes: the pages already read are
    /// written with their state, then the run ends with [`Error::Interrupted`]; the next
    /// run resumes it.
    pub async fn run_until(
        &self,
        client: &Client,
        sink: Box<dyn Sink>,
        stop: impl std::future::Future<Output = ()>,
    ) -> Result<Report> {
        let table = Table::of(self.area);
        // Every early return drops the sink on a blocking thread (a database client may
        // block, or panic, when dropped inside the runtime).
        let base = match self.query() {
            Ok(q) => q,
            Err(e) => return Err(drop_then(e, sink)),
        };
        if self.deletions.is_some() && sink.appends() {
            let mut sink = sink;
            let e = sink
                .reconcile(
                    &table,
                    &[],
                    Deletions::Delete,
                    &SyncState::new(&self.spec()),
                )
                .err()
                .unwrap_or_else(|| Error::Unsupported("this sink cannot reconcile".into()));
            return Err(drop_then(e, sink));
        }
        let (sink, saved) = {
            let t = table.clone();
            let key = self.spec().key();
            tokio::task::spawn_blocking(move || {
                let mut sink = sink;
                let saved = sink.prepare(&t, &key);
                saved.map(|s| (sink, s))
            })
            .await
            .map_err(|e| Error::Unsupported(format!("the writer stopped: {e}")))??
        };
        let mut sink = Held(Some(sink));
        let target = sink.0.as_ref().map(|s| s.target()).unwrap_or_default();
        let (skips, cells) = sink
            .0
            .as_ref()
            .map_or((false, true), |s| (s.skips_repeats(), s.wants_cells()));
        // Until the first write, a failure (an area the key may not read) takes back the
        // table that `prepare` made.
        let begun = async {
            let plan = SyncState::plan(saved, &self.spec(), &target)?;
            let mut state = plan.state;
            // A run that starts following the change feed reads it from the next run on: the
            // deletions before its start are what a first sync never copies.
            let feed = self.feed_site(appends_of(&sink));
            let fresh_feed = feed.is_some() && state.feed_watermark.is_none();
            if fresh_feed {
                state.feed_watermark = Some(crate::feed::first_watermark());
            }
            if !plan.resumed && self.stamp() {
                state.run_watermark = newest(client, &base, "lastupdated", true)
                    .await?
                    .and_then(|v| v.as_str().map(str::to_owned));
            }
            let mut q = base.clone();
            if let Some(since) = &state.since {
                q.filter_str("lastupdated__gte", since)?;
            }
            let max_id = newest(client, &q, &table.id, false)
                .await?
                .as_ref()
                .and_then(crate::row::as_id);
            if state.ranges.is_none() {
                let page = q.get_limit().unwrap_or(self.area.max_limit);
                // A database (its rows as cells) takes its pages in id order
                // ([`source::pages`]), so its ranges are narrow: its inserts then append.
                state.ranges =
                    Some(split::ranges(client, &q, &table.id, max_id, page, cells).await?);
            }
            Ok::<_, Error>((plan.resumed, state, feed, fresh_feed, q, max_id))
        }
        .await;
        let (resumed, mut state, feed, fresh_feed, q, max_id) = match begun {
            Ok(begun) => begun,
            Err(e) => return Err(discard_then(e, sink.take(), table).await),
        };
        self.tell(Event::Started {
            resumed,
            written: state.written,
            since: state.since.clone(),
            max_id,
        });
        let (tx, done, task) = writer::spawn(sink.take(), table.clone(), self.on_written());
        state.skip.sort_unstable();
        let mut skipped = 0u64;
        let mut spare = Spare::default();
        let ranges = state.ranges.clone().unwrap_or_default();
        let mut pages = std::pin::pin!(source::pages(q, client, Some(ranges), cells));
        let mut stop = std::pin::pin!(stop);
        let read = async {
            loop {
                let page = tokio::select! {
                    p = pages.try_next() => p?,
                    _ = &mut stop => return Err(Error::Interrupted),
                };
                let Some(page) = page else { break };
                done.try_iter().for_each(|rows| spare.keep(rows));
                let rows = self.rows(&table, &page, &mut state, &mut spare, skips, &mut skipped)?;
                state.advance(&page.range, page.next);
                let batch = Batch {
                    rows,
                    state: state.clone(),
                };
                if tx.send(batch).await.is_err() {
                    return Ok(false);
                }
            }
            state.finish();
            Ok::<_, Error>(
                tx.send(Batch {
                    rows: Vec::new(),
                    state: state.clone(),
                })
                .await
                .is_ok(),
            )
        };
        let sent = read.await;
        drop(tx);
        // The writer's error, if it stopped first, explains more than a closed channel.
        let joined = writer::join(task).await;
        let mut sink = match (sent, joined) {
            (Err(e), Ok(sink)) => return Err(drop_then(e, sink)),
            (Err(e), Err(_)) | (Ok(_), Err(e)) => return Err(e),
            (Ok(_), Ok(sink)) => Held(Some(sink)),
        };
        let mut removed = 0;
        if let (Some((site, mode)), Some(since), false) = (feed, state.feed_watermark, fresh_feed) {
            let read = crate::feed::deleted_since(client, site, since, crate::feed::LIMIT).await?;
            if let Some(note) = read.note {
                self.tell(Event::FeedNote(note));
            }
            if !read.ids.is_empty() || read.watermark != since {
                state.feed_watermark = Some(read.watermark);
                let (t, st) = (table.clone(), state.clone());
                let mut s = sink.take();
                let (s, n) = tokio::task::spawn_blocking(move || {
                    let n = s.remove(&t, &read.ids, mode, &st);
                    (s, n)
                })
                .await
                .map_err(|e| Error::Unsupported(format!("the writer stopped: {e}")))?;
                sink = Held(Some(s));
                removed += n?;
            }
        }
        if let Some(mode) = self.deletions {
            self.tell(Event::Reconciling);
            let ids = ids(client, &base).await?;
            let (t, st) = (table.clone(), state.clone());
            let mut sink = sink.take();
            removed += tokio::task::spawn_blocking(move || sink.reconcile(&t, &ids, mode, &st))
                .await
                .map_err(|e| Error::Unsupported(format!("the writer stopped: {e}")))??;
        }
        // The destination is closed before the run returns: a database file is no longer
        // held open by the run when the caller reads it (with another SQLite library in
        // the same process, as Python's sqlite3 is, an open connection's locks would be
        // released under it).
        if let Some(s) = sink.0.take() {
            let _ = tokio::task::spawn_blocking(move || drop(s)).await;
        }
        Ok(Report {
            written: state.written,
            total_written: state.total,
            skipped,
            removed,
            resumed,
            since: state.since.clone(),
            watermark: state.watermark.clone(),
        })
    }

    /// The rows of a page, counted into `state`; for a file, without the records an
    /// earlier run wrote unchanged.
    fn rows(
        &self,
        table: &Table,
        page: &SourcePage,
        state: &mut SyncState,
        spare: &mut Spare,
        skips: bool,
        skipped: &mut u64,
    ) -> Result<Vec<Row>> {
        let mut rows = Vec::with_capacity(page.records.len());
        for i in 0..page.records.len() {
            let row = match &page.records {
                Records::Shared(r) => Row::from_record_in(table, &r[i], spare)?,
                Records::Raw(r) => Row::line(table, r[i].json())?,
            };
            if skips {
                let stamp = row.lastupdated.as_deref();
                if state.skip.binary_search(&row.id).is_ok()
                    && same_time(stamp, state.since.as_deref())
                {
                    *skipped += 1;
                    continue;
                }
                if state.at_watermark.len() < MAX_BOUNDARY
                    && same_time(stamp, state.run_watermark.as_deref())
                {
                    state.at_watermark.push(row.id);
                }
            }
            rows.push(row);
        }
        state.written += rows.len() as u64;
        state.total += rows.len() as u64;
        Ok(rows)
    }
}

/// Every id of the query (for `--reconcile`), sorted and distinct.
async fn ids(client: &Client, base: &Query) -> Result<Vec<i64>> {
    let id = base.schema().id_field().map_or("id", |f| f.api_name);
    let mut q = base.clone();
    q.fields(&[id]);
    let mut pages = std::pin::pin!(source::pages(q, client, None, false));
    let mut out = Vec::new();
    while let Some(page) = pages.try_next().await? {
        if let Records::Raw(records) = page.records {
            out.extend(records.iter().filter_map(|r| r.id()));
        }
    }
    out.sort_unstable();
    out.dedup();
    Ok(out)
}
