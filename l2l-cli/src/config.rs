//! Where the tenant, key and options come from: flags, then the environment (both through
//! clap), then a profile of the config file.
//!
//! ```toml
//! # ~/.config/l2l/config.toml
//! default_profile = "sandbox"
//!
//! [profiles.sandbox]
//! base_url = "http://127.0.0.1:8080"
//! api_key = "dev-key"
//!
//! [profiles.acme-test]
//! company = "acme"
//! api_key_env = "ACME_L2L_KEY"   # read the key from this variable
//! site = 1                       # default --site
//! throttle = 5                  # at most 5 requests a second
//! max_in_flight = 4              # at most 4 requests at once
//! retries = 3
//! ```

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use l2l_areas::Secret;
use l2l_areas::{Client, RetryPolicy, Throttle};
use serde::Deserialize;

use crate::cli::Global;
use crate::error::{CliError, Result};

/// The config file. No `Debug`: profiles may hold keys.
#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    /// The profile used when --profile names none (else `default`, when it exists).
    default_profile: Option<String>,
    /// The named profiles, each read only when used: a mistake in one leaves the others
    /// usable.
    #[serde(default)]
    profiles: BTreeMap<String, toml::Value>,
    /// The file's text, for the line of a profile's mistake.
    #[serde(skip)]
    text: String,
}

/// One profile of the config file. No `Debug`: it may hold a key.
#[derive(Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Profile {
    company: Option<String>,
    base_url: Option<String>,
    api_key: Option<String>,
    api_key_env: Option<String>,
    secret: Option<String>,
    secret_env: Option<String>,
    server: Option<String>,
    cacert: Option<PathBuf>,
    site: Option<i64>,
    throttle: Option<f64>,
    max_in_flight: Option<usize>,
    retries: Option<u32>,
}

/// Which server to talk to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tenant {
    /// `https://<company>.leading2lean.com`.
    Company(String),
    /// Any URL.
    BaseUrl(String),
}

impl fmt::Display for Tenant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Tenant::Company(c) => write!(f, "https://{c}.leading2lean.com"),
            Tenant::BaseUrl(u) => f.write_str(u),
        }
    }
}

/// The resolved configuration. `Debug` never shows the key or the secret.
#[derive(Debug, Default)]
pub struct Settings {
    /// The server, if one is named.
    pub tenant: Option<Tenant>,
    /// Whether the tenant was named on purpose (a flag, the environment or --profile),
    /// not only by the config file's default profile.
    pub tenant_explicit: bool,
    /// The API key.
    pub api_key: Option<Secret>,
    /// The signing server name and Secret Key.
    pub signing: Option<(String, Secret)>,
    /// A certificate to trust.
    pub cacert: Option<PathBuf>,
    /// The default site number.
    pub site: Option<i64>,
    /// A ceiling of requests per second (0: none); the client's own pacing when unset.
    pub throttle: Option<f64>,
    /// A ceiling of requests in flight at once.
    pub max_in_flight: Option<usize>,
    /// Retries of a failed read.
    pub retries: Option<u32>,
    /// The profile in use.
    pub profile: Option<String>,
}

impl Settings {
    /// Resolves the settings from the global options and the config file.
    pub fn resolve(g: &Global) -> Result<Settings> {
        let (file, path) = load_file(g.config.as_deref())?;
        let (name, profile) = pick_profile(&file, path.as_deref(), g.profile.as_deref())?;
        let profile = profile.unwrap_or_default();
        let from_flags = tenant_of(g.company.as_deref(), g.base_url.as_deref(), "flags")?;
        let from_profile = tenant_of(
            profile.company.as_deref(),
            profile.base_url.as_deref(),
            "the profile",
        )?;
        let tenant_explicit =
            from_flags.is_some() || (g.profile.is_some() && from_profile.is_some());
        let tenant = from_flags.or(from_profile);
        let api_key = match (&g.api_key, &profile.api_key, &profile.api_key_env) {
            (Some(k), _, _) => Some(k.clone()),
            (None, Some(k), _) => Some(k.clone()),
            (None, None, Some(var)) => Some(std::env::var(var).map_err(|_| {
                CliError::usage(format!(
                    "the profile reads its API key from ${var}, which is not set"
                ))
                .hint(format!("export {var}=<key>, or set api_key in the profile"))
            })?),
            _ => None,
        };
        let secret = match (&g.secret, &profile.secret, &profile.secret_env) {
            (Some(s), _, _) => Some(s.clone()),
            (None, Some(s), _) => Some(s.clone()),
            (None, None, Some(var)) => std::env::var(var).ok(),
            _ => None,
        };
        let server = g.server.clone().or(profile.server);
        let signing = match (server, secret) {
            (Some(server), Some(secret)) => Some((server, Secret::new(secret))),
            (None, None) => None,
            (Some(_), None) => {
                return Err(
                    CliError::usage("a signing server is named but no Secret Key")
                        .hint("give the secret in L2L_SECRET (or the profile's secret)"),
                );
            }
            (None, Some(_)) => {
                return Err(CliError::usage("a Secret Key is given but no server name")
                    .hint("name the server the secret belongs to in L2L_SERVER (or --server)"));
            }
        };
        let throttle = g.throttle.or(profile.throttle);
        if let Some(t) = throttle
            && !(t.is_finite() && t >= 0.0)
        {
            return Err(CliError::usage(format!(
                "--throttle takes requests per second (0 for none), not {t}"
            )));
        }
        let max_in_flight = g.max_in_flight.or(profile.max_in_flight);
        if max_in_flight == Some(0) {
            return Err(CliError::usage(
                "--max-in-flight takes a number of requests from 1 up",
            ));
        }
        Ok(Settings {
            tenant,
            tenant_explicit,
            api_key: api_key.map(Secret::new),
            signing,
            cacert: g.cacert.clone().or(profile.cacert),
            site: profile.site,
            throttle,
            max_in_flight,
            retries: g.retries.or(profile.retries),
            profile: name,
        })
    }

