//! `machines/set_cycle_count/` and `machines/increment_cycle_count/`.

use serde::Deserialize;

use super::refs::MachineRef;
use crate::{Client, Error, Machine, Request};

/// The arguments of [`Machine::set_cycle_count`] and [`Machine::increment_cycle_count`].
#[derive(Debug, Clone, PartialEq)]
pub struct CycleCount {
    /// The site number (needed when the machine is named by code).
    pub site: i64,
    /// The machine.
    pub machine: MachineRef,
    /// The new count, or the increment.
    pub cyclecount: i64,
    /// Leave the machine's `lastupdated` alone (for high-frequency counters).
    pub skip_lastupdated: bool,
    /// Retry an increment after a timeout or server error. Off by default: an increment
    /// the server had applied would be counted twice. (Setting is always retried.)
    pub retry: bool,
}

impl CycleCount {
    /// A count for a machine, with `lastupdated` updated and no retry of increments.
    pub fn new(site: i64, machine: impl Into<MachineRef>, cyclecount: i64) -> CycleCount {
        CycleCount {
            site,
            machine: machine.into(),
            cyclecount,
            skip_lastupdated: false,
            retry: false,
        }
    }
}

/// The answer of the cycle-count endpoints: the machine as updated, under `machine`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(crate = "serde")]
pub struct CycleCountResult {
    /// The machine, when the server returns it.
    #[serde(default)]
    pub machine: Option<Machine>,
}

impl Machine {
    /// Sets a machine's cycle count (`machines/set_cycle_count/`). Idempotent, so retried.
    ///
    /// ```no_run
    /// # async fn run(client: &l2l_areas::Client) -> Result<(), l2l_areas::Error> {
    /// use l2l_areas::{CycleCount, Machine, MachineRef};
    /// Machine::set_cycle_count(client, &CycleCount::new(1, MachineRef::Code("WLD0001".into()), 1200)).await?;
    /// # Ok(()) }
    /// ```
    pub async fn set_cycle_count(
        client: &Client,
        a: &CycleCount,
    ) -> Result<CycleCountResult, Error> {
        client
            .call(cycle_request("set_cycle_count", a).retry_writes(true))
            .await
    }

    /// Adds to a machine's cycle count (`machines/increment_cycle_count/`). Not retried
    /// unless `a.retry` says so: a retried increment may count twice.
    ///
    /// ```no_run
    /// # async fn run(client: &l2l_areas::Client) -> Result<(), l2l_areas::Error> {
    /// use l2l_areas::{CycleCount, Machine};
    /// let mut c = CycleCount::new(1, 5, 10);
    /// c.skip_lastupdated = true;
    /// Machine::increment_cycle_count(client, &c).await?;
    /// # Ok(()) }
    /// ```
    pub async fn increment_cycle_count(
        client: &Client,
        a: &CycleCount,
    ) -> Result<CycleCountResult, Error> {
        client
            .call(cycle_request("increment_cycle_count", a).retry_writes(a.retry))
            .await
    }
}

fn cycle_request(action: &str, a: &CycleCount) -> Request {
    let mut r = Request::post(format!("machines/{action}")).form("site", a.site.to_string());
    r = match &a.machine {
        MachineRef::Id(id) => r.form("id", id.to_string()),
        MachineRef::Code(code) => r.form("code", code.clone()),
    };
    r = r.form("cyclecount", a.cyclecount.to_string());
    if a.skip_lastupdated {
        r = r.form("skip_lastupdated", "1");
    }
    r
}
