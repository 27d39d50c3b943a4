//! Writing: create (POST without id), update (POST with id in the path or the body, PUT),
//! delete (`_action=delete`, DELETE).
//!
//! Rules: every field is parsed by its kind and every problem is reported at once in
//! `errors`; read-only fields (`created`, `lastupdated`, ...) are refused, not ignored, so a
//! client learns of the mistake; unknown fields are refused with a suggestion; the
//! foreign-key aliases (`linecode=Line1`, `area_id=3`) set the foreign key; a missing
//! non-nullable writable field is an error on create, except booleans, which default to
//! `true` for `active` and `false` otherwise.

use l2l_core::{FieldKind, FieldSchema};

use super::read::{self, not_found};
use super::refs;
use crate::call::Ctx;
use crate::call::{ApiError, CONTROL, short};
use crate::store::Table;
use crate::store::records::{self, Projection, Values};
use crate::store::tombstones;
use crate::store::value::{self, Val};

/// Fields the server keeps: never required, refused when sent.
pub(crate) const MAINTAINED: &[&str] = &["created", "lastupdated", "createdby", "lastupdatedby"];

/// What a form sets: field values and custom properties.
#[derive(Debug, Default)]
pub(crate) struct Assignments {
    /// Field values.
    pub(crate) values: Values,
    /// Custom properties.
    pub(crate) custom: Vec<(String, String)>,
}

pub(crate) fn set(values: &mut Values, f: &'static FieldSchema, v: Val) {
    values.retain(|(g, _)| g.api_name != f.api_name);
    values.push((f, v));
}

