//! Action endpoints (`/api/1.0/<area>/<action>/[<key>/]`), one module per area family,
//! each with plausible effects on the stored records. They take their arguments from the
//! query and the form body alike, and answer with the envelope (`data` the record, or
//! `machine` for cycle counts, or a list for reports).
//!
//! Times that action endpoints take are site-local in L2L; the sandbox treats every site
//! as UTC.

pub(crate) mod dispatches;
pub(crate) mod documents;
pub(crate) mod events;
pub(crate) mod export;
pub(crate) mod lines;
pub(crate) mod machines;
pub(crate) mod production;
pub(crate) mod reporting;
pub(crate) mod resources;
pub(crate) mod technicians;
pub(crate) mod users;

use l2l_core::FieldSchema;

use crate::call::Ctx;
use crate::call::{ApiError, short};
use crate::render::Out;
use crate::store::Table;
use crate::store::records::{self, Projection, Values};
use crate::store::value::{self, Val};

/// An action: the call's context and the path key after the action's name (a record id,
/// a user name, an external id).
pub(crate) type Action = fn(&Ctx<'_>, Option<&str>) -> Result<Vec<u8>, ApiError>;

/// Every action, by path.
pub(crate) const ACTIONS: &[(&str, Action)] = &[
    ("dispatches/open", dispatches::open),
    ("dispatches/add", dispatches::add),
    ("dispatches/close", dispatches::close),
    ("dispatches/complete", dispatches::complete),
    ("dispatches/set_description", dispatches::set_description),
    ("dispatches/changestatus", dispatches::change_status),
    ("dispatches/changetype", dispatches::change_type),
    ("dispatches/get_event_data", events::get_event_data),
    ("dispatches/delete", events::delete),
    (
        "dispatches/current_dispatched_resources",
        resources::current_dispatched_resources,
    ),
    ("dispatches/data_export", export::data_export),
    ("sites/asyncjob_status", export::asyncjob_status),
    (
        "dispatchstatuses/get_system_statuses",
        resources::system_statuses,
    ),
    ("scrapdetail/add_scrap_detail", lines::add_scrap_detail),
    ("technicians/set_availability", resources::set_availability),
    ("workorders/get_external_costs", resources::external_costs),
    ("lines/get_cycle_times", lines::get_cycle_times),
    ("lines/add_update_cycle_time", lines::add_update_cycle_time),
    (
        "machines/get_open_dispatches",
        machines::get_open_dispatches,
    ),
    ("pitches/set_demand", production::set_demand),
    ("dispatchtechnicians/dispatch", technicians::dispatch),
    ("dispatchtechnicians/complete", technicians::complete),
    ("documents/list_bycategory", documents::list_bycategory),
    ("documents/viewinfo", documents::viewinfo),
    ("machines/set_cycle_count", machines::set_cycle_count),
    (
        "machines/increment_cycle_count",
        machines::increment_cycle_count,
    ),
    ("pitchdetails/record_details", production::record_details),
    (
        "buildsequence/get_current_order_on_line",
        production::current_order,
    ),
    (
        "buildsequence/start_change_over",
        production::start_change_over,
    ),
    (
        "buildsequence/finish_change_over",
        production::finish_change_over,
    ),
    (
        "productorders/sync_ekanban_order",
        production::sync_ekanban_order,
    ),
    ("users/clock_in", users::clock_in),
    (
        "users/clock_in_by_externalid",
        users::clock_in_by_externalid,
    ),
    ("users/clock_out", users::clock_out),
    ("users/set_externalid", users::set_externalid),
    ("users/set_active", users::set_active),
    (
        "reporting/production/daily_summary_data_by_line",
        reporting::daily,
    ),
    (
        "reporting/production/weekly_summary_data_by_line",
        reporting::weekly,
    ),
    ("reporting/production/oee_sites", reporting::oee_sites),
];

/// The action a path names, and its key.
pub(crate) fn find(segments: &[String]) -> Option<(Action, Option<&str>)> {
    for take in [3usize, 2] {
        if segments.len() < take || segments.len() > take + 1 {
            continue;
        }
        let path = segments[..take].join("/");
        if let Some((_, action)) = ACTIONS.iter().find(|(p, _)| *p == path) {
            return Some((*action, segments.get(take).map(String::as_str)));
        }
    }
    None
}

/// The `site` argument, required by every action.
pub(crate) fn site(ctx: &Ctx<'_>) -> Result<i64, ApiError> {
    ctx.call
        .site()?
        .ok_or_else(|| ApiError::failure("`site` is required"))
}

/// The table of an area the action needs.
pub(crate) fn table<'c>(ctx: &Ctx<'c>, path: &str) -> Result<&'c Table, ApiError> {
    ctx.catalog
        .table(path)
        .ok_or_else(|| ApiError::failure(format!("area `{path}` is not served by this sandbox")))
}

