//! Why a connection failed, told by the types in the transport's error chain (never by its
//! text): refused, a name that does not resolve, an untrusted certificate, or anything else.

use std::error::Error as StdError;
use std::net::SocketAddr;

use crate::error::ConnectKind;

/// The system's resolver (`getaddrinfo`, on a blocking thread, as reqwest's own), whose
/// failures are [`Unresolved`], so that they can be told from other connection failures.
pub(super) struct Resolver;

impl reqwest::dns::Resolve for Resolver {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let host = name.as_str().to_owned();
        Box::pin(async move {
            match tokio::net::lookup_host((host.as_str(), 0)).await {
                Ok(addrs) => {
                    let addrs: Vec<SocketAddr> = addrs.collect();
                    if addrs.is_empty() {
                        return Err(Box::new(Unresolved(format!("{host}: no address")))
                            as Box<dyn StdError + Send + Sync>);
                    }
                    Ok(Box::new(addrs.into_iter()) as reqwest::dns::Addrs)
                }
                Err(e) => {
                    Err(Box::new(Unresolved(format!("{host}: {e}")))
                        as Box<dyn StdError + Send + Sync>)
                }
            }
        })
    }
}

/// A host name that did not resolve.
#[derive(Debug)]
pub(super) struct Unresolved(String);

impl std::fmt::Display for Unresolved {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the host name did not resolve: {}", self.0)
    }
}

impl StdError for Unresolved {}

/// The kind of a connection failure, from the errors in its chain.
pub(super) fn kind(e: &(dyn StdError + 'static)) -> ConnectKind {
    let mut next = Some(e);
    while let Some(e) = next {
        if let Some(k) = one(e) {
            return k;
        }
        // An io::Error's source skips the error it wraps (which may be another io::Error,
        // as TLS failures are): go into the wrapped one.
        next = match e.downcast_ref::<std::io::Error>() {
            Some(io) => io.get_ref().map(|inner| inner as &(dyn StdError + 'static)),
            None => e.source(),
        };
    }
    ConnectKind::Other
}

/// The kind `e` itself tells, if any.
fn one(e: &(dyn StdError + 'static)) -> Option<ConnectKind> {
    if e.is::<Unresolved>() {
        return Some(ConnectKind::Dns);
    }
    if let Some(io) = e.downcast_ref::<std::io::Error>()
        && io.kind() == std::io::ErrorKind::ConnectionRefused
    {
        return Some(ConnectKind::Refused);
    }
    #[cfg(feature = "rustls")]
    if let Some(tls) = e.downcast_ref::<rustls::Error>()
        && matches!(
            tls,
            rustls::Error::InvalidCertificate(_)
                | rustls::Error::NoCertificatesPresented
                | rustls::Error::UnsupportedNameType
        )
    {
        return Some(ConnectKind::Certificate);
    }
    None
}
