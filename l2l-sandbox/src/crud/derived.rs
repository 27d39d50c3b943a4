//! Values the server derives when a record is written, whoever writes it (CRUD, actions):
//!
//! - `<fk>code` copies (`linecode`, `machinecode`, `areacode`, `dispatchtypecode`) of the
//!   referenced record's `code`, whenever the foreign key is set;
//! - a dispatch's `line` from its machine, its `area` from that line, its `dispatchnumber`
//!   (the next number), its `open` flag (`T` until `completed` is set, then `F`) and its
//!   `downtime` in minutes from `reported` to `completed`.

use l2l_core::FieldKind;
use rusqlite::Connection;

use super::write::set;
use crate::call::ApiError;
use crate::call::Ctx;
use crate::store::records::{self, Values};
use crate::store::{Catalog, Table, Val};

fn value<'v>(values: &'v Values, name: &str) -> Option<&'v Val> {
    values
        .iter()
        .find(|(f, _)| f.api_name == name)
        .map(|(_, v)| v)
}

fn current(conn: &Connection, table: &Table, id: Option<i64>, values: &Values, name: &str) -> Val {
    if let Some(v) = value(values, name) {
        return v.clone();
    }
    id.and_then(|id| records::get(conn, table, id, name).ok().flatten())
        .unwrap_or(Val::Null)
}

/// Derives values for a record being created (`existing` is `None`) or updated.
pub(crate) fn derive(
    conn: &Connection,
    catalog: &Catalog,
    table: &Table,
    existing: Option<i64>,
    values: &mut Values,
) -> rusqlite::Result<()> {
    if table.path() == "dispatches" {
        dispatch(conn, catalog, table, existing, values)?;
    }
    codes(conn, catalog, table, values);
    Ok(())
}

fn dispatch(
    conn: &Connection,
    catalog: &Catalog,
    table: &Table,
    existing: Option<i64>,
    values: &mut Values,
) -> rusqlite::Result<()> {
    if existing.is_none()
        && let Some(f) = table.field("dispatchnumber")
        && value(values, "dispatchnumber").is_none()
    {
        let next: i64 = conn.query_row(
            &format!(
                "SELECT COALESCE(MAX(\"dispatchnumber\"), 1000) + 1 FROM {}",
                table.sql
            ),
            [],
            |r| r.get(0),
        )?;
        values.push((f, Val::Int(next)));
    }
    // Its `line` from the machine's, then its `area` from the line's.
    inherit(
        conn,
        catalog,
        table,
        values,
        ("machine", "machines"),
        "line",
    )?;
    inherit(conn, catalog, table, values, ("line", "lines"), "area")?;
    let completed = current(conn, table, existing, values, "completed");
    if let Some(f) = table.field("open")
        && (existing.is_none() || value(values, "completed").is_some())
        && value(values, "open").is_none()
    {
        let open = if completed == Val::Null { "T" } else { "F" };
        set(values, f, Val::Text(open.into()));
    }
    if let (Some(f), Val::Text(done)) = (table.field("downtime"), &completed) {
        let reported = current(conn, table, existing, values, "reported");
        if let Val::Text(from) = reported
            && let (Ok(a), Ok(b)) = (
                from.parse::<l2l_core::DateTime>(),
                done.parse::<l2l_core::DateTime>(),
            )
            && let Ok(span) = a.0.until(b.0)
            && let Ok(secs) = span.total(jiff::Unit::Second)
        {
            let minutes = (secs / 60.0 * 100.0).round() / 100.0;
            set(values, f, Val::Real(minutes.max(0.0)));
        }
    }
    Ok(())
}

/// Sets `field` from the record that `via` (a foreign key field, and the area it points
/// into) names, unless the request sets `field` itself.
fn inherit(
    conn: &Connection,
    catalog: &Catalog,
    table: &Table,
    values: &mut Values,
    via: (&str, &str),
    field: &str,
) -> rusqlite::Result<()> {
    if let (Some(Val::Int(id)), Some(f), Some(related)) = (
        value(values, via.0).cloned(),
        table.field(field),
        catalog.table(via.1),
    ) && value(values, field).is_none()
        && let Some(v) = records::get(conn, related, id, field)?
    {
        set(values, f, v);
    }
    Ok(())
}

/// Fills `<fk>code` fields (`linecode`) from the foreign keys being set.
fn codes(conn: &Connection, catalog: &Catalog, table: &Table, values: &mut Values) {
    let mut extra = Vec::new();
    for (f, v) in values.iter() {
        let (Some(target), Val::Int(id)) = (catalog.target(f), v) else {
            continue;
        };
        let name = format!("{}code", f.api_name.replace('_', ""));
        if let Some(code_field) = table.field(&name)
            && code_field.kind == FieldKind::Text
            && let Ok(Some(code)) = records::get(conn, target, *id, "code")
        {
            extra.push((code_field, code));
        }
    }
    for (f, v) in extra {
        set(values, f, v);
    }
}

/// [`derive()`] for a create through the API.
pub(crate) fn on_create(ctx: &Ctx<'_>, table: &Table, values: &mut Values) -> Result<(), ApiError> {
    Ok(derive(ctx.conn, ctx.catalog, table, None, values)?)
}

/// [`derive()`] for an update through the API.
pub(crate) fn on_update(
    ctx: &Ctx<'_>,
    table: &Table,
    id: i64,
    values: &mut Values,
) -> Result<(), ApiError> {
    Ok(derive(ctx.conn, ctx.catalog, table, Some(id), values)?)
}
