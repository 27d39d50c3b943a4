//! The pages a sync reads, through l2l-core's paging engine: every record of a set of id
//! ranges (read at the same time, each in id order), as the server sent it: each record a
//! copy of its text, or a span of its page's shared text.

use futures::future::Either;
use futures::{Stream, TryStreamExt as _};
use l2l_core::{Client, KeyRange, Page, Paging, Query, RawRecord, Record};

use crate::error::{Error, Result};
use crate::page_record::PageRecord;

/// The records of a page.
#[derive(Debug)]
pub enum Records {
    /// As the server sent them (what a file keeps).
    Raw(Vec<RawRecord>),
    /// Spans of their page's text (what a database row is read from).
    Shared(Vec<PageRecord>),
}

impl Records {
    /// How many records the page has.
    pub fn len(&self) -> usize {
        match self {
            Records::Raw(r) => r.len(),
            Records::Shared(m) => m.len(),
        }
    }
}

/// One page of one range.
#[derive(Debug)]
pub struct SourcePage {
    /// The records.
    pub records: Records,
    /// The range the page was read from.
    pub range: KeyRange,
    /// What of that range is still to read; `None` when it is finished.
    pub next: Option<KeyRange>,
}

/// Every page of `ranges`; of the whole query, split as the engine sees fit, when `None`.
/// Records are [`PageRecord`]s (spans of their page's text) when `shared`, else copies of
/// their text. A database's pages (`shared`) come in id order, range after range: its
/// inserts then append to the table's b-tree instead of splitting its pages at as many
/// places as there are ranges read at once (a million machines into SQLite: 17% less of
/// the writer's CPU).
pub fn pages(
    mut query: Query,
    client: &Client,
    ranges: Option<Vec<KeyRange>>,
    shared: bool,
) -> impl Stream<Item = Result<SourcePage>> + Send + 'static {
    match ranges {
        Some(r) => query.ranges(r),
        None => query.paging(Paging::Keyset),
    }
    fn page<R: Record>(p: Page<R>, records: fn(Vec<R>) -> Records) -> SourcePage {
        SourcePage {
            range: p.range.unwrap_or(KeyRange::ALL),
            next: p.next,
            records: records(p.records),
        }
    }
    if shared {
        Either::Left(
            query
                .pages_in_order::<PageRecord>(client)
                .map_err(Error::Api)
                .map_ok(|p| page(p, Records::Shared)),
        )
    } else {
        Either::Right(
            query
                .pages::<RawRecord>(client)
                .map_err(Error::Api)
                .map_ok(|p| page(p, Records::Raw)),
        )
    }
}
