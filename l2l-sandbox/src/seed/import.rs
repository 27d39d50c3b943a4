//! A tenant mirror: the records that `l2l sync --to sqlite:FILE` wrote, read back into a
//! new sandbox with their ids and custom properties (`--import sqlite:FILE`).
//!
//! The file must be such a sync's output: its `_l2l_sync_state` table names the areas it
//! holds, and each area's table has a column per property (the API's names), `_extra` (a
//! JSON object of what the area does not declare: custom properties are its `custom__`
//! members) and, with `--keep-deleted`, `_deleted_at`. Rows marked deleted are left out.

use std::collections::BTreeSet;
use std::path::Path;

use rusqlite::types::ValueRef;
use rusqlite::{Connection, OpenFlags};

use super::Seeder;
use crate::store::records::{self, Actor};
use crate::store::value::{self, Val};
use crate::store::{Catalog, Table};
use l2l_core::{FieldKind, FieldSchema};

/// The sync's state table: the areas (and sites) the file holds.
const STATE_TABLE: &str = "_l2l_sync_state";
/// The sync's catch-all column.
const EXTRA: &str = "_extra";
/// The sync's deleted mark.
const DELETED_AT: &str = "_deleted_at";

/// What an import read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Imported {
    /// Records added, over every area.
    pub records: u64,
    /// Areas imported, in the file's order.
    pub areas: Vec<String>,
    /// Areas the file holds that this sandbox does not serve (pass their `--areas-file`).
    pub unknown_areas: Vec<String>,
    /// Rows left out because the sync had marked them deleted.
    pub deleted: u64,
    /// Values of properties the area does not declare (and that are no custom
    /// properties), left out: how many, by `area.property`.
    pub left_out: std::collections::BTreeMap<String, u64>,
}

impl Imported {
    /// What a sandbox prints on start: a line for what it imported, and one for the areas
    /// it left out.
    pub fn lines(&self) -> Vec<String> {
        let mut out = vec![format!(
            "imported {} records of {} areas{}",
            self.records,
            self.areas.len(),
            match self.deleted {
                0 => String::new(),
                n => format!(" ({n} marked deleted left out)"),
            }
        )];
        if !self.left_out.is_empty() {
            let list: Vec<String> = self
                .left_out
                .iter()
                .map(|(k, n)| format!("{k} ({n})"))
                .collect();
            out.push(format!(
                "not imported, values of properties the areas do not declare: {}",
                list.join(", ")
            ));
        }
        if !self.unknown_areas.is_empty() {
            out.push(format!(
                "not imported, areas this sandbox does not serve (pass their --areas-file): {}",
                self.unknown_areas.join(", ")
            ));
        }
        out
    }
}

/// `sqlite:FILE` (or a bare path) as the file's path.
pub fn import_path(spec: &str) -> Result<&Path, String> {
    match spec.split_once(':') {
        Some(("sqlite", path)) if !path.is_empty() => Ok(Path::new(path)),
        Some((scheme, _)) if scheme.len() > 1 && !scheme.contains(['/', '\\', '.']) => {
            Err(format!(
                "--import takes sqlite:FILE (what `l2l sync --to sqlite:FILE` writes), not {scheme}:"
            ))
        }
        _ if spec.is_empty() => Err("--import takes sqlite:FILE".to_owned()),
        _ => Ok(Path::new(spec)),
    }
}

/// Reads every area of `path` into the sandbox's database (`seeder`'s connection, in the
/// caller's transaction).
pub(crate) fn import(seeder: &Seeder<'_>, path: &Path) -> Result<Imported, String> {
    let shown = path.display();
    if !path.is_file() {
        return Err(format!("--import: {shown} does not exist"));
    }
    let file = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| format!("--import: {shown} cannot be opened as SQLite: {e}"))?;
    let areas = synced_areas(&file).map_err(|e| format!("--import: {shown} {e}"))?;
    let mut out = Imported::default();
    for area in areas {
        let Some(table) = seeder.catalog.table(&area) else {
            out.unknown_areas.push(area);
            continue;
        };
        import_area(seeder, &file, table, &mut out)
            .map_err(|e| format!("--import: {shown}, table `{area}`: {e}"))?;
        out.areas.push(area);
    }
    Ok(out)
}

