//! SQLite (embedded, through rusqlite): WAL mode, one transaction per batch, a prepared
//! upsert statement per table; a first load (a new table, or its first run resumed) inserts
//! without the conflict clause, and a duplicate id sends it back to the upsert. The
//! `lastupdated` index of a new table is built in its first load's last transaction.

use std::path::{Path, PathBuf};

use rusqlite::types::{ToSql, ToSqlOutput};
use rusqlite::{Connection, OptionalExtension as _, params};

use super::{Deletions, Sink};
use crate::error::{Error, Result};
use crate::row::{Cell, Row};
use crate::state::SyncState;
use crate::table::{ColumnType, DELETED_AT, EXTRA, STATE_TABLE, Table, quote};

/// A SQLite database file.
pub struct SqliteSink {
    conn: Connection,
    path: PathBuf,
    /// Whether the current table has a `_deleted_at` column (cleared again by an upsert).
    deleted_at: bool,
    key: (String, i64),
    /// The `lastupdated` index of a table this sink created waits for its first load.
    index_pending: bool,
    /// Rows are inserted without the upsert's conflict clause (a first load).
    direct: bool,
    /// [`Sink::prepare`] created the table (for [`Sink::discard`]).
    created: bool,
}

impl ToSql for Cell {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match self {
            Cell::Null => ToSqlOutput::from(rusqlite::types::Null),
            Cell::Int(i) => ToSqlOutput::from(*i),
            Cell::Float(f) => ToSqlOutput::from(*f),
            Cell::Bool(b) => ToSqlOutput::from(*b),
            Cell::Text(s) => ToSqlOutput::from(s.as_str()),
        })
    }
}

/// Sets [`SqliteSink::NEW_PAGE_SIZE`] on a database that has no page yet. A database with
/// pages keeps its own: SQLite changes it only by rewriting the file, not the sync's to do.
fn set_new_page_size(conn: &Connection) -> rusqlite::Result<()> {
    let pages: i64 = conn.pragma_query_value(None, "page_count", |r| r.get(0))?;
    if pages == 0 {
        conn.pragma_update(None, "page_size", SqliteSink::NEW_PAGE_SIZE)?;
    }
    Ok(())
}

impl SqliteSink {
    /// The page size of a database this sink creates. A bulk load into 32 KiB pages does
    /// less b-tree work than into SQLite's default 4 KiB: fewer splits, cells and WAL frames.
    pub const NEW_PAGE_SIZE: u32 = 32_768;

    /// Opens (or creates) the database at `path`, in WAL mode.
    pub fn open(path: &Path) -> Result<SqliteSink> {
        let target = format!("sqlite:{}", path.display());
        let conn = Connection::open(path).map_err(|e| Error::sink(&target, e))?;
        SqliteSink::with_connection(conn, path)
    }

    /// A sink on a connection the caller already has (a Rust service's own database).
    pub fn with_connection(conn: Connection, path: &Path) -> Result<SqliteSink> {
        let target = format!("sqlite:{}", path.display());
        conn.busy_timeout(std::time::Duration::from_secs(30))
            .and_then(|_| set_new_page_size(&conn))
            .and_then(|_| conn.pragma_update(None, "journal_mode", "WAL"))
            .and_then(|_| conn.pragma_update(None, "synchronous", "NORMAL"))
            // 64 MiB of page cache: a batch's inserts touch the table and its index all over.
            .and_then(|_| conn.pragma_update(None, "cache_size", -65_536))
            .map_err(|e| Error::sink(&target, e))?;
        Ok(SqliteSink {
            conn,
            path: path.to_owned(),
            deleted_at: false,
            key: (String::new(), 0),
            index_pending: false,
            direct: false,
            created: false,
        })
    }

    fn err(&self, e: impl std::fmt::Display) -> Error {
        Error::sink(&self.target(), e)
    }

