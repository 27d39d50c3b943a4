//! Requests as values: method, path, query arguments and form body, rendered (and escaped)
//! once by the [`crate::Client`].

use std::fmt;

/// The HTTP method of a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    /// Reads.
    Get,
    /// Creates, updates, deletes (`_action=delete`) and most action endpoints.
    Post,
    /// Updates.
    Put,
    /// Deletes.
    Delete,
}

impl Method {
    /// `GET`, `POST`, `PUT` or `DELETE`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }

    /// Whether sending the request twice has the effect of sending it once. Only these are
    /// retried unless the caller opts in.
    pub const fn is_idempotent(self) -> bool {
        matches!(self, Method::Get | Method::Put | Method::Delete)
    }

    /// Whether arguments travel in a form body.
    pub const fn has_body(self) -> bool {
        matches!(self, Method::Post | Method::Put)
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One call to L2L, before the client adds authentication and renders it.
///
/// The path is relative to `.../api/1.0/` and always ends with a slash. Values are kept
/// unescaped; the client escapes each exactly once.
///
/// ```
/// use l2l_core::{Method, Request};
/// let r = Request::post("dispatches/close/42").form("site", "1");
/// assert_eq!(r.path(), "dispatches/close/42/");
/// assert_eq!(r.method(), Method::Post);
/// assert_eq!(r.to_string(), "POST dispatches/close/42/ [site=1]");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    method: Method,
    path: String,
    query: Vec<(String, String)>,
    form: Vec<(String, String)>,
    retry_writes: bool,
    signed: bool,
    sign_params: Option<Vec<String>>,
    realuser: Option<String>,
}

impl Request {
    /// A request with this method and path (a trailing slash is added when missing, and a
    /// leading one removed).
    pub fn new(method: Method, path: impl Into<String>) -> Request {
        let mut path: String = path.into();
        while path.starts_with('/') {
            path.remove(0);
        }
        if !path.ends_with('/') {
            path.push('/');
        }
        Request {
            method,
            path,
            query: Vec::new(),
            form: Vec::new(),
            retry_writes: false,
            signed: false,
            sign_params: None,
            realuser: None,
        }
    }

    /// A GET.
    pub fn get(path: impl Into<String>) -> Request {
        Request::new(Method::Get, path)
    }

    /// A POST.
    pub fn post(path: impl Into<String>) -> Request {
        Request::new(Method::Post, path)
    }

    /// A PUT.
    pub fn put(path: impl Into<String>) -> Request {
        Request::new(Method::Put, path)
    }

    /// A DELETE.
    pub fn delete(path: impl Into<String>) -> Request {
        Request::new(Method::Delete, path)
    }

    /// Adds a query argument.
    pub fn query(mut self, key: impl Into<String>, value: impl Into<String>) -> Request {
        self.query.push((key.into(), value.into()));
        self
    }

    /// Adds query arguments.
    pub fn query_pairs<K: Into<String>, V: Into<String>>(
        mut self,
        pairs: impl IntoIterator<Item = (K, V)>,
    ) -> Request {
        self.query
            .extend(pairs.into_iter().map(|(k, v)| (k.into(), v.into())));
        self
    }

    /// Adds a form argument (POST and PUT bodies).
    pub fn form(mut self, key: impl Into<String>, value: impl Into<String>) -> Request {
        self.form.push((key.into(), value.into()));
        self
    }

    /// Adds form arguments.
    pub fn form_pairs<K: Into<String>, V: Into<String>>(
        mut self,
        pairs: impl IntoIterator<Item = (K, V)>,
    ) -> Request {
        self.form
            .extend(pairs.into_iter().map(|(k, v)| (k.into(), v.into())));
        self
    }

    /// Allows retrying this request even though it is a write that is not idempotent
    /// (a POST). Only opt in when sending it twice is harmless or checked for.
    pub fn retry_writes(mut self, allow: bool) -> Request {
        self.retry_writes = allow;
        self
    }

    /// Signs this request with the client's [`crate::Signer`] (`_server`, `_expiration`,
    /// `_signature`), for the calls L2L requires it on.
    pub fn signed(mut self) -> Request {
        self.signed = true;
        self
    }

    /// Signs this request over the values of `params`, in this order, as L2L's
    /// documentation of the call lists them (`_server` and `_expiration` come first
    /// by themselves). Values are looked up by name in the arguments the request carries
    /// (the form body, then the query); a parameter the request does not carry signs as the
    /// empty string.
    ///
    /// ```
    /// use l2l_core::Request;
    /// let r = Request::post("users/set_active/johnsmith")
    ///     .form("username", "johnsmith")
    ///     .form("active", "True")
    ///     .sign_with(["username", "active"]);
    /// assert!(r.is_signed());
    /// assert_eq!(r.signed_params().unwrap(), ["username", "active"]);
    /// ```
    pub fn sign_with<S: Into<String>>(mut self, params: impl IntoIterator<Item = S>) -> Request {
        self.signed = true;
        self.sign_params = Some(params.into_iter().map(Into::into).collect());
        self
    }

    /// The ordered parameters named by [`Request::sign_with`]; `None` when the request
    /// signs every argument it carries, in the order sent ([`Request::signed`]).
    pub fn signed_params(&self) -> Option<&[String]> {
        self.sign_params.as_deref()
    }

    /// The value of argument `name`: the form body first, then the query.
    pub fn arg(&self, name: &str) -> Option<&str> {
        self.form
            .iter()
            .chain(self.query.iter())
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Makes this one call on behalf of `loginid` (`realuser`).
    pub fn realuser(mut self, loginid: impl Into<String>) -> Request {
        self.realuser = Some(loginid.into());
        self
    }

    /// The method.
    pub fn method(&self) -> Method {
        self.method
    }

    /// The path relative to `api/1.0/`, with its trailing slash.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The query arguments, unescaped.
    pub fn query_args(&self) -> &[(String, String)] {
        &self.query
    }

    /// The form arguments, unescaped.
    pub fn form_args(&self) -> &[(String, String)] {
        &self.form
    }

    /// Whether the request may be retried after a failure.
    pub fn is_retryable(&self) -> bool {
        self.method.is_idempotent() || self.retry_writes
    }

    /// Whether the request is to be signed.
    pub fn is_signed(&self) -> bool {
        self.signed
    }

    /// The per-call `realuser`, if any.
    pub fn realuser_override(&self) -> Option<&str> {
        self.realuser.as_deref()
    }

    pub(crate) fn args_mut(&mut self) -> &mut Vec<(String, String)> {
        if self.method.has_body() {
            &mut self.form
        } else {
            &mut self.query
        }
    }

    pub(crate) fn query_mut(&mut self) -> &mut Vec<(String, String)> {
        &mut self.query
    }
}

impl fmt::Display for Request {
    /// `METHOD path?query [form]`, with `auth` and `_signature` values hidden.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let show = |pairs: &[(String, String)]| {
            crate::wire::redact::redact(
                &crate::wire::encode::pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))),
                &[],
            )
        };
        write!(f, "{} {}", self.method, self.path)?;
        if !self.query.is_empty() {
            write!(f, "?{}", show(&self.query))?;
        }
        if !self.form.is_empty() {
            write!(f, " [{}]", show(&self.form))?;
        }
        Ok(())
    }
}
