//! The one [`Error`] type of every l2l call.
//!
//! No variant ever holds the API key, the signing secret or an `auth=` value: bodies and
//! messages are passed through [`crate::wire::redact`] before they are stored.

use std::time::Duration;

/// Everything that can go wrong in a call to L2L.
///
/// ```
/// use l2l_core::Error;
/// let e = Error::invalid("limit 5000 is outside 1..=2000");
/// assert!(!e.is_retryable());
/// assert_eq!(e.status(), None);
///
/// let e = Error::invalid_field("cod", "area `machines` has no field `cod`", Some("code"));
/// assert_eq!(e.field(), Some("cod"));
/// assert_eq!(e.suggestion(), Some("code"));
/// assert_eq!(e.to_string(), "invalid request: area `machines` has no field `cod` (did you mean `code`?)");
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// HTTP 200 with `success: false`: L2L refused the call (validation, a business rule,
    /// a backend error). Carries `error` and every message of `errors`.
    #[error("L2L refused the call: {}", messages.join("; "))]
    Api {
        /// The messages, `error` first, then each of `errors`.
        messages: Vec<String>,
    },

    /// A status other than 200.
    #[error("HTTP {status} from L2L{}: {snippet}", retry_after.map(|d| format!(" (retry after {}s)", d.as_secs())).unwrap_or_default())]
    Http {
        /// The status code.
        status: u16,
        /// The start of the body.
        snippet: String,
        /// `Retry-After`, when the server sent one (429, 503).
        retry_after: Option<Duration>,
    },

    /// The body is not the envelope L2L sends (an HTML page, truncated JSON, an empty body,
    /// a record of the wrong shape).
    #[error("could not decode L2L's answer at `{path}`: {message}; body starts: {snippet}")]
    Decode {
        /// Where decoding stopped, as a JSON path (`data[3].created`); `.` for the top.
        path: String,
        /// What was wrong.
        message: String,
        /// The start of the body.
        snippet: String,
        /// The body ended before the document did (cut short on the way): worth trying again.
        truncated: bool,
    },

    /// No answer within the timeout.
    #[error("L2L did not answer within {0:?}")]
    Timeout(Duration),

    /// The connection failed or broke (refused, reset, TLS, a body cut off). The transport's
    /// own error is the [`source`](std::error::Error::source).
    #[error("could not reach L2L: {message}")]
    Connect {
        /// What failed, without the URL.
        message: String,
        /// What kind of failure it was, as far as the transport tells.
        kind: ConnectKind,
        /// The transport's error.
        #[source]
        source: Option<Box<dyn std::error::Error + Send + Sync>>,
    },

    /// The request was refused before sending: an unknown field or lookup, a page size of
    /// zero, a missing site, a custom property on an area without them.
    #[error("invalid request: {reason}{}", suggestion.as_ref().map(|s| format!(" (did you mean `{s}`?)")).unwrap_or_default())]
    InvalidRequest {
        /// The field, filter key or argument at fault, when there is one.
        field: Option<String>,
        /// What is wrong with it.
        reason: String,
        /// The closest valid name, when there is one.
        suggestion: Option<String>,
    },

    /// Paging stopped advancing: the same page came twice, or the offset or key stalled.
    #[error("paging stalled at {at}: {reason}")]
    PagingStalled {
        /// The offset or key where it stalled.
        at: String,
        /// What was seen.
        reason: String,
    },

    /// The client was configured wrongly (no API key, a bad base URL).
    #[error("client configuration: {0}")]
    Config(String),
}

impl Error {
    /// An [`Error::InvalidRequest`] about the request as a whole.
    pub fn invalid(reason: impl Into<String>) -> Error {
        Error::InvalidRequest {
            field: None,
            reason: reason.into(),
            suggestion: None,
        }
    }

    /// An [`Error::InvalidRequest`] about one field or filter key, with the closest valid
    /// name when there is one.
    pub fn invalid_field(
        field: impl Into<String>,
        reason: impl Into<String>,
        suggestion: Option<&str>,
    ) -> Error {
        Error::InvalidRequest {
            field: Some(field.into()),
            reason: reason.into(),
            suggestion: suggestion.map(str::to_owned),
        }
    }

