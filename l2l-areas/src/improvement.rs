//! Continuous improvement: kaizen events and their categories.

use crate::DateTime;

/// A kaizen (improvement) event.
#[crate::record_area(path = "kaizen", scope = site)]
#[derive(Debug, Clone, PartialEq)]
pub struct Kaizen {
    #[l2l(id, read_only)]
    pub id: i64,
    pub site: i64,
    /// Its title.
    #[l2l(label = "Name")]
    pub name: String,
    pub description: Option<String>,
    /// The id of its category.
    pub kaizencategory: Option<i64>,
    /// The area.
    #[l2l(label = "Area")]
    pub area: Option<i64>,
    /// The line.
    #[l2l(label = "Line")]
    pub line: Option<i64>,
    /// The machine.
    #[l2l(label = "Machine")]
    pub machine: Option<i64>,
    #[l2l(read_only)]
    pub created: Option<DateTime>,
    #[l2l(read_only)]
    pub lastupdated: Option<DateTime>,
}

/// A category of kaizen events.
#[crate::record_area(path = "kaizencategory", scope = site)]
#[derive(Debug, Clone, PartialEq)]
pub struct KaizenCategory {
    #[l2l(id, read_only)]
    pub id: i64,
    pub site: i64,
    pub code: String,
    pub description: Option<String>,
    pub active: bool,
    #[l2l(read_only)]
    pub lastupdated: Option<DateTime>,
}
