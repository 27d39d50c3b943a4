//! # l2l-sync
//!
//! Sync of Leading2Lean (L2L) record areas into a JSON Lines file, a SQLite database or a
//! PostgreSQL database: the engine behind `l2l sync`, usable from a Rust service.
//!
//! One table per area, named after its path (`machines`), a typed column per property of
//! the area's schema and a JSON catch-all (`_extra`) for the others; rows upserted by id;
//! the resume state of each (area, site) in `_l2l_sync_state`, written in the same
//! transaction as the rows it covers, so that a sync killed anywhere and run again leaves
//! every record exactly once and none stale.
//!
//! Deleted records: the dispatches of a site follow L2L's change feed
//! (`dispatches/get_event_data/`), whose deleted records are applied on every run after
//! the rows, in one transaction with the feed's watermark ([`Job::feed_deletions`]); any
//! area can be reconciled by reading every id ([`Job::deletions`]).
//!
//! ```no_run
//! # async fn run() -> Result<(), l2l_sync::Error> {
//! use std::sync::Arc;
//! let client = l2l_core::Client::builder().company("acme").api_key("my-key").build()?;
//! let sink = "sqlite:plant.db".parse::<l2l_sync::Target>()?.open()?;
//! let job = l2l_sync::Job::new(<l2l_areas::Dispatch as l2l_areas::RecordArea>::SCHEMA)
//!     .site(1)
//!     .feed_deletions(l2l_sync::Deletions::Delete);
//! let report = job.run(&client, sink, Arc::new(|_| {})).await?;
//! println!("{} records", report.written);
//! # Ok(()) }
//! ```

mod driver;
mod error;
mod feed;
mod job;
mod members;
mod row;
mod sink;
mod source;
mod state;
mod table;
mod writer;

pub use driver::{Event, Report};
pub use error::{Error, Result};
pub use feed::FIRST_WATERMARK_MARGIN;
pub use job::Job;
pub use l2l_core::KeyRange;
pub use members::Members;
pub use row::{Cell, CompactString, Row};
pub use sink::jsonl::state_path;
pub use sink::{Deletions, JsonlSink, PostgresSink, Sink, SqliteSink, Target};
pub use state::{STATE_VERSION, SyncState};
pub use table::{Column, ColumnType, DELETED_AT, EXTRA, STATE_TABLE, Table};
