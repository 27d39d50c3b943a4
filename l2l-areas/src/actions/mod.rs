//! Action endpoints: the calls beyond CRUD (`dispatches/open/`, `machines/set_cycle_count/`,
//! `pitchdetails/record_details/`, `users/clock_in/<user>/`, the reports), each a method with
//! a typed parameter struct and a typed result.
//!
//! Times are the site's wall-clock time ([`SiteTime`](crate::SiteTime),
//! `YYYY-MM-DD HH:MM:SS`), as L2L's samples send them, except where an argument says UTC
//! ([`UtcTime`](crate::UtcTime)).
//!
//! Writes that are not idempotent (opening or adding a dispatch, recording details,
//! incrementing a cycle count, clocking in) are never retried after a failure unless the
//! call's `retry` field says so: a request that timed out may still have been carried out,
//! and sending it again would open a second dispatch or count parts twice.

mod dispatches;
mod documents;
mod events;
mod export;
mod feed;
mod lines;
mod machines;
mod production;
mod refs;
mod reporting;
mod resources;
mod technicians;
mod users;

pub use dispatches::{AddDispatch, OpenDispatch};
pub use documents::DocumentInfo;
pub use events::{
    ActionComponent, DispatchEvent, EventData, EventDataQuery, EventTechnician, ExternalCost,
};
pub use export::{AsyncJob, DataExport};
pub use feed::{DispatchChange, DispatchEventStream, DispatchEvents};
pub use lines::{AddScrapDetail, CycleTime, SetCycleTime};
pub use machines::{CycleCount, CycleCountResult, OpenDispatches};
pub use production::{ChangeOver, EkanbanOrder, RecordDetails, SetDemand, When};
pub use refs::{BuildSequenceRef, DispatchTypeRef, LineRef, MachineRef, ProductRef, TradeRef};
pub use reporting::{LineSummary, ProductSummary, SiteOee, SummaryQuery};
pub use resources::{DispatchedResources, Resource};
pub use users::ClockIn;

use crate::Request;

/// Appends `k=v` to a request's form when `v` is set.
fn opt(r: Request, key: &str, v: Option<impl ToString>) -> Request {
    match v {
        Some(v) => r.form(key, v.to_string()),
        None => r,
    }
}

/// A path segment that carries user data (a username, an external id), escaped.
fn segment(s: &str) -> String {
    crate::wire::escape(s)
}
