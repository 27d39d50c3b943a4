//! Where synced records go: one [`Sink`] trait and three sinks. The two databases share
//! one skeleton, [`sql::SqlSink`], over a dialect each ([`sql::Dialect`]).
//!
//! The trait is synchronous: a sync runs its sink on one blocking writer thread, fed by a
//! bounded channel from the page stream, so writing overlaps downloading. rusqlite and file
//! I/O (with `fsync`) block by nature, and a transaction is a sequence of round trips that
//! gains nothing from being a future; one thread that owns the connection keeps every
//! sink simple and lets a Rust service hand in a connection it already has.

pub(crate) mod jsonl;
mod postgres;
pub(crate) mod sql;
mod sqlite;

use std::path::PathBuf;

pub use self::jsonl::JsonlSink;
pub use self::postgres::PostgresSink;
pub use self::sqlite::SqliteSink;

use crate::error::{Error, Result};
use crate::row::Row;
use crate::state::{StateKey, SyncState};
use crate::table::Table;

/// What is done with a row whose record is gone from L2L: found by `--reconcile`, or
/// reported by L2L's change feed (dispatches); `--keep-deleted` picks [`Deletions::Mark`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deletions {
    /// Delete the row.
    Delete,
    /// Keep the row and set its `_deleted_at`.
    Mark,
}

/// A destination of synced rows.
pub trait Sink: Send {
    /// The destination, for messages (never with a password).
    fn target(&self) -> String;

    /// Whether rows are appended (a file) rather than upserted by id: only then does a
    /// sync skip the records an earlier run already wrote unchanged.
    fn appends(&self) -> bool {
        false
    }

    /// Whether a sync skips the records an earlier run already sent unchanged (those at
    /// the watermark it read again): where a record sent twice would be seen twice, as in
    /// an appended file or a stream of messages. By default, where the sink [`appends`].
    ///
    /// [`appends`]: Sink::appends
    fn skips_repeats(&self) -> bool {
        self.appends()
    }

    /// Whether the sink needs each row's typed cells (a database) or only its JSON text.
    fn wants_cells(&self) -> bool {
        true
    }

    /// Makes the destination ready for `table`: creates it (and the state table), adds the
    /// columns the schema gained, checks the types of the others, and proves that it can
    /// write; returns the saved state of `key`, which the writes that follow save. Called
    /// before anything is downloaded, so that an unreachable, read-only or wrong-schema
    /// database fails first.
    fn prepare(&mut self, table: &Table, key: &StateKey) -> Result<Option<SyncState>>;

    /// Undoes [`Sink::prepare`] for a sync that failed before its first write (an area
    /// the key may not read): drops the table if `prepare` created it and it is still
    /// empty, so that nothing is left behind. A table that was there before is kept.
    ///
    /// The default does nothing (a file is only created by its first write).
    fn discard(&mut self, table: &Table) -> Result<()> {
        let _ = table;
        Ok(())
    }

    /// Writes `rows` (upserted by id) and `state` in one transaction: both or neither.
    fn write(&mut self, table: &Table, rows: &[Row], state: &SyncState) -> Result<()>;

    /// Deletes (or marks deleted) every row whose id is not in `ids` (sorted, distinct), and
    /// writes `state`, in one transaction; returns how many rows it changed.
    fn reconcile(
        &mut self,
        table: &Table,
        ids: &[i64],
        mode: Deletions,
        state: &SyncState,
    ) -> Result<u64>;

    /// Deletes (or marks deleted) the rows whose id is in `ids` (records L2L's change feed
    /// reports deleted), and writes `state`, in one transaction; returns how many rows it
    /// changed. Ids without a row, and rows already marked, are left alone, so applying
    /// the same deletions twice changes nothing the second time.
    ///
    /// The default refuses: a sink that only appends (JSON Lines) has no row to remove,
    /// and a sync never calls it on one.
    fn remove(
        &mut self,
        table: &Table,
        ids: &[i64],
        mode: Deletions,
        state: &SyncState,
    ) -> Result<u64> {
        let _ = (table, ids, mode, state);
        Err(Error::Unsupported(format!(
            "{} cannot remove rows: it is only appended to",
            self.target()
        )))
    }
}

/// A destination as the command line names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// `sqlite:PATH`
    Sqlite(PathBuf),
    /// `postgres://USER@HOST:PORT/DB` (or `postgresql://`)
    Postgres(String),
    /// `jsonl:PATH`
    Jsonl(PathBuf),
}

impl std::str::FromStr for Target {
    type Err = Error;

    /// Parses `sqlite:PATH`, `postgres://...` or `jsonl:PATH`.
    ///
    /// ```
    /// use l2l_sync::Target;
    /// assert_eq!("sqlite:plant.db".parse::<Target>().unwrap(), Target::Sqlite("plant.db".into()));
    /// assert!("mysql://x".parse::<Target>().is_err());
    /// ```
    fn from_str(s: &str) -> Result<Target> {
        if s.starts_with("postgres://") || s.starts_with("postgresql://") {
            return Ok(Target::Postgres(s.to_owned()));
        }
        let (scheme, rest) = s.split_once(':').unwrap_or(("", s));
        let path = rest.strip_prefix("//").unwrap_or(rest);
        match scheme {
            "sqlite" | "jsonl" if path.is_empty() => Err(Error::Unsupported(format!(
                "`{s}` names no file: write {scheme}:PATH"
            ))),
            "sqlite" => Ok(Target::Sqlite(path.into())),
            "jsonl" => Ok(Target::Jsonl(path.into())),
            _ => Err(Error::Unsupported(format!(
                "`{s}` is no destination l2l knows: write sqlite:PATH, postgres://USER@HOST:PORT/DB or jsonl:PATH"
            ))),
        }
    }
}

impl Target {
    /// The destination for messages: a PostgreSQL URL without its password.
    pub fn display(&self) -> String {
        match self {
            Target::Sqlite(p) => format!("sqlite:{}", p.display()),
            Target::Jsonl(p) => format!("jsonl:{}", p.display()),
            Target::Postgres(url) => postgres::redact(url),
        }
    }

    /// Opens the sink: connects to the database, or names the file (opened by
    /// [`Sink::prepare`]).
    pub fn open(&self) -> Result<Box<dyn Sink>> {
        Ok(match self {
            Target::Sqlite(p) => Box::new(SqliteSink::open(p)?),
            Target::Postgres(url) => Box::new(PostgresSink::connect(url)?),
            Target::Jsonl(p) => Box::new(JsonlSink::new(p.clone())),
        })
    }
}
