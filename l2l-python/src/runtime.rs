//! The tokio runtime every call runs on, and the wait that lets Ctrl-C through.

use std::sync::OnceLock;
use std::time::Duration;

use pyo3::prelude::*;

/// The process's runtime, started at first use.
pub fn get() -> &'static tokio::runtime::Runtime {
    static RT: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RT.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("a tokio runtime starts")
    })
}

/// How often a wait looks for Ctrl-C.
pub const TICK: Duration = Duration::from_millis(50);

/// Runs `f` to its end on the runtime with the GIL released, raising KeyboardInterrupt
/// (and dropping `f`, which cancels it) when Ctrl-C comes first.
pub fn block_on<T: Send + 'static>(
    py: Python<'_>,
    f: impl std::future::Future<Output = T> + Send + 'static,
) -> PyResult<T> {
    let mut task = get().spawn(f);
    loop {
        let done =
            py.detach(|| get().block_on(async { tokio::time::timeout(TICK, &mut task).await }));
        match done {
            Ok(Ok(v)) => return Ok(v),
            Ok(Err(e)) => {
                return Err(pyo3::exceptions::PyRuntimeError::new_err(format!(
                    "the l2l task failed: {e}"
                )));
            }
            Err(_) => {
                if let Err(e) = py.check_signals() {
                    task.abort();
                    return Err(e);
                }
            }
        }
    }
}
