//! The [`Client`]: one tenant, one key, one connection pool and one throttle, shared by
//! every clone.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde::de::DeserializeOwned;
use tracing::Instrument as _;

use crate::encode;
use crate::envelope::{self, Data};
use crate::error::Error;
use crate::page::Page;
use crate::redact::Secret;
use crate::request::{Method, Request};
use crate::retry::{self, RetryPolicy};
use crate::sign::Signer;
use crate::throttle::Throttle;

/// The response format asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// JSON, L2L's default.
    #[default]
    Json,
    /// XML (`format=xml`), decoded into the same types.
    Xml,
}

/// Where the API key is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AuthPlacement {
    /// The `L2LAUTH` header: the default, and the one that keeps the key out of URLs and
    /// server logs.
    #[default]
    Header,
    /// The `auth` query argument.
    Query,
    /// The `auth` POST argument for writes (the query argument for reads).
    Body,
}

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
///     .throttle(Throttle::per_second(5.0))
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

    /// The throttle ([`Throttle::default`]: 10 requests a second).
    pub fn throttle(mut self, throttle: Throttle) -> Self {
        self.throttle = Some(throttle);
        self
    }

    /// Signs requests marked [`Request::signed`] with this server name and Secret Key.
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
        let mut http = reqwest::Client::builder()
            .user_agent(user_agent)
            .timeout(timeout)
            .connect_timeout(self.connect_timeout.unwrap_or(Duration::from_secs(10)))
            .pool_idle_timeout(Duration::from_secs(60));
        for pem in &self.root_certs {
            let cert = reqwest::Certificate::from_pem(pem)
                .map_err(|e| Error::Config(format!("bad root certificate: {e}")))?;
            http = http.tls_certs_merge([cert]);
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
                throttle: self.throttle.unwrap_or_default(),
                signer: self.signer,
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

struct Inner {
    http: reqwest::Client,
    base: String,
    key: Secret,
    auth: AuthPlacement,
    format: Format,
    microseconds: bool,
    timeout: Duration,
    retry: RetryPolicy,
    throttle: Throttle,
    signer: Option<Signer>,
}

/// A client of one L2L tenant. Cheap to clone: clones share one connection pool and one
/// throttle.
///
/// ```no_run
/// # async fn run() -> Result<(), l2l_core::Error> {
/// use l2l_core::{Client, Request};
/// let client = Client::builder().company("acme").api_key("key").build()?;
/// let page = client.list::<serde_json::Value>(Request::get("sites").query("limit", "2")).await?;
/// println!("{} sites", page.records.len());
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
    realuser: Option<Arc<str>>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base)
            .field("api_key", &self.inner.key)
            .field("auth", &self.inner.auth)
            .field("realuser", &self.realuser)
            .field("format", &self.inner.format)
            .field("timeout", &self.inner.timeout)
            .field("retry", &self.inner.retry)
            .field("throttle", &self.inner.throttle.interval())
            .field("signer", &self.inner.signer)
            .finish()
    }
}

impl Client {
    /// A [`ClientBuilder`].
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// The base URL, ending in `/api/1.0/`.
    pub fn base_url(&self) -> &str {
        &self.inner.base
    }

    /// The retry policy.
    pub fn retry_policy(&self) -> RetryPolicy {
        self.inner.retry
    }

    /// The response format asked for.
    pub fn format(&self) -> Format {
        self.inner.format
    }

    /// A client that makes its calls on behalf of `loginid` (`realuser`), sharing this
    /// one's pool and throttle.
    pub fn as_user(&self, loginid: impl AsRef<str>) -> Client {
        Client {
            inner: self.inner.clone(),
            realuser: Some(Arc::from(loginid.as_ref())),
        }
    }

    /// Sends a list request and decodes a page of records.
    pub async fn list<T: DeserializeOwned>(&self, request: Request) -> Result<Page<T>, Error> {
        self.list_peek(request, |_| {}).await
    }

