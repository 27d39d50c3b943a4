//! Dispatch operations: statuses, notes, the technicians on a dispatch, actions and reasons.

use crate::DateTime;

/// A dispatch status (`In Progress`): the states a dispatch moves through ([`Dispatch::change_status`](crate::Dispatch::change_status)). L2L's own system statuses come from [`DispatchStatus::get_system_statuses`](crate::DispatchStatus::get_system_statuses).
///
/// ```no_run
/// # async fn run(client: &l2l_areas::Client) -> Result<(), l2l_areas::Error> {
/// use l2l_areas::{DispatchStatus, DispatchStatusField};
/// let page = DispatchStatus::query(1).order_by(DispatchStatusField::Id).limit(100).page(client).await?;
/// for r in &page.records {
///     let one = DispatchStatus::get(client, r.id).await?;
/// }
/// # Ok(()) }
/// ```
#[crate::record_area(path = "dispatchstatuses", scope = site)]
#[derive(Debug, Clone, PartialEq)]
pub struct DispatchStatus {
    /// The record's id.
    #[l2l(id, read_only)]
    pub id: i64,
    /// The site number.
    pub site: i64,
    /// The code.
    pub code: String,
    /// Its description.
    pub description: Option<String>,
    /// Whether it is one of L2L's system statuses.
    pub system: Option<bool>,
    /// Whether it is active.
    pub active: bool,
    /// When it was last changed.
    #[l2l(read_only)]
    pub lastupdated: Option<DateTime>,
}

/// A note on a dispatch.
///
/// ```no_run
/// # async fn run(client: &l2l_areas::Client) -> Result<(), l2l_areas::Error> {
/// use l2l_areas::{DispatchNote, DispatchNoteField};
/// let page = DispatchNote::query(1).order_by(DispatchNoteField::Id).limit(100).page(client).await?;
/// for r in &page.records {
///     let one = DispatchNote::get(client, r.id).await?;
/// }
/// # Ok(()) }
/// ```
#[crate::record_area(path = "dispatchnotes", scope = site)]
#[derive(Debug, Clone, PartialEq)]
pub struct DispatchNote {
    /// The record's id.
    #[l2l(id, read_only)]
    pub id: i64,
    /// The site number.
    pub site: i64,
    /// The dispatch it belongs to.
    #[l2l(label = "Dispatch")]
    pub dispatch: i64,
    /// The text.
    pub note: String,
    /// The id of the user who wrote it.
    pub user: Option<i64>,
    /// When it was created.
    #[l2l(read_only)]
    pub created: Option<DateTime>,
    /// When it was last changed.
    #[l2l(read_only)]
    pub lastupdated: Option<DateTime>,
}

/// A technician working on a dispatch: what `dispatches/get_event_data/` lists under `technicians` and `current_dispatched_resources/` under `resources`.
///
/// ```no_run
/// # async fn run(client: &l2l_areas::Client) -> Result<(), l2l_areas::Error> {
/// use l2l_areas::{DispatchTechnician, DispatchTechnicianField};
/// let page = DispatchTechnician::query(1).order_by(DispatchTechnicianField::Id).limit(100).page(client).await?;
/// for r in &page.records {
///     let one = DispatchTechnician::get(client, r.id).await?;
/// }
/// # Ok(()) }
/// ```
#[crate::record_area(path = "dispatchtechnicians", scope = site)]
#[derive(Debug, Clone, PartialEq)]
pub struct DispatchTechnician {
    /// The record's id.
    #[l2l(id, read_only)]
    pub id: i64,
    /// The site number.
    pub site: i64,
    /// The dispatch.
    #[l2l(label = "Dispatch")]
    pub dispatch: i64,
    /// The technician's id.
    pub technician: i64,
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
    /// When it was last changed.
    #[l2l(read_only)]
    pub lastupdated: Option<DateTime>,
}

/// An action taken on a dispatch (`actions`): what `dispatches/get_event_data/` lists under `actioncomponents`.
///
/// ```no_run
/// # async fn run(client: &l2l_areas::Client) -> Result<(), l2l_areas::Error> {
/// use l2l_areas::{DispatchAction, DispatchActionField};
/// let page = DispatchAction::query(1).order_by(DispatchActionField::Id).limit(100).page(client).await?;
/// for r in &page.records {
///     let one = DispatchAction::get(client, r.id).await?;
/// }
/// # Ok(()) }
/// ```
#[crate::record_area(path = "actions", scope = site)]
#[derive(Debug, Clone, PartialEq)]
pub struct DispatchAction {
    /// The record's id.
    #[l2l(id, read_only)]
    pub id: i64,
    /// The site number.
    pub site: i64,
    /// The dispatch it was taken on.
    #[l2l(label = "Dispatch")]
    pub dispatch: Option<i64>,
    /// The code.
    pub code: String,
    /// Its description.
    pub description: Option<String>,
    /// The component acted on.
    pub component: Option<String>,
    /// When it was created.
    #[l2l(read_only)]
    pub created: Option<DateTime>,
    /// When it was last changed.
    #[l2l(read_only)]
    pub lastupdated: Option<DateTime>,
}

/// A reason code (`reason_id` of `dispatches/open/`).
///
/// ```no_run
/// # async fn run(client: &l2l_areas::Client) -> Result<(), l2l_areas::Error> {
/// use l2l_areas::{Reason, ReasonField};
/// let page = Reason::query(1).order_by(ReasonField::Id).limit(100).page(client).await?;
/// for r in &page.records {
///     let one = Reason::get(client, r.id).await?;
/// }
/// # Ok(()) }
/// ```
#[crate::record_area(path = "reasons", scope = site)]
#[derive(Debug, Clone, PartialEq)]
pub struct Reason {
    /// The record's id.
    #[l2l(id, read_only)]
    pub id: i64,
    /// The site number.
    pub site: i64,
    /// The code.
    pub code: String,
    /// Its description.
    pub description: Option<String>,
    /// The id of the dispatch type it applies to (the docs' property `dispatch_type`).
    #[l2l(label = "Dispatch Type")]
    pub dispatch_type: Option<i64>,
    /// Whether it is active.
    pub active: bool,
    /// When it was last changed.
    #[l2l(read_only)]
    pub lastupdated: Option<DateTime>,
}
