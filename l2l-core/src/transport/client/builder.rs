//! [`ClientBuilder`]: the tenant, the key, and how the client behaves.

use std::sync::Arc;
use std::time::Duration;

use super::{AuthPlacement, Client, Inner};
use crate::error::Error;
use crate::transport::limiter::Limiter;
use crate::transport::retry::RetryPolicy;
use crate::transport::throttle::Throttle;
use crate::wire::Format;
use crate::wire::redact::Secret;
use crate::wire::sign::Signer;

/// Builds a [`Client`].
///
/// ```
/// use std::time::Duration;
/// use l2l_core::{Client, Throttle};
/// let client = Client::builder()
///     .base_url("http://127.0.0.1:8080")
///     .api_key("sandbox-key")
///     .integration("erp-sync", "1.4.0")
///     .timeout(Duration::from_secs(30))
///     .throttle(Throttle::per_second(5.0))   // a ceiling; none by default
///     .max_in_flight(4)                      // the adaptive limiter's ceiling
///     .build()
///     .unwrap();
/// assert_eq!(client.base_url(), "http://127.0.0.1:8080/api/1.0/");
/// assert!(!format!("{client:?}").contains("sandbox-key"));
/// ```
#[derive(Debug, Default)]
#[must_use]
pub struct ClientBuilder {
    company: Option<String>,
    base_url: Option<String>,
    api_key: Option<Secret>,
    auth: AuthPlacement,
    realuser: Option<String>,
    format: Format,
    microseconds: bool,
    timeout: Option<Duration>,
    connect_timeout: Option<Duration>,
    user_agent: Option<String>,
    retry: Option<RetryPolicy>,
    throttle: Option<Throttle>,
    limiter: Option<Limiter>,
    signer: Option<Signer>,
    root_certs: Vec<Vec<u8>>,
}

impl ClientBuilder {
    /// The tenant: `company("acme")` talks to `https://acme.leading2lean.com/api/1.0/`.
    pub fn company(mut self, company: impl Into<String>) -> Self {
        self.company = Some(company.into());
        self
    }

    /// Any other host (the sandbox, a proxy): `http://127.0.0.1:8080` or a URL that
    /// already ends in `/api/1.0/`.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// The API key. Never printed: `Debug` shows `***`.
    pub fn api_key(mut self, key: impl Into<String>) -> Self {
        self.api_key = Some(Secret::new(key));
        self
    }

    /// Where the key is sent ([`AuthPlacement::Header`] by default).
    pub fn auth_placement(mut self, placement: AuthPlacement) -> Self {
        self.auth = placement;
        self
    }

    /// Makes every call on behalf of this user (`realuser`). The API user must be an
    /// admin; the key is then sent as the `auth` argument, as the docs require.
    pub fn realuser(mut self, loginid: impl Into<String>) -> Self {
        self.realuser = Some(loginid.into());
        self
    }

    /// JSON (default) or XML responses.
    pub fn format(mut self, format: Format) -> Self {
        self.format = format;
        self
    }

    /// Asks for datetimes with microseconds (`l2lfmt_microseconds=true`).
    pub fn microseconds(mut self, on: bool) -> Self {
        self.microseconds = on;
        self
    }

    /// The time a whole request (connect, send, read the body) may take; 60 s by default.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// The time connecting may take; 10 s by default.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// Names the integration in the user agent (`erp-sync/1.4.0 l2l-rust/0.1.0`), so that
    /// L2L support can tell integrations apart, as the docs ask.
    pub fn integration(mut self, name: &str, version: &str) -> Self {
        self.user_agent = Some(format!(
            "{name}/{version} l2l-rust/{}",
            env!("CARGO_PKG_VERSION")
        ));
        self
    }

    /// The whole user agent.
    pub fn user_agent(mut self, ua: impl Into<String>) -> Self {
        self.user_agent = Some(ua.into());
        self
    }