    /// [`Client::list`], showing each 200 body to `peek` before it is decoded (keyset paging
    /// reads the next key there, to ask for the next page while this one decodes).
    pub(crate) async fn list_peek<T: DeserializeOwned>(
        &self,
        request: Request,
        peek: impl Fn(&[u8]),
    ) -> Result<Page<T>, Error> {
        let format = self.inner.format;
        self.execute(request, |body| {
            peek(body);
            let env = envelope::decode::<T>(body, format, &self.secrets())?;
            Ok(Page {
                records: env.data.map(Data::into_vec).unwrap_or_default(),
                offset: env.offset,
                limit: env.limit,
            })
        })
        .await
    }

    /// Sends a request whose `data` is one record (a GET by id, a create, an update, an
    /// action) and decodes it.
    pub async fn one<T: DeserializeOwned>(&self, request: Request) -> Result<T, Error> {
        let format = self.inner.format;
        self.execute(request, |body| {
            let env = envelope::decode::<T>(body, format, &self.secrets())?;
            match env.data {
                Some(Data::One(t)) => Ok(t),
                Some(Data::List(mut v)) if v.len() == 1 => Ok(v.remove(0)),
                other => Err(Error::Decode {
                    path: "data".into(),
                    message: format!(
                        "expected one record, found {}",
                        match other {
                            None => "none".to_string(),
                            Some(d) => format!("a list of {}", d.into_vec().len()),
                        }
                    ),
                    snippet: crate::redact::snippet(
                        &String::from_utf8_lossy(body),
                        200,
                        &self.secrets(),
                    ),
                }),
            }
        })
        .await
    }

    /// Sends a request and decodes the whole envelope into `B` after checking `success`
    /// (for answers with fields of their own, such as `max_lastupdated`).
    pub async fn call<B: DeserializeOwned>(&self, request: Request) -> Result<B, Error> {
        let format = self.inner.format;
        self.execute(request, |body| {
            envelope::decode_whole::<B>(body, format, &self.secrets())
        })
        .await
    }

    /// Sends a request and returns the body of a 200 answer undecoded.
    pub async fn send_raw(&self, request: Request) -> Result<bytes::Bytes, Error> {
        self.execute(request, |body| Ok(bytes::Bytes::copy_from_slice(body)))
            .await
    }

    fn secrets(&self) -> Vec<&Secret> {
        let mut s = vec![&self.inner.key];
        if let Some(signer) = &self.inner.signer {
            s.push(signer.secret());
        }
        s
    }

    /// The URL of a request as it would be sent, with `auth` and signatures hidden.
    pub fn display_url(&self, request: &Request) -> String {
        match self.render(request.clone()) {
            Ok((url, _, _)) => crate::redact::redact(&url, &self.secrets()),
            Err(e) => format!("(not sendable: {e})"),
        }
    }

    /// Adds auth, realuser, format and signature, and renders URL and body.
    fn render(&self, mut request: Request) -> Result<(String, Option<String>, bool), Error> {
        let inner = &*self.inner;
        if request.is_signed() {
            let signer = inner.signer.as_ref().ok_or_else(|| {
                Error::Config(format!(
                    "{} {} must be signed: configure signing(server, secret) on the client",
                    request.method(),
                    request.path()
                ))
            })?;
            signer.sign(&mut request, None);
        }
        let realuser = request
            .realuser_override()
            .map(str::to_owned)
            .or_else(|| self.realuser.as_deref().map(str::to_owned));
        let method = request.method();
        // The docs: realuser works only with the auth parameter.
        let placement = if realuser.is_some() && inner.auth == AuthPlacement::Header {
            AuthPlacement::Body
        } else {
            inner.auth
        };
        let key = inner.key.expose().to_owned();
        match placement {
            AuthPlacement::Header => {}
            AuthPlacement::Query => request.query_mut().push(("auth".into(), key)),
            AuthPlacement::Body => request.args_mut().push(("auth".into(), key)),
        }
        let q = request.query_mut();
        if let Some(user) = realuser {
            q.push(("realuser".into(), user));
        }
        if inner.format == Format::Xml {
            q.push(("format".into(), "xml".into()));
        }
        if inner.microseconds {
            q.push(("l2lfmt_microseconds".into(), "true".into()));
        }
        let mut url = format!("{}{}", inner.base, request.path());
        if !request.query_args().is_empty() {
            url.push('?');
            url.push_str(&encode::pairs(
                request
                    .query_args()
                    .iter()
                    .map(|(k, v)| (k.as_str(), v.as_str())),
            ));
        }
        let body = method.has_body().then(|| {
            encode::pairs(
                request
                    .form_args()
                    .iter()
                    .map(|(k, v)| (k.as_str(), v.as_str())),
            )
        });
        Ok((url, body, placement == AuthPlacement::Header))
    }

