//! Work orders and what schedules, staffs and categorises them.

use crate::DateTime;

/// A work order: planned maintenance on a machine or tool. Its external costs come from [`WorkOrder::get_external_costs`](crate::WorkOrder::get_external_costs).
#[crate::record_area(path = "workorders", scope = site)]
#[derive(Debug, Clone, PartialEq)]
pub struct WorkOrder {
    #[l2l(id, read_only)]
    pub id: i64,
    pub site: i64,
    /// The number people see.
    pub workordernumber: Option<String>,
    pub description: Option<String>,
    /// The id of its category.
    pub workordercategory: Option<i64>,
    /// The machine.
    #[l2l(label = "Machine")]
    pub machine: Option<i64>,
    /// The id of the tool.
    #[l2l(label = "Tooling")]
    pub tooling: Option<i64>,
    /// The id of the trade that does it.
    #[l2l(label = "Trade")]
    pub trade: Option<i64>,
    /// The dispatch it came from.
    #[l2l(label = "Dispatch")]
    pub dispatch: Option<i64>,
    /// Its status.
    pub status: Option<i64>,
    #[l2l(read_only)]
    pub created: Option<DateTime>,
    #[l2l(read_only)]
    pub lastupdated: Option<DateTime>,
}

/// A category of work orders.
#[crate::record_area(path = "workordercategories", scope = site)]
#[derive(Debug, Clone, PartialEq)]
pub struct WorkOrderCategory {
    #[l2l(id, read_only)]
    pub id: i64,
    pub site: i64,
    pub code: String,
    pub description: Option<String>,
    pub active: bool,
    #[l2l(read_only)]
    pub lastupdated: Option<DateTime>,
}

/// A recurring maintenance event that opens work orders or dispatches.
#[crate::record_area(path = "eventschedule", scope = site)]
#[derive(Debug, Clone, PartialEq)]
pub struct EventSchedule {
    #[l2l(id, read_only)]
    pub id: i64,
    pub site: i64,
    pub description: Option<String>,
    /// The machine.
    #[l2l(label = "Machine")]
    pub machine: Option<i64>,
    /// The id of the tool.
    #[l2l(label = "Tooling")]
    pub tooling: Option<i64>,
    /// The id of the trade.
    #[l2l(label = "Trade")]
    pub trade: Option<i64>,
    /// The id of the dispatch type it opens (the docs' property `dispatch_type`).
    #[l2l(label = "Dispatch Type")]
    pub dispatch_type: Option<i64>,
    /// Days between occurrences.
    pub interval_days: Option<i64>,
    /// When it is next due.
    pub next_date: Option<DateTime>,
    pub active: bool,
    #[l2l(read_only)]
    pub lastupdated: Option<DateTime>,
}

/// A technician: a user who answers dispatches; [`Technician::set_availability`](crate::Technician::set_availability) marks one available.
#[crate::record_area(path = "technicians", scope = site)]
#[derive(Debug, Clone, PartialEq)]
pub struct Technician {
    #[l2l(id, read_only)]
    pub id: i64,
    pub site: i64,
    /// The id of the user.
    pub user: Option<i64>,
    /// The username.
    pub loginid: Option<String>,
    /// The full name.
    pub fullname: Option<String>,
    /// The id of the technician's trade.
    #[l2l(label = "Trade")]
    pub trade: Option<i64>,
    /// Whether the technician can take dispatches now.
    pub available: Option<bool>,
    pub active: bool,
    #[l2l(read_only)]
    pub lastupdated: Option<DateTime>,
}

/// An area a technician covers: a link, created and deleted, never updated.
#[crate::record_area(path = "technicianareas", scope = site, ops(get, list, create, delete))]
#[derive(Debug, Clone, PartialEq)]
pub struct TechnicianArea {
    #[l2l(id, read_only)]
    pub id: i64,
    pub site: i64,
    /// The technician's id.
    pub technician: i64,
    /// The area's id.
    #[l2l(label = "Area")]
    pub area: i64,
    #[l2l(read_only)]
    pub lastupdated: Option<DateTime>,
}
