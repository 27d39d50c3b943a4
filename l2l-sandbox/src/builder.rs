//! [`SandboxBuilder`]: a sandbox's options, and starting it.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use l2l_core::AreaSchema;
use rusqlite::Connection;
use tokio::net::TcpListener;
use tokio::sync::watch;

use crate::api::router;
use crate::app::App;
use crate::auth::User;
use crate::faults::{Faults, ManualClock, RateLimit};
use crate::limits::{Limits, OverLimit};
use crate::sandbox::{Error, Sandbox, Seeded};
use crate::seed::{self, Seed, Seeder};
use crate::signing::Signing;
use crate::store::records::Actor;
use crate::store::{self, Catalog, Store, StoreError};
use crate::tls::Tls;

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

    /// Opens the database, seeds it, binds the port and starts serving.
    pub async fn start(self) -> Result<Sandbox, Error> {
        let mut areas: Vec<&'static AreaSchema> = self.areas.unwrap_or_else(default_areas).to_vec();
        for path in &self.areas_files {
            for extra in crate::areas_file::load(path).map_err(Error::Config)? {
                if areas.iter().any(|a| a.path == extra.path) {
                    return Err(Error::Config(format!(
                        "{}: area `{}` is already served",
                        path.display(),
                        extra.path
                    )));
                }
                areas.push(extra);
            }
        }
        self.limits.check(&areas).map_err(Error::Config)?;
        if let Some(bad) = self
            .forbidden
            .iter()
            .find(|f| !areas.iter().any(|a| a.path == f.as_str()))
        {
            return Err(Error::Config(format!(
                "cannot forbid area `{bad}`: the sandbox does not serve it"
            )));
        }
        let areas: &'static [&'static AreaSchema] = if self.areas_files.is_empty() {
            self.areas.unwrap_or_else(default_areas)
        } else {
            Vec::leak(areas)
        };
        let readers = self.readers.unwrap_or_else(|| {
            std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(2)
                .clamp(2, 8)
        });
        // Opening a database file and creating tables is blocking work: keep it off the
        // runtime's threads.
        let db = self.db.clone();
        let (catalog, store) = tokio::task::spawn_blocking(move || {
            let catalog = Catalog::new(areas);
            Store::open(db.as_deref(), &catalog, readers).map(|store| (catalog, store))
        })
        .await
        .map_err(|_| Error::Store(StoreError::Gone))??;
        let listener = TcpListener::bind(self.addr)
            .await
            .map_err(|source| Error::Bind {
                addr: self.addr,
                source,
            })?;
        let addr = listener.local_addr().map_err(|source| Error::Bind {
            addr: self.addr,
            source,
        })?;
        let tls = if self.tls {
            let tls = tokio::task::spawn_blocking(Tls::generate)
                .await
                .map_err(|_| Error::Store(StoreError::Gone))??;
            let owned = self.cert_path.is_none();
            let path = self.cert_path.clone().unwrap_or_else(|| {
                std::env::temp_dir().join(format!(
                    "l2l-sandbox-{}-{}.pem",
                    std::process::id(),
                    addr.port()
                ))
            });
            tls.write_ca(&path)?;
            Some((tls, path, owned))
        } else {
            None
        };
        let app = Arc::new(App {
            catalog,
            store: store.clone(),
            faults: Faults::new(self.fault_rate, self.fault_seed, self.fault_delay),
            rate: self
                .rate_limit
                .map(|rps| RateLimit::with_clock(rps, self.rate_clock.clone())),
            signing: self.signing,
            default_limit: self.default_limit,
            latency: self.latency,
            log_requests: self.log_requests,
            limits: self.limits,
            forbidden: self.forbidden,
        });
        let (api_key, seeded) = {
            let app = app.clone();
            let seed = self.seed.clone();
            let key = self.api_key.clone();
            let users = self.users.clone();
            store
                .run(move |conn| prepare(conn, &app.catalog, &seed, key, &users))
                .await??
        };
        let (tx, rx) = watch::channel(false);
        let tls_config = tls.as_ref().map(|(t, _, _)| t.config.clone());
        let task = tokio::spawn(crate::server::serve(
            listener,
            router(app.clone()),
            tls_config,
            rx,
        ));
        Ok(Sandbox {
            addr,
            https: tls.is_some(),
            api_key,
            cert_owned: tls.as_ref().is_some_and(|(_, _, owned)| *owned),
            cert: tls.map(|(t, p, _)| (t.ca_pem, p)),
            app,
            seeded,
            shutdown: tx,
            task: Some(task),
        })
    }
}

fn prepare(
    conn: &mut Connection,
    catalog: &Catalog,
    seed: &Seed,
    key: Option<String>,
    users: &[User],
) -> Result<(String, Seeded), Error> {
    let sql = |e: rusqlite::Error| Error::Store(StoreError::Sqlite(e));
    let key = key
        .or_else(|| store::meta(conn, "api_key"))
        .unwrap_or_else(generate_key);
    store::set_meta(conn, "api_key", &key).map_err(sql)?;
    let mut seeded = Seeded::default();
    if store::meta(conn, "seeded").is_none() {
        let started = Instant::now();
        if *seed != Seed::Empty {
            let tx = conn.transaction().map_err(sql)?;
            seed::demo::seed(&Seeder {
                conn: &tx,
                catalog,
                actor: Actor::system(),
            });
            tx.commit().map_err(sql)?;
        }
        if let Seed::Bulk { count, area } = seed {
            seeded.bulk =
                seed::bulk::seed(conn, catalog, *count, area.as_deref()).map_err(Error::Seed)?;
        }
        store::set_meta(conn, "seeded", "yes").map_err(sql)?;
        seeded.elapsed = started.elapsed();
    }
    // The API users are refreshed on every start, so that the key given now works.
    let mut all = seed::demo::users(&key);
    if *seed == Seed::Empty {
        all.truncate(1);
    }
    all.extend(users.iter().cloned());
    for u in &all {
        u.save(conn).map_err(sql)?;
    }
    Ok((key, seeded))
}

/// A random API key (32 hexadecimal digits).
pub(crate) fn generate_key() -> String {
    use rand::RngExt as _;
    let mut rng = rand::rng();
    (0..32)
        .map(|_| char::from_digit(rng.random_range(0..16), 16).unwrap_or('0'))
        .collect()
}
