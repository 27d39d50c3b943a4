//! Filters: `field=v`, `field__lt|lte|gt|gte=v`, `field__isnull=True|False`, the foreign-key
//! aliases of [`super::refs`] and `custom__<property>`, turned into one SQL `WHERE` with
//! bound parameters. Keys are read by l2l-core's one parser, [`FilterKey`] (the docs'
//! rules); every unknown field or lookup is an error that names it.

use l2l_core::{FieldKind, FieldSchema, FilterKey, Lookup};
use rusqlite::Connection;

use super::refs;
use crate::call::CONTROL;
use crate::store::schema::sql_str;
use crate::store::value::{self, Val};
use crate::store::{Catalog, Table, records};

/// A `WHERE` clause under construction: conditions joined with `AND`, and their parameters.
#[derive(Debug, Default)]
pub(crate) struct Where {
    conds: Vec<String>,
    /// The bound parameters, in order.
    pub(crate) params: Vec<Val>,
}

impl Where {
    /// Adds a condition whose `?` placeholders take `params`.
    pub(crate) fn push(&mut self, cond: String, params: impl IntoIterator<Item = Val>) {
        let mut out = String::with_capacity(cond.len() + 8);
        let mut params = params.into_iter();
        for c in cond.chars() {
            if c == '?' {
                self.params.push(params.next().unwrap_or(Val::Null));
                out.push_str(&format!("?{}", self.params.len()));
            } else {
                out.push(c);
            }
        }
        self.conds.push(out);
    }

    /// ` WHERE a AND b`, or nothing.
    pub(crate) fn sql(&self) -> String {
        if self.conds.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", self.conds.join(" AND "))
        }
    }
}

fn op(lookup: Lookup) -> &'static str {
    match lookup {
        Lookup::Eq => "=",
        Lookup::Lt => "<",
        Lookup::Lte => "<=",
        Lookup::Gt => ">",
        Lookup::Gte => ">=",
        Lookup::IsNull => "IS NULL",
        // `Lookup` is non-exhaustive; the parser above makes only the six it knows.
        _ => "=",
    }
}

/// An `__isnull` value: `True` or `False` only (the docs), read by [`FilterKey::isnull`].
fn isnull(field: &str, v: &str) -> Result<bool, String> {
    FilterKey::isnull(field, v).map_err(|e| e.to_string())
}

/// The field part of a key (`end` of `end__isnull`), for messages.
fn field_name(key: &str) -> String {
    FilterKey::parse(key)
        .map(|k| k.field.to_owned())
        .unwrap_or_else(|_| key.to_owned())
}

/// A condition on one field's column (`expr` is the column expression).
fn condition(
    expr: &str,
    field: &FieldSchema,
    key: &str,
    lookup: Lookup,
    raw: &str,
) -> Result<(String, Option<Val>), String> {
    if lookup == Lookup::IsNull {
        let is = isnull(&field_name(key), raw)?;
        return Ok((
            format!("{expr} IS {}NULL", if is { "" } else { "NOT " }),
            None,
        ));
    }
    let v = value::parse(field.kind, raw).map_err(|e| format!("`{key}`: {e}"))?;
    if v == Val::Null {
        if lookup == Lookup::Eq {
            return Ok((format!("{expr} IS NULL"), None));
        }
        return Err(format!("`{key}` cannot compare with null"));
    }
    Ok((format!("{expr} {} ?", op(lookup)), Some(v)))
}

fn check_lookup(
    table: &Table,
    field: &FieldSchema,
    key: &str,
    lookup: Lookup,
) -> Result<(), String> {
    if !field.filter || field.kind == FieldKind::Json {
        return Err(format!(
            "field `{}` of `{}` cannot be filtered on",
            field.api_name,
            table.path()
        ));
    }
    if field.allows(lookup) {
        return Ok(());
    }
    Err(format!(
        "`{key}`: field `{}` of `{}` ({}{}) does not allow `__{}`",
        field.api_name,
        table.path(),
        field.kind.name(),
        if field.nullable { ", nullable" } else { "" },
        lookup.name()
    ))
}

/// Whether `key` is an argument that filters (not a control argument, and not `site` or
/// `site_id` on an area without such a field, where it only names the site).
pub(crate) fn is_filter(table: &Table, key: &str) -> bool {
    !(CONTROL.contains(&key)
        || (key == "site" && table.field("site").is_none())
        || (key == "site_id" && table.field("site_id").is_none() && table.field("site").is_none())
        || key.is_empty()
        || key == "_")
}

/// The key a filter argument stands for: `site_id`, the docs' name of the site for custom
/// properties, filters on `site` where the area has `site` and no `site_id`.
fn canonical<'k>(table: &Table, key: &'k str) -> &'k str {
    if key == "site_id" && table.field("site_id").is_none() && table.field("site").is_some() {
        "site"
    } else {
        key
    }
}

