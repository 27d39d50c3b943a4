//! # l2l-core
//!
//! The runtime of the typed Leading2Lean (L2L) LES REST API client: the [`Client`], request
//! values, query rendering, the response envelope (JSON and XML), paging streams, retry and
//! throttle, request signing and the one [`Error`] type.
//!
//! Most users depend on `l2l-areas`, which re-exports this crate together with the built-in
//! record areas and the `#[record_area]` macro. Generated code is a thin layer of one-line
//! calls into the plain functions here.
//!
//! ```no_run
//! # async fn run() -> Result<(), l2l_core::Error> {
//! use l2l_core::{Client, Request};
//! let client = Client::builder().company("acme").api_key("my-key").build()?;
//! let sites: Vec<serde_json::Value> = client.list(Request::get("sites").query("limit", "2")).await?.records;
//! # Ok(()) }
//! ```

#![warn(missing_docs)]

pub mod area;
pub mod client;
pub mod crud;
pub mod date;
mod dynrecord;
pub mod encode;
pub mod envelope;
pub mod error;
pub mod form;
mod limiter;
pub mod page;
pub mod query;
mod raw;
pub mod redact;
pub mod request;
pub mod retry;
pub mod sign;
pub mod suggest;
pub mod throttle;
pub mod value;
pub mod xml;

pub use area::{AreaSchema, FieldKind, FieldSchema, Lookup, Operations, Record, RecordArea, Scope};
pub use client::{AuthPlacement, Client, ClientBuilder, Format};
pub use date::{Date, DateTime, SiteTime, UtcTime};
pub use dynrecord::DynRecord;
pub use error::{Error, Result};
pub use form::{Form, FormWriter, Patch};
pub use limiter::Limiter;
pub use page::{KeyRange, Page, Pages, Records};
pub use query::{PageAt, Paging, Query};
pub use raw::RawRecord;
pub use request::{Method, Request};
pub use retry::RetryPolicy;
pub use sign::Signer;
pub use throttle::Throttle;
pub use value::{Decimal, QueryValue};

#[doc(hidden)]
pub mod __private {
    //! What generated code names; not part of the public API.
    pub use futures::Stream;
    pub use serde;
}
