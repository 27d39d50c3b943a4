//! The shared state of a running sandbox, which every request reads (the router is
//! `api::router`).

use std::time::Duration;

use crate::faults::{Faults, RateLimit};
use crate::limits::Limits;
use crate::signing::Signing;
use crate::store::{Catalog, Store};

/// What every request shares.
#[derive(Debug)]
pub(crate) struct App {
    /// The areas and their tables.
    pub(crate) catalog: Catalog,
    /// The storage thread.
    pub(crate) store: Store,
    /// The fault plan and the counters.
    pub(crate) faults: Faults,
    /// The rate limit, if any.
    pub(crate) rate: Option<RateLimit>,
    /// The signed endpoints and secrets.
    pub(crate) signing: Signing,
    /// The page size when a list names none.
    pub(crate) default_limit: u32,
    /// Added to every answer.
    pub(crate) latency: Duration,
    /// Print a line per request to stderr (method, path, status, time).
    pub(crate) log_requests: bool,
    /// The page maxima and what a `limit` above one gets.
    pub(crate) limits: Limits,
    /// The record areas every key is refused (403), as `--forbid` names them.
    pub(crate) forbidden: Vec<String>,
}
