//! `l2l-sandbox`: a local L2L-compatible server. Prints its URL and API key when ready.

use clap::Parser;
use l2l_sandbox::SandboxArgs;

/// A local Leading2Lean (L2L)-compatible server for offline development and tests.
#[derive(Debug, Parser)]
#[command(name = "l2l-sandbox", version)]
struct Args {
    /// The admin API user's key (generated when not given).
    #[arg(long, value_name = "KEY")]
    api_key: Option<String>,
    #[command(flatten)]
    sandbox: SandboxArgs,
}

use std::io::Write as _;

#[tokio::main]
async fn main() {
    let args = Args::parse();
    let b = match args.sandbox.builder(args.api_key.as_deref()) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("l2l-sandbox: {e}");
            std::process::exit(2);
        }
    };
    let sandbox = match b.start().await {
        Ok(s) => s,
        Err(e) => {
            eprintln!("l2l-sandbox: {e}");
            std::process::exit(1);
        }
    };
    // What it serves, on stdout. A reader that stops reading (a test that waited only for
    // `listening on`) must not stop the server: write errors are ignored, not a panic.
    let mut out = std::io::stdout().lock();
    let seeded = sandbox.seeded();
    if seeded.bulk > 0 {
        let _ = writeln!(
            out,
            "seeded {} records in {:.2}s",
            seeded.bulk,
            seeded.elapsed.as_secs_f64()
        );
    }
    for line in args.sandbox.started_lines(&sandbox) {
        let _ = writeln!(out, "{line}");
    }
    if let Some(path) = sandbox.cert_path() {
        let _ = writeln!(out, "certificate: {}", path.display());
    }
    let _ = writeln!(out, "api key: {}", sandbox.api_key());
    let _ = writeln!(out, "listening on {}", sandbox.api_url());
    let _ = writeln!(
        out,
        "try: L2L_BASE_URL={} L2L_API_KEY={} l2l list sites",
        sandbox.base_url(),
        sandbox.api_key()
    );
    let _ = out.flush();
    drop(out);
    let _ = tokio::signal::ctrl_c().await;
    sandbox.shutdown().await;
}
