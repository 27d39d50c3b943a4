//! `dispatches/open/`, `add/`, `close/<id>/`, `complete/<id>/`, `set_description/<id>/`,
//! `changestatus/<id>/` and `changetype/<id>/` (`get_event_data/` is in `events`).

use super::opt;
use super::refs::{DispatchTypeRef, MachineRef, TradeRef};
use crate::{Client, Dispatch, Error, Request, SiteTime};

/// The arguments of [`Dispatch::open`].
#[derive(Debug, Clone, PartialEq)]
pub struct OpenDispatch {
    /// The site number.
    pub site: i64,
    /// The dispatch type.
    pub dispatch_type: DispatchTypeRef,
    /// The machine.
    pub machine: MachineRef,
    /// What happened.
    pub description: String,
    /// The trade to dispatch.
    pub trade: Option<TradeRef>,
    /// When false, an unknown trade falls back to the default trade.
    pub trade_required: Option<bool>,
    /// The username of the reporter (the API user when absent).
    pub user: Option<String>,
    /// The reason's id.
    pub reason_id: Option<i64>,
    /// Usernames to assign.
    pub assigned_users: Vec<String>,
    /// When it is due (site time).
    pub due: Option<SiteTime>,
    /// When it was reported (site time; now when absent).
    pub reported: Option<SiteTime>,
    /// The parent dispatch's id.
    pub parent_dispatch_id: Option<i64>,
    /// Whether material was quarantined (`Y`/`N`).
    pub material_quarantined: Option<bool>,
    /// Retry after a timeout or server error. Off by default: a retried open that the
    /// server had carried out opens a second dispatch (or hits "This Machine already has an
    /// open critical Dispatch.").
    pub retry: bool,
}

impl OpenDispatch {
    /// The required arguments; the rest unset.
    pub fn new(
        site: i64,
        dispatch_type: impl Into<DispatchTypeRef>,
        machine: impl Into<MachineRef>,
        description: impl Into<String>,
    ) -> OpenDispatch {
        OpenDispatch {
            site,
            dispatch_type: dispatch_type.into(),
            machine: machine.into(),
            description: description.into(),
            trade: None,
            trade_required: None,
            user: None,
            reason_id: None,
            assigned_users: Vec::new(),
            due: None,
            reported: None,
            parent_dispatch_id: None,
            material_quarantined: None,
            retry: false,
        }
    }
}

/// The arguments of [`Dispatch::add`]: a dispatch that already happened and is closed.
#[derive(Debug, Clone, PartialEq)]
pub struct AddDispatch {
    /// The site number.
    pub site: i64,
    /// The dispatch type.
    pub dispatch_type: DispatchTypeRef,
    /// The machine.
    pub machine: MachineRef,
    /// What happened.
    pub description: String,
    /// When it was reported (site time).
    pub reported: SiteTime,
    /// When it was completed (site time).
    pub completed: SiteTime,
    /// The trade.
    pub trade: Option<TradeRef>,
    /// Retry after a timeout or server error (off: a retry could log the event twice).
    pub retry: bool,
}

impl Dispatch {
    /// Opens a dispatch (`dispatches/open/`), like the "New Dispatch" form.
    ///
    /// ```no_run
    /// # async fn run(client: &l2l_areas::Client) -> Result<(), l2l_areas::Error> {
    /// use l2l_areas::{Dispatch, OpenDispatch};
    /// let d = Dispatch::open(client, &OpenDispatch::new(1, "Code Red", "WLD0001", "Welder down")).await?;
    /// println!("dispatch {}", d.id);
    /// # Ok(()) }
    /// ```
    pub async fn open(client: &Client, a: &OpenDispatch) -> Result<Dispatch, Error> {
        let mut r = Request::post("dispatches/open").form("site", a.site.to_string());
        r = a.dispatch_type.write(r);
        r = a.machine.write(r);
        r = r.form("description", a.description.clone());
        if let Some(t) = &a.trade {
            r = t.write(r);
        }
        r = opt(r, "trade_required", a.trade_required.map(py_bool));
        r = opt(r, "user", a.user.as_ref());
        r = opt(r, "reason_id", a.reason_id);
        if !a.assigned_users.is_empty() {
            r = r.form("assigned_users", a.assigned_users.join(","));
        }
        r = opt(
            r,
            "due",
            a.due.map(|t| t.0.strftime("%Y-%m-%d %H:%M").to_string()),
        );
        r = opt(r, "reported", a.reported);
        r = opt(r, "parent_dispatch_id", a.parent_dispatch_id);
        r = opt(
            r,
            "material_quarantined",
            a.material_quarantined.map(|q| if q { "Y" } else { "N" }),
        );
        client.one(r.retry_writes(a.retry)).await
    }

