//! One page of a list: what a list request answers, and where in a keyset walk it was read.
//! A leaf: the transport decodes pages, the readers of `crate::read` hand them on.

use super::KeyRange;

/// One page of a list.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Page<T> {
    /// The records.
    pub records: Vec<T>,
    /// The offset the server reported.
    pub offset: Option<u64>,
    /// The page size the server reported (it may be smaller than the one asked for).
    pub limit: Option<u64>,
    /// Keyset paging: the id range this page was read from.
    pub range: Option<KeyRange>,
    /// Keyset paging: what of that range is still to be read after this page; `None` once
    /// the range is finished. A resumable reader saves it (see [`Query::ranges`](crate::Query::ranges)).
    pub next: Option<KeyRange>,
}

impl<T> Page<T> {
    /// A page of `records` as the server reported it.
    pub fn new(records: Vec<T>, offset: Option<u64>, limit: Option<u64>) -> Page<T> {
        Page {
            records,
            offset,
            limit,
            range: None,
            next: None,
        }
    }
}
