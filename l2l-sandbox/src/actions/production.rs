//! Production: `pitchdetails/record_details/`, the build sequence's current order and
//! change-overs, and `productorders/sync_ekanban_order/`.
//!
//! Build-sequence statuses as the sandbox uses them: 2 scheduled, 3 running, 4 changing
//! over, 5 done.

use rusqlite::OptionalExtension;

use super::{ApiError, decimal, record_answer, reference, required, site, table, time, values};
use crate::call::Ctx;
use crate::call::short;
use crate::render::Out;
use crate::store::Table;
use crate::store::records;
use crate::store::value::Val;

/// The line named by `linecode` or `line_externalid`.
fn line(ctx: &Ctx<'_>, site: i64) -> Result<i64, ApiError> {
    let lines = table(ctx, "lines")?;
    if let Some(id) = reference(ctx, lines, "line_id", "linecode", "code", Some(site))? {
        return Ok(id);
    }
    reference(
        ctx,
        lines,
        "line",
        "line_externalid",
        "externalid",
        Some(site),
    )?
    .ok_or_else(|| ApiError::failure("name the line with `linecode` or `line_externalid`"))
}

/// The product with this code at `site`, created when unknown.
fn product(ctx: &Ctx<'_>, site: i64, code: &str) -> Result<i64, ApiError> {
    let products = table(ctx, "productcomponents")?;
    if let Some(id) = records::find(
        ctx.conn,
        products,
        "code",
        &Val::Text(code.into()),
        Some(site),
    )? {
        return Ok(id);
    }
    let v = values(
        products,
        vec![
            ("site", Val::Int(site)),
            ("code", Val::Text(code.into())),
            ("description", Val::Text(code.into())),
            ("active", Val::Int(1)),
        ],
    );
    Ok(records::insert(ctx.conn, products, v, ctx.actor)?)
}

/// The pitch of `line` holding `at`, created (one hour, on the hour) when there is none.
fn pitch(ctx: &Ctx<'_>, pitches: &Table, site: i64, line: i64, at: &str) -> Result<i64, ApiError> {
    let found: Option<i64> = ctx
        .conn
        .prepare_cached(&format!(
            "SELECT \"id\" FROM {} WHERE \"line\" = ?1 AND \"pitch_start\" <= ?2 AND \"pitch_end\" > ?2 ORDER BY \"id\" LIMIT 1",
            pitches.sql
        ))?
        .query_row(rusqlite::params![line, at], |r| r.get(0))
        .optional()?;
    if let Some(id) = found {
        return Ok(id);
    }
    let hour = format!("{}:00:00.000000", &at[..13]);
    let end = hour
        .parse::<l2l_core::DateTime>()
        .ok()
        .and_then(|d| d.0.checked_add(jiff::Span::new().hours(1)).ok())
        .map(crate::store::value::stored_datetime)
        .unwrap_or_else(|| at.to_owned());
    let area = match ctx.catalog.table("lines") {
        Some(lines) => records::get(ctx.conn, lines, line, "area")?.unwrap_or(Val::Null),
        None => Val::Null,
    };
    let v = values(
        pitches,
        vec![
            ("site", Val::Int(site)),
            ("line", Val::Int(line)),
            ("area", area),
            ("pitch_start", Val::Text(hour)),
            ("pitch_end", Val::Text(end)),
            ("actual", Val::Real(0.0)),
            ("demand", Val::Real(0.0)),
            ("scrap", Val::Real(0.0)),
            ("planned_production_minutes", Val::Real(60.0)),
            ("shift_start_date", Val::Text(at[..10].to_owned())),
        ],
    );
    Ok(records::insert(ctx.conn, pitches, v, ctx.actor)?)
}

/// `pitchdetails/record_details/`: stores a pitch detail (actual, scrap, operator count
/// over `start`..`end`, `now` allowed) in the pitch holding `end`, adds it to the pitch,
/// and creates the product when its code is unknown.
pub(crate) fn record_details(ctx: &Ctx<'_>, _key: Option<&str>) -> Result<Vec<u8>, ApiError> {
    let site = site(ctx)?;
    let details = table(ctx, "pitchdetails")?;
    let line = line(ctx, site)?;
    let code = required(ctx, "productcode")?.to_owned();
    let start = time(ctx, "start")?.ok_or_else(|| ApiError::failure("`start` is required"))?;
    let end = time(ctx, "end")?.ok_or_else(|| ApiError::failure("`end` is required"))?;
    if end < start {
        return Err(ApiError::failure("`end` must not be before `start`"));
    }
    let actual = decimal(ctx, "actual", 0.0)?;
    let scrap = decimal(ctx, "scrap", 0.0)?;
    let operators = decimal(ctx, "operator_count", 0.0)?;
    let tx = ctx.conn.unchecked_transaction()?;
    let product = product(ctx, site, &code)?;
    let pitch_id = match ctx.catalog.table("pitches") {
        Some(pitches) => {
            let id = pitch(ctx, pitches, site, line, &end)?;
            tx.execute(
                &format!(
                    "UPDATE {} SET \"actual\" = COALESCE(\"actual\", 0) + ?1, \"scrap\" = COALESCE(\"scrap\", 0) + ?2, \"actual_product\" = ?3 WHERE \"id\" = ?4",
                    pitches.sql
                ),
                rusqlite::params![actual, scrap, product, id],
            )?;
            Val::Int(id)
        }
        None => Val::Null,
    };
    let v = values(
        details,
        vec![
            ("site", Val::Int(site)),
            ("pitch", pitch_id),
            ("line", Val::Int(line)),
            ("product", Val::Int(product)),
            ("start", Val::Text(start)),
            ("end", Val::Text(end)),
            ("actual", Val::Real(actual)),
            ("scrap", Val::Real(scrap)),
            ("operator_count", Val::Real(operators)),
        ],
    );
    let id = records::insert(&tx, details, v, ctx.actor)?;
    tx.commit()?;
    record_answer(ctx, details, id, "data")
}

