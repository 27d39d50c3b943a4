//! Reading: `GET <area>/` (filters, `order_by`, `fields`, `limit`, `offset`) and
//! `GET <area>/<id>/`, written straight from SQLite rows into the answer.

use super::filter::{self, Where};
use crate::call::Ctx;
use crate::call::{ApiError, short};
use crate::limits::OverLimit;
use crate::render::Out;
use crate::store::records::Projection;
use crate::store::{Table, Val};

/// The `limit` of a list: above the area's maximum ([`crate::limits::Limits`]) the call
/// fails (HTTP 200, `success: false`, naming the maximum) or is clamped to it, as the
/// sandbox was started; absent, the sandbox's default (100, as the docs' XML example
/// shows), capped by the maximum.
pub(crate) fn limit(ctx: &Ctx<'_>, table: &Table) -> Result<u32, ApiError> {
    let max = ctx.limits.max(table.schema);
    match ctx.call.arg("limit") {
        None | Some("") => Ok(ctx.default_limit.clamp(1, max)),
        Some(raw) => match raw.trim().parse::<i64>() {
            Ok(n) if n >= 1 && n <= max as i64 => Ok(n as u32),
            Ok(n) if n > max as i64 && ctx.limits.over == OverLimit::Clamp => Ok(max),
            Ok(n) if n > max as i64 => Err(ApiError::failure(format!(
                "limit {n} is above the maximum of {max} for area `{}`",
                table.path()
            ))),
            _ => Err(ApiError::failure(format!(
                "limit must be a whole number from 1 to {max}, got {:?}",
                short(raw)
            ))),
        },
    }
}

/// The `offset` of a list (0 by default).
pub(crate) fn offset(ctx: &Ctx<'_>) -> Result<i64, ApiError> {
    match ctx.call.arg("offset") {
        None | Some("") => Ok(0),
        Some(raw) => match raw.trim().parse::<i64>() {
            Ok(n) if n >= 0 => Ok(n),
            _ => Err(ApiError::failure(format!(
                "offset must be a whole number of 0 or more, got {:?}",
                short(raw)
            ))),
        },
    }
}

/// `ORDER BY` from `order_by=a,-b`, always ending with the id so that pages are stable.
pub(crate) fn order_by(ctx: &Ctx<'_>, table: &Table) -> Result<String, ApiError> {
    let mut parts = Vec::new();
    let mut errors = Vec::new();
    let mut has_id = false;
    for raw in ctx
        .call
        .args()
        .filter(|(k, _)| *k == "order_by")
        .map(|(_, v)| v)
    {
        for item in raw.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            let (name, desc) = match item.strip_prefix('-') {
                Some(n) => (n, true),
                None => (item.strip_prefix('+').unwrap_or(item), false),
            };
            match table.field(name) {
                Some(f) if f.order && !f.write_only && f.kind != l2l_core::FieldKind::Json => {
                    has_id |= table.id.is_some_and(|id| id.api_name == f.api_name);
                    parts.push(format!(
                        "t.{} {}",
                        table.column(f),
                        if desc { "DESC" } else { "ASC" }
                    ));
                }
                Some(f) => errors.push(format!(
                    "field `{}` of `{}` cannot be used in order_by",
                    f.api_name,
                    table.path()
                )),
                None => errors.push(format!("order_by: {}", filter::unknown_field(table, name))),
            }
        }
    }
    if !errors.is_empty() {
        return Err(ApiError::invalid(errors));
    }
    if !has_id {
        parts.push(format!("t.{} ASC", table.id_column()));
    }
    Ok(format!(" ORDER BY {}", parts.join(", ")))
}

/// The columns of the answer: `fields=a,b` or every returned field; custom properties when
/// the area has them and the request names a site.
pub(crate) fn projection(
    ctx: &Ctx<'_>,
    table: &Table,
    site: Option<i64>,
) -> Result<Projection, ApiError> {
    let custom_on = table.schema.custom_properties && site.is_some();
    let Some(raw) = ctx.call.arg("fields").filter(|s| !s.trim().is_empty()) else {
        let mut p = Projection::all(table);
        if custom_on {
            p.custom = Some(Vec::new());
        }
        return Ok(p);
    };
    let mut p = Projection {
        fields: Vec::new(),
        custom: None,
    };
    let mut custom = Vec::new();
    let mut errors = Vec::new();
    for name in raw.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        if let Some(prop) = name.strip_prefix("custom__") {
            if custom_on {
                custom.push(prop.to_owned());
            } else {
                errors.push(format!(
                    "fields: `{name}` needs an area with custom properties and `site` in the request"
                ));
            }
            continue;
        }
        match table.field(name) {
            Some(f) if !f.write_only => {
                if !p.fields.iter().any(|g| g.api_name == f.api_name) {
                    p.fields.push(f);
                }
            }
            Some(f) => errors.push(format!(
                "fields: `{}` of `{}` is write-only and never returned",
                f.api_name,
                table.path()
            )),
            None => errors.push(format!("fields: {}", filter::unknown_field(table, name))),
        }
    }
    if !errors.is_empty() {
        return Err(ApiError::invalid(errors));
    }
    if !custom.is_empty() {
        p.custom = Some(custom);
    }
    Ok(p)
}