/// Parses the arguments of a write into assignments, collecting every error.
pub(crate) fn assignments(
    ctx: &Ctx<'_>,
    table: &Table,
    args: &[(&str, &str)],
    site: Option<i64>,
) -> Result<Assignments, Vec<String>> {
    let mut a = Assignments::default();
    let mut errors = Vec::new();
    let mut aliased: Vec<(&'static FieldSchema, Val)> = Vec::new();
    for &(key, raw) in args {
        if CONTROL.contains(&key) || key.is_empty() {
            continue;
        }
        if table.id.is_some_and(|f| f.api_name == key) {
            continue;
        }
        if key == "site" && table.field("site").is_none() {
            continue;
        }
        // `site_id` names the site (custom properties); `site` takes its value.
        if key == "site_id" && table.field("site_id").is_none() {
            continue;
        }
        if let Some(prop) = key.strip_prefix("custom__") {
            if table.schema.custom_properties && !prop.is_empty() {
                a.custom.retain(|(n, _)| n != prop);
                a.custom.push((prop.to_owned(), raw.to_owned()));
            } else {
                errors.push(format!(
                    "area `{}` has no custom properties, so `{key}` cannot be set",
                    table.path()
                ));
            }
            continue;
        }
        if let Some(f) = table.field(key) {
            if f.read_only {
                // A read-only copy of a code (`areacode` on lines) still works as an alias.
                match alias_value(ctx, table, key, raw, site) {
                    Some(Ok(pair)) => aliased.push(pair),
                    Some(Err(e)) => errors.push(e),
                    None => errors.push(format!("`{key}` is read-only and cannot be set")),
                }
                continue;
            }
            match value::parse(f.kind, raw) {
                Ok(Val::Null) if !f.nullable => errors.push(format!("`{key}` may not be null")),
                Ok(Val::Text(t))
                    if t.trim().is_empty() && !f.nullable && f.kind == FieldKind::Text =>
                {
                    errors.push(format!("`{key}` may not be blank"))
                }
                // An empty value clears a nullable field: what `XPatch::clear_<field>` sends.
                Ok(Val::Text(t)) if t.is_empty() && f.nullable => set(&mut a.values, f, Val::Null),
                Ok(v) => set(&mut a.values, f, v),
                Err(e) => errors.push(format!("`{key}`: {e}")),
            }
            // A stored code field that is also an alias (`linecode`) sets the key too.
            if f.kind == FieldKind::Text && !raw.is_empty() {
                match alias_value(ctx, table, key, raw, site) {
                    Some(Ok(pair)) => aliased.push(pair),
                    Some(Err(e)) => errors.push(e),
                    None => {}
                }
            }
            continue;
        }
        match alias_value(ctx, table, key, raw, site) {
            Some(Ok(pair)) => aliased.push(pair),
            Some(Err(e)) => errors.push(e),
            None => errors.push(super::filter::unknown_field(table, key)),
        }
    }
    // An explicit foreign key wins over its alias.
    for (f, v) in aliased {
        if !a.values.iter().any(|(g, _)| g.api_name == f.api_name) {
            a.values.push((f, v));
        }
    }
    if errors.is_empty() {
        Ok(a)
    } else {
        Err(errors)
    }
}

/// The foreign key an alias argument sets (`linecode=Line1` sets `line`), if `key` is one.
fn alias_value(
    ctx: &Ctx<'_>,
    table: &Table,
    key: &str,
    raw: &str,
    site: Option<i64>,
) -> Option<Result<(&'static FieldSchema, Val), String>> {
    let alias =
        refs::resolve(ctx.catalog, table, key).filter(|a| a.hops.len() <= 1 && !a.field.id)?;
    let Some((fk, target)) = alias.hops.first() else {
        return Some(
            value::parse(FieldKind::Integer, raw)
                .map(|v| (alias.field, v))
                .map_err(|e| format!("`{key}`: {e}")),
        );
    };
    let target_site = if target.site_field().is_some() {
        site
    } else {
        None
    };
    Some(
        match records::find(
            ctx.conn,
            target,
            alias.field.api_name,
            &Val::Text(raw.to_owned()),
            target_site,
        ) {
            Ok(Some(id)) => Ok((*fk, Val::Int(id))),
            Ok(None) => Err(format!(
                "`{key}`: no `{}` record has {} {:?}{}",
                target.path(),
                alias.field.api_name,
                short(raw),
                target_site
                    .map(|s| format!(" at site {s}"))
                    .unwrap_or_default()
            )),
            Err(e) => Err(e.to_string()),
        },
    )
}

fn check_site(
    ctx: &Ctx<'_>,
    table: &Table,
    values: &Values,
    existing: Option<i64>,
) -> Result<(), ApiError> {
    if table.site_field().is_none() {
        return Ok(());
    }
    let mut sites: Vec<i64> = values
        .iter()
        .filter(|(f, _)| f.api_name == "site")
        .filter_map(|(_, v)| if let Val::Int(s) = v { Some(*s) } else { None })
        .collect();
    if let Some(id) = existing
        && let Ok(Some(Val::Int(s))) = records::get(ctx.conn, table, id, "site")
    {
        sites.push(s);
    }
    for s in sites {
        if !ctx.access.allows(s) {
            return Err(ApiError::status(
                403,
                format!("user `{}` has no access to site {s}", ctx.actor.loginid),
            ));
        }
    }
    Ok(())
}

fn record_answer(ctx: &Ctx<'_>, table: &Table, id: i64) -> Result<Vec<u8>, ApiError> {
    let site = ctx.call.site()?;
    let mut projection = Projection::all(table);
    if table.schema.custom_properties && site.is_some() {
        projection.custom = Some(Vec::new());
    }
    read::one(ctx, table, id, &projection)
}

/// POST without id.
pub(crate) fn create(ctx: &Ctx<'_>, table: &Table) -> Result<Vec<u8>, ApiError> {
    if !table.schema.operations.create {
        return Err(ApiError::failure(format!(
            "area `{}` does not allow creating records",
            table.path()
        )));
    }
    let site = ctx.call.site()?;
    let args: Vec<(&str, &str)> = ctx.call.args().collect();
    let mut a = assignments(ctx, table, &args, site).map_err(ApiError::invalid)?;
    let mut errors = Vec::new();
    for f in table.schema.fields {
        if f.nullable || f.read_only || f.id || MAINTAINED.contains(&f.api_name) {
            continue;
        }
        if a.values.iter().any(|(g, _)| g.api_name == f.api_name) {
            continue;
        }
        match f.kind {
            FieldKind::Bool => a
                .values
                .push((f, Val::Int((f.api_name == "active") as i64))),
            FieldKind::Integer if f.api_name == "site" && site.is_some() => {
                a.values.push((f, Val::Int(site.unwrap_or_default())))
            }
            _ => errors.push(format!("`{}` is required", f.api_name)),
        }
    }
    if !errors.is_empty() {
        return Err(ApiError::invalid(errors));
    }
    super::derived::on_create(ctx, table, &mut a.values)?;
    check_site(ctx, table, &a.values, None)?;
    super::rules::unique(ctx, table, &a.values, None)?;
    let tx = ctx.conn.unchecked_transaction()?;
    let id = records::insert(&tx, table, a.values, ctx.actor)?;
    records::set_custom(&tx, table.path(), id, &a.custom)?;
    tx.commit()?;
    record_answer(ctx, table, id)
}

/// POST with id, or PUT.
pub(crate) fn update(ctx: &Ctx<'_>, table: &Table, id: i64) -> Result<Vec<u8>, ApiError> {
    if !table.schema.operations.update {
        return Err(ApiError::failure(format!(
            "area `{}` does not allow updating records",
            table.path()
        )));
    }
    if !records::exists(ctx.conn, table, id)? {
        return Err(not_found(table, id));
    }
    super::rules::same_site(ctx, table, id)?;
    let site = ctx.call.site()?;
    let args: Vec<(&str, &str)> = ctx.call.args().collect();
    let mut a = assignments(ctx, table, &args, site).map_err(ApiError::invalid)?;
    super::derived::on_update(ctx, table, id, &mut a.values)?;
    check_site(ctx, table, &a.values, Some(id))?;
    super::rules::unique(ctx, table, &a.values, Some(id))?;
    let tx = ctx.conn.unchecked_transaction()?;
    records::update(&tx, table, id, a.values, ctx.actor, true)?;
    records::set_custom(&tx, table.path(), id, &a.custom)?;
    tx.commit()?;
    record_answer(ctx, table, id)
}

/// `_action=delete` or DELETE: answers with the deleted record.
pub(crate) fn delete(ctx: &Ctx<'_>, table: &Table, id: i64) -> Result<Vec<u8>, ApiError> {
    if !table.schema.operations.delete {
        return Err(ApiError::failure(format!(
            "area `{}` does not allow deleting records",
            table.path()
        )));
    }
    if !records::exists(ctx.conn, table, id)? {
        return Err(not_found(table, id));
    }
    check_site(ctx, table, &Vec::new(), Some(id))?;
    let answer = record_answer(ctx, table, id)?;
    let tx = ctx.conn.unchecked_transaction()?;
    // The same tombstone as `dispatches/delete/<id>`, for the change feed.
    if tombstones::kept(table) {
        tombstones::bury(&tx, table, id)?;
    }
    records::delete(&tx, table, id, ctx.actor)?;
    tx.commit()?;
    Ok(answer)
}