/// Builds the filters of `args` on `table` (aliased `t`) into `out`, collecting every error.
pub(crate) fn build(
    conn: &Connection,
    catalog: &Catalog,
    table: &Table,
    args: &[(&str, &str)],
    site: Option<i64>,
    out: &mut Where,
) -> Result<(), Vec<String>> {
    let mut errors = Vec::new();
    for &(key, raw) in args {
        if !is_filter(table, key) {
            continue;
        }
        if let Err(e) = one(conn, catalog, table, canonical(table, key), raw, site, out) {
            errors.push(e);
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

fn one(
    conn: &Connection,
    catalog: &Catalog,
    table: &Table,
    key: &str,
    raw: &str,
    site: Option<i64>,
    out: &mut Where,
) -> Result<(), String> {
    let parsed = FilterKey::parse(key).map_err(|e| e.to_string())?;
    if parsed.custom {
        return custom(conn, table, key, parsed, raw, site, out);
    }
    let (name, lookup) = (parsed.field, parsed.lookup);
    if let Some(cond) = inactive(table, key, name, lookup, raw)? {
        out.push(cond, []);
        return Ok(());
    }
    if let Some(f) = table.field(name).filter(|f| !f.write_only) {
        check_lookup(table, f, key, lookup)?;
        let (cond, v) = condition(&format!("t.{}", table.column(f)), f, key, lookup, raw)?;
        out.push(cond, v);
        return Ok(());
    }
    if let Some(alias) = refs::resolve(catalog, table, name) {
        let end = alias.field;
        if lookup == Lookup::IsNull && !alias.hops.is_empty() {
            return Err(format!(
                "`{key}`: `__isnull` is not supported on a code alias"
            ));
        }
        let last = alias.hops.last().map(|(_, t)| *t).unwrap_or(table);
        let expr = if alias.hops.is_empty() {
            format!("t.{}", table.column(end))
        } else {
            last.column(end).to_owned()
        };
        let (mut cond, v) = condition(&expr, end, key, lookup, raw)?;
        let mut params: Vec<Val> = v.into_iter().collect();
        // Wrap from the innermost area outwards.
        for (i, (fk, target)) in alias.hops.iter().enumerate().rev() {
            if let (Some(_), Some(s)) = (target.site_field(), site)
                && i == alias.hops.len() - 1
            {
                cond.push_str(" AND \"site\" = ?");
                params.push(Val::Int(s));
            }
            let owner = if i == 0 { table } else { alias.hops[i - 1].1 };
            let col = owner.column(fk);
            let prefix = if i == 0 { "t." } else { "" };
            cond = format!(
                "{prefix}{col} IN (SELECT {} FROM {} WHERE {cond})",
                target.id_column(),
                target.sql
            );
        }
        out.push(cond, params);
        return Ok(());
    }
    if let Some(f) = table.field(name) {
        // Write-only fields (sent, never returned) still filter on what was stored.
        check_lookup(table, f, key, lookup)?;
        let (cond, v) = condition(&format!("t.{}", table.column(f)), f, key, lookup, raw)?;
        out.push(cond, v);
        return Ok(());
    }
    Err(unknown_field(table, name))
}

/// `inactive=F` (L2L's JavaScript sample, and L2L's older char-flag spelling): the negation
/// of the boolean `active` field, on areas that have `active` and no `inactive` of their own.
/// `None` when `name` is not that alias.
fn inactive(
    table: &Table,
    key: &str,
    name: &str,
    lookup: Lookup,
    raw: &str,
) -> Result<Option<String>, String> {
    if name != "inactive" || table.field("inactive").is_some() {
        return Ok(None);
    }
    let Some(active) = table
        .field("active")
        .filter(|f| f.kind == FieldKind::Bool && !f.write_only)
    else {
        return Ok(None);
    };
    if lookup != Lookup::Eq {
        return Err(format!(
            "`{key}`: `inactive` (the negation of `active`) takes no `__{}`",
            lookup.name()
        ));
    }
    let is = value::parse_bool(raw).ok_or_else(|| {
        format!("`{key}`: expected true, True, 1, T, false, False, 0 or F, got {raw:?}")
    })?;
    Ok(Some(format!(
        "t.{} = {}",
        table.column(active),
        if is { 0 } else { 1 }
    )))
}

/// "area `x` has no field `y`", with a suggestion when one is close.
pub(crate) fn unknown_field(table: &Table, name: &str) -> String {
    format!(
        "area `{}` has no field `{name}`{}",
        table.path(),
        l2l_schema::hint(name, table.schema.field_names())
    )
}

fn custom(
    conn: &Connection,
    table: &Table,
    key: &str,
    parsed: FilterKey<'_>,
    raw: &str,
    site: Option<i64>,
    out: &mut Where,
) -> Result<(), String> {
    if !table.schema.custom_properties {
        return Err(format!(
            "area `{}` has no custom properties, so `{key}` is not a filter",
            table.path()
        ));
    }
    if site.is_none() {
        return Err(format!(
            "`{key}`: custom properties can be filtered only with `site` in the request"
        ));
    }
    let (name, lookup) = (parsed.field, parsed.lookup);
    if !records::custom_exists(conn, table.path(), name).map_err(|e| e.to_string())? {
        return Err(format!(
            "area `{}` has no custom property `{name}`",
            table.path()
        ));
    }
    let id = format!("t.{}", table.id_column());
    let base = format!(
        "SELECT record FROM _custom WHERE area = {} AND name = ?",
        sql_str(table.path())
    );
    if lookup == Lookup::IsNull {
        let is = isnull(&format!("custom__{name}"), raw)?;
        let cond = format!(
            "{id} {}IN ({base} AND value IS NOT NULL)",
            if is { "NOT " } else { "" }
        );
        out.push(cond, [Val::Text(name.to_owned())]);
        return Ok(());
    }
    out.push(
        format!("{id} IN ({base} AND value {} ?)", op(lookup)),
        [Val::Text(name.to_owned()), Val::Text(raw.to_owned())],
    );
    Ok(())
}
