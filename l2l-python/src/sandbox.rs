//! `l2l.Sandbox`: the Rust sandbox in this process, on a free port of 127.0.0.1, as a
//! context manager.

use std::time::Duration;

use pyo3::prelude::*;

use crate::errors::Error;
use crate::runtime;

/// The L2L-compatible sandbox, serving until closed (or the `with` block ends).
#[pyclass(module = "l2l")]
pub struct Sandbox {
    inner: Option<l2l_sandbox::Sandbox>,
    base_url: String,
    api_key: String,
}

#[pymethods]
impl Sandbox {
    /// Starts a sandbox: `seed` is "demo", "empty", "N" or "N:AREA"; `faults` a share of
    /// requests failed at random, `rate_limit` requests per second, `latency_ms` a delay
    /// on every answer, `api_key` the key it takes (a random one by default), `live` the
    /// speed of a live demo plant (simulated seconds per real second; see `l2l sandbox
    /// --live`), `live_seed` its seed, `import_` a file `l2l sync --all --to sqlite:FILE`
    /// wrote, served instead of the demo (`--import`).
    #[new]
    #[allow(clippy::too_many_arguments)] // Python's keyword arguments
    #[pyo3(signature = (seed="demo", *, faults=0.0, fault_seed=0, rate_limit=None, latency_ms=None, api_key=None, port=0, live=None, live_seed=1, import_=None))]
    fn new(
        py: Python<'_>,
        seed: &str,
        faults: f64,
        fault_seed: u64,
        rate_limit: Option<f64>,
        latency_ms: Option<u64>,
        api_key: Option<String>,
        port: u16,
        live: Option<f64>,
        live_seed: u64,
        import_: Option<std::path::PathBuf>,
    ) -> PyResult<Sandbox> {
        let seed: l2l_sandbox::Seed = match import_ {
            Some(path) => l2l_sandbox::Seed::Import(path),
            None => seed.parse().map_err(|e: String| {
                crate::errors::invalid(py, format!("seed: {e}"), Some("seed"), None)
            })?,
        };
        if !(0.0..=1.0).contains(&faults) {
            return Err(crate::errors::invalid(
                py,
                format!("faults must be between 0 and 1, not {faults}"),
                Some("faults"),
                None,
            ));
        }
        let mut b = l2l_sandbox::Sandbox::builder().seed(seed).port(port);
        if faults > 0.0 {
            b = b.faults(faults, fault_seed);
        }
        if let Some(r) = rate_limit {
            b = b.rate_limit(r);
        }
        if let Some(ms) = latency_ms {
            b = b.latency(Duration::from_millis(ms));
        }
        if let Some(k) = api_key {
            b = b.api_key(k);
        }
        if let Some(speed) = live {
            if !(speed.is_finite() && speed >= 0.0) {
                return Err(crate::errors::invalid(
                    py,
                    format!("live is simulated seconds per real second (0 or more), not {speed}"),
                    Some("live"),
                    None,
                ));
            }
            b = b.live(l2l_sandbox::LiveOptions {
                speed,
                seed: live_seed,
                start: None,
            });
        }
        let sb = runtime::block_on(py, async move { b.start().await })?
            .map_err(|e| Error::new_err(format!("the sandbox did not start: {e}")))?;
        Ok(Sandbox {
            base_url: sb.base_url(),
            api_key: sb.api_key().to_owned(),
            inner: Some(sb),
        })
    }

    /// `http://127.0.0.1:PORT`.
    #[getter]
    fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The API key it takes.
    #[getter]
    fn api_key(&self) -> &str {
        &self.api_key
    }

    /// Requests answered so far.
    #[getter]
    fn requests(&self) -> u64 {
        self.inner.as_ref().map_or(0, |s| s.stats().requests)
    }

    /// Stops serving (idempotent).
    fn close(&mut self, py: Python<'_>) -> PyResult<()> {
        if let Some(s) = self.inner.take() {
            runtime::block_on(py, async move { s.shutdown().await })?;
        }
        Ok(())
    }

    fn __enter__(slf: Py<Self>) -> Py<Self> {
        slf
    }

    #[pyo3(signature = (*_args))]
    fn __exit__(
        &mut self,
        py: Python<'_>,
        _args: &Bound<'_, pyo3::types::PyTuple>,
    ) -> PyResult<bool> {
        self.close(py)?;
        Ok(false)
    }

    fn __repr__(&self) -> String {
        format!("Sandbox(base_url={:?})", self.base_url)
    }
}
