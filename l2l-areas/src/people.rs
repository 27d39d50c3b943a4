//! People: users (and the API users that keys belong to) and their clocked time.

use crate::DateTime;

/// A user. Create with a `loginid`; update by id.
#[crate::record_area(path = "users")]
#[derive(Debug, Clone, PartialEq)]
pub struct User {
    /// The user's id.
    #[l2l(id, read_only)]
    pub id: i64,
    /// The login name (the `<username>` of the clock-in endpoints).
    pub loginid: String,
    /// First name.
    pub firstname: Option<String>,
    /// Last name.
    pub lastname: Option<String>,
    /// E-mail address.
    pub email: Option<String>,
    /// Phone number.
    pub phone: Option<String>,
    /// E-mail address for text messages.
    pub smsemail: Option<String>,
    /// The badge or ERP id (see `clock_in_by_externalid`).
    pub externalid: Option<String>,
    /// Whether the user is active.
    pub active: bool,
    /// When the user was created.
    #[l2l(read_only)]
    pub created: Option<DateTime>,
    /// When the user was last changed.
    #[l2l(read_only)]
    pub lastupdated: Option<DateTime>,
}

/// A clocked session of a user on a line (made by the clock-in and clock-out endpoints).
#[crate::record_area(path = "usertimes", scope = site, ops(get, list))]
#[derive(Debug, Clone, PartialEq)]
pub struct UserTime {
    /// The session's id.
    #[l2l(id, read_only)]
    pub id: i64,
    pub site: i64,
    /// The id of the user.
    pub user: i64,
    /// The id of the line.
    pub line: Option<i64>,
    /// When the session started (site time).
    pub start: DateTime,
    /// When it ended (site time); null while clocked in.
    pub end: Option<DateTime>,
    #[l2l(read_only)]
    pub lastupdated: Option<DateTime>,
}
