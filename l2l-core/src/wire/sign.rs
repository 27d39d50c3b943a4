//! Request signing, exactly as the docs' Authentication section describes.
//!
//! StringToSign is the server name (`_server`), the expiration in UTC as
//! `YYYY-MM-DD HH:MM:SS` (`_expiration`), then the call's ordered parameter values, joined
//! with `\n`. The signature is the standard base64 of HMAC-SHA512 over its UTF-8 bytes,
//! keyed with the Secret Key, and is sent as `_signature`. The secret itself is never sent.
//!
//! Which parameters are "the call's ordered parameters": those the request names with
//! [`Request::sign_with`] (L2L documents a list per signed call), looked up by name in the
//! form body and then the query, an absent one signing as the empty string. A request
//! marked only [`Request::signed`] names none: then every argument of the request in
//! the order it is sent (the form body for POST and PUT, the query for GET and DELETE),
//! except `auth`, `realuser`, `format`, `l2lfmt_microseconds` and the three signing
//! arguments themselves. The sandbox checks the same rule.

use base64::Engine as _;
use hmac::{Hmac, KeyInit as _, Mac};
use sha2::Sha512;

use crate::value::date::DateTime;
use crate::wire::redact::Secret;
use crate::wire::request::Request;

/// Arguments that never take part in the signature.
pub const UNSIGNED_ARGS: [&str; 7] = [
    "auth",
    "realuser",
    "format",
    "l2lfmt_microseconds",
    "_server",
    "_expiration",
    "_signature",
];

/// Signs requests with a server name and its Secret Key.
///
/// ```
/// use l2l_core::Signer;
/// let s = Signer::new("Corporate HR Server", "Your-Secret-Key-Goes-Here");
/// let sig = s.signature("2016-03-31 13:00:00", &["johnsmith", "True"]);
/// assert_eq!(sig.len(), 88); // 64 bytes of HMAC-SHA512, base64
/// assert!(!format!("{s:?}").contains("Your-Secret"));
/// ```
#[derive(Clone, Debug)]
pub struct Signer {
    server: String,
    secret: Secret,
}

impl Signer {
    /// A signer for `server`, whose Secret Key is `secret`.
    pub fn new(server: impl Into<String>, secret: impl Into<String>) -> Signer {
        Signer {
            server: server.into(),
            secret: Secret::new(secret),
        }
    }

    /// The server name sent as `_server`.
    pub fn server(&self) -> &str {
        &self.server
    }

    pub(crate) fn secret(&self) -> &Secret {
        &self.secret
    }

    /// The string to sign: server, expiration and values joined with `\n`.
    pub fn string_to_sign(&self, expiration: &str, values: &[&str]) -> String {
        let mut s = String::with_capacity(64);
        s.push_str(&self.server);
        s.push('\n');
        s.push_str(expiration);
        for v in values {
            s.push('\n');
            s.push_str(v);
        }
        s
    }

    /// `base64(hmac_sha512(secret, server \n expiration \n values...))`.
    pub fn signature(&self, expiration: &str, values: &[&str]) -> String {
        sign_string(
            self.secret.expose(),
            &self.string_to_sign(expiration, values),
        )
    }

    /// Adds `_server`, `_expiration` and `_signature` to a request, signing the values of
    /// the parameters it names ([`Request::sign_with`]) in that order, or else of all its
    /// arguments in the order sent. The expiration is `now + 15 minutes` in UTC unless given.
    ///
    /// ```
    /// use l2l_core::{Request, Signer};
    /// let s = Signer::new("Corporate HR Server", "Your-Secret-Key-Goes-Here");
    /// let mut r = Request::post("users/set_active/johnsmith")
    ///     .form("site", "1")
    ///     .form("active", "True")
    ///     .form("username", "johnsmith")
    ///     .sign_with(["username", "active"]);
    /// s.sign(&mut r, Some("2016-03-31 13:00:00".parse().unwrap()));
    /// assert_eq!(r.arg("_signature"), Some(s.signature("2016-03-31 13:00:00", &["johnsmith", "True"]).as_str()));
    /// ```
    pub fn sign(&self, request: &mut Request, expiration: Option<DateTime>) {
        let expiration = expiration
            .unwrap_or_else(|| {
                let now = DateTime::now_utc().0;
                DateTime(
                    now.checked_add(jiff::Span::new().minutes(15))
                        .unwrap_or(now),
                )
            })
            .to_space_seconds();
        let is_sign_arg = |k: &str| matches!(k, "_server" | "_expiration" | "_signature");
        request.args_mut().retain(|(k, _)| !is_sign_arg(k));
        request.query_mut().retain(|(k, _)| !is_sign_arg(k));
        let signature = match request.signed_params() {
            Some(names) => {
                let values: Vec<&str> =
                    names.iter().map(|n| request.arg(n).unwrap_or("")).collect();
                self.signature(&expiration, &values)
            }
            None => {
                let args = request.args_mut();
                let values = signed_values(args.iter().map(|(k, v)| (k.as_str(), v.as_str())));
                self.signature(&expiration, &values)
            }
        };
        let args = request.args_mut();
        args.push(("_server".into(), self.server.clone()));
        args.push(("_expiration".into(), expiration));
        args.push(("_signature".into(), signature));
    }
}

