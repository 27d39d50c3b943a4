//! `dispatches/get_event_data/`, the incremental feed, and `dispatches/delete/<id>`, whose
//! deletions the feed reports.
//!
//! A deleted dispatch leaves a tombstone (its last state, stamped with the time of deletion;
//! see `store::tombstones`), whichever way it was deleted: `dispatches/delete/<id>`,
//! `DELETE dispatches/<id>/` or `_action=delete`. The feed returns tombstones, marked
//! `"deleted": true`, when asked with `deleted=true`.

use super::{ApiError, flag, path_id, site, success, table, time};
use crate::call::Ctx;
use crate::crud::filter::Where;
use crate::render::Out;
use crate::store::Table;
use crate::store::records::{self, Projection, write_value};
use crate::store::value::Val;

use crate::store::tombstones::{self, TOMBSTONES, columns};

/// `dispatches/delete/<id>`: deletes the dispatch (any method; L2L's callers send a GET).
pub(crate) fn delete(ctx: &Ctx<'_>, key: Option<&str>) -> Result<Vec<u8>, ApiError> {
    let dispatches = table(ctx, "dispatches")?;
    let id = path_id(ctx, key)?;
    let stored_site = match records::get(ctx.conn, dispatches, id, "site")? {
        Some(Val::Int(s)) => s,
        _ => return Err(ApiError::failure(format!("dispatch {id} not found"))),
    };
    if let Some(asked) = ctx.call.site()?
        && asked != stored_site
    {
        return Err(ApiError::failure(format!(
            "dispatch {id} is not at site {asked}"
        )));
    }
    if !ctx.access.allows(stored_site) {
        return Err(ApiError::status(
            403,
            format!(
                "user `{}` has no access to site {stored_site}",
                ctx.actor.loginid
            ),
        ));
    }
    let tx = ctx.conn.unchecked_transaction()?;
    tombstones::bury(&tx, dispatches, id)?;
    records::delete(&tx, dispatches, id, ctx.actor)?;
    tx.commit()?;
    Ok(success(ctx))
}

fn ids(ctx: &Ctx<'_>, name: &str) -> Result<Vec<i64>, ApiError> {
    let Some(raw) = ctx.call.arg(name).filter(|v| !v.is_empty()) else {
        return Ok(Vec::new());
    };
    raw.split(',')
        .map(|p| {
            p.trim().parse().map_err(|_| {
                ApiError::failure(format!(
                    "`{name}` takes ids separated by commas, got {raw:?}"
                ))
            })
        })
        .collect()
}

/// The filters of a `get_event_data` call, as one `WHERE` on the table aliased `t`.
fn filters(ctx: &Ctx<'_>, dispatches: &Table, site: i64) -> Result<Where, ApiError> {
    let since = time(ctx, "lastupdated")?;
    let dispatch_id = ctx.call.int_arg("dispatch_id")?;
    let number = ctx.call.int_arg("dispatch_number")?;
    if since.is_none() && dispatch_id.is_none() && number.is_none() {
        return Err(ApiError::failure(
            "`lastupdated` is required unless `dispatch_id` or `dispatch_number` is given",
        ));
    }
    let mut w = Where::default();
    w.push("t.\"site\" = ?".into(), [Val::Int(site)]);
    if let Some(s) = since {
        w.push("t.\"lastupdated\" > ?".into(), [Val::Text(s)]);
    }
    if let Some(id) = dispatch_id {
        w.push("t.\"id\" = ?".into(), [Val::Int(id)]);
    }
    if let Some(n) = number {
        w.push("t.\"dispatchnumber\" = ?".into(), [Val::Int(n)]);
    }
    for (arg, col) in [("line_ids", "line"), ("dispatchtype_ids", "dispatchtype")] {
        let list = ids(ctx, arg)?;
        if !list.is_empty() {
            let l: Vec<String> = list.iter().map(i64::to_string).collect();
            w.push(format!("t.\"{col}\" IN ({})", l.join(", ")), []);
        }
    }
    if let Some(code) = ctx.call.arg("areacode").filter(|v| !v.is_empty()) {
        let (lines, areas) = (table(ctx, "lines")?, table(ctx, "areas")?);
        w.push(
            format!(
                "t.\"line\" IN (SELECT l.\"id\" FROM {} AS l JOIN {} AS a ON l.\"area\" = a.\"id\" WHERE a.\"code\" = ?)",
                lines.sql, areas.sql
            ),
            [Val::Text(code.to_owned())],
        );
    }
    // The sandbox's dispatches carry no external id unless an area declares one: then
    // these filters match nothing, as they would on dispatches that have none.
    let has_ext = dispatches.field("externalid").is_some();
    if let Some(x) = ctx.call.arg("externalid").filter(|v| !v.is_empty()) {
        let cond = if has_ext {
            "t.\"externalid\" = ?"
        } else {
            "0 AND ? IS NULL"
        };
        w.push(cond.into(), [Val::Text(x.to_owned())]);
    }
    if let Some(x) = ctx.call.arg("externalid_prefix").filter(|v| !v.is_empty()) {
        let x = Val::Text(x.to_owned());
        if has_ext {
            w.push(
                "substr(t.\"externalid\", 1, length(?)) = ?".into(),
                [x.clone(), x],
            );
        } else {
            w.push("0 AND ? IS NULL".into(), [x]);
        }
    }
    if let Some(open) = flag(ctx, "open")? {
        w.push(
            "t.\"open\" = ?".into(),
            [Val::Text(if open { "T" } else { "F" }.into())],
        );
    }
    Ok(w)
}

