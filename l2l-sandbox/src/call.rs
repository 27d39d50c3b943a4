//! One incoming call and what handling it takes: the call parsed ([`Call`]: method, path
//! segments after `/api/1.0/`, the query and form arguments in the order sent, the
//! `L2LAUTH` header, and the answer's format), who makes it and the sites they may use
//! ([`Access`]), the context every handler gets ([`Ctx`]), and a refusal ([`ApiError`]).
//!
//! A leaf for the handlers: the router (`api`), the record reads and writes (`crud`), the
//! actions, authentication and signing all take their words from here, and none from each
//! other's modules.

use l2l_core::Format;
use rusqlite::Connection;

use crate::limits::Limits;
use crate::store::Catalog;
use crate::store::records::Actor;

/// The HTTP method of a call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Method {
    /// GET (and HEAD).
    Get,
    /// POST.
    Post,
    /// PUT.
    Put,
    /// DELETE.
    Delete,
}

/// A refusal: an HTTP status and the messages of the failure envelope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ApiError {
    /// The HTTP status (200 for validation and business errors, as L2L answers them).
    pub(crate) status: u16,
    /// The `error` message.
    pub(crate) error: String,
    /// The `errors` list (validation messages), possibly empty.
    pub(crate) errors: Vec<String>,
}

impl ApiError {
    /// HTTP 200 with `success: false` and `error`.
    pub(crate) fn failure(msg: impl Into<String>) -> ApiError {
        ApiError::status(200, msg)
    }

    /// HTTP 200 with `success: false`, every message in `errors` and the first in `error`.
    pub(crate) fn invalid(errors: Vec<String>) -> ApiError {
        let error = match errors.len() {
            0 => "invalid request".to_owned(),
            1 => errors[0].clone(),
            n => format!("{} (and {} more)", errors[0], n - 1),
        };
        ApiError {
            status: 200,
            error,
            errors,
        }
    }

    /// Another status with `success: false` and `error`.
    pub(crate) fn status(status: u16, msg: impl Into<String>) -> ApiError {
        ApiError {
            status,
            error: msg.into(),
            errors: Vec::new(),
        }
    }
}

impl From<rusqlite::Error> for ApiError {
    fn from(e: rusqlite::Error) -> ApiError {
        ApiError::status(500, format!("storage error: {e}"))
    }
}

/// A parsed call.
#[derive(Debug, Clone)]
pub(crate) struct Call {
    /// The method.
    pub(crate) method: Method,
    /// The path segments after `/api/1.0/`, percent-decoded, without empty ones.
    pub(crate) segments: Vec<String>,
    /// The query arguments, in order.
    pub(crate) query: Vec<(String, String)>,
    /// The form body arguments, in order.
    pub(crate) body: Vec<(String, String)>,
    /// The `L2LAUTH` header.
    pub(crate) header_key: Option<String>,
    /// The answer's format.
    pub(crate) format: Format,
    /// `l2lfmt_microseconds=true`.
    pub(crate) micros: bool,
}

/// Arguments that configure a call rather than filter or set fields.
pub(crate) const CONTROL: &[&str] = &[
    "auth",
    "realuser",
    "format",
    "l2lfmt_microseconds",
    "limit",
    "offset",
    "order_by",
    "fields",
    "_action",
    "_server",
    "_expiration",
    "_signature",
];

impl Call {
    /// Every argument: the query's, then the body's.
    pub(crate) fn args(&self) -> impl Iterator<Item = (&str, &str)> {
        self.query
            .iter()
            .chain(&self.body)
            .map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// The last value of an argument (the body's over the query's).
    pub(crate) fn arg(&self, name: &str) -> Option<&str> {
        self.args()
            .filter(|(k, _)| *k == name)
            .map(|(_, v)| v)
            .last()
    }

    /// An integer argument; a clear failure when it is not one.
    pub(crate) fn int_arg(&self, name: &str) -> Result<Option<i64>, ApiError> {
        match self.arg(name) {
            None | Some("") => Ok(None),
            Some(v) => v.trim().parse().map(Some).map_err(|_| {
                ApiError::failure(format!(
                    "`{name}` must be a whole number, got {:?}",
                    short(v)
                ))
            }),
        }
    }

    /// The site the call names: `site`, or `site_id` (the docs' word for it with custom
    /// properties); both may be sent when they agree.
    pub(crate) fn site(&self) -> Result<Option<i64>, ApiError> {
        match (self.int_arg("site")?, self.int_arg("site_id")?) {
            (Some(a), Some(b)) if a != b => Err(ApiError::failure(format!(
                "`site` ({a}) and `site_id` ({b}) name different sites"
            ))),
            (a, b) => Ok(a.or(b)),
        }
    }

    /// The path as written after `/api/1.0/`, without slashes at the ends.
    pub(crate) fn path(&self) -> String {
        self.segments.join("/")
    }
}

/// At most 40 characters of `s`, for messages.
pub(crate) fn short(s: &str) -> String {
    let mut out: String = s.chars().take(40).collect();
    if out.len() < s.len() {
        out.push('…');
    }
    out
}

/// Decodes `k=v&...` (a query string or form body): `%XX` escapes and `+` for a space.
/// Refuses what L2L refuses: a literal space in the URL's query (HTTP 400, as the docs say:
/// it breaks the request line), and escapes that do not decode to UTF-8. A form body is
/// parsed leniently, as real code writes it by hand: raw spaces and a `%` that starts no
/// escape are taken as they are, and the line break an editor or `echo` leaves at its end is
/// not part of the last value.
pub(crate) fn decode_pairs(raw: &[u8], what: &str) -> Result<Vec<(String, String)>, ApiError> {
    let raw = if what == "query" {
        raw
    } else {
        raw.trim_ascii_end()
    };
    if what == "query" && raw.contains(&b' ') {
        return Err(ApiError::status(
            400,
            format!("bad request: unescaped space in the {what}; escape it as %20"),
        ));
    }
    let mut out = Vec::new();
    for part in raw.split(|&b| b == b'&') {
        if part.is_empty() {
            continue;
        }
        let (k, v) = match part.iter().position(|&b| b == b'=') {
            Some(i) => (&part[..i], &part[i + 1..]),
            None => (part, &b""[..]),
        };
        out.push((unescape(k, what)?, unescape(v, what)?));
    }
    Ok(out)
}

fn unescape(s: &[u8], what: &str) -> Result<String, ApiError> {
    let plus: Vec<u8> = s
        .iter()
        .map(|&b| if b == b'+' { b' ' } else { b })
        .collect();
    let bytes: Vec<u8> = percent_encoding::percent_decode(&plus).collect();
    String::from_utf8(bytes).map_err(|_| {
        ApiError::status(
            400,
            format!("bad request: the {what} holds bytes that are not UTF-8"),
        )
    })
}

/// Splits a path after `/api/1.0/` into decoded segments.
pub(crate) fn segments(path: &str) -> Result<Vec<String>, ApiError> {
    path.split('/')
        .filter(|s| !s.is_empty())
        .map(|s| {
            percent_encoding::percent_decode_str(s)
                .decode_utf8()
                .map(|c| c.into_owned())
                .map_err(|_| ApiError::status(400, "bad request: the path is not UTF-8"))
        })
        .collect()
}

/// The sites a user may use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Access {
    /// Every site.
    All,
    /// These site numbers.
    Sites(Vec<i64>),
}

