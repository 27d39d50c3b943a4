//! Sending one request: render it, wait for the limiter (and the throttle, when one is set),
//! send, classify the answer, and retry what may be retried. The one retry loop of the crate.

use std::time::Instant;

use tracing::Instrument as _;

use super::{AuthPlacement, Client};
use crate::error::Error;
use crate::transport::limiter::Outcome;
use crate::transport::retry;
use crate::wire::Format;
use crate::wire::encode;
use crate::wire::request::{Method, Request};

/// A server's answer to one request, whatever its status ([`Client::answer`]).
#[derive(Debug, Clone)]
pub struct Answer {
    /// The HTTP status.
    pub status: u16,
    /// The headers, in the order received (empty unless asked for).
    pub headers: Vec<(String, String)>,
    /// The body, as sent.
    pub body: bytes::Bytes,
    /// What `Retry-After` asked for, if anything.
    pub retry_after: Option<std::time::Duration>,
}

/// A request as it is sent: rendered by [`Client::render`].
pub(super) struct Rendered {
    /// The URL, with the query string escaped (and `auth=` in it when the key goes there).
    pub(super) url: String,
    /// The form body of a POST or PUT.
    pub(super) body: Option<String>,
    /// Whether the key goes in the `L2LAUTH` header.
    pub(super) header_auth: bool,
}

impl Client {
    /// Adds auth, realuser, format and signature, and renders URL and body.
    pub(super) fn render(&self, mut request: Request) -> Result<Rendered, Error> {
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
        Ok(Rendered {
            url,
            body,
            header_auth: placement == AuthPlacement::Header,
        })
    }

    /// Sends `request` with the limiter and retries, decoding each 200 answer with `decode`;
    /// a body cut short on the way is retried as well.
    pub(super) async fn execute<T>(
        &self,
        request: Request,
        decode: impl Fn(&[u8]) -> Result<T, Error>,
    ) -> Result<T, Error> {
        self.execute_recovering(request, decode, || async { Ok(None) })
            .await
    }

    /// [`Client::execute`], asking `recover` before each retry whether the failed attempt
    /// took effect after all (a create that was stored before its answer was lost): when it
    /// answers with a value, that value is the result and nothing is sent again. The one retry
    /// loop of the crate.
    pub(super) async fn execute_recovering<T, F, Fut>(
        &self,
        request: Request,
        decode: impl Fn(&[u8]) -> Result<T, Error>,
        recover: F,
    ) -> Result<T, Error>
    where
        F: Fn() -> Fut,
        Fut: std::future::Future<Output = Result<Option<T>, Error>>,
    {
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
            // What waits for someone to act (a refused connection, an unknown host, an
            // untrusted certificate) is not retried: the caller hears of it at once.
            if retryable
                && err.is_transient()
                && let Some(v) = recover().await?
            {
                return Ok(v);
            }
            let wait = (retryable && err.is_transient())
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
        let answer = self.fetch(request, false).await?;
        if let Some(err) = self.http_error(&answer) {
            tracing::debug!(error = %err, "failed");
            return Err(err);
        }
        decode(&answer.body)
    }

    /// Sends `request` once (throttle and limiter as any request) and returns the answer
    /// whatever its status, its headers kept when `headers`.
    pub(super) async fn fetch(&self, request: &Request, headers: bool) -> Result<Answer, Error> {
        let inner = &*self.inner;
        let Rendered {
            url,
            body,
            header_auth,
        } = self.render(request.clone())?;
        if let Some(throttle) = &inner.throttle {
            throttle.acquire().await;
        }
        let permit = inner.limiter.acquire().await;
        let started = Instant::now();
        let span = tracing::Span::current();
        tracing::debug!(url = %crate::wire::redact::redact(&url, &self.secrets()), "sending");
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
        let resp = match rb.send().await {
            Ok(r) => r,
            Err(e) => {
                permit.finish(Outcome::Failure, None);
                return Err(self.transport_error(e));
            }
        };
        let status = resp.status().as_u16();
        span.record("status", status);
        let retry_after = resp
            .headers()
            .get(reqwest::header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(retry::parse_retry_after);
        let kept = if headers {
            resp.headers()
                .iter()
                .map(|(k, v)| {
                    (
                        k.as_str().to_owned(),
                        String::from_utf8_lossy(v.as_bytes()).into_owned(),
                    )
                })
                .collect()
        } else {
            Vec::new()
        };
        let bytes = match resp.bytes().await {
            Ok(b) => b,
            Err(e) => {
                permit.finish(Outcome::Failure, None);
                return Err(self.transport_error(e));
            }
        };
        span.record("elapsed_ms", started.elapsed().as_millis() as u64);
        let outcome = match status {
            200 => Outcome::Success,
            429 | 503 => Outcome::Overload,
            500..=599 => Outcome::Failure,
            _ => Outcome::Neutral,
        };
        // Retry-After pauses the whole client, capped as the retry policy caps a single wait.
        let pause = retry_after.map(|d| d.min(inner.retry.longest_pause()));
        permit.finish(outcome, pause);
        Ok(Answer {
            status,
            headers: kept,
            body: bytes,
            retry_after,
        })
    }

    fn transport_error(&self, e: reqwest::Error) -> Error {
        if e.is_timeout() {
            return Error::Timeout(self.inner.timeout);
        }
        let e = e.without_url();
        let message = if e.is_body() || e.is_decode() {
            "the answer was cut off".to_owned()
        } else if e.is_connect() {
            "the connection failed".to_owned()
        } else {
            "the request failed".to_owned()
        };
        let kind = if e.is_connect() {
            super::reach::kind(&e)
        } else {
            crate::ConnectKind::Other
        };
        // The message says what failed; the chain (without the URL, so without `auth=`) is
        // the source.
        Error::connect_as(
            kind,
            format!(
                "{message}: {}",
                crate::wire::redact::redact(&chain(&e), &self.secrets())
            ),
            Some(Box::new(e)),
        )
    }
}

/// The innermost cause of an error, the one worth printing on one line.
fn chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut last = e;
    while let Some(next) = last.source() {
        last = next;
    }
    last.to_string()
}
