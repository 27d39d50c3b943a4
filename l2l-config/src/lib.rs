//! The config file of the l2l tools: named profiles of a tenant, a key and options, read the
//! same way by the `l2l` command (`--profile`) and the Python package (`profile=`).
//!
//! ```toml
//! # L2L_CONFIG, else the platform's config directory: ~/.config/l2l/config.toml on Linux
//! default_profile = "sandbox"
//!
//! [profiles.sandbox]
//! base_url = "http://127.0.0.1:8080"
//! api_key = "dev-key"
//!
//! [profiles.acme-test]
//! company = "acme"
//! api_key_env = "ACME_L2L_KEY"   # read the key from this variable
//! site = 1                       # default site
//! throttle = 5                   # at most 5 requests a second
//! max_in_flight = 4              # at most 4 requests at once
//! retries = 3
//! ```
//!
//! Each profile is read only when used: a mistake in one leaves the others usable. Every
//! error names the file, and the line and the profile where it knows them.
//!
//! ```
//! let text = "[profiles.plant]\nbase_url = \"http://127.0.0.1:8080\"\nsite = 1\n";
//! let file = l2l_config::ConfigFile::parse(text, "config.toml".as_ref()).unwrap();
//! assert_eq!(file.default_name().as_deref(), None);
//! let p = file.profile("plant").unwrap();
//! assert_eq!(p.site, Some(1));
//! let err = file.profile("plnt").err().unwrap();
//! assert_eq!(err.suggestion(), Some("plant"));
//! ```

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;

/// The keys a profile takes, for messages.
pub const PROFILE_KEYS: &str = "company, base_url, api_key, api_key_env, secret, secret_env, \
     server, cacert, site, throttle, max_in_flight, retries";

/// One profile. No `Debug`: it may hold a key.
#[derive(Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// `https://<company>.leading2lean.com`.
    pub company: Option<String>,
    /// Any other server.
    pub base_url: Option<String>,
    /// The API key.
    pub api_key: Option<String>,
    /// The variable that holds the API key.
    pub api_key_env: Option<String>,
    /// The Secret Key that signs calls.
    pub secret: Option<String>,
    /// The variable that holds the Secret Key.
    pub secret_env: Option<String>,
    /// The server name the Secret Key belongs to.
    pub server: Option<String>,
    /// A PEM certificate to trust as well as the system's.
    pub cacert: Option<PathBuf>,
    /// The site of per-site areas when a call names none.
    pub site: Option<i64>,
    /// A ceiling of requests per second (0: none).
    pub throttle: Option<f64>,
    /// A ceiling of requests in flight at once.
    pub max_in_flight: Option<usize>,
    /// Retries of a failed request.
    pub retries: Option<u32>,
}

/// The file as read. No `Debug`: profiles may hold keys.
#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    /// The profile used when none is named (else `default`, when it exists).
    default_profile: Option<String>,
    /// The named profiles, each read only when used.
    #[serde(default)]
    profiles: BTreeMap<String, toml::Value>,
    /// The file's text, for the line of a profile's mistake.
    #[serde(skip)]
    text: String,
    /// Where it was read.
    #[serde(skip)]
    path: PathBuf,
}

/// What is wrong with a config file or a profile.
#[derive(Debug)]
#[non_exhaustive]
pub enum ConfigError {
    /// The file cannot be read.
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The file is not a config file (TOML, or its top level).
    Syntax {
        /// The file.
        path: PathBuf,
        /// The line, where known.
        line: Option<usize>,
        /// What is wrong.
        message: String,
    },
    /// A profile is asked for and there is no config file.
    NoFile {
        /// The profile.
        name: String,
    },
    /// The file has no such profile.
    UnknownProfile {
        /// The file.
        path: PathBuf,
        /// The profile asked for.
        name: String,
        /// The closest profile's name.
        suggestion: Option<String>,
        /// Every profile's name.
        names: Vec<String>,
    },
    /// A profile holds a key it does not take, or a value of the wrong type.
    BadProfile {
        /// The file.
        path: PathBuf,
        /// The line of the profile's table, where known.
        line: Option<usize>,
        /// The profile.
        name: String,
        /// What is wrong.
        message: String,
    },
}

