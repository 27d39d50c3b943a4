//! What a record area is: the [`RecordArea`] trait, implemented for each area's record,
//! and the static [`AreaSchema`] description that the `#[record_area]` macro emits for it
//! (with the other schema words, defined once in `l2l-schema`); and the one parser of
//! filter keys ([`FilterKey`](crate::FilterKey)).
//!
//! Everything dynamic (the sandbox's tables, the CLI's filters, `schema/l2l-areas.json`)
//! reads these values, so the Rust declaration of an area is the one source of truth.

use serde::de::DeserializeOwned;

pub(crate) mod filter_key;

pub use l2l_schema::{AreaSchema, FieldKind, FieldSchema, Lookup, Operations, Scope};

/// A record that paging can walk by key: it knows its own id.
///
/// The macro implements it for each area's record and partial record; it is also
/// implemented for [`serde_json::Value`] so that dynamic code (the CLI) can page untyped.
pub trait Record: DeserializeOwned + Send + 'static {
    /// The record's id, when the record carries one.
    fn record_id(&self) -> Option<i64>;

    /// The envelope of a list page's `body`, its records of this type. Paging reads every
    /// page through it. The default decodes the body with serde ([`wire::decode`]); a record
    /// type that keeps its page's text and points into it (l2l-sync's rows are read that
    /// way) decodes the page its own way, and answers with the same errors.
    ///
    /// [`wire::decode`]: crate::wire::decode
    fn decode_page(
        body: &[u8],
        format: crate::wire::Format,
        secrets: &[&crate::Secret],
    ) -> Result<crate::wire::Envelope<Self>, crate::Error> {
        crate::wire::decode::<Self>(body, format, secrets)
    }
}

impl Record for serde_json::Value {
    fn record_id(&self) -> Option<i64> {
        match self.get("id")? {
            serde_json::Value::Number(n) => n.as_i64(),
            serde_json::Value::String(s) => s.parse().ok(),
            _ => None,
        }
    }
}

/// A record area: implemented by `#[record_area]` for each area's record type.
pub trait RecordArea: Record {
    /// The area's field enum (`MachineField`).
    type Field: Copy + 'static;
    /// The static description of the area.
    const SCHEMA: &'static AreaSchema;
}
