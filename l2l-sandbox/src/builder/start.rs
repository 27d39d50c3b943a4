//! Starting a sandbox: the database opened and seeded, the port bound, the server (and
//! the live plant) spawned.

use std::sync::Arc;
use std::time::Instant;

use l2l_core::AreaSchema;
use rusqlite::Connection;
use tokio::net::TcpListener;
use tokio::sync::watch;

use super::{SandboxBuilder, default_areas};
use crate::api::router;
use crate::app::App;
use crate::auth::User;
use crate::faults::{Faults, RateLimit};
use crate::live::Live;
use crate::sandbox::{Error, Sandbox, Seeded};
use crate::seed::{self, Seed, Seeder};
use crate::store::records::Actor;
use crate::store::{self, Catalog, Store, StoreError};
use crate::tls::Tls;

impl SandboxBuilder {
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
        if self.live.is_some() && !matches!(self.seed, Seed::Demo | Seed::Bulk { .. }) {
            return Err(Error::Config(
                "--live runs the demo plant: it needs the demo seed (--seed demo or N)".into(),
            ));
        }
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
        let live = match self.live {
            Some(options) => {
                let start = match options.start {
                    Some(s) => s,
                    None => {
                        let app = app.clone();
                        store.run(move |conn| site_now(conn, &app.catalog)).await?
                    }
                };
                let live = Arc::new(Live::new(options, start));
                let task = live.clone().spawn(app.clone(), rx.clone());
                Some((live, task))
            }
            None => None,
        };
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
            live,
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
        if let Seed::Import(path) = seed {
            let tx = conn.transaction().map_err(sql)?;
            let imported = seed::import(
                &Seeder {
                    conn: &tx,
                    catalog,
                    actor: Actor::system(),
                },
                path,
            )
            .map_err(Error::Seed)?;
            seed::add_missing_sites(&tx, catalog).map_err(sql)?;
            tx.commit().map_err(sql)?;
            seeded.imported = Some(imported);
        } else if *seed != Seed::Empty {
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
    if matches!(seed, Seed::Empty | Seed::Import(_)) {
        all.truncate(1);
    }
    all.extend(users.iter().cloned());
    for u in &all {
        u.save(conn).map_err(sql)?;
    }
    Ok((key, seeded))
}

/// The current time of site 1 (UTC when it has no known time zone).
fn site_now(conn: &mut Connection, catalog: &Catalog) -> jiff::civil::DateTime {
    let zone = catalog
        .table("sites")
        .and_then(|t| {
            let id = crate::store::records::find(conn, t, "site", &crate::store::Val::Int(1), None)
                .ok()??;
            match crate::store::records::get(conn, t, id, "timezone").ok()?? {
                crate::store::Val::Text(tz) => crate::store::value::site_zone(&tz),
                _ => None,
            }
        })
        .unwrap_or(jiff::tz::TimeZone::UTC);
    zone.to_datetime(jiff::Timestamp::now())
}

/// A random API key (32 hexadecimal digits).
fn generate_key() -> String {
    use rand::RngExt as _;
    let mut rng = rand::rng();
    (0..32)
        .map(|_| char::from_digit(rng.random_range(0..16), 16).unwrap_or('0'))
        .collect()
}
