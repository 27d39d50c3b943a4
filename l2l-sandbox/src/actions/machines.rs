//! Machines: `set_cycle_count/` and `increment_cycle_count/` (the machine by `id`, by
//! `code` and `site`, or by `/<id>/` in the path). `skip_lastupdated=1` leaves
//! `lastupdated` alone. The answer carries the machine under `machine`.

use super::{ApiError, flag, record_answer, reference, table};
use crate::call::Ctx;
use crate::store::Val;
use crate::store::records;

fn cycle(ctx: &Ctx<'_>, key: Option<&str>, increment: bool) -> Result<Vec<u8>, ApiError> {
    let machines = table(ctx, "machines")?;
    let site = ctx.call.site()?;
    let id = match key {
        Some(k) => Some(k.parse::<i64>().map_err(|_| {
            ApiError::failure(format!("expected a machine id in the path, got {k:?}"))
        })?),
        None => reference(ctx, machines, "id", "code", "code", site)?,
    };
    let id =
        id.ok_or_else(|| ApiError::failure("name the machine with `id`, or `code` and `site`"))?;
    let Some(stored_site) = records::get(ctx.conn, machines, id, "site")? else {
        return Err(ApiError::failure(format!("machine {id} not found")));
    };
    if let Val::Int(s) = stored_site
        && !ctx.access.allows(s)
    {
        return Err(ApiError::status(
            403,
            format!("user `{}` has no access to site {s}", ctx.actor.loginid),
        ));
    }
    let count = ctx
        .call
        .int_arg("cyclecount")?
        .ok_or_else(|| ApiError::failure("`cyclecount` is required"))?;
    let Some(f) = machines.field("cyclecount") else {
        return Err(ApiError::failure("machines have no `cyclecount` here"));
    };
    let value = if increment {
        let now = match records::get(ctx.conn, machines, id, "cyclecount")? {
            Some(Val::Int(n)) => n,
            _ => 0,
        };
        now.saturating_add(count)
    } else {
        count
    };
    let stamp = !flag(ctx, "skip_lastupdated")?.unwrap_or(false);
    records::update(
        ctx.conn,
        machines,
        id,
        vec![(f, Val::Int(value))],
        ctx.actor,
        stamp,
    )?;
    record_answer(ctx, machines, id, "machine")
}

/// `machines/set_cycle_count/`: sets the machine's cycle count.
pub(crate) fn set_cycle_count(ctx: &Ctx<'_>, key: Option<&str>) -> Result<Vec<u8>, ApiError> {
    cycle(ctx, key, false)
}

/// `machines/increment_cycle_count/`: adds to the machine's cycle count.
pub(crate) fn increment_cycle_count(ctx: &Ctx<'_>, key: Option<&str>) -> Result<Vec<u8>, ApiError> {
    cycle(ctx, key, true)
}

/// `machines/get_open_dispatches[/<machine id>]`: the open dispatches of the site (of one
/// machine with the path key), newest first; `dispatchtype_ids=622,623` keeps those of
/// these types, `limit` caps the list. `OPEN=T`, which integrations send, is what it
/// lists anyway.
pub(crate) fn get_open_dispatches(ctx: &Ctx<'_>, key: Option<&str>) -> Result<Vec<u8>, ApiError> {
    let site = super::site(ctx)?;
    let dispatches = table(ctx, "dispatches")?;
    let machine = match key {
        Some(k) => {
            let id = k.parse::<i64>().map_err(|_| {
                ApiError::failure(format!("expected a machine id in the path, got {k:?}"))
            })?;
            match records::get(ctx.conn, table(ctx, "machines")?, id, "site")? {
                None => return Err(ApiError::failure(format!("machine {id} not found"))),
                Some(Val::Int(s)) if s != site => {
                    return Err(ApiError::failure(format!(
                        "machine {id} is not at site {site}"
                    )));
                }
                _ => Some(id),
            }
        }
        None => None,
    };
    let mut types = Vec::new();
    for part in ctx
        .call
        .arg("dispatchtype_ids")
        .unwrap_or("")
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        types.push(part.parse::<i64>().map_err(|_| {
            ApiError::failure(format!(
                "`dispatchtype_ids` must be dispatch type ids separated by commas, got {:?}",
                crate::call::short(part)
            ))
        })?);
    }
    let limit = ctx.call.int_arg("limit")?.filter(|l| *l > 0).unwrap_or(-1);
    let types_json = serde_json::to_string(&types).unwrap_or_default();
    let ids: Vec<i64> = ctx
        .conn
        .prepare_cached(&format!(
            "SELECT \"id\" FROM {} WHERE \"site\" = ?1 AND \"open\" = 'T' \
             AND (?2 IS NULL OR \"machine\" = ?2) \
             AND (?3 = '[]' OR \"dispatchtype\" IN (SELECT value FROM json_each(?3))) \
             ORDER BY \"reported\" DESC, \"id\" DESC LIMIT ?4",
            dispatches.sql
        ))?
        .query_map(rusqlite::params![site, machine, types_json, limit], |r| {
            r.get(0)
        })?
        .collect::<Result<_, _>>()?;
    super::records_answer(ctx, dispatches, &ids)
}
