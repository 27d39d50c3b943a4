//! `lines/get_cycle_times/`, `lines/add_update_cycle_time/` and
//! `scrapdetail/add_scrap_detail/`.

use super::{ApiError, decimal, record_answer, reference, required, site, table, time, values};
use crate::call::Ctx;
use crate::render::Out;
use crate::store::records;
use crate::store::value::{self, Val};

/// `scrapdetail/add_scrap_detail/`: scrap of a category (`scrapcategory`, a code) on a
/// line (`linecode`) at `scrap_datetime` (now when absent); listed by `scrapdetail/`.
pub(crate) fn add_scrap_detail(ctx: &Ctx<'_>, _key: Option<&str>) -> Result<Vec<u8>, ApiError> {
    let site = site(ctx)?;
    let details = table(ctx, "scrapdetail")?;
    let line = reference(
        ctx,
        table(ctx, "lines")?,
        "line",
        "linecode",
        "code",
        Some(site),
    )?
    .ok_or_else(|| ApiError::failure("`linecode` is required"))?;
    required(ctx, "scrapcategory")?;
    let category = reference(
        ctx,
        table(ctx, "scrapcategory")?,
        "scrapcategory_id",
        "scrapcategory",
        "code",
        Some(site),
    )?
    .ok_or_else(|| ApiError::failure("`scrapcategory` is required"))?;
    if ctx.call.arg("scrap").is_none() {
        return Err(ApiError::failure("`scrap` is required"));
    }
    let scrap = decimal(ctx, "scrap", 0.0)?;
    let at = time(ctx, "scrap_datetime")?.unwrap_or_else(value::now_stored);
    let v = values(
        details,
        vec![
            ("site", Val::Int(site)),
            ("line", Val::Int(line)),
            ("category", Val::Int(category)),
            ("scrap", Val::Real(scrap)),
            ("start", Val::Text(at)),
        ],
    );
    let id = records::insert(ctx.conn, details, v, ctx.actor)?;
    record_answer(ctx, details, id, "data")
}

/// The sandbox keeps the cycle times that `lines/add_update_cycle_time/` sets in the
/// table `_cycle_times`, which no record area serves: one row per line and product.
pub(crate) fn ensure_cycle_times(conn: &rusqlite::Connection) -> rusqlite::Result<()> {
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS _cycle_times (id INTEGER PRIMARY KEY AUTOINCREMENT, \
         site INTEGER NOT NULL, line INTEGER NOT NULL, product INTEGER NOT NULL, \
         cycle_time_seconds REAL NOT NULL, operator_count REAL, max_quantity_per_pitch REAL, \
         planning_rate REAL, lastupdated TEXT, UNIQUE (line, product))",
    )
}

/// The line (`line_code`, `linecode`, `line_id` or `line`) an action on cycle times names.
fn cycle_line(ctx: &Ctx<'_>, site: i64) -> Result<i64, ApiError> {
    let lines = table(ctx, "lines")?;
    let code_arg = if ctx.call.arg("line_code").is_some() {
        "line_code"
    } else {
        "linecode"
    };
    let id_arg = if ctx.call.arg("line_id").is_some() {
        "line_id"
    } else {
        "line"
    };
    reference(ctx, lines, id_arg, code_arg, "code", Some(site))?
        .ok_or_else(|| ApiError::failure("`line_code` is required"))
}

/// The product (`product_code`, `productcode`, `product_id` or `product`), if named.
fn cycle_product(ctx: &Ctx<'_>, site: i64) -> Result<Option<i64>, ApiError> {
    let products = table(ctx, "productcomponents")?;
    let code_arg = if ctx.call.arg("product_code").is_some() {
        "product_code"
    } else {
        "productcode"
    };
    let id_arg = if ctx.call.arg("product_id").is_some() {
        "product_id"
    } else {
        "product"
    };
    reference(ctx, products, id_arg, code_arg, "code", Some(site))
}