fn order_with(
    ctx: &Ctx<'_>,
    orders: &Table,
    line: i64,
    statuses: &str,
) -> Result<Option<i64>, ApiError> {
    Ok(ctx
        .conn
        .prepare_cached(&format!(
            "SELECT \"id\" FROM {} WHERE \"line\" = ?1 AND \"status\" IN ({statuses}) ORDER BY \"status\" DESC, \"schedule_start_date\", \"id\" LIMIT 1",
            orders.sql
        ))?
        .query_row([line], |r| r.get(0))
        .optional()?)
}

fn maybe_order(ctx: &Ctx<'_>, orders: &Table, id: Option<i64>) -> Result<Vec<u8>, ApiError> {
    match id {
        Some(id) => record_answer(ctx, orders, id, "data"),
        None => {
            let mut out = Out::new(ctx.call.format, ctx.call.micros);
            out.begin();
            out.key("data");
            out.null();
            out.key("success");
            out.bool(true);
            out.end();
            Ok(out.into_bytes())
        }
    }
}

/// `buildsequence/get_current_order_on_line/`: the running order of the line (or the
/// next scheduled one); `data` is null when there is none.
pub(crate) fn current_order(ctx: &Ctx<'_>, _key: Option<&str>) -> Result<Vec<u8>, ApiError> {
    let site = site(ctx)?;
    let orders = table(ctx, "buildsequence")?;
    let line = line(ctx, site)?;
    let id = order_with(ctx, orders, line, "3, 4")?.or(order_with(ctx, orders, line, "2")?);
    maybe_order(ctx, orders, id)
}

/// The order a change-over targets: by `id`/`externalid`, by `productcode` (created when
/// the line has none for it), or the next scheduled one.
fn target_order(
    ctx: &Ctx<'_>,
    orders: &Table,
    site: i64,
    line: i64,
) -> Result<Option<i64>, ApiError> {
    if let Some(id) = reference(ctx, orders, "id", "externalid", "externalid", Some(site))? {
        return Ok(Some(id));
    }
    if let Some(code) = ctx.call.arg("productcode").filter(|c| !c.is_empty()) {
        let product = product(ctx, site, code)?;
        let existing: Option<i64> = ctx
            .conn
            .prepare_cached(&format!(
                "SELECT \"id\" FROM {} WHERE \"line\" = ?1 AND \"product\" = ?2 AND \"status\" IN (2, 3, 4) ORDER BY \"id\" LIMIT 1",
                orders.sql
            ))?
            .query_row([line, product], |r| r.get(0))
            .optional()?;
        if existing.is_some() {
            return Ok(existing);
        }
        let v = values(
            orders,
            vec![
                ("site", Val::Int(site)),
                ("line", Val::Int(line)),
                ("product", Val::Int(product)),
                ("status", Val::Int(2)),
                (
                    "schedule_start_date",
                    Val::Text(crate::store::value::now_stored()),
                ),
            ],
        );
        return Ok(Some(records::insert(ctx.conn, orders, v, ctx.actor)?));
    }
    order_with(ctx, orders, line, "2")
}

fn set_status(ctx: &Ctx<'_>, orders: &Table, id: i64, status: i64) -> Result<(), ApiError> {
    let f = orders
        .field("status")
        .ok_or_else(|| ApiError::failure("build sequences have no `status` here"))?;
    records::update(
        ctx.conn,
        orders,
        id,
        vec![(f, Val::Int(status))],
        ctx.actor,
        true,
    )?;
    Ok(())
}

