//! [`PageQueue`]: the pages of a query read in Rust on the shared runtime into a bounded
//! queue, taken one at a time from Python's thread with the GIL released, Ctrl-C honoured
//! between waits. What `l2l.Records` and `client.arrow` read through.

use futures::StreamExt as _;
use l2l_areas::{Query, Record};
use pyo3::prelude::*;
use tokio::sync::mpsc;

use crate::{errors, runtime};

/// Pages waiting to be taken: beyond, the download waits.
const QUEUE: usize = 4;

/// The pages of one query, read ahead; the download stops when this is dropped.
pub struct PageQueue<R> {
    rx: mpsc::Receiver<Result<Vec<R>, l2l_areas::Error>>,
    task: tokio::task::JoinHandle<()>,
}

impl<R: Record> PageQueue<R> {
    /// Starts reading `q` with `client`: its ranges side by side, each page handed on as it
    /// comes, or, when `in_order`, range after range (id order, a few pages read ahead per
    /// range).
    pub fn start(client: l2l_areas::Client, q: Query, in_order: bool) -> PageQueue<R> {
        let (tx, rx) = mpsc::channel(QUEUE);
        let task = runtime::get().spawn(async move {
            let mut pages = if in_order {
                q.pages_in_order::<R>(&client)
            } else {
                q.pages::<R>(&client)
            };
            while let Some(page) = pages.next().await {
                let item = page.map(|p| p.records);
                let stop = item.is_err();
                if tx.send(item).await.is_err() || stop {
                    break;
                }
            }
        });
        PageQueue { rx, task }
    }

    /// The next page's records, `None` at the end; a failed page as L2L's error, Ctrl-C as
    /// `KeyboardInterrupt` (the download stopped).
    pub fn next(&mut self, py: Python<'_>) -> PyResult<Option<Vec<R>>> {
        loop {
            let rx = &mut self.rx;
            let got = py.detach(|| {
                runtime::get()
                    .block_on(async { tokio::time::timeout(runtime::TICK, rx.recv()).await })
            });
            match got {
                Ok(Some(Ok(records))) => return Ok(Some(records)),
                Ok(Some(Err(e))) => return Err(errors::to_py(py, e)),
                Ok(None) => return Ok(None),
                Err(_) => {
                    if let Err(e) = py.check_signals() {
                        self.stop();
                        return Err(e);
                    }
                }
            }
        }
    }

    /// Stops the download.
    pub fn stop(&self) {
        self.task.abort();
    }
}

impl<R> Drop for PageQueue<R> {
    fn drop(&mut self) {
        self.task.abort();
    }
}
