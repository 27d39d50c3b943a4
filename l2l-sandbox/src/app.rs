//! The shared state of a running sandbox, which every request reads (the router is
//! `api::router`).

use std::time::Duration;

use crate::faults::{Faults, RateLimit};
use crate::limits::Limits;
use crate::signing::Signing;
use crate::store::{Catalog, Store};

/// What every request shares.
#[derive(Debug)]
pub struct App {
    /// The areas and their tables.
    pub catalog: Catalog,
    /// The storage thread.
    pub store: Store,
    /// The fault plan and the counters.
    pub faults: Faults,
    /// The rate limit, if any.
    pub rate: Option<RateLimit>,
    /// The signed endpoints and secrets.
    pub signing: Signing,
    /// The page size when a list names none.
    pub default_limit: u32,
    /// Added to every answer.
    pub latency: Duration,
    /// The page maxima and what a `limit` above one gets.
    pub limits: Limits,
    /// The record areas every key is refused (403), as `--forbid` names them.
    pub forbidden: Vec<String>,
}