    /// The columns of `table` in the database: (name, declared type, primary key).
    fn columns(&self, table: &str) -> Result<Vec<(String, String, bool)>> {
        let mut st = self
            .conn
            .prepare(&format!("PRAGMA table_info({})", quote(table)))
            .map_err(|e| self.err(e))?;
        let rows = st
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, i64>(5)? > 0,
                ))
            })
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .map_err(|e| self.err(e))?;
        Ok(rows)
    }

    fn check_state_table(&self) -> Result<()> {
        let cols = self.columns(STATE_TABLE)?;
        for want in ["area", "site", "state"] {
            if !cols.iter().any(|(n, _, _)| n == want) {
                return Err(self.err(format!(
                    "table `{STATE_TABLE}` exists but has no column `{want}`: it was not made by l2l sync"
                )));
            }
        }
        Ok(())
    }

    /// Creates the table, or checks it and adds the columns it lacks.
    fn ensure_table(&mut self, table: &Table) -> Result<()> {
        let existing = self.columns(&table.name)?;
        let t = quote(&table.name);
        if existing.is_empty() {
            self.conn
                .execute(&table.create_sql(ColumnType::sqlite, true), [])
                .map_err(|e| self.err(e))?;
            self.deleted_at = false;
        } else {
            let mut wanted: Vec<(&str, ColumnType)> = table
                .columns
                .iter()
                .map(|c| (c.name.as_str(), c.ty))
                .collect();
            wanted.push((EXTRA, ColumnType::Json));
            for (name, ty) in wanted {
                match existing.iter().find(|(n, _, _)| n == name) {
                    Some((_, found, pk)) => {
                        if !found.eq_ignore_ascii_case(ty.sqlite()) {
                            return Err(Error::ColumnType {
                                target: self.target(),
                                table: table.name.clone(),
                                column: name.to_owned(),
                                found: found.clone(),
                                expected: ty.sqlite().to_owned(),
                            });
                        }
                        if name == table.id && !pk {
                            return Err(self.err(format!(
                                "column `{name}` of table `{}` is not its primary key, so rows cannot be upserted by id",
                                table.name
                            )));
                        }
                    }
                    None => {
                        self.conn
                            .execute(
                                &format!(
                                    "ALTER TABLE {t} ADD COLUMN {} {}",
                                    quote(name),
                                    ty.sqlite()
                                ),
                                [],
                            )
                            .map_err(|e| self.err(e))?;
                    }
                }
            }
            self.deleted_at = existing.iter().any(|(n, _, _)| n == DELETED_AT);
        }
        // A new table gets its index once its first load is in: one sort, not a b-tree
        // insert per row.
        self.index_pending = existing.is_empty() && table.has_lastupdated();
        self.direct = existing.is_empty();
        self.created = existing.is_empty();
        if table.has_lastupdated() && !self.index_pending {
            self.conn
                .execute(&table.index_sql(), [])
                .map_err(|e| self.err(e))?;
        }
        Ok(())
    }

    /// The statement of one row: a plain insert in a first load (its keyset walk reads each
    /// id once; the primary key refuses a second), else an upsert by id.
    fn upsert_sql(&self, table: &Table, direct: bool) -> String {
        let mut names: Vec<String> = table.columns.iter().map(|c| quote(&c.name)).collect();
        names.push(quote(EXTRA));
        let marks = vec!["?"; names.len()].join(", ");
        let mut sets: Vec<String> = names
            .iter()
            .skip(1)
            .map(|n| format!("{n} = excluded.{n}"))
            .collect();
        if self.deleted_at {
            sets.push(format!("{} = NULL", quote(DELETED_AT)));
        }
        if direct {
            return format!(
                "INSERT INTO {} ({}) VALUES ({marks})",
                quote(&table.name),
                names.join(", ")
            );
        }
        format!(
            "INSERT INTO {} ({}) VALUES ({marks}) ON CONFLICT ({}) DO UPDATE SET {}",
            quote(&table.name),
            names.join(", "),
            quote(&table.id),
            sets.join(", ")
        )
    }
}

impl SqliteSink {
    /// Writes one batch and `state` in one transaction (rolled back on any error).
    fn transact(
        &mut self,
        table: &Table,
        rows: &[Row],
        state: &SyncState,
        direct: bool,
    ) -> rusqlite::Result<()> {
        let sql = self.upsert_sql(table, direct);
        let tx = self.conn.transaction()?;
        {
            let mut st = tx.prepare_cached(&sql)?;
            let mut args: Vec<&dyn ToSql> = Vec::with_capacity(table.columns.len() + 1);
            for row in rows {
                args.clear();
                args.extend(row.cells.iter().map(|c| c as &dyn ToSql));
                args.push(&row.extra);
                st.execute(&args[..])?;
            }
        }
        save_state(&tx, &self.key, state)?;
        let build_index = self.index_pending && state.complete;
        if build_index {
            build_index_in_parallel(&tx, table)?;
        }
        tx.commit()?;
        self.index_pending &= !build_index;
        Ok(())
    }
}