    /// A client of the configured tenant; errors with a hint when the tenant or key is
    /// missing.
    pub fn client(&self) -> Result<Client> {
        let tenant = self.tenant.as_ref().ok_or_else(|| {
            CliError::usage("no L2L server is named").hint(
                "pass --company NAME or --base-url URL (or L2L_COMPANY, L2L_BASE_URL, a \
                 profile); try one offline with `l2l sandbox` or `l2l demo`",
            )
        })?;
        let key = self.api_key.as_ref().ok_or_else(|| {
            CliError::usage(format!("no API key for {tenant}"))
                .hint("export L2L_API_KEY=<key>, or set api_key in a profile of the config file")
        })?;
        let mut b = Client::builder()
            .api_key(key.expose())
            .integration("l2l-cli", env!("CARGO_PKG_VERSION"));
        // A ceiling only when one is asked for; otherwise the client's own default.
        if let Some(rps) = self.throttle {
            b = b.throttle(Throttle::per_second(rps));
        }
        if let Some(n) = self.max_in_flight {
            b = b.max_in_flight(n);
        }
        if let Some(n) = self.retries {
            b = b.retry(RetryPolicy::default().max_retries(n));
        }
        b = match tenant {
            Tenant::Company(c) => b.company(c),
            Tenant::BaseUrl(u) => b.base_url(u),
        };
        if let Some((server, secret)) = &self.signing {
            b = b.signing(server, secret.expose());
        }
        if let Some(path) = &self.cacert {
            let pem = std::fs::read(path)
                .map_err(|e| CliError::io("reading the certificate", path, &e))?;
            b = b.add_root_certificate_pem(pem);
        }
        Ok(b.build()?)
    }

    /// The throttle asked for, or `default` requests a second (for clients of the CLI's own,
    /// such as the demo's).
    pub fn throttle_or(&self, default: f64) -> Throttle {
        Throttle::per_second(self.throttle.unwrap_or(default))
    }

    /// The site: the flag's, else the profile's.
    pub fn site(&self, flag: Option<i64>) -> Option<i64> {
        flag.or(self.site)
    }
}

fn tenant_of(company: Option<&str>, base_url: Option<&str>, from: &str) -> Result<Option<Tenant>> {
    match (company, base_url) {
        (Some(_), Some(_)) => Err(CliError::usage(format!(
            "both a company and a base URL are given ({from})"
        ))
        .hint("keep one: --company NAME for https://NAME.leading2lean.com, --base-url for any other server")),
        (Some(c), None) => Ok(Some(Tenant::Company(c.to_owned()))),
        (None, Some(u)) => Ok(Some(Tenant::BaseUrl(u.to_owned()))),
        (None, None) => Ok(None),
    }
}

/// The default config file, found the platform's way (etcetera's choice for command-line
/// tools): `$XDG_CONFIG_HOME/l2l/config.toml`, else `~/.config/l2l/config.toml`, on Linux
/// and macOS; `%APPDATA%\\l2l\\config.toml` on Windows.
pub fn default_path() -> Option<PathBuf> {
    use etcetera::BaseStrategy as _;
    let base = etcetera::choose_base_strategy().ok()?;
    Some(base.config_dir().join("l2l").join("config.toml"))
}

fn load_file(explicit: Option<&Path>) -> Result<(ConfigFile, Option<PathBuf>)> {
    let path = match explicit {
        Some(p) => p.to_path_buf(),
        None => match default_path() {
            Some(p) if p.exists() => p,
            _ => return Ok((ConfigFile::default(), None)),
        },
    };
    let text = std::fs::read_to_string(&path).map_err(|e| {
        CliError::io("reading the config file", &path, &e)
            .hint("--config names a TOML file with [profiles.NAME] tables")
    })?;
    let mut file: ConfigFile = toml::from_str(&text).map_err(|e| {
        let line = e.span().map(|s| line_of(&text, s.start));
        let at = line.map(|l| format!(", line {l}")).unwrap_or_default();
        CliError::usage(format!(
            "config file {}{at}: {}",
            path.display(),
            e.message()
        ))
        .hint("the file holds default_profile and [profiles.NAME] tables")
    })?;
    file.text = text;
    Ok((file, Some(path)))
}