    /// The retry policy ([`RetryPolicy::default`]).
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = Some(policy);
        self
    }

    /// A fixed ceiling on the request rate, on top of the adaptive limiter (none by default:
    /// the limiter paces the client by the server's answers).
    pub fn throttle(mut self, throttle: Throttle) -> Self {
        self.throttle = Some(throttle).filter(|t| t.interval().is_some());
        self
    }

    /// At most `n` requests in flight (the adaptive limiter's ceiling, [`Limiter::DEFAULT_MAX`]
    /// by default). `max_in_flight(1)` sends one request at a time.
    pub fn max_in_flight(mut self, n: usize) -> Self {
        self.limiter = Some(Limiter::new().max_in_flight(n));
        self
    }

    /// The limiter itself (share one between clients of the same tenant, or use
    /// [`Limiter::fixed`] for a fixed concurrency).
    pub fn limiter(mut self, limiter: Limiter) -> Self {
        self.limiter = Some(limiter);
        self
    }

    /// Signs requests marked [`Request::signed`](crate::Request::signed) with this server name and Secret Key.
    pub fn signing(mut self, server: impl Into<String>, secret: impl Into<String>) -> Self {
        self.signer = Some(Signer::new(server, secret));
        self
    }

    /// Trusts this PEM certificate as well as the system's (the sandbox's self-signed one).
    pub fn add_root_certificate_pem(mut self, pem: impl Into<Vec<u8>>) -> Self {
        self.root_certs.push(pem.into());
        self
    }

    /// Builds the client.
    pub fn build(self) -> Result<Client, Error> {
        let base = match (&self.base_url, &self.company) {
            (Some(url), _) => normalize_base(url)?,
            (None, Some(company)) => {
                if company.is_empty()
                    || !company
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-')
                {
                    return Err(Error::Config(format!(
                        "company {company:?} is not a host name (letters, digits and '-')"
                    )));
                }
                format!("https://{company}.leading2lean.com/api/1.0/")
            }
            (None, None) => {
                return Err(Error::Config(
                    "name the tenant with company(..) or base_url(..)".into(),
                ));
            }
        };
        let key = self
            .api_key
            .ok_or_else(|| Error::Config("an API key is required (api_key(..))".into()))?;
        if key.expose().is_empty() {
            return Err(Error::Config("the API key is empty".into()));
        }
        let user_agent = self
            .user_agent
            .unwrap_or_else(|| format!("l2l-rust/{}", env!("CARGO_PKG_VERSION")));
        let timeout = self.timeout.unwrap_or(Duration::from_secs(60));
        #[cfg_attr(
            not(any(feature = "rustls", feature = "native-tls")),
            allow(unused_mut)
        )]
        let mut http = reqwest::Client::builder()
            .user_agent(user_agent)
            .timeout(timeout)
            .connect_timeout(self.connect_timeout.unwrap_or(Duration::from_secs(10)))
            .pool_idle_timeout(Duration::from_secs(60))
            // The system's resolver, with failures of a type the retry loop recognises.
            .dns_resolver(Arc::new(super::reach::Resolver));
        #[cfg(any(feature = "rustls", feature = "native-tls"))]
        for pem in &self.root_certs {
            let cert = reqwest::Certificate::from_pem(pem)
                .map_err(|e| Error::Config(format!("bad root certificate: {e}")))?;
            http = http.tls_certs_merge([cert]);
        }
        #[cfg(not(any(feature = "rustls", feature = "native-tls")))]
        if !self.root_certs.is_empty() {
            return Err(Error::Config(
                "a root certificate needs HTTPS: enable the `rustls` or `native-tls` feature"
                    .into(),
            ));
        }
        let http = http
            .build()
            .map_err(|e| Error::Config(format!("HTTP client: {e}")))?;
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                base,
                key,
                auth: self.auth,
                format: self.format,
                microseconds: self.microseconds,
                timeout,
                retry: self.retry.unwrap_or_default(),
                throttle: self.throttle,
                limiter: self.limiter.unwrap_or_default(),
                signer: self.signer,
                limits: Default::default(),
            }),
            realuser: self.realuser.map(Arc::from),
        })
    }
}

fn normalize_base(url: &str) -> Result<String, Error> {
    let mut base = url.trim().trim_end_matches('/').to_owned();
    if !(base.starts_with("http://") || base.starts_with("https://")) {
        return Err(Error::Config(format!(
            "base URL {url:?} must start with http:// or https://"
        )));
    }
    if !base.ends_with("/api/1.0") {
        base.push_str("/api/1.0");
    }
    base.push('/');
    reqwest::Url::parse(&base).map_err(|e| Error::Config(format!("base URL {url:?}: {e}")))?;
    Ok(base)
}
