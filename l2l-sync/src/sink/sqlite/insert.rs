//! The insert statement of a batch, bound through SQLite's C API: each text value bound in
//! place (`SQLITE_STATIC`), where rusqlite's binding copies it first. A row's text lives
//! until its step and reset are over, which is as long as `SQLITE_STATIC` asks.

use std::ffi::{CStr, c_int};
use std::ptr::NonNull;

use rusqlite::{Connection, ffi};

use crate::row::{Cell, Row};

/// A prepared insert of a row's cells, then its extra column.
pub struct RowInsert<'c> {
    db: *mut ffi::sqlite3,
    stmt: NonNull<ffi::sqlite3_stmt>,
    _conn: &'c Connection,
}

impl<'c> RowInsert<'c> {
    /// Prepares `sql` on `conn`.
    pub fn prepare(conn: &'c Connection, sql: &str) -> rusqlite::Result<RowInsert<'c>> {
        // SAFETY: the handle is the open connection's, borrowed for as long as `RowInsert`
        // lives (its statement is finalized in `drop`, before the connection can close).
        let db = unsafe { conn.handle() };
        let mut stmt = std::ptr::null_mut();
        let len = c_int::try_from(sql.len()).map_err(|_| rusqlite::Error::InvalidQuery)?;
        // SAFETY: `sql` is valid for `len` bytes; SQLite copies what it keeps.
        let rc = unsafe {
            ffi::sqlite3_prepare_v2(
                db,
                sql.as_ptr().cast(),
                len,
                &mut stmt,
                std::ptr::null_mut(),
            )
        };
        if rc != ffi::SQLITE_OK {
            return Err(error(db, rc));
        }
        let stmt = NonNull::new(stmt).ok_or(rusqlite::Error::InvalidQuery)?;
        Ok(RowInsert {
            db,
            stmt,
            _conn: conn,
        })
    }

    /// Inserts `row`: binds every value (text in place), steps once, resets.
    pub fn insert(&mut self, row: &Row) -> rusqlite::Result<()> {
        let st = self.stmt.as_ptr();
        let mut rc = ffi::SQLITE_OK;
        for (i, cell) in row.cells.iter().enumerate() {
            rc = bind(st, i as c_int + 1, cell);
            if rc != ffi::SQLITE_OK {
                break;
            }
        }
        if rc == ffi::SQLITE_OK {
            let at = row.cells.len() as c_int + 1;
            rc = match &row.extra {
                // SAFETY: `st` is this statement's; the text outlives the step below.
                Some(text) => unsafe { bind_text(st, at, text) },
                None => unsafe { ffi::sqlite3_bind_null(st, at) },
            };
        }
        if rc == ffi::SQLITE_OK {
            // SAFETY: every parameter is bound to a value that lives until the reset.
            rc = match unsafe { ffi::sqlite3_step(st) } {
                ffi::SQLITE_DONE | ffi::SQLITE_ROW => ffi::SQLITE_OK,
                failed => failed,
            };
        }
        // The error is read before the reset; the reset ends the step (and frees nothing
        // of the row, which SQLite never owned).
        let result = if rc == ffi::SQLITE_OK {
            Ok(())
        } else {
            Err(error(self.db, rc))
        };
        // SAFETY: `st` is a prepared statement of this connection.
        unsafe { ffi::sqlite3_reset(st) };
        result
    }
}

impl Drop for RowInsert<'_> {
    fn drop(&mut self) {
        // SAFETY: the statement was prepared by `prepare` and is finalized once.
        unsafe { ffi::sqlite3_finalize(self.stmt.as_ptr()) };
    }
}

