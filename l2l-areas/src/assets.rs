//! Assets beyond machines: machine groups and documents.

use crate::DateTime;

/// A group of machines.
///
/// ```no_run
/// # async fn run(client: &l2l_areas::Client) -> Result<(), l2l_areas::Error> {
/// use l2l_areas::{MachineGroup, MachineGroupField};
/// let page = MachineGroup::query(1).order_by(MachineGroupField::Id).limit(100).page(client).await?;
/// for r in &page.records {
///     let one = MachineGroup::get(client, r.id).await?;
/// }
/// # Ok(()) }
/// ```
#[crate::record_area(path = "machinegroups", scope = site)]
#[derive(Debug, Clone, PartialEq)]
pub struct MachineGroup {
    /// The record's id.
    #[l2l(id, read_only)]
    pub id: i64,
    /// The site number.
    pub site: i64,
    /// The code.
    pub code: String,
    /// Its description.
    pub description: Option<String>,
    /// The id of its technology.
    #[l2l(label = "Technology")]
    pub technology: Option<i64>,
    /// The id of its value stream.
    #[l2l(label = "Value Stream")]
    pub valuestream: Option<i64>,
    /// Whether it is active.
    pub active: bool,
    /// When it was last changed.
    #[l2l(read_only)]
    pub lastupdated: Option<DateTime>,
}

/// A controlled document (work instruction, checklist template); `document_externalid` of `dispatches/open/` names one. L2L's samples spell the area `document`.
///
/// ```no_run
/// # async fn run(client: &l2l_areas::Client) -> Result<(), l2l_areas::Error> {
/// use l2l_areas::{Document, DocumentField};
/// let page = Document::query(1).order_by(DocumentField::Id).limit(100).page(client).await?;
/// for r in &page.records {
///     let one = Document::get(client, r.id).await?;
/// }
/// # Ok(()) }
/// ```
#[crate::record_area(path = "document", scope = site)]
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// The record's id.
    #[l2l(id, read_only)]
    pub id: i64,
    /// The site number.
    pub site: i64,
    /// Its name.
    #[l2l(label = "Name")]
    pub name: String,
    /// Its document number.
    pub number: Option<String>,
    /// Its description.
    pub description: Option<String>,
    /// Its id in another system.
    pub externalid: Option<String>,
    /// Whether it is active.
    pub active: bool,
    /// When it was last changed.
    #[l2l(read_only)]
    pub lastupdated: Option<DateTime>,
}
