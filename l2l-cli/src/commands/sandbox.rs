//! `l2l sandbox`: the local L2L-compatible server, with the flags of the `l2l-sandbox`
//! binary. Runs until Ctrl-C.

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
    args.builder(key).map_err(|e| {
        CliError::usage(e).hint("see l2l sandbox --help, for example --seed demo --port 0")
    })
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
    for line in args.started_lines(&sandbox) {
        say!("{line}");
    }
    if let Some(path) = sandbox.cert_path() {
        say!("certificate: {}", path.display());
    }
    // The key line is printed only when the key was generated here; the hint names the
    // key the sandbox serves (generated, or the one it was given), so that it can be
    // pasted as it is.
    if key.is_none() {
        say!("api key: {}", sandbox.api_key());
    }
    say!("listening on {}", sandbox.api_url());
    say!(
        "try: L2L_BASE_URL={} L2L_API_KEY={}{} l2l list sites",
        sandbox.base_url(),
        sandbox.api_key(),
        sandbox
            .cert_path()
            .map(|p| format!(" L2L_CACERT={}", p.display()))
            .unwrap_or_default()
    );
    let _ = tokio::signal::ctrl_c().await;
    sandbox.shutdown().await;
    Ok(())
}
