//! `l2l.Client`: records of any area, checked against the area's schema before anything
//! is sent; undeclared areas untyped, as in the CLI.

use l2l_areas::{AreaSchema, Request, Scope};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use serde_json::Value;

use crate::args::{check_names, declared, pairs, query};
use crate::stream::Records;
use crate::{convert, errors, runtime};

/// A client of one L2L server.
#[pyclass(module = "l2l")]
pub struct Client {
    inner: l2l_areas::Client,
    /// The site of per-site areas when a call names none (a profile's `site`).
    site: Option<i64>,
    /// The profile of the config file in use.
    profile: Option<String>,
}

impl Client {
    /// Sends `r`, whose answer is one record of `schema`'s area, and returns it as a dict.
    fn one<'py>(
        &self,
        py: Python<'py>,
        schema: Option<&'static AreaSchema>,
        r: Request,
    ) -> PyResult<Bound<'py, PyAny>> {
        let c = self.inner.clone();
        let v: Value = self.run(py, async move { c.one(r).await })?;
        convert::record(py, schema, &v)
    }

    fn run<T: Send + 'static>(
        &self,
        py: Python<'_>,
        f: impl std::future::Future<Output = Result<T, l2l_areas::Error>> + Send + 'static,
    ) -> PyResult<T> {
        runtime::block_on(py, f)?.map_err(|e| errors::to_py(py, e))
    }
}

#[pymethods]
impl Client {
    /// A client of `base_url` (or `https://<company>.leading2lean.com`) with `api_key`;
    /// unset ones are read from L2L_BASE_URL, L2L_COMPANY and L2L_API_KEY, then from
    /// `profile` (else L2L_PROFILE, else the default profile) of the `l2l` command's config
    /// file, as the CLI reads them. The file is read only when a profile is named or the
    /// server or the key is still missing.
    #[new]
    #[pyo3(signature = (base_url=None, api_key=None, *, company=None, max_in_flight=None, profile=None))]
    fn new(
        py: Python<'_>,
        base_url: Option<String>,
        api_key: Option<String>,
        company: Option<String>,
        max_in_flight: Option<usize>,
        profile: Option<String>,
    ) -> PyResult<Client> {
        let (inner, site, profile) =
            crate::connect::client(py, base_url, api_key, company, max_in_flight, profile)?;
        Ok(Client {
            inner,
            site,
            profile,
        })
    }

