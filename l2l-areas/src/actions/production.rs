//! `pitchdetails/record_details/`, the build sequence's change-over calls and
//! `productorders/sync_ekanban_order/`.

use serde::Deserialize;

use super::opt;
use super::refs::{BuildSequenceRef, LineRef, ProductRef};
use crate::{BuildSequence, Client, Decimal, Error, PitchDetail, ProductOrder, Request, SiteTime};

/// A time for `record_details`: a site time, or `now` as the server sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// The server's current time.
    Now,
    /// A site wall-clock time.
    At(SiteTime),
}

impl std::fmt::Display for When {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            When::Now => f.write_str("now"),
            When::At(t) => t.fmt(f),
        }
    }
}

/// The arguments of [`PitchDetail::record_details`]: the counts of one product in one
/// interval. Batch every few minutes, never overlap intervals, one product per call.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordDetails {
    /// The site number.
    pub site: i64,
    /// The line.
    pub line: LineRef,
    /// The product code; an unknown code creates the product.
    pub productcode: String,
    /// The time of the first part.
    pub start: When,
    /// The time of the last part (after `start`); the detail joins the pitch holding it.
    pub end: When,
    /// Parts made.
    pub actual: Decimal,
    /// Parts scrapped.
    pub scrap: Decimal,
    /// Operators on the line.
    pub operator_count: Decimal,
    /// Retry after a timeout or server error. Off by default: a retry the server had
    /// already stored would count the parts twice.
    pub retry: bool,
}

impl RecordDetails {
    /// `actual` parts of a product on a line, from `start` to `end`, no scrap, no operators.
    pub fn new(
        site: i64,
        line: impl Into<LineRef>,
        productcode: impl Into<String>,
        start: When,
        end: When,
        actual: Decimal,
    ) -> Self {
        RecordDetails {
            site,
            line: line.into(),
            productcode: productcode.into(),
            start,
            end,
            actual,
            scrap: Decimal::ZERO,
            operator_count: Decimal::ZERO,
            retry: false,
        }
    }
}

impl PitchDetail {
    /// Records production counts (`pitchdetails/record_details/`).
    ///
    /// ```no_run
    /// # async fn run(client: &l2l_areas::Client) -> Result<(), l2l_areas::Error> {
    /// use l2l_areas::{PitchDetail, RecordDetails, When};
    /// let d = PitchDetail::record_details(client, &RecordDetails::new(1, "Line1", "P-100", When::Now, When::Now, 12.into())).await?;
    /// println!("detail {} on pitch {:?}", d.id, d.pitch);
    /// # Ok(()) }
    /// ```
    pub async fn record_details(client: &Client, a: &RecordDetails) -> Result<PitchDetail, Error> {
        let mut r = Request::post("pitchdetails/record_details").form("site", a.site.to_string());
        r = a.line.write(r);
        r = r
            .form("productcode", a.productcode.clone())
            .form("start", a.start.to_string())
            .form("end", a.end.to_string())
            .form("actual", a.actual.to_string())
            .form("scrap", a.scrap.to_string())
            .form("operator_count", a.operator_count.to_string());
        client.one(r.retry_writes(a.retry)).await
    }
}

/// The arguments of the change-over calls: the line, and which order comes next.
#[derive(Debug, Clone, PartialEq)]
pub struct ChangeOver {
    /// The site number.
    pub site: i64,
    /// The line.
    pub line: LineRef,
    /// The next product, if named by product.
    pub product: Option<ProductRef>,
    /// The next build sequence entry, if named by entry.
    pub build_sequence: Option<BuildSequenceRef>,
}

#[derive(Deserialize)]
#[serde(crate = "serde")]
struct MaybeOrder {
    #[serde(default)]
    data: Option<BuildSequence>,
}

impl BuildSequence {
    /// The order running on a line now (`buildsequence/get_current_order_on_line/`), if any.
    ///
    /// ```no_run
    /// # async fn run(client: &l2l_areas::Client) -> Result<(), l2l_areas::Error> {
    /// let order = l2l_areas::BuildSequence::get_current_order_on_line(client, 1, "Line1").await?;
    /// # Ok(()) }
    /// ```
    pub async fn get_current_order_on_line(
        client: &Client,
        site: i64,
        linecode: &str,
    ) -> Result<Option<BuildSequence>, Error> {
        let r = Request::get("buildsequence/get_current_order_on_line")
            .query("site", site.to_string())
            .query("linecode", linecode);
        client.call::<MaybeOrder>(r).await.map(|m| m.data)
    }

    /// Starts a change-over to the next order (`buildsequence/start_change_over/`).
    ///
    /// ```no_run
    /// # async fn run(client: &l2l_areas::Client) -> Result<(), l2l_areas::Error> {
    /// use l2l_areas::{BuildSequence, ChangeOver, ProductRef};
    /// let c = ChangeOver { site: 1, line: "Line1".into(), product: Some(ProductRef::Code("P-200".into())), build_sequence: None };
    /// BuildSequence::start_change_over(client, &c).await?;
    /// # Ok(()) }
    /// ```
    pub async fn start_change_over(
        client: &Client,
        a: &ChangeOver,
    ) -> Result<Option<BuildSequence>, Error> {
        client
            .call::<MaybeOrder>(change_over("start_change_over", a))
            .await
            .map(|m| m.data)
    }

