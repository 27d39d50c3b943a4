//! `Shift`: an unscoped area whose fields are mostly nullable.

use l2l_areas::{Date, DateTime, Decimal};

/// A shift pattern: most properties may be null.
#[l2l_areas::record_area(path = "shifts")]
#[derive(Debug, Clone, PartialEq)]
pub struct Shift {
    /// The shift's id.
    #[l2l(id, read_only)]
    pub id: i64,
    /// The shift's code.
    pub code: String,
    /// A description.
    pub description: Option<String>,
    /// When the shift starts.
    pub start: Option<DateTime>,
    /// The day it applies to.
    pub day: Option<Date>,
    /// How many people work it.
    pub crew_size: Option<u32>,
    /// The hourly rate.
    pub rate: Option<f64>,
    /// The budget.
    pub budget: Option<Decimal>,
    /// Whether it is overtime.
    pub overtime: Option<bool>,
    /// The value stream, labelled "Value Stream" on L2L's screens.
    #[l2l(label = "Value Stream")]
    pub valuestream: Option<i64>,
    /// When it was created.
    #[l2l(read_only)]
    pub created: Option<DateTime>,
}
