//! Maintenance: spares, tooling and checklists.

use crate::{DateTime, Decimal};

/// A spare part used on dispatches and work orders.
///
/// ```no_run
/// # async fn run(client: &l2l_areas::Client) -> Result<(), l2l_areas::Error> {
/// use l2l_areas::{Spare, SpareField};
/// let page = Spare::query(1).order_by(SpareField::Id).limit(100).page(client).await?;
/// for r in &page.records {
///     let one = Spare::get(client, r.id).await?;
/// }
/// # Ok(()) }
/// ```
#[crate::record_area(path = "spares", scope = site)]
#[derive(Debug, Clone, PartialEq)]
pub struct Spare {
    /// The record's id.
    #[l2l(id, read_only)]
    pub id: i64,
    /// The site number.
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
    /// When it was last changed.
    #[l2l(read_only)]
    pub lastupdated: Option<DateTime>,
}

/// A tool.
///
/// ```no_run
/// # async fn run(client: &l2l_areas::Client) -> Result<(), l2l_areas::Error> {
/// use l2l_areas::{Tooling, ToolingField};
/// let page = Tooling::query(1).order_by(ToolingField::Id).limit(100).page(client).await?;
/// for r in &page.records {
///     let one = Tooling::get(client, r.id).await?;
/// }
/// # Ok(()) }
/// ```
#[crate::record_area(path = "tooling", scope = site)]
#[derive(Debug, Clone, PartialEq)]
pub struct Tooling {
    /// The tool's id.
    #[l2l(id, read_only)]
    pub id: i64,
    /// The site number.
    pub site: i64,
    /// The tool's code.
    #[l2l(label = "Tooling")]
    pub code: String,
    /// Its name.
    pub description: Option<String>,
    /// Whether it is active.
    pub active: bool,
    /// When it was last changed.
    #[l2l(read_only)]
    pub lastupdated: Option<DateTime>,
}

/// A checklist filled in on the floor (read-only through the API).
///
/// ```no_run
/// # async fn run(client: &l2l_areas::Client) -> Result<(), l2l_areas::Error> {
/// use l2l_areas::{Checklist, ChecklistField};
/// let page = Checklist::query(1).order_by(ChecklistField::Id).limit(100).page(client).await?;
/// for r in &page.records {
///     let one = Checklist::get(client, r.id).await?;
/// }
/// # Ok(()) }
/// ```
#[crate::record_area(path = "checklists", scope = site, ops(get, list))]
#[derive(Debug, Clone, PartialEq)]
pub struct Checklist {
    /// The checklist's id.
    #[l2l(id, read_only)]
    pub id: i64,
    /// The site number.
    pub site: i64,
    /// The id of its document.
    pub document: Option<i64>,
    /// Its name.
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
    /// When it was created.
    #[l2l(read_only)]
    pub created: Option<DateTime>,
    /// When it was last changed.
    #[l2l(read_only)]
    pub lastupdated: Option<DateTime>,
}
