//! `l2l sync AREA --out FILE.jsonl`: the CLI's whole-area sync, run as its own binary.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Where the `l2l` binary is: `$L2L_BENCH_CLI`, else `target/release/l2l` beside the
/// running harness.
pub fn binary() -> Option<PathBuf> {
    if let Ok(p) = std::env::var("L2L_BENCH_CLI") {
        return Some(PathBuf::from(p));
    }
    let exe = std::env::current_exe().ok()?;
    let p = exe.parent()?.join("l2l");
    p.exists().then_some(p)
}

/// Builds the `l2l` binary in release mode (a no-op when it is current); `false` when the
/// CLI does not build (yet).
pub fn build() -> bool {
    if std::env::var_os("L2L_BENCH_CLI").is_some() {
        return true;
    }
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["build", "--release", "-q", "-p", "l2l-cli", "--bin", "l2l"])
        .status()
        .is_ok_and(|s| s.success())
}

/// `l2l --base-url B --api-key K sync AREA --site S --out OUT -q`: the defaults, as the
/// README shows the command.
pub fn command(
    bin: &Path,
    base_url: &str,
    key: &str,
    area: &str,
    site: i64,
    out: &Path,
) -> Command {
    let mut c = Command::new(bin);
    c.args(["--base-url", base_url, "--api-key", key, "sync", area])
        .arg("--site")
        .arg(site.to_string())
        .arg("--out")
        .arg(out)
        .arg("-q");
    c
}

/// The records in a JSON Lines file and the sum of their ids.
pub fn count(out: &Path) -> std::io::Result<(u64, i64)> {
    use std::io::BufRead as _;
    let f = std::io::BufReader::new(std::fs::File::open(out)?);
    let (mut n, mut sum) = (0u64, 0i64);
    for line in f.lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        n += 1;
        if let Some(id) = super::typed::last_id(line.as_bytes()) {
            sum += id;
        }
    }
    Ok((n, sum))
}
