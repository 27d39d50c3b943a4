//! Authentication and access: API keys bound to users, each with an admin flag and a list
//! of sites (or every site).
//!
//! - The key comes from the `auth` argument (query or POST body) or the `L2LAUTH` header;
//!   the argument wins when both are sent. Missing or unknown: **HTTP 401**.
//! - A `site` the acting user has no access to: **HTTP 403**.
//! - `realuser=<loginid>` acts for that user only when the key came as the `auth`
//!   argument, the key's user is an admin, and the realuser's sites are a subset of the
//!   key user's; otherwise **HTTP 403**. Changes are then tracked to the realuser (and the
//!   audit trail names both).
//!
//! Every refusal carries the JSON (or XML) envelope with `success: false` and `error`.

use rusqlite::{Connection, OptionalExtension};

use crate::call::{Access, ApiError, Call};
use crate::store::records::Actor;

/// A user of the sandbox, with an optional API key.
///
/// ```
/// use l2l_sandbox::User;
/// let u = User::new("operator").sites([1]).key("operator-key");
/// assert!(!u.is_admin());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    loginid: String,
    admin: bool,
    access: Access,
    key: Option<String>,
}

impl User {
    /// A user with access to every site, not an admin, without a key.
    pub fn new(loginid: impl Into<String>) -> User {
        User {
            loginid: loginid.into(),
            admin: false,
            access: Access::All,
            key: None,
        }
    }

    /// Makes the user an admin (who may use `realuser`).
    pub fn admin(mut self, admin: bool) -> User {
        self.admin = admin;
        self
    }

    /// Limits the user to these site numbers.
    pub fn sites(mut self, sites: impl IntoIterator<Item = i64>) -> User {
        self.access = Access::Sites(sites.into_iter().collect());
        self
    }

    /// Gives the user an API key.
    pub fn key(mut self, key: impl Into<String>) -> User {
        self.key = Some(key.into());
        self
    }

    /// The login id.
    pub fn loginid(&self) -> &str {
        &self.loginid
    }

    /// Whether the user is an admin.
    pub fn is_admin(&self) -> bool {
        self.admin
    }

    /// The user's API key, if any.
    pub fn api_key(&self) -> Option<&str> {
        self.key.as_deref()
    }

    /// The user's site access.
    pub fn access(&self) -> &Access {
        &self.access
    }

    /// Stores the user (and key), replacing one of the same login id.
    pub(crate) fn save(&self, conn: &Connection) -> rusqlite::Result<()> {
        conn.execute(
            "INSERT OR REPLACE INTO _users (loginid, admin, sites) VALUES (?1, ?2, ?3)",
            rusqlite::params![self.loginid, self.admin, self.access.to_db()],
        )?;
        if let Some(key) = &self.key {
            conn.execute(
                "INSERT OR REPLACE INTO _keys (key, loginid) VALUES (?1, ?2)",
                [key, &self.loginid],
            )?;
        }
        Ok(())
    }
}

fn load(conn: &Connection, loginid: &str) -> rusqlite::Result<Option<(bool, Access)>> {
    conn.prepare_cached("SELECT admin, sites FROM _users WHERE loginid = ?1")?
        .query_row([loginid], |r| {
            Ok((r.get::<_, bool>(0)?, Access::from_db(r.get(1)?)))
        })
        .optional()
}

/// Who a call acts as, and the sites it may use.
pub(crate) fn authenticate(conn: &Connection, call: &Call) -> Result<(Actor, Access), ApiError> {
    let param = call.arg("auth").filter(|k| !k.is_empty());
    let Some(key) = param.or(call.header_key.as_deref()) else {
        return Err(ApiError::status(
            401,
            "missing API key: send it in the L2LAUTH header, the auth query argument or the auth POST argument",
        ));
    };
    let found: Option<(String, bool, Option<String>)> = conn
        .prepare_cached(
            "SELECT u.loginid, u.admin, u.sites FROM _keys k JOIN _users u ON u.loginid = k.loginid WHERE k.key = ?1",
        )?
        .query_row([key], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    let Some((loginid, admin, sites)) = found else {
        return Err(ApiError::status(401, "invalid API key"));
    };
    let access = Access::from_db(sites);
    let (actor, access) = match call.arg("realuser").filter(|r| !r.is_empty()) {
        None => (Actor { loginid, via: None }, access),
        Some(real) => {
            if param.is_none() {
                return Err(ApiError::status(
                    403,
                    "realuser works only with the API key in the `auth` argument, not in the L2LAUTH header",
                ));
            }
            if !admin {
                return Err(ApiError::status(
                    403,
                    format!("realuser needs an admin API user, and `{loginid}` is not an admin"),
                ));
            }
            let Some((_, real_access)) = load(conn, real)? else {
                return Err(ApiError::status(
                    403,
                    format!("realuser `{real}` is not a user"),
                ));
            };
            if !real_access.subset_of(&access) {
                return Err(ApiError::status(
                    403,
                    format!(
                        "realuser `{real}` has access to sites that API user `{loginid}` has not"
                    ),
                ));
            }
            (
                Actor {
                    loginid: real.to_owned(),
                    via: Some(loginid),
                },
                real_access,
            )
        }
    };
    if let Some(site) = call.site().map_err(|e| ApiError::status(200, e.error))?
        && !access.allows(site)
    {
        return Err(ApiError::status(
            403,
            format!("user `{}` has no access to site {site}", actor.loginid),
        ));
    }
    Ok((actor, access))
}
