//! A virtualenv holding MeltanoLabs' Singer targets and Meltano itself, from PyPI, made once per build
//! directory (under `CARGO_TARGET_TMPDIR`) and shared by the tests of one run.
//!
//! Without python3 (or PyPI) the tests that need it are skipped with a message, unless
//! `CI` is set: then they fail.

use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;

/// The targets installed, pinned to the versions these tests were written against.
const PACKAGES: [&str; 3] = [
    "meltanolabs-target-csv==0.5.0",
    "meltanolabs-target-postgres==0.8.1",
    "meltano==4.4.1",
];

fn make() -> Result<PathBuf, String> {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("singer-venv");
    let done = dir.join("installed.txt");
    let want = PACKAGES.join("\n");
    if std::fs::read_to_string(&done).is_ok_and(|t| t == want) {
        return Ok(dir);
    }
    let _ = std::fs::remove_dir_all(&dir);
    let run = |c: &mut Command, what: &str| -> Result<(), String> {
        let o = c.output().map_err(|e| format!("{what}: {e}"))?;
        if o.status.success() {
            Ok(())
        } else {
            Err(format!(
                "{what} failed: {}",
                String::from_utf8_lossy(&o.stderr)
            ))
        }
    };
    run(
        Command::new("python3").args(["-m", "venv"]).arg(&dir),
        "python3 -m venv",
    )?;
    run(
        Command::new(dir.join("bin/pip"))
            .args(["install", "--quiet", "--disable-pip-version-check"])
            .args(PACKAGES),
        "pip install of the Singer targets",
    )?;
    std::fs::write(&done, want).map_err(|e| e.to_string())?;
    Ok(dir)
}

/// The virtualenv's `bin` directory, or `None` (after saying why) where it cannot be made
/// and `CI` is not set.
pub fn bin() -> Option<PathBuf> {
    static VENV: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    match VENV.get_or_init(make) {
        Ok(dir) => Some(dir.join("bin")),
        Err(why) if std::env::var_os("CI").is_some() => panic!("{why}"),
        Err(why) => {
            eprintln!("skipped: {why}");
            None
        }
    }
}
