//! `lines/get_cycle_times/` and `scrapdetail/add_scrap_detail/`.

use serde::Deserialize;

use super::opt;
use crate::{Client, Decimal, Error, Line, Request, ScrapDetail, SiteTime};

/// The cycle time of a product on a line (`lines/get_cycle_times/`,
/// `lines/add_update_cycle_time/`). Integrations read `id`, `line_code`, `product_code`,
/// `cycle_time_seconds`, `operator_count`, `max_quantity_per_pitch` and `planning_rate`;
/// `linecode`, `productcode` and `cycle_time` are the same values under older names.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(crate = "serde")]
pub struct CycleTime {
    /// The cycle time's id (none for one the server derives from recorded details).
    #[serde(default)]
    pub id: Option<i64>,
    /// The line's code.
    #[serde(default)]
    pub line_code: Option<String>,
    /// The product's code.
    #[serde(default)]
    pub product_code: Option<String>,
    /// Seconds per part.
    #[serde(default)]
    pub cycle_time_seconds: Option<Decimal>,
    /// Operators the cycle time assumes.
    #[serde(default)]
    pub operator_count: Option<Decimal>,
    /// The most parts a pitch can hold.
    #[serde(default)]
    pub max_quantity_per_pitch: Option<Decimal>,
    /// The planning rate, in percent.
    #[serde(default)]
    pub planning_rate: Option<Decimal>,
    /// The line's code.
    #[serde(default)]
    pub linecode: Option<String>,
    /// The product's code.
    #[serde(default)]
    pub productcode: Option<String>,
    /// Seconds per part.
    #[serde(default)]
    pub cycle_time: Option<Decimal>,
}

/// The arguments of [`Line::add_update_cycle_time`]: a product's cycle time on a line.
#[derive(Debug, Clone, PartialEq)]
pub struct SetCycleTime {
    /// The site number (`site`).
    pub site: i64,
    /// The line's code (`line_code`).
    pub line_code: String,
    /// The product's code (`product_code`).
    pub product_code: String,
    /// Seconds per part (`cycle_time_seconds`).
    pub cycle_time_seconds: Decimal,
    /// Operators (`operator_count`).
    pub operator_count: Option<Decimal>,
    /// The planning rate in percent (`planning_rate_percentage`).
    pub planning_rate_percentage: Option<Decimal>,
    /// The most parts a pitch can hold (`max_parts`).
    pub max_parts: Option<Decimal>,
}

impl SetCycleTime {
    /// A cycle time of `seconds` per part, nothing else set.
    pub fn new(
        site: i64,
        line_code: impl Into<String>,
        product_code: impl Into<String>,
        seconds: Decimal,
    ) -> SetCycleTime {
        SetCycleTime {
            site,
            line_code: line_code.into(),
            product_code: product_code.into(),
            cycle_time_seconds: seconds,
            operator_count: None,
            planning_rate_percentage: None,
            max_parts: None,
        }
    }
}

/// The arguments of [`ScrapDetail::add_scrap_detail`]: scrap of one category on a line.
#[derive(Debug, Clone, PartialEq)]
pub struct AddScrapDetail {
    /// The site number.
    pub site: i64,
    /// The line's code.
    pub linecode: String,
    /// The scrap category's code.
    pub scrapcategory: String,
    /// How many parts were scrapped.
    pub scrap: Decimal,
    /// When (site time; now when absent).
    pub scrap_datetime: Option<SiteTime>,
    /// Retry after a timeout or server error (off: a retry could count the scrap twice).
    pub retry: bool,
}

impl Line {
    /// The cycle times of a line (`lines/get_cycle_times/`, sends `site`, `line_code` and
    /// `product_code`), for one product or all.
    ///
    /// ```no_run
    /// # async fn run(client: &l2l_areas::Client) -> Result<(), l2l_areas::Error> {
    /// for c in l2l_areas::Line::get_cycle_times(client, 1, "Line1", Some("P-100")).await? {
    ///     println!("{:?} {:?}s", c.productcode, c.cycle_time);
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn get_cycle_times(
        client: &Client,
        site: i64,
        line_code: &str,
        product_code: Option<&str>,
    ) -> Result<Vec<CycleTime>, Error> {
        let mut r = Request::get("lines/get_cycle_times")
            .query("site", site.to_string())
            .query("line_code", line_code);
        if let Some(p) = product_code {
            r = r.query("product_code", p);
        }
        client.list(r).await.map(|p| p.records)
    }
}

impl Line {
    /// Creates or updates the cycle time of a product on a line
    /// (`lines/add_update_cycle_time/`, sends `site`, `line_code`, `product_code`,
    /// `cycle_time_seconds`, and `operator_count`, `planning_rate_percentage`, `max_parts`
    /// when set); [`Line::get_cycle_times`] reads it back. Setting the same values twice
    /// has the effect of once, so this is retried.
    ///
    /// ```no_run
    /// # async fn run(client: &l2l_areas::Client) -> Result<(), l2l_areas::Error> {
    /// use l2l_areas::{Line, SetCycleTime};
    /// let c = Line::add_update_cycle_time(client, &SetCycleTime::new(1, "Line1", "P-100", "42.5".parse().unwrap())).await?;
    /// println!("{:?}", c.id);
    /// # Ok(()) }
    /// ```
    pub async fn add_update_cycle_time(
        client: &Client,
        a: &SetCycleTime,
    ) -> Result<CycleTime, Error> {
        let r = Request::post("lines/add_update_cycle_time")
            .form("site", a.site.to_string())
            .form("line_code", a.line_code.clone())
            .form("product_code", a.product_code.clone())
            .form("cycle_time_seconds", a.cycle_time_seconds.to_string());
        let r = opt(r, "operator_count", a.operator_count);
        let r = opt(r, "planning_rate_percentage", a.planning_rate_percentage);
        let r = opt(r, "max_parts", a.max_parts);
        client.one(r.retry_writes(true)).await
    }
}

impl ScrapDetail {
    /// Records scrap on a line (`scrapdetail/add_scrap_detail/`); the detail is listed by
    /// `scrapdetail/` afterwards.
    ///
    /// ```no_run
    /// # async fn run(client: &l2l_areas::Client) -> Result<(), l2l_areas::Error> {
    /// use l2l_areas::{AddScrapDetail, ScrapDetail};
    /// let d = ScrapDetail::add_scrap_detail(client, &AddScrapDetail {
    ///     site: 1, linecode: "Line1".into(), scrapcategory: "Dent".into(),
    ///     scrap: "3".parse().unwrap(), scrap_datetime: None, retry: false,
    /// }).await?;
    /// # Ok(()) }
    /// ```
    pub async fn add_scrap_detail(
        client: &Client,
        a: &AddScrapDetail,
    ) -> Result<ScrapDetail, Error> {
        let r = Request::post("scrapdetail/add_scrap_detail")
            .form("site", a.site.to_string())
            .form("linecode", a.linecode.clone())
            .form("scrapcategory", a.scrapcategory.clone())
            .form("scrap", a.scrap.to_string());
        let r = opt(r, "scrap_datetime", a.scrap_datetime);
        client.one(r.retry_writes(a.retry)).await
    }
}