/// `buildsequence/start_change_over/`: the running order is done (5), the target order
/// starts changing over (4).
pub(crate) fn start_change_over(ctx: &Ctx<'_>, _key: Option<&str>) -> Result<Vec<u8>, ApiError> {
    let site = site(ctx)?;
    let orders = table(ctx, "buildsequence")?;
    let line = line(ctx, site)?;
    let tx = ctx.conn.unchecked_transaction()?;
    let target = target_order(ctx, orders, site, line)?;
    if let Some(running) = order_with(ctx, orders, line, "3")?
        && Some(running) != target
    {
        set_status(ctx, orders, running, 5)?;
    }
    if let Some(t) = target {
        set_status(ctx, orders, t, 4)?;
    }
    tx.commit()?;
    maybe_order(ctx, orders, target)
}

/// `buildsequence/finish_change_over/`: the order changing over starts running (3).
pub(crate) fn finish_change_over(ctx: &Ctx<'_>, _key: Option<&str>) -> Result<Vec<u8>, ApiError> {
    let site = site(ctx)?;
    let orders = table(ctx, "buildsequence")?;
    let line = line(ctx, site)?;
    let explicit = reference(ctx, orders, "id", "externalid", "externalid", Some(site))?;
    let id = match explicit {
        Some(id) => Some(id),
        None => order_with(ctx, orders, line, "4")?,
    };
    if let Some(id) = id {
        set_status(ctx, orders, id, 3)?;
    }
    maybe_order(ctx, orders, id)
}

/// `productorders/sync_ekanban_order/`: creates the order, or updates the one with the
/// same `externalid`; the product is created when its code is unknown.
pub(crate) fn sync_ekanban_order(ctx: &Ctx<'_>, _key: Option<&str>) -> Result<Vec<u8>, ApiError> {
    let site = site(ctx)?;
    let orders = table(ctx, "productorders")?;
    let code = required(ctx, "productcode")?.to_owned();
    let name = required(ctx, "name")?.to_owned();
    let quantity = decimal(ctx, "order_quantity", f64::NAN)?;
    let card = decimal(ctx, "card_size", f64::NAN)?;
    if quantity.is_nan() || card.is_nan() {
        return Err(ApiError::failure(
            "`order_quantity` and `card_size` are required",
        ));
    }
    if card <= 0.0 {
        return Err(ApiError::failure(format!(
            "`card_size` must be above zero, got {}",
            short(&card.to_string())
        )));
    }
    let external = ctx
        .call
        .arg("externalid")
        .filter(|e| !e.is_empty())
        .map(str::to_owned);
    let tx = ctx.conn.unchecked_transaction()?;
    let product = product(ctx, site, &code)?;
    let v = values(
        orders,
        vec![
            ("site", Val::Int(site)),
            ("product", Val::Int(product)),
            ("name", Val::Text(name)),
            ("order_quantity", Val::Real(quantity)),
            ("card_size", Val::Real(card)),
            (
                "externalid",
                external.clone().map(Val::Text).unwrap_or(Val::Null),
            ),
        ],
    );
    let existing = match &external {
        Some(e) => records::find(
            ctx.conn,
            orders,
            "externalid",
            &Val::Text(e.clone()),
            Some(site),
        )?,
        None => None,
    };
    let id = match existing {
        Some(id) => {
            records::update(ctx.conn, orders, id, v, ctx.actor, true)?;
            id
        }
        None => records::insert(ctx.conn, orders, v, ctx.actor)?,
    };
    tx.commit()?;
    record_answer(ctx, orders, id, "data")
}

/// `pitches/set_demand/`: sets `demand` on the pitches of a line (`linecode`) that start
/// in the window `start`..`end` (times as tools write them, `2026-1-5 6:30` too); the answer
/// lists the pitches changed.
pub(crate) fn set_demand(ctx: &Ctx<'_>, _key: Option<&str>) -> Result<Vec<u8>, ApiError> {
    let site = site(ctx)?;
    let pitches = table(ctx, "pitches")?;
    let line = line(ctx, site)?;
    let start =
        super::loose_time(ctx, "start")?.ok_or_else(|| ApiError::failure("`start` is required"))?;
    let end =
        super::loose_time(ctx, "end")?.ok_or_else(|| ApiError::failure("`end` is required"))?;
    if end <= start {
        return Err(ApiError::failure("`end` must be after `start`"));
    }
    required(ctx, "demand")?;
    let demand = decimal(ctx, "demand", 0.0)?;
    if demand < 0.0 {
        return Err(ApiError::failure("`demand` may not be negative"));
    }
    let ids: Vec<i64> = ctx
        .conn
        .prepare_cached(&format!(
            "SELECT \"id\" FROM {} WHERE \"site\" = ?1 AND \"line\" = ?2 \
             AND \"pitch_start\" >= ?3 AND \"pitch_start\" < ?4 ORDER BY \"pitch_start\", \"id\"",
            pitches.sql
        ))?
        .query_map(rusqlite::params![site, line, start, end], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let tx = ctx.conn.unchecked_transaction()?;
    for id in &ids {
        let v = values(pitches, vec![("demand", Val::Real(demand))]);
        records::update(&tx, pitches, *id, v, ctx.actor, true)?;
    }
    tx.commit()?;
    super::records_answer(ctx, pitches, &ids)
}
