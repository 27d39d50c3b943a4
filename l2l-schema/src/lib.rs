//! # l2l-schema
//!
//! The words that describe a Leading2Lean (L2L) record area, defined once: an area's
//! [`AreaSchema`] (its path, [`Scope`], [`Operations`] and fields), each field's
//! [`FieldSchema`] and [`FieldKind`], the filter [`Lookup`]s each kind allows
//! ([`FieldKind::lookups`]), and "did you mean ...?" for misspelt names ([`closest`],
//! [`hint`]).
//!
//! Two crates read these words: the `#[record_area]` macro (`l2l-derive`), at build time,
//! to decide which filter methods an area gets and to suggest names in its errors; and the
//! runtime (`l2l-core`, which re-exports every item here at the same names), to check
//! dynamic queries and to describe areas to the sandbox, the CLI and
//! `schema/l2l-areas.json`. The split is the one of `sqlx-macros-core` and `sqlx-macros`:
//! this crate has no heavy dependency (no `syn`), so the macro and the runtime share it
//! without either paying for the other.
//!
//! ```
//! use l2l_schema::{AreaSchema, FieldKind, FieldSchema, Lookup, Scope};
//!
//! static WIDGETS: AreaSchema = AreaSchema::new("Widget", "widgets", Scope::Site, &[
//!     FieldSchema::new("id", FieldKind::Integer, false).id().read_only(),
//!     FieldSchema::new("code", FieldKind::Text, false),
//!     FieldSchema::new("active", FieldKind::Bool, true),
//! ]);
//! let active = WIDGETS.field("active").unwrap();
//! assert_eq!(active.lookups(), [Lookup::Eq, Lookup::IsNull]);
//! assert_eq!(l2l_schema::closest("actve", WIDGETS.field_names()), Some("active"));
//! ```
//!
//! Features: `json` (on by default) adds [`AreaSchema::to_json`] and the `serde_json`
//! dependency it needs.

#![forbid(unsafe_code)]

mod area;
mod field;
mod kind;
mod suggest;

pub use area::{AreaSchema, Operations, Scope};
pub use field::FieldSchema;
pub use kind::{FieldKind, Lookup};
pub use suggest::{closest, hint};