/// `dispatches/get_event_data/`: dispatches changed after `lastupdated` (UTC), oldest
/// change first, each with `technicians`, `actioncomponents` and `external_costs`, and
/// `max_lastupdated` to pass as the next call's `lastupdated`. With `deleted=true`, deleted
/// dispatches come too, marked `"deleted": true`.
pub(crate) fn get_event_data(ctx: &Ctx<'_>, _key: Option<&str>) -> Result<Vec<u8>, ApiError> {
    let site = site(ctx)?;
    let dispatches = table(ctx, "dispatches")?;
    let w = filters(ctx, dispatches, site)?;
    let limit = match ctx.call.int_arg("limit")? {
        None => 1000,
        Some(n) if (1..=dispatches.schema.max_limit as i64).contains(&n) => n,
        Some(n) => {
            return Err(ApiError::failure(format!(
                "limit {n} is outside 1..={}",
                dispatches.schema.max_limit
            )));
        }
    };
    let cols = columns(dispatches);
    let source = if flag(ctx, "deleted")? == Some(true) {
        tombstones::ensure(ctx.conn, dispatches)?;
        format!(
            "(SELECT {cols}, 0 AS \"_deleted\" FROM {} UNION ALL SELECT {cols}, 1 FROM {TOMBSTONES})",
            dispatches.sql
        )
    } else {
        format!("(SELECT {cols}, 0 AS \"_deleted\" FROM {})", dispatches.sql)
    };
    let projection = Projection::all(dispatches);
    let n = projection.fields.len();
    let sql = format!(
        "SELECT {}, t.\"lastupdated\", t.\"_deleted\", t.\"id\" FROM {source} AS t{} ORDER BY t.\"lastupdated\", t.\"id\" LIMIT {limit}",
        projection.select(dispatches),
        w.sql()
    );
    let mut stmt = ctx.conn.prepare(&sql)?;
    let mut rows = stmt.query(rusqlite::params_from_iter(w.params.iter()))?;
    let mut out = Out::new(ctx.call.format, ctx.call.micros);
    out.begin();
    out.key("data");
    out.begin_array();
    let mut max: Option<String> = None;
    while let Some(row) = rows.next()? {
        out.begin_object();
        for (i, f) in projection.fields.iter().enumerate() {
            out.key(f.api_name);
            write_value(&mut out, f.kind, row.get_ref(i)?);
        }
        let deleted: i64 = row.get(n + 1)?;
        let id: i64 = row.get(n + 2)?;
        out.key("deleted");
        out.bool(deleted != 0);
        children(ctx, &mut out, "technicians", "dispatchtechnicians", id)?;
        children(ctx, &mut out, "actioncomponents", "actions", id)?;
        external_costs(ctx, &mut out, id)?;
        out.end_object();
        if let Ok(Some(t)) = row.get::<_, Option<String>>(n) {
            max = Some(t);
        }
    }
    out.end_array();
    out.key("max_lastupdated");
    match max {
        Some(t) => out.str(&t.replacen('T', " ", 1)),
        None => out.null(),
    }
    out.key("success");
    out.bool(true);
    out.end();
    Ok(out.into_bytes())
}

/// `key`: the records of area `path` whose `dispatch` is `id` (empty when the sandbox does
/// not serve the area).
fn children(ctx: &Ctx<'_>, out: &mut Out, key: &str, path: &str, id: i64) -> Result<(), ApiError> {
    out.key(key);
    out.begin_array();
    if let Some(t) = ctx
        .catalog
        .table(path)
        .filter(|t| t.field("dispatch").is_some())
    {
        let p = Projection::all(t);
        let mut stmt = ctx.conn.prepare_cached(&format!(
            "SELECT {} FROM {} AS t WHERE t.\"dispatch\" = ?1 ORDER BY t.{}",
            p.select(t),
            t.sql,
            t.id_column()
        ))?;
        let mut rows = stmt.query([id])?;
        while let Some(row) = rows.next()? {
            p.write_row(out, row)?;
        }
    }
    out.end_array();
    Ok(())
}

/// `external_costs`: the external costs of the work orders raised from dispatch `id`.
fn external_costs(ctx: &Ctx<'_>, out: &mut Out, id: i64) -> Result<(), ApiError> {
    out.key("external_costs");
    out.begin_array();
    if let Some(t) = ctx
        .catalog
        .table("workorders")
        .filter(|t| t.field("dispatch").is_some())
    {
        super::resources::ensure_costs(ctx.conn)?;
        let mut stmt = ctx.conn.prepare_cached(&format!(
            "SELECT c.id, c.vendor, c.description, c.cost FROM _external_costs AS c \
             JOIN {} AS w ON w.{} = c.workorder WHERE w.\"dispatch\" = ?1 ORDER BY c.id",
            t.sql,
            t.id_column()
        ))?;
        let mut rows = stmt.query([id])?;
        while let Some(row) = rows.next()? {
            out.json(&super::resources::cost_json(row)?);
        }
    }
    out.end_array();
    Ok(())
}
