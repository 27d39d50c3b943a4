//! `dispatches/get_event_data/`, L2L's incremental feed of dispatch changes, and the
//! change feed built on it ([`Dispatch::events`]).

use serde::{Deserialize, Deserializer, Serialize};

use super::dispatches::py_bool;
use crate::{Client, Decimal, Dispatch, Error, Request, UtcTime};

/// The filters of [`Dispatch::get_event_data`]. Keep them the same from one sync to the
/// next (L2L asks for it: the watermark only means something for one filter set), and pass
/// the previous answer's `max_lastupdated` as `lastupdated`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EventDataQuery {
    /// The site number.
    pub site: i64,
    /// Changes after this time (UTC), the previous sync's watermark. Required unless
    /// `dispatch_id` or `dispatch_number` is given.
    pub lastupdated: Option<UtcTime>,
    /// One dispatch by id instead.
    pub dispatch_id: Option<i64>,
    /// One dispatch by its number instead.
    pub dispatch_number: Option<i64>,
    /// Page size (1000 by default).
    pub limit: Option<u32>,
    /// Only these lines.
    pub line_ids: Vec<i64>,
    /// Only these dispatch types.
    pub dispatchtype_ids: Vec<i64>,
    /// Only the dispatches of machines in this area (by code).
    pub areacode: Option<String>,
    /// Only the dispatch with this external id.
    pub externalid: Option<String>,
    /// Only dispatches whose external id starts with this.
    pub externalid_prefix: Option<String>,
    /// Only open (true) or closed (false) dispatches.
    pub open: Option<bool>,
    /// Include deleted dispatches (marked [`DispatchEvent::deleted`]).
    pub deleted: Option<bool>,
    /// Parameters to sign, in L2L's order, when the tenant wants this call signed
    /// ([`Request::sign_with`]); empty: not signed.
    pub sign: Vec<String>,
}

impl EventDataQuery {
    /// The query arguments, in a fixed order.
    pub(crate) fn args(&self) -> Vec<(&'static str, String)> {
        let s = |v: &Option<String>| v.clone();
        [
            ("site", Some(self.site.to_string())),
            ("lastupdated", self.lastupdated.map(|t| t.to_string())),
            ("dispatch_id", self.dispatch_id.map(|v| v.to_string())),
            (
                "dispatch_number",
                self.dispatch_number.map(|v| v.to_string()),
            ),
            ("limit", self.limit.map(|v| v.to_string())),
            ("line_ids", join(&self.line_ids)),
            ("dispatchtype_ids", join(&self.dispatchtype_ids)),
            ("areacode", s(&self.areacode)),
            ("externalid", s(&self.externalid)),
            ("externalid_prefix", s(&self.externalid_prefix)),
            ("open", self.open.map(|o| py_bool(o).to_owned())),
            ("deleted", self.deleted.map(|o| py_bool(o).to_owned())),
        ]
        .into_iter()
        .filter_map(|(k, v)| Some((k, v?)))
        .collect()
    }
}

/// The answer of [`Dispatch::get_event_data`].
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(crate = "serde")]
pub struct EventData {
    /// The dispatches changed since the watermark, oldest change first.
    #[serde(default)]
    pub data: Vec<DispatchEvent>,
    /// The watermark for the next sync (UTC).
    pub max_lastupdated: Option<UtcTime>,
}

/// One dispatch as `get_event_data` returns it: the record, with who worked on it, what
/// was done and what it cost, or the news that it was deleted.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(crate = "serde")]
pub struct DispatchEvent {
    /// The dispatch record.
    #[serde(flatten)]
    pub dispatch: Dispatch,
    /// The technicians on it.
    #[serde(default)]
    pub technicians: Vec<EventTechnician>,
    /// The actions taken and components used.
    #[serde(default)]
    pub actioncomponents: Vec<ActionComponent>,
    /// Costs from outside vendors.
    #[serde(default)]
    pub external_costs: Vec<ExternalCost>,
    /// Whether the dispatch was deleted (only sent when asked with `deleted`).
    #[serde(default, deserialize_with = "lenient_bool")]
    pub deleted: bool,
}

/// An event reads as its dispatch (`event.id`, `event.description`).
impl std::ops::Deref for DispatchEvent {
    type Target = Dispatch;

