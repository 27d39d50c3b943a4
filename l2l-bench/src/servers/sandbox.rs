//! The sandbox as a benchmark server: `l2l-sandbox` (axum + SQLite, in memory) seeded with
//! N records of the benchmark area, run in a process of its own.

use l2l_sandbox::{Sandbox, Seed};

/// The API key the benchmark sandbox accepts.
pub const KEY: &str = "bench-key";

/// Starts a sandbox on 127.0.0.1:`port` (0: any free port) holding `records` records of
/// the benchmark area (besides the demo plant), and returns it with the seconds seeding
/// took.
pub async fn start(port: u16, records: u64) -> Result<(Sandbox, f64), String> {
    let sandbox = Sandbox::builder()
        .port(port)
        .api_key(KEY)
        .seed(Seed::Bulk {
            count: records,
            area: Some(crate::fixtures::area().path.to_owned()),
        })
        .start()
        .await
        .map_err(|e| format!("starting the sandbox: {e}"))?;
    let secs = sandbox.seeded().elapsed.as_secs_f64();
    Ok((sandbox, secs))
}
