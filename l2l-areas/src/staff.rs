//! People beyond users: site access, contacts and shifts.

use crate::DateTime;

/// A site a user may work at: a link, created and deleted, never updated.
#[crate::record_area(path = "usersites", scope = site, ops(get, list, create, delete))]
#[derive(Debug, Clone, PartialEq)]
pub struct UserSite {
    #[l2l(id, read_only)]
    pub id: i64,
    pub site: i64,
    /// The user's id.
    pub user: i64,
    #[l2l(read_only)]
    pub lastupdated: Option<DateTime>,
}

/// A contact person.
#[crate::record_area(path = "contacts", scope = site)]
#[derive(Debug, Clone, PartialEq)]
pub struct Contact {
    #[l2l(id, read_only)]
    pub id: i64,
    pub site: i64,
    /// The name.
    #[l2l(label = "Name")]
    pub name: String,
    /// E-mail address.
    pub email: Option<String>,
    /// Phone number.
    pub phone: Option<String>,
    pub description: Option<String>,
    pub active: bool,
    #[l2l(read_only)]
    pub lastupdated: Option<DateTime>,
}

/// A shift of a resource.
#[crate::record_area(path = "resourceshifts", scope = site)]
#[derive(Debug, Clone, PartialEq)]
pub struct ResourceShift {
    #[l2l(id, read_only)]
    pub id: i64,
    pub site: i64,
    pub code: String,
    pub description: Option<String>,
    pub active: bool,
    #[l2l(read_only)]
    pub lastupdated: Option<DateTime>,
}