/// `lines/add_update_cycle_time/`: sets the cycle time of a product on a line (`site`,
/// `line_code`, `product_code`, `cycle_time_seconds`; optional `operator_count`,
/// `planning_rate_percentage` and `max_parts`, the parts a pitch can hold), creating it or
/// updating the one there is; the answer is the cycle time as `get_cycle_times/` lists it.
pub(crate) fn add_update_cycle_time(
    ctx: &Ctx<'_>,
    _key: Option<&str>,
) -> Result<Vec<u8>, ApiError> {
    let site = site(ctx)?;
    let line = cycle_line(ctx, site)?;
    let product =
        cycle_product(ctx, site)?.ok_or_else(|| ApiError::failure("`product_code` is required"))?;
    required(ctx, "cycle_time_seconds")?;
    let seconds = decimal(ctx, "cycle_time_seconds", 0.0)?;
    if seconds <= 0.0 {
        return Err(ApiError::failure(
            "`cycle_time_seconds` must be more than 0",
        ));
    }
    let optional = |name: &str| -> Result<Option<f64>, ApiError> {
        match ctx.call.arg(name).filter(|v| !v.trim().is_empty()) {
            None => Ok(None),
            Some(_) => decimal(ctx, name, 0.0).map(Some),
        }
    };
    let operators = optional("operator_count")?;
    let rate = match optional("planning_rate_percentage")? {
        Some(r) => Some(r),
        None => optional("planning_rate")?,
    };
    let max = match optional("max_parts")? {
        Some(m) => Some(m),
        None => optional("max_quantity_per_pitch")?,
    };
    ensure_cycle_times(ctx.conn)?;
    ctx.conn.execute(
        "INSERT INTO _cycle_times (site, line, product, cycle_time_seconds, operator_count, \
         max_quantity_per_pitch, planning_rate, lastupdated) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) \
         ON CONFLICT (line, product) DO UPDATE SET cycle_time_seconds = excluded.cycle_time_seconds, \
         operator_count = COALESCE(excluded.operator_count, operator_count), \
         max_quantity_per_pitch = COALESCE(excluded.max_quantity_per_pitch, max_quantity_per_pitch), \
         planning_rate = COALESCE(excluded.planning_rate, planning_rate), \
         lastupdated = excluded.lastupdated",
        rusqlite::params![
            site,
            line,
            product,
            seconds,
            operators,
            max,
            rate,
            value::now_stored()
        ],
    )?;
    let rows = cycle_rows(ctx, line, Some(product))?;
    let mut out = Out::new(ctx.call.format, ctx.call.micros);
    out.begin();
    out.key("data");
    match rows.first() {
        Some(row) => write_cycle_row(&mut out, row),
        None => out.null(),
    }
    out.key("success");
    out.bool(true);
    out.end();
    Ok(out.into_bytes())
}

/// One cycle time: stored (with its id) or derived from pitch details (no id).
struct CycleRow {
    id: Option<i64>,
    line_code: String,
    product_code: String,
    seconds: f64,
    operators: Option<f64>,
    max: Option<f64>,
    rate: Option<f64>,
}