impl Access {
    /// Whether site `site` is allowed.
    pub fn allows(&self, site: i64) -> bool {
        match self {
            Access::All => true,
            Access::Sites(s) => s.contains(&site),
        }
    }

    /// The allowed sites, or `None` for every site.
    pub fn sites(&self) -> Option<&[i64]> {
        match self {
            Access::All => None,
            Access::Sites(s) => Some(s),
        }
    }

    /// Whether every site of `self` is a site of `other`.
    pub fn subset_of(&self, other: &Access) -> bool {
        match (self, other) {
            (_, Access::All) => true,
            (Access::All, Access::Sites(_)) => false,
            (Access::Sites(a), Access::Sites(_)) => a.iter().all(|s| other.allows(*s)),
        }
    }

    pub(crate) fn to_db(&self) -> Option<String> {
        match self {
            Access::All => None,
            Access::Sites(s) => Some(
                s.iter()
                    .map(|s| s.to_string())
                    .collect::<Vec<_>>()
                    .join(","),
            ),
        }
    }

    pub(crate) fn from_db(s: Option<String>) -> Access {
        match s {
            None => Access::All,
            Some(s) => Access::Sites(s.split(',').filter_map(|p| p.trim().parse().ok()).collect()),
        }
    }
}

/// Everything a handler of one call needs, on the storage thread.
#[derive(Debug)]
pub(crate) struct Ctx<'a> {
    /// The database.
    pub(crate) conn: &'a Connection,
    /// The areas.
    pub(crate) catalog: &'a Catalog,
    /// The call.
    pub(crate) call: &'a Call,
    /// Who acts.
    pub(crate) actor: &'a Actor,
    /// The sites the acting user may use.
    pub(crate) access: &'a Access,
    /// The page size when a list names none.
    pub(crate) default_limit: u32,
    /// The page maxima.
    pub(crate) limits: &'a Limits,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_and_refuses_like_l2l() {
        let p = decode_pairs(b"code=Line%2033&x=a+b&flag&=v&&", "query").unwrap();
        assert_eq!(
            p,
            vec![
                ("code".into(), "Line 33".into()),
                ("x".into(), "a b".into()),
                ("flag".into(), "".into()),
                ("".into(), "v".into()),
            ]
        );
        // B04
        assert_eq!(
            decode_pairs(b"code=Line 33", "query").unwrap_err().status,
            400
        );
        assert_eq!(
            decode_pairs(b"code=%ff%fe", "query").unwrap_err().status,
            400
        );
        assert_eq!(decode_pairs(b"bad=%zz%", "query").unwrap()[0].1, "%zz%");
        // A form body written by hand.
        assert_eq!(
            decode_pairs(b"d=Pump 3 at 50% ok\r\n", "body").unwrap()[0].1,
            "Pump 3 at 50% ok"
        );
        assert_eq!(
            segments("/users/clock_in/john%20smith/").unwrap()[2],
            "john smith"
        );
    }

    #[test]
    fn subsets() {
        let a = Access::Sites(vec![1, 2]);
        assert!(Access::Sites(vec![1]).subset_of(&a));
        assert!(!Access::Sites(vec![3]).subset_of(&a));
        assert!(!Access::All.subset_of(&a));
        assert!(a.subset_of(&Access::All));
        assert!(Access::Sites(vec![]).subset_of(&a));
    }
}
