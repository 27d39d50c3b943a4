//! Bulk records for benchmarks: `count` generated records, in one transaction through one
//! prepared statement per area. Values are deterministic (row `i` always gets the same
//! values): codes `<AREA>-0000042`, foreign keys cycling through the demo records, every
//! tenth nullable value null, datetimes one second apart from 2024-01-01.

use l2l_core::FieldKind;
use rusqlite::Connection;

use crate::store::value::Val;
use crate::store::{Catalog, Table};

/// The areas a spread seed fills.
fn spread_areas(catalog: &Catalog) -> Vec<&Table> {
    catalog
        .tables()
        .iter()
        .filter(|t| !matches!(t.path(), "sites" | "users") && t.schema.operations.create)
        .collect()
}

fn datetime(i: u64) -> String {
    let day = i / 86_400;
    let s = i % 86_400;
    let date = jiff::civil::date(2024, 1, 1)
        .checked_add(jiff::Span::new().days(day as i64))
        .unwrap_or(jiff::civil::date(2024, 1, 1));
    format!(
        "{}T{:02}:{:02}:{:02}.000000",
        date,
        s / 3600,
        (s / 60) % 60,
        s % 60
    )
}

/// Inserts `count` records into `area`, or spread over the areas. Returns how many.
pub(crate) fn seed(
    conn: &mut Connection,
    catalog: &Catalog,
    count: u64,
    area: Option<&str>,
) -> Result<u64, String> {
    let tables: Vec<&Table> = match area {
        Some(a) => vec![
            catalog
                .table(a)
                .ok_or_else(|| format!("--seed: unknown area {a:?}"))?,
        ],
        None => spread_areas(catalog),
    };
    if tables.is_empty() {
        return Ok(0);
    }
    let tx = conn.transaction().map_err(|e| e.to_string())?;
    let mut done = 0u64;
    let per = count / tables.len() as u64;
    let extra = count % tables.len() as u64;
    for (n, table) in tables.iter().enumerate() {
        let rows = per + u64::from((n as u64) < extra);
        done += fill(&tx, catalog, table, rows)
            .map_err(|e| format!("seeding {}: {e}", table.path()))?;
    }
    tx.commit().map_err(|e| e.to_string())?;
    Ok(done)
}

fn fill(conn: &Connection, catalog: &Catalog, table: &Table, rows: u64) -> rusqlite::Result<u64> {
    if rows == 0 {
        return Ok(0);
    }
    let fields: Vec<_> = table
        .schema
        .fields
        .iter()
        .filter(|f| !(f.id && table.id.is_some()))
        .collect();
    // The ids each foreign key cycles through.
    let mut targets: Vec<Vec<i64>> = Vec::new();
    for f in &fields {
        let ids = match catalog.target(f) {
            Some(t) if t.path() != table.path() => {
                let mut stmt = conn.prepare(&format!(
                    "SELECT {} FROM {} ORDER BY 1 LIMIT 100",
                    t.id_column(),
                    t.sql
                ))?;
                stmt.query_map([], |r| r.get(0))?
                    .collect::<Result<Vec<i64>, _>>()?
            }
            _ => Vec::new(),
        };
        targets.push(ids);
    }
    let start: i64 = conn.query_row(
        &format!(
            "SELECT COALESCE(MAX({}), 0) FROM {}",
            table.id_column(),
            table.sql
        ),
        [],
        |r| r.get(0),
    )?;
    let prefix: String = table
        .path()
        .chars()
        .take(3)
        .collect::<String>()
        .to_uppercase();
    let cols: Vec<&str> = fields.iter().map(|f| table.column(f)).collect();
    let marks: Vec<String> = (1..=fields.len()).map(|i| format!("?{i}")).collect();
    let mut stmt = conn.prepare(&format!(
        "INSERT INTO {} ({}) VALUES ({})",
        table.sql,
        cols.join(", "),
        marks.join(", ")
    ))?;
    let mut vals: Vec<Val> = vec![Val::Null; fields.len()];
    for r in 0..rows {
        let i = start as u64 + r + 1;
        for (k, f) in fields.iter().enumerate() {
            let fk = &targets[k];
            vals[k] = if f.nullable && i.is_multiple_of(10) && f.api_name != "site" {
                Val::Null
            } else if f.api_name == "site" {
                Val::Int(1)
            } else if !fk.is_empty() {
                Val::Int(fk[(i as usize) % fk.len()])
            } else {
                match f.kind {
                    FieldKind::Integer => Val::Int(i as i64),
                    FieldKind::Float | FieldKind::Decimal => Val::Real((i % 1000) as f64 / 4.0),
                    FieldKind::Bool => {
                        Val::Int((f.api_name == "active" || i.is_multiple_of(2)) as i64)
                    }
                    FieldKind::Text if matches!(f.api_name, "code" | "loginid") => {
                        Val::Text(format!("{prefix}-{i:07}"))
                    }
                    FieldKind::Text => Val::Text(format!("{} {i}", f.api_name)),
                    FieldKind::Date => {
                        Val::Text(datetime(i * 86_400 % (3650 * 86_400))[..10].to_owned())
                    }
                    FieldKind::DateTime => Val::Text(datetime(i)),
                    _ => Val::Text("[]".into()),
                }
            };
        }
        stmt.execute(rusqlite::params_from_iter(vals.iter()))?;
    }
    Ok(rows)
}
