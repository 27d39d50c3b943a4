//! Three representative areas: every kind ([`Gadget`]), mostly nullable fields
//! ([`Shift`]), custom properties with a subset of operations ([`Asset`]).

mod all_kinds;
mod custom_subset;
mod mostly_option;

pub use all_kinds::*;
pub use custom_subset::*;
pub use mostly_option::*;
