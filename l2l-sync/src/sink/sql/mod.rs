//! The one skeleton of the database sinks, [`SqlSink`], over a [`Dialect`] (SQLite's or
//! PostgreSQL's): each step in one transaction, begun, committed or rolled back here.
//!
//! - [`Sink::prepare`](crate::Sink::prepare): the state table, the area's table made or
//!   checked ([`schema`]), a write proved, the saved state read and the first load decided.
//! - [`Sink::write`](crate::Sink::write): a batch and its state. A first load (a new table,
//!   or a first run resumed) inserts straight into the area's table: its keyset walk reads
//!   every id once. An id already there sends that batch, and the rest, to the upsert. The
//!   first load's last transaction builds what a new table waits for (its `lastupdated`
//!   index, PostgreSQL's primary key), each in one sort.
//! - [`Sink::discard`](crate::Sink::discard): the table `prepare` made, dropped only while
//!   empty.
//! - [`Sink::reconcile`](crate::Sink::reconcile) and [`Sink::remove`](crate::Sink::remove):
//!   in [`deletions`].

mod deletions;
mod dialect;
mod schema;

pub use self::dialect::{Dialect, IdKey, Insert};

use crate::error::{Error, Result};
use crate::row::Row;
use crate::state::{StateKey, SyncState};
use crate::table::{DELETED_AT, EXTRA, STATE_TABLE, Table, quote};

/// The temporary table of the ids a reconcile read.
pub const SEEN: &str = "_l2l_seen";

/// A database sink: the skeleton over dialect `D`, and what it knows of the area's table.
pub struct SqlSink<D> {
    /// The connection, and what is the database's own.
    pub db: D,
    /// The destination, for messages.
    pub target: String,
    /// Whose state is written (set by `prepare`).
    key: StateKey,
    /// The table has a `_deleted_at` column (cleared again by an upsert).
    deleted_at: bool,
    /// Rows are inserted without the upsert's conflict clause (a first load).
    direct: bool,
    /// The table has no primary key yet: a first load's, keyed when it completes.
    keyless: bool,
    /// The `lastupdated` index waits for the first load to complete.
    index_pending: bool,
    /// `prepare` created the table (for `discard`).
    created: bool,
}

/// `e`, an error of the driver of `D`, as the sink's error at `target`.
pub fn driver_error<D: Dialect>(target: &str, e: D::Error) -> Error {
    Error::Sink {
        target: target.to_owned(),
        message: D::describe(&e),
        source: Some(D::into_source(e)),
    }
}

/// The state as the JSON text that the state table holds.
fn state_json(target: &str, state: &SyncState) -> Result<String> {
    serde_json::to_string(state).map_err(|e| {
        Error::sink_caused_by(target, format!("the sync state cannot be written: {e}"), e)
    })
}

impl<D: Dialect> SqlSink<D> {
    /// The sink of `db`, named `target` in messages.
    pub fn new(db: D, target: String) -> SqlSink<D> {
        SqlSink {
            db,
            target,
            key: StateKey::new("", None),
            deleted_at: false,
            direct: false,
            keyless: false,
            index_pending: false,
            created: false,
        }
    }

    fn err(&self, e: D::Error) -> Error {
        driver_error::<D>(&self.target, e)
    }

    /// [`Sink::prepare`](crate::Sink::prepare).
    pub fn prepare(&mut self, table: &Table, key: &StateKey) -> Result<Option<SyncState>> {
        self.key = key.clone();
        let target = &self.target;
        let lift = |e| driver_error::<D>(target, e);
        let (state, found) = self.db.transaction(D::BEGIN_PREPARE, lift, |db| {
            let found = schema::ensure(db, target, table)?;
            // Prove that the database takes writes, before anything is downloaded.
            db.batch(&format!(
                "INSERT INTO {STATE_TABLE} (area, site, state, updated_at) VALUES ('', -1, {}); \
                 DELETE FROM {STATE_TABLE} WHERE area = '' AND site = -1",
                D::PROBE_VALUES
            ))
            .map_err(lift)?;
            let state = db
                .read_state(key)
                .map_err(lift)?
                .map(|text| {
                    serde_json::from_str::<SyncState>(&text).map_err(|e| {
                        Error::State(format!(
                            "{target}: the sync state of `{}` in {} cannot be read ({e}); delete its row to start over",
                            key.area,
                            STATE_TABLE
                        ))
                    })
                })
                .transpose()?;
            let adopted = found.keyless
                && !found.created
                && schema::adopt_keyless(db, target, table, &found, state.as_ref())?;
            Ok::<_, Error>((state, schema::Found { adopted, ..found }))
        })?;
        self.created = found.created;
        self.deleted_at = found.deleted_at;
        self.keyless = found.keyless;
        self.index_pending = found.index_later(table);
        // A first load, stopped and now resumed, goes on the same way.
        self.direct =
            found.created || found.adopted || state.as_ref().is_some_and(SyncState::first_load);
        self.db.prepared(table).map_err(|e| self.err(e))?;
        Ok(state)
    }

