//! [`Sandbox`]: a running sandbox (in-process, on its own port); [`SandboxBuilder`](crate::SandboxBuilder)
//! starts one.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use rusqlite::Connection;
use tokio::sync::watch;

use crate::app::App;
use crate::auth::User;
use crate::faults::{Faults, Stats};
use crate::store::StoreError;
use crate::tls::TlsError;

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
    pub(crate) addr: SocketAddr,
    pub(crate) https: bool,
    pub(crate) api_key: String,
    pub(crate) cert: Option<(String, PathBuf)>,
    pub(crate) cert_owned: bool,
    pub(crate) app: Arc<App>,
    pub(crate) seeded: Seeded,
    pub(crate) shutdown: watch::Sender<bool>,
    pub(crate) task: Option<tokio::task::JoinHandle<()>>,
    /// The live plant and its task, with `--live`.
    pub(crate) live: Option<(Arc<crate::live::Live>, tokio::task::JoinHandle<()>)>,
}

impl Sandbox {
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

    /// Moves the live plant on by `simulated` time at once (whole minutes), as if that
    /// time had passed, and returns when it has: what a test uses to see a plant run
    /// without waiting. An error when the sandbox was not started with
    /// [`SandboxBuilder::live`](crate::SandboxBuilder::live).
    ///
    /// ```no_run
    /// # async fn run() -> Result<(), l2l_sandbox::Error> {
    /// use l2l_sandbox::{LiveOptions, Sandbox};
    /// let sb = Sandbox::builder()
    ///     .live(LiveOptions { speed: 0.0, ..LiveOptions::default() })
    ///     .start()
    ///     .await?;
    /// sb.advance_live(std::time::Duration::from_secs(3600)).await?; // an hour of the plant
    /// # Ok(()) }
    /// ```
    pub async fn advance_live(&self, simulated: Duration) -> Result<(), Error> {
        let Some((live, _)) = &self.live else {
            return Err(Error::Config(
                "the sandbox was not started with a live plant (--live)".into(),
            ));
        };
        let minutes = (simulated.as_secs() / 60) as i64;
        live.advance(&self.app, minutes).await.map_err(Error::Store)
    }

    /// What seeding did at start.
    pub fn seeded(&self) -> &Seeded {
        &self.seeded
    }

    /// The SQLite database file: the one given to [`SandboxBuilder::db`](crate::SandboxBuilder::db), or a temporary
    /// file removed when the sandbox has shut down.
    pub fn db_path(&self) -> &Path {
        self.app.store.path()
    }

    /// How many reader threads serve reads at the same time (see
    /// [`SandboxBuilder::readers`](crate::SandboxBuilder::readers)).
    pub fn readers(&self) -> usize {
        self.app.store.readers()
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

    /// Stops serving and waits for the server to end and the storage to close (a
    /// temporary database file is then removed; at most 5 s for connections still open).
    pub async fn shutdown(mut self) {
        let _ = self.shutdown.send(true);
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
        if let Some((_, task)) = self.live.take() {
            let _ = task.await;
        }
        let mut closed = self.app.store.closed();
        drop(self);
        let wait = closed.wait_for(|done| *done);
        let _ = tokio::time::timeout(Duration::from_secs(5), wait).await;
    }
}

/// What seeding did: records added and the time it took (zero for a database that was
/// already seeded).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Seeded {
    /// Bulk records added.
    pub bulk: u64,
    /// What an import read ([`Seed::Import`](crate::Seed::Import)).
    pub imported: Option<crate::seed::Imported>,
    /// The time seeding took.
    pub elapsed: Duration,
}

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
    /// An options value is wrong (an areas file, a page maximum).
    #[error("{0}")]
    Config(String),
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
    /// directory (one written to [`SandboxBuilder::cert_path`](crate::SandboxBuilder::cert_path) stays).
    fn drop(&mut self) {
        let _ = self.shutdown.send(true);
        if self.cert_owned
            && let Some((_, path)) = &self.cert
        {
            let _ = std::fs::remove_file(path);
        }
    }
}
