//! `users/clock_in/<user>/`, `clock_out/<user>/`, `clock_in_by_externalid/<id>/` and
//! `set_externalid/<user>/`.

use serde::de::IgnoredAny;

use super::{opt, segment};
use crate::{Client, Error, Request, SiteTime, User};

/// The arguments of the clock-in calls.
#[derive(Debug, Clone, PartialEq)]
pub struct ClockIn {
    /// The site number.
    pub site: i64,
    /// The line's code.
    pub linecode: String,
    /// With `end`, records a backdated session that started here (site time).
    pub start: Option<SiteTime>,
    /// With `start`, the end of a backdated session (site time).
    pub end: Option<SiteTime>,
    /// Retry after a timeout or server error (off: a retry could record two sessions).
    pub retry: bool,
}

impl ClockIn {
    /// Clock in now on a line.
    pub fn now(site: i64, linecode: impl Into<String>) -> ClockIn {
        ClockIn {
            site,
            linecode: linecode.into(),
            start: None,
            end: None,
            retry: false,
        }
    }

    /// A backdated session on a line.
    pub fn backdated(
        site: i64,
        linecode: impl Into<String>,
        start: SiteTime,
        end: SiteTime,
    ) -> ClockIn {
        ClockIn {
            start: Some(start),
            end: Some(end),
            ..ClockIn::now(site, linecode)
        }
    }
}

fn clock_in_request(path: String, a: &ClockIn) -> Request {
    let r = Request::post(path)
        .form("site", a.site.to_string())
        .form("linecode", a.linecode.clone());
    let r = opt(
        r,
        "start",
        a.start.map(|t| t.0.strftime("%Y-%m-%d %H:%M").to_string()),
    );
    let r = opt(
        r,
        "end",
        a.end.map(|t| t.0.strftime("%Y-%m-%d %H:%M").to_string()),
    );
    r.retry_writes(a.retry)
}

impl User {
    /// Clocks a user in on a line (`users/clock_in/<username>/`), now or backdated.
    ///
    /// ```no_run
    /// # async fn run(client: &l2l_areas::Client) -> Result<(), l2l_areas::Error> {
    /// use l2l_areas::{ClockIn, User};
    /// User::clock_in(client, "jsmith", &ClockIn::now(1, "Line1")).await?;
    /// # Ok(()) }
    /// ```
    pub async fn clock_in(client: &Client, username: &str, a: &ClockIn) -> Result<(), Error> {
        let r = clock_in_request(format!("users/clock_in/{}", segment(username)), a);
        client.call::<IgnoredAny>(r).await.map(drop)
    }

    /// Clocks a user in by badge (`users/clock_in_by_externalid/<externalid>/`).
    ///
    /// ```no_run
    /// # async fn run(client: &l2l_areas::Client) -> Result<(), l2l_areas::Error> {
    /// use l2l_areas::{ClockIn, User};
    /// User::clock_in_by_externalid(client, "BADGE-0042", &ClockIn::now(1, "Line1")).await?;
    /// # Ok(()) }
    /// ```
    pub async fn clock_in_by_externalid(
        client: &Client,
        externalid: &str,
        a: &ClockIn,
    ) -> Result<(), Error> {
        let r = clock_in_request(
            format!("users/clock_in_by_externalid/{}", segment(externalid)),
            a,
        );
        client.call::<IgnoredAny>(r).await.map(drop)
    }

    /// Clocks a user out (`users/clock_out/<username>/`). Clocking out twice leaves the user
    /// clocked out, so this is retried.
    ///
    /// ```no_run
    /// # async fn run(client: &l2l_areas::Client) -> Result<(), l2l_areas::Error> {
    /// l2l_areas::User::clock_out(client, "jsmith", 1, None).await?;
    /// # Ok(()) }
    /// ```
    pub async fn clock_out(
        client: &Client,
        username: &str,
        site: i64,
        linecode: Option<&str>,
    ) -> Result<(), Error> {
        let r = Request::post(format!("users/clock_out/{}", segment(username)))
            .form("site", site.to_string());
        let r = opt(r, "linecode", linecode);
        client
            .call::<IgnoredAny>(r.retry_writes(true))
            .await
            .map(drop)
    }

    /// Stores a user's badge id (`users/set_externalid/<username>/`).
    ///
    /// ```no_run
    /// # async fn run(client: &l2l_areas::Client) -> Result<(), l2l_areas::Error> {
    /// l2l_areas::User::set_externalid(client, "jsmith", 1, "BADGE-0042").await?;
    /// # Ok(()) }
    /// ```
    pub async fn set_externalid(
        client: &Client,
        username: &str,
        site: i64,
        externalid: &str,
    ) -> Result<(), Error> {
        let r = Request::post(format!("users/set_externalid/{}", segment(username)))
            .form("site", site.to_string())
            .form("externalid", externalid);
        client
            .call::<IgnoredAny>(r.retry_writes(true))
            .await
            .map(drop)
    }

    /// Activates or deactivates a user, signed (`users/set_active/<username>/`): the call of
    /// the docs' worked signing example, an HR server that signs `username` then `active`
    /// with its Secret Key. The client needs a signer
    /// ([`ClientBuilder::signing`](crate::ClientBuilder::signing)): `_server`,
    /// `_expiration` (now + 15 minutes, UTC) and `_signature` are added.
    ///
    /// L2L's docs give the signed parameters but not the path; this one is the sandbox's.
    /// Ask L2L support for your tenant's before relying on it.
    ///
    /// ```no_run
    /// # async fn run() -> Result<(), l2l_areas::Error> {
    /// let client = l2l_areas::Client::builder()
    ///     .company("acme")
    ///     .api_key("key")
    ///     .signing("Corporate HR Server", "Your-Secret-Key-Goes-Here")
    ///     .build()?;
    /// l2l_areas::User::set_active(&client, "johnsmith", 1, true).await?;
    /// # Ok(()) }
    /// ```
    pub async fn set_active(
        client: &Client,
        username: &str,
        site: i64,
        active: bool,
    ) -> Result<(), Error> {
        let r = Request::post(format!("users/set_active/{}", segment(username)))
            .form("site", site.to_string())
            .form("username", username)
            .form("active", super::dispatches::py_bool(active))
            .sign_with(["username", "active"]);
        client
            .call::<IgnoredAny>(r.retry_writes(true))
            .await
            .map(drop)
    }
}
