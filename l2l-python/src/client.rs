//! `l2l.Client`: records of any area, checked against the area's schema before anything
//! is sent; undeclared areas untyped, as in the CLI.

use l2l_areas::{AreaSchema, FieldKind, Query, Request, Scope};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use serde_json::Value;

use crate::stream::Records;
use crate::{convert, errors, runtime};

/// A client of one L2L server.
#[pyclass(module = "l2l")]
pub struct Client {
    inner: l2l_areas::Client,
}

/// The declared area of this path or type name, in any case; `None` for another path.
fn declared(name: &str) -> Option<&'static AreaSchema> {
    let lower = name.trim().trim_matches('/').to_ascii_lowercase();
    l2l_areas::AREAS
        .iter()
        .copied()
        .find(|a| a.path == lower || a.name.eq_ignore_ascii_case(&lower))
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// Checks a filter's value against its field's kind.
fn check_kind(py: Python<'_>, area: &AreaSchema, key: &str, value: &str) -> PyResult<()> {
    let field = key.split("__").next().unwrap_or(key);
    let Some(f) = area.field(field) else {
        return Ok(());
    };
    if key.ends_with("__isnull") {
        return Ok(());
    }
    let ok = match f.kind {
        FieldKind::Integer => value.parse::<i64>().is_ok(),
        FieldKind::Float | FieldKind::Decimal => value.parse::<f64>().is_ok_and(f64::is_finite),
        FieldKind::Date => value.parse::<l2l_areas::Date>().is_ok(),
        FieldKind::DateTime => value.parse::<l2l_areas::DateTime>().is_ok(),
        _ => true,
    };
    if ok {
        Ok(())
    } else {
        Err(errors::invalid(
            py,
            format!("`{key}` takes a {} value, not {value:?}", f.kind.name()),
            Some(key),
            None,
        ))
    }
}

/// The query of `area`: its site, filters, fields and order, each checked.
fn query(
    py: Python<'_>,
    area: &str,
    site: Option<i64>,
    filters: Option<&Bound<'_, PyDict>>,
    fields: Option<Vec<String>>,
    order_by: Option<&str>,
) -> PyResult<(Query, Option<&'static AreaSchema>)> {
    let schema = declared(area);
    let mut q = match (schema, site) {
        (Some(a), None) if a.scope == Scope::Site => {
            return Err(errors::invalid(
                py,
                format!("area `{}` is kept per site: pass site=N", a.path),
                Some("site"),
                None,
            ));
        }
        (Some(a), Some(s)) => Query::for_site(a, s),
        (Some(a), None) => Query::new(a),
        (None, s) => {
            let mut q = Query::dynamic(area).map_err(|e| errors::to_py(py, e))?;
            if let Some(s) = s {
                q.site(s);
            }
            q
        }
    };
    if let Some(w) = filters {
        for (k, v) in w.iter() {
            let k: String = k.extract()?;
            let text = convert::to_text(py, &v)?;
            q.filter_str(&k, &text).map_err(|e| errors::to_py(py, e))?;
            if let Some(a) = schema {
                check_kind(py, a, &k, &text)?;
            }
        }
    }
    if let Some(f) = &fields {
        q.fields_str(f.iter().map(String::as_str))
            .map_err(|e| errors::to_py(py, e))?;
    }
    if let Some(o) = order_by {
        q.order_by_str(o).map_err(|e| errors::to_py(py, e))?;
    }
    Ok((q, schema))
}

/// A form's pairs from a dict, each value as L2L takes it.
fn pairs(py: Python<'_>, values: &Bound<'_, PyDict>) -> PyResult<Vec<(String, String)>> {
    values
        .iter()
        .map(|(k, v)| Ok((k.extract::<String>()?, convert::to_text(py, &v)?)))
        .collect()
}

/// Checks the names of a create's or update's fields against a declared area.
fn check_names(
    py: Python<'_>,
    area: Option<&AreaSchema>,
    pairs: &[(String, String)],
) -> PyResult<()> {
    let Some(a) = area else { return Ok(()) };
    for (k, _) in pairs {
        if k.starts_with("custom__") || a.field(k).is_some() {
            continue;
        }
        let near = l2l_schema_closest(k, a);
        return Err(errors::invalid(
            py,
            format!("area `{}` has no field `{k}`", a.path),
            Some(k),
            near.as_deref(),
        ));
    }
    Ok(())
}

fn l2l_schema_closest(name: &str, a: &AreaSchema) -> Option<String> {
    l2l_schema::closest(name, a.field_names()).map(str::to_owned)
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
    /// unset ones are read from L2L_BASE_URL, L2L_COMPANY and L2L_API_KEY.
    #[new]
    #[pyo3(signature = (base_url=None, api_key=None, *, company=None, max_in_flight=None))]
    fn new(
        py: Python<'_>,
        base_url: Option<String>,
        api_key: Option<String>,
        company: Option<String>,
        max_in_flight: Option<usize>,
    ) -> PyResult<Client> {
        let key = api_key.or_else(|| env("L2L_API_KEY")).ok_or_else(|| {
            errors::invalid(
                py,
                "no API key: pass api_key= or set L2L_API_KEY".into(),
                Some("api_key"),
                None,
            )
        })?;
        let mut b = l2l_areas::Client::builder()
            .api_key(key)
            .integration("l2l-python", env!("CARGO_PKG_VERSION"));
        b = match (
            base_url.or_else(|| env("L2L_BASE_URL")),
            company.or_else(|| env("L2L_COMPANY")),
        ) {
            (Some(u), _) => b.base_url(u),
            (None, Some(c)) => b.company(c),
            (None, None) => {
                return Err(errors::invalid(
                    py,
                    "no L2L server: pass base_url= or company= (or set L2L_BASE_URL or L2L_COMPANY)".into(),
                    Some("base_url"),
                    None,
                ));
            }
        };
        if let Some(n) = max_in_flight {
            b = b.max_in_flight(n);
        }
        let inner = b.build().map_err(|e| errors::to_py(py, e))?;
        Ok(Client { inner })
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
        let (q, schema) = query(py, area, site, r#where, fields, order_by)?;
        // Read as the ranges come (bounded memory per range), then put in id order here.
        let mut records = Records::start(self.inner.clone(), q, schema, None);
        let mut all = Vec::new();
        while let Some(v) = records.next_value(py)? {
            all.push(v);
        }
        if order_by.is_none() {
            all.sort_by_key(|v| v.get("id").and_then(Value::as_i64));
        }
        if let Some(n) = limit {
            all.truncate(n);
        }
        let out = PyList::empty(py);
        for v in &all {
            out.append(convert::record(py, schema, v)?)?;
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
        let (q, schema) = query(py, area, site, r#where, fields, order_by)?;
        Ok(Records::start(self.inner.clone(), q, schema, limit))
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
        format!("Client(base_url={:?})", self.inner.base_url())
    }
}