/// A required argument.
pub(crate) fn required<'a>(ctx: &'a Ctx<'_>, name: &str) -> Result<&'a str, ApiError> {
    ctx.call
        .arg(name)
        .filter(|v| !v.trim().is_empty())
        .ok_or_else(|| ApiError::failure(format!("`{name}` is required")))
}

/// A decimal argument (default when absent).
pub(crate) fn decimal(ctx: &Ctx<'_>, name: &str, default: f64) -> Result<f64, ApiError> {
    match ctx.call.arg(name).filter(|v| !v.trim().is_empty()) {
        None => Ok(default),
        Some(v) => match value::parse(l2l_core::FieldKind::Decimal, v) {
            Ok(Val::Real(f)) => Ok(f),
            _ => Err(ApiError::failure(format!(
                "`{name}` must be a number, got {:?}",
                short(v)
            ))),
        },
    }
}

/// A datetime argument (`YYYY-MM-DD HH:MM[:SS[.ffffff]]` or `now`), in the stored form.
pub(crate) fn time(ctx: &Ctx<'_>, name: &str) -> Result<Option<String>, ApiError> {
    match ctx.call.arg(name).filter(|v| !v.trim().is_empty()) {
        None => Ok(None),
        Some(v) => value::parse_datetime(v)
            .map(|t| Some(value::stored_datetime(t)))
            .ok_or_else(|| {
                // JavaScript's `toLocaleString([], {hour12: false})` writes midnight as 24:00
                // in en-US (L2L's JavaScript sample); L2L's Python parsing refuses hour 24.
                let hint = if v.contains(" 24:") || v.contains("T24:") {
                    " (hour 24 is not a time: midnight is 00:00)"
                } else {
                    ""
                };
                ApiError::failure(format!(
                    "`{name}` must be a time as YYYY-MM-DD HH:MM[:SS] or now, got {:?}{hint}",
                    short(v)
                ))
            }),
    }
}

/// A boolean argument in any of L2L's spellings.
pub(crate) fn flag(ctx: &Ctx<'_>, name: &str) -> Result<Option<bool>, ApiError> {
    match ctx.call.arg(name).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => value::parse_bool(v).map(Some).ok_or_else(|| {
            ApiError::failure(format!(
                "`{name}` must be true, True, 1, T, false, False, 0 or F, got {:?}",
                short(v)
            ))
        }),
    }
}

/// A record named by id (`id_arg`) or by a field (`code_arg`, compared with `field`) at
/// `site`; `None` when neither argument is sent.
pub(crate) fn reference(
    ctx: &Ctx<'_>,
    table: &Table,
    id_arg: &str,
    code_arg: &str,
    field: &str,
    site: Option<i64>,
) -> Result<Option<i64>, ApiError> {
    if let Some(id) = ctx.call.int_arg(id_arg)? {
        if !records::exists(ctx.conn, table, id)? {
            return Err(ApiError::failure(format!(
                "`{id_arg}`: no `{}` record has id {id}",
                table.path()
            )));
        }
        return Ok(Some(id));
    }
    let Some(code) = ctx.call.arg(code_arg).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    let site = if table.site_field().is_some() {
        site
    } else {
        None
    };
    match records::find(ctx.conn, table, field, &Val::Text(code.to_owned()), site)? {
        Some(id) => Ok(Some(id)),
        None => Err(ApiError::failure(format!(
            "`{code_arg}`: no `{}` record has {field} {:?}{}",
            table.path(),
            short(code),
            site.map(|s| format!(" at site {s}")).unwrap_or_default()
        ))),
    }
}

