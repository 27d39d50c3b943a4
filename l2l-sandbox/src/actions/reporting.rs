//! Reporting (`reporting/production/...`): sums of the recorded pitch details.
//!
//! - `daily_summary_data_by_line/` (`site`, `start`, `end`, optional `linecode` list,
//!   `line_id`, `show_products`, `show_shifts`): one row per line (and product), adding up
//!   the details whose `end` falls in `start..=end`, with the pitches'
//!   `nonproduction_minutes`, `line_categories` (the sandbox knows one category of a line:
//!   its area's code) and, with `show_products`, `products` (each product made on the
//!   line: `product_id`, `product`, `actual`, `scrap`);
//! - `weekly_summary_data_by_line/` (`site`, `date`): the same over the Monday-to-Sunday
//!   week holding `date`, with `average_oee` and `average_demand`;
//! - `oee_sites/` (`site`, `start`, `end`): one row for the site.
//!
//! Numbers are decimal strings, as L2L sends them. OEE here is quality (good over all
//! parts) times availability (planned minutes less dispatch downtime, over planned).

use serde_json::{Value, json};

use super::{ApiError, flag, site, table, time};
use crate::call::Ctx;
use crate::call::short;
use crate::render::Out;
use crate::store::records::decimal;

#[derive(Debug, Default, Clone, Copy)]
struct Sums {
    actual: f64,
    scrap: f64,
    operators: f64,
    pitches: i64,
    downtime: f64,
}

impl Sums {
    fn planned(&self) -> f64 {
        self.pitches as f64 * 60.0
    }

    fn oee(&self) -> f64 {
        let total = self.actual + self.scrap;
        let planned = self.planned();
        if total <= 0.0 || planned <= 0.0 {
            return 0.0;
        }
        let availability = ((planned - self.downtime) / planned).clamp(0.0, 1.0);
        (self.actual / total * availability * 10_000.0).round() / 100.0
    }

    fn fill(&self, row: &mut serde_json::Map<String, Value>) {
        let total = self.actual + self.scrap;
        let scrap_percent = if total > 0.0 {
            self.scrap / total * 100.0
        } else {
            0.0
        };
        for (k, v) in [
            ("actual", self.actual),
            ("scrap", self.scrap),
            ("scrap_percent", (scrap_percent * 100.0).round() / 100.0),
            ("demand", 0.0),
            ("operator_count", (self.operators * 100.0).round() / 100.0),
            ("downtime_minutes", self.downtime),
            ("planned_production_minutes", self.planned()),
            ("overall_equipment_effectiveness", self.oee()),
        ] {
            row.insert(k.into(), Value::String(decimal(v)));
        }
        row.insert("pitch_count".into(), json!(self.pitches));
    }
}

/// The details of `line` (and `product`, when given) ending in `from..=to`.
fn sums(
    ctx: &Ctx<'_>,
    line: i64,
    product: Option<i64>,
    from: &str,
    to: &str,
) -> Result<Sums, ApiError> {
    let Some(details) = ctx.catalog.table("pitchdetails") else {
        return Ok(Sums::default());
    };
    let mut s: Sums = ctx.conn.prepare_cached(&format!(
        "SELECT COALESCE(SUM(\"actual\"), 0), COALESCE(SUM(\"scrap\"), 0), COALESCE(AVG(\"operator_count\"), 0), COUNT(DISTINCT \"pitch\")
         FROM {} WHERE \"line\" = ?1 AND \"end\" >= ?2 AND \"end\" <= ?3 AND (?4 IS NULL OR \"product\" = ?4)",
        details.sql
    ))?
    .query_row(rusqlite::params![line, from, to, product], |r| {
        Ok(Sums {
            actual: r.get(0)?,
            scrap: r.get(1)?,
            operators: r.get(2)?,
            pitches: r.get(3)?,
            downtime: 0.0,
        })
    })?;
    if let Some(dispatches) = ctx.catalog.table("dispatches")
        && dispatches.field("downtime").is_some()
    {
        s.downtime = ctx
            .conn
            .prepare_cached(&format!(
                "SELECT COALESCE(SUM(\"downtime\"), 0) FROM {} WHERE \"line\" = ?1 AND \"completed\" >= ?2 AND \"completed\" <= ?3",
                dispatches.sql
            ))?
            .query_row(rusqlite::params![line, from, to], |r| r.get(0))?;
    }
    Ok(s)
}

