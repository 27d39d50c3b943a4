//! The two attributes: `#[record_area(...)]` on the struct ([`Container`]) and `#[l2l(...)]`
//! on its fields ([`FieldAttrs`]). Both parsers stand on `meta`, the leaf that holds the
//! keys of both attributes and the helpers that read one key: neither parser names the other.

mod container;
mod field;
mod meta;

pub use container::{Container, Scope};
pub use field::{FieldAttrs, is_l2l};