    /// Every record of `area` that passes `where` (`{"code__gte": "M-1"}`), as dicts: the
    /// fields named (all by default), in `order_by`'s order (`"-code"`) or by id.
    #[pyo3(signature = (area, *, site=None, r#where=None, fields=None, order_by=None, limit=None))]
    #[allow(clippy::too_many_arguments)] // Python's keyword arguments
    fn list<'py>(
        &self,
        py: Python<'py>,
        area: &str,
        site: Option<i64>,
        r#where: Option<&Bound<'py, PyDict>>,
        fields: Option<Vec<String>>,
        order_by: Option<&str>,
        limit: Option<usize>,
    ) -> PyResult<Bound<'py, PyList>> {
        let (q, schema) = query(py, area, site, self.site, r#where, fields, order_by)?;
        let out = PyList::empty(py);
        // The first `limit` in id order: the ranges handed over in order, and no more read.
        if limit.is_some() || order_by.is_some() {
            let mut records =
                Records::start(self.inner.clone(), q, schema, limit, order_by.is_none());
            while let Some(v) = records.next_value(py)? {
                out.append(convert::record(py, schema, &v)?)?;
            }
            return Ok(out);
        }
        // Everything: each record made a Python object as its page comes (while the next
        // pages are read), then put in id order.
        let mut records = Records::start(self.inner.clone(), q, schema, None, false);
        let mut all = Vec::new();
        // The dicts made here hold no cycle: Python's cycle collector, which would scan the
        // growing list again and again as it grows, is paused meanwhile.
        let gc = PausedGc::new(py)?;
        while let Some(v) = records.next_value(py)? {
            let id = v.get("id").and_then(Value::as_i64);
            all.push((id, convert::record(py, schema, &v)?));
        }
        drop(gc);
        all.sort_by_key(|(id, _)| *id);
        for (_, r) in all {
            out.append(r)?;
        }
        Ok(out)
    }

    /// The records of [`list`](Client::list), one at a time, read ahead in Rust: in the
    /// order the ranges read in parallel deliver them (by id within each), so that memory
    /// stays bounded; in `order_by`'s order when one is given.
    #[pyo3(signature = (area, *, site=None, r#where=None, fields=None, order_by=None, limit=None))]
    #[allow(clippy::too_many_arguments)] // Python's keyword arguments
    fn stream(
        &self,
        py: Python<'_>,
        area: &str,
        site: Option<i64>,
        r#where: Option<&Bound<'_, PyDict>>,
        fields: Option<Vec<String>>,
        order_by: Option<&str>,
        limit: Option<usize>,
    ) -> PyResult<Records> {
        let (q, schema) = query(py, area, site, self.site, r#where, fields, order_by)?;
        Ok(Records::start(self.inner.clone(), q, schema, limit, false))
    }

    /// Every record of a declared `area` that passes `where`, as a `pyarrow.Table` built in
    /// Rust: a typed column per field (all, or `fields`), plus `_extra` (the properties the
    /// area does not declare, as a JSON object). Needs pyarrow.
    #[pyo3(signature = (area, *, site=None, r#where=None, fields=None))]
    fn arrow<'py>(
        &self,
        py: Python<'py>,
        area: &str,
        site: Option<i64>,
        r#where: Option<&Bound<'py, PyDict>>,
        fields: Option<Vec<String>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let (q, schema) = query(py, area, site, self.site, r#where, fields.clone(), None)?;
        let Some(schema) = schema else {
            return Err(errors::invalid(
                py,
                format!(
                    "area `{area}` is not declared: arrow() builds typed columns of a declared area; list() reads any"
                ),
                None,
                None,
            ));
        };
        crate::arrow::read(py, self.inner.clone(), q, schema, fields.as_deref())
    }

    /// One record by id (`site` asks for its custom properties).
    #[pyo3(signature = (area, id, *, site=None))]
    fn get<'py>(
        &self,
        py: Python<'py>,
        area: &str,
        id: i64,
        site: Option<i64>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let schema = declared(area);
        let path = format!("{}/{id}", schema.map_or(area.trim_matches('/'), |a| a.path));
        let mut r = Request::get(path);
        if let Some(s) = site {
            r = r.query("site", s.to_string());
        }
        self.one(py, schema, r)
    }

    /// Creates a record of `area` from `values`; returns it as L2L sent it back.
    fn create<'py>(
        &self,
        py: Python<'py>,
        area: &str,
        values: &Bound<'py, PyDict>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let schema = declared(area);
        let p = pairs(py, values)?;
        check_names(py, schema, &p)?;
        let r = Request::post(schema.map_or(area.trim_matches('/'), |a| a.path).to_owned())
            .form_pairs(p);
        self.one(py, schema, r)
    }

    /// Sets `values` on record `id` of `area`; returns the record.
    fn update<'py>(
        &self,
        py: Python<'py>,
        area: &str,
        id: i64,
        values: &Bound<'py, PyDict>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let schema = declared(area);
        let p = pairs(py, values)?;
        check_names(py, schema, &p)?;
        let path = format!("{}/{id}", schema.map_or(area.trim_matches('/'), |a| a.path));
        let r = Request::post(path).form_pairs(p).retry_writes(true);
        self.one(py, schema, r)
    }

    /// Deletes record `id` of `area`.
    fn delete(&self, py: Python<'_>, area: &str, id: i64) -> PyResult<()> {
        let schema = declared(area);
        let path = format!("{}/{id}", schema.map_or(area.trim_matches('/'), |a| a.path));
        let c = self.inner.clone();
        let _: Value = self.run(py, async move { c.call(Request::delete(path)).await })?;
        Ok(())
    }

    /// Any endpoint: `call("POST", "dispatches/open/", site=1, ...)`, the parameters in the
    /// query (GET, DELETE) or the form (POST, PUT); returns the whole answer as sent.
    #[pyo3(signature = (method, path, **params))]
    fn call<'py>(
        &self,
        py: Python<'py>,
        method: &str,
        path: &str,
        params: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let p = match params {
            Some(d) => pairs(py, d)?,
            None => Vec::new(),
        };
        let path = path.trim_start_matches('/').to_owned();
        let r = match method.to_ascii_uppercase().as_str() {
            "GET" => Request::get(path).query_pairs(p),
            "DELETE" => Request::delete(path).query_pairs(p),
            "POST" => Request::post(path).form_pairs(p),
            "PUT" => Request::put(path).form_pairs(p),
            m => {
                return Err(errors::invalid(
                    py,
                    format!("method must be GET, POST, PUT or DELETE, not {m:?}"),
                    Some("method"),
                    None,
                ));
            }
        };
        let c = self.inner.clone();
        let body = self.run(py, async move { c.send_raw(r).await })?;
        let v: Value = serde_json::from_slice(&body)
            .map_err(|e| errors::ServerError::new_err(format!("the answer is not JSON ({e})")))?;
        convert::plain(py, &v)
    }

    /// Syncs `area` (of `site`) into `to` (`sqlite:FILE`, `postgres://...`, `jsonl:FILE`)
    /// with the l2l-sync engine: resumable, incremental, exactly once. Returns a summary.
    #[pyo3(signature = (area, *, to, site=None))]
    fn sync<'py>(
        &self,
        py: Python<'py>,
        area: &str,
        to: &str,
        site: Option<i64>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let schema = declared(area).ok_or_else(|| {
            errors::invalid(
                py,
                format!("sync takes a declared area; `{area}` is not one"),
                Some("area"),
                None,
            )
        })?;
        let site = site.or(self.site.filter(|_| schema.scope == Scope::Site));
        if schema.scope == Scope::Site && site.is_none() {
            return Err(errors::invalid(
                py,
                format!("area `{}` is kept per site: pass site=N", schema.path),
                Some("site"),
                None,
            ));
        }
        let target: l2l_sync::Target = to
            .parse()
            .map_err(|e: l2l_sync::Error| errors::invalid(py, e.to_string(), Some("to"), None))?;
        let mut job = l2l_sync::Job::new(schema);
        if let Some(s) = site {
            job = job.site(s);
        }
        if !matches!(target, l2l_sync::Target::Jsonl(_)) {
            job = job.feed_deletions(l2l_sync::Deletions::Delete);
        }
        let c = self.inner.clone();
        // The engine's run is driven on a thread of its own (its future is not `Send`);
        // Ctrl-C stops it cleanly after the batches already read, then raises.
        let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
        let (done_tx, done_rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let r = runtime::get().block_on(async move {
                let sink = tokio::task::spawn_blocking(move || target.open())
                    .await
                    .map_err(|e| l2l_sync::Error::Unsupported(e.to_string()))??;
                job.run_until(&c, sink, async move {
                    let _ = stop_rx.await;
                })
                .await
            });
            let _ = done_tx.send(r);
        });
        let mut stop = Some(stop_tx);
        let mut interrupted = None;
        let mut done_rx = done_rx;
        let result = loop {
            let (got, rx) = py.detach(move || (done_rx.recv_timeout(runtime::TICK), done_rx));
            done_rx = rx;
            match got {
                Ok(r) => break r,
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
                    if let Err(e) = py.check_signals() {
                        interrupted = Some(e);
                        if let Some(s) = stop.take() {
                            let _ = s.send(());
                        }
                    }
                }
                Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
                    break Err(l2l_sync::Error::Unsupported(
                        "the sync's thread ended".into(),
                    ));
                }
            }
        };
        if let Some(e) = interrupted {
            return Err(e);
        }
        let report = result.map_err(|e| errors::sync_to_py(py, e))?;
        let d = PyDict::new(py);
        d.set_item("area", schema.path)?;
        d.set_item("written", report.written)?;
        d.set_item("total_written", report.total_written)?;
        d.set_item("skipped", report.skipped)?;
        Ok(d)
    }

    fn __repr__(&self) -> String {
        match &self.profile {
            Some(p) => format!(
                "Client(base_url={:?}, profile={p:?})",
                self.inner.base_url()
            ),
            None => format!("Client(base_url={:?})", self.inner.base_url()),
        }
    }
}

/// Python's cycle collector paused while it lives (when it was running).
struct PausedGc<'py>(Option<Bound<'py, PyModule>>);

impl<'py> PausedGc<'py> {
    fn new(py: Python<'py>) -> PyResult<PausedGc<'py>> {
        let gc = py.import("gc")?;
        if gc.call_method0("isenabled")?.is_truthy()? {
            gc.call_method0("disable")?;
            Ok(PausedGc(Some(gc)))
        } else {
            Ok(PausedGc(None))
        }
    }
}

impl Drop for PausedGc<'_> {
    fn drop(&mut self) {
        if let Some(gc) = self.0.take() {
            let _ = gc.call_method0("enable");
        }
    }
}