/// Like [`reference()`], but one of the two arguments is required.
pub(crate) fn required_reference(
    ctx: &Ctx<'_>,
    table: &Table,
    id_arg: &str,
    code_arg: &str,
    site: i64,
) -> Result<i64, ApiError> {
    reference(ctx, table, id_arg, code_arg, "code", Some(site))?.ok_or_else(|| {
        ApiError::failure(format!("name the record with `{id_arg}` or `{code_arg}`"))
    })
}

/// Values by field name, skipping names the table lacks.
pub(crate) fn values(table: &Table, pairs: Vec<(&str, Val)>) -> Values {
    pairs
        .into_iter()
        .filter_map(|(name, v)| table.field(name).map(|f: &'static FieldSchema| (f, v)))
        .collect()
}

/// `{"data": <record>, "success": true}` (or the record under another key).
pub(crate) fn record_answer(
    ctx: &Ctx<'_>,
    table: &Table,
    id: i64,
    key: &str,
) -> Result<Vec<u8>, ApiError> {
    let mut out = Out::new(ctx.call.format, ctx.call.micros);
    out.begin();
    out.key(key);
    if !records::write_record(ctx.conn, table, id, &Projection::all(table), &mut out)? {
        return Err(ApiError::failure(format!(
            "`{}` record {id} not found",
            table.path()
        )));
    }
    out.key("success");
    out.bool(true);
    out.end();
    Ok(out.into_bytes())
}

/// `{"success": true}`.
pub(crate) fn success(ctx: &Ctx<'_>) -> Vec<u8> {
    let mut out = Out::new(ctx.call.format, ctx.call.micros);
    out.begin();
    out.key("success");
    out.bool(true);
    out.end();
    out.into_bytes()
}

/// The record id in the path key (`dispatches/close/<id>/`) or the `id` argument.
pub(crate) fn path_id(ctx: &Ctx<'_>, key: Option<&str>) -> Result<i64, ApiError> {
    match key {
        Some(k) => k.parse().map_err(|_| {
            ApiError::failure(format!(
                "expected a record id in the path, got {:?}",
                short(k)
            ))
        }),
        None => ctx
            .call
            .int_arg("id")?
            .ok_or_else(|| ApiError::failure("name the record's id in the path")),
    }
}

/// A datetime argument as JavaScript and hand-written tools send it: [`time()`]'s forms,
/// and month, day and hour not zero-padded (`2026-1-5 6:30`), seconds optional.
pub(crate) fn loose_time(ctx: &Ctx<'_>, name: &str) -> Result<Option<String>, ApiError> {
    let Some(v) = ctx.call.arg(name).filter(|v| !v.trim().is_empty()) else {
        return Ok(None);
    };
    if let Some(t) = value::parse_datetime(v) {
        return Ok(Some(value::stored_datetime(t)));
    }
    let padded = pad_datetime(v.trim());
    match padded.as_deref().and_then(value::parse_datetime) {
        Some(t) => Ok(Some(value::stored_datetime(t))),
        None => time(ctx, name),
    }
}

/// `2026-1-5 6:30` as `2026-01-05 06:30:00`; `None` unless it has that shape.
fn pad_datetime(v: &str) -> Option<String> {
    let (date, clock) = v.split_once([' ', 'T'])?;
    let d: Vec<u32> = date
        .split('-')
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    let c: Vec<u32> = clock
        .split(':')
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    if d.len() != 3 || !(2..=3).contains(&c.len()) {
        return None;
    }
    Some(format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
        d[0],
        d[1],
        d[2],
        c[0],
        c[1],
        c.get(2).copied().unwrap_or(0)
    ))
}

/// `{"data": [<record>...], "success": true}` for records of `table` by id.
pub(crate) fn records_answer(
    ctx: &Ctx<'_>,
    table: &Table,
    ids: &[i64],
) -> Result<Vec<u8>, ApiError> {
    let mut out = Out::new(ctx.call.format, ctx.call.micros);
    out.begin();
    out.key("data");
    out.begin_array();
    let projection = Projection::all(table);
    for id in ids {
        records::write_record(ctx.conn, table, *id, &projection, &mut out)?;
    }
    out.end_array();
    out.key("success");
    out.bool(true);
    out.end();
    Ok(out.into_bytes())
}