    /// Records a dispatch that already happened and is closed (`dispatches/add/`).
    ///
    /// ```no_run
    /// # async fn run(client: &l2l_areas::Client) -> Result<(), l2l_areas::Error> {
    /// use l2l_areas::{AddDispatch, Dispatch};
    /// let d = Dispatch::add(client, &AddDispatch {
    ///     site: 1, dispatch_type: "Code Red".into(), machine: "WLD0001".into(),
    ///     description: "Jam cleared".into(), reported: "2024-03-01 10:00".parse().unwrap(),
    ///     completed: "2024-03-01 10:05".parse().unwrap(), trade: None, retry: false,
    /// }).await?;
    /// # Ok(()) }
    /// ```
    pub async fn add(client: &Client, a: &AddDispatch) -> Result<Dispatch, Error> {
        let mut r = Request::post("dispatches/add").form("site", a.site.to_string());
        r = a.dispatch_type.write(r);
        r = a.machine.write(r);
        r = r
            .form("description", a.description.clone())
            .form("reported", a.reported.to_string())
            .form("completed", a.completed.to_string());
        if let Some(t) = &a.trade {
            r = t.write(r);
        }
        client.one(r.retry_writes(a.retry)).await
    }

    /// Closes an open dispatch (`dispatches/close/<id>/`). Closing twice leaves it closed,
    /// so this is retried.
    ///
    /// ```no_run
    /// # async fn run(client: &l2l_areas::Client) -> Result<(), l2l_areas::Error> {
    /// let d = l2l_areas::Dispatch::close(client, 1, 42).await?;
    /// assert_eq!(d.open.as_deref(), Some("F"));
    /// # Ok(()) }
    /// ```
    pub async fn close(client: &Client, site: i64, id: i64) -> Result<Dispatch, Error> {
        Self::on(client, "close", site, id, None).await
    }

    /// Completes a dispatch (`dispatches/complete/<id>/`).
    ///
    /// ```no_run
    /// # async fn run(client: &l2l_areas::Client) -> Result<(), l2l_areas::Error> {
    /// l2l_areas::Dispatch::complete(client, 1, 42).await?;
    /// # Ok(()) }
    /// ```
    pub async fn complete(client: &Client, site: i64, id: i64) -> Result<Dispatch, Error> {
        Self::on(client, "complete", site, id, None).await
    }

    /// Replaces a dispatch's description (`dispatches/set_description/<id>/`).
    ///
    /// ```no_run
    /// # async fn run(client: &l2l_areas::Client) -> Result<(), l2l_areas::Error> {
    /// l2l_areas::Dispatch::set_description(client, 1, 42, "Bearing replaced").await?;
    /// # Ok(()) }
    /// ```
    pub async fn set_description(
        client: &Client,
        site: i64,
        id: i64,
        description: &str,
    ) -> Result<Dispatch, Error> {
        Self::on(
            client,
            "set_description",
            site,
            id,
            Some(("description", description.to_owned())),
        )
        .await
    }

    /// Moves a dispatch to another status (`dispatches/changestatus/<id>/`).
    ///
    /// ```no_run
    /// # async fn run(client: &l2l_areas::Client) -> Result<(), l2l_areas::Error> {
    /// l2l_areas::Dispatch::change_status(client, 1, 42, 3).await?;
    /// # Ok(()) }
    /// ```
    pub async fn change_status(
        client: &Client,
        site: i64,
        id: i64,
        dispatchstatus_id: i64,
    ) -> Result<Dispatch, Error> {
        Self::on(
            client,
            "changestatus",
            site,
            id,
            Some(("dispatchstatus_id", dispatchstatus_id.to_string())),
        )
        .await
    }

    /// Changes a dispatch's type (`dispatches/changetype/<id>/`).
    ///
    /// ```no_run
    /// # async fn run(client: &l2l_areas::Client) -> Result<(), l2l_areas::Error> {
    /// l2l_areas::Dispatch::change_type(client, 1, 42, 7).await?;
    /// # Ok(()) }
    /// ```
    pub async fn change_type(
        client: &Client,
        site: i64,
        id: i64,
        dispatchtype_id: i64,
    ) -> Result<Dispatch, Error> {
        Self::on(
            client,
            "changetype",
            site,
            id,
            Some(("dispatchtype_id", dispatchtype_id.to_string())),
        )
        .await
    }

    async fn on(
        client: &Client,
        action: &str,
        site: i64,
        id: i64,
        arg: Option<(&str, String)>,
    ) -> Result<Dispatch, Error> {
        let mut r =
            Request::post(format!("dispatches/{action}/{id}")).form("site", site.to_string());
        if let Some((k, v)) = arg {
            r = r.form(k, v);
        }
        client.one(r.retry_writes(true)).await
    }
}

/// `True`/`False`, as L2L's samples write booleans in action arguments.
pub(super) fn py_bool(b: bool) -> &'static str {
    if b { "True" } else { "False" }
}
