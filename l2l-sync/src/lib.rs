//! # l2l-sync
//!
//! Sync of Leading2Lean (L2L) record areas into a JSON Lines file, a SQLite database or a
//! PostgreSQL database: the engine behind `l2l sync`, usable from a Rust service.
//!
//! One table per area, named after its path (`machines`), a typed column per property of
//! the area's schema and a JSON catch-all (`_extra`) for the others; rows upserted by id;
//! the resume state of each (area, site) ([`StateKey`]) in `_l2l_sync_state`, written in
//! the same transaction as the rows it covers, so that a sync killed anywhere and run again
//! leaves every record exactly once and none stale.
//!
//! The destinations are [`Sink`]s: [`JsonlSink`] (appended to, its state in a file beside
//! it), and [`SqliteSink`] and [`PostgresSink`], which share one skeleton (transactions,
//! first load, discard, reconcile, deleted marks, state) over what each database does its
//! own way: SQLite's per-row prepared statement and index built by a sorter thread per
//! core, PostgreSQL's binary COPY and primary key built at the end of a first load. A
//! database's error ([`Error::Sink`]) keeps its driver's error as its
//! [`source`](std::error::Error::source).
//!
//! Deleted records: the dispatches of a site follow L2L's change feed
//! (`dispatches/get_event_data/`), whose deleted records are applied on every run after
//! the rows, in one transaction with the feed's watermark ([`Job::feed_deletions`]); any
//! area can be reconciled by reading every id ([`Job::deletions`]).
//!
//! A [`Job`] runs with [`Job::run`] (or [`Job::run_until`], stopped cleanly), telling
//! how it goes to the callback of [`Job::progress`], if it has one.
//!
//! ```no_run
//! # async fn run() -> Result<(), l2l_sync::Error> {
//! let client = l2l_core::Client::builder().company("acme").api_key("my-key").build()?;
//! let sink = "sqlite:plant.db".parse::<l2l_sync::Target>()?.open()?;
//! let job = l2l_sync::Job::new(<l2l_areas::Dispatch as l2l_areas::RecordArea>::SCHEMA)
//!     .site(1)
//!     .feed_deletions(l2l_sync::Deletions::Delete)
//!     .progress(|event| eprintln!("{event:?}"));
//! let report = job.run(&client, sink).await?;
//! println!("{} records", report.written);
//! # Ok(()) }
//! ```

mod driver;
mod error;
mod feed;
mod job;
mod page_record;
mod row;
mod sink;
mod source;
mod split;
mod state;
mod table;
mod writer;

pub use driver::Report;
pub use error::{Error, Result};
pub use feed::FIRST_WATERMARK_MARGIN;
pub use job::{Event, Job};
pub use l2l_core::KeyRange;
pub use page_record::PageRecord;
pub use row::{Cell, CompactString, Row};
pub use sink::jsonl::state_path;
pub use sink::{Deletions, JsonlSink, PostgresSink, Sink, SqliteSink, Target};
pub use state::{STATE_VERSION, StateKey, SyncState};
pub use table::{Column, ColumnType, DELETED_AT, EXTRA, STATE_TABLE, Table};
