//! L2L's errors as Python exceptions: `l2l.Error` and a subclass per kind, the invalid
//! request with the field at fault and the closest valid name.

use pyo3::create_exception;
use pyo3::prelude::*;

create_exception!(
    l2l,
    Error,
    pyo3::exceptions::PyException,
    "Any error of l2l."
);
create_exception!(
    l2l,
    InvalidRequest,
    Error,
    "Refused before anything was sent: `.field`, `.suggestion`."
);
create_exception!(
    l2l,
    AuthError,
    Error,
    "The key was refused, or may not do this (HTTP 401, 403)."
);
create_exception!(
    l2l,
    NotFoundError,
    Error,
    "No such record or endpoint (HTTP 404)."
);
create_exception!(
    l2l,
    RefusedError,
    Error,
    "L2L answered `success: false`: `.messages`."
);
create_exception!(
    l2l,
    NetworkError,
    Error,
    "L2L could not be reached (refused, DNS, TLS, timeout)."
);
create_exception!(
    l2l,
    ServerError,
    Error,
    "L2L failed (5xx, an answer that is not L2L's) after retries."
);

/// Adds the exceptions to the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("Error", py.get_type::<Error>())?;
    m.add("InvalidRequest", py.get_type::<InvalidRequest>())?;
    m.add("AuthError", py.get_type::<AuthError>())?;
    m.add("NotFoundError", py.get_type::<NotFoundError>())?;
    m.add("RefusedError", py.get_type::<RefusedError>())?;
    m.add("NetworkError", py.get_type::<NetworkError>())?;
    m.add("ServerError", py.get_type::<ServerError>())?;
    Ok(())
}

/// An invalid request about `field`, with the closest valid name when there is one.
pub fn invalid(
    py: Python<'_>,
    message: String,
    field: Option<&str>,
    suggestion: Option<&str>,
) -> PyErr {
    let e = InvalidRequest::new_err(message);
    let v = e.value(py);
    let _ = v.setattr("field", field);
    let _ = v.setattr("suggestion", suggestion);
    e
}

/// The Python exception of an l2l error.
pub fn to_py(py: Python<'_>, e: l2l_areas::Error) -> PyErr {
    use l2l_areas::Error as E;
    let text = e.to_string();
    match &e {
        E::InvalidRequest {
            field, suggestion, ..
        } => invalid(py, text, field.as_deref(), suggestion.as_deref()),
        E::Api { messages } if messages.iter().any(|m| m.contains("not found")) => {
            NotFoundError::new_err(text)
        }
        E::Api { messages } => {
            let err = RefusedError::new_err(text);
            let _ = err.value(py).setattr("messages", messages.clone());
            err
        }
        E::Http {
            status: 401 | 403, ..
        } => AuthError::new_err(text),
        E::Http { status: 404, .. } => NotFoundError::new_err(text),
        E::Connect { .. } | E::Timeout(_) => NetworkError::new_err(text),
        E::Config(_) => invalid(py, text, None, None),
        _ => ServerError::new_err(text),
    }
}

/// The Python exception of a sync's error.
pub fn sync_to_py(py: Python<'_>, e: l2l_sync::Error) -> PyErr {
    match e {
        l2l_sync::Error::Api(e) => to_py(py, e),
        e => Error::new_err(e.to_string()),
    }
}
