//! The reporting endpoints: daily and weekly summaries by line, and OEE by site.

use serde::Deserialize;

use crate::{Client, Date, Decimal, Error, Request, SiteTime};

/// One row of a production summary: a line, split by shift and product when asked.
/// Numbers arrive as decimal strings; every field is optional because L2L leaves out what
/// does not apply.
#[derive(Debug, Clone, PartialEq, Deserialize, Default)]
#[serde(crate = "serde", default)]
pub struct LineSummary {
    /// The site number.
    pub site: Option<i64>,
    /// The area's code.
    pub area: Option<String>,
    /// The line's code.
    pub line: Option<String>,
    /// The line's id.
    pub line_id: Option<i64>,
    /// The product's code, when split by product.
    pub product: Option<String>,
    /// The shift, when split by shift.
    pub shift: Option<String>,
    /// The first day of the period.
    pub start_date: Option<Date>,
    /// The last day of the period.
    pub end_date: Option<Date>,
    /// Parts made.
    pub actual: Option<Decimal>,
    /// Parts demanded.
    pub demand: Option<Decimal>,
    /// Parts scrapped.
    pub scrap: Option<Decimal>,
    /// Pitches in the period.
    pub pitch_count: Option<i64>,
    /// Minutes of downtime.
    pub downtime_minutes: Option<Decimal>,
    /// Minutes planned for production.
    pub planned_production_minutes: Option<Decimal>,
    /// Operators.
    pub operator_count: Option<Decimal>,
    /// Overall equipment effectiveness.
    pub overall_equipment_effectiveness: Option<Decimal>,
    /// Minutes of the period's pitches not meant for production (breaks).
    pub nonproduction_minutes: Option<Decimal>,
    /// The line's categories (codes).
    pub line_categories: Vec<String>,
    /// With [`SummaryQuery::show_products`], the products made on the line in the period.
    pub products: Vec<ProductSummary>,
}

/// A product made on a line (`products[]` of a [`LineSummary`]).
#[derive(Debug, Clone, PartialEq, Deserialize, Default)]
#[serde(crate = "serde", default)]
pub struct ProductSummary {
    /// The product's id.
    pub product_id: Option<i64>,
    /// The product's code.
    pub product: Option<String>,
    /// Parts made.
    pub actual: Option<Decimal>,
    /// Parts scrapped.
    pub scrap: Option<Decimal>,
}

/// The period and lines of a summary.
#[derive(Debug, Clone, PartialEq)]
pub struct SummaryQuery {
    /// The site number.
    pub site: i64,
    /// The start (site time).
    pub start: SiteTime,
    /// The end (site time).
    pub end: SiteTime,
    /// Only these lines (codes); all lines when empty.
    pub linecodes: Vec<String>,
    /// Split rows by product (`show_products=true`), each row listing the line's
    /// `products`.
    pub show_products: bool,
    /// Split rows by shift.
    pub show_shifts: bool,
}

/// OEE of one site over a period.
#[derive(Debug, Clone, PartialEq, Deserialize, Default)]
#[serde(crate = "serde", default)]
pub struct SiteOee {
    /// The site number.
    pub site: Option<i64>,
    /// Overall equipment effectiveness.
    pub overall_equipment_effectiveness: Option<Decimal>,
    /// Operational availability.
    pub operational_availability: Option<Decimal>,
    /// Parts made.
    pub actual: Option<Decimal>,
    /// Parts scrapped.
    pub scrap: Option<Decimal>,
}

fn minutes(t: SiteTime) -> String {
    t.0.strftime("%Y-%m-%d %H:%M").to_string()
}

impl LineSummary {
    /// The daily summary by line (`reporting/production/daily_summary_data_by_line/`;
    /// sends `site`, `start`, `end`, `linecode` as a comma list, `show_products`,
    /// `show_shifts`). Rows carry `nonproduction_minutes` and `line_categories`, and with
    /// `show_products` the line's `products`.
    ///
    /// ```no_run
    /// # async fn run(client: &l2l_areas::Client) -> Result<(), l2l_areas::Error> {
    /// use l2l_areas::{LineSummary, SummaryQuery};
    /// let rows = LineSummary::daily(client, &SummaryQuery {
    ///     site: 1, start: "2024-03-01 00:00".parse().unwrap(), end: "2024-03-02 00:00".parse().unwrap(),
    ///     linecodes: vec!["Line1".into()], show_products: true, show_shifts: false,
    /// }).await?;
    /// # Ok(()) }
    /// ```
    pub async fn daily(client: &Client, q: &SummaryQuery) -> Result<Vec<LineSummary>, Error> {
        let mut r = Request::get("reporting/production/daily_summary_data_by_line")
            .query("site", q.site.to_string())
            .query("start", minutes(q.start))
            .query("end", minutes(q.end));
        if !q.linecodes.is_empty() {
            r = r.query("linecode", q.linecodes.join(","));
        }
        if q.show_products {
            r = r.query("show_products", "true");
        }
        if q.show_shifts {
            r = r.query("show_shifts", "true");
        }
        Ok(client.list(r).await?.records)
    }

    /// The weekly summary by line for the production week holding `date`
    /// (`reporting/production/weekly_summary_data_by_line/`).
    ///
    /// ```no_run
    /// # async fn run(client: &l2l_areas::Client) -> Result<(), l2l_areas::Error> {
    /// let rows = l2l_areas::LineSummary::weekly(client, 1, "2024-03-04".parse().unwrap()).await?;
    /// # Ok(()) }
    /// ```
    pub async fn weekly(client: &Client, site: i64, date: Date) -> Result<Vec<LineSummary>, Error> {
        let r = Request::get("reporting/production/weekly_summary_data_by_line")
            .query("site", site.to_string())
            .query("date", date.to_string());
        Ok(client.list(r).await?.records)
    }
}

impl SiteOee {
    /// OEE by site over a period (`reporting/production/oee_sites/`).
    ///
    /// ```no_run
    /// # async fn run(client: &l2l_areas::Client) -> Result<(), l2l_areas::Error> {
    /// let rows = l2l_areas::SiteOee::fetch(client, 1, "2024-03-01 00:00".parse().unwrap(), "2024-03-02 00:00".parse().unwrap()).await?;
    /// # Ok(()) }
    /// ```
    pub async fn fetch(
        client: &Client,
        site: i64,
        start: SiteTime,
        end: SiteTime,
    ) -> Result<Vec<SiteOee>, Error> {
        let r = Request::get("reporting/production/oee_sites")
            .query("site", site.to_string())
            .query("start", minutes(start))
            .query("end", minutes(end));
        Ok(client.list(r).await?.records)
    }
}
