//! `dispatches/data_export/` and `sites/asyncjob_status/`: the export runs as a job.
//!
//! Starting an export stores a job (table `_asyncjobs`) and answers `{"jobid": N}`. Each
//! status call moves the job one step on, `running` at 33 and 66 percent, then `complete`
//! with the site's dispatches changed after `lastupdated_since` as `result`. Progress
//! counts calls, not seconds, so that tests never depend on the clock.

use rusqlite::{Connection, OptionalExtension};

use super::{ApiError, site, table, time};
use crate::call::Ctx;
use crate::render::Out;
use crate::store::records::Projection;
use crate::store::value::Val;

/// Status calls a job takes to complete.
pub(crate) const STEPS: i64 = 3;

fn ensure(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS _asyncjobs (jobid INTEGER PRIMARY KEY, site INTEGER NOT NULL, \
         kind TEXT NOT NULL, since TEXT, polls INTEGER NOT NULL DEFAULT 0)",
    )
}

/// `dispatches/data_export/`: starts an export of the site's dispatches.
pub(crate) fn data_export(ctx: &Ctx<'_>, _key: Option<&str>) -> Result<Vec<u8>, ApiError> {
    let site = site(ctx)?;
    table(ctx, "dispatches")?;
    if !ctx.access.allows(site) {
        return Err(ApiError::status(
            403,
            format!("user `{}` has no access to site {site}", ctx.actor.loginid),
        ));
    }
    let since = time(ctx, "lastupdated_since")?;
    ensure(ctx.conn)?;
    ctx.conn.execute(
        "INSERT INTO _asyncjobs (site, kind, since) VALUES (?1, 'dispatches', ?2)",
        rusqlite::params![site, since],
    )?;
    let id = ctx.conn.last_insert_rowid();
    let mut out = Out::new(ctx.call.format, ctx.call.micros);
    out.begin();
    out.key("jobid");
    out.int(id);
    out.key("success");
    out.bool(true);
    out.end();
    Ok(out.into_bytes())
}

/// `sites/asyncjob_status/?jobid=`: the job's state, one step further.
pub(crate) fn asyncjob_status(ctx: &Ctx<'_>, _key: Option<&str>) -> Result<Vec<u8>, ApiError> {
    let jobid = ctx
        .call
        .int_arg("jobid")?
        .ok_or_else(|| ApiError::failure("`jobid` is required"))?;
    ensure(ctx.conn)?;
    let job: Option<(i64, Option<String>, i64)> = ctx
        .conn
        .query_row(
            "SELECT site, since, polls FROM _asyncjobs WHERE jobid = ?1",
            [jobid],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let Some((site, since, polls)) = job else {
        return Err(ApiError::failure(format!("no asynchronous job {jobid}")));
    };
    if !ctx.access.allows(site) {
        return Err(ApiError::status(
            403,
            format!("user `{}` has no access to site {site}", ctx.actor.loginid),
        ));
    }
    let polls = (polls + 1).min(STEPS);
    ctx.conn.execute(
        "UPDATE _asyncjobs SET polls = ?1 WHERE jobid = ?2",
        [polls, jobid],
    )?;
    let done = polls >= STEPS;
    let mut out = Out::new(ctx.call.format, ctx.call.micros);
    out.begin();
    out.key("data");
    out.begin_object();
    out.key("jobid");
    out.int(jobid);
    out.key("status");
    out.str(if done { "complete" } else { "running" });
    out.key("progress");
    out.float((polls * 100 / STEPS) as f64);
    if done {
        out.key("result");
        write_dispatches(ctx, &mut out, site, since)?;
    }
    out.end_object();
    out.key("success");
    out.bool(true);
    out.end();
    Ok(out.into_bytes())
}

fn write_dispatches(
    ctx: &Ctx<'_>,
    out: &mut Out,
    site: i64,
    since: Option<String>,
) -> Result<(), ApiError> {
    let t = table(ctx, "dispatches")?;
    let p = Projection::all(t);
    let mut stmt = ctx.conn.prepare_cached(&format!(
        "SELECT {} FROM {} AS t WHERE t.\"site\" = ?1 AND (?2 IS NULL OR t.\"lastupdated\" > ?2) ORDER BY t.{}",
        p.select(t),
        t.sql,
        t.id_column()
    ))?;
    let since = since.map(Val::Text).unwrap_or(Val::Null);
    let mut rows = stmt.query(rusqlite::params![site, since])?;
    out.begin_array();
    while let Some(row) = rows.next()? {
        p.write_row(out, row)?;
    }
    out.end_array();
    Ok(())
}
