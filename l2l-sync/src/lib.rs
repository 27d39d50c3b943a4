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
//! ```no_run
//! # async fn run() -> Result<(), l2l_sync::Error> {
//! use std::sync::Arc;
//! let client = l2l_core::Client::builder().company("acme").api_key("my-key").build()?;
//! let sink = "sqlite:plant.db".parse::<l2l_sync::Target>()?.open()?;
//! let job = l2l_sync::Job {
//!     area: <l2l_areas::Machine as l2l_areas::RecordArea>::SCHEMA,
//!     site: Some(1),
//!     filters: vec![],
//!     since: None,
//!     page_size: None,
//!     deletions: None,
//! };
//! let report = job.run(&client, sink, Arc::new(|_| {})).await?;
//! println!("{} records", report.written);
//! # Ok(()) }
//! ```

#![warn(missing_docs)]

mod driver;
mod error;
mod row;
mod sink;
mod source;
mod state;
mod table;
mod writer;

pub use driver::{Event, Job, Report};
pub use error::{Error, Result};
pub use l2l_core::KeyRange;
pub use row::{Cell, Row};
pub use sink::jsonl::state_path;
pub use sink::{Deletions, JsonlSink, PostgresSink, Sink, SqliteSink, Target};
pub use state::{STATE_VERSION, SyncState};
pub use table::{Column, ColumnType, DELETED_AT, EXTRA, STATE_TABLE, Table};