/// The non-production minutes (breaks) of the line's pitches starting in `from..=to`.
fn nonproduction(ctx: &Ctx<'_>, line: i64, from: &str, to: &str) -> Result<f64, ApiError> {
    let Some(pitches) = ctx
        .catalog
        .table("pitches")
        .filter(|t| t.field("nonproduction_minutes").is_some())
    else {
        return Ok(0.0);
    };
    Ok(ctx
        .conn
        .prepare_cached(&format!(
            "SELECT COALESCE(SUM(\"nonproduction_minutes\"), 0) FROM {} \
             WHERE \"line\" = ?1 AND \"pitch_start\" >= ?2 AND \"pitch_start\" <= ?3",
            pitches.sql
        ))?
        .query_row(rusqlite::params![line, from, to], |r| r.get(0))?)
}

struct LineInfo {
    id: i64,
    code: String,
    area_id: Option<i64>,
    area: Option<String>,
}

fn lines(ctx: &Ctx<'_>, site: i64) -> Result<Vec<LineInfo>, ApiError> {
    let t = table(ctx, "lines")?;
    let codes: Vec<String> = ctx
        .call
        .arg("linecode")
        .filter(|c| !c.is_empty())
        .map(|c| c.split(',').map(|s| s.trim().to_owned()).collect())
        .unwrap_or_default();
    let only = ctx.call.int_arg("line_id")?;
    let production = t.field("enable_production").is_some() && codes.is_empty() && only.is_none();
    let mut stmt = ctx.conn.prepare_cached(&format!(
        "SELECT \"id\", \"code\", {}, {} FROM {} WHERE \"site\" = ?1 {} ORDER BY \"id\"",
        if t.field("area").is_some() {
            "\"area\""
        } else {
            "NULL"
        },
        if t.field("areacode").is_some() {
            "\"areacode\""
        } else {
            "NULL"
        },
        t.sql,
        if production {
            "AND \"enable_production\" = 1"
        } else {
            ""
        }
    ))?;
    let all = stmt
        .query_map([site], |r| {
            Ok(LineInfo {
                id: r.get(0)?,
                code: r.get::<_, Option<String>>(1)?.unwrap_or_default(),
                area_id: r.get(2)?,
                area: r.get(3)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    for c in &codes {
        if !all.iter().any(|l| &l.code == c) {
            return Err(ApiError::failure(format!(
                "`linecode`: no line {:?} at site {site}",
                short(c)
            )));
        }
    }
    Ok(all
        .into_iter()
        .filter(|l| codes.is_empty() || codes.contains(&l.code))
        .filter(|l| only.is_none_or(|o| o == l.id))
        .collect())
}

fn products(
    ctx: &Ctx<'_>,
    line: i64,
    from: &str,
    to: &str,
) -> Result<Vec<(i64, String)>, ApiError> {
    let (Some(details), Some(products)) = (
        ctx.catalog.table("pitchdetails"),
        ctx.catalog.table("productcomponents"),
    ) else {
        return Ok(Vec::new());
    };
    let mut stmt = ctx.conn.prepare_cached(&format!(
        "SELECT DISTINCT d.\"product\", p.\"code\" FROM {} d JOIN {} p ON p.\"id\" = d.\"product\"
         WHERE d.\"line\" = ?1 AND d.\"end\" >= ?2 AND d.\"end\" <= ?3 ORDER BY d.\"product\"",
        details.sql, products.sql
    ))?;
    let rows = stmt
        .query_map(rusqlite::params![line, from, to], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

fn summary(ctx: &Ctx<'_>, site: i64, from: &str, to: &str) -> Result<Vec<Value>, ApiError> {
    let show_products = flag(ctx, "show_products")?.unwrap_or(false);
    let show_shifts = flag(ctx, "show_shifts")?.unwrap_or(false);
    let mut rows = Vec::new();
    for l in lines(ctx, site)? {
        let per: Vec<(Option<i64>, Option<String>)> = if show_products {
            products(ctx, l.id, from, to)?
                .into_iter()
                .map(|(id, code)| (Some(id), Some(code)))
                .collect()
        } else {
            vec![(None, None)]
        };
        for (product_id, product) in per {
            let mut row = serde_json::Map::new();
            row.insert("site".into(), json!(site));
            row.insert("area".into(), json!(l.area));
            row.insert("area_id".into(), json!(l.area_id));
            row.insert("line".into(), json!(l.code));
            row.insert("line_id".into(), json!(l.id));
            row.insert("product".into(), json!(product));
            row.insert("product_id".into(), json!(product_id));
            if show_shifts {
                row.insert("shift".into(), json!("All shifts"));
                row.insert("shift_id".into(), Value::Null);
            }
            row.insert("start_date".into(), json!(&from[..10]));
            row.insert("end_date".into(), json!(&to[..10]));
            sums(ctx, l.id, product_id, from, to)?.fill(&mut row);
            row.insert(
                "nonproduction_minutes".into(),
                Value::String(decimal(nonproduction(ctx, l.id, from, to)?)),
            );
            row.insert(
                "line_categories".into(),
                json!(l.area.iter().collect::<Vec<_>>()),
            );
            if show_products {
                let mut list = Vec::new();
                for (id, code) in products(ctx, l.id, from, to)? {
                    let s = sums(ctx, l.id, Some(id), from, to)?;
                    list.push(json!({
                        "product_id": id,
                        "product": code,
                        "actual": decimal(s.actual),
                        "scrap": decimal(s.scrap),
                    }));
                }
                row.insert("products".into(), Value::Array(list));
            }
            rows.push(Value::Object(row));
        }
    }
    Ok(rows)
}

fn answer(ctx: &Ctx<'_>, rows: &[Value]) -> Vec<u8> {
    let mut out = Out::new(ctx.call.format, ctx.call.micros);
    out.begin();
    out.key("data");
    out.begin_array();
    for r in rows {
        out.json(r);
    }
    out.end_array();
    out.key("success");
    out.bool(true);
    out.end();
    out.into_bytes()
}

fn range(ctx: &Ctx<'_>) -> Result<(String, String), ApiError> {
    let from = time(ctx, "start")?.ok_or_else(|| ApiError::failure("`start` is required"))?;
    let to = time(ctx, "end")?.ok_or_else(|| ApiError::failure("`end` is required"))?;
    if to < from {
        return Err(ApiError::failure("`end` must not be before `start`"));
    }
    Ok((from, to))
}

/// `reporting/production/daily_summary_data_by_line/`.
pub(crate) fn daily(ctx: &Ctx<'_>, _key: Option<&str>) -> Result<Vec<u8>, ApiError> {
    let site = site(ctx)?;
    let (from, to) = range(ctx)?;
    Ok(answer(ctx, &summary(ctx, site, &from, &to)?))
}

/// `reporting/production/weekly_summary_data_by_line/`.
pub(crate) fn weekly(ctx: &Ctx<'_>, _key: Option<&str>) -> Result<Vec<u8>, ApiError> {
    let site = site(ctx)?;
    let raw = ctx
        .call
        .arg("date")
        .ok_or_else(|| ApiError::failure("`date` is required"))?;
    let date = raw
        .parse::<l2l_core::Date>()
        .map_err(|_| ApiError::failure(format!("`date` must be YYYY-MM-DD, got {:?}", short(raw))))?
        .0;
    let monday = date
        .checked_sub(jiff::Span::new().days(i64::from(date.weekday().to_monday_zero_offset())))
        .unwrap_or(date);
    let sunday = monday
        .checked_add(jiff::Span::new().days(6))
        .unwrap_or(monday);
    let from = format!("{monday}T00:00:00.000000");
    let to = format!("{sunday}T23:59:59.999999");
    let mut rows = summary(ctx, site, &from, &to)?;
    for r in &mut rows {
        if let Value::Object(m) = r {
            let oee = m
                .get("overall_equipment_effectiveness")
                .cloned()
                .unwrap_or(Value::Null);
            m.insert("average_oee".into(), oee);
            m.insert("average_demand".into(), Value::String(decimal(0.0)));
        }
    }
    Ok(answer(ctx, &rows))
}

/// `reporting/production/oee_sites/`.
pub(crate) fn oee_sites(ctx: &Ctx<'_>, _key: Option<&str>) -> Result<Vec<u8>, ApiError> {
    let site = site(ctx)?;
    let (from, to) = range(ctx)?;
    let mut total = Sums::default();
    for l in lines(ctx, site)? {
        let s = sums(ctx, l.id, None, &from, &to)?;
        total.actual += s.actual;
        total.scrap += s.scrap;
        total.pitches += s.pitches;
        total.downtime += s.downtime;
    }
    let planned = total.planned();
    let availability = if planned > 0.0 {
        ((planned - total.downtime) / planned * 100.0).clamp(0.0, 100.0)
    } else {
        0.0
    };
    let row = json!({
        "site": site,
        "overall_equipment_effectiveness": decimal(total.oee()),
        "operational_availability": decimal((availability * 100.0).round() / 100.0),
        "actual": decimal(total.actual),
        "scrap": decimal(total.scrap),
    });
    Ok(answer(ctx, &[row]))
}