impl ConfigError {
    /// What to do about it.
    pub fn hint(&self) -> String {
        match self {
            ConfigError::Read { .. } => {
                "the config file is TOML with [profiles.NAME] tables".to_owned()
            }
            ConfigError::Syntax { .. } => {
                "the file holds default_profile and [profiles.NAME] tables".to_owned()
            }
            ConfigError::NoFile { name } => format!(
                "create {} with a [profiles.{name}] table, or name a file in L2L_CONFIG",
                default_path()
                    .map(|p| p.display().to_string())
                    .unwrap_or_else(|| "~/.config/l2l/config.toml".into())
            ),
            ConfigError::UnknownProfile {
                suggestion, names, ..
            } => match suggestion {
                Some(s) => format!("did you mean `{s}`?"),
                None if names.is_empty() => "the file defines no [profiles.NAME] table".into(),
                None => format!("its profiles: {}", names.join(", ")),
            },
            ConfigError::BadProfile { .. } => {
                format!("profile keys: {PROFILE_KEYS}; other profiles still work")
            }
        }
    }

    /// The closest profile's name, for an unknown one.
    pub fn suggestion(&self) -> Option<&str> {
        match self {
            ConfigError::UnknownProfile { suggestion, .. } => suggestion.as_deref(),
            _ => None,
        }
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = |line: &Option<usize>| line.map(|l| format!(", line {l}")).unwrap_or_default();
        match self {
            ConfigError::Read { path, source } => {
                write!(f, "reading the config file {}: {source}", path.display())
            }
            ConfigError::Syntax {
                path,
                line,
                message,
            } => write!(f, "config file {}{}: {message}", path.display(), at(line)),
            ConfigError::NoFile { name } => {
                write!(f, "profile `{name}` asked for, but there is no config file")
            }
            ConfigError::UnknownProfile { path, name, .. } => {
                write!(f, "{} has no profile `{name}`", path.display())
            }
            ConfigError::BadProfile {
                path,
                line,
                name,
                message,
            } => write!(
                f,
                "config file {}{}, profile `{name}`: {message}",
                path.display(),
                at(line)
            ),
        }
    }
}

impl std::error::Error for ConfigError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ConfigError::Read { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// The default config file, found the platform's way (etcetera's choice for command-line
/// tools): `$XDG_CONFIG_HOME/l2l/config.toml`, else `~/.config/l2l/config.toml`, on Linux
/// and macOS; `%APPDATA%\l2l\config.toml` on Windows.
pub fn default_path() -> Option<PathBuf> {
    use etcetera::BaseStrategy as _;
    let base = etcetera::choose_base_strategy().ok()?;
    Some(base.config_dir().join("l2l").join("config.toml"))
}

/// The 1-based line of byte `at` in `text`.
fn line_of(text: &str, at: usize) -> usize {
    text.as_bytes()[..at.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

impl ConfigFile {
    /// The file at `explicit`, which must be readable; else the default file when it
    /// exists; `None` when there is neither.
    pub fn find(explicit: Option<&Path>) -> Result<Option<ConfigFile>, ConfigError> {
        let path = match explicit {
            Some(p) => p.to_path_buf(),
            None => match default_path() {
                Some(p) if p.exists() => p,
                _ => return Ok(None),
            },
        };
        ConfigFile::read(&path).map(Some)
    }

    /// Reads and parses the file at `path`.
    pub fn read(path: &Path) -> Result<ConfigFile, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        ConfigFile::parse(&text, path)
    }

    /// Parses `text`, the file at `path`.
    pub fn parse(text: &str, path: &Path) -> Result<ConfigFile, ConfigError> {
        let mut file: ConfigFile = toml::from_str(text).map_err(|e| ConfigError::Syntax {
            path: path.to_path_buf(),
            line: e.span().map(|s| line_of(text, s.start)),
            message: e.message().to_owned(),
        })?;
        file.text = text.to_owned();
        file.path = path.to_path_buf();
        Ok(file)
    }

    /// Where the file was read.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The profile used when none is named: `default_profile`, else `default` when the file
    /// has it.
    pub fn default_name(&self) -> Option<String> {
        match &self.default_profile {
            Some(n) => Some(n.clone()),
            None if self.profiles.contains_key("default") => Some("default".to_owned()),
            None => None,
        }
    }

    /// The profile `name`, read now.
    pub fn profile(&self, name: &str) -> Result<Profile, ConfigError> {
        let Some(value) = self.profiles.get(name) else {
            let names: Vec<String> = self.profiles.keys().cloned().collect();
            let suggestion =
                l2l_schema::closest(name, names.iter().map(String::as_str)).map(str::to_owned);
            return Err(ConfigError::UnknownProfile {
                path: self.path.clone(),
                name: name.to_owned(),
                suggestion,
                names,
            });
        };
        value
            .clone()
            .try_into()
            .map_err(|e: toml::de::Error| ConfigError::BadProfile {
                path: self.path.clone(),
                line: {
                    let header = format!("[profiles.{name}]");
                    self.text
                        .lines()
                        .position(|l| l.trim() == header)
                        .map(|i| i + 1)
                },
                name: name.to_owned(),
                message: e.message().to_owned(),
            })
    }
}
