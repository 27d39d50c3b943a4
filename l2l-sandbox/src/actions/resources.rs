//! `dispatches/current_dispatched_resources/`, `dispatchstatuses/get_system_statuses/`,
//! `technicians/set_availability/<id>/` and `workorders/get_external_costs/<id>/`.

use super::{ApiError, flag, path_id, record_answer, site, table, values};
use crate::call::Ctx;
use crate::render::Out;
use crate::store::records;
use crate::store::value::Val;

/// L2L's built-in dispatch statuses as the sandbox knows them: id, code, description.
/// (L2L's samples show only that `-6` ends a dispatch; the rest is the sandbox's choice.)
pub(crate) const SYSTEM_STATUSES: &[(i64, &str, &str)] = &[
    (-1, "NEW", "New"),
    (-2, "ASSIGNED", "Assigned"),
    (-3, "IN_PROGRESS", "In progress"),
    (-4, "WAITING_PARTS", "Waiting for parts"),
    (-5, "ON_HOLD", "On hold"),
    (-6, "COMPLETE", "Complete"),
];

/// The description of status `id`: a system status, or the site's own.
pub(crate) fn status_description(ctx: &Ctx<'_>, id: i64) -> Result<String, ApiError> {
    if let Some((_, _, d)) = SYSTEM_STATUSES.iter().find(|(s, ..)| *s == id) {
        return Ok((*d).to_owned());
    }
    if let Some(t) = ctx.catalog.table("dispatchstatuses")
        && let Some(Val::Text(d)) = records::get(ctx.conn, t, id, "description")?
    {
        return Ok(d);
    }
    Ok(format!("Status {id}"))
}

/// `dispatchstatuses/get_system_statuses/`: [`SYSTEM_STATUSES`] as dispatch status records.
pub(crate) fn system_statuses(ctx: &Ctx<'_>, _key: Option<&str>) -> Result<Vec<u8>, ApiError> {
    let site = site(ctx)?;
    let mut out = Out::new(ctx.call.format, ctx.call.micros);
    out.begin();
    out.key("data");
    out.begin_array();
    for (id, code, description) in SYSTEM_STATUSES {
        out.begin_object();
        out.key("id");
        out.int(*id);
        out.key("site");
        out.int(site);
        out.key("code");
        out.str(code);
        out.key("description");
        out.str(description);
        out.key("system");
        out.bool(true);
        out.key("active");
        out.bool(true);
        out.end_object();
    }
    out.end_array();
    out.key("success");
    out.bool(true);
    out.end();
    Ok(out.into_bytes())
}

/// `dispatches/current_dispatched_resources/`: for each open dispatch of the site with
/// technicians on it, its `id`, number, `lastupdated` and `resources` (`id`, `loginid`,
/// `fullname`).
pub(crate) fn current_dispatched_resources(
    ctx: &Ctx<'_>,
    _key: Option<&str>,
) -> Result<Vec<u8>, ApiError> {
    let site = site(ctx)?;
    let dispatches = table(ctx, "dispatches")?;
    let techs = table(ctx, "dispatchtechnicians")?;
    let mut stmt = ctx.conn.prepare_cached(&format!(
        "SELECT d.\"id\", d.\"dispatchnumber\", d.\"lastupdated\", t.\"technician\", t.\"loginid\", t.\"fullname\" \
         FROM {} AS d JOIN {} AS t ON t.\"dispatch\" = d.\"id\" \
         WHERE d.\"site\" = ?1 AND d.\"open\" = 'T' AND t.\"end\" IS NULL ORDER BY d.\"id\", t.\"id\"",
        dispatches.sql, techs.sql
    ))?;
    let mut rows = stmt.query([site])?;
    let mut out = Out::new(ctx.call.format, ctx.call.micros);
    out.begin();
    out.key("data");
    out.begin_array();
    let mut current: Option<i64> = None;
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        if current != Some(id) {
            if current.is_some() {
                out.end_array();
                out.end_object();
            }
            current = Some(id);
            out.begin_object();
            out.key("id");
            out.int(id);
            out.key("dispatchnumber");
            records::write_value(&mut out, l2l_core::FieldKind::Integer, row.get_ref(1)?);
            out.key("lastupdated");
            records::write_value(&mut out, l2l_core::FieldKind::DateTime, row.get_ref(2)?);
            out.key("resources");
            out.begin_array();
        }
        out.begin_object();
        out.key("id");
        records::write_value(&mut out, l2l_core::FieldKind::Integer, row.get_ref(3)?);
        out.key("loginid");
        records::write_value(&mut out, l2l_core::FieldKind::Text, row.get_ref(4)?);
        out.key("fullname");
        records::write_value(&mut out, l2l_core::FieldKind::Text, row.get_ref(5)?);
        out.end_object();
    }
    if current.is_some() {
        out.end_array();
        out.end_object();
    }
    out.end_array();
    out.key("success");
    out.bool(true);
    out.end();
    Ok(out.into_bytes())
}

