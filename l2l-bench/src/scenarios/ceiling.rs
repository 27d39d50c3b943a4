//! What each database itself takes to bulk-load the rows a sync just wrote, its fastest
//! way, with nothing downloaded: the floor under `l2l sync` into it (scenario 8).

use std::io::{Read as _, Write as _};
use std::path::Path;
use std::time::Instant;

use rusqlite::types::Value;

use crate::cpu;

/// A database's own load of the rows: its wall time, and the CPU it took (every process of
/// the load, the database's included), both over the same interval.
#[derive(Debug, Clone, Copy)]
pub struct Floor {
    /// Seconds of wall time.
    pub secs: f64,
    /// Seconds of CPU time.
    pub cpu: f64,
}

/// CPU so far of this process and, where given, of a database's process tree.
fn cpu_now(db: Option<u32>) -> f64 {
    (cpu::own() + db.and_then(cpu::tree).unwrap_or_default()).as_secs_f64()
}

/// What PostgreSQL takes (`db`: its postmaster's pid, for the server's CPU): the table is copied out to memory in binary, then COPYed into
/// an empty table of the same columns (no autovacuum while it loads), from one connection,
/// and keyed and indexed after (primary key and `lastupdated` index, each built in one sort).
pub fn postgres(url: &str, table: &str, db: Option<u32>) -> Result<Floor, String> {
    let e = |e: postgres::Error| e.to_string();
    let mut c = postgres::Client::connect(url, postgres::NoTls).map_err(e)?;
    let mut rows = Vec::new();
    c.copy_out(&format!("COPY \"{table}\" TO STDOUT (FORMAT binary)"))
        .map_err(e)?
        .read_to_end(&mut rows)
        .map_err(|e| e.to_string())?;
    c.batch_execute(&format!(
        "DROP TABLE IF EXISTS _ceiling; CREATE TABLE _ceiling (LIKE \"{table}\" INCLUDING DEFAULTS) \
         WITH (autovacuum_enabled = false)"
    ))
    .map_err(e)?;
    let (start, cpu0) = (Instant::now(), cpu_now(db));
    let mut w = c
        .copy_in("COPY _ceiling FROM STDIN (FORMAT binary)")
        .map_err(e)?;
    w.write_all(&rows).map_err(|e| e.to_string())?;
    w.finish().map_err(e)?;
    c.batch_execute(
        "ALTER TABLE _ceiling ADD PRIMARY KEY (id); CREATE INDEX ON _ceiling (lastupdated)",
    )
    .map_err(e)?;
    let floor = Floor {
        secs: start.elapsed().as_secs_f64(),
        cpu: cpu_now(db) - cpu0,
    };
    c.batch_execute("DROP TABLE _ceiling").map_err(e)?;
    Ok(floor)
}

/// What SQLite takes (in this process): the table's rows are read into memory, then inserted in id order
/// into a new file of the same page size and table, in one transaction of one prepared
/// statement (WAL, `synchronous=NORMAL`, as the sync writes), and indexed on `lastupdated`
/// after, its sort on a thread per core.
pub fn sqlite(path: &Path, table: &str) -> Result<Floor, String> {
    let e = |e: rusqlite::Error| e.to_string();
    let src = rusqlite::Connection::open(path).map_err(e)?;
    let create: String = src
        .query_row(
            "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?1",
            [table],
            |r| r.get(0),
        )
        .map_err(e)?;
    let page_size: i64 = src
        .pragma_query_value(None, "page_size", |r| r.get(0))
        .map_err(e)?;
    let mut st = src
        .prepare(&format!("SELECT * FROM \"{table}\" ORDER BY rowid"))
        .map_err(e)?;
    let width = st.column_count();
    let rows: Vec<Vec<Value>> = st
        .query_map([], |r| (0..width).map(|i| r.get::<_, Value>(i)).collect())
        .map_err(e)?
        .collect::<Result<_, _>>()
        .map_err(e)?;
    let dest = path.with_extension("ceiling.sqlite");
    for ext in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{ext}", dest.display()));
    }
    let mut c = rusqlite::Connection::open(&dest).map_err(e)?;
    c.execute_batch(&format!(
        "PRAGMA page_size = {page_size}; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; {create}"
    ))
    .map_err(e)?;
    let marks = vec!["?"; width].join(", ");
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let (start, cpu0) = (Instant::now(), cpu_now(None));
    let tx = c.transaction().map_err(e)?;
    {
        let mut insert = tx
            .prepare(&format!("INSERT INTO \"{table}\" VALUES ({marks})"))
            .map_err(e)?;
        for row in &rows {
            insert.execute(rusqlite::params_from_iter(row)).map_err(e)?;
        }
    }
    tx.execute_batch(&format!(
        "PRAGMA threads = {threads}; CREATE INDEX \"{table}_lastupdated\" ON \"{table}\" (lastupdated)"
    ))
    .map_err(e)?;
    tx.commit().map_err(e)?;
    let floor = Floor {
        secs: start.elapsed().as_secs_f64(),
        cpu: cpu_now(None) - cpu0,
    };
    drop(c);
    for ext in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{ext}", dest.display()));
    }
    Ok(floor)
}
