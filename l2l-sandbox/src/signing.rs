//! Signed calls (docs, "How do I use Secret Key to sign an API request?"): for the
//! endpoints configured as signed, the call must carry `_server`, `_expiration`
//! (`YYYY-MM-DD HH:MM:SS`, UTC, in the future) and `_signature`, the base64 HMAC-SHA512
//! with the server's Secret Key of `_server`, `_expiration` and the values of the call's
//! ordered parameters, joined with `\n`. L2L documents that ordered list per call: an
//! endpoint configured with one (`users/set_active:username,active`) signs those
//! parameters' values by name (from the query or the form body; an absent one is the empty
//! string); an endpoint configured by its path alone signs the values of all the call's
//! arguments in the order sent (the form body for POST and PUT, the query for GET and
//! DELETE), except [`l2l_core::wire::UNSIGNED_ARGS`].
//!
//! A missing, expired or wrong signature is refused with **HTTP 403** and an error envelope.

use std::collections::HashMap;

use crate::call::{ApiError, Call, Method};

/// Which endpoints need a signature, and the Secret Key of each server name.
#[derive(Debug, Clone, Default)]
pub(crate) struct Signing {
    secrets: HashMap<String, String>,
    endpoints: Vec<Endpoint>,
}

/// A signed endpoint: its path and, when L2L names them, its ordered signed parameters.
#[derive(Debug, Clone)]
struct Endpoint {
    path: String,
    params: Option<Vec<String>>,
}

fn norm(path: &str) -> String {
    path.trim_matches('/')
        .trim_start_matches("api/1.0/")
        .trim_matches('/')
        .to_owned()
}

impl Signing {
    /// Adds the Secret Key of a server name.
    pub(crate) fn add_secret(&mut self, server: impl Into<String>, secret: impl Into<String>) {
        self.secrets.insert(server.into(), secret.into());
    }

    /// Requires a signature on `path` (relative to `/api/1.0/`, such as
    /// `users/set_externalid`) and every path below it. `path:param,param` names the
    /// call's ordered signed parameters (`users/set_active:username,active`); a path alone
    /// signs every argument in the order sent.
    pub(crate) fn add_endpoint(&mut self, spec: &str) {
        let (path, params) = match spec.split_once(':') {
            Some((path, list)) => (
                path,
                Some(
                    list.split(',')
                        .map(str::trim)
                        .filter(|p| !p.is_empty())
                        .map(str::to_owned)
                        .collect(),
                ),
            ),
            None => (spec, None),
        };
        self.add_endpoint_with(path, params);
    }

    /// Requires a signature on `path` over `params` in this order (`None`: every argument
    /// in the order sent).
    pub(crate) fn add_endpoint_with(&mut self, path: &str, params: Option<Vec<String>>) {
        self.endpoints.push(Endpoint {
            path: norm(path),
            params,
        });
    }

    fn endpoint(&self, path: &str) -> Option<&Endpoint> {
        let path = norm(path);
        // The longest configured path that covers this one.
        self.endpoints
            .iter()
            .filter(|e| {
                let e = e.path.as_str();
                path == e || (path.starts_with(e) && path.as_bytes().get(e.len()) == Some(&b'/'))
            })
            .max_by_key(|e| e.path.len())
    }

    /// Whether calls to `path` (segments joined with `/`) must be signed.
    pub(crate) fn requires(&self, path: &str) -> bool {
        self.endpoint(path).is_some()
    }

    /// The ordered signed parameters of `path`, when they are named.
    pub(crate) fn params(&self, path: &str) -> Option<&[String]> {
        self.endpoint(path)?.params.as_deref()
    }