/// Binds one cell at `at` (from 1).
fn bind(st: *mut ffi::sqlite3_stmt, at: c_int, cell: &Cell) -> c_int {
    // SAFETY: `st` is a prepared statement; a text's bytes outlive the step (see `insert`).
    unsafe {
        match cell {
            Cell::Null => ffi::sqlite3_bind_null(st, at),
            Cell::Int(i) => ffi::sqlite3_bind_int64(st, at, *i),
            Cell::Float(f) => ffi::sqlite3_bind_double(st, at, *f),
            Cell::Bool(b) => ffi::sqlite3_bind_int64(st, at, i64::from(*b)),
            Cell::Text(s) => bind_text(st, at, s),
        }
    }
}

/// Binds `text` in place, without a copy.
///
/// # Safety
///
/// `st` is a prepared statement, and `text` lives until the statement is next reset.
unsafe fn bind_text(st: *mut ffi::sqlite3_stmt, at: c_int, text: &str) -> c_int {
    // SAFETY: as the caller promises; UTF-8 of `text.len()` bytes.
    unsafe {
        ffi::sqlite3_bind_text64(
            st,
            at,
            text.as_ptr().cast(),
            text.len() as ffi::sqlite3_uint64,
            ffi::SQLITE_STATIC(),
            ffi::SQLITE_UTF8 as u8,
        )
    }
}

/// The connection's error for the result code `rc`, as rusqlite reports one.
fn error(db: *mut ffi::sqlite3, rc: c_int) -> rusqlite::Error {
    // SAFETY: `db` is an open connection; the message is copied before any other call.
    let (code, message) = unsafe {
        let code = ffi::sqlite3_extended_errcode(db);
        let text = ffi::sqlite3_errmsg(db);
        let message =
            (!text.is_null()).then(|| CStr::from_ptr(text).to_string_lossy().into_owned());
        (if code == ffi::SQLITE_OK { rc } else { code }, message)
    };
    rusqlite::Error::SqliteFailure(ffi::Error::new(code), message)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A row of the test table as read back.
    type Stored = (i64, String, f64, i64, Option<i64>, String, Option<String>);

    #[test]
    fn every_kind_of_value_is_stored_as_bound_and_errors_keep_their_code() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE t (id INTEGER PRIMARY KEY, a, b, c, d, e, extra TEXT)")
            .unwrap();
        let row = |id, text: &str, extra: Option<&str>| Row {
            id,
            cells: vec![
                Cell::Int(id),
                Cell::Text(text.into()),
                Cell::Float(1.5),
                Cell::Bool(true),
                Cell::Null,
                Cell::Text("a longer text than fits inline, ünïcode".into()),
            ],
            extra: extra.map(str::to_owned),
            json: String::new(),
            lastupdated: None,
        };
        let sql = "INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?)";
        let mut st = RowInsert::prepare(&conn, sql).unwrap();
        st.insert(&row(1, "", Some(r#"{"x":1}"#))).unwrap();
        st.insert(&row(2, "M-2", None)).unwrap();
        let again = st.insert(&row(1, "dup", None)).unwrap_err();
        assert!(
            matches!(&again, rusqlite::Error::SqliteFailure(e, Some(m))
                if e.extended_code == ffi::SQLITE_CONSTRAINT_PRIMARYKEY && m.contains("t.id")),
            "{again:?}"
        );
        drop(st);
        let read: Vec<Stored> = conn
            .prepare("SELECT * FROM t ORDER BY id")
            .unwrap()
            .query_map([], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                ))
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(read.len(), 2);
        assert_eq!(read[0].1, "");
        assert_eq!((read[0].2, read[0].3, read[0].4), (1.5, 1, None));
        assert_eq!(read[0].5, "a longer text than fits inline, ünïcode");
        assert_eq!(read[0].6.as_deref(), Some(r#"{"x":1}"#));
        assert_eq!((read[1].1.as_str(), read[1].6.as_deref()), ("M-2", None));
        let bad = RowInsert::prepare(&conn, "INSERT INTO nowhere VALUES (?)").err();
        assert!(
            bad.is_some_and(|e| e.to_string().contains("no such table: nowhere")),
            "a statement that cannot be prepared says why"
        );
    }
}
