//! The pages a sync reads: every record of a set of id ranges, each range in id order, as
//! the server sent it.

use futures::Stream;
use l2l_core::{Client, Lookup, PageAt, Query, Request};
use serde_json::value::RawValue;

use crate::error::Result;
use crate::range::KeyRange;

/// One page of one range.
#[derive(Debug)]
pub struct SourcePage {
    /// Each record's JSON text.
    pub records: Vec<Box<RawValue>>,
    /// The range the page was read from.
    pub range: KeyRange,
    /// What of that range is still to read; `None` when it is finished.
    pub next: Option<KeyRange>,
}

/// Every page of `ranges` (read one after the other, each by keyset).
pub fn pages(
    query: Query,
    client: &Client,
    ranges: Vec<KeyRange>,
) -> impl Stream<Item = Result<SourcePage>> + Send + 'static {
    let client = client.clone();
    let size = query.page_size().unwrap_or(query.schema().max_limit);
    futures::stream::try_unfold(
        (ranges, 0usize),
        move |(mut ranges, mut i)| {
            let client = client.clone();
            let query = query.clone();
            async move {
                let Some(range) = ranges.get(i).copied() else {
                    return Ok(None);
                };
                let mut q = query;
                if let Some(upto) = range.upto {
                    q.filter("id", Lookup::Lte, &upto);
                }
                let at = PageAt {
                    limit: Some(size),
                    offset: None,
                    keyset: true,
                    after_id: range.after,
                };
                let req = Request::get(q.schema().path).query_pairs(q.pairs(at));
                let page = client.list::<Box<RawValue>>(req).await?;
                let served = page
                    .limit
                    .and_then(|l| usize::try_from(l).ok())
                    .filter(|l| *l > 0)
                    .unwrap_or(size as usize)
                    .min(size as usize);
                let last = page
                    .records
                    .last()
                    .and_then(|r| serde_json::from_str::<serde_json::Value>(r.get()).ok())
                    .and_then(|v| v.get("id").and_then(crate::row::as_id));
                let next = match last {
                    Some(last) if page.records.len() >= served => Some(KeyRange {
                        after: Some(last),
                        upto: range.upto,
                    }),
                    _ => None,
                };
                match next {
                    Some(n) => ranges[i] = n,
                    None => i += 1,
                }
                Ok(Some((
                    SourcePage {
                        records: page.records,
                        range,
                        next,
                    },
                    (ranges, i),
                )))
            }
        },
    )
}
