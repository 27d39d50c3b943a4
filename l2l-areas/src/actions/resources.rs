//! `dispatches/delete/<id>`, `dispatches/current_dispatched_resources/`,
//! `dispatchstatuses/get_system_statuses/`, `technicians/set_availability/<id>/` and
//! `workorders/get_external_costs/<id>/`.

use serde::Deserialize;
use serde::de::IgnoredAny;

use super::dispatches::py_bool;
use super::events::ExternalCost;
use crate::{Client, DateTime, Dispatch, DispatchStatus, Error, Request, Technician, WorkOrder};

/// The people working on one open dispatch (`dispatches/current_dispatched_resources/`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(crate = "serde")]
pub struct DispatchedResources {
    /// The dispatch's id.
    #[serde(default)]
    pub id: Option<i64>,
    /// The dispatch number.
    pub dispatchnumber: Option<i64>,
    /// When the dispatch last changed.
    #[serde(default)]
    pub lastupdated: Option<DateTime>,
    /// Who is on it.
    #[serde(default)]
    pub resources: Vec<Resource>,
}

/// A person dispatched (`resources[]`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(crate = "serde")]
pub struct Resource {
    /// The user's id.
    pub id: i64,
    /// The username.
    #[serde(default)]
    pub loginid: Option<String>,
    /// The full name.
    #[serde(default)]
    pub fullname: Option<String>,
}

impl Dispatch {
    /// Deletes a dispatch through its action (`dispatches/delete/<id>`, a GET as L2L's
    /// callers send it). Afterwards the dispatch is gone from `dispatches/`, and
    /// [`Dispatch::get_event_data`] with `deleted` reports it deleted. Like every GET it
    /// is retried after a timeout: deleting twice leaves it deleted, but a retry whose first
    /// attempt had gone through answers that the dispatch is not found.
    ///
    /// ```no_run
    /// # async fn run(client: &l2l_areas::Client) -> Result<(), l2l_areas::Error> {
    /// l2l_areas::Dispatch::delete_action(client, 1, 42).await?;
    /// # Ok(()) }
    /// ```
    pub async fn delete_action(client: &Client, site: i64, id: i64) -> Result<(), Error> {
        let r = Request::get(format!("dispatches/delete/{id}")).query("site", site.to_string());
        client.call::<IgnoredAny>(r).await.map(drop)
    }

    /// Who is dispatched on the open dispatches of a site
    /// (`dispatches/current_dispatched_resources/`, sends `site`): one row per dispatch,
    /// with its `id`, `dispatchnumber`, `lastupdated` and `resources` (`id`, `loginid`,
    /// `fullname`).
    ///
    /// ```no_run
    /// # async fn run(client: &l2l_areas::Client) -> Result<(), l2l_areas::Error> {
    /// for row in l2l_areas::Dispatch::current_dispatched_resources(client, 1).await? {
    ///     println!("{:?}: {} people", row.dispatchnumber, row.resources.len());
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn current_dispatched_resources(
        client: &Client,
        site: i64,
    ) -> Result<Vec<DispatchedResources>, Error> {
        let r =
            Request::get("dispatches/current_dispatched_resources").query("site", site.to_string());
        client.list(r).await.map(|p| p.records)
    }
}

impl DispatchStatus {
    /// L2L's built-in dispatch statuses (`dispatchstatuses/get_system_statuses/`), the ids
    /// that [`Dispatch::change_status`] takes besides a site's own statuses.
    ///
    /// ```no_run
    /// # async fn run(client: &l2l_areas::Client) -> Result<(), l2l_areas::Error> {
    /// for s in l2l_areas::DispatchStatus::get_system_statuses(client, 1).await? {
    ///     println!("{} {}", s.id, s.code);
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn get_system_statuses(
        client: &Client,
        site: i64,
    ) -> Result<Vec<DispatchStatus>, Error> {
        let r =
            Request::get("dispatchstatuses/get_system_statuses").query("site", site.to_string());
        client.list(r).await.map(|p| p.records)
    }
}

impl Technician {
    /// Marks a technician available or not (`technicians/set_availability/<id>/`). Setting
    /// the same value twice has the effect of once, so this is retried.
    ///
    /// ```no_run
    /// # async fn run(client: &l2l_areas::Client) -> Result<(), l2l_areas::Error> {
    /// l2l_areas::Technician::set_availability(client, 1, 7, false).await?;
    /// # Ok(()) }
    /// ```
    pub async fn set_availability(
        client: &Client,
        site: i64,
        id: i64,
        available: bool,
    ) -> Result<(), Error> {
        let r = Request::post(format!("technicians/set_availability/{id}"))
            .form("site", site.to_string())
            .form("available", py_bool(available))
            .retry_writes(true);
        client.call::<IgnoredAny>(r).await.map(drop)
    }
}

impl WorkOrder {
    /// The external (vendor) costs of a work order (`workorders/get_external_costs/<id>/`);
    /// [`ExternalCost::total`] sums them.
    ///
    /// ```no_run
    /// # async fn run(client: &l2l_areas::Client) -> Result<(), l2l_areas::Error> {
    /// use l2l_areas::{ExternalCost, WorkOrder};
    /// let costs = WorkOrder::get_external_costs(client, 1, 12).await?;
    /// println!("total {}", ExternalCost::total(&costs));
    /// # Ok(()) }
    /// ```
    pub async fn get_external_costs(
        client: &Client,
        site: i64,
        id: i64,
    ) -> Result<Vec<ExternalCost>, Error> {
        let r = Request::get(format!("workorders/get_external_costs/{id}"))
            .query("site", site.to_string());
        client.list(r).await.map(|p| p.records)
    }
}
