//! `l2l.Records`: an iterator of records, their pages read concurrently in Rust (the
//! GIL released) into a bounded queue ([`PageQueue`]), Ctrl-C honoured between waits.

use std::collections::VecDeque;

use l2l_areas::{AreaSchema, Query, RawRecord};
use pyo3::prelude::*;
use serde_json::Value;

use crate::pages::PageQueue;
use crate::{convert, errors};

/// The records of a query, in the order asked (id order by default).
#[pyclass(module = "l2l")]
pub struct Records {
    pages: PageQueue<RawRecord>,
    /// Records wait as their JSON text (a few hundred bytes each), decoded one at a time.
    buf: VecDeque<RawRecord>,
    area: Option<&'static AreaSchema>,
    left: Option<usize>,
}

impl Records {
    /// Starts reading `q` (at most `limit` records) with `client`: its ranges side by side,
    /// each page handed on as it comes (no merge that would hold pages back), or, when
    /// `in_order`, range after range (id order, a few pages read ahead per range).
    pub fn start(
        client: l2l_areas::Client,
        q: Query,
        area: Option<&'static AreaSchema>,
        limit: Option<usize>,
        in_order: bool,
    ) -> Records {
        Records {
            pages: PageQueue::start(client, q, in_order),
            buf: VecDeque::new(),
            area,
            left: limit,
        }
    }

    /// The next record as JSON, `None` at the end.
    pub fn next_value(&mut self, py: Python<'_>) -> PyResult<Option<Value>> {
        if self.left == Some(0) {
            self.pages.stop();
            return Ok(None);
        }
        loop {
            if let Some(raw) = self.buf.pop_front() {
                if let Some(n) = self.left.as_mut() {
                    *n -= 1;
                }
                let v = raw.decode::<Value>().map_err(|e| {
                    let snippet: String = raw.json().chars().take(120).collect();
                    errors::to_py(
                        py,
                        l2l_areas::Error::Decode {
                            path: ".".into(),
                            message: e.to_string(),
                            snippet,
                            truncated: false,
                        },
                    )
                })?;
                return Ok(Some(v));
            }
            match self.pages.next(py)? {
                Some(records) => self.buf.extend(records),
                None => return Ok(None),
            }
        }
    }

    /// The area's schema, for typing the records.
    pub fn area(&self) -> Option<&'static AreaSchema> {
        self.area
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