/// The areas the sync state names that have a table, in order; an error saying what the
/// file lacks when it is not a sync's output.
fn synced_areas(file: &Connection) -> Result<Vec<String>, String> {
    let tables = table_names(file).map_err(|e| format!("cannot be read as SQLite: {e}"))?;
    if !tables.contains(STATE_TABLE) {
        return Err(format!(
            "is not what `l2l sync --to sqlite:FILE` writes: it has no `{STATE_TABLE}` table \
             (its tables: {})",
            list(tables.iter().map(String::as_str))
        ));
    }
    let mut st = file
        .prepare(&format!(
            "SELECT DISTINCT area FROM {STATE_TABLE} WHERE area <> '' ORDER BY area"
        ))
        .map_err(|e| format!("has a `{STATE_TABLE}` table the sync did not write: {e}"))?;
    let named: Vec<String> = st
        .query_map([], |r| r.get(0))
        .and_then(|rows| rows.collect())
        .map_err(|e| format!("has a `{STATE_TABLE}` table the sync did not write: {e}"))?;
    let areas: Vec<String> = named.into_iter().filter(|a| tables.contains(a)).collect();
    if areas.is_empty() {
        return Err(format!(
            "holds no synced area: `{STATE_TABLE}` names none of its tables"
        ));
    }
    Ok(areas)
}

fn table_names(file: &Connection) -> rusqlite::Result<BTreeSet<String>> {
    let mut st = file.prepare("SELECT name FROM sqlite_master WHERE type = 'table'")?;
    st.query_map([], |r| r.get(0))?.collect()
}

fn list<'a>(names: impl Iterator<Item = &'a str>) -> String {
    let v: Vec<&str> = names.collect();
    if v.is_empty() {
        "none".to_owned()
    } else {
        v.join(", ")
    }
}

/// One area's rows, counted into `out`.
fn import_area(
    seeder: &Seeder<'_>,
    file: &Connection,
    table: &Table,
    out: &mut Imported,
) -> Result<(), String> {
    let quoted = format!("\"{}\"", table.path().replace('"', "\"\""));
    let mut st = file
        .prepare(&format!("SELECT * FROM {quoted}"))
        .map_err(|e| e.to_string())?;
    let names: Vec<String> = st.column_names().map(str::to_owned).collect();
    // Each column of the file: the area's field it fills, or its role.
    let fields: Vec<Option<&'static FieldSchema>> = names.iter().map(|n| table.field(n)).collect();
    let extra = names.iter().position(|n| n == EXTRA);
    let deleted_at = names.iter().position(|n| n == DELETED_AT);
    let id_field = table.id;
    if let Some(id) = id_field
        && !names.iter().any(|n| n == id.api_name)
    {
        return Err(format!("it has no `{}` column", id.api_name));
    }
    let mut rows = st.query([]).map_err(|e| e.to_string())?;
    let mut left_out = |name: &str| {
        *out.left_out
            .entry(format!("{}.{name}", table.path()))
            .or_default() += 1;
    };
    while let Some(row) = rows.next().map_err(|e| e.to_string())? {
        if let Some(i) = deleted_at
            && !matches!(row.get_ref(i), Ok(ValueRef::Null))
        {
            out.deleted += 1;
            continue;
        }
        // A column of the file that the area does not declare (a newer schema's).
        for (i, name) in names.iter().enumerate() {
            if fields[i].is_none()
                && !name.starts_with('_')
                && !matches!(row.get_ref(i), Ok(ValueRef::Null))
            {
                left_out(name);
            }
        }
        let mut values: Vec<(&str, Val)> = Vec::with_capacity(names.len());
        let mut id = None;
        for (i, field) in fields.iter().enumerate() {
            let Some(f) = field else { continue };
            let cell = row.get_ref(i).map_err(|e| e.to_string())?;
            let v = stored(f, cell).map_err(|e| {
                let at = id.map_or(String::new(), |id: i64| format!("row id {id}, "));
                format!("{at}column `{}`: {e}", f.api_name)
            })?;
            if f.id
                && let Val::Int(n) = v
            {
                id = Some(n);
            }
            values.push((f.api_name, v));
        }
        let values = seeder.values(table, &values, true);
        let new =
            records::insert(seeder.conn, table, values, &Actor::system()).map_err(
                |e| match id {
                    Some(id) => format!("row id {id}: {e}"),
                    None => e.to_string(),
                },
            )?;
        if let Some(i) = extra {
            let (custom, others) = custom_properties(row.get_ref(i).map_err(|e| e.to_string())?);
            if !custom.is_empty() {
                records::set_custom(seeder.conn, table.path(), new, &custom)
                    .map_err(|e| format!("row id {new}: {e}"))?;
            }
            for name in &others {
                left_out(name);
            }
        }
        out.records += 1;
    }
    Ok(())
}

