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

use std::fmt;
use std::path::{Path, PathBuf};

use l2l_areas::Secret;
use l2l_areas::{Client, RetryPolicy, Throttle};
use l2l_config::{ConfigError, ConfigFile, Profile};

use crate::cli::Global;
use crate::error::{CliError, Result};

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
        let (name, profile) = pick_profile(g.config.as_deref(), g.profile.as_deref())?;
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

/// A config file's mistake as a usage error (a file that cannot be read, as what it is).
fn config_error(e: ConfigError) -> CliError {
    match &e {
        ConfigError::Read { path, source } => {
            CliError::io("reading the config file", path, source).hint(e.hint())
        }
        _ => CliError::usage(e.to_string()).hint(e.hint()),
    }
}

/// The profile asked for (else the file's default one), with its name.
fn pick_profile(
    explicit: Option<&Path>,
    asked: Option<&str>,
) -> Result<(Option<String>, Option<Profile>)> {
    let file = ConfigFile::find(explicit).map_err(config_error)?;
    let name = match (asked, &file) {
        (Some(n), _) => n.to_owned(),
        (None, Some(f)) => match f.default_name() {
            Some(n) => n,
            None => return Ok((None, None)),
        },
        (None, None) => return Ok((None, None)),
    };
    let Some(file) = file else {
        return Err(config_error(ConfigError::NoFile { name }));
    };
    let profile = file.profile(&name).map_err(config_error)?;
    Ok((Some(name), Some(profile)))
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

    /// A config file of one test, removed with its directory when dropped.
    struct Written(PathBuf);

    impl Drop for Written {
        fn drop(&mut self) {
            if let Some(dir) = self.0.parent() {
                let _ = std::fs::remove_dir_all(dir);
            }
        }
    }

    fn write(name: &str, text: &str) -> Written {
        let dir =
            std::env::temp_dir().join(format!("l2l-cli-config-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("{name}.toml"));
        std::fs::write(&path, text).unwrap();
        Written(path)
    }

    #[test]
    fn flags_override_the_profile_and_the_key_stays_hidden() {
        let path = write(
            "lab",
            "default_profile = \"lab\"\n[profiles.lab]\nbase_url = \"http://127.0.0.1:9\"\napi_key = \"sekrit-key\"\nsite = 7\n",
        );
        let mut g = global();
        g.config = Some(path.0.clone());
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
        g.config = Some(path.0.clone());
        g.profile = Some("sandbx".into());
        let e = Settings::resolve(&g).unwrap_err();
        assert!(e.message.contains("no profile `sandbx`"), "{}", e.message);
        assert_eq!(e.hint.as_deref(), Some("did you mean `sandbox`?"));
    }

    #[test]
    fn unknown_keys_and_half_signing_are_usage_errors() {
        let path = write("typo", "[profiles.x]\napi_kee = \"k\"\n");
        let mut g = global();
        g.config = Some(path.0.clone());
        g.profile = Some("x".into());
        let e = Settings::resolve(&g).unwrap_err();
        assert!(e.message.contains("api_kee"), "{}", e.message);
        let mut g = global();
        g.server = Some("erp".into());
        let e = Settings::resolve(&g).unwrap_err();
        assert!(e.message.contains("no Secret Key"), "{}", e.message);
    }
}
