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
