//! `l2l sandbox`: the local L2L-compatible server, with the flags of the `l2l-sandbox`
//! binary. Runs until Ctrl-C.

use std::time::Duration;

use l2l_sandbox::{Sandbox, Seed};

use super::Ctx;
use crate::cli::SandboxArgs;
use crate::error::{CliError, Result};

/// `println!` that ignores a closed stdout (`l2l demo | head`) instead of panicking.
macro_rules! say {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($t)*);
    }};
}

/// The sandbox builder the flags describe (the key is the global `--api-key`).
pub fn builder(args: &SandboxArgs, key: Option<&str>) -> Result<l2l_sandbox::SandboxBuilder> {
    if !(0.0..=1.0).contains(&args.faults) {
        return Err(CliError::usage(format!(
            "--faults takes a share from 0 to 1, not {}",
            args.faults
        )));
    }
    let seed: Seed = args.seed.parse().map_err(|e: String| {
        CliError::usage(e).hint("for example --seed demo, --seed 10000 or --seed 10000:machines")
    })?;
    let mut b = Sandbox::builder()
        .port(args.port)
        .seed(seed)
        .tls(args.tls)
        .faults(args.faults, args.fault_seed)
        .fault_delay(Duration::from_millis(args.fault_delay_ms));
    if let Some(db) = &args.db {
        b = b.db(db);
    }
    if let Some(key) = key {
        b = b.api_key(key);
    }
    if let Some(cert) = &args.cert {
        b = b.cert_path(cert);
    }
    if let Some(rps) = args.rate_limit {
        b = b.rate_limit(rps);
    }
    for s in &args.signing_secret {
        let Some((server, secret)) = s.split_once('=') else {
            return Err(CliError::usage(format!(
                "--signing-secret takes SERVER=SECRET, not {s:?}"
            )));
        };
        b = b.signing_secret(server, secret);
    }
    for e in &args.signed_endpoint {
        b = b.signed_endpoint(e);
    }
    for area in &args.forbid {
        b = b.forbid(area);
    }
    for (area, max) in &args.max_limit {
        b = b.max_limit(area, *max);
    }
    for file in &args.areas_file {
        b = b.areas_file(file);
    }
    Ok(b.over_limit(args.over_limit))
}

/// Runs `l2l sandbox` until Ctrl-C.
pub async fn run(ctx: &Ctx, args: &SandboxArgs) -> Result<()> {
    let key = ctx.settings.api_key.as_ref().map(|k| k.expose().to_owned());
    let sandbox = builder(args, key.as_deref())?.start().await.map_err(|e| {
        let hint = if args.port != 0 {
            format!("is port {} taken? --port 0 picks a free one", args.port)
        } else {
            "check --db and --cert".to_owned()
        };
        CliError::failure(format!("the sandbox could not start: {e}")).hint(hint)
    })?;
    let seeded = sandbox.seeded();
    if seeded.bulk > 0 {
        say!(
            "seeded {} records in {:.2}s",
            seeded.bulk,
            seeded.elapsed.as_secs_f64()
        );
    }
    if let Some(path) = sandbox.cert_path() {
        say!("certificate: {}", path.display());
    }
    // The sandbox's own key is printed only when it was generated here: a key the user
    // gave (flag, environment or profile) is never echoed.
    if key.is_none() {
        say!("api key: {}", sandbox.api_key());
    }
    say!("listening on {}", sandbox.api_url());
    say!(
        "try: L2L_BASE_URL={} L2L_API_KEY={}{} l2l list sites",
        sandbox.base_url(),
        if key.is_none() {
            sandbox.api_key()
        } else {
            "<your key>"
        },
        sandbox
            .cert_path()
            .map(|p| format!(" L2L_CACERT={}", p.display()))
            .unwrap_or_default()
    );
    let _ = tokio::signal::ctrl_c().await;
    sandbox.shutdown().await;
    Ok(())
}
