//! Maintenance: spares, tooling and checklists.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::{DateTime, Decimal};

/// A nested JSON value of a record (a checklist's `tasks` and `answers`): JSON answers
/// carry it as JSON, XML answers as its JSON text; both decode to the same value.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Nested(pub serde_json::Value);

impl<'de> Deserialize<'de> for Nested {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Nested, D::Error> {
        match serde_json::Value::deserialize(d)? {
            serde_json::Value::String(text) => match serde_json::from_str(&text) {
                Ok(v) => Ok(Nested(v)),
                Err(_) => Ok(Nested(serde_json::Value::String(text))),
            },
            v => Ok(Nested(v)),
        }
    }
}

impl Serialize for Nested {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl std::ops::Deref for Nested {
    type Target = serde_json::Value;

    fn deref(&self) -> &serde_json::Value {
        &self.0
    }
}

/// A spare part used on dispatches and work orders.
#[crate::record_area(path = "spares", scope = site)]
#[derive(Debug, Clone, PartialEq)]
pub struct Spare {
    #[l2l(id, read_only)]
    pub id: i64,
    pub site: i64,
    /// The part's code.
    pub code: String,
    /// Its name.
    pub description: Option<String>,
    /// The consumption status (`status__lte=3` for what to sync).
    pub status: Option<i64>,
    /// The cost.
    pub cost: Option<Decimal>,
    /// The dispatch it was used on.
    pub dispatchnumber: Option<i64>,
    /// The work order it was used on.
    pub workordernumber: Option<String>,
    #[l2l(read_only)]
    pub lastupdated: Option<DateTime>,
}

/// A tool.
#[crate::record_area(path = "tooling", scope = site)]
#[derive(Debug, Clone, PartialEq)]
pub struct Tooling {
    /// The tool's id.
    #[l2l(id, read_only)]
    pub id: i64,
    pub site: i64,
    /// The tool's code.
    #[l2l(label = "Tooling")]
    pub code: String,
    /// Its name.
    pub description: Option<String>,
    pub active: bool,
    #[l2l(read_only)]
    pub lastupdated: Option<DateTime>,
}

/// A checklist filled in on the floor (read-only through the API).
#[crate::record_area(path = "checklists", scope = site, ops(get, list))]
#[derive(Debug, Clone, PartialEq)]
pub struct Checklist {
    /// The checklist's id.
    #[l2l(id, read_only)]
    pub id: i64,
    pub site: i64,
    /// The id of its document.
    pub document: Option<i64>,
    pub name: String,
    /// Its number.
    pub number: Option<i64>,
    /// Whether it is closed.
    pub closed: Option<bool>,
    /// When it was closed.
    pub closeddate: Option<DateTime>,
    /// The dispatch it belongs to.
    pub dispatch: Option<i64>,
    /// The area.
    pub area: Option<i64>,
    /// The line.
    pub line: Option<i64>,
    /// The machine.
    pub machine: Option<i64>,
    /// The id of the technology (issue 14, the docs' property table).
    #[l2l(label = "Technology")]
    pub technology: Option<i64>,
    /// The product.
    pub product: Option<i64>,
    /// The product order it was filled in for.
    pub product_order: Option<i64>,
    /// The build sequence it was filled in for.
    pub build_sequence: Option<i64>,
    /// The checklist's tasks: each with `text`, and a table's cells under
    /// `table.rows[].columns[].text`.
    #[l2l(kind = "json")]
    pub tasks: Option<Nested>,
    /// The answers: each with `task_number`, `table_row_number`, `table_column_number`,
    /// `na`, `answer`, `created`, `lastupdatedby` and the control and reject limits
    /// (`control_limit_low`, `control_limit_high`, `reject_limit_low`, `reject_limit_high`).
    #[l2l(kind = "json")]
    pub answers: Option<Nested>,
    #[l2l(read_only)]
    pub created: Option<DateTime>,
    #[l2l(read_only)]
    pub lastupdated: Option<DateTime>,
    /// Who changed it last (a username).
    #[l2l(read_only)]
    pub lastupdatedby: Option<String>,
}