    /// [`Sink::discard`](crate::Sink::discard): drops the table `prepare` made, only while
    /// empty (a sync that wrote meanwhile keeps its table).
    pub fn discard(&mut self, table: &Table) -> Result<()> {
        if !std::mem::take(&mut self.created) {
            return Ok(());
        }
        let target = &self.target;
        let t = quote(&table.name);
        self.db
            .transaction(
                "BEGIN",
                |e| e,
                |db| {
                    if db.query_bool(&empty_sql(&t))? {
                        db.batch(&format!("DROP TABLE {t}"))?;
                    }
                    Ok(())
                },
            )
            .map_err(|e| driver_error::<D>(target, e))
    }

    /// [`Sink::write`](crate::Sink::write).
    pub fn write(&mut self, table: &Table, rows: &[Row], state: &SyncState) -> Result<()> {
        let json = state_json(&self.target, state)?;
        self.db.encode(table, rows);
        if self.direct && !rows.is_empty() {
            match self.transact(table, rows, &json, state.complete, Insert::Direct) {
                // An id already there: this is no first load; upsert from now on.
                Err(e) if D::duplicate_id(&e) => self.direct = false,
                done => return done.map_err(|e| self.err(e)),
            }
        }
        let upsert = self.upsert_clause(table);
        self.transact(table, rows, &json, state.complete, Insert::Upsert(&upsert))
            .map_err(|e| self.err(e))
    }

    /// Writes one batch and its state (`json`) in one transaction; when `complete`, ends a
    /// first load.
    fn transact(
        &mut self,
        table: &Table,
        rows: &[Row],
        json: &str,
        complete: bool,
        how: Insert<'_>,
    ) -> std::result::Result<(), D::Error> {
        let (key, index) = (self.keyless, self.index_pending);
        let ends = complete && (key || index);
        let state_key = &self.key;
        self.db.transaction(
            "BEGIN",
            |e| e,
            |db| {
                db.insert(table, rows, how)?;
                db.save_state(state_key, json)?;
                if ends {
                    db.end_first_load(table, key, index)?;
                }
                Ok(())
            },
        )?;
        if ends {
            (self.keyless, self.index_pending) = (false, false);
        }
        Ok(())
    }

    /// The end of an upsert by id: every column but the id from the row sent, and the row
    /// no longer marked deleted.
    fn upsert_clause(&self, table: &Table) -> String {
        let mut sets: Vec<String> = table
            .columns
            .iter()
            .skip(1)
            .map(|c| quote(&c.name))
            .chain([quote(EXTRA)])
            .map(|n| format!("{n} = excluded.{n}"))
            .collect();
        if self.deleted_at {
            sets.push(format!("{} = NULL", quote(DELETED_AT)));
        }
        format!(
            "ON CONFLICT ({}) DO UPDATE SET {}",
            quote(&table.id),
            sets.join(", ")
        )
    }
}

/// The query whether table `t` (quoted) has no row.
fn empty_sql(t: &str) -> String {
    format!("SELECT NOT EXISTS (SELECT 1 FROM {t})")
}

/// The columns a batch fills, in row order: the table's, then the catch-all.
pub fn column_list(table: &Table) -> String {
    let mut names: Vec<String> = table.columns.iter().map(|c| quote(&c.name)).collect();
    names.push(quote(EXTRA));
    names.join(", ")
}

/// Implements [`Sink`](crate::Sink) for a newtype of a [`SqlSink`] by handing each step to it.
macro_rules! sql_sink {
    ($sink:ty) => {
        impl $crate::sink::Sink for $sink {
            fn target(&self) -> String {
                self.0.target.clone()
            }

            fn prepare(
                &mut self,
                table: &$crate::table::Table,
                key: &$crate::state::StateKey,
            ) -> $crate::error::Result<Option<$crate::state::SyncState>> {
                self.0.prepare(table, key)
            }

            fn discard(&mut self, table: &$crate::table::Table) -> $crate::error::Result<()> {
                self.0.discard(table)
            }

            fn write(
                &mut self,
                table: &$crate::table::Table,
                rows: &[$crate::row::Row],
                state: &$crate::state::SyncState,
            ) -> $crate::error::Result<()> {
                self.0.write(table, rows, state)
            }

            fn reconcile(
                &mut self,
                table: &$crate::table::Table,
                ids: &[i64],
                mode: $crate::sink::Deletions,
                state: &$crate::state::SyncState,
            ) -> $crate::error::Result<u64> {
                self.0.reconcile(table, ids, mode, state)
            }

            fn remove(
                &mut self,
                table: &$crate::table::Table,
                ids: &[i64],
                mode: $crate::sink::Deletions,
                state: &$crate::state::SyncState,
            ) -> $crate::error::Result<u64> {
                self.0.remove(table, ids, mode, state)
            }
        }
    };
}
pub(crate) use sql_sink;
