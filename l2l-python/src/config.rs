//! The `l2l` command's config file, for `Client(profile=...)`: the same file, found the
//! same way, with the same keys ([`l2l_config`], which the CLI reads too).

use std::path::{Path, PathBuf};

use l2l_config::{ConfigError, ConfigFile};
use pyo3::prelude::*;

use crate::errors;

pub use l2l_config::Profile;

/// A set environment variable's value; `None` when unset or blank.
pub fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// A config file's mistake as `InvalidRequest` on `profile`, its hint in the message.
fn invalid(py: Python<'_>, e: &ConfigError) -> PyErr {
    errors::invalid(
        py,
        format!("{e} ({})", e.hint()),
        Some("profile"),
        e.suggestion(),
    )
}

/// The profile `asked` for (else `L2L_PROFILE`'s, else the file's default one), with its
/// name; `None` when none is asked for and the file names none. The file is `L2L_CONFIG`'s
/// (which must be readable), else the default one when it exists.
pub fn profile(py: Python<'_>, asked: Option<&str>) -> PyResult<Option<(String, Profile)>> {
    let asked = asked.map(str::to_owned).or_else(|| env("L2L_PROFILE"));
    let explicit = env("L2L_CONFIG").map(PathBuf::from);
    let file = ConfigFile::find(explicit.as_deref()).map_err(|e| invalid(py, &e))?;
    let name = match (asked, &file) {
        (Some(n), _) => n,
        (None, Some(f)) => match f.default_name() {
            Some(n) => n,
            None => return Ok(None),
        },
        (None, None) => return Ok(None),
    };
    let Some(file) = file else {
        return Err(invalid(py, &ConfigError::NoFile { name }));
    };
    let p = file.profile(&name).map_err(|e| invalid(py, &e))?;
    Ok(Some((name, p)))
}

/// Reads a PEM certificate named by a profile.
pub fn read_cacert(py: Python<'_>, path: &Path) -> PyResult<Vec<u8>> {
    std::fs::read(path).map_err(|e| {
        errors::invalid(
            py,
            format!("reading the profile's cacert {}: {e}", path.display()),
            Some("profile"),
            None,
        )
    })
}
