//! Values between L2L's JSON and Python: a declared field's value as its kind says
//! (`datetime` in UTC, `date`, `decimal.Decimal`, `bool`), anything else as JSON reads;
//! Python values as the text a form or a filter sends.

use l2l_areas::{AreaSchema, FieldKind};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString};
use serde_json::Value;

/// Python's `datetime`, `decimal` and the UTC zone, imported once.
struct Mods {
    datetime: Py<PyAny>,
    date: Py<PyAny>,
    decimal: Py<PyAny>,
    utc: Py<PyAny>,
}

fn mods(py: Python<'_>) -> PyResult<&Mods> {
    static MODS: PyOnceLock<Mods> = PyOnceLock::new();
    MODS.get_or_try_init(py, || {
        let dt = py.import("datetime")?;
        Ok(Mods {
            datetime: dt.getattr("datetime")?.unbind(),
            date: dt.getattr("date")?.unbind(),
            decimal: py.import("decimal")?.getattr("Decimal")?.unbind(),
            utc: dt.getattr("timezone")?.getattr("utc")?.unbind(),
        })
    })
}

/// A JSON value as Python reads it: null, bool, int, float, str, list, dict.
pub fn plain<'py>(py: Python<'py>, v: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match v {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => match n.as_i64() {
            Some(i) => i.into_pyobject(py)?.into_any(),
            None => n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any(),
        },
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(a) => {
            let l = PyList::empty(py);
            for x in a {
                l.append(plain(py, x)?)?;
            }
            l.into_any()
        }
        Value::Object(o) => {
            let d = PyDict::new(py);
            for (k, x) in o {
                d.set_item(k, plain(py, x)?)?;
            }
            d.into_any()
        }
    })
}

/// A value of a field of `kind`; one that does not read as its kind is kept as JSON reads.
fn typed<'py>(py: Python<'py>, kind: FieldKind, v: &Value) -> PyResult<Bound<'py, PyAny>> {
    let m = mods(py)?;
    let text = match v {
        Value::String(s) => Some(s.as_str()),
        _ => None,
    };
    let out = match (kind, v, text) {
        (_, Value::Null, _) => return Ok(py.None().into_bound(py)),
        (FieldKind::DateTime, _, Some(t)) => {
            // One call: L2L's UTC text with its zone written out (`+00:00`), or as sent.
            let mut iso = t.replacen(' ', "T", 1);
            if let Some(z) = iso.strip_suffix('Z') {
                iso = format!("{z}+00:00");
            } else if iso.len() <= 26 && !iso[10..].contains(['+', '-']) {
                iso.push_str("+00:00");
            }
            m.datetime
                .bind(py)
                .call_method1("fromisoformat", (iso,))
                .ok()
        }
        (FieldKind::Date, _, Some(t)) => m
            .date
            .bind(py)
            .call_method1("fromisoformat", (t.get(..10).unwrap_or(t),))
            .ok(),
        (FieldKind::Decimal, Value::Number(n), _) => {
            m.decimal.bind(py).call1((n.to_string(),)).ok()
        }
        (FieldKind::Decimal, _, Some(t)) => m.decimal.bind(py).call1((t.trim(),)).ok(),
        (FieldKind::Bool, Value::String(s), _) => match s.as_str() {
            "T" | "t" | "true" | "True" | "1" => Some(PyBool::new(py, true).to_owned().into_any()),
            "F" | "f" | "false" | "False" | "0" => {
                Some(PyBool::new(py, false).to_owned().into_any())
            }
            _ => None,
        },
        (FieldKind::Bool, Value::Number(n), _) => n
            .as_i64()
            .map(|i| PyBool::new(py, i != 0).to_owned().into_any()),
        (FieldKind::Integer, Value::String(s), _) => s
            .trim()
            .parse::<i64>()
            .ok()
            .map(|i| i.into_pyobject(py).map(|x| x.into_any()))
            .transpose()?,
        _ => None,
    };
    match out {
        Some(o) => Ok(o),
        None => plain(py, v),
    }
}

/// A record as a dict: the fields `area` declares typed by their kinds, the others (custom
/// properties among them) as JSON reads.
pub fn record<'py>(
    py: Python<'py>,
    area: Option<&AreaSchema>,
    v: &Value,
) -> PyResult<Bound<'py, PyAny>> {
    let (Some(area), Value::Object(o)) = (area, v) else {
        return plain(py, v);
    };
    let d = PyDict::new(py);
    for (k, x) in o {
        let val = match area.field(k) {
            Some(f) => typed(py, f.kind, x)?,
            None => plain(py, x)?,
        };
        // Field names repeat in every record: interned, not made anew.
        d.set_item(PyString::intern(py, k), val)?;
    }
    Ok(d.into_any())
}

/// A Python value as the text L2L takes in a form or a filter: `true`/`false`, numbers
/// and `Decimal` as written, a `datetime` in UTC as `YYYY-MM-DD HH:MM:SS`, a `date` as
/// `YYYY-MM-DD`, `None` as empty.
pub fn to_text(py: Python<'_>, v: &Bound<'_, PyAny>) -> PyResult<String> {
    let m = mods(py)?;
    if v.is_none() {
        return Ok(String::new());
    }
    if let Ok(b) = v.cast::<PyBool>() {
        return Ok(if b.is_true() { "true" } else { "false" }.into());
    }
    if v.is_instance_of::<PyInt>()
        || v.is_instance_of::<PyFloat>()
        || v.is_instance(m.decimal.bind(py))?
    {
        return Ok(v.str()?.to_string());
    }
    if v.is_instance(m.datetime.bind(py))? {
        let utc = if v.getattr("tzinfo")?.is_none() {
            v.clone()
        } else {
            v.call_method1("astimezone", (m.utc.bind(py),))?
        };
        return utc
            .call_method1("strftime", ("%Y-%m-%d %H:%M:%S",))?
            .extract();
    }
    if v.is_instance(m.date.bind(py))? {
        return v.call_method0("isoformat")?.extract();
    }
    if let Ok(s) = v.cast::<PyString>() {
        return Ok(s.to_string());
    }
    Err(pyo3::exceptions::PyTypeError::new_err(format!(
        "l2l sends str, int, float, bool, Decimal, date, datetime or None, not {}",
        v.get_type().name()?
    )))
}
