//! `lines/get_cycle_times/` and `scrapdetail/add_scrap_detail/`.

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

/// `lines/get_cycle_times/`: per product made on the line (`line_code`; one product with
/// `product_code`), the seconds per part over its recorded pitch details.
pub(crate) fn get_cycle_times(ctx: &Ctx<'_>, _key: Option<&str>) -> Result<Vec<u8>, ApiError> {
    let site = site(ctx)?;
    let lines = table(ctx, "lines")?;
    let products = table(ctx, "productcomponents")?;
    let details = table(ctx, "pitchdetails")?;
    let line_code = required(ctx, "line_code")?.to_owned();
    let line = reference(ctx, lines, "line_id", "line_code", "code", Some(site))?
        .ok_or_else(|| ApiError::failure("`line_code` is required"))?;
    let product = reference(
        ctx,
        products,
        "product_id",
        "product_code",
        "code",
        Some(site),
    )?;
    let mut stmt = ctx.conn.prepare_cached(&format!(
        "SELECT p.\"code\", SUM((julianday(d.\"end\") - julianday(d.\"start\")) * 86400.0) / SUM(d.\"actual\") \
         FROM {} AS d JOIN {} AS p ON p.\"id\" = d.\"product\" \
         WHERE d.\"line\" = ?1 AND (?2 IS NULL OR d.\"product\" = ?2) AND d.\"actual\" > 0 \
         GROUP BY p.\"id\" ORDER BY p.\"code\"",
        details.sql, products.sql
    ))?;
    let mut rows = stmt.query(rusqlite::params![line, product])?;
    let mut out = Out::new(ctx.call.format, ctx.call.micros);
    out.begin();
    out.key("data");
    out.begin_array();
    while let Some(row) = rows.next()? {
        out.begin_object();
        out.key("linecode");
        out.str(&line_code);
        out.key("productcode");
        records::write_value(&mut out, l2l_core::FieldKind::Text, row.get_ref(0)?);
        out.key("cycle_time");
        match row.get::<_, Option<f64>>(1)? {
            Some(s) => out.str(&format!("{:.2}", s)),
            None => out.null(),
        }
        out.end_object();
    }
    out.end_array();
    out.key("success");
    out.bool(true);
    out.end();
    Ok(out.into_bytes())
}
