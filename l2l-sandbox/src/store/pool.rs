//! The readers: read-only connections, each on its own thread, taking jobs from one queue.

use std::sync::{Arc, Mutex, mpsc};
use std::thread::JoinHandle;

use rusqlite::Connection;

use super::StoreError;

type ReadJob = Box<dyn FnOnce(&Connection) + Send>;

/// A pool of reader threads. Cloning it shares them; they end when the last handle is
/// dropped.
#[derive(Debug, Clone)]
pub(crate) struct ReadPool {
    tx: mpsc::Sender<ReadJob>,
    len: usize,
}

impl ReadPool {
    /// Starts one thread per connection; the threads end (closing their connections) when
    /// the last handle is dropped.
    pub(crate) fn start(
        conns: Vec<Connection>,
    ) -> Result<(ReadPool, Vec<JoinHandle<()>>), StoreError> {
        let len = conns.len();
        let mut handles = Vec::with_capacity(len);
        let (tx, rx) = mpsc::channel::<ReadJob>();
        let rx = Arc::new(Mutex::new(rx));
        for (i, conn) in conns.into_iter().enumerate() {
            let rx = rx.clone();
            let h = std::thread::Builder::new()
                .name(format!("l2l-sandbox-reader-{i}"))
                .spawn(move || {
                    loop {
                        // The lock is held only while waiting for the next job.
                        let job = match rx.lock() {
                            Ok(rx) => rx.recv(),
                            Err(_) => break,
                        };
                        match job {
                            Ok(job) => job(&conn),
                            Err(_) => break,
                        }
                    }
                    drop(conn);
                })
                .map_err(|_| StoreError::Gone)?;
            handles.push(h);
        }
        Ok((ReadPool { tx, len }, handles))
    }

    /// How many readers.
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// Runs `f` on the next free reader and waits for its result without blocking the
    /// runtime.
    pub(crate) async fn run<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Connection) -> T + Send + 'static,
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
