//! The command-line flags of a sandbox, one definition for the `l2l-sandbox` binary and
//! `l2l sandbox` (which flattens [`SandboxArgs`] into its own command; the admin key is
//! each command's own flag). Behind the `cli` feature.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::time::Duration;

use crate::{OverLimit, Sandbox, SandboxBuilder, Seed};

/// The flags of a sandbox server.
#[derive(Debug, Clone, clap::Args)]
pub struct SandboxArgs {
    /// The address to listen on (0.0.0.0 serves other machines too).
    #[arg(long, value_name = "ADDR", default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
    pub host: IpAddr,
    /// The port to listen on; 0 picks a free one.
    #[arg(long, default_value_t = 8080)]
    pub port: u16,
    /// Keep the data in this SQLite file (it survives restarts); in memory by default.
    #[arg(long, value_name = "FILE")]
    pub db: Option<PathBuf>,
    /// Seed a new database: demo, empty, N (N records spread over the areas) or N:AREA.
    #[arg(long, default_value = "demo")]
    pub seed: Seed,
    /// Serve a copy of your plant instead of the demo: the records, ids and custom
    /// properties that `l2l sync --all --to sqlite:FILE` wrote (also takes writes).
    #[arg(long, value_name = "sqlite:FILE", conflicts_with = "seed")]
    pub import: Option<String>,
    /// Print a line per request to stderr: method, path, status and time (never the
    /// query, so never a key).
    #[arg(long)]
    pub log_requests: bool,
    /// Serve https with a generated certificate (its CA is written to --cert).
    #[arg(long)]
    pub tls: bool,
    /// Where to write the CA certificate with --tls.
    #[arg(long, value_name = "FILE")]
    pub cert: Option<PathBuf>,
    /// Fail this share of the requests (0 to 1) with random faults.
    #[arg(long, value_name = "RATE", default_value_t = 0.0)]
    pub faults: f64,
    /// The seed of the random faults.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub fault_seed: u64,
    /// How long a random delay fault waits, in milliseconds.
    #[arg(long, value_name = "MS", default_value_t = 3000)]
    pub fault_delay_ms: u64,
    /// Answer requests beyond this many per second with 429 and Retry-After.
    #[arg(long, value_name = "RPS")]
    pub rate_limit: Option<f64>,
    /// A signing secret, as SERVER=SECRET (repeatable).
    #[arg(long, value_name = "SERVER=SECRET")]
    pub signing_secret: Vec<String>,
    /// An endpoint that requires a signature, such as users/set_externalid (repeatable).
    #[arg(long, value_name = "PATH")]
    pub signed_endpoint: Vec<String>,
    /// Add this many milliseconds to every answer (a tenant across the internet).
    #[arg(long, value_name = "MS", default_value_t = 0)]
    pub latency_ms: u64,
    /// Serve reads on this many SQLite readers at once (0: on the writer; default one per
    /// core, 2 to 8).
    #[arg(long, value_name = "N")]
    pub readers: Option<usize>,
    /// The largest page size of an area, as AREA=N (repeatable).
    #[arg(long, value_name = "AREA=N", value_parser = crate::parse_max_limit)]
    pub max_limit: Vec<(String, u32)>,
    /// What a limit above the maximum gets: fail (as the docs say) or clamp (the maximum
    /// is served).
    #[arg(long, value_name = "fail|clamp", default_value = "fail")]
    pub over_limit: OverLimit,
    /// Keep the demo plant running: pitches roll over, actuals, scrap and cycle counts
    /// rise, dispatches open and close with technicians, operators clock in.
    #[arg(long)]
    pub live: bool,
    /// With --live: simulated seconds per real second (0 holds the plant still).
    #[arg(long, value_name = "N", default_value_t = 1.0, requires = "live")]
    pub speed: f64,
    /// With --live: the seed of the plant's draws (a seed gives the same plant).
    #[arg(long, value_name = "N", default_value_t = 1, requires = "live")]
    pub live_seed: u64,
    /// Also serve the record areas of this file, in the format of schema/l2l-areas.json
    /// (repeatable): a mirror of a tenant's own areas.
    #[arg(long, value_name = "FILE")]
    pub areas_file: Vec<PathBuf>,
    /// Refuse every call to this record area with 403, as to a key without permission
    /// for it (repeatable).
    #[arg(long, value_name = "AREA")]
    pub forbid: Vec<String>,
}

impl SandboxArgs {
    /// What a started sandbox says of these flags' data, a line each: what it imported,
    /// and the live plant's pace.
    pub fn started_lines(&self, sandbox: &Sandbox) -> Vec<String> {
        let mut out: Vec<String> = sandbox
            .seeded()
            .imported
            .iter()
            .flat_map(|i| i.lines())
            .collect();
        if self.live {
            out.push(format!(
                "live plant: {} simulated seconds per real second (seed {})",
                self.speed, self.live_seed
            ));
        }
        out
    }

    /// The sandbox these flags describe, with `key` as the admin API user's key (one is
    /// generated when `None`). A flag out of range is an error naming it.
    pub fn builder(&self, key: Option<&str>) -> Result<SandboxBuilder, String> {
        if !(0.0..=1.0).contains(&self.faults) {
            return Err(format!(
                "--faults takes a share from 0 to 1, not {}",
                self.faults
            ));
        }
        let seed = match &self.import {
            Some(spec) => Seed::Import(crate::seed::import_path(spec)?.to_path_buf()),
            None => self.seed.clone(),
        };
        let mut b = Sandbox::builder()
            .bind(SocketAddr::new(self.host, self.port))
            .seed(seed)
            .log_requests(self.log_requests)
            .tls(self.tls)
            .faults(self.faults, self.fault_seed)
            .fault_delay(Duration::from_millis(self.fault_delay_ms))
            .latency(Duration::from_millis(self.latency_ms))
            .over_limit(self.over_limit);
        if self.live {
            if !(self.speed.is_finite() && self.speed >= 0.0) {
                return Err(format!(
                    "--speed takes simulated seconds per real second (0 or more), not {}",
                    self.speed
                ));
            }
            b = b.live(crate::LiveOptions {
                speed: self.speed,
                seed: self.live_seed,
                start: None,
            });
        }
        if let Some(n) = self.readers {
            b = b.readers(n);
        }
        for (area, max) in &self.max_limit {
            b = b.max_limit(area, *max);
        }
        for area in &self.forbid {
            b = b.forbid(area);
        }
        for file in &self.areas_file {
            b = b.areas_file(file);
        }
        if let Some(db) = &self.db {
            b = b.db(db);
        }
        if let Some(key) = key {
            b = b.api_key(key);
        }
        if let Some(cert) = &self.cert {
            b = b.cert_path(cert);
        }
        if let Some(rps) = self.rate_limit {
            b = b.rate_limit(rps);
        }
        for s in &self.signing_secret {
            let Some((server, secret)) = s.split_once('=') else {
                return Err("--signing-secret takes SERVER=SECRET".to_owned());
            };
            b = b.signing_secret(server, secret);
        }
        for e in &self.signed_endpoint {
            b = b.signed_endpoint(e);
        }
        Ok(b)
    }
}
