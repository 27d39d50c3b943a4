//! [`SandboxBuilder`]: a sandbox's options, and starting it.

mod start;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use l2l_core::AreaSchema;

use crate::auth::User;
use crate::faults::ManualClock;
use crate::limits::{Limits, OverLimit};
use crate::live::LiveOptions;
use crate::sandbox::{Error, Sandbox};
use crate::seed::Seed;
use crate::signing::Signing;

/// The areas a sandbox serves when none are given: every built-in area of `l2l-areas`.
pub fn default_areas() -> &'static [&'static AreaSchema] {
    l2l_areas::AREAS
}

/// Options of a sandbox. [`Sandbox::builder`] makes one with the defaults: 127.0.0.1 on an
/// ephemeral port, in memory, the demo seed, a generated API key, plain http, no faults,
/// no rate limit, no signed endpoints, no added latency, one reader per core (2 to 8),
/// each area's own page maximum with `fail` above it.
#[derive(Debug)]
#[must_use]
pub struct SandboxBuilder {
    areas: Option<&'static [&'static AreaSchema]>,
    addr: SocketAddr,
    db: Option<PathBuf>,
    seed: Seed,
    api_key: Option<String>,
    tls: bool,
    cert_path: Option<PathBuf>,
    fault_rate: f64,
    fault_seed: u64,
    fault_delay: Duration,
    rate_limit: Option<f64>,
    rate_clock: Option<ManualClock>,
    signing: Signing,
    users: Vec<User>,
    default_limit: u32,
    readers: Option<usize>,
    latency: Duration,
    log_requests: bool,
    limits: Limits,
    areas_files: Vec<PathBuf>,
    forbidden: Vec<String>,
    live: Option<LiveOptions>,
}

impl Sandbox {
    /// Starts a sandbox with the defaults (see [`SandboxBuilder`]).
    pub async fn start() -> Result<Sandbox, Error> {
        SandboxBuilder::default().start().await
    }

    /// A [`SandboxBuilder`].
    pub fn builder() -> SandboxBuilder {
        SandboxBuilder::default()
    }
}

impl Default for SandboxBuilder {
    fn default() -> Self {
        SandboxBuilder {
            areas: None,
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            db: None,
            seed: Seed::Demo,
            api_key: None,
            tls: false,
            cert_path: None,
            fault_rate: 0.0,
            fault_seed: 0,
            fault_delay: Duration::from_secs(3),
            rate_limit: None,
            rate_clock: None,
            signing: Signing::default(),
            users: Vec::new(),
            default_limit: 100,
            readers: None,
            latency: Duration::ZERO,
            log_requests: false,
            limits: Limits::default(),
            areas_files: Vec::new(),
            forbidden: Vec::new(),
            live: None,
        }
    }
}

