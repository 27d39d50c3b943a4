//! [`Sandbox`]: a running sandbox (in-process, on its own port), and [`SandboxBuilder`].

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use l2l_core::AreaSchema;
use rusqlite::Connection;
use tokio::net::TcpListener;
use tokio::sync::watch;

use crate::app::{App, router};
use crate::auth::User;
use crate::faults::{Faults, RateLimit, Stats};
use crate::seed::{self, Seed, Seeder};
use crate::signing::Signing;
use crate::store::records::Actor;
use crate::store::{self, Catalog, Store, StoreError};
use crate::tls::{Tls, TlsError};

/// Why a sandbox could not start.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The database could not be opened or written.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// HTTPS could not be set up.
    #[error(transparent)]
    Tls(#[from] TlsError),
    /// The port could not be bound.
    #[error("binding {addr}: {source}")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// The cause.
        source: std::io::Error,
    },
    /// Seeding failed.
    #[error("seeding: {0}")]
    Seed(String),
}

/// The areas a sandbox serves when none are given: every built-in area of `l2l-areas`.
pub fn default_areas() -> &'static [&'static AreaSchema] {
    l2l_areas::AREAS
}

/// Options of a sandbox. [`Sandbox::builder`] makes one with the defaults: 127.0.0.1 on an
/// ephemeral port, in memory, the demo seed, a generated API key, plain http, no faults,
/// no rate limit, no signed endpoints.
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
    signing: Signing,
    users: Vec<User>,
    default_limit: u32,
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
            signing: Signing::default(),
            users: Vec::new(),
            default_limit: 100,
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

    /// Opens the database, seeds it, binds the port and starts serving.
    pub async fn start(self) -> Result<Sandbox, Error> {
        let areas = self.areas.unwrap_or_else(default_areas);
        // Opening a database file and creating tables is blocking work: keep it off the
        // runtime's threads.
        let db = self.db.clone();
        let (catalog, store) = tokio::task::spawn_blocking(move || {
            let catalog = Catalog::new(areas);
            Store::open(db.as_deref(), &catalog).map(|store| (catalog, store))
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
            rate: self.rate_limit.map(RateLimit::new),
            signing: self.signing,
            default_limit: self.default_limit,
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

/// What seeding did: records added and the time it took (zero for a database that was
/// already seeded).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Seeded {
    /// Bulk records added.
    pub bulk: u64,
    /// The time seeding took.
    pub elapsed: Duration,
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
pub fn generate_key() -> String {
    use rand::Rng;
    let mut rng = rand::rng();
    (0..32)
        .map(|_| char::from_digit(rng.random_range(0..16), 16).unwrap_or('0'))
        .collect()
}

/// A running sandbox. Dropping it stops serving; [`Sandbox::shutdown`] also waits.
///
/// ```no_run
/// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
/// let sandbox = l2l_sandbox::Sandbox::start().await?;
/// let client = sandbox.client();
/// let sites: Vec<serde_json::Value> = client
///     .list(l2l_core::Request::get("sites").query("limit", "2"))
///     .await?
///     .records;
/// assert_eq!(sites.len(), 2);
/// # Ok(()) }
/// ```
#[derive(Debug)]
pub struct Sandbox {
    addr: SocketAddr,
    https: bool,
    api_key: String,
    cert: Option<(String, PathBuf)>,
    cert_owned: bool,
    app: Arc<App>,
    seeded: Seeded,
    shutdown: watch::Sender<bool>,
    task: Option<tokio::task::JoinHandle<()>>,
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

    /// The address served.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:<port>` (`https://localhost:<port>` with TLS).
    pub fn base_url(&self) -> String {
        if self.https {
            format!("https://localhost:{}", self.addr.port())
        } else {
            format!("http://{}", self.addr)
        }
    }

    /// The API's root, `<base_url>/api/1.0/`.
    pub fn api_url(&self) -> String {
        format!("{}/api/1.0/", self.base_url())
    }

    /// The key of the admin API user `api`, who may use every site.
    pub fn api_key(&self) -> &str {
        &self.api_key
    }

    /// The key of a demo user (`siteadmin`, `operator`, `jsmith`, `plant43`, `manager`).
    pub fn key_for(&self, loginid: &str) -> String {
        if loginid == "api" {
            self.api_key.clone()
        } else {
            format!("{}-{loginid}", self.api_key)
        }
    }

    /// The PEM of the CA certificate to trust, with TLS.
    pub fn cert_pem(&self) -> Option<&str> {
        self.cert.as_ref().map(|(p, _)| p.as_str())
    }

    /// The file the CA certificate was written to, with TLS.
    pub fn cert_path(&self) -> Option<&Path> {
        self.cert.as_ref().map(|(_, p)| p.as_path())
    }

    /// What seeding did at start.
    pub fn seeded(&self) -> Seeded {
        self.seeded
    }

    /// A client builder for this sandbox: its URL, the API key, throttle off, and the
    /// certificate trusted with TLS.
    pub fn client_builder(&self) -> l2l_core::ClientBuilder {
        let mut b = l2l_core::Client::builder()
            .base_url(self.base_url())
            .api_key(self.api_key.clone())
            .throttle(l2l_core::Throttle::off());
        if let Some(pem) = self.cert_pem() {
            b = b.add_root_certificate_pem(pem.as_bytes().to_vec());
        }
        b
    }

    /// A client for this sandbox (see [`Sandbox::client_builder`]).
    pub fn client(&self) -> l2l_core::Client {
        self.client_builder()
            .build()
            .expect("a sandbox's own URL and key always make a client")
    }

    /// The fault plan: script faults or change the random plan while running.
    pub fn faults(&self) -> &Faults {
        &self.app.faults
    }

    /// The counters: requests seen, faults injected, requests rate-limited.
    pub fn stats(&self) -> Stats {
        self.app.faults.stats()
    }

    /// Adds (or replaces) a user while running.
    pub async fn add_user(&self, user: User) -> Result<(), Error> {
        self.app
            .store
            .run(move |conn| user.save(conn))
            .await?
            .map_err(|e| Error::Store(StoreError::Sqlite(e)))
    }

    /// Runs `f` on the database (for checks in tests).
    pub async fn with_db<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Connection) -> T + Send + 'static,
    ) -> Result<T, Error> {
        Ok(self.app.store.run(move |conn| f(conn)).await?)
    }

    /// The audit trail, oldest first: `(api user, realuser, action, area, record id)`.
    pub async fn audit(&self) -> Result<Vec<AuditEntry>, Error> {
        self.with_db(|conn| {
            let mut stmt = conn.prepare(
                "SELECT loginid, realuser, action, area, record FROM _audit ORDER BY seq",
            )?;
            let rows = stmt.query_map([], |r| {
                Ok(AuditEntry {
                    loginid: r.get(0)?,
                    realuser: r.get(1)?,
                    action: r.get(2)?,
                    area: r.get(3)?,
                    record: r.get(4)?,
                })
            })?;
            rows.collect::<rusqlite::Result<Vec<_>>>()
        })
        .await?
        .map_err(|e| Error::Store(StoreError::Sqlite(e)))
    }

    /// Stops serving and waits for the server to end.
    pub async fn shutdown(mut self) {
        let _ = self.shutdown.send(true);
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

/// One change in the audit trail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    /// The API user whose key made the change.
    pub loginid: String,
    /// The user it acted for (`realuser`), if any.
    pub realuser: Option<String>,
    /// `create`, `update`, `delete` or an action's name.
    pub action: String,
    /// The area.
    pub area: String,
    /// The record's id.
    pub record: Option<i64>,
}

impl Drop for Sandbox {
    /// Stops serving, and removes the certificate file it wrote to the temporary
    /// directory (one written to [`SandboxBuilder::cert_path`] stays).
    fn drop(&mut self) {
        let _ = self.shutdown.send(true);
        if self.cert_owned
            && let Some((_, path)) = &self.cert
        {
            let _ = std::fs::remove_file(path);
        }
    }
}
