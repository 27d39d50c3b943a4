//! Continuous improvement: kaizen events and their categories.

use crate::DateTime;

/// A kaizen (improvement) event.
///
/// ```no_run
/// # async fn run(client: &l2l_areas::Client) -> Result<(), l2l_areas::Error> {
/// use l2l_areas::{Kaizen, KaizenField};
/// let page = Kaizen::query(1).order_by(KaizenField::Id).limit(100).page(client).await?;
/// for r in &page.records {
///     let one = Kaizen::get(client, r.id).await?;
/// }
/// # Ok(()) }
/// ```
#[crate::record_area(path = "kaizen", scope = site)]
#[derive(Debug, Clone, PartialEq)]
pub struct Kaizen {
    /// The record's id.
    #[l2l(id, read_only)]
    pub id: i64,
    /// The site number.
    pub site: i64,
    /// Its title.
    #[l2l(label = "Name")]
    pub name: String,
    /// Its description.
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
    /// When it was created.
    #[l2l(read_only)]
    pub created: Option<DateTime>,
    /// When it was last changed.
    #[l2l(read_only)]
    pub lastupdated: Option<DateTime>,
}

/// A category of kaizen events.
///
/// ```no_run
/// # async fn run(client: &l2l_areas::Client) -> Result<(), l2l_areas::Error> {
/// use l2l_areas::{KaizenCategory, KaizenCategoryField};
/// let page = KaizenCategory::query(1).order_by(KaizenCategoryField::Id).limit(100).page(client).await?;
/// for r in &page.records {
///     let one = KaizenCategory::get(client, r.id).await?;
/// }
/// # Ok(()) }
/// ```
#[crate::record_area(path = "kaizencategory", scope = site)]
#[derive(Debug, Clone, PartialEq)]
pub struct KaizenCategory {
    /// The record's id.
    #[l2l(id, read_only)]
    pub id: i64,
    /// The site number.
    pub site: i64,
    /// The code.
    pub code: String,
    /// Its description.
    pub description: Option<String>,
    /// Whether it is active.
    pub active: bool,
    /// When it was last changed.
    #[l2l(read_only)]
    pub lastupdated: Option<DateTime>,
}