/// Adds a `sites` record for each site number that imported records name and no site
/// has (a file of one site's areas, synced without `sites`): `Site N`, in UTC.
pub(crate) fn add_missing_sites(conn: &Connection, catalog: &Catalog) -> rusqlite::Result<()> {
    let Some(sites) = catalog.table("sites") else {
        return Ok(());
    };
    if sites.field("site").is_none() {
        return Ok(());
    }
    let mut named = BTreeSet::new();
    for t in catalog.tables() {
        if t.path() == "sites" {
            continue;
        }
        if let Some(f) = t.site_field() {
            let mut st = conn.prepare(&format!(
                "SELECT DISTINCT {} FROM {} WHERE {0} IS NOT NULL",
                t.column(f),
                t.sql
            ))?;
            for n in st.query_map([], |r| r.get::<_, i64>(0))? {
                named.insert(n?);
            }
        }
    }
    let seeder = Seeder {
        conn,
        catalog,
        actor: Actor::system(),
    };
    for n in named {
        if records::find(conn, sites, "site", &Val::Int(n), None)?.is_some() {
            continue;
        }
        seeder.put(
            "sites",
            &[
                ("site", Val::Int(n)),
                ("description", Val::Text(format!("Site {n}"))),
                ("timezone", Val::Text("UTC".into())),
                ("active", Val::Int(1)),
            ],
        );
    }
    Ok(())
}

/// A value the sync stored (typed by SQLite) as the sandbox stores it for `f`.
fn stored(f: &FieldSchema, cell: ValueRef<'_>) -> Result<Val, String> {
    Ok(match cell {
        ValueRef::Null => Val::Null,
        ValueRef::Integer(i) => match f.kind {
            FieldKind::Bool => Val::Int((i != 0) as i64),
            FieldKind::Float | FieldKind::Decimal => Val::Real(i as f64),
            FieldKind::Text => Val::Text(i.to_string()),
            FieldKind::Integer => Val::Int(i),
            _ => value::parse(f.kind, &i.to_string())?,
        },
        ValueRef::Real(r) => match f.kind {
            FieldKind::Float | FieldKind::Decimal => Val::Real(r),
            FieldKind::Text => Val::Text(r.to_string()),
            _ => value::parse(f.kind, &r.to_string())?,
        },
        ValueRef::Text(t) | ValueRef::Blob(t) => {
            let s = std::str::from_utf8(t).map_err(|_| "not UTF-8 text".to_owned())?;
            value::parse(f.kind, s)?
        }
    })
}

/// The `custom__` members of an `_extra` object, by name (without the prefix), each value
/// as the sandbox keeps it (a string as it is, anything else as its JSON); and the names
/// of its other members (with a value), which the sandbox has nowhere to keep.
fn custom_properties(extra: ValueRef<'_>) -> (Vec<(String, String)>, Vec<String>) {
    let ValueRef::Text(t) = extra else {
        return (Vec::new(), Vec::new());
    };
    let Ok(serde_json::Value::Object(map)) = serde_json::from_slice(t) else {
        return (Vec::new(), Vec::new());
    };
    let (mut custom, mut others) = (Vec::new(), Vec::new());
    for (k, v) in map {
        if v.is_null() {
            continue;
        }
        match k.strip_prefix("custom__") {
            Some(name) => custom.push((
                name.to_owned(),
                match v {
                    serde_json::Value::String(s) => s,
                    other => other.to_string(),
                },
            )),
            None => others.push(k),
        }
    }
    (custom, others)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_import_spec_is_sqlite_file() {
        assert_eq!(
            import_path("sqlite:plant.db").unwrap(),
            Path::new("plant.db")
        );
        assert_eq!(import_path("plant.db").unwrap(), Path::new("plant.db"));
        let err = import_path("postgres://x/y").unwrap_err();
        assert!(err.contains("sqlite:FILE"), "{err}");
        assert!(import_path("").is_err());
    }
}
