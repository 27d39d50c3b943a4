//! The one [`Error`] type of every l2l call.
//!
//! No variant ever holds the API key, the signing secret or an `auth=` value: bodies and
//! messages are passed through [`crate::redact`] before they are stored.

use std::time::Duration;

/// Everything that can go wrong in a call to L2L.
///
/// ```
/// use l2l_core::Error;
/// let e = Error::invalid("limit 5000 is outside 1..=2000");
/// assert!(!e.is_retryable());
/// assert_eq!(e.status(), None);
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
    },

    /// No answer within the timeout.
    #[error("L2L did not answer within {0:?}")]
    Timeout(Duration),

    /// The connection failed or broke (refused, reset, TLS).
    #[error("could not reach L2L: {0}")]
    Connect(String),

    /// The request was refused before sending: a page size above the area's maximum, a
    /// missing site, a custom property on an area without them.
    #[error("invalid request: {0}")]
    InvalidRequest(String),

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
    /// An [`Error::InvalidRequest`].
    pub fn invalid(msg: impl Into<String>) -> Error {
        Error::InvalidRequest(msg.into())
    }

    /// Whether trying the same request again may succeed: timeouts, connection failures,
    /// 429 and 5xx statuses.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Timeout(_) | Error::Connect(_) => true,
            Error::Http { status, .. } => *status == 429 || (500..600).contains(status),
            // A body cut short by the network is a transport fault, not a bad answer.
            Error::Decode { message, .. } => {
                message.contains("EOF") || message.contains("truncated")
            }
            _ => false,
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

/// `Result<T, l2l_core::Error>`.
pub type Result<T, E = Error> = std::result::Result<T, E>;
