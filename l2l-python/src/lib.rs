//! The Python module `l2l._l2l`, re-exported by the package `l2l`: the client, the
//! in-process sandbox and the sync of the l2l workspace, with L2L's errors as Python
//! exceptions. Work runs on one shared tokio runtime with the GIL released; a long call
//! checks for Ctrl-C between pages.

mod args;
mod arrow;
mod client;
mod config;
mod connect;
mod convert;
mod errors;
mod pages;
mod runtime;
mod sandbox;
mod stream;

use pyo3::prelude::*;

/// The module.
#[pymodule]
fn _l2l(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<sandbox::Sandbox>()?;
    m.add_class::<client::Client>()?;
    m.add_class::<stream::Records>()?;
    m.add_class::<arrow::ArrowBatch>()?;
    errors::register(m)?;
    Ok(())
}
