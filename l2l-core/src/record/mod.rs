//! Records as they are decoded: a typed record's leniency and its catch-all of undeclared
//! properties ([`Extra`](crate::Extra)), records kept as the server sent them
//! ([`RawRecord`](crate::RawRecord)) and records of areas no declaration knows
//! ([`DynRecord`](crate::DynRecord)).

pub(crate) mod dynrecord;
pub(crate) mod extra;
pub(crate) mod lenient;
pub(crate) mod raw;
