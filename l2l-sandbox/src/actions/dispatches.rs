//! Dispatches: `open/`, `add/`, `close/<id>/`, `complete/<id>/`, `set_description/<id>/`,
//! `changestatus/<id>/` and `changetype/<id>/` (the `get_event_data/` feed and `delete/<id>` are
//! in `events`).
//!
//! Opening sets `open` to `T`; closing, completing or adding a finished dispatch sets
//! `completed` and `open` `F` (and `downtime`). A machine with an open dispatch of the same
//! type cannot get another: "This Machine already has an open critical Dispatch."

use super::{
    ApiError, flag, path_id, record_answer, reference, required, required_reference, site, table,
    time, values,
};
use crate::call::Ctx;
use crate::crud::derived::derive;
use crate::store::records;
use crate::store::value::{self, Val};

fn create(ctx: &Ctx<'_>, finished: bool) -> Result<Vec<u8>, ApiError> {
    let site = site(ctx)?;
    let dispatches = table(ctx, "dispatches")?;
    let machine = required_reference(ctx, table(ctx, "machines")?, "machine", "machinecode", site)?;
    // L2L's samples send `dispatchtype`; the docs' property table names it `dispatch_type`.
    let type_arg =
        if ctx.call.arg("dispatchtype").is_none() && ctx.call.arg("dispatch_type").is_some() {
            "dispatch_type"
        } else {
            "dispatchtype"
        };
    let dtype = required_reference(
        ctx,
        table(ctx, "dispatchtypes")?,
        type_arg,
        "dispatchtypecode",
        site,
    )?;
    let description = required(ctx, "description")?.to_owned();
    if let Some(trades) = ctx.catalog.table("trades")
        && let Err(e) = reference(ctx, trades, "trade", "tradecode", "code", Some(site))
        && flag(ctx, "trade_required")? != Some(false)
    {
        return Err(e);
    }
    let mut reported = time(ctx, "reported")?;
    let completed = if finished {
        // Absent or empty times are now, as `reported` is on `open/`: L2L's JavaScript sample
        // sends both empty (`querystring` writes a JS `Date` as nothing) and succeeds.
        let reported = reported.get_or_insert_with(value::now_stored).clone();
        let completed =
            time(ctx, "completed")?.unwrap_or_else(|| reported.clone().max(value::now_stored()));
        if completed < reported {
            return Err(ApiError::failure("`completed` is before `reported`"));
        }
        Some(completed)
    } else {
        let open: bool = ctx
            .conn
            .prepare_cached(&format!(
                "SELECT 1 FROM {} WHERE \"machine\" = ?1 AND \"dispatchtype\" = ?2 AND \"open\" = 'T'",
                dispatches.sql
            ))?
            .exists([machine, dtype])?;
        if open {
            return Err(ApiError::failure(
                "This Machine already has an open critical Dispatch.",
            ));
        }
        None
    };
    let mut v = values(
        dispatches,
        vec![
            ("site", Val::Int(site)),
            ("machine", Val::Int(machine)),
            ("dispatchtype", Val::Int(dtype)),
            ("description", Val::Text(description)),
            (
                "reported",
                Val::Text(reported.unwrap_or_else(value::now_stored)),
            ),
            ("completed", completed.map(Val::Text).unwrap_or(Val::Null)),
        ],
    );
    let tx = ctx.conn.unchecked_transaction()?;
    derive(&tx, ctx.catalog, dispatches, None, &mut v)?;
    let id = records::insert(&tx, dispatches, v, ctx.actor)?;
    tx.commit()?;
    record_answer(ctx, dispatches, id, "data")
}

/// `dispatches/open/`: launches an open dispatch on a machine.
pub(crate) fn open(ctx: &Ctx<'_>, _key: Option<&str>) -> Result<Vec<u8>, ApiError> {
    create(ctx, false)
}

/// `dispatches/add/`: records a dispatch that is already finished.
pub(crate) fn add(ctx: &Ctx<'_>, _key: Option<&str>) -> Result<Vec<u8>, ApiError> {
    create(ctx, true)
}

