//! The docs' own Python `requests` paging loop (offset paging, limit 2000), ported to
//! Python 3: what integrators write today.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The script: the docs' example, parameterised and reporting one JSON line.
pub const SCRIPT: &str = include_str!("docs_loop.py");

/// Writes the script into `dir` and returns its path.
pub fn write_script(dir: &Path) -> std::io::Result<PathBuf> {
    let path = dir.join("l2l_docs_loop.py");
    std::fs::write(&path, SCRIPT)?;
    Ok(path)
}

/// The interpreter: `$L2L_BENCH_PYTHON`, else `python3`.
pub fn interpreter() -> String {
    std::env::var("L2L_BENCH_PYTHON").unwrap_or_else(|_| "python3".into())
}

/// Whether the interpreter runs and has `requests`.
pub fn available() -> bool {
    Command::new(interpreter())
        .args(["-c", "import requests"])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The command that runs the loop against `base_url` (`http://host:port`) for `area`.
pub fn command(
    script: &Path,
    base_url: &str,
    key: &str,
    area: &str,
    site: i64,
    limit: u32,
) -> Command {
    let mut c = Command::new(interpreter());
    c.arg(script)
        .arg(format!(
            "{}/api/1.0/{area}/",
            base_url.trim_end_matches('/')
        ))
        .arg(key)
        .arg(site.to_string())
        .arg(limit.to_string());
    c
}
