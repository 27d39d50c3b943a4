//! The transport: the [`Client`] that sends one request, the adaptive
//! [`Limiter`](limiter::Limiter) and the [`Throttle`](throttle::Throttle) that pace it, and
//! the [`RetryPolicy`](retry::RetryPolicy) that decides what is sent again. It renders
//! requests and decodes answers with `crate::wire`, and answers lists with
//! [`Page`](crate::Page)s.

mod client;
pub(crate) mod limiter;
pub(crate) mod retry;
pub(crate) mod throttle;

pub use client::{Answer, AuthPlacement, Client, ClientBuilder};
