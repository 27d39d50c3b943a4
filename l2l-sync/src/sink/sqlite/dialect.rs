//! SQLite's [`Dialect`]: its declared types, `PRAGMA table_info`, `?` parameters, a row
//! per step of one prepared statement (text bound in place: [`RowInsert`]), and the `lastupdated` index of a first
//! load built with a sorter thread per core.

use rusqlite::{Connection, OptionalExtension as _, params};

use super::insert::RowInsert;
use crate::row::Row;
use crate::sink::sql::{Dialect, IdKey, Insert, SEEN, column_list};
use crate::state::StateKey;
use crate::table::{ColumnType, STATE_TABLE, Table, quote};

/// A SQLite connection, as a [`Dialect`].
pub struct Sqlite {
    /// The connection.
    pub conn: Connection,
}

impl Dialect for Sqlite {
    type Error = rusqlite::Error;

    const BEGIN_PREPARE: &'static str = "BEGIN IMMEDIATE";
    const KEY_AT_END: bool = false;
    const STATE_COLUMNS: &'static str = "state TEXT NOT NULL, updated_at TEXT NOT NULL";
    const PROBE_VALUES: &'static str = "'', ''";
    const IF_NEW: &'static str = "";
    const MARK_TYPE: &'static str = "TIMESTAMP";
    const NOW: &'static str = "strftime('%Y-%m-%dT%H:%M:%S', 'now')";

    fn describe(e: &rusqlite::Error) -> String {
        e.to_string()
    }

    fn into_source(e: rusqlite::Error) -> Box<dyn std::error::Error + Send + Sync> {
        Box::new(e)
    }

    fn duplicate_id(e: &rusqlite::Error) -> bool {
        matches!(e, rusqlite::Error::SqliteFailure(e, _)
            if e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY)
    }

    fn batch(&mut self, sql: &str) -> rusqlite::Result<()> {
        self.conn.execute_batch(sql)
    }

    fn execute(&mut self, sql: &str) -> rusqlite::Result<u64> {
        self.conn.execute(sql, []).map(|n| n as u64)
    }

    fn query_bool(&mut self, sql: &str) -> rusqlite::Result<bool> {
        self.conn.query_row(sql, [], |r| r.get(0))
    }

    fn type_name(ty: ColumnType) -> &'static str {
        ty.sqlite()
    }

    /// Declared types are compared in any case (`integer` is `INTEGER`).
    fn same_type(found: &str, ty: ColumnType) -> bool {
        found.eq_ignore_ascii_case(ty.sqlite())
    }

    fn columns(&mut self, table: &str) -> rusqlite::Result<Vec<(String, String)>> {
        let mut st = self
            .conn
            .prepare(&format!("PRAGMA table_info({})", quote(table)))?;
        let rows = st.query_map([], |r| Ok((r.get(1)?, r.get(2)?)))?;
        rows.collect()
    }

    fn create_table(table: &Table) -> Vec<String> {
        vec![table.create_sql(ColumnType::sqlite, true)]
    }

    fn add_column(table: &Table, name: &str, ty: ColumnType, _: Option<&str>) -> Vec<String> {
        vec![format!(
            "ALTER TABLE {} ADD COLUMN {} {}",
            quote(&table.name),
            quote(name),
            ty.sqlite()
        )]
    }

    /// A table made by SQLite has its key from the start: an id column that is not in it
    /// is refused.
    fn id_key(&mut self, table: &Table) -> rusqlite::Result<IdKey> {
        let pk: Option<i64> = self
            .conn
            .query_row(
                "SELECT pk FROM pragma_table_info(?1) WHERE name = ?2",
                params![table.name, table.id],
                |r| r.get(0),
            )
            .optional()?;
        Ok(match pk {
            Some(0) => IdKey::Other,
            _ => IdKey::Primary,
        })
    }

    fn read_state(&mut self, key: &StateKey) -> rusqlite::Result<Option<String>> {
        self.conn
            .query_row(
                &format!("SELECT state FROM {STATE_TABLE} WHERE area = ?1 AND site = ?2"),
                params![key.area, key.site_column()],
                |r| r.get(0),
            )
            .optional()
    }

    fn save_state(&mut self, key: &StateKey, json: &str) -> rusqlite::Result<()> {
        self.conn
            .prepare_cached(&format!(
                "INSERT INTO {STATE_TABLE} (area, site, state, updated_at) VALUES (?1, ?2, ?3, strftime('%Y-%m-%dT%H:%M:%f', 'now')) \
                 ON CONFLICT (area, site) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at"
            ))?
            .execute(params![key.area, key.site_column(), json])?;
        Ok(())
    }

    /// One statement per row, prepared once per table: a plain insert in a first load
    /// (the primary key refuses an id already there), else an upsert by id.
    fn insert(&mut self, table: &Table, rows: &[Row], how: Insert<'_>) -> rusqlite::Result<()> {
        let marks = vec!["?"; table.columns.len() + 1].join(", ");
        let sql = format!(
            "INSERT INTO {} ({}) VALUES ({marks}){}",
            quote(&table.name),
            column_list(table),
            match how {
                Insert::Direct => String::new(),
                Insert::Upsert(clause) => format!(" {clause}"),
            }
        );
        let mut st = RowInsert::prepare(&self.conn, &sql)?;
        rows.iter().try_for_each(|row| st.insert(row))
    }

    /// Builds the `lastupdated` index with a sorter thread per core: by then the download
    /// is over, and the sort is the load's last wait. (A SQLite table has its key already.)
    fn end_first_load(&mut self, table: &Table, _key: bool, index: bool) -> rusqlite::Result<()> {
        if !index {
            return Ok(());
        }
        let threads: i64 = self
            .conn
            .pragma_query_value(None, "threads", |r| r.get(0))?;
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        self.conn.pragma_update(None, "threads", cores as i64)?;
        let built = self.conn.execute(&table.index_sql(), []);
        self.conn.pragma_update(None, "threads", threads)?;
        built.map(drop)
    }

    fn fill_seen(&mut self, ids: &[i64]) -> rusqlite::Result<()> {
        self.conn.execute_batch(&format!(
            "CREATE TEMP TABLE IF NOT EXISTS {SEEN} (id INTEGER PRIMARY KEY); DELETE FROM temp.{SEEN}"
        ))?;
        let mut st = self
            .conn
            .prepare(&format!("INSERT OR IGNORE INTO temp.{SEEN} VALUES (?1)"))?;
        for i in ids {
            st.execute([i])?;
        }
        Ok(())
    }

    fn unseen(_: &str, id: &str) -> String {
        format!("{id} NOT IN (SELECT id FROM temp.{SEEN})")
    }

    fn clear_seen(&mut self) -> rusqlite::Result<()> {
        self.conn.execute_batch(&format!("DELETE FROM temp.{SEEN}"))
    }

    fn id_in(id: &str) -> String {
        format!("{id} = ?1")
    }

    /// The statement once per id.
    fn execute_ids(&mut self, sql: &str, ids: &[i64]) -> rusqlite::Result<u64> {
        let mut st = self.conn.prepare(sql)?;
        let mut changed = 0;
        for i in ids {
            changed += st.execute([i])? as u64;
        }
        Ok(changed)
    }
}