/// The values that take part in a signature, in order.
pub fn signed_values<'a>(args: impl Iterator<Item = (&'a str, &'a str)>) -> Vec<&'a str> {
    args.filter(|(k, _)| !UNSIGNED_ARGS.contains(k))
        .map(|(_, v)| v)
        .collect()
}

/// `base64(hmac_sha512(secret, message))`.
pub fn sign_string(secret: &str, message: &str) -> String {
    // HMAC accepts keys of any length, so this cannot fail.
    let mut mac = Hmac::<Sha512>::new_from_slice(secret.as_bytes()).expect("HMAC takes any key");
    mac.update(message.as_bytes());
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

/// Checks a signature in constant time (for servers such as the sandbox).
pub fn verify(secret: &str, message: &str, signature: &str) -> bool {
    let Ok(sig) = base64::engine::general_purpose::STANDARD.decode(signature) else {
        return false;
    };
    let mut mac = Hmac::<Sha512>::new_from_slice(secret.as_bytes()).expect("HMAC takes any key");
    mac.update(message.as_bytes());
    mac.verify_slice(&sig).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    // B32, B34: the docs' worked example. The expected value was computed independently
    // with Python's standard library:
    //   python3 -c 'import hmac,hashlib,base64; print(base64.b64encode(hmac.new(
    //     b"Your-Secret-Key-Goes-Here",
    //     b"Corporate HR Server\n2016-03-31 13:00:00\njohnsmith\nTrue",
    //     hashlib.sha512).digest()).decode())'
    const DOCS_EXAMPLE: &str =
        "p5d+RwhMcV92ElE0YHdZbEs/S5JqBMRkFuQFIsdmZHER/0dbXOdzzLTHQwEckJEUGD5ofw5xNjwPwQeb/EBTqA==";

    #[test]
    fn reproduces_the_docs_worked_example() {
        let s = Signer::new("Corporate HR Server", "Your-Secret-Key-Goes-Here");
        assert_eq!(
            s.string_to_sign("2016-03-31 13:00:00", &["johnsmith", "True"]),
            "Corporate HR Server\n2016-03-31 13:00:00\njohnsmith\nTrue"
        );
        let sig = s.signature("2016-03-31 13:00:00", &["johnsmith", "True"]);
        assert_eq!(sig, DOCS_EXAMPLE);
        assert!(verify(
            "Your-Secret-Key-Goes-Here",
            &s.string_to_sign("2016-03-31 13:00:00", &["johnsmith", "True"]),
            &sig
        ));
        assert!(!verify("wrong", "Corporate HR Server", &sig));
    }

    #[test]
    fn signs_a_request_in_argument_order() {
        let s = Signer::new("HR", "secret");
        let exp = "2030-01-01 00:00:00".parse().unwrap();
        let mut r = Request::post("users/set_externalid/johnsmith")
            .form("auth", "key")
            .form("externalid", "B-1")
            .form("active", "True");
        s.sign(&mut r, Some(exp));
        let args = r.form_args();
        assert_eq!(args[3], ("_server".into(), "HR".into()));
        assert_eq!(
            args[4],
            ("_expiration".into(), "2030-01-01 00:00:00".into())
        );
        assert_eq!(
            args[5].1,
            s.signature("2030-01-01 00:00:00", &["B-1", "True"])
        );
    }

    // B32: the docs' worked example through a request that names its signed parameters;
    // the other arguments (site, in any order) take no part.
    #[test]
    fn signs_the_named_parameters_in_their_order() {
        let s = Signer::new("Corporate HR Server", "Your-Secret-Key-Goes-Here");
        let exp = "2016-03-31 13:00:00".parse().unwrap();
        let mut r = Request::post("users/set_active/johnsmith")
            .form("active", "True")
            .form("site", "1")
            .query("username", "johnsmith")
            .sign_with(["username", "active"]);
        s.sign(&mut r, Some(exp));
        assert_eq!(r.arg("_signature"), Some(DOCS_EXAMPLE));
        assert_eq!(r.arg("_server"), Some("Corporate HR Server"));
        // Signing again replaces the signature instead of adding a second one.
        s.sign(&mut r, Some(exp));
        assert_eq!(
            r.form_args()
                .iter()
                .filter(|(k, _)| k == "_signature")
                .count(),
            1
        );
        // An absent parameter signs as the empty string.
        let mut r = Request::get("x").sign_with(["username", "active"]);
        s.sign(&mut r, Some(exp));
        assert_eq!(
            r.arg("_signature"),
            Some(s.signature("2016-03-31 13:00:00", &["", ""]).as_str())
        );
    }
}
