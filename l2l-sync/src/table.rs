//! The table an area is synced into: its name, and a typed column for each property the
//! area's schema declares, plus the catch-all for the properties it does not.

use l2l_core::{AreaSchema, FieldKind};

/// The catch-all column: a JSON object of the properties the schema does not declare.
pub const EXTRA: &str = "_extra";
/// The column `--keep-deleted` sets when a record is gone from L2L.
pub const DELETED_AT: &str = "_deleted_at";
/// The table that holds the resume state of every (area, site) synced into a database.
pub const STATE_TABLE: &str = "_l2l_sync_state";

/// The type of a column, independent of the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnType {
    /// A 64-bit integer.
    Integer,
    /// A floating-point number.
    Float,
    /// An exact decimal (`numeric`).
    Numeric,
    /// A boolean.
    Boolean,
    /// A date and time of day (UTC, as L2L sends it).
    Timestamp,
    /// A calendar date.
    Date,
    /// Text.
    Text,
    /// A JSON value (`jsonb` in PostgreSQL).
    Json,
}

impl ColumnType {
    /// The column type of a field kind.
    pub fn of(kind: FieldKind) -> ColumnType {
        match kind {
            FieldKind::Integer => ColumnType::Integer,
            FieldKind::Float => ColumnType::Float,
            FieldKind::Decimal => ColumnType::Numeric,
            FieldKind::Bool => ColumnType::Boolean,
            FieldKind::DateTime => ColumnType::Timestamp,
            FieldKind::Date => ColumnType::Date,
            FieldKind::Text => ColumnType::Text,
            _ => ColumnType::Json,
        }
    }

    /// The type's name in SQLite (its declared type, which decides the column's affinity).
    pub fn sqlite(self) -> &'static str {
        match self {
            ColumnType::Integer => "INTEGER",
            ColumnType::Float => "REAL",
            ColumnType::Numeric => "NUMERIC",
            ColumnType::Boolean => "BOOLEAN",
            ColumnType::Timestamp => "TIMESTAMP",
            ColumnType::Date => "DATE",
            ColumnType::Text => "TEXT",
            ColumnType::Json => "JSON",
        }
    }

    /// The type's name in PostgreSQL, as `information_schema.columns.data_type` spells it.
    pub fn postgres(self) -> &'static str {
        match self {
            ColumnType::Integer => "bigint",
            ColumnType::Float => "double precision",
            ColumnType::Numeric => "numeric",
            ColumnType::Boolean => "boolean",
            ColumnType::Timestamp => "timestamp without time zone",
            ColumnType::Date => "date",
            ColumnType::Text => "text",
            ColumnType::Json => "jsonb",
        }
    }
}

/// One column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// The column's name: the API property.
    pub name: String,
    /// Its type.
    pub ty: ColumnType,
    /// The label L2L's screens show for it, written as the column's comment.
    pub label: Option<String>,
}

/// The table of one area.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// The table's name: the area's path (`machines`).
    pub name: String,
    /// The id column (the primary key).
    pub id: String,
    /// The typed columns, the id first; [`EXTRA`] is not among them.
    pub columns: Vec<Column>,
}

impl Table {
    /// The table of `area`: every property the server returns (write-only ones are not).
    ///
    /// ```
    /// use l2l_core::{AreaSchema, FieldKind, FieldSchema, Scope};
    /// static FIELDS: [FieldSchema; 2] = [
    ///     FieldSchema::new("id", FieldKind::Integer, false).id(),
    ///     FieldSchema::new("cost", FieldKind::Decimal, true),
    /// ];
    /// static AREA: AreaSchema = AreaSchema::new("Widget", "widgets", Scope::Site, &FIELDS);
    /// let t = l2l_sync::Table::of(&AREA);
    /// assert_eq!(t.name, "widgets");
    /// assert_eq!(t.columns[1].ty, l2l_sync::ColumnType::Numeric);
    /// ```
    pub fn of(area: &AreaSchema) -> Table {
        let id = area.id_field().map_or("id", |f| f.api_name).to_owned();
        let mut columns = vec![Column {
            name: id.clone(),
            ty: ColumnType::Integer,
            label: None,
        }];
        for f in area.fields {
            if f.write_only || f.api_name == id {
                continue;
            }
            columns.push(Column {
                name: f.api_name.to_owned(),
                ty: ColumnType::of(f.kind),
                label: f.label.map(str::to_owned),
            });
        }
        Table {
            name: area.path.replace('/', "_"),
            id,
            columns,
        }
    }

    /// Whether the area has a `lastupdated` column (for its index).
    pub fn has_lastupdated(&self) -> bool {
        self.columns.iter().any(|c| c.name == "lastupdated")
    }

    /// The column named `name`.
    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.name == name)
    }

    /// `CREATE TABLE` of this table in one database's types (`type_of`), the catch-all
    /// last; the id its primary key when `primary_key`, else only `NOT NULL` (the key is
    /// added once a first load is in).
    pub(crate) fn create_sql(
        &self,
        type_of: fn(ColumnType) -> &'static str,
        primary_key: bool,
    ) -> String {
        let mut cols: Vec<String> = self
            .columns
            .iter()
            .map(|c| {
                let pk = match (c.name == self.id, primary_key) {
                    (true, true) => " PRIMARY KEY",
                    (true, false) => " NOT NULL",
                    _ => "",
                };
                format!("{} {}{pk}", quote(&c.name), type_of(c.ty))
            })
            .collect();
        cols.push(format!("{} {}", quote(EXTRA), type_of(ColumnType::Json)));
        format!("CREATE TABLE {} ({})", quote(&self.name), cols.join(", "))
    }

    /// The index on `lastupdated` that incremental runs filter by (both databases).
    pub(crate) fn index_sql(&self) -> String {
        format!(
            "CREATE INDEX IF NOT EXISTS {} ON {} (\"lastupdated\")",
            quote(&format!("{}_lastupdated", self.name)),
            quote(&self.name)
        )
    }
}

/// `name` as a quoted SQL identifier (both SQLite and PostgreSQL): `"machines"`.
pub fn quote(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// `text` as a quoted SQL string literal.
pub fn literal(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}
