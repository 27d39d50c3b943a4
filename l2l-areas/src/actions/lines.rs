//! `lines/get_cycle_times/` and `scrapdetail/add_scrap_detail/`.

use serde::Deserialize;

use super::opt;
use crate::{Client, Decimal, Error, Line, Request, ScrapDetail, SiteTime};

/// The cycle time of a product on a line (`lines/get_cycle_times/`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(crate = "serde")]
pub struct CycleTime {
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
    /// The cycle times of a line (`lines/get_cycle_times/`), for one product or all.
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
