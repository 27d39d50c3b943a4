//! The record areas' own calls, below the router and the actions: lists and gets
//! ([`read`]), create, update and delete ([`write`]), the filters of a list ([`filter`]),
//! the foreign-key aliases L2L's samples use ([`refs`]), and the values the server derives
//! whenever a record is written, by CRUD or by an action ([`derived`]).

pub(crate) mod derived;
pub(crate) mod filter;
pub(crate) mod read;
pub(crate) mod refs;
pub(crate) mod rules;
pub(crate) mod write;
