//! Storage: one SQLite connection owned by a dedicated thread, so that no SQLite work ever
//! blocks the async runtime. Every request runs as one closure on that thread.

pub mod records;
pub mod schema;
pub mod value;

use std::path::Path;
use std::sync::mpsc;

use rusqlite::Connection;

pub use schema::{Catalog, Table};
pub use value::Val;

type Job = Box<dyn FnOnce(&mut Connection) + Send>;

/// A handle on the storage thread. Cloning it shares the thread; the thread (and the
/// connection, which flushes a database file) ends when the last handle is dropped.
#[derive(Debug, Clone)]
pub struct Store {
    tx: mpsc::Sender<Job>,
}

/// Why storage failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite refused.
    #[error("storage: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// The storage thread has ended (the sandbox is shutting down).
    #[error("storage is shut down")]
    Gone,
}

/// The tables the sandbox keeps for itself, beside the areas' tables.
const INTERNAL: &str = "
CREATE TABLE IF NOT EXISTS _users (loginid TEXT PRIMARY KEY, admin INTEGER NOT NULL DEFAULT 0, sites TEXT);
CREATE TABLE IF NOT EXISTS _keys (key TEXT PRIMARY KEY, loginid TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS _custom (area TEXT NOT NULL, record INTEGER NOT NULL, name TEXT NOT NULL, value TEXT, PRIMARY KEY (area, record, name));
CREATE INDEX IF NOT EXISTS _custom_by_value ON _custom (area, name, value);
CREATE TABLE IF NOT EXISTS _custom_names (area TEXT NOT NULL, name TEXT NOT NULL, PRIMARY KEY (area, name));
CREATE TABLE IF NOT EXISTS _audit (seq INTEGER PRIMARY KEY, at TEXT NOT NULL, loginid TEXT NOT NULL, realuser TEXT, action TEXT NOT NULL, area TEXT NOT NULL, record INTEGER);
CREATE TABLE IF NOT EXISTS _meta (key TEXT PRIMARY KEY, value TEXT);
";

impl Store {
    /// Opens the database (`None`: in memory), creates missing tables for `catalog`, and
    /// starts the storage thread.
    pub fn open(path: Option<&Path>, catalog: &Catalog) -> Result<Store, StoreError> {
        let conn = match path {
            Some(p) => Connection::open(p)?,
            None => Connection::open_in_memory()?,
        };
        conn.execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = OFF;",
        )?;
        conn.set_prepared_statement_cache_capacity(256);
        conn.execute_batch(INTERNAL)?;
        catalog.create(&conn)?;
        let (tx, rx) = mpsc::channel::<Job>();
        std::thread::Builder::new()
            .name("l2l-sandbox-store".into())
            .spawn(move || {
                let mut conn = conn;
                while let Ok(job) = rx.recv() {
                    job(&mut conn);
                }
            })
            .map_err(|_| StoreError::Gone)?;
        Ok(Store { tx })
    }

    /// Runs `f` on the storage thread and waits for its result without blocking the runtime.
    pub async fn run<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Connection) -> T + Send + 'static,
    ) -> Result<T, StoreError> {
        let (tx, rx) = tokio::sync::oneshot::channel();
        self.tx
            .send(Box::new(move |conn| {
                let _ = tx.send(f(conn));
            }))
            .map_err(|_| StoreError::Gone)?;
        rx.await.map_err(|_| StoreError::Gone)
    }

    /// Runs `f` on the storage thread and blocks until it is done (for code outside the
    /// runtime, such as setup).
    pub fn run_blocking<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Connection) -> T + Send + 'static,
    ) -> Result<T, StoreError> {
        let (tx, rx) = mpsc::channel();
        self.tx
            .send(Box::new(move |conn| {
                let _ = tx.send(f(conn));
            }))
            .map_err(|_| StoreError::Gone)?;
        rx.recv().map_err(|_| StoreError::Gone)
    }
}

/// Reads a value of `_meta`.
pub fn meta(conn: &Connection, key: &str) -> Option<String> {
    conn.query_row("SELECT value FROM _meta WHERE key = ?1", [key], |r| {
        r.get(0)
    })
    .ok()
}

/// Sets a value of `_meta`.
pub fn set_meta(conn: &Connection, key: &str, value: &str) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT OR REPLACE INTO _meta (key, value) VALUES (?1, ?2)",
        [key, value],
    )
    .map(drop)
}
