//! Maintenance: spares, tooling and checklists.

use crate::{DateTime, Decimal};

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
    #[l2l(read_only)]
    pub created: Option<DateTime>,
    #[l2l(read_only)]
    pub lastupdated: Option<DateTime>,
}
