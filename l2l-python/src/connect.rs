//! A client from what `l2l.Client(...)` is given: its arguments, then `L2L_*` variables,
//! then a profile of the `l2l` command's config file (read only when one is named or the
//! server or the key is still missing), each wrong value named.

use pyo3::prelude::*;

use crate::config::{self, env};
use crate::errors;

/// The client, the site of per-site areas a profile names, and the profile's name.
pub fn client(
    py: Python<'_>,
    base_url: Option<String>,
    api_key: Option<String>,
    company: Option<String>,
    max_in_flight: Option<usize>,
    profile: Option<String>,
) -> PyResult<(l2l_areas::Client, Option<i64>, Option<String>)> {
    let api_key = api_key.or_else(|| env("L2L_API_KEY"));
    let base_url = base_url.or_else(|| env("L2L_BASE_URL"));
    let company = company.or_else(|| env("L2L_COMPANY"));
    let wanted = profile.is_some()
        || env("L2L_PROFILE").is_some()
        || api_key.is_none()
        || (base_url.is_none() && company.is_none());
    let found = if wanted {
        config::profile(py, profile.as_deref())?
    } else {
        None
    };
    let (name, p) = match found {
        Some((n, p)) => (Some(n), p),
        None => (None, config::Profile::default()),
    };
    let named = |what: &str| match &name {
        Some(n) => format!("profile `{n}`: {what}"),
        None => what.to_owned(),
    };
    let key = match (api_key, p.api_key, &p.api_key_env) {
        (Some(k), _, _) | (None, Some(k), _) => k,
        (None, None, Some(var)) => env(var).ok_or_else(|| {
            errors::invalid(
                py,
                named(&format!(
                    "the API key is read from ${var}, which is not set"
                )),
                Some("api_key"),
                None,
            )
        })?,
        (None, None, None) => {
            return Err(errors::invalid(
                py,
                "no API key: pass api_key=, set L2L_API_KEY or use a profile with api_key".into(),
                Some("api_key"),
                None,
            ));
        }
    };
    let mut b = l2l_areas::Client::builder()
        .api_key(key)
        .integration("l2l-python", env!("CARGO_PKG_VERSION"));
    b = match (base_url, company) {
        (Some(u), _) => b.base_url(u),
        (None, Some(c)) => b.company(c),
        (None, None) => match (p.base_url, p.company) {
            (Some(_), Some(_)) => {
                return Err(errors::invalid(
                    py,
                    named("both company and base_url are given: keep one"),
                    Some("profile"),
                    None,
                ));
            }
            (Some(u), None) => b.base_url(u),
            (None, Some(c)) => b.company(c),
            (None, None) => {
                return Err(errors::invalid(
                    py,
                    "no L2L server: pass base_url= or company= (or set L2L_BASE_URL or \
                     L2L_COMPANY, or use a profile with base_url or company)"
                        .into(),
                    Some("base_url"),
                    None,
                ));
            }
        },
    };
    if let Some(n) = max_in_flight.or(p.max_in_flight) {
        if n == 0 {
            return Err(errors::invalid(
                py,
                "max_in_flight takes a number of requests from 1 up".into(),
                Some("max_in_flight"),
                None,
            ));
        }
        b = b.max_in_flight(n);
    }
    if let Some(t) = p.throttle {
        if !(t.is_finite() && t >= 0.0) {
            return Err(errors::invalid(
                py,
                named(&format!(
                    "throttle takes requests per second (0 for none), not {t}"
                )),
                Some("profile"),
                None,
            ));
        }
        b = b.throttle(l2l_areas::Throttle::per_second(t));
    }
    if let Some(n) = p.retries {
        b = b.retry(l2l_areas::RetryPolicy::default().max_retries(n));
    }
    let secret = p.secret.or_else(|| p.secret_env.as_deref().and_then(env));
    match (p.server, secret) {
        (Some(server), Some(secret)) => b = b.signing(server, secret),
        (None, None) => {}
        (Some(_), None) => {
            return Err(errors::invalid(
                py,
                named("a signing server is named but no Secret Key (secret or secret_env)"),
                Some("profile"),
                None,
            ));
        }
        (None, Some(_)) => {
            return Err(errors::invalid(
                py,
                named("a Secret Key is given but no server name (server)"),
                Some("profile"),
                None,
            ));
        }
    }
    if let Some(path) = &p.cacert {
        b = b.add_root_certificate_pem(config::read_cacert(py, path)?);
    }
    let inner = b.build().map_err(|e| errors::to_py(py, e))?;
    Ok((inner, p.site, name))
}
