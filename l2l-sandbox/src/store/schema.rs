//! The catalog: one SQLite table per record area, derived from its [`AreaSchema`], and
//! the foreign keys between areas that filters and writes resolve (`linecode`, `area_id`).

use std::collections::HashMap;

use l2l_core::{AreaSchema, FieldKind, FieldSchema};
use rusqlite::Connection;

use super::value::sql_type;

/// Quotes an SQL identifier.
pub(crate) fn ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// One area's table.
#[derive(Debug)]
pub(crate) struct Table {
    /// The area.
    pub(crate) schema: &'static AreaSchema,
    /// The quoted table name.
    pub(crate) sql: String,
    /// The quoted column name of each field, in the schema's order.
    pub(crate) columns: Vec<String>,
    /// The id field (an `INTEGER PRIMARY KEY`), if the area has one.
    pub(crate) id: Option<&'static FieldSchema>,
}

impl Table {
    /// The area's URL segment.
    pub(crate) fn path(&self) -> &'static str {
        self.schema.path
    }

    /// The field with this API name.
    pub(crate) fn field(&self, name: &str) -> Option<&'static FieldSchema> {
        self.schema.field(name)
    }

    /// The quoted column of a field.
    pub(crate) fn column(&self, field: &FieldSchema) -> &str {
        let i = self
            .schema
            .fields
            .iter()
            .position(|f| f.api_name == field.api_name)
            .unwrap_or(0);
        &self.columns[i]
    }

    /// The quoted id column (`rowid` for areas without an id field).
    pub(crate) fn id_column(&self) -> String {
        self.id
            .map(|f| ident(f.api_name))
            .unwrap_or_else(|| "rowid".into())
    }

    /// An integer field holding the site number (`site`), if any.
    pub(crate) fn site_field(&self) -> Option<&'static FieldSchema> {
        self.field("site").filter(|f| f.kind == FieldKind::Integer)
    }
}

/// Field names that refer to another area by id, beyond the rule "`x` refers to area `xs`".
const REFERENCES: &[(&str, &str)] = &[
    ("area", "areas"),
    ("line", "lines"),
    ("machine", "machines"),
    ("defaultmachine", "machines"),
    ("dispatchtype", "dispatchtypes"),
    ("dispatch_type", "dispatchtypes"),
    ("dispatch", "dispatches"),
    ("trade", "trades"),
    ("product", "productcomponents"),
    ("actual_product", "productcomponents"),
    ("planned_product", "productcomponents"),
    ("category", "scrapcategory"),
    ("scrapcategory", "scrapcategory"),
    ("technology", "technologies"),
    ("valuestream", "valuestreams"),
    ("user", "users"),
    ("product_order", "productorders"),
    ("productorder", "productorders"),
    ("build_sequence", "buildsequence"),
    ("buildsequence", "buildsequence"),
    ("pitch", "pitches"),
    ("tooling", "tooling"),
    ("document", "document"),
    ("workordercategory", "workordercategories"),
    ("unitofmeasure", "unitsofmeasure"),
    ("kaizencategory", "kaizencategory"),
    ("currentstatus_dispatchstatus_id", "dispatchstatuses"),
];

/// Every area's table, by URL segment.
#[derive(Debug)]
pub(crate) struct Catalog {
    tables: Vec<Table>,
    by_path: HashMap<&'static str, usize>,
}

impl Catalog {
    /// The catalog of these areas. A second area with the same path is ignored.
    pub(crate) fn new(areas: &[&'static AreaSchema]) -> Catalog {
        let mut tables = Vec::new();
        let mut by_path = HashMap::new();
        for &schema in areas {
            if by_path.contains_key(schema.path) {
                continue;
            }
            by_path.insert(schema.path, tables.len());
            tables.push(Table {
                schema,
                sql: ident(&format!("a_{}", schema.path)),
                columns: schema.fields.iter().map(|f| ident(f.api_name)).collect(),
                id: schema.id_field().filter(|f| f.kind == FieldKind::Integer),
            });
        }
        Catalog { tables, by_path }
    }

    /// The table of an area.
    pub(crate) fn table(&self, path: &str) -> Option<&Table> {
        self.by_path.get(path).map(|&i| &self.tables[i])
    }

    /// Every table.
    pub(crate) fn tables(&self) -> &[Table] {
        &self.tables
    }

    /// The area that a reference name (`line`, `dispatch_type`) points to: the names of
    /// the built-in foreign keys, else the area whose path is the name plus `s`.
    pub(crate) fn referenced(&self, name: &str) -> Option<&Table> {
        let path = REFERENCES
            .iter()
            .find(|(f, _)| *f == name)
            .map(|(_, p)| (*p).to_owned())
            .unwrap_or_else(|| format!("{name}s"));
        self.table(&path).filter(|t| t.id.is_some())
    }

    /// The area that an integer field refers to, if it is a foreign key.
    pub(crate) fn target(&self, field: &FieldSchema) -> Option<&Table> {
        if field.kind != FieldKind::Integer || field.id || field.api_name == "site" {
            return None;
        }
        self.referenced(field.api_name)
    }

    /// Creates the tables and indexes that are missing, and adds columns that an older
    /// database file lacks.
    pub(crate) fn create(&self, conn: &Connection) -> rusqlite::Result<()> {
        for t in &self.tables {
            let mut cols = Vec::new();
            for (f, c) in t.schema.fields.iter().zip(&t.columns) {
                if t.id.is_some_and(|id| id.api_name == f.api_name) {
                    // AUTOINCREMENT: an id is never given out twice, even after the record
                    // with the highest id is deleted (as on L2L, where a change feed reports
                    // the deletion under that id).
                    cols.push(format!("{c} INTEGER PRIMARY KEY AUTOINCREMENT"));
                } else {
                    cols.push(format!("{c} {}", sql_type(f.kind)));
                }
            }
            conn.execute_batch(&format!(
                "CREATE TABLE IF NOT EXISTS {} ({})",
                t.sql,
                cols.join(", ")
            ))?;
            let existing: Vec<String> = conn
                .prepare(&format!(
                    "SELECT name FROM pragma_table_info({})",
                    sql_str(&format!("a_{}", t.path()))
                ))?
                .query_map([], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            for (f, c) in t.schema.fields.iter().zip(&t.columns) {
                if !existing.iter().any(|e| e == f.api_name) {
                    conn.execute_batch(&format!(
                        "ALTER TABLE {} ADD COLUMN {c} {}",
                        t.sql,
                        sql_type(f.kind)
                    ))?;
                }
            }
            for name in ["code", "loginid", "externalid"] {
                if t.field(name).is_some() {
                    conn.execute_batch(&format!(
                        "CREATE INDEX IF NOT EXISTS {} ON {} ({})",
                        ident(&format!("i_{}_{name}", t.path())),
                        t.sql,
                        ident(name)
                    ))?;
                }
            }
        }
        Ok(())
    }
}

/// Quotes an SQL string literal.
pub(crate) fn sql_str(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}