    /// Sends `request` with throttle and retries, decoding each 200 answer with `decode`;
    /// a failure of `decode` that looks like a cut-off body is retried as well.
    async fn execute<T>(
        &self,
        request: Request,
        decode: impl Fn(&[u8]) -> Result<T, Error>,
    ) -> Result<T, Error> {
        let policy = self.inner.retry;
        let retryable = request.is_retryable();
        let mut delays = policy.delays();
        let mut attempt = 0u32;
        loop {
            attempt += 1;
            let span = tracing::info_span!(
                "l2l.request",
                method = %request.method(),
                path = %request.path(),
                attempt,
                status = tracing::field::Empty,
                elapsed_ms = tracing::field::Empty,
            );
            let result = self
                .attempt(&request, &decode)
                .instrument(span.clone())
                .await;
            let err = match result {
                Ok(v) => return Ok(v),
                Err(e) => e,
            };
            let wait = (retryable && err.is_retryable())
                .then(|| delays.next())
                .flatten()
                .and_then(|d| policy.wait(d, err.retry_after()));
            let Some(wait) = wait else {
                return Err(err);
            };
            span.in_scope(|| {
                tracing::warn!(error = %err, wait_ms = wait.as_millis() as u64, "retrying");
            });
            tokio::time::sleep(wait).await;
        }
    }

    async fn attempt<T>(
        &self,
        request: &Request,
        decode: &impl Fn(&[u8]) -> Result<T, Error>,
    ) -> Result<T, Error> {
        let inner = &*self.inner;
        let (url, body, header_auth) = self.render(request.clone())?;
        inner.throttle.acquire().await;
        let started = Instant::now();
        let span = tracing::Span::current();
        tracing::debug!(url = %crate::redact::redact(&url, &self.secrets()), "sending");
        let method = match request.method() {
            Method::Get => reqwest::Method::GET,
            Method::Post => reqwest::Method::POST,
            Method::Put => reqwest::Method::PUT,
            Method::Delete => reqwest::Method::DELETE,
        };
        let mut rb = inner.http.request(method, &url);
        if header_auth {
            let mut v =
                reqwest::header::HeaderValue::from_str(inner.key.expose()).map_err(|_| {
                    Error::Config("the API key holds characters a header cannot".into())
                })?;
            v.set_sensitive(true);
            rb = rb.header("L2LAUTH", v);
        }
        if let Some(body) = body {
            rb = rb
                .header(
                    reqwest::header::CONTENT_TYPE,
                    "application/x-www-form-urlencoded",
                )
                .body(body);
        }
        let resp = rb.send().await.map_err(|e| self.transport_error(e))?;
        let status = resp.status().as_u16();
        span.record("status", status);
        let retry_after = resp
            .headers()
            .get(reqwest::header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(retry::parse_retry_after);
        let bytes = resp.bytes().await.map_err(|e| self.transport_error(e))?;
        span.record("elapsed_ms", started.elapsed().as_millis() as u64);
        if status != 200 {
            let err = Error::Http {
                status,
                snippet: crate::redact::snippet(
                    &String::from_utf8_lossy(&bytes),
                    200,
                    &self.secrets(),
                ),
                retry_after,
            };
            tracing::debug!(error = %err, "failed");
            return Err(err);
        }
        decode(&bytes)
    }

    fn transport_error(&self, e: reqwest::Error) -> Error {
        if e.is_timeout() {
            return Error::Timeout(self.inner.timeout);
        }
        let e = e.without_url();
        let mut msg = e.to_string();
        let mut source = std::error::Error::source(&e);
        while let Some(s) = source {
            msg.push_str(": ");
            msg.push_str(&s.to_string());
            source = s.source();
        }
        Error::Connect(crate::redact::redact(&msg, &self.secrets()))
    }
}