    /// Finishes a change-over (`buildsequence/finish_change_over/`).
    ///
    /// ```no_run
    /// # async fn run(client: &l2l_areas::Client, c: &l2l_areas::ChangeOver) -> Result<(), l2l_areas::Error> {
    /// l2l_areas::BuildSequence::finish_change_over(client, c).await?;
    /// # Ok(()) }
    /// ```
    pub async fn finish_change_over(
        client: &Client,
        a: &ChangeOver,
    ) -> Result<Option<BuildSequence>, Error> {
        client
            .call::<MaybeOrder>(change_over("finish_change_over", a))
            .await
            .map(|m| m.data)
    }
}

fn change_over(action: &str, a: &ChangeOver) -> Request {
    let mut r = Request::post(format!("buildsequence/{action}")).form("site", a.site.to_string());
    r = a.line.write(r);
    if let Some(p) = &a.product {
        r = p.write(r);
    }
    if let Some(b) = &a.build_sequence {
        r = b.write(r);
    }
    r
}

/// The arguments of [`ProductOrder::sync_ekanban_order`].
#[derive(Debug, Clone, PartialEq)]
pub struct EkanbanOrder {
    /// The site number.
    pub site: i64,
    /// The product code.
    pub productcode: String,
    /// The order's name.
    pub name: String,
    /// How many to make.
    pub order_quantity: Decimal,
    /// The size of one card (the order is split into cards).
    pub card_size: Decimal,
    /// The ERP's id of the order: store it, and syncing again updates instead of adding.
    pub externalid: Option<String>,
}

impl ProductOrder {
    /// Creates or updates an eKanban order (`productorders/sync_ekanban_order/`). With an
    /// `externalid` a second sync updates the same order, so it is retried; without one it
    /// is not.
    ///
    /// ```no_run
    /// # async fn run(client: &l2l_areas::Client) -> Result<(), l2l_areas::Error> {
    /// use l2l_areas::{EkanbanOrder, ProductOrder};
    /// let o = ProductOrder::sync_ekanban_order(client, &EkanbanOrder {
    ///     site: 1, productcode: "P-100".into(), name: "SO-1".into(),
    ///     order_quantity: 100.into(), card_size: 25.into(), externalid: Some("SO-1".into()),
    /// }).await?;
    /// # Ok(()) }
    /// ```
    pub async fn sync_ekanban_order(
        client: &Client,
        a: &EkanbanOrder,
    ) -> Result<ProductOrder, Error> {
        let r = Request::post("productorders/sync_ekanban_order")
            .form("site", a.site.to_string())
            .form("productcode", a.productcode.clone())
            .form("name", a.name.clone())
            .form("order_quantity", a.order_quantity.to_string())
            .form("card_size", a.card_size.to_string());
        let r = opt(r, "externalid", a.externalid.as_ref());
        client.one(r.retry_writes(a.externalid.is_some())).await
    }
}

/// The arguments of [`crate::Pitch::set_demand`]: the demand of a line's pitches in a
/// window.
#[derive(Debug, Clone, PartialEq)]
pub struct SetDemand {
    /// The site number (`site`, sent in the query and the body).
    pub site: i64,
    /// The line's code (`linecode`).
    pub linecode: String,
    /// The window's start (`start`, site time).
    pub start: SiteTime,
    /// The window's end (`end`, site time).
    pub end: SiteTime,
    /// Parts demanded per pitch (`demand`).
    pub demand: Decimal,
}

impl crate::Pitch {
    /// Sets the demand of the pitches of a line that start in a window
    /// (`pitches/set_demand/`, sends `site` in the query and `site`, `linecode`, `start`,
    /// `end`, `demand` in the body; the server also takes times not zero-padded, as
    /// `2026-1-5 6:30`). The answer lists the pitches changed. Setting the same demand
    /// twice has the effect of once, so this is retried.
    ///
    /// ```no_run
    /// # async fn run(client: &l2l_areas::Client) -> Result<(), l2l_areas::Error> {
    /// use l2l_areas::{Pitch, SetDemand};
    /// let changed = Pitch::set_demand(client, &SetDemand {
    ///     site: 1, linecode: "Line1".into(), start: "2026-01-05 06:00".parse().unwrap(),
    ///     end: "2026-01-05 14:00".parse().unwrap(), demand: "60".parse().unwrap(),
    /// }).await?;
    /// println!("{} pitches", changed.len());
    /// # Ok(()) }
    /// ```
    pub async fn set_demand(client: &Client, a: &SetDemand) -> Result<Vec<crate::Pitch>, Error> {
        let r = Request::post("pitches/set_demand")
            .query("site", a.site.to_string())
            .form("site", a.site.to_string())
            .form("linecode", a.linecode.clone())
            .form("start", a.start.to_string())
            .form("end", a.end.to_string())
            .form("demand", a.demand.to_string())
            .retry_writes(true);
        client.list(r).await.map(|p| p.records)
    }
}
