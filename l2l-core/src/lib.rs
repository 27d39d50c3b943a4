//! # l2l-core
//!
//! The runtime of the typed Leading2Lean (L2L) LES REST API client: the [`Client`], request
//! values, query rendering, the response envelope (JSON and XML), paging streams, retry and
//! throttle, request signing and the one [`Error`] type.
//!
//! Most users depend on `l2l-areas`, which re-exports this crate together with the built-in
//! record areas and the `#[record_area]` macro. Generated code is a thin layer of one-line
//! calls into the plain functions here, reached through one hidden module (`__private`)
//! that is not part of the public API.
//!
//! ```no_run
//! # async fn run() -> Result<(), l2l_core::Error> {
//! use l2l_core::{Client, Request};
//! let client = Client::builder().company("acme").api_key("my-key").build()?;
//! let sites: Vec<serde_json::Value> = client.list(Request::get("sites").query("limit", "2")).await?.records;
//! # Ok(()) }
//! ```

mod area;
mod client;
mod crud;
mod date;
mod dynrecord;
mod encode;
mod envelope;
mod error;
mod extra;
mod field;
mod filter_key;
mod form;
mod lenient;
mod limiter;
mod page;
mod query;
mod raw;
mod redact;
mod request;
mod retry;
mod sign;
mod suggest;
mod throttle;
mod value;
mod xml;

pub use area::{AreaSchema, FieldKind, FieldSchema, Lookup, Operations, Record, RecordArea, Scope};
pub use client::{AuthPlacement, Client, ClientBuilder, Format};
pub use date::{Date, DateParseError, DateTime, SiteTime, UtcTime};
pub use dynrecord::DynRecord;
pub use error::{Error, Result};
pub use extra::Extra;
pub use filter_key::{FilterKey, FilterKeyError, FilterKeyReason};
pub use form::{Form, FormWriter, Patch};
pub use limiter::Limiter;
pub use page::{KeyRange, Page, Pages, Records};
pub use query::{PageAt, Paging, Query};
pub use raw::RawRecord;
pub use redact::Secret;
pub use request::{Method, Request};
pub use retry::RetryPolicy;
pub use sign::Signer;
pub use throttle::Throttle;
pub use value::{Decimal, QueryValue};

/// What generated code and the workspace's own tools (the sandbox, the CLI, the
/// benchmarks, the fuzz targets) name; not part of the public API, and free to change in
/// any release.
#[doc(hidden)]
pub mod __private {
    pub use futures::Stream;
    pub use serde;

    /// The public types generated code names, again here so that it names one module.
    pub use crate::{
        AreaSchema, Client, Error, Extra, FieldKind, FieldSchema, Form, FormWriter, Lookup,
        Operations, Page, Pages, Paging, Patch, Query, QueryValue, Record, RecordArea, Records,
        Scope,
    };

    /// The calls each generated `X::get`, `X::create`, `X::update`, `X::delete` makes.
    pub use crate::crud::{create, create_once, create_retrying, delete, get, update};
    /// Decoding of generated records: keys, lenient values, the catch-all.
    pub use crate::lenient::{Key, KeySeed, Lenient, lenient};
    /// "Did you mean ...?".
    pub use crate::suggest::{closest, hint};
    pub use serde_json::Value as JsonValue;

    /// URL escaping (tests, the sandbox).
    pub use crate::encode::{decode_pairs, escape, escape_into, pairs};
    /// The envelope decoder (benchmarks, fuzz targets).
    pub use crate::envelope::{Data, Envelope, Messages, decode, decode_whole};
    /// Redaction of secrets in text.
    pub use crate::redact::{SECRET_ARGS, redact, snippet};
    /// Signing (the sandbox verifies what the client signs).
    pub use crate::sign::{UNSIGNED_ARGS, sign_string, signed_values, verify};
    /// The XML reader.
    pub use crate::xml::{Node, NodeDeserializer, XmlError, parse as parse_xml};
}
