//! `l2l demo`: the integration flow of L2L's own samples (les-python3 and its siblings),
//! step by step with the typed client of `l2l-areas`, against an embedded sandbox, or a
//! real tenant when one is named.
//!
//! Like the samples, it writes nothing unless the site is exactly one active test site.

use std::fmt::Display;
use std::time::Instant;

use futures::TryStreamExt as _;
use l2l_areas::{
    Area, AreaField, Client, ClockIn, CycleCount, DateTime, Decimal, Dispatch, DispatchField,
    DispatchType, Line, LineSummary, Machine, MachineRef, OpenDispatch, PitchDetail, Product,
    RecordDetails, Site, SiteTime, SummaryQuery, User, UserTime, UserTimeField, When,
};
use l2l_sandbox::Sandbox;

use super::Ctx;
use crate::cli::DemoArgs;
use crate::error::{CliError, Result};

/// `println!` that ignores a closed stdout (`l2l demo | head`) instead of panicking.
macro_rules! say {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($t)*);
    }};
}

/// The sandbox's demo test site.
const SANDBOX_SITE: i64 = 1;
/// The sandbox's demo operator.
const SANDBOX_USER: &str = "operator";

/// Runs `l2l demo`.
pub async fn run(ctx: &Ctx, args: &DemoArgs) -> Result<()> {
    if ctx.settings.tenant_explicit {
        let client = ctx.settings.client()?;
        let Some(site) = args.site.or(ctx.settings.site) else {
            return Err(
                CliError::usage("name the test site to work in with --site N")
                    .hint("`l2l list sites --where test_site=true` shows the test sites"),
            );
        };
        say!("L2L demo against {}", client.base_url());
        return Flow::new(client, site, args.user.clone(), args.read_only)
            .run()
            .await;
    }
    let started = Instant::now();
    let sandbox = Sandbox::start()
        .await
        .map_err(|e| CliError::failure(format!("the embedded sandbox could not start: {e}")))?;
    say!(
        "L2L demo against an embedded sandbox at {} (demo data, started in {} ms)",
        sandbox.api_url(),
        started.elapsed().as_millis()
    );
    say!("(with --company NAME or --base-url URL and L2L_API_KEY it runs against a tenant)");
    // A throttle as polite as the default would only slow the walk down here.
    let client = sandbox
        .client_builder()
        .integration("l2l-demo", env!("CARGO_PKG_VERSION"))
        .throttle(ctx.settings.throttle_or(0.0))
        .build()?;
    let user = args.user.clone().or_else(|| Some(SANDBOX_USER.to_owned()));
    let result = Flow::new(
        client,
        args.site.unwrap_or(SANDBOX_SITE),
        user,
        args.read_only,
    )
    .run()
    .await;
    sandbox.shutdown().await;
    result
}

/// The walk: what it has found so far.
struct Flow {
    client: Client,
    site: i64,
    user: Option<String>,
    read_only: bool,
    step: u32,
}

fn show(label: &str, v: impl Display) {
    say!("   {label:<9} {v}");
}

fn opt<T: Display>(v: &Option<T>) -> String {
    v.as_ref()
        .map(ToString::to_string)
        .unwrap_or_else(|| "-".into())
}

impl Flow {
    fn new(client: Client, site: i64, user: Option<String>, read_only: bool) -> Flow {
        Flow {
            client,
            site,
            user,
            read_only,
            step: 0,
        }
    }

    fn step(&mut self, title: &str) {
        self.step += 1;
        say!("");
        say!("{}. {title}", self.step);
    }

    async fn run(mut self) -> Result<()> {
        let started = Instant::now();
        let site = self.check_site().await?;
        self.page_areas().await?;
        let (line, machine) = self.find_line_and_machine().await?;
        let write = !self.read_only;
        let mut recorded = None;
        if write {
            self.clock_in_and_out(&line).await?;
            self.cycle_counts(&machine).await?;
            self.dispatch(&machine).await?;
            recorded = Some(self.record_production(&line).await?);
        } else {
            say!("");
            say!("(--read-only: skipping clock in/out, cycle counts, dispatches, production)");
        }
        self.daily_summary(&site, &line, recorded).await?;
        say!("");
        say!(
            "Done: {} steps in {:.2}s.{}",
            self.step,
            started.elapsed().as_secs_f64(),
            if write {
                " Every write went to the test site."
            } else {
                ""
            }
        );
        Ok(())
    }

