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

mod read;
mod write;

/// The sandbox's demo test site.
const SANDBOX_SITE: i64 = 1;
/// The sandbox's demo operator.
const SANDBOX_USER: &str = "operator";

/// Runs `l2l demo`.
pub async fn run(ctx: &Ctx, args: &DemoArgs) -> Result<()> {
    if ctx.settings.tenant_explicit {
        let client = ctx.settings.client()?;
        say!("L2L demo against {}", client.base_url());
        let site = match args.site.or(ctx.settings.site) {
            Some(site) => site,
            None => find_test_site(&client).await?,
        };
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

/// The tenant's one active test site, found by itself: the site the demo may write to.
async fn find_test_site(client: &Client) -> Result<i64> {
    let q = Site::query().active_eq(true).test_site_eq(true);
    let found = q.all(client).await?;
    match found.as_slice() {
        [s] => {
            say!(
                "(no --site: working in site {} \"{}\", the tenant's one active test site)",
                s.site,
                s.description
            );
            Ok(s.site)
        }
        [] => Err(CliError::usage(
            "this tenant has no active test site: the demo writes only to a test site",
        )
        .hint(
            "ask your L2L administrator for a test site, or read only: \
             `l2l demo --site N --read-only` (`l2l list sites` shows the site numbers)",
        )),
        several => {
            let mut numbers: Vec<i64> = several.iter().map(|s| s.site).collect();
            numbers.sort_unstable();
            let list = numbers
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ");
            Err(CliError::usage(format!(
                "this tenant has {} active test sites ({list}): name one with --site N",
                numbers.len()
            ))
            .hint(format!("for example: l2l demo --site {}", numbers[0])))
        }
    }
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
}
