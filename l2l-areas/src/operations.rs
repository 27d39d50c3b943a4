//! Dispatch operations: statuses, notes, the technicians on a dispatch, actions and reasons.

use crate::DateTime;

/// A dispatch status (`In Progress`): the states a dispatch moves through ([`Dispatch::change_status`](crate::Dispatch::change_status)). L2L's own system statuses come from [`DispatchStatus::get_system_statuses`](crate::DispatchStatus::get_system_statuses).
#[crate::record_area(path = "dispatchstatuses", scope = site)]
#[derive(Debug, Clone, PartialEq)]
pub struct DispatchStatus {
    #[l2l(id, read_only)]
    pub id: i64,
    pub site: i64,
    pub code: String,
    pub description: Option<String>,
    /// Whether it is one of L2L's system statuses.
    pub system: Option<bool>,
    pub active: bool,
    #[l2l(read_only)]
    pub lastupdated: Option<DateTime>,
}

/// A note on a dispatch.
#[crate::record_area(path = "dispatchnotes", scope = site)]
#[derive(Debug, Clone, PartialEq)]
pub struct DispatchNote {
    #[l2l(id, read_only)]
    pub id: i64,
    pub site: i64,
    /// The dispatch it belongs to.
    #[l2l(label = "Dispatch")]
    pub dispatch: i64,
    /// The text.
    pub note: String,
    /// The id of the user who wrote it.
    pub user: Option<i64>,
    #[l2l(read_only)]
    pub created: Option<DateTime>,
    #[l2l(read_only)]
    pub lastupdated: Option<DateTime>,
}

/// A technician working on a dispatch: what `dispatches/get_event_data/` lists under `technicians` and `current_dispatched_resources/` under `resources`.
#[crate::record_area(path = "dispatchtechnicians", scope = site)]
#[derive(Debug, Clone, PartialEq)]
pub struct DispatchTechnician {
    #[l2l(id, read_only)]
    pub id: i64,
    pub site: i64,
    /// The dispatch (filter `dispatch=<id>`, or `dispatchid=<id>` as integrations send it).
    #[l2l(label = "Dispatch")]
    pub dispatch: i64,
    /// The technician's id.
    pub technician: i64,
    /// The id of the technician's user.
    pub user: Option<i64>,
    /// The technician's username.
    pub loginid: Option<String>,
    /// The technician's full name.
    pub fullname: Option<String>,
    /// The id of the trade the technician works as.
    #[l2l(label = "Trade")]
    pub trade: Option<i64>,
    /// When work started.
    pub start: Option<DateTime>,
    /// When work ended.
    pub end: Option<DateTime>,
    #[l2l(read_only)]
    pub lastupdated: Option<DateTime>,
}

/// An action taken on a dispatch (`actions`): what `dispatches/get_event_data/` lists under `actioncomponents`.
#[crate::record_area(path = "actions", scope = site)]
#[derive(Debug, Clone, PartialEq)]
pub struct DispatchAction {
    #[l2l(id, read_only)]
    pub id: i64,
    pub site: i64,
    /// The dispatch it was taken on.
    #[l2l(label = "Dispatch")]
    pub dispatch: Option<i64>,
    pub code: String,
    pub description: Option<String>,
    /// The component acted on.
    pub component: Option<String>,
    #[l2l(read_only)]
    pub created: Option<DateTime>,
    #[l2l(read_only)]
    pub lastupdated: Option<DateTime>,
}

/// A reason code (`reason_id` of `dispatches/open/`).
#[crate::record_area(path = "reasons", scope = site)]
#[derive(Debug, Clone, PartialEq)]
pub struct Reason {
    #[l2l(id, read_only)]
    pub id: i64,
    pub site: i64,
    pub code: String,
    pub description: Option<String>,
    /// The id of the dispatch type it applies to (the docs' property `dispatch_type`).
    #[l2l(label = "Dispatch Type")]
    pub dispatch_type: Option<i64>,
    pub active: bool,
    #[l2l(read_only)]
    pub lastupdated: Option<DateTime>,
}