/// Builds the `lastupdated` index of a first load with a sorter thread per core: by then
/// the download is over, and the sort is the load's last wait.
fn build_index_in_parallel(tx: &rusqlite::Transaction<'_>, table: &Table) -> rusqlite::Result<()> {
    let threads: i64 = tx.pragma_query_value(None, "threads", |r| r.get(0))?;
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    tx.pragma_update(None, "threads", cores as i64)?;
    let built = tx.execute(&table.index_sql(), []);
    tx.pragma_update(None, "threads", threads)?;
    built.map(drop)
}

fn save_state(
    tx: &rusqlite::Transaction<'_>,
    key: &(String, i64),
    state: &SyncState,
) -> rusqlite::Result<()> {
    let text = serde_json::to_string(state)
        .map_err(|e| rusqlite::Error::ToSqlConversionFailure(e.into()))?;
    tx.prepare_cached(&format!(
        "INSERT INTO {STATE_TABLE} (area, site, state, updated_at) VALUES (?1, ?2, ?3, strftime('%Y-%m-%dT%H:%M:%f', 'now')) \
         ON CONFLICT (area, site) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at"
    ))?
    .execute(params![key.0, key.1, text])?;
    Ok(())
}

impl Sink for SqliteSink {
    fn target(&self) -> String {
        format!("sqlite:{}", self.path.display())
    }

    fn prepare(
        &mut self,
        table: &Table,
        area: &str,
        site: Option<i64>,
    ) -> Result<Option<SyncState>> {
        self.key = (area.to_owned(), site.unwrap_or(0));
        self.conn
            .execute_batch(&format!(
                "BEGIN IMMEDIATE; CREATE TABLE IF NOT EXISTS {STATE_TABLE} (area TEXT NOT NULL, site INTEGER NOT NULL, \
                 state TEXT NOT NULL, updated_at TEXT NOT NULL, PRIMARY KEY (area, site))"
            ))
            .map_err(|e| self.err(e))?;
        let prepared = (|| {
            self.check_state_table()?;
            self.ensure_table(table)?;
            // Prove that the database takes writes, before anything is downloaded.
            self.conn
                .execute_batch(&format!(
                    "INSERT INTO {STATE_TABLE} VALUES ('', -1, '', ''); \
                     DELETE FROM {STATE_TABLE} WHERE site = -1 AND area = ''"
                ))
                .map_err(|e| self.err(e))?;
            let text: Option<String> = self
                .conn
                .query_row(
                    &format!("SELECT state FROM {STATE_TABLE} WHERE area = ?1 AND site = ?2"),
                    params![self.key.0, self.key.1],
                    |r| r.get(0),
                )
                .optional()
                .map_err(|e| self.err(e))?;
            text.map(|t| {
                serde_json::from_str::<SyncState>(&t).map_err(|e| {
                    Error::State(format!(
                        "{}: the sync state of `{area}` in {STATE_TABLE} cannot be read ({e}); delete its row to start over",
                        self.target()
                    ))
                })
            })
            .transpose()
        })();
        match prepared {
            Ok(state) => {
                if let Some(s) = &state {
                    // A first load, stopped and now resumed, goes on the same way.
                    self.direct |= !s.complete && s.runs == 0 && s.since.is_none();
                }
                self.conn.execute_batch("COMMIT").map_err(|e| self.err(e))?;
                Ok(state)
            }
            Err(e) => {
                let _ = self.conn.execute_batch("ROLLBACK");
                Err(e)
            }
        }
    }

