//! `l2l.Records`: an iterator of records, their pages read concurrently in Rust (the
//! GIL released) into a bounded queue, Ctrl-C honoured between waits.

use std::collections::VecDeque;

use futures::StreamExt as _;
use l2l_areas::{AreaSchema, Query};
use pyo3::prelude::*;
use serde_json::Value;
use tokio::sync::mpsc;

use crate::{convert, errors, runtime};

/// Pages waiting to be read: beyond, the download waits.
const QUEUE: usize = 4;

/// The records of a query, in the order asked (id order by default).
#[pyclass(module = "l2l")]
pub struct Records {
    rx: mpsc::Receiver<Result<Vec<Value>, l2l_areas::Error>>,
    buf: VecDeque<Value>,
    area: Option<&'static AreaSchema>,
    left: Option<usize>,
    task: tokio::task::JoinHandle<()>,
}

impl Records {
    /// Starts reading `q` (at most `limit` records) with `client`: its ranges side by side,
    /// each page handed on as it comes (no merge that would hold pages back).
    pub fn start(
        client: l2l_areas::Client,
        q: Query,
        area: Option<&'static AreaSchema>,
        limit: Option<usize>,
    ) -> Records {
        let (tx, rx) = mpsc::channel(QUEUE);
        let task = runtime::get().spawn(async move {
            let mut pages = q.pages::<Value>(&client);
            while let Some(page) = pages.next().await {
                let item = page.map(|p| p.records);
                let stop = item.is_err();
                if tx.send(item).await.is_err() || stop {
                    break;
                }
            }
        });
        Records {
            rx,
            buf: VecDeque::new(),
            area,
            left: limit,
            task,
        }
    }

    /// The next record as JSON, `None` at the end.
    pub fn next_value(&mut self, py: Python<'_>) -> PyResult<Option<Value>> {
        if self.left == Some(0) {
            self.task.abort();
            return Ok(None);
        }
        loop {
            if let Some(v) = self.buf.pop_front() {
                if let Some(n) = self.left.as_mut() {
                    *n -= 1;
                }
                return Ok(Some(v));
            }
            let rx = &mut self.rx;
            let got = py.detach(|| {
                runtime::get()
                    .block_on(async { tokio::time::timeout(runtime::TICK, rx.recv()).await })
            });
            match got {
                Ok(Some(Ok(records))) => self.buf.extend(records),
                Ok(Some(Err(e))) => return Err(errors::to_py(py, e)),
                Ok(None) => return Ok(None),
                Err(_) => {
                    if let Err(e) = py.check_signals() {
                        self.task.abort();
                        return Err(e);
                    }
                }
            }
        }
    }

    /// The area's schema, for typing the records.
    pub fn area(&self) -> Option<&'static AreaSchema> {
        self.area
    }
}

impl Drop for Records {
    fn drop(&mut self) {
        self.task.abort();
    }
}

#[pymethods]
impl Records {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__<'py>(&mut self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        match self.next_value(py)? {
            Some(v) => Ok(Some(convert::record(py, self.area, &v)?)),
            None => Ok(None),
        }
    }
}