impl SandboxBuilder {
    /// The record areas served (the built-in ones by default).
    pub fn areas(mut self, areas: &'static [&'static AreaSchema]) -> Self {
        self.areas = Some(areas);
        self
    }

    /// Listens on this port of 127.0.0.1 (0: any free port, the default).
    pub fn port(mut self, port: u16) -> Self {
        self.addr.set_port(port);
        self
    }

    /// Listens on this address.
    pub fn bind(mut self, addr: SocketAddr) -> Self {
        self.addr = addr;
        self
    }

    /// Keeps the data in this SQLite file, which survives restarts (seeded only when new).
    pub fn db(mut self, path: impl Into<PathBuf>) -> Self {
        self.db = Some(path.into());
        self
    }

    /// Keeps the demo plant running inside the sandbox ([`LiveOptions`]): pitches roll
    /// over, actuals, scrap and cycle counts rise, dispatches open and close with
    /// technicians, operators clock in at each shift. Needs the demo plant (the default
    /// seed, or a bulk seed on top of it).
    pub fn live(mut self, options: LiveOptions) -> Self {
        self.live = Some(options);
        self
    }

    /// What a new database is seeded with ([`Seed::Demo`] by default).
    pub fn seed(mut self, seed: Seed) -> Self {
        self.seed = seed;
        self
    }

    /// The API key of the admin API user `api` (generated when not given, and kept in a
    /// database file across restarts).
    pub fn api_key(mut self, key: impl Into<String>) -> Self {
        self.api_key = Some(key.into());
        self
    }

    /// Serves https with a generated certificate.
    pub fn tls(mut self, on: bool) -> Self {
        self.tls = on;
        self
    }

    /// Where the CA certificate is written with [`SandboxBuilder::tls`] (by default a file
    /// in the temporary directory, removed when the sandbox is dropped).
    pub fn cert_path(mut self, path: impl Into<PathBuf>) -> Self {
        self.cert_path = Some(path.into());
        self
    }

    /// Fails `rate` (0 to 1) of the requests with random faults drawn from `seed`.
    pub fn faults(mut self, rate: f64, seed: u64) -> Self {
        self.fault_rate = rate;
        self.fault_seed = seed;
        self
    }

    /// How long a random delay fault waits (3 s by default).
    pub fn fault_delay(mut self, delay: Duration) -> Self {
        self.fault_delay = delay;
        self
    }

    /// Answers requests beyond `rps` per second with 429 and `Retry-After`.
    pub fn rate_limit(mut self, rps: f64) -> Self {
        self.rate_limit = Some(rps);
        self
    }

    /// Runs the rate limit on a clock the caller moves (tests): the limit then depends on
    /// the requests and the time let pass, never on the machine's speed.
    pub fn rate_limit_clock(mut self, clock: ManualClock) -> Self {
        self.rate_clock = Some(clock);
        self
    }

    /// The Secret Key of a server name, for signed endpoints.
    pub fn signing_secret(mut self, server: impl Into<String>, secret: impl Into<String>) -> Self {
        self.signing.add_secret(server, secret);
        self
    }

    /// Requires a signature on this endpoint (`users/set_externalid`) and the paths below it.
    pub fn signed_endpoint(mut self, path: &str) -> Self {
        self.signing.add_endpoint(path);
        self
    }

    /// Adds a user (with its key and site access).
    pub fn user(mut self, user: User) -> Self {
        self.users.push(user);
        self
    }

    /// The page size of lists that name none (100 by default, as the docs' XML example).
    pub fn default_limit(mut self, limit: u32) -> Self {
        self.default_limit = limit.max(1);
        self
    }

    /// How many reader threads serve reads at the same time, each with its own SQLite
    /// connection (0: every call runs on the writer; by default one per core, 2 to 8).
    /// Writes and actions always run one at a time on the writer.
    pub fn readers(mut self, n: usize) -> Self {
        self.readers = Some(n);
        self
    }

    /// Prints a line per request to stderr: method, path, status and time in
    /// milliseconds; never the query, so never a key (off by default).
    pub fn log_requests(mut self, on: bool) -> Self {
        self.log_requests = on;
        self
    }

    /// Adds `latency` to every answer, as a tenant across the internet would (none by
    /// default).
    pub fn latency(mut self, latency: Duration) -> Self {
        self.latency = latency;
        self
    }

    /// The largest `limit` of `area` (the area's own maximum, 2000 for most, by default).
    pub fn max_limit(mut self, area: impl Into<String>, max: u32) -> Self {
        self.limits.set_max(area, max);
        self
    }

    /// What a `limit` above the maximum gets: [`OverLimit::Fail`] (the default, as the
    /// docs say: "If this value exceeds the max the api call will fail") or
    /// [`OverLimit::Clamp`] (the maximum is served and the smaller `limit` echoed).
    pub fn over_limit(mut self, over: OverLimit) -> Self {
        self.limits.over = over;
        self
    }

    /// Also serves the areas of this file, in the format of `schema/l2l-areas.json`
    /// (repeatable): areas declared nowhere in Rust, with filters, paging and writes.
    pub fn areas_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.areas_files.push(path.into());
        self
    }

    /// Refuses every call to the record area `area` with HTTP 403 and L2L's error envelope,
    /// whatever the key (repeatable): an area the API user may not use.
    pub fn forbid(mut self, area: impl Into<String>) -> Self {
        self.forbidden.push(area.into());
        self
    }
}
