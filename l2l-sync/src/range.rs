//! Ranges of ids, as the paging engine reads them.

use serde::{Deserialize, Serialize};

/// The ids in (after, upto]; `upto: None` is open ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct KeyRange {
    /// Ids above this one (all when `None`).
    pub after: Option<i64>,
    /// Ids up to and including this one (all when `None`).
    pub upto: Option<i64>,
}
