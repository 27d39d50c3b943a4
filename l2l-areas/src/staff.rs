//! People beyond users: site access, contacts and shifts.

use crate::DateTime;

/// A site a user may work at: a link, created and deleted, never updated.
///
/// ```no_run
/// # async fn run(client: &l2l_areas::Client) -> Result<(), l2l_areas::Error> {
/// use l2l_areas::{UserSite, UserSiteField};
/// let page = UserSite::query(1).order_by(UserSiteField::Id).limit(100).page(client).await?;
/// for r in &page.records {
///     let one = UserSite::get(client, r.id).await?;
/// }
/// # Ok(()) }
/// ```
#[crate::record_area(path = "usersites", scope = site, ops(get, list, create, delete))]
#[derive(Debug, Clone, PartialEq)]
pub struct UserSite {
    /// The record's id.
    #[l2l(id, read_only)]
    pub id: i64,
    /// The site number.
    pub site: i64,
    /// The user's id.
    pub user: i64,
    /// When it was last changed.
    #[l2l(read_only)]
    pub lastupdated: Option<DateTime>,
}

/// A contact person.
///
/// ```no_run
/// # async fn run(client: &l2l_areas::Client) -> Result<(), l2l_areas::Error> {
/// use l2l_areas::{Contact, ContactField};
/// let page = Contact::query(1).order_by(ContactField::Id).limit(100).page(client).await?;
/// for r in &page.records {
///     let one = Contact::get(client, r.id).await?;
/// }
/// # Ok(()) }
/// ```
#[crate::record_area(path = "contacts", scope = site)]
#[derive(Debug, Clone, PartialEq)]
pub struct Contact {
    /// The record's id.
    #[l2l(id, read_only)]
    pub id: i64,
    /// The site number.
    pub site: i64,
    /// The name.
    #[l2l(label = "Name")]
    pub name: String,
    /// E-mail address.
    pub email: Option<String>,
    /// Phone number.
    pub phone: Option<String>,
    /// Its description.
    pub description: Option<String>,
    /// Whether it is active.
    pub active: bool,
    /// When it was last changed.
    #[l2l(read_only)]
    pub lastupdated: Option<DateTime>,
}

/// A shift of a resource.
///
/// ```no_run
/// # async fn run(client: &l2l_areas::Client) -> Result<(), l2l_areas::Error> {
/// use l2l_areas::{ResourceShift, ResourceShiftField};
/// let page = ResourceShift::query(1).order_by(ResourceShiftField::Id).limit(100).page(client).await?;
/// for r in &page.records {
///     let one = ResourceShift::get(client, r.id).await?;
/// }
/// # Ok(()) }
/// ```
#[crate::record_area(path = "resourceshifts", scope = site)]
#[derive(Debug, Clone, PartialEq)]
pub struct ResourceShift {
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
