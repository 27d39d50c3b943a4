//! [`Dialect`]: what SQLite and PostgreSQL each do their own way under the one skeleton of
//! [`SqlSink`](super::SqlSink): their connection, their types, their state table, how a
//! batch goes in, how a first load ends, and how ids are matched.

use crate::row::Row;
use crate::state::StateKey;
use crate::table::{ColumnType, Table};

/// Whether the id of a table that was there before is its primary key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdKey {
    /// It is (or nothing says otherwise).
    Primary,
    /// The table has no primary key: a first load's, keyed at its end (PostgreSQL only).
    Missing,
    /// Another primary key: rows cannot be upserted by id.
    Other,
}

/// How a batch's rows go into the area's table.
#[derive(Debug, Clone, Copy)]
pub enum Insert<'a> {
    /// Straight in (a first load: its keyset walk reads every id once).
    Direct,
    /// Upserted by id: the `ON CONFLICT (id) DO UPDATE ...` clause to end the statement with.
    Upsert(&'a str),
}

/// One SQL database under [`SqlSink`](super::SqlSink): its connection, and the SQL that
/// is its own. Everything else (transactions, the state table's rows, the area's columns,
/// first loads, discarding a new table, deletions and their marks) the skeleton writes once.
pub trait Dialect: Send {
    /// The driver's error, kept as the source of the sink's [`Error`](crate::Error).
    type Error;

    /// The statement that opens [`Sink::prepare`](crate::Sink::prepare)'s transaction
    /// (SQLite takes its write lock at once: `BEGIN IMMEDIATE`).
    const BEGIN_PREPARE: &'static str;
    /// A first load's table gets its primary key at the end (PostgreSQL: one sort, not a
    /// b-tree insert per row), so a table without one may be a first load's.
    const KEY_AT_END: bool;
    /// The columns of the state table after its key's (`area`, `site`): the state's
    /// JSON and the time it was saved.
    const STATE_COLUMNS: &'static str;
    /// The values of [`Dialect::STATE_COLUMNS`] in a row that only proves that the
    /// database takes writes (deleted at once).
    const PROBE_VALUES: &'static str;
    /// What `ALTER TABLE ... ADD COLUMN` takes before a column's name so that a column
    /// already there is no error (`IF NOT EXISTS `), if the database has it.
    const IF_NEW: &'static str;
    /// The SQL type of the `_deleted_at` column.
    const MARK_TYPE: &'static str;
    /// The SQL expression of the current time that `_deleted_at` is set to.
    const NOW: &'static str;

    /// `e` as one line for a message: what the database said.
    fn describe(e: &Self::Error) -> String;
    /// `e` as the source of the sink's error: the driver's own error.
    fn into_source(e: Self::Error) -> Box<dyn std::error::Error + Send + Sync>;
    /// Whether `e` refused an id that is already in the table.
    fn duplicate_id(e: &Self::Error) -> bool;

    /// Runs `sql`: one or more statements without parameters.
    fn batch(&mut self, sql: &str) -> Result<(), Self::Error>;
    /// Runs one statement; how many rows it changed.
    fn execute(&mut self, sql: &str) -> Result<u64, Self::Error>;
    /// The boolean that `sql` selects (one row of one column).
    fn query_bool(&mut self, sql: &str) -> Result<bool, Self::Error>;

    /// Runs `body` in one transaction opened by `begin`: committed when it succeeds,
    /// rolled back when it (or the commit) fails. `lift` makes the driver's errors `E`.
    fn transaction<T, E>(
        &mut self,
        begin: &str,
        lift: impl Fn(Self::Error) -> E,
        body: impl FnOnce(&mut Self) -> Result<T, E>,
    ) -> Result<T, E>
    where
        Self: Sized,
    {
        let done = self
            .batch(begin)
            .map_err(&lift)
            .and_then(|()| body(self))
            .and_then(|v| self.batch("COMMIT").map(|()| v).map_err(&lift));
        if done.is_err() {
            let _ = self.batch("ROLLBACK");
        }
        done
    }

    /// A column type's name, as the database reports a column of it.
    fn type_name(ty: ColumnType) -> &'static str;
    /// Whether a column the database reports as `found` is of type `ty`.
    fn same_type(found: &str, ty: ColumnType) -> bool {
        found == Self::type_name(ty)
    }
    /// The columns (name, type) of `table`; none when there is no such table.
    fn columns(&mut self, table: &str) -> Result<Vec<(String, String)>, Self::Error>;
    /// The statements that create `table` (with its key unless [`Dialect::KEY_AT_END`]).
    fn create_table(table: &Table) -> Vec<String>;
    /// The statements that add a column to `table`; `label` is L2L's for it.
    fn add_column(table: &Table, name: &str, ty: ColumnType, label: Option<&str>) -> Vec<String>;
    /// Whether the id of `table`, which was there before, is its primary key.
    fn id_key(&mut self, table: &Table) -> Result<IdKey, Self::Error>;
    /// Called once `prepare` committed: readies what the batches share.
    fn prepared(&mut self, table: &Table) -> Result<(), Self::Error> {
        let _ = table;
        Ok(())
    }

    /// The saved state's JSON text of `key`, if any.
    fn read_state(&mut self, key: &StateKey) -> Result<Option<String>, Self::Error>;
    /// Saves the state's JSON text of `key` (in the current transaction).
    fn save_state(&mut self, key: &StateKey, json: &str) -> Result<(), Self::Error>;

    /// Readies a batch before its transaction opens (PostgreSQL encodes its COPY data);
    /// called once, however often the batch is then tried.
    fn encode(&mut self, table: &Table, rows: &[Row]) {
        let _ = (table, rows);
    }
    /// Writes `rows` into the area's table (in the current transaction).
    fn insert(&mut self, table: &Table, rows: &[Row], how: Insert<'_>) -> Result<(), Self::Error>;
    /// Ends a first load (in its last transaction): adds the primary key when `key`, builds
    /// the `lastupdated` index when `index`, each in one sort.
    fn end_first_load(&mut self, table: &Table, key: bool, index: bool) -> Result<(), Self::Error>;

    /// Creates (if need be) the temporary table of the ids read by a reconcile, empty, and
    /// fills it with `ids`. Its name is [`SEEN`](super::SEEN).
    fn fill_seen(&mut self, ids: &[i64]) -> Result<(), Self::Error>;
    /// The condition that the row's `id` (a quoted column of table `t`) is not among the
    /// ids read.
    fn unseen(t: &str, id: &str) -> String;
    /// Empties the table of the ids read, if its transaction's end does not.
    fn clear_seen(&mut self) -> Result<(), Self::Error> {
        Ok(())
    }
    /// The condition that `id` (a quoted column) is one of the ids a statement of
    /// [`Dialect::execute_ids`] is run with.
    fn id_in(id: &str) -> String;
    /// Runs `sql` (made with [`Dialect::id_in`]) for `ids`; how many rows it changed.
    fn execute_ids(&mut self, sql: &str, ids: &[i64]) -> Result<u64, Self::Error>;
}
