//! SQLite (embedded, through rusqlite): WAL mode, one transaction per batch, a prepared
//! statement per table. A new database gets 32 KiB pages; a new table is made with its
//! primary key, and its `lastupdated` index is built by a sorter thread per core in its
//! first load's last transaction. The skeleton is [`SqlSink`]'s; SQLite's own SQL is in
//! [`dialect`].

mod dialect;
mod insert;

use std::path::Path;

use rusqlite::Connection;
use rusqlite::types::{ToSql, ToSqlOutput};

use super::sql::{SqlSink, sql_sink};
use crate::error::{Error, Result};
use crate::row::Cell;
use dialect::Sqlite;

/// A SQLite database file.
pub struct SqliteSink(SqlSink<Sqlite>);

sql_sink!(SqliteSink);

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
        let conn = Connection::open(path).map_err(|e| sqlite_error(&target, e))?;
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
            .map_err(|e| sqlite_error(&target, e))?;
        Ok(SqliteSink(SqlSink::new(Sqlite { conn }, target)))
    }
}

/// A rusqlite error as the sink's error, kept as its source.
fn sqlite_error(target: &str, e: rusqlite::Error) -> Error {
    super::sql::driver_error::<Sqlite>(target, e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_keeps_the_drivers_error_as_its_source() {
        let path =
            std::env::temp_dir().join(format!("l2l-no-dir-{}/x/plant.db", std::process::id()));
        let err = SqliteSink::open(&path).err().expect("no such directory");
        let text = err.to_string();
        assert!(text.starts_with("sqlite:"), "{text}");
        let source = std::error::Error::source(&err).expect("a source");
        let driver = source
            .downcast_ref::<rusqlite::Error>()
            .expect("rusqlite's error");
        assert!(text.ends_with(&driver.to_string()), "{text}");
    }
}
