//! The pages a sync reads, through l2l-core's paging engine: every record of a set of id
//! ranges (read at the same time, each in id order), as the server sent it.

use futures::{Stream, TryStreamExt as _};
use l2l_core::{Client, KeyRange, Paging, Query, RawRecord};

use crate::error::{Error, Result};

/// One page of one range.
#[derive(Debug)]
pub struct SourcePage {
    /// The records as the server sent them.
    pub records: Vec<RawRecord>,
    /// The range the page was read from.
    pub range: KeyRange,
    /// What of that range is still to read; `None` when it is finished.
    pub next: Option<KeyRange>,
}

/// Every page of `ranges`; of the whole query, split as the engine sees fit, when `None`.
pub fn pages(
    mut query: Query,
    client: &Client,
    ranges: Option<Vec<KeyRange>>,
) -> impl Stream<Item = Result<SourcePage>> + Send + 'static {
    match ranges {
        Some(r) => query.ranges(r),
        None => query.paging(Paging::Keyset),
    }
    query
        .pages::<RawRecord>(client)
        .map_err(Error::Api)
        .map_ok(|page| SourcePage {
            range: page.range.unwrap_or(KeyRange::ALL),
            next: page.next,
            records: page.records,
        })
}
