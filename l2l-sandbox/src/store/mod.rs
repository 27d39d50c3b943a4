//! Storage: SQLite in WAL mode, one writer and a pool of readers, each a connection owned
//! by its own thread, so that no SQLite work ever blocks the async runtime.
//!
//! Writes (and every action) run one at a time on the writer's thread; reads run on the
//! reader threads at the same time as each other and as the writer (WAL lets a reader see
//! the last committed state while a write is under way). A reader starts its transaction
//! after the request arrives, so it sees every write answered before.
//!
//! A sandbox "in memory" keeps its database in a temporary file, removed when the last
//! connection closes: SQLite's in-memory databases have no WAL (a shared-cache in-memory
//! database serialises its connections on one lock, so readers would not run side by side),
//! while a temporary file with `synchronous = OFF` lives in the OS page cache and gives
//! every reader its own connection.

pub(crate) mod pool;
pub(crate) mod records;
pub(crate) mod schema;
pub(crate) mod tombstones;
pub(crate) mod value;

use std::path::{Path, PathBuf};
use std::sync::mpsc;

use rusqlite::{Connection, OpenFlags};

pub(crate) use pool::ReadPool;
pub(crate) use schema::{Catalog, Table};
pub(crate) use value::Val;

type Job = Box<dyn FnOnce(&mut Connection) + Send>;

/// A handle on the storage threads. Cloning it shares them; the threads (and their
/// connections, which flush a database file) end when the last handle is dropped.
#[derive(Debug, Clone)]
pub(crate) struct Store {
    tx: mpsc::Sender<Job>,
    readers: Option<ReadPool>,
    done: tokio::sync::watch::Receiver<bool>,
    path: PathBuf,
}

/// The temporary database file of a sandbox without `--db`: removed (with its `-wal` and
/// `-shm` files) by the writer's thread once every connection is closed.
#[derive(Debug)]
pub(crate) struct TempFile(PathBuf);

impl Drop for TempFile {
    fn drop(&mut self) {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let mut p = self.0.clone().into_os_string();
            p.push(suffix);
            let _ = std::fs::remove_file(p);
        }
    }
}

/// Removes the temporary databases of sandboxes whose process has ended without closing
/// them (a test binary exits while its sandboxes' threads still run; a killed process).
/// Linux only (it asks `/proc` whether the process lives); once per process.
fn sweep_stale() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let proc = Path::new("/proc/self");
        if !proc.exists() {
            return;
        }
        let Ok(dir) = std::fs::read_dir(std::env::temp_dir()) else {
            return;
        };
        for entry in dir.flatten() {
            let name = entry.file_name();
            let Some(rest) = name.to_str().and_then(|n| n.strip_prefix("l2l-sandbox-")) else {
                continue;
            };
            let Some((pid, tail)) = rest.split_once('-') else {
                continue;
            };
            if !tail.contains(".sqlite") || pid.parse::<u32>().is_err() {
                continue;
            }
            if pid != std::process::id().to_string() && !Path::new("/proc").join(pid).exists() {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    });
}

fn temp_path() -> PathBuf {
    sweep_stale();
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    std::env::temp_dir().join(format!(
        "l2l-sandbox-{}-{}-{nanos}.sqlite",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ))
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
    /// Opens the database (`None`: a temporary file, see the module), creates missing
    /// tables for `catalog`, and starts the writer's thread and `readers` reader threads
    /// (none: every call runs on the writer).
    pub(crate) fn open(
        path: Option<&Path>,
        catalog: &Catalog,
        readers: usize,
    ) -> Result<Store, StoreError> {
        let (path, temp) = match path {
            Some(p) => (p.to_path_buf(), None),
            None => {
                let p = temp_path();
                (p.clone(), Some(TempFile(p)))
            }
        };
        let conn = Connection::open(&path)?;
        conn.execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = OFF; PRAGMA temp_store = MEMORY;",
        )?;
        // A temporary database needs no durability; a file given by the user keeps it.
        conn.execute_batch(if temp.is_some() {
            "PRAGMA synchronous = OFF; PRAGMA cache_size = -65536;"
        } else {
            "PRAGMA synchronous = NORMAL;"
        })?;
        conn.set_prepared_statement_cache_capacity(256);
        conn.execute_batch(INTERNAL)?;
        catalog.create(&conn)?;
        let (readers, handles) = if readers == 0 {
            (None, Vec::new())
        } else {
            let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
            let conns = (0..readers)
                .map(|_| {
                    let c = Connection::open_with_flags(&path, flags)?;
                    c.set_prepared_statement_cache_capacity(256);
                    Ok(c)
                })
                .collect::<Result<Vec<_>, rusqlite::Error>>()?;
            let (pool, handles) = ReadPool::start(conns)?;
            (Some(pool), handles)
        };
        let (tx, rx) = mpsc::channel::<Job>();
        let (done_tx, done) = tokio::sync::watch::channel(false);
        std::thread::Builder::new()
            .name("l2l-sandbox-writer".into())
            .spawn(move || {
                let mut conn = conn;
                while let Ok(job) = rx.recv() {
                    job(&mut conn);
                }
                // Every handle is gone: the readers end too. The last connection to close
                // checkpoints the WAL; then the temporary file goes.
                for h in handles {
                    let _ = h.join();
                }
                drop(conn);
                drop(temp);
                let _ = done_tx.send(true);
            })
            .map_err(|_| StoreError::Gone)?;
        Ok(Store {
            tx,
            readers,
            done,
            path,
        })
    }

    /// A signal that turns `true` once the storage has closed (every handle dropped, every
    /// connection closed, a temporary file removed). Take it, drop the handles, then wait.
    pub(crate) fn closed(&self) -> tokio::sync::watch::Receiver<bool> {
        self.done.clone()
    }

    /// The database file (the temporary one without `--db`).
    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// How many reader threads serve reads (0: reads run on the writer).
    pub(crate) fn readers(&self) -> usize {
        self.readers.as_ref().map_or(0, ReadPool::len)
    }

    /// Runs `f` on a reader's connection (read-only), at the same time as other reads and
    /// the writer; on the writer when there are no readers.
    pub(crate) async fn read<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Connection) -> T + Send + 'static,
    ) -> Result<T, StoreError> {
        match &self.readers {
            Some(pool) => pool.run(f).await,
            None => self.run(move |conn| f(conn)).await,
        }
    }

    /// Runs `f` on the writer's thread and waits for its result without blocking the
    /// runtime.
    pub(crate) async fn run<T: Send + 'static>(
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
}

/// Reads a value of `_meta`.
pub(crate) fn meta(conn: &Connection, key: &str) -> Option<String> {
    conn.query_row("SELECT value FROM _meta WHERE key = ?1", [key], |r| {
        r.get(0)
    })
    .ok()
}

/// Sets a value of `_meta`.
pub(crate) fn set_meta(conn: &Connection, key: &str, value: &str) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT OR REPLACE INTO _meta (key, value) VALUES (?1, ?2)",
        [key, value],
    )
    .map(drop)
}