/// Updates dispatch `<id>` with `pairs`, deriving `open` and `downtime`.
fn change(ctx: &Ctx<'_>, key: Option<&str>, pairs: Vec<(&str, Val)>) -> Result<Vec<u8>, ApiError> {
    let dispatches = table(ctx, "dispatches")?;
    let id = path_id(ctx, key)?;
    let site = ctx.call.site()?;
    let stored_site = records::get(ctx.conn, dispatches, id, "site")?;
    match (stored_site, site) {
        (None, _) => return Err(ApiError::failure(format!("dispatch {id} not found"))),
        (Some(Val::Int(s)), Some(asked)) if s != asked => {
            return Err(ApiError::failure(format!(
                "dispatch {id} is not at site {asked}"
            )));
        }
        (Some(Val::Int(s)), _) if !ctx.access.allows(s) => {
            return Err(ApiError::status(
                403,
                format!("user `{}` has no access to site {s}", ctx.actor.loginid),
            ));
        }
        _ => {}
    }
    let mut v = values(dispatches, pairs);
    let tx = ctx.conn.unchecked_transaction()?;
    derive(&tx, ctx.catalog, dispatches, Some(id), &mut v)?;
    records::update(&tx, dispatches, id, v, ctx.actor, true)?;
    tx.commit()?;
    record_answer(ctx, dispatches, id, "data")
}

fn finish(ctx: &Ctx<'_>, key: Option<&str>) -> Result<Vec<u8>, ApiError> {
    let dispatches = table(ctx, "dispatches")?;
    let id = path_id(ctx, key)?;
    let completed = match records::get(ctx.conn, dispatches, id, "completed")? {
        Some(Val::Text(t)) => t,
        _ => value::now_stored(),
    };
    change(
        ctx,
        key,
        vec![
            ("completed", Val::Text(completed)),
            ("open", Val::Text("F".into())),
        ],
    )
}

/// `dispatches/close/<id>/`: closes the dispatch (completed now, `open` F).
pub(crate) fn close(ctx: &Ctx<'_>, key: Option<&str>) -> Result<Vec<u8>, ApiError> {
    finish(ctx, key)
}

/// `dispatches/complete/<id>/`: completes the dispatch (completed now, `open` F).
pub(crate) fn complete(ctx: &Ctx<'_>, key: Option<&str>) -> Result<Vec<u8>, ApiError> {
    finish(ctx, key)
}

/// `dispatches/set_description/<id>/`.
pub(crate) fn set_description(ctx: &Ctx<'_>, key: Option<&str>) -> Result<Vec<u8>, ApiError> {
    let d = required(ctx, "description")?.to_owned();
    change(ctx, key, vec![("description", Val::Text(d))])
}

/// `dispatches/changestatus/<id>/`: sets the current status (`dispatchstatus_id`).
pub(crate) fn change_status(ctx: &Ctx<'_>, key: Option<&str>) -> Result<Vec<u8>, ApiError> {
    let status = ctx
        .call
        .int_arg("dispatchstatus_id")?
        .ok_or_else(|| ApiError::failure("`dispatchstatus_id` is required"))?;
    change(
        ctx,
        key,
        vec![
            ("currentstatus_dispatchstatus_id", Val::Int(status)),
            (
                "currentstatus_description",
                Val::Text(super::resources::status_description(ctx, status)?),
            ),
        ],
    )
}

/// `dispatches/changetype/<id>/`: sets the dispatch type (`dispatchtype_id`).
pub(crate) fn change_type(ctx: &Ctx<'_>, key: Option<&str>) -> Result<Vec<u8>, ApiError> {
    let types = table(ctx, "dispatchtypes")?;
    let t = reference(
        ctx,
        types,
        "dispatchtype_id",
        "dispatchtypecode",
        "code",
        ctx.call.site()?,
    )?
    .ok_or_else(|| ApiError::failure("`dispatchtype_id` is required"))?;
    change(ctx, key, vec![("dispatchtype", Val::Int(t))])
}
