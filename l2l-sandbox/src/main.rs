//! `l2l-sandbox`: a local L2L-compatible server. Prints its URL and API key when ready.

use std::path::PathBuf;
use std::time::Duration;

use clap::Parser;
use l2l_sandbox::{OverLimit, Sandbox, Seed};

/// A local Leading2Lean (L2L)-compatible server for offline development and tests.
#[derive(Debug, Parser)]
#[command(name = "l2l-sandbox", version)]
struct Args {
    /// The port to listen on (127.0.0.1); 0 picks a free one.
    #[arg(long, default_value_t = 8080)]
    port: u16,
    /// Keep the data in this SQLite file (it survives restarts); in memory by default.
    #[arg(long, value_name = "FILE")]
    db: Option<PathBuf>,
    /// Seed a new database: demo, empty, N (N records spread over the areas) or N:AREA.
    #[arg(long, default_value = "demo")]
    seed: Seed,
    /// The admin API user's key (generated when not given).
    #[arg(long, value_name = "KEY")]
    api_key: Option<String>,
    /// Serve https with a generated certificate (its CA is written to --cert).
    #[arg(long)]
    tls: bool,
    /// Where to write the CA certificate with --tls.
    #[arg(long, value_name = "FILE")]
    cert: Option<PathBuf>,
    /// Fail this share of the requests (0 to 1) with random faults.
    #[arg(long, value_name = "RATE", default_value_t = 0.0)]
    faults: f64,
    /// The seed of the random faults.
    #[arg(long, value_name = "N", default_value_t = 0)]
    fault_seed: u64,
    /// How long a random delay fault waits, in milliseconds.
    #[arg(long, value_name = "MS", default_value_t = 3000)]
    fault_delay_ms: u64,
    /// Answer requests beyond this many per second with 429 and Retry-After.
    #[arg(long, value_name = "RPS")]
    rate_limit: Option<f64>,
    /// A signing secret, as SERVER=SECRET (repeatable).
    #[arg(long, value_name = "SERVER=SECRET")]
    signing_secret: Vec<String>,
    /// An endpoint that requires a signature, such as users/set_externalid (repeatable).
    #[arg(long, value_name = "PATH")]
    signed_endpoint: Vec<String>,
    /// Add this many milliseconds to every answer (a tenant across the internet).
    #[arg(long, value_name = "MS", default_value_t = 0)]
    latency_ms: u64,
    /// Serve reads on this many SQLite readers at once (0: on the writer; default one per
    /// core, 2 to 8).
    #[arg(long, value_name = "N")]
    readers: Option<usize>,
    /// The largest page size of an area, as AREA=N (repeatable).
    #[arg(long, value_name = "AREA=N", value_parser = l2l_sandbox::parse_max_limit)]
    max_limit: Vec<(String, u32)>,
    /// What a limit above the maximum gets: fail (the docs) or clamp (serve the maximum).
    #[arg(long, value_name = "fail|clamp", default_value = "fail")]
    over_limit: OverLimit,
    /// Also serve the areas of this file, in the format of schema/l2l-areas.json
    /// (repeatable).
    #[arg(long, value_name = "FILE")]
    areas_file: Vec<PathBuf>,
    /// Refuse every call to this record area with 403, as to a key without permission
    /// for it (repeatable).
    #[arg(long, value_name = "AREA")]
    forbid: Vec<String>,
}

#[tokio::main]
async fn main() {
    let args = Args::parse();
    if !(0.0..=1.0).contains(&args.faults) {
        eprintln!(
            "l2l-sandbox: --faults takes a share from 0 to 1, not {}",
            args.faults
        );
        std::process::exit(2);
    }
    let mut b = Sandbox::builder()
        .port(args.port)
        .seed(args.seed)
        .tls(args.tls)
        .faults(args.faults, args.fault_seed)
        .fault_delay(Duration::from_millis(args.fault_delay_ms))
        .latency(Duration::from_millis(args.latency_ms))
        .over_limit(args.over_limit);
    if let Some(n) = args.readers {
        b = b.readers(n);
    }
    for (area, max) in args.max_limit {
        b = b.max_limit(area, max);
    }
    for area in args.forbid {
        b = b.forbid(area);
    }
    for file in args.areas_file {
        b = b.areas_file(file);
    }
    if let Some(db) = args.db {
        b = b.db(db);
    }
    if let Some(key) = args.api_key {
        b = b.api_key(key);
    }
    if let Some(cert) = args.cert {
        b = b.cert_path(cert);
    }
    if let Some(rps) = args.rate_limit {
        b = b.rate_limit(rps);
    }
    for s in &args.signing_secret {
        let Some((server, secret)) = s.split_once('=') else {
            eprintln!("l2l-sandbox: --signing-secret takes SERVER=SECRET");
            std::process::exit(2);
        };
        b = b.signing_secret(server, secret);
    }
    for e in &args.signed_endpoint {
        b = b.signed_endpoint(e);
    }
    let sandbox = match b.start().await {
        Ok(s) => s,
        Err(e) => {
            eprintln!("l2l-sandbox: {e}");
            std::process::exit(1);
        }
    };
    let seeded = sandbox.seeded();
    if seeded.bulk > 0 {
        println!(
            "seeded {} records in {:.2}s",
            seeded.bulk,
            seeded.elapsed.as_secs_f64()
        );
    }
    if let Some(path) = sandbox.cert_path() {
        println!("certificate: {}", path.display());
    }
    println!("api key: {}", sandbox.api_key());
    println!("listening on {}", sandbox.api_url());
    let _ = tokio::signal::ctrl_c().await;
    sandbox.shutdown().await;
}
