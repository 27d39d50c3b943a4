//! The demo's reading steps: the test site, the areas page by page, a line and a machine,
//! the daily summary.

use super::*;

impl Flow {
    /// The samples' safety check: exactly one active test site with this number.
    pub(super) async fn check_site(&mut self) -> Result<Site> {
        self.step("Check the test site");
        let q = Site::query()
            .site_eq(self.site)
            .active_eq(true)
            .test_site_eq(true);
        show("GET", format!("sites/?{}", q.to_query_string()));
        let sites = q.all(&self.client).await?;
        match sites.as_slice() {
            [s] => {
                show(
                    "found",
                    format!(
                        "site {} \"{}\" (id {}, {}), an active test site",
                        s.site,
                        s.description,
                        s.id,
                        opt(&s.timezone)
                    ),
                );
                Ok(s.clone())
            }
            found if self.read_only => {
                show(
                    "found",
                    format!(
                        "{} active test sites numbered {}: reading only",
                        found.len(),
                        self.site
                    ),
                );
                let any = Site::query().site_eq(self.site).first(&self.client).await?;
                any.ok_or_else(|| {
                    CliError::failure(format!("there is no site {}", self.site))
                        .hint("`l2l list sites` shows the site numbers")
                })
            }
            found => Err(CliError::failure(format!(
                "site {} is not exactly one active test site ({} found): the demo writes \
                 nothing to it",
                self.site,
                found.len()
            ))
            .hint(
                "pick a test site with --site N (`l2l list sites --where test_site=true`), \
                 or pass --read-only",
            )),
        }
    }

    /// Pages through the site's areas two at a time, as the samples do.
    pub(super) async fn page_areas(&mut self) -> Result<()> {
        self.step("Page through the areas, two records a page");
        let q = Area::query(self.site)
            .active_eq(true)
            .order_by(AreaField::Id)
            .limit(2);
        show(
            "GET",
            format!("areas/?{}&offset=0, 2, 4, ...", q.to_query_string()),
        );
        let mut pages = std::pin::pin!(q.into_query().pages::<Area>(&self.client));
        let mut n = 0;
        while let Some(page) = pages.try_next().await? {
            n += 1;
            let codes: Vec<String> = page
                .records
                .iter()
                .map(|a| format!("{} ({})", a.code, opt(&a.description)))
                .collect();
            show(
                &format!("page {n}"),
                format!(
                    "offset {}: {}",
                    opt(&page.offset),
                    if codes.is_empty() {
                        "(empty)".to_owned()
                    } else {
                        codes.join(", ")
                    }
                ),
            );
        }
        Ok(())
    }

    /// A line that records production, and a machine on it.
    pub(super) async fn find_line_and_machine(&mut self) -> Result<(Line, Machine)> {
        self.step("Find a line with production and a machine on it");
        let q = Line::query(self.site)
            .enable_production_eq(true)
            .active_eq(true);
        show("GET", format!("lines/?{}", q.to_query_string()));
        let lines = q.all(&self.client).await?;
        for line in lines {
            let mq = Machine::query(self.site).line_eq(line.id).active_eq(true);
            if let Some(m) = mq.clone().first(&self.client).await? {
                show(
                    "line",
                    format!(
                        "{} ({}) in area {}",
                        line.code,
                        opt(&line.description),
                        opt(&line.areacode)
                    ),
                );
                show("GET", format!("machines/?{}", mq.to_query_string()));
                show(
                    "machine",
                    format!("{} ({}), id {}", m.code, opt(&m.description), m.id),
                );
                return Ok((line, m));
            }
        }
        Err(CliError::failure(format!(
            "site {} has no active line with production and a machine on it",
            self.site
        )))
    }

    /// The summary of the day of `recorded` (as the server dated it), else of today in
    /// the site's time zone.
    pub(super) async fn daily_summary(
        &mut self,
        site: &Site,
        line: &Line,
        recorded: Option<DateTime>,
    ) -> Result<()> {
        self.step("Read the daily production summary");
        let day = match recorded {
            Some(d) => d.0.date(),
            None => {
                let tz = site.timezone.as_deref().unwrap_or("UTC");
                SiteTime::now_in(tz)
                    .or_else(|_| SiteTime::now_in("UTC"))
                    .map_err(|e| CliError::failure(format!("the site's time zone: {e}")))?
                    .0
                    .date()
            }
        };
        let start = SiteTime(day.to_datetime(jiff::civil::Time::midnight()));
        let end = SiteTime(day.to_datetime(jiff::civil::Time::constant(23, 59, 0, 0)));
        let q = SummaryQuery {
            site: self.site,
            start,
            end,
            linecodes: vec![line.code.clone()],
            show_products: true,
            show_shifts: false,
        };
        show(
            "GET",
            format!(
                "reporting/production/daily_summary_data_by_line/?site={}&start={}&end={}\
                 &linecode={}&show_products=true",
                self.site,
                start.0.strftime("%Y-%m-%d %H:%M"),
                end.0.strftime("%Y-%m-%d %H:%M"),
                line.code
            ),
        );
        let rows = LineSummary::daily(&self.client, &q).await?;
        if rows.is_empty() {
            show("summary", format!("no production recorded on {day}"));
        }
        for r in rows {
            show(
                "summary",
                format!(
                    "line {} product {}: actual {}, scrap {}, pitches {}, OEE {}",
                    opt(&r.line),
                    opt(&r.product),
                    opt(&r.actual),
                    opt(&r.scrap),
                    opt(&r.pitch_count),
                    opt(&r.overall_equipment_effectiveness)
                ),
            );
        }
        Ok(())
    }
}
