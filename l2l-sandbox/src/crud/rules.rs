//! The rules of a real server on record writes, beyond each field's own parsing:
//!
//! - a natural key the schema declares ([`l2l_schema::AreaSchema::natural_key`]: a machine's
//!   or a line's `code` in its `site`, a user's `loginid`) is unique: a create or an update
//!   that would give a second record the same key is refused (`success: false`), naming the
//!   field and the value and the record that has them;
//! - an update that names a `site` (or `site_id`) other than the record's is refused: a
//!   record does not move between sites.

use crate::call::{ApiError, Ctx, short};
use crate::store::Table;
use crate::store::records::{self, Values};
use crate::store::value::Val;

fn shown(v: &Val) -> String {
    match v {
        Val::Null => "null".to_owned(),
        Val::Int(i) => i.to_string(),
        Val::Real(f) => f.to_string(),
        Val::Text(t) => format!("{:?}", short(t)),
    }
}

/// Refuses a write that would give the natural key of record `existing` (or of a new
/// record) to a second record.
pub(crate) fn unique(
    ctx: &Ctx<'_>,
    table: &Table,
    values: &Values,
    existing: Option<i64>,
) -> Result<(), ApiError> {
    let key = table.schema.natural_key();
    let sets = |name: &str| values.iter().find(|(f, _)| f.api_name == name);
    // An update that sets no field of the key cannot make it a duplicate.
    if key.is_empty() || (existing.is_some() && !key.iter().any(|k| sets(k).is_some())) {
        return Ok(());
    }
    let mut parts: Vec<(&'static str, Val)> = Vec::new();
    for name in key {
        let v = match (sets(name), existing) {
            (Some((_, v)), _) => v.clone(),
            (None, Some(id)) => records::get(ctx.conn, table, id, name)?.unwrap_or(Val::Null),
            (None, None) => Val::Null,
        };
        if v == Val::Null {
            return Ok(());
        }
        parts.push((name, v));
    }
    let mut conds = Vec::new();
    let mut params: Vec<Val> = Vec::new();
    for (name, v) in &parts {
        let Some(f) = table.field(name) else {
            return Ok(());
        };
        params.push(v.clone());
        conds.push(format!("{} = ?{}", table.column(f), params.len()));
    }
    if let Some(id) = existing {
        params.push(Val::Int(id));
        conds.push(format!("{} <> ?{}", table.id_column(), params.len()));
    }
    let sql = format!(
        "SELECT {} FROM {} WHERE {} LIMIT 1",
        table.id_column(),
        table.sql,
        conds.join(" AND ")
    );
    let other: Option<i64> = match ctx
        .conn
        .prepare_cached(&sql)?
        .query_row(rusqlite::params_from_iter(params.iter()), |r| r.get(0))
    {
        Ok(id) => Some(id),
        Err(rusqlite::Error::QueryReturnedNoRows) => None,
        Err(e) => return Err(e.into()),
    };
    let Some(other) = other else {
        return Ok(());
    };
    let (field, value) = parts
        .last()
        .map(|(n, v)| (*n, shown(v)))
        .unwrap_or_default();
    let scope: Vec<String> = parts[..parts.len() - 1]
        .iter()
        .map(|(n, v)| format!("{n} {}", shown(v)))
        .collect();
    let scope = if scope.is_empty() {
        String::new()
    } else {
        format!(" at {}", scope.join(", "))
    };
    Err(ApiError::invalid(vec![format!(
        "`{field}` {value} is already taken{scope}: `{}` record {other} has it, and {field} is unique{}",
        table.path(),
        if scope.is_empty() { "" } else { " per site" }
    )]))
}

/// Refuses an update of record `id` that names a site other than the record's.
pub(crate) fn same_site(ctx: &Ctx<'_>, table: &Table, id: i64) -> Result<(), ApiError> {
    if table.site_field().is_none() {
        return Ok(());
    }
    let Some(asked) = ctx.call.site()? else {
        return Ok(());
    };
    match records::get(ctx.conn, table, id, "site")? {
        Some(Val::Int(stored)) if stored != asked => Err(ApiError::failure(format!(
            "`{}` record {id} is at site {stored}, and the update names site {asked}: a record does not move between sites (leave `site` out, or name {stored})",
            table.path()
        ))),
        _ => Ok(()),
    }
}