/// Restricts rows to the sites the acting user may see.
pub(crate) fn restrict(ctx: &Ctx<'_>, table: &Table, w: &mut Where) {
    if let (Some(f), Some(sites)) = (table.site_field(), ctx.access.sites()) {
        let list: Vec<String> = sites.iter().map(|s| s.to_string()).collect();
        w.push(
            format!("t.{} IN ({})", table.column(f), list.join(", ")),
            [],
        );
    }
}

/// `GET <area>/`.
pub(crate) fn list(ctx: &Ctx<'_>, table: &Table) -> Result<Vec<u8>, ApiError> {
    if !table.schema.operations.list {
        return Err(ApiError::failure(format!(
            "area `{}` cannot be listed",
            table.path()
        )));
    }
    let limit = limit(ctx, table)?;
    let offset = offset(ctx)?;
    let site = ctx.call.site()?;
    let projection = projection(ctx, table, site)?;
    let order = order_by(ctx, table)?;
    let mut w = Where::default();
    let args: Vec<(&str, &str)> = ctx.call.args().collect();
    filter::build(ctx.conn, ctx.catalog, table, &args, site, &mut w).map_err(ApiError::invalid)?;
    restrict(ctx, table, &mut w);
    let n = w.params.len();
    let sql = format!(
        "SELECT {} FROM {} AS t{}{order} LIMIT ?{} OFFSET ?{}",
        projection.select(table),
        table.sql,
        w.sql(),
        n + 1,
        n + 2
    );
    let mut params = w.params;
    params.push(Val::Int(limit as i64));
    params.push(Val::Int(offset));
    let mut stmt = ctx.conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(rusqlite::params_from_iter(params.iter()))?;
    let mut out = Out::new(ctx.call.format, ctx.call.micros);
    out.reserve(256 * limit.min(2000) as usize);
    out.begin();
    out.key("limit");
    out.int(limit as i64);
    out.key("data");
    out.begin_array();
    while let Some(row) = rows.next()? {
        projection.write_row(&mut out, row)?;
    }
    out.end_array();
    out.key("success");
    out.bool(true);
    out.key("offset");
    out.int(offset);
    out.end();
    Ok(out.into_bytes())
}

/// Writes `{"data": <record>, "success": true}` for one record, or fails with "not found".
pub(crate) fn one(
    ctx: &Ctx<'_>,
    table: &Table,
    id: i64,
    projection: &Projection,
) -> Result<Vec<u8>, ApiError> {
    let mut w = Where::default();
    w.push(format!("t.{} = ?", table.id_column()), [Val::Int(id)]);
    restrict(ctx, table, &mut w);
    let sql = format!(
        "SELECT {} FROM {} AS t{}",
        projection.select(table),
        table.sql,
        w.sql()
    );
    let mut stmt = ctx.conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(rusqlite::params_from_iter(w.params.iter()))?;
    let Some(row) = rows.next()? else {
        return Err(not_found(table, id));
    };
    let mut out = Out::new(ctx.call.format, ctx.call.micros);
    out.begin();
    out.key("data");
    projection.write_row(&mut out, row)?;
    out.key("success");
    out.bool(true);
    out.end();
    Ok(out.into_bytes())
}

/// "`machines` record 99 not found" (HTTP 200, `success: false`).
pub(crate) fn not_found(table: &Table, id: i64) -> ApiError {
    ApiError::failure(format!("`{}` record {id} not found", table.path()))
}

/// `GET <area>/<id>/`.
pub(crate) fn get(ctx: &Ctx<'_>, table: &Table, id: i64) -> Result<Vec<u8>, ApiError> {
    if !table.schema.operations.get {
        return Err(ApiError::failure(format!(
            "area `{}` cannot be read by id",
            table.path()
        )));
    }
    let site = ctx.call.site()?;
    let projection = projection(ctx, table, site)?;
    one(ctx, table, id, &projection)
}
