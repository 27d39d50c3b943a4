//! Dispatch technicians: `dispatchtechnicians/dispatch/` puts a technician on a dispatch,
//! `dispatchtechnicians/complete/<id>/` ends that work. Both are seen in the
//! `dispatchtechnicians` records and in `dispatches/current_dispatched_resources/`.

use super::{ApiError, path_id, record_answer, site, table, values};
use crate::call::Ctx;
use crate::store::records;
use crate::store::value::{self, Val};

/// Checks that record `id` of `area` exists at `site`.
fn at_site(ctx: &Ctx<'_>, area: &str, what: &str, id: i64, site: i64) -> Result<(), ApiError> {
    match records::get(ctx.conn, table(ctx, area)?, id, "site")? {
        None => Err(ApiError::failure(format!("{what} {id} not found"))),
        Some(Val::Int(s)) if s != site => Err(ApiError::failure(format!(
            "{what} {id} is not at site {site}"
        ))),
        _ => Ok(()),
    }
}

/// The first of these integer arguments that is sent.
fn int_of(ctx: &Ctx<'_>, names: &[&str]) -> Result<Option<i64>, ApiError> {
    for n in names {
        if let Some(v) = ctx.call.int_arg(n)? {
            return Ok(Some(v));
        }
    }
    Ok(None)
}

/// `dispatchtechnicians/dispatch/`: puts technician `technician_id` (a `technicians`
/// record) on open dispatch `dispatch_id` at `site`, from now. The dispatch's `dispatched`
/// is set the first time. A technician already working on the dispatch is refused:
/// "technician already dispatched".
pub(crate) fn dispatch(ctx: &Ctx<'_>, _key: Option<&str>) -> Result<Vec<u8>, ApiError> {
    let site = site(ctx)?;
    let dispatches = table(ctx, "dispatches")?;
    let techs = table(ctx, "technicians")?;
    let links = table(ctx, "dispatchtechnicians")?;
    let dispatch = int_of(ctx, &["dispatch_id", "dispatch"])?
        .ok_or_else(|| ApiError::failure("`dispatch_id` is required"))?;
    let technician = int_of(ctx, &["technician_id", "technician"])?
        .ok_or_else(|| ApiError::failure("`technician_id` is required"))?;
    at_site(ctx, "dispatches", "dispatch", dispatch, site)?;
    at_site(ctx, "technicians", "technician", technician, site)?;
    if records::get(ctx.conn, dispatches, dispatch, "open")? == Some(Val::Text("F".into())) {
        return Err(ApiError::failure(format!("dispatch {dispatch} is closed")));
    }
    let busy = ctx
        .conn
        .prepare_cached(&format!(
            "SELECT 1 FROM {} WHERE \"dispatch\" = ?1 AND \"technician\" = ?2 AND \"end\" IS NULL",
            links.sql
        ))?
        .exists([dispatch, technician])?;
    if busy {
        return Err(ApiError::failure("technician already dispatched"));
    }
    let get = |name: &str| -> Result<Val, ApiError> {
        Ok(records::get(ctx.conn, techs, technician, name)?.unwrap_or(Val::Null))
    };
    let now = value::now_stored();
    let v = values(
        links,
        vec![
            ("site", Val::Int(site)),
            ("dispatch", Val::Int(dispatch)),
            ("technician", Val::Int(technician)),
            ("user", get("user")?),
            ("loginid", get("loginid")?),
            ("fullname", get("fullname")?),
            ("trade", get("trade")?),
            ("start", Val::Text(now.clone())),
        ],
    );
    let tx = ctx.conn.unchecked_transaction()?;
    let id = records::insert(&tx, links, v, ctx.actor)?;
    let first = matches!(
        records::get(&tx, dispatches, dispatch, "dispatched")?,
        None | Some(Val::Null)
    );
    let mut d = Vec::new();
    if first {
        d.push(("dispatched", Val::Text(now)));
    }
    // The dispatch changes (its resources), so its `lastupdated` moves either way.
    records::update(
        &tx,
        dispatches,
        dispatch,
        values(dispatches, d),
        ctx.actor,
        true,
    )?;
    tx.commit()?;
    record_answer(ctx, links, id, "data")
}

/// `dispatchtechnicians/complete/<id>/`: ends the work of dispatch technician `<id>` (a
/// `dispatchtechnicians` record) now; it leaves `current_dispatched_resources/`.
pub(crate) fn complete(ctx: &Ctx<'_>, key: Option<&str>) -> Result<Vec<u8>, ApiError> {
    let site = site(ctx)?;
    let links = table(ctx, "dispatchtechnicians")?;
    let dispatches = table(ctx, "dispatches")?;
    let id = path_id(ctx, key)?;
    at_site(ctx, "dispatchtechnicians", "dispatch technician", id, site)?;
    if !matches!(
        records::get(ctx.conn, links, id, "end")?,
        None | Some(Val::Null)
    ) {
        return Err(ApiError::failure(format!(
            "dispatch technician {id} has already completed"
        )));
    }
    let tx = ctx.conn.unchecked_transaction()?;
    let v = values(links, vec![("end", Val::Text(value::now_stored()))]);
    records::update(&tx, links, id, v, ctx.actor, true)?;
    if let Some(Val::Int(dispatch)) = records::get(&tx, links, id, "dispatch")? {
        records::update(&tx, dispatches, dispatch, Vec::new(), ctx.actor, true)?;
    }
    tx.commit()?;
    record_answer(ctx, links, id, "data")
}
