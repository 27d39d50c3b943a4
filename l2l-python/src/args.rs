//! What a call's arguments become, each checked against the area's schema before anything
//! is sent: the area, the query (site, filters, fields, order) and a form's pairs.

use l2l_areas::{AreaSchema, FieldKind, Query, Scope};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::{convert, errors};

/// The declared area of this path or type name, in any case; `None` for another path.
pub fn declared(name: &str) -> Option<&'static AreaSchema> {
    let lower = name.trim().trim_matches('/').to_ascii_lowercase();
    l2l_areas::AREAS
        .iter()
        .copied()
        .find(|a| a.path == lower || a.name.eq_ignore_ascii_case(&lower))
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

/// The query of `area`: its site (`default_site` for a per-site area when none is given),
/// filters, fields and order, each checked.
pub fn query(
    py: Python<'_>,
    area: &str,
    site: Option<i64>,
    default_site: Option<i64>,
    filters: Option<&Bound<'_, PyDict>>,
    fields: Option<Vec<String>>,
    order_by: Option<&str>,
) -> PyResult<(Query, Option<&'static AreaSchema>)> {
    let schema = declared(area);
    let site = match schema {
        Some(a) if a.scope == Scope::Site => site.or(default_site),
        _ => site,
    };
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
pub fn pairs(py: Python<'_>, values: &Bound<'_, PyDict>) -> PyResult<Vec<(String, String)>> {
    values
        .iter()
        .map(|(k, v)| Ok((k.extract::<String>()?, convert::to_text(py, &v)?)))
        .collect()
}

/// Checks the names of a create's or update's fields against a declared area.
pub fn check_names(
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