    /// An [`Error::Connect`] with the transport's error as its source.
    pub fn connect(
        message: impl Into<String>,
        source: Option<Box<dyn std::error::Error + Send + Sync>>,
    ) -> Error {
        Error::connect_as(ConnectKind::Other, message, source)
    }

    /// An [`Error::Connect`] of a known kind.
    pub fn connect_as(
        kind: ConnectKind,
        message: impl Into<String>,
        source: Option<Box<dyn std::error::Error + Send + Sync>>,
    ) -> Error {
        Error::Connect {
            message: message.into(),
            kind,
            source,
        }
    }

    /// The kind of an [`Error::Connect`].
    pub fn connect_kind(&self) -> Option<ConnectKind> {
        match self {
            Error::Connect { kind, .. } => Some(*kind),
            _ => None,
        }
    }

    /// Whether the failure may mend within the seconds of the client's own retries:
    /// [`Error::is_retryable`], except the connection failures that wait for someone to act
    /// (a refused connection, a host that does not resolve, an untrusted certificate; see
    /// [`ConnectKind::mends_by_itself`]). The client retries only these, so that a server
    /// that is not running fails at once.
    ///
    /// ```
    /// use l2l_core::{ConnectKind, Error};
    /// let refused = Error::connect_as(ConnectKind::Refused, "connection refused", None);
    /// assert!(refused.is_retryable() && !refused.is_transient());
    /// let reset = Error::connect_as(ConnectKind::Other, "connection reset", None);
    /// assert!(reset.is_transient());
    /// ```
    pub fn is_transient(&self) -> bool {
        match self {
            Error::Connect { kind, .. } => kind.mends_by_itself(),
            e => e.is_retryable(),
        }
    }

    /// Whether trying the same request again may succeed, some time later: timeouts,
    /// connection failures, 429 and 5xx statuses, and bodies cut short on the way. Decided by
    /// the kind of failure, never by the text of a message. The client's own retries are
    /// narrower: see [`Error::is_transient`].
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Timeout(_) | Error::Connect { .. } => true,
            Error::Http { status, .. } => *status == 429 || (500..600).contains(status),
            Error::Decode { truncated, .. } => *truncated,
            _ => false,
        }
    }

    /// The field or filter key an [`Error::InvalidRequest`] is about.
    pub fn field(&self) -> Option<&str> {
        match self {
            Error::InvalidRequest { field, .. } => field.as_deref(),
            _ => None,
        }
    }

    /// The closest valid name an [`Error::InvalidRequest`] suggests.
    pub fn suggestion(&self) -> Option<&str> {
        match self {
            Error::InvalidRequest { suggestion, .. } => suggestion.as_deref(),
            _ => None,
        }
    }

    /// The HTTP status, when the server answered: 200 for [`Error::Api`] and for
    /// [`Error::Decode`].
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Http { status, .. } => Some(*status),
            Error::Api { .. } | Error::Decode { .. } => Some(200),
            _ => None,
        }
    }

    /// The server's `Retry-After`, if it sent one.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            Error::Http { retry_after, .. } => *retry_after,
            _ => None,
        }
    }

    /// The messages of an [`Error::Api`]; empty for other variants.
    pub fn api_messages(&self) -> &[String] {
        match self {
            Error::Api { messages } => messages,
            _ => &[],
        }
    }
}

/// Why a connection to L2L failed, as far as the transport tells: decided by the type of
/// the transport's error (never by its text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ConnectKind {
    /// Nothing listens at the address: the connection was refused.
    Refused,
    /// The host name did not resolve.
    Dns,
    /// The server's certificate is not trusted (or not valid for the host).
    Certificate,
    /// Anything else: a connection reset or cut off, a body cut short, a task stopped.
    Other,
}

impl ConnectKind {
    /// Whether a retry a few seconds later may mend it: only [`ConnectKind::Other`]. A
    /// refused connection, a name that does not resolve and an untrusted certificate wait
    /// for someone to act: start the server, fix the URL, trust the certificate.
    pub fn mends_by_itself(self) -> bool {
        self == ConnectKind::Other
    }
}

/// `Result<T, l2l_core::Error>`.
pub type Result<T, E = Error> = std::result::Result<T, E>;
