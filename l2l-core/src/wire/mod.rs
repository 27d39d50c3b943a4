//! The wire: what one call looks like on its way to L2L and back, with no I/O. Query
//! arguments and form bodies escaped once, request values, signing, redaction of secrets,
//! and the response envelope in JSON or XML.
//!
//! The types most programs name ([`Request`](crate::Request), [`Signer`](crate::Signer),
//! [`Secret`](crate::Secret), [`Form`](crate::Form), [`Format`]) are at the crate root
//! too. This module adds the plain functions under them, for tools that stand on the
//! other side of the wire or look at it closely: a server that verifies what the client
//! signs (the sandbox), benchmarks and fuzz targets that decode bodies, tests that read
//! what was sent.
//!
//! ```
//! use l2l_core::wire::{self, Format};
//!
//! // A query string, escaped once, and read back.
//! let q = wire::pairs([("code", "WLD 1"), ("site", "1")]);
//! assert_eq!(q, "code=WLD%201&site=1");
//! assert_eq!(wire::decode_pairs(&q)[0], ("code".to_owned(), "WLD 1".to_owned()));
//!
//! // A signature, as a server checks it.
//! let message = "Corporate HR Server\n2016-03-31 13:00:00\njohnsmith";
//! let signature = wire::sign_string("secret", message);
//! assert!(wire::verify("secret", message, &signature));
//!
//! // An envelope, decoded into records.
//! let body = br#"{"success": true, "data": [{"id": 1}], "limit": 2}"#;
//! let env = wire::decode::<serde_json::Value>(body, Format::Json, &[])?;
//! assert_eq!(env.data.map(wire::Data::into_vec).unwrap_or_default().len(), 1);
//! assert_eq!(env.limit, Some(2));
//! # Ok::<(), l2l_core::Error>(())
//! ```

pub(crate) mod encode;
pub(crate) mod envelope;
pub(crate) mod form;
pub(crate) mod redact;
pub(crate) mod request;
pub(crate) mod sign;
pub(crate) mod xml;

pub use encode::{decode_pairs, escape, escape_into, pairs};
pub use envelope::{Data, Envelope, Format, Messages, decode, decode_whole};
pub use redact::{SECRET_ARGS, redact, snippet};
pub use sign::{UNSIGNED_ARGS, sign_string, signed_values, verify};
pub use xml::{Node, NodeDeserializer, XmlError, parse as parse_xml};
