//! The accept loop: plain TCP or TLS, HTTP/1.1 and HTTP/2, one task per connection, and
//! the connection-level faults (a reset, a body cut short) that a router cannot do alone.

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::http::header;
use axum::response::Response;
use hyper_util::rt::{TokioExecutor, TokioIo};
use tokio::net::TcpListener;
use tokio::sync::{Notify, watch};
use tokio::task::JoinSet;
use tower::ServiceExt as _;

/// A handle on one connection, put in each request's extensions: lets a fault reset it.
#[derive(Debug, Clone, Default)]
pub(crate) struct ConnCtl {
    reset: Arc<Notify>,
}

impl ConnCtl {
    /// Closes the connection with a TCP reset, abandoning any answer in progress.
    pub(crate) fn reset(&self) {
        self.reset.notify_one();
    }
}

/// Serves `router` on `listener` (over TLS with `tls`) until `shutdown` turns true; then
/// stops accepting and drops every connection.
pub(crate) async fn serve(
    listener: TcpListener,
    router: Router,
    tls: Option<Arc<rustls::ServerConfig>>,
    mut shutdown: watch::Receiver<bool>,
) {
    let acceptor = tls.map(tokio_rustls::TlsAcceptor::from);
    let mut tasks = JoinSet::new();
    loop {
        let accepted = tokio::select! {
            a = listener.accept() => a,
            _ = shutdown.wait_for(|s| *s) => break,
            Some(_) = tasks.join_next(), if !tasks.is_empty() => continue,
        };
        let stream = match accepted {
            Ok((s, _)) => s,
            Err(e) => {
                tracing::warn!(error = %e, "accept failed");
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        tasks.spawn(connection(stream, router.clone(), acceptor.clone()));
    }
    tasks.shutdown().await;
}

async fn connection(
    stream: tokio::net::TcpStream,
    router: Router,
    acceptor: Option<tokio_rustls::TlsAcceptor>,
) {
    let ctl = ConnCtl::default();
    #[cfg(unix)]
    let fd = std::os::fd::AsRawFd::as_raw_fd(&stream);
    let ctl2 = ctl.clone();
    let service = hyper::service::service_fn(move |req: hyper::Request<hyper::body::Incoming>| {
        let mut req = req.map(Body::new);
        req.extensions_mut().insert(ctl2.clone());
        router.clone().oneshot(req)
    });
    let builder = hyper_util::server::conn::auto::Builder::new(TokioExecutor::new());
    let serve = async {
        let result = match acceptor {
            Some(acceptor) => match acceptor.accept(stream).await {
                Ok(tls) => builder.serve_connection(TokioIo::new(tls), service).await,
                Err(e) => {
                    tracing::debug!(error = %e, "TLS handshake failed");
                    return;
                }
            },
            None => {
                builder
                    .serve_connection(TokioIo::new(stream), service)
                    .await
            }
        };
        if let Err(e) = result {
            tracing::debug!(error = %e, "connection ended with an error");
        }
    };
    tokio::pin!(serve);
    tokio::select! {
        _ = &mut serve => {}
        _ = ctl.reset.notified() => {
            // Closing the socket with SO_LINGER 0 sends a TCP reset.
            #[cfg(unix)]
            {
                // SAFETY: `serve` owns the stream and is still alive here, so `fd` is open.
                let borrowed = unsafe { std::os::fd::BorrowedFd::borrow_raw(fd) };
                let _ = socket2::SockRef::from(&borrowed).set_linger(Some(Duration::ZERO));
            }
        }
    }
}

/// Sends `response`'s headers with the whole body's length, half the body, then fails the
/// body so that the connection closes mid-answer.
pub(crate) async fn truncate(response: Response, ctl: Option<ConnCtl>) -> Response {
    let (mut parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_default();
    let half = bytes.slice(..bytes.len() / 2);
    parts
        .headers
        .insert(header::CONTENT_LENGTH, bytes.len().into());
    let stream = futures::stream::unfold(0u8, move |step| {
        let half = half.clone();
        let ctl = ctl.clone();
        async move {
            match step {
                0 => Some((Ok::<_, std::io::Error>(half), 1)),
                1 => {
                    tokio::time::sleep(Duration::from_millis(30)).await;
                    if let Some(ctl) = ctl {
                        ctl.reset();
                    }
                    Some((
                        Err(std::io::Error::other("injected fault: body cut short")),
                        2,
                    ))
                }
                _ => None,
            }
        }
    });
    Response::from_parts(parts, Body::from_stream(stream))
}

/// A complete answer whose body stops halfway (mid-JSON).
pub(crate) async fn cut(response: Response) -> Response {
    let (mut parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_default();
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(bytes.slice(..bytes.len() / 2)))
}