/// `technicians/set_availability/<id>/`: stores `available` on the technician.
pub(crate) fn set_availability(ctx: &Ctx<'_>, key: Option<&str>) -> Result<Vec<u8>, ApiError> {
    let site = site(ctx)?;
    let techs = table(ctx, "technicians")?;
    let id = path_id(ctx, key)?;
    let available =
        flag(ctx, "available")?.ok_or_else(|| ApiError::failure("`available` is required"))?;
    match records::get(ctx.conn, techs, id, "site")? {
        None => return Err(ApiError::failure(format!("technician {id} not found"))),
        Some(Val::Int(s)) if s != site => {
            return Err(ApiError::failure(format!(
                "technician {id} is not at site {site}"
            )));
        }
        _ => {}
    }
    let v = values(techs, vec![("available", Val::Int(available.into()))]);
    records::update(ctx.conn, techs, id, v, ctx.actor, true)?;
    record_answer(ctx, techs, id, "data")
}

/// External costs: the sandbox keeps them in the table `_external_costs` (`id`,
/// `workorder`, `vendor`, `description`, `cost`), which no record area writes (costs come
/// from outside vendors); fill it with `Sandbox::with_db`.
pub(crate) fn ensure_costs(conn: &rusqlite::Connection) -> rusqlite::Result<()> {
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS _external_costs (id INTEGER PRIMARY KEY, \
         workorder INTEGER NOT NULL, vendor TEXT, description TEXT, cost TEXT NOT NULL)",
    )
}

/// One row of `_external_costs` (`id, vendor, description, cost`) as a cost object.
pub(crate) fn cost_json(row: &rusqlite::Row<'_>) -> rusqlite::Result<serde_json::Value> {
    Ok(serde_json::json!({
        "id": row.get::<_, i64>(0)?,
        "vendor": row.get::<_, Option<String>>(1)?,
        "description": row.get::<_, Option<String>>(2)?,
        "cost": row.get::<_, String>(3)?,
    }))
}

/// `workorders/get_external_costs/<id>/`: the work order's external costs (each with `cost`).
pub(crate) fn external_costs(ctx: &Ctx<'_>, key: Option<&str>) -> Result<Vec<u8>, ApiError> {
    let site = site(ctx)?;
    let orders = table(ctx, "workorders")?;
    let id = path_id(ctx, key)?;
    match records::get(ctx.conn, orders, id, "site")? {
        None => return Err(ApiError::failure(format!("work order {id} not found"))),
        Some(Val::Int(s)) if s != site => {
            return Err(ApiError::failure(format!(
                "work order {id} is not at site {site}"
            )));
        }
        _ => {}
    }
    ensure_costs(ctx.conn)?;
    let mut stmt = ctx.conn.prepare_cached(
        "SELECT id, vendor, description, cost FROM _external_costs WHERE workorder = ?1 ORDER BY id",
    )?;
    let mut rows = stmt.query([id])?;
    let mut costs = Vec::new();
    while let Some(row) = rows.next()? {
        costs.push(cost_json(row)?);
    }
    let costs = serde_json::Value::Array(costs);
    let mut out = Out::new(ctx.call.format, ctx.call.micros);
    out.begin();
    out.key("data");
    out.json(&costs);
    out.key("success");
    out.bool(true);
    out.end();
    Ok(out.into_bytes())
}