fn cycle_rows(ctx: &Ctx<'_>, line: i64, product: Option<i64>) -> Result<Vec<CycleRow>, ApiError> {
    let lines = table(ctx, "lines")?;
    let products = table(ctx, "productcomponents")?;
    let details = table(ctx, "pitchdetails")?;
    ensure_cycle_times(ctx.conn)?;
    let line_code = match records::get(ctx.conn, lines, line, "code")? {
        Some(Val::Text(c)) => c,
        _ => String::new(),
    };
    let mut out: Vec<CycleRow> = Vec::new();
    let mut stmt = ctx.conn.prepare_cached(&format!(
        "SELECT c.id, p.\"code\", c.cycle_time_seconds, c.operator_count, c.max_quantity_per_pitch, c.planning_rate \
         FROM _cycle_times AS c JOIN {} AS p ON p.\"id\" = c.product \
         WHERE c.line = ?1 AND (?2 IS NULL OR c.product = ?2) ORDER BY p.\"code\"",
        products.sql
    ))?;
    let mut rows = stmt.query(rusqlite::params![line, product])?;
    while let Some(row) = rows.next()? {
        out.push(CycleRow {
            id: Some(row.get(0)?),
            line_code: line_code.clone(),
            product_code: row.get::<_, Option<String>>(1)?.unwrap_or_default(),
            seconds: row.get(2)?,
            operators: row.get(3)?,
            max: row.get(4)?,
            rate: row.get(5)?,
        });
    }
    // Products made on the line without a set cycle time: seconds per part over their
    // recorded pitch details.
    let mut stmt = ctx.conn.prepare_cached(&format!(
        "SELECT p.\"code\", SUM((julianday(d.\"end\") - julianday(d.\"start\")) * 86400.0) / SUM(d.\"actual\") \
         FROM {} AS d JOIN {} AS p ON p.\"id\" = d.\"product\" \
         WHERE d.\"line\" = ?1 AND (?2 IS NULL OR d.\"product\" = ?2) AND d.\"actual\" > 0 \
         AND d.\"product\" NOT IN (SELECT product FROM _cycle_times WHERE line = ?1) \
         GROUP BY p.\"id\" ORDER BY p.\"code\"",
        details.sql, products.sql
    ))?;
    let mut rows = stmt.query(rusqlite::params![line, product])?;
    while let Some(row) = rows.next()? {
        if let Some(seconds) = row.get::<_, Option<f64>>(1)? {
            out.push(CycleRow {
                id: None,
                line_code: line_code.clone(),
                product_code: row.get::<_, Option<String>>(0)?.unwrap_or_default(),
                seconds,
                operators: None,
                max: None,
                rate: None,
            });
        }
    }
    out.sort_by(|a, b| a.product_code.cmp(&b.product_code));
    Ok(out)
}

fn write_cycle_row(out: &mut Out, row: &CycleRow) {
    let dec = |out: &mut Out, v: Option<f64>| match v {
        Some(v) => out.str(&format!("{v:.2}")),
        None => out.null(),
    };
    out.begin_object();
    out.key("id");
    match row.id {
        Some(id) => out.int(id),
        None => out.null(),
    }
    out.key("line_code");
    out.str(&row.line_code);
    out.key("product_code");
    out.str(&row.product_code);
    out.key("cycle_time_seconds");
    dec(out, Some(row.seconds));
    out.key("operator_count");
    dec(out, row.operators);
    out.key("max_quantity_per_pitch");
    dec(out, row.max);
    out.key("planning_rate");
    dec(out, row.rate);
    // The names the sandbox answered first, kept for existing callers.
    out.key("linecode");
    out.str(&row.line_code);
    out.key("productcode");
    out.str(&row.product_code);
    out.key("cycle_time");
    dec(out, Some(row.seconds));
    out.end_object();
}

/// `lines/get_cycle_times/`: the cycle times of the line (`line_code`; one product with
/// `product_code`): each `id`, `line_code`, `product_code`, `cycle_time_seconds`,
/// `operator_count`, `max_quantity_per_pitch` and `planning_rate`. Products without a
/// cycle time set by `add_update_cycle_time/` are listed with the seconds per part over
/// their recorded pitch details (and no `id`).
pub(crate) fn get_cycle_times(ctx: &Ctx<'_>, _key: Option<&str>) -> Result<Vec<u8>, ApiError> {
    let site = site(ctx)?;
    if ctx.call.arg("line_code").is_none() && ctx.call.arg("linecode").is_none() {
        required(ctx, "line_code")?;
    }
    let line = cycle_line(ctx, site)?;
    let product = cycle_product(ctx, site)?;
    let rows = cycle_rows(ctx, line, product)?;
    let mut out = Out::new(ctx.call.format, ctx.call.micros);
    out.begin();
    out.key("data");
    out.begin_array();
    for row in &rows {
        write_cycle_row(&mut out, row);
    }
    out.end_array();
    out.key("success");
    out.bool(true);
    out.end();
    Ok(out.into_bytes())
}
