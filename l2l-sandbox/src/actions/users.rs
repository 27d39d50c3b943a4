//! Users and labour: `clock_in/<username>/` (now, or backdated with `start` and `end`),
//! `clock_in_by_externalid/<externalid>/`, `clock_out/<username>/` and
//! `set_externalid/<username>/`. Clocking creates and closes `usertimes` records.

use rusqlite::OptionalExtension;

use super::{ApiError, required, site, success, table, time, values};
use crate::call::Ctx;
use crate::call::short;
use crate::store::records;
use crate::store::value::{self, Val};

fn user_by(ctx: &Ctx<'_>, field: &str, key: Option<&str>) -> Result<i64, ApiError> {
    let users = table(ctx, "users")?;
    let Some(key) = key.filter(|k| !k.is_empty()) else {
        return Err(ApiError::failure(format!(
            "name the user's {field} in the path"
        )));
    };
    records::find(ctx.conn, users, field, &Val::Text(key.to_owned()), None)?.ok_or_else(|| {
        if field == "externalid" {
            // The message L2L itself sends (seen in a badge reader's log).
            ApiError::failure(format!("Unable to find user for externalid: {key}"))
        } else {
            ApiError::failure(format!("Unable to find user: {}", short(key)))
        }
    })
}

fn close_open(ctx: &Ctx<'_>, user: i64, at: &str) -> Result<usize, ApiError> {
    let times = table(ctx, "usertimes")?;
    let open: Vec<i64> = ctx
        .conn
        .prepare_cached(&format!(
            "SELECT \"id\" FROM {} WHERE \"user\" = ?1 AND \"end\" IS NULL",
            times.sql
        ))?
        .query_map([user], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let Some(end) = times.field("end") else {
        return Ok(0);
    };
    for id in &open {
        records::update(
            ctx.conn,
            times,
            *id,
            vec![(end, Val::Text(at.to_owned()))],
            ctx.actor,
            true,
        )?;
    }
    Ok(open.len())
}

fn clock(ctx: &Ctx<'_>, user: i64) -> Result<Vec<u8>, ApiError> {
    let site = site(ctx)?;
    let times = table(ctx, "usertimes")?;
    let lines = table(ctx, "lines")?;
    let code = required(ctx, "linecode")?;
    let line = records::find(
        ctx.conn,
        lines,
        "code",
        &Val::Text(code.to_owned()),
        Some(site),
    )?
    .ok_or_else(|| {
        ApiError::failure(format!(
            "`linecode`: no line {:?} at site {site}",
            short(code)
        ))
    })?;
    let start = time(ctx, "start")?;
    let end = time(ctx, "end")?;
    if let (Some(s), Some(e)) = (&start, &end)
        && e < s
    {
        return Err(ApiError::failure("`end` must not be before `start`"));
    }
    if end.is_some() && start.is_none() {
        return Err(ApiError::failure(
            "`end` needs `start` (a backdated session)",
        ));
    }
    let tx = ctx.conn.unchecked_transaction()?;
    let now = value::now_stored();
    if end.is_none() {
        // A new session ends the one in progress.
        close_open(ctx, user, start.as_deref().unwrap_or(&now))?;
    }
    let v = values(
        times,
        vec![
            ("site", Val::Int(site)),
            ("user", Val::Int(user)),
            ("line", Val::Int(line)),
            ("start", Val::Text(start.unwrap_or(now))),
            ("end", end.map(Val::Text).unwrap_or(Val::Null)),
        ],
    );
    records::insert(&tx, times, v, ctx.actor)?;
    tx.commit()?;
    Ok(success(ctx))
}

/// `users/clock_in/<username>/`: starts a session on `linecode` (now), or records a
/// backdated one from `start` to `end`.
pub(crate) fn clock_in(ctx: &Ctx<'_>, key: Option<&str>) -> Result<Vec<u8>, ApiError> {
    let user = user_by(ctx, "loginid", key)?;
    clock(ctx, user)
}

/// `users/clock_in_by_externalid/<externalid>/`: clock in by badge.
pub(crate) fn clock_in_by_externalid(
    ctx: &Ctx<'_>,
    key: Option<&str>,
) -> Result<Vec<u8>, ApiError> {
    let user = user_by(ctx, "externalid", key)?;
    clock(ctx, user)
}

/// `users/clock_out/<username>/`: ends the sessions in progress (none is not an error).
pub(crate) fn clock_out(ctx: &Ctx<'_>, key: Option<&str>) -> Result<Vec<u8>, ApiError> {
    site(ctx)?;
    let user = user_by(ctx, "loginid", key)?;
    let tx = ctx.conn.unchecked_transaction()?;
    close_open(ctx, user, &value::now_stored())?;
    tx.commit()?;
    Ok(success(ctx))
}

/// `users/set_externalid/<username>/`: sets the user's external id (badge).
pub(crate) fn set_externalid(ctx: &Ctx<'_>, key: Option<&str>) -> Result<Vec<u8>, ApiError> {
    let users = table(ctx, "users")?;
    let user = user_by(ctx, "loginid", key)?;
    let external = required(ctx, "externalid")?.to_owned();
    let taken: Option<i64> = ctx
        .conn
        .prepare_cached(&format!(
            "SELECT \"id\" FROM {} WHERE \"externalid\" = ?1 AND \"id\" <> ?2",
            users.sql
        ))?
        .query_row(rusqlite::params![external, user], |r| r.get(0))
        .optional()?;
    if taken.is_some() {
        return Err(ApiError::failure(format!(
            "externalid {:?} belongs to another user",
            short(&external)
        )));
    }
    let f = users
        .field("externalid")
        .ok_or_else(|| ApiError::failure("users have no `externalid` here"))?;
    records::update(
        ctx.conn,
        users,
        user,
        vec![(f, Val::Text(external))],
        ctx.actor,
        true,
    )?;
    Ok(success(ctx))
}

/// `users/set_active/<username>/`: activates or deactivates a user (`active`). The call of
/// the docs' worked signing example, which signs `username` and `active`; L2L's docs do not
/// name its path, this is the sandbox's. Configure it signed with
/// `--signed-endpoint users/set_active:username,active`.
pub(crate) fn set_active(ctx: &Ctx<'_>, key: Option<&str>) -> Result<Vec<u8>, ApiError> {
    let users = table(ctx, "users")?;
    let name = key.or(ctx.call.arg("username"));
    if let (Some(k), Some(u)) = (key, ctx.call.arg("username"))
        && k != u
    {
        return Err(ApiError::failure(format!(
            "the username in the path ({:?}) and the `username` argument ({:?}) differ",
            short(k),
            short(u)
        )));
    }
    let user = user_by(ctx, "loginid", name)?;
    let active =
        super::flag(ctx, "active")?.ok_or_else(|| ApiError::failure("`active` is required"))?;
    let f = users
        .field("active")
        .ok_or_else(|| ApiError::failure("users have no `active` here"))?;
    records::update(
        ctx.conn,
        users,
        user,
        vec![(f, Val::Int(active.into()))],
        ctx.actor,
        true,
    )?;
    Ok(success(ctx))
}