fn pick_profile(
    file: &ConfigFile,
    path: Option<&Path>,
    asked: Option<&str>,
) -> Result<(Option<String>, Option<Profile>)> {
    let name = match asked {
        Some(n) => n.to_owned(),
        None => match &file.default_profile {
            Some(n) => n.clone(),
            None if file.profiles.contains_key("default") => "default".to_owned(),
            None => return Ok((None, None)),
        },
    };
    let Some(p) = file.profiles.get(&name) else {
        let Some(path) = path else {
            return Err(CliError::usage(format!(
                "profile `{name}` asked for, but there is no config file"
            ))
            .hint(format!(
                "create {} with a [profiles.{name}] table, or pass --config FILE",
                default_path()
                    .map(|p| p.display().to_string())
                    .unwrap_or_else(|| "~/.config/l2l/config.toml".into())
            )));
        };
        let names: Vec<&str> = file.profiles.keys().map(String::as_str).collect();
        let suggestion = l2l_schema::closest(&name, names.iter().copied());
        return Err(
            CliError::usage(format!("{} has no profile `{name}`", path.display())).hint(
                match suggestion {
                    Some(s) => format!("did you mean `{s}`?"),
                    None if names.is_empty() => "the file defines no [profiles.NAME] table".into(),
                    None => format!("its profiles: {}", names.join(", ")),
                },
            ),
        );
    };
    let profile: Profile = p.clone().try_into().map_err(|e: toml::de::Error| {
        let header = format!("[profiles.{name}]");
        let line = file
            .text
            .lines()
            .position(|l| l.trim() == header)
            .map(|i| format!(", line {}", i + 1))
            .unwrap_or_default();
        CliError::usage(format!(
            "config file {}{line}, profile `{name}`: {}",
            path.map(|p| p.display().to_string()).unwrap_or_default(),
            e.message()
        ))
        .hint(
            "profile keys: company, base_url, api_key, api_key_env, secret, secret_env, \
             server, cacert, site, throttle, max_in_flight, retries; other profiles still work",
        )
    })?;
    Ok((Some(name), Some(profile)))
}

/// The 1-based line of byte `at` in `text`.
fn line_of(text: &str, at: usize) -> usize {
    text.as_bytes()[..at.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn global() -> Global {
        Global {
            company: None,
            base_url: None,
            api_key: None,
            secret: None,
            server: None,
            cacert: None,
            profile: None,
            config: None,
            throttle: None,
            max_in_flight: None,
            retries: None,
            format: None,
            jq: None,
            verbose: false,
        }
    }

    fn write(name: &str, text: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("l2l-cli-config-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("{name}.toml"));
        std::fs::write(&path, text).unwrap();
        path
    }

    #[test]
    fn flags_override_the_profile_and_the_key_stays_hidden() {
        let path = write(
            "lab",
            "default_profile = \"lab\"\n[profiles.lab]\nbase_url = \"http://127.0.0.1:9\"\napi_key = \"sekrit-key\"\nsite = 7\n",
        );
        let mut g = global();
        g.config = Some(path.clone());
        let s = Settings::resolve(&g).unwrap();
        assert_eq!(s.tenant, Some(Tenant::BaseUrl("http://127.0.0.1:9".into())));
        assert!(
            !s.tenant_explicit,
            "a default profile is not an explicit choice"
        );
        assert_eq!(s.site(None), Some(7));
        assert_eq!(s.site(Some(2)), Some(2));
        assert!(!format!("{s:?}").contains("sekrit-key"));
        g.company = Some("acme".into());
        let s = Settings::resolve(&g).unwrap();
        assert_eq!(s.tenant, Some(Tenant::Company("acme".into())));
        assert!(s.tenant_explicit);
    }

    #[test]
    fn an_unknown_profile_is_suggested() {
        let path = write(
            "sandbox",
            "[profiles.sandbox]\nbase_url = \"http://127.0.0.1:9\"\n",
        );
        let mut g = global();
        g.config = Some(path);
        g.profile = Some("sandbx".into());
        let e = Settings::resolve(&g).unwrap_err();
        assert!(e.message.contains("no profile `sandbx`"), "{}", e.message);
        assert_eq!(e.hint.as_deref(), Some("did you mean `sandbox`?"));
    }

    #[test]
    fn unknown_keys_and_half_signing_are_usage_errors() {
        let path = write("typo", "[profiles.x]\napi_kee = \"k\"\n");
        let mut g = global();
        g.config = Some(path);
        g.profile = Some("x".into());
        let e = Settings::resolve(&g).unwrap_err();
        assert!(e.message.contains("api_kee"), "{}", e.message);
        let mut g = global();
        g.server = Some("erp".into());
        let e = Settings::resolve(&g).unwrap_err();
        assert!(e.message.contains("no Secret Key"), "{}", e.message);
    }
}
