//! Deterministic data: the demo plant (`--seed demo`) and bulk records for benchmarks
//! (`--seed N`, `--seed N:area`).

pub(crate) mod bulk;
pub(crate) mod demo;
mod demo_plant;
pub(crate) mod demo_week;
mod demo_work;
mod import;

pub use import::{Imported, import_path};
pub(crate) use import::{add_missing_sites, import};

use l2l_core::{FieldKind, FieldSchema};
use rusqlite::Connection;

use crate::store::records::{self, Actor, Values};
use crate::store::value::{self, Val};
use crate::store::{Catalog, Table};

/// What to put in a new database.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Seed {
    /// Nothing but the API user.
    Empty,
    /// The demo plant: every area holds records linked by real ids (sites, where site 1
    /// is an active test site, areas, lines, machines, technicians, work orders, parts,
    /// checklists, ...) and a week of pitches, scrap and dispatches.
    #[default]
    Demo,
    /// The demo plant and `count` more records: in `area` when given, else spread evenly
    /// over every area except `sites` and `users`.
    Bulk {
        /// How many records.
        count: u64,
        /// The area to put them in.
        area: Option<String>,
    },
    /// The records `l2l sync --to sqlite:FILE` wrote into this file, with their ids and
    /// custom properties: a copy of a tenant's plant (`--import sqlite:FILE`).
    Import(std::path::PathBuf),
}

impl std::str::FromStr for Seed {
    type Err = String;

    /// `demo`, `empty`, `N` or `N:area` (`1000000:machines`).
    fn from_str(s: &str) -> Result<Seed, String> {
        match s {
            "demo" => Ok(Seed::Demo),
            "empty" | "none" => Ok(Seed::Empty),
            _ => {
                let (n, area) = match s.split_once(':') {
                    Some((n, a)) => (n, Some(a.to_owned())),
                    None => (s, None),
                };
                let count = n
                    .replace('_', "")
                    .parse()
                    .map_err(|_| format!("--seed takes demo, empty, N or N:area, not {s:?}"))?;
                Ok(Seed::Bulk { count, area })
            }
        }
    }
}

/// The default value of a required field that a seed does not set.
pub(crate) fn default_value(f: &FieldSchema) -> Val {
    match f.kind {
        FieldKind::Integer => Val::Int(if f.api_name == "site" { 1 } else { 0 }),
        FieldKind::Float | FieldKind::Decimal => Val::Real(0.0),
        FieldKind::Text => Val::Text(String::new()),
        FieldKind::Bool => Val::Int((f.api_name == "active") as i64),
        FieldKind::Date => Val::Text(value::now_stored()[..10].to_owned()),
        FieldKind::DateTime => Val::Text(value::now_stored()),
        _ => Val::Text("[]".into()),
    }
}

/// Inserts records by field name, skipping what the areas in use lack.
#[derive(Debug)]
pub(crate) struct Seeder<'a> {
    /// The database.
    pub(crate) conn: &'a Connection,
    /// The areas.
    pub(crate) catalog: &'a Catalog,
    /// Who the records are tracked to.
    pub(crate) actor: Actor,
}

impl Seeder<'_> {
    /// Inserts a record of `area` from `(field, value)` pairs; fields the area lacks are
    /// skipped, required fields left out get a default. `None` when the area is not in use.
    pub(crate) fn put(&self, area: &str, fields: &[(&str, Val)]) -> Option<i64> {
        let table = self.catalog.table(area)?;
        let values = self.values(table, fields, true);
        match records::insert(self.conn, table, values, &self.actor) {
            Ok(id) => Some(id),
            Err(e) => {
                tracing::warn!(area, error = %e, "seeding a record failed");
                None
            }
        }
    }

    /// The values of `fields` that `table` has, with defaults for required ones.
    pub(crate) fn values(&self, table: &Table, fields: &[(&str, Val)], defaults: bool) -> Values {
        let mut values: Values = Vec::new();
        for (name, v) in fields {
            if let Some(f) = table.field(name) {
                values.push((f, v.clone()));
            }
        }
        if defaults {
            for f in table.schema.fields {
                if f.nullable
                    || (f.id && table.id.is_some())
                    || matches!(f.api_name, "created" | "lastupdated")
                    || values.iter().any(|(g, _)| g.api_name == f.api_name)
                {
                    continue;
                }
                values.push((f, default_value(f)));
            }
        }
        values
    }

    /// The id of the record of `area` whose `code` is `code`.
    pub(crate) fn id(&self, area: &str, code: &str) -> Val {
        self.id_by(area, "code", code)
    }

    /// The id of the record of `area` whose `field` is `value`.
    pub(crate) fn id_by(&self, area: &str, field: &str, value: &str) -> Val {
        self.catalog
            .table(area)
            .and_then(|t| {
                records::find(self.conn, t, field, &Val::Text(value.into()), None)
                    .ok()
                    .flatten()
            })
            .map(Val::Int)
            .unwrap_or(Val::Null)
    }
}