    fn deref(&self) -> &Dispatch {
        &self.dispatch
    }
}

/// A technician on a dispatch (`technicians[]` of `get_event_data`).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(crate = "serde")]
pub struct EventTechnician {
    /// The technician's id.
    #[serde(default)]
    pub technician: Option<i64>,
    /// The username.
    #[serde(default)]
    pub loginid: Option<String>,
    /// The full name.
    #[serde(default)]
    pub fullname: Option<String>,
    /// The id of the trade worked as.
    #[serde(default)]
    pub trade: Option<i64>,
}

/// An action taken on a dispatch (`actioncomponents[]` of `get_event_data`).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(crate = "serde")]
pub struct ActionComponent {
    /// The action's id.
    #[serde(default)]
    pub id: Option<i64>,
    /// The action's code.
    #[serde(default)]
    pub code: Option<String>,
    /// What was done.
    #[serde(default)]
    pub description: Option<String>,
    /// The component acted on.
    #[serde(default)]
    pub component: Option<String>,
}

/// A cost from an outside vendor, on a dispatch or a work order.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(crate = "serde")]
pub struct ExternalCost {
    /// The cost's id.
    #[serde(default)]
    pub id: Option<i64>,
    /// What it was for.
    #[serde(default)]
    pub description: Option<String>,
    /// Who charged it.
    #[serde(default)]
    pub vendor: Option<String>,
    /// The amount.
    pub cost: Decimal,
}

impl ExternalCost {
    /// The sum of the costs (what L2L's support article asks integrations to compute).
    ///
    /// ```
    /// use l2l_areas::ExternalCost;
    /// let c = |v: &str| ExternalCost { id: None, description: None, vendor: None, cost: v.parse().unwrap() };
    /// assert_eq!(ExternalCost::total(&[c("12.50"), c("7.25")]).to_string(), "19.75");
    /// ```
    pub fn total(costs: &[ExternalCost]) -> Decimal {
        costs.iter().map(|c| c.cost).sum()
    }
}

/// `true`, `"T"`, `"True"`, `1` and their negatives.
pub(crate) fn lenient_bool<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    #[derive(Deserialize)]
    #[serde(crate = "serde", untagged)]
    enum Flag {
        Bool(bool),
        Int(i64),
        Text(String),
    }
    Ok(match Option::<Flag>::deserialize(d)? {
        None => false,
        Some(Flag::Bool(b)) => b,
        Some(Flag::Int(i)) => i != 0,
        Some(Flag::Text(s)) => matches!(s.as_str(), "T" | "t" | "True" | "true" | "1" | "Y"),
    })
}

impl Dispatch {
    /// The incremental sync feed (`dispatches/get_event_data/`): dispatches changed since a
    /// watermark (UTC), each with its technicians, action components and external costs,
    /// and the next watermark (`max_lastupdated`).
    ///
    /// Every parameter L2L documents is a field of [`EventDataQuery`]. To follow the feed
    /// without writing the loop, use [`Dispatch::events`].
    ///
    /// ```no_run
    /// # async fn run(client: &l2l_areas::Client) -> Result<(), l2l_areas::Error> {
    /// use l2l_areas::{Dispatch, EventDataQuery};
    /// let mut q = EventDataQuery {
    ///     site: 1,
    ///     lastupdated: Some("2024-01-01 00:00:00".parse().unwrap()),
    ///     deleted: Some(true),
    ///     ..Default::default()
    /// };
    /// let batch = Dispatch::get_event_data(client, &q).await?;
    /// for e in &batch.data {
    ///     println!("{} {} technicians, deleted: {}", e.dispatch.id, e.technicians.len(), e.deleted);
    /// }
    /// q.lastupdated = batch.max_lastupdated.or(q.lastupdated);
    /// # Ok(()) }
    /// ```
    pub async fn get_event_data(client: &Client, q: &EventDataQuery) -> Result<EventData, Error> {
        let mut r = Request::get("dispatches/get_event_data").query_pairs(q.args());
        if !q.sign.is_empty() {
            r = r.sign_with(q.sign.iter().cloned());
        }
        client.call(r).await
    }
}

fn join(ids: &[i64]) -> Option<String> {
    (!ids.is_empty()).then(|| ids.iter().map(i64::to_string).collect::<Vec<_>>().join(","))
}