    /// The samples' safety check: exactly one active test site with this number.
    async fn check_site(&mut self) -> Result<Site> {
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
    async fn page_areas(&mut self) -> Result<()> {
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
    async fn find_line_and_machine(&mut self) -> Result<(Line, Machine)> {
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

    async fn clock_in_and_out(&mut self, line: &Line) -> Result<()> {
        self.step("Clock a user in and out");
        let Some(user) = self.user.clone() else {
            show("skipped", "name a user to clock in with --user LOGIN");
            return Ok(());
        };
        User::clock_in(
            &self.client,
            &user,
            &ClockIn::now(self.site, line.code.clone()),
        )
        .await?;
        show(
            "POST",
            format!("users/clock_in/{user}/  linecode={}", line.code),
        );
        let found = User::query()
            .loginid_eq(user.clone())
            .first(&self.client)
            .await?;
        if let Some(u) = &found {
            let t = UserTime::query(self.site)
                .user_eq(u.id)
                .order_by_desc(UserTimeField::Id)
                .first(&self.client)
                .await?;
            if let Some(t) = t {
                show(
                    "clocked",
                    format!("{user} in on line {} since {}", line.code, t.start),
                );
            }
        }
        User::clock_out(&self.client, &user, self.site, Some(&line.code)).await?;
        show("POST", format!("users/clock_out/{user}/"));
        if let Some(u) = &found {
            let t = UserTime::query(self.site)
                .user_eq(u.id)
                .order_by_desc(UserTimeField::Id)
                .first(&self.client)
                .await?;
            if let Some(t) = t {
                show("session", format!("{} to {}", t.start, opt(&t.end)));
            }
        }
        Ok(())
    }

    async fn cycle_counts(&mut self, m: &Machine) -> Result<()> {
        self.step("Set and increment the machine's cycle count");
        let set = CycleCount::new(self.site, MachineRef::Code(m.code.clone()), 1000);
        Machine::set_cycle_count(&self.client, &set).await?;
        show(
            "POST",
            format!("machines/set_cycle_count/  code={} cyclecount=1000", m.code),
        );
        let mut inc = CycleCount::new(self.site, MachineRef::Code(m.code.clone()), 25);
        inc.skip_lastupdated = true;
        Machine::increment_cycle_count(&self.client, &inc).await?;
        show(
            "POST",
            format!(
                "machines/increment_cycle_count/  code={} cyclecount=25 skip_lastupdated=1",
                m.code
            ),
        );
        let now = Machine::get(&self.client, m.id).await?;
        show(
            "count",
            format!("{} now at {}", m.code, opt(&now.cyclecount)),
        );
        Ok(())
    }

    async fn dispatch(&mut self, m: &Machine) -> Result<()> {
        self.step("Open and close a dispatch");
        let types = DispatchType::query(self.site)
            .active_eq(true)
            .all(&self.client)
            .await?;
        let Some(dt) = types
            .iter()
            .find(|t| t.code == "Code Red")
            .or_else(|| types.first())
        else {
            show(
                "skipped",
                format!("site {} has no active dispatch type", self.site),
            );
            return Ok(());
        };
        // The support article's duplicate guard: is one open already?
        let open = Dispatch::query(self.site)
            .machine_eq(m.id)
            .dispatchtype_eq(dt.id)
            .open_eq("T")
            .order_by_desc(DispatchField::Reported)
            .first(&self.client)
            .await?;
        if let Some(d) = open {
            show(
                "found",
                format!("dispatch {} already open: closing it first", d.id),
            );
            Dispatch::close(&self.client, self.site, d.id).await?;
        }
        let a = OpenDispatch::new(
            self.site,
            dt.code.as_str(),
            m.code.as_str(),
            "l2l demo: jammed feeder",
        );
        let d = Dispatch::open(&self.client, &a).await?;
        show(
            "POST",
            format!(
                "dispatches/open/  dispatchtypecode={} machinecode={}",
                dt.code, m.code
            ),
        );
        show(
            "opened",
            format!(
                "dispatch {} (number {}) on {}, open={}",
                d.id,
                opt(&d.dispatchnumber),
                opt(&d.machinecode),
                opt(&d.open)
            ),
        );
        let closed = Dispatch::close(&self.client, self.site, d.id).await?;
        show("POST", format!("dispatches/close/{}/", d.id));
        show(
            "closed",
            format!(
                "dispatch {}: open={}, completed {}",
                closed.id,
                opt(&closed.open),
                opt(&closed.completed)
            ),
        );
        Ok(())
    }

    /// Records 12 parts made and 1 scrapped; returns when (the detail's end).
    async fn record_production(&mut self, line: &Line) -> Result<DateTime> {
        self.step("Record production");
        let product = Product::query(self.site)
            .active_eq(true)
            .first(&self.client)
            .await?;
        let code = match &product {
            Some(p) => p.code.clone(),
            // As the samples do: an unknown product code creates the product.
            None => format!("testproduct-{}", jiff::Timestamp::now().as_second()),
        };
        let mut a = RecordDetails::new(
            self.site,
            line.code.as_str(),
            code.clone(),
            When::Now,
            When::Now,
            Decimal::from(12),
        );
        a.scrap = Decimal::from(1);
        a.operator_count = Decimal::from(2);
        let d = PitchDetail::record_details(&self.client, &a).await?;
        show(
            "POST",
            format!(
                "pitchdetails/record_details/  linecode={} productcode={code} start=now end=now \
                 actual=12 scrap=1 operator_count=2",
                line.code
            ),
        );
        show(
            "recorded",
            format!(
                "detail {} in pitch {}: {} made, {} scrapped",
                d.id,
                opt(&d.pitch),
                d.actual,
                d.scrap
            ),
        );
        Ok(d.end)
    }

    /// The summary of the day of `recorded` (as the server dated it), else of today in
    /// the site's time zone.
    async fn daily_summary(
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