    /// Checks a call's signature against `now` (UTC).
    pub(crate) fn check(&self, call: &Call, now: jiff::civil::DateTime) -> Result<(), ApiError> {
        let refuse = |msg: String| Err(ApiError::status(403, msg));
        let (Some(server), Some(expiration), Some(signature)) = (
            call.arg("_server"),
            call.arg("_expiration"),
            call.arg("_signature"),
        ) else {
            return refuse(format!(
                "`{}` must be signed: send _server, _expiration and _signature",
                call.path()
            ));
        };
        let Some(secret) = self.secrets.get(server) else {
            return refuse(format!("no Secret Key is known for server {server:?}"));
        };
        let Ok(exp) = expiration.parse::<l2l_core::DateTime>() else {
            return refuse(format!(
                "_expiration {expiration:?} is not a UTC time as YYYY-MM-DD HH:MM:SS"
            ));
        };
        if exp.0 < now {
            return refuse(format!("the signature expired at {expiration} UTC"));
        }
        let values: Vec<&str> = match self.params(&call.path()) {
            Some(names) => names
                .iter()
                .map(|n| named_arg(call, n).unwrap_or(""))
                .collect(),
            None => {
                let args = match call.method {
                    Method::Post | Method::Put => &call.body,
                    Method::Get | Method::Delete => &call.query,
                };
                l2l_core::wire::signed_values(args.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            }
        };
        let mut message = format!("{server}\n{expiration}");
        for v in values {
            message.push('\n');
            message.push_str(v);
        }
        if l2l_core::wire::verify(secret, &message, signature) {
            Ok(())
        } else {
            refuse("the signature does not match the request".into())
        }
    }
}

/// A named argument, from the form body first, then the query (as the client looks it up).
fn named_arg<'c>(call: &'c Call, name: &str) -> Option<&'c str> {
    call.body
        .iter()
        .chain(call.query.iter())
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use l2l_core::Format;

    fn call(body: &[(&str, &str)]) -> Call {
        Call {
            method: Method::Post,
            segments: vec!["users".into(), "set_externalid".into(), "jsmith".into()],
            query: vec![("auth".into(), "k".into())],
            body: body
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            header_key: None,
            format: Format::Json,
            micros: false,
        }
    }

    #[test]
    fn an_endpoint_names_its_parameters_after_a_colon() {
        let mut s = Signing::default();
        s.add_endpoint("users/set_active:username,active");
        assert!(s.requires("users/set_active/johnsmith"));
        assert_eq!(
            s.params("users/set_active/johnsmith"),
            Some(&["username".to_owned(), "active".to_owned()][..])
        );
    }

    #[test]
    fn checks_signature_and_expiry() {
        let mut s = Signing::default();
        s.add_secret("HR", "secret");
        s.add_endpoint("users/set_externalid/");
        assert!(s.requires("users/set_externalid/jsmith"));
        assert!(!s.requires("users/set_externalidx"));
        let signer = l2l_core::Signer::new("HR", "secret");
        let sig = signer.signature("2030-01-01 00:00:00", &["B-1"]);
        let now = "2026-01-01 00:00:00"
            .parse::<l2l_core::DateTime>()
            .unwrap()
            .0;
        let ok = call(&[
            ("externalid", "B-1"),
            ("_server", "HR"),
            ("_expiration", "2030-01-01 00:00:00"),
            ("_signature", &sig),
        ]);
        assert_eq!(s.check(&ok, now), Ok(()));
        let tampered = call(&[
            ("externalid", "B-2"),
            ("_server", "HR"),
            ("_expiration", "2030-01-01 00:00:00"),
            ("_signature", &sig),
        ]);
        assert!(
            s.check(&tampered, now)
                .unwrap_err()
                .error
                .contains("does not match")
        );
        let later = "2031-01-01 00:00:00"
            .parse::<l2l_core::DateTime>()
            .unwrap()
            .0;
        assert!(s.check(&ok, later).unwrap_err().error.contains("expired"));
        assert_eq!(s.check(&call(&[]), now).unwrap_err().status, 403);
    }

    // B32: an endpoint with its ordered parameter list signs those values by name,
    // whatever order and extra arguments the call carries.
    #[test]
    fn checks_named_parameters_in_their_order() {
        let mut s = Signing::default();
        s.add_secret("HR", "secret");
        s.add_endpoint("users/set_externalid:externalid,site");
        let signer = l2l_core::Signer::new("HR", "secret");
        let sig = signer.signature("2030-01-01 00:00:00", &["B-1", "1"]);
        let now = "2026-01-01 00:00:00"
            .parse::<l2l_core::DateTime>()
            .unwrap()
            .0;
        let ok = call(&[
            ("site", "1"),
            ("note", "not signed"),
            ("externalid", "B-1"),
            ("_server", "HR"),
            ("_expiration", "2030-01-01 00:00:00"),
            ("_signature", &sig),
        ]);
        assert_eq!(s.check(&ok, now), Ok(()));
        let swapped = signer.signature("2030-01-01 00:00:00", &["1", "B-1"]);
        let wrong_order = call(&[
            ("site", "1"),
            ("externalid", "B-1"),
            ("_server", "HR"),
            ("_expiration", "2030-01-01 00:00:00"),
            ("_signature", &swapped),
        ]);
        assert!(s.check(&wrong_order, now).is_err());
    }
}