    fn discard(&mut self, table: &Table) -> Result<()> {
        if !std::mem::take(&mut self.created) {
            return Ok(());
        }
        // Dropped only while empty: a sync that wrote meanwhile keeps its table.
        let t = quote(&table.name);
        let target = self.target();
        let err = |e: rusqlite::Error| Error::sink(&target, e);
        let tx = self.conn.transaction().map_err(err)?;
        let empty: bool = tx
            .query_row(&format!("SELECT NOT EXISTS (SELECT 1 FROM {t})"), [], |r| {
                r.get(0)
            })
            .map_err(err)?;
        if empty {
            tx.execute_batch(&format!("DROP TABLE {t}")).map_err(err)?;
        }
        tx.commit().map_err(err)
    }

    fn write(&mut self, table: &Table, rows: &[Row], state: &SyncState) -> Result<()> {
        if self.direct {
            match self.transact(table, rows, state, true) {
                // An id already there: this is no first load; upsert from now on.
                Err(rusqlite::Error::SqliteFailure(e, _))
                    if e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY =>
                {
                    self.direct = false;
                }
                other => return other.map_err(|e| self.err(e)),
            }
        }
        self.transact(table, rows, state, false)
            .map_err(|e| self.err(e))
    }

    fn reconcile(
        &mut self,
        table: &Table,
        ids: &[i64],
        mode: Deletions,
        state: &SyncState,
    ) -> Result<u64> {
        let target = self.target();
        let err = |e: rusqlite::Error| Error::sink(&target, e);
        let t = quote(&table.name);
        let id = quote(&table.id);
        let add_mark = mode == Deletions::Mark && !self.deleted_at;
        let tx = self.conn.transaction().map_err(err)?;
        tx.execute_batch("CREATE TEMP TABLE IF NOT EXISTS _l2l_seen (id INTEGER PRIMARY KEY); DELETE FROM temp._l2l_seen")
            .map_err(err)?;
        {
            let mut st = tx
                .prepare("INSERT OR IGNORE INTO temp._l2l_seen VALUES (?1)")
                .map_err(err)?;
            for i in ids {
                st.execute([i]).map_err(err)?;
            }
        }
        if add_mark {
            tx.execute(
                &format!("ALTER TABLE {t} ADD COLUMN {} TIMESTAMP", quote(DELETED_AT)),
                [],
            )
            .map_err(err)?;
        }
        let gone = format!("{id} NOT IN (SELECT id FROM temp._l2l_seen)");
        let changed = match mode {
            Deletions::Delete => tx.execute(&format!("DELETE FROM {t} WHERE {gone}"), []),
            Deletions::Mark => tx.execute(
                &format!(
                    "UPDATE {t} SET {d} = strftime('%Y-%m-%dT%H:%M:%S', 'now') WHERE {d} IS NULL AND {gone}",
                    d = quote(DELETED_AT)
                ),
                [],
            ),
        }
        .map_err(err)?;
        tx.execute_batch("DELETE FROM temp._l2l_seen")
            .map_err(err)?;
        save_state(&tx, &self.key, state).map_err(err)?;
        tx.commit().map_err(err)?;
        if add_mark {
            self.deleted_at = true;
        }
        Ok(changed as u64)
    }

    fn remove(
        &mut self,
        table: &Table,
        ids: &[i64],
        mode: Deletions,
        state: &SyncState,
    ) -> Result<u64> {
        let target = self.target();
        let err = |e: rusqlite::Error| Error::sink(&target, e);
        let (t, id, d) = (quote(&table.name), quote(&table.id), quote(DELETED_AT));
        let add_mark = mode == Deletions::Mark && !self.deleted_at;
        let tx = self.conn.transaction().map_err(err)?;
        if add_mark {
            tx.execute(&format!("ALTER TABLE {t} ADD COLUMN {d} TIMESTAMP"), [])
                .map_err(err)?;
        }
        let sql = match mode {
            Deletions::Delete => format!("DELETE FROM {t} WHERE {id} = ?1"),
            Deletions::Mark => format!(
                "UPDATE {t} SET {d} = strftime('%Y-%m-%dT%H:%M:%S', 'now') WHERE {id} = ?1 AND {d} IS NULL"
            ),
        };
        let mut changed = 0;
        {
            let mut st = tx.prepare(&sql).map_err(err)?;
            for i in ids {
                changed += st.execute([i]).map_err(err)? as u64;
            }
        }
        save_state(&tx, &self.key, state).map_err(err)?;
        tx.commit().map_err(err)?;
        if add_mark {
            self.deleted_at = true;
        }
        Ok(changed)
    }
}
