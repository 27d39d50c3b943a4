//! The [`Client`]: one tenant, one key, one connection pool and one throttle, shared by
//! every clone.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde::de::DeserializeOwned;

use crate::error::Error;
use crate::query::Page;
use crate::schema::Record;
use crate::transport::limiter::Limiter;
use crate::transport::retry::RetryPolicy;
use crate::transport::throttle::Throttle;
use crate::wire::Format;
use crate::wire::envelope::{self, Data, Envelope};
use crate::wire::redact::Secret;
use crate::wire::request::Request;
use crate::wire::sign::Signer;

mod builder;
mod reach;
mod send;

pub use builder::ClientBuilder;
pub use send::Answer;

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

pub(crate) struct Inner {
    http: reqwest::Client,
    base: String,
    key: Secret,
    auth: AuthPlacement,
    format: Format,
    microseconds: bool,
    timeout: Duration,
    retry: RetryPolicy,
    throttle: Option<Throttle>,
    limiter: Limiter,
    signer: Option<Signer>,
    /// Page sizes a server refused, by area path: the largest size known to be served.
    limits: Mutex<HashMap<String, u32>>,
}

/// A client of one L2L tenant. Cheap to clone: clones share one connection pool, one
/// adaptive [`Limiter`] and one throttle.
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
            .field(
                "throttle",
                &self.inner.throttle.as_ref().map(Throttle::interval),
            )
            .field("limiter", &self.inner.limiter)
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

    /// The adaptive limiter every clone shares.
    pub fn limiter(&self) -> &Limiter {
        &self.inner.limiter
    }

    /// The largest page size known to be served for `path`, after a server refused a
    /// larger one.
    pub(crate) fn known_limit(&self, path: &str) -> Option<u32> {
        let limits = self.inner.limits.lock().unwrap_or_else(|e| e.into_inner());
        limits.get(path).copied()
    }

    /// Remembers that `path` serves pages of at most `limit`.
    pub(crate) fn remember_limit(&self, path: &str, limit: u32) {
        let mut limits = self.inner.limits.lock().unwrap_or_else(|e| e.into_inner());
        let known = limits.entry(path.to_owned()).or_insert(limit);
        *known = (*known).min(limit);
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
        let format = self.inner.format;
        self.execute(request, |body| {
            Ok(page_of(envelope::decode::<T>(
                body,
                format,
                &self.secrets(),
            )?))
        })
        .await
    }

    /// [`Client::list_peek`] with nothing to peek at.
    pub(crate) async fn list_records<T: Record>(&self, request: Request) -> Result<Page<T>, Error> {
        self.list_peek(request, |_| {}).await
    }

    /// [`Client::list`] of paging's records, each page decoded by [`Record::decode_page`]
    /// and shown first, as a 200 body, to `peek` (keyset paging reads the next key there,
    /// to ask for the next page while this one decodes).
    pub(crate) async fn list_peek<T: Record>(
        &self,
        request: Request,
        peek: impl Fn(&[u8]),
    ) -> Result<Page<T>, Error> {
        let format = self.inner.format;
        self.execute(request, |body| {
            peek(body);
            Ok(page_of(T::decode_page(body, format, &self.secrets())?))
        })
        .await
    }

    /// Sends a request whose `data` is one record (a GET by id, a create, an update, an
    /// action) and decodes it.
    pub async fn one<T: DeserializeOwned>(&self, request: Request) -> Result<T, Error> {
        self.one_recovering(request, || async { Ok(None) }).await
    }

    /// [`Client::one`] for a write that may have taken effect although its answer was lost:
    /// before each retry `recover` looks for its effect, and a record it finds is the result.
    pub(crate) async fn one_recovering<T, F, Fut>(
        &self,
        request: Request,
        recover: F,
    ) -> Result<T, Error>
    where
        T: DeserializeOwned,
        F: Fn() -> Fut,
        Fut: std::future::Future<Output = Result<Option<T>, Error>>,
    {
        let format = self.inner.format;
        self.execute_recovering(
            request,
            |body| {
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
                        snippet: crate::wire::redact::snippet(
                            &String::from_utf8_lossy(body),
                            200,
                            &self.secrets(),
                        ),
                        truncated: false,
                    }),
                }
            },
            recover,
        )
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

    /// Sends a request once, without retrying, and returns the answer with its status and
    /// headers whatever the status is (what `l2l call -i` prints). Only a request that got
    /// no answer (a refused connection, a timeout) is an error.
    ///
    /// ```no_run
    /// # async fn run(client: &l2l_core::Client) -> Result<(), l2l_core::Error> {
    /// let answer = client.answer(l2l_core::Request::get("sites")).await?;
    /// println!("HTTP {}", answer.status);
    /// for (name, value) in &answer.headers {
    ///     println!("{name}: {value}");
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn answer(&self, request: Request) -> Result<Answer, Error> {
        self.fetch(&request, true).await
    }

    /// The error an answer other than HTTP 200 is ([`Error::Http`], the start of its body
    /// with the key and the signing secret hidden); `None` for a 200.
    pub fn http_error(&self, answer: &Answer) -> Option<Error> {
        (answer.status != 200).then(|| Error::Http {
            status: answer.status,
            snippet: crate::wire::redact::snippet(
                &String::from_utf8_lossy(&answer.body),
                200,
                &self.secrets(),
            ),
            retry_after: answer.retry_after,
        })
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
            Ok(rendered) => crate::wire::redact::redact(&rendered.url, &self.secrets()),
            Err(e) => format!("(not sendable: {e})"),
        }
    }
}

/// The page of a decoded list envelope.
fn page_of<T>(env: Envelope<T>) -> Page<T> {
    Page::new(
        env.data.map(Data::into_vec).unwrap_or_default(),
        env.offset,
        env.limit,
    )
}
