//! The writer thread: owns the sink, takes batches from a bounded channel and writes each
//! with the state after it, so that downloading goes on while a batch is written.

use std::collections::HashSet;

use tokio::sync::mpsc;

use crate::error::{Error, Result};
use crate::row::Row;
use crate::sink::Sink;
use crate::state::SyncState;
use crate::table::Table;

/// Rows of one or more pages and the state once they are written.
pub struct Batch {
    /// The rows.
    pub rows: Vec<Row>,
    /// The state that covers them (and every batch before).
    pub state: SyncState,
}

/// Pages queued for the writer; beyond, the download waits.
pub const QUEUE: usize = 8;
/// The writer joins the batches waiting for it up to this many rows per transaction.
const MAX_ROWS: usize = 20_000;

/// The rows the writer is done with, handed back to be freed where they were made: a
/// thread frees its own allocations far faster than another thread's.
pub type Done = std::sync::mpsc::Receiver<Vec<Row>>;

/// The writer thread: the sink back when it is done, or the first error.
pub type Task = tokio::task::JoinHandle<Result<Box<dyn Sink>>>;

/// Runs the sink on a blocking thread until the channel closes; returns the sink, or the
/// first error (the batch that failed is rolled back by the sink).
pub fn spawn(
    mut sink: Box<dyn Sink>,
    table: Table,
    on_written: impl Fn(u64) + Send + 'static,
) -> (mpsc::Sender<Batch>, Done, Task) {
    let (tx, mut rx) = mpsc::channel::<Batch>(QUEUE);
    let (done_tx, done) = std::sync::mpsc::channel();
    let sorted = sink.wants_cells();
    let task = tokio::task::spawn_blocking(move || {
        while let Some(first) = rx.blocking_recv() {
            let mut rows = first.rows;
            let mut state = first.state;
            while rows.len() < MAX_ROWS {
                match rx.try_recv() {
                    Ok(b) => {
                        rows.extend(b.rows);
                        state = b.state;
                    }
                    Err(_) => break,
                }
            }
            // The ranges read at once land all over the table: in id order, a batch
            // touches each page of the table (and of its primary key) once.
            let rows = if sorted {
                sorted_last_of_each_id(rows)
            } else {
                last_of_each_id(rows)
            };
            sink.write(&table, &rows, &state)?;
            on_written(rows.len() as u64);
            // Gone with the download: the rows are dropped here.
            let _ = done_tx.send(rows);
        }
        Ok::<_, Error>(sink)
    });
    (tx, done, task)
}

/// One row per id (the last): an upsert may touch a row once per statement.
fn last_of_each_id(rows: Vec<Row>) -> Vec<Row> {
    let mut seen = HashSet::with_capacity(rows.len());
    if rows.iter().all(|r| seen.insert(r.id)) {
        return rows;
    }
    let mut seen = HashSet::with_capacity(rows.len());
    let mut out: Vec<Row> = rows
        .into_iter()
        .rev()
        .filter(|r| seen.insert(r.id))
        .collect();
    out.reverse();
    out
}

/// One row per id (the last), in id order: the sort is stable, so of one id's rows the
/// last one sent is the last of its run.
fn sorted_last_of_each_id(mut rows: Vec<Row>) -> Vec<Row> {
    rows.sort_by_key(|r| r.id);
    rows.dedup_by(|later, kept| {
        let same = later.id == kept.id;
        if same {
            std::mem::swap(later, kept);
        }
        same
    });
    rows
}

/// Waits for the writer; a panic in it is reported as the error it is.
pub async fn join(task: Task) -> Result<Box<dyn Sink>> {
    match task.await {
        Ok(r) => r,
        Err(e) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
        Err(e) => Err(Error::Unsupported(format!("the writer stopped: {e}"))),
    }
}

/// A sink held on the async side: dropped on a blocking thread, since closing a database
/// connection blocks (the `postgres` client runs its own runtime to do it).
pub struct Held(pub Option<Box<dyn Sink>>);

impl Held {
    /// The sink, taken out of the guard.
    pub fn take(&mut self) -> Box<dyn Sink> {
        self.0.take().expect("a held sink is taken once")
    }
}

impl Drop for Held {
    fn drop(&mut self) {
        if let Some(sink) = self.0.take() {
            match tokio::runtime::Handle::try_current() {
                Ok(h) => {
                    h.spawn_blocking(move || drop(sink));
                }
                Err(_) => drop(sink),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: i64, mark: &str) -> Row {
        Row {
            id,
            cells: Vec::new(),
            extra: None,
            json: mark.to_owned(),
            lastupdated: None,
        }
    }

    fn marks(rows: &[Row]) -> Vec<(i64, &str)> {
        rows.iter().map(|r| (r.id, r.json.as_str())).collect()
    }

    #[test]
    fn of_each_id_the_last_row_sent_is_kept_sorted_or_not() {
        let sent = || {
            vec![
                row(5, "a"),
                row(2, "b"),
                row(5, "c"),
                row(9, "d"),
                row(2, "e"),
                row(5, "f"),
                row(1, "g"),
            ]
        };
        let kept = last_of_each_id(sent());
        assert_eq!(marks(&kept), [(9, "d"), (2, "e"), (5, "f"), (1, "g")]);
        let sorted = sorted_last_of_each_id(sent());
        assert_eq!(marks(&sorted), [(1, "g"), (2, "e"), (5, "f"), (9, "d")]);
        let once = vec![row(3, "x"), row(1, "y")];
        assert_eq!(marks(&sorted_last_of_each_id(once)), [(1, "y"), (3, "x")]);
    }
}
