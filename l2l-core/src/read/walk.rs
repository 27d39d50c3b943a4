//! One walk through the pages of a list: offset paging, or keyset paging of one id range.
//! The next page is asked for while this one is decoded and consumed.

use std::collections::VecDeque;

use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::error::Error;
use crate::query::{KeyRange, Page, PageAt, Paging, Query};
use crate::schema::Record;
use crate::transport::Client;
use crate::wire::Format;

/// A prefetch that is cancelled when the stream is dropped. `key` receives the last id
/// of the page as soon as its body is in, before it is decoded (keyset paging only).
struct Prefetch<R> {
    task: JoinHandle<Result<Page<R>, Error>>,
    key: Option<oneshot::Receiver<i64>>,
}

impl<R> Drop for Prefetch<R> {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// The last value of `id` in a list body, read from its end without decoding it: a guess,
/// which paging checks against the decoded page before relying on it.
fn last_key(body: &[u8], format: Format, id: &str) -> Option<i64> {
    let open = match format {
        Format::Json => format!("\"{id}\":"),
        Format::Xml => format!("<{id}>"),
    };
    let open = open.as_bytes();
    let at = body.windows(open.len()).rposition(|w| w == open)? + open.len();
    let rest = &body[at..];
    let rest = &rest[rest.iter().take_while(|b| b.is_ascii_whitespace()).count()..];
    let n = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    if n == 0 || (format == Format::Xml && !rest[n..].starts_with(b"<")) {
        return None;
    }
    std::str::from_utf8(&rest[..n]).ok()?.parse().ok()
}

pub(crate) struct Walk<R> {
    query: Query,
    client: Client,
    keyset: bool,
    id: &'static str,
    depth: usize,
    next: Option<PageAt>,
    pending: VecDeque<(PageAt, Prefetch<R>)>,
    prev_first: Option<i64>,
    seen_full: bool,
}

/// How often a refused page size is lowered before the refusal is reported.
const LIMIT_TRIES: u32 = 12;

impl<R: Record> Walk<R> {
    /// A walk of the whole list (offset paging, or keyset paging from the first id).
    pub(crate) fn new(query: Query, client: Client) -> Walk<R> {
        let keyset = query.effective_paging() == Paging::Keyset;
        let range = keyset.then_some(KeyRange::ALL);
        Walk::over(query, client, range)
    }

    /// A keyset walk of one id range (`Some`), or an offset walk (`None`).
    pub(crate) fn over(query: Query, client: Client, range: Option<KeyRange>) -> Walk<R> {
        let keyset = range.is_some();
        let depth = query.get_prefetch();
        let limit = query
            .get_limit()
            .or_else(|| client.known_limit(query.schema().path))
            .unwrap_or(query.schema().max_limit);
        let first = PageAt {
            limit: Some(limit),
            offset: if keyset {
                None
            } else {
                Some(query_offset(&query))
            },
            keyset,
            after_id: range.and_then(|r| r.after),
            upto: range.and_then(|r| r.upto),
        };
        let id = query.schema().id_field().map_or("id", |f| f.api_name);
        Walk {
            query,
            client,
            keyset,
            id,
            depth,
            next: Some(first),
            pending: VecDeque::new(),
            prev_first: None,
            seen_full: false,
        }
    }

    fn fetch(&self, at: PageAt) -> Prefetch<R> {
        let request = self.query.request_at(at);
        let client = self.client.clone();
        if !self.keyset {
            let task = tokio::spawn(async move { client.list_records::<R>(request).await });
            return Prefetch { task, key: None };
        }
        let (tx, rx) = oneshot::channel();
        let tx = std::sync::Mutex::new(Some(tx));
        let id = self.id;
        let task = tokio::spawn(async move {
            let format = client.format();
            let peek = |body: &[u8]| {
                let sender = tx.lock().ok().and_then(|mut t| t.take());
                if let (Some(key), Some(sender)) = (last_key(body, format, id), sender) {
                    let _ = sender.send(key);
                }
            };
            client.list_peek::<R>(request, peek).await
        });
        Prefetch {
            task,
            key: Some(rx),
        }
    }

    /// The next page, or `None` at the end of the list (or of the range).
    pub(crate) async fn next_page(&mut self) -> Result<Option<Page<R>>, Error> {
        let mut tries = 0;
        loop {
            match self.try_next_page().await {
                Err(e) if tries < LIMIT_TRIES => {
                    let Some(lower) = self.lower_limit(&e) else {
                        return Err(e);
                    };
                    tries += 1;
                    tracing::warn!(error = %e, limit = lower, "the server refused the page size; asking for smaller pages");
                    self.client.remember_limit(self.query.schema().path, lower);
                    self.pending.clear();
                    self.next = self.next.map(|at| PageAt {
                        limit: Some(lower),
                        ..at
                    });
                }
                other => return other,
            }
        }
    }

    /// A smaller page size to try when `e` is the server refusing this walk's page size (an
    /// API error that speaks of the limit): the largest number below the size asked for that
    /// the message names (its maximum), or half the size.
    fn lower_limit(&self, e: &Error) -> Option<u32> {
        let asked = self.next?.limit?;
        let text = e.api_messages().join(" ");
        if asked <= 1 || !text.to_ascii_lowercase().contains("limit") {
            return None;
        }
        let named = text
            .split(|c: char| !c.is_ascii_digit())
            .filter_map(|n| n.parse::<u32>().ok())
            .filter(|n| (1..asked).contains(n))
            .max();
        Some(named.unwrap_or(asked / 2).max(1))
    }

    async fn try_next_page(&mut self) -> Result<Option<Page<R>>, Error> {
        let (at, mut fetch) = match self.pending.pop_front() {
            Some(p) => p,
            None => match self.next {
                Some(at) => (at, self.fetch(at)),
                None => return Ok(None),
            },
        };
        // Keyset: as soon as this page's body is in, ask for the page after its last id, so
        // the server works on it while this one decodes. A wrong guess (a short page, an id
        // that was not the key) is dropped below like any page fetched at the wrong place.
        // Only once a full page was seen, so that a short list costs one request, not two; or
        // in a bounded range (a split's, two pages wide at least), where a page is rarely the
        // last.
        if self.pending.is_empty()
            && (self.seen_full || at.upto.is_some())
            && let Some(key) = fetch.key.take()
            && let Ok(key) = key.await
            // A page that ends at the range's bound ends the range: nothing to guess.
            && at.upto.is_none_or(|upto| key < upto)
        {
            let guess = PageAt {
                after_id: Some(key),
                ..at
            };
            self.pending.push_back((guess, self.fetch(guess)));
        }
        let mut page = match (&mut fetch.task).await {
            Ok(page) => page?,
            // A panic while decoding is the caller's panic (a bug), not a network fault.
            Err(e) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
            Err(e) => return Err(Error::connect(format!("page task stopped: {e}"), None)),
        };
        let next = self.after(at, &page)?;
        self.next = next;
        if self.keyset {
            page.range = Some(KeyRange {
                after: at.after_id,
                upto: at.upto,
            });
            page.next = next.map(|n| KeyRange {
                after: n.after_id,
                upto: n.upto,
            });
        }
        match next {
            // The end: pages fetched beyond it are dropped (and their tasks aborted).
            None => self.pending.clear(),
            Some(next) => {
                self.seen_full = true;
                // Pages fetched ahead at a guessed place (the server cut the page size) are
                // dropped and asked for again where the list really goes on.
                if self.pending.front().is_some_and(|(a, _)| *a != next) {
                    self.pending.clear();
                }
                if self.pending.is_empty() {
                    self.pending.push_back((next, self.fetch(next)));
                }
                while !self.keyset && self.pending.len() < self.depth {
                    let last = self.pending.back().map(|(a, _)| *a).unwrap_or(next);
                    let more = PageAt {
                        offset: Some(last.offset.unwrap_or(0) + u64::from(last.limit.unwrap_or(1))),
                        ..last
                    };
                    self.pending.push_back((more, self.fetch(more)));
                }
            }
        }
        Ok(Some(page))
    }

    /// Where the page after `page` (read at `at`) starts; `None` at the end.
    fn after(&mut self, at: PageAt, page: &Page<R>) -> Result<Option<PageAt>, Error> {
        let asked = at.limit.unwrap_or(1);
        let served = page
            .limit
            .and_then(|l| u32::try_from(l).ok())
            .filter(|l| *l > 0)
            .unwrap_or(asked);
        let n = page.records.len();
        if n == 0 || n < served as usize {
            return Ok(None);
        }
        let first_id = page.records.first().and_then(Record::record_id);
        if first_id.is_some() && first_id == self.prev_first {
            return Err(Error::PagingStalled {
                at: format!("{at:?}"),
                reason: format!(
                    "the page starting at id {} came twice",
                    first_id.unwrap_or_default()
                ),
            });
        }
        self.prev_first = first_id;
        if self.keyset {
            let last = page
                .records
                .last()
                .and_then(Record::record_id)
                .ok_or_else(|| Error::PagingStalled {
                    at: format!("{at:?}"),
                    reason: "keyset paging needs an id in every record".into(),
                })?;
            if at.upto.is_some_and(|upto| last >= upto) {
                // The page ends at the range's bound: the range is done.
                return Ok(None);
            }
            if at.after_id.is_some_and(|prev| last <= prev) {
                return Err(Error::PagingStalled {
                    at: format!("id {}", at.after_id.unwrap_or_default()),
                    reason: format!("the last id of the page ({last}) did not rise"),
                });
            }
            Ok(Some(PageAt {
                limit: Some(served),
                after_id: Some(last),
                ..at
            }))
        } else {
            let offset = at.offset.unwrap_or(0) + n as u64;
            Ok(Some(PageAt {
                limit: Some(served),
                offset: Some(offset),
                ..at
            }))
        }
    }
}

fn query_offset(q: &Query) -> u64 {
    q.pairs(PageAt::default())
        .iter()
        .find(|(k, _)| k == "offset")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_key_is_read_from_the_end_of_the_body() {
        let json = br#"{"limit":2,"data":[{"id":7,"x_id":1},{"code":"A","id": 42,"machine_id":3}],"success":true}"#;
        assert_eq!(last_key(json, Format::Json, "id"), Some(42));
        assert_eq!(
            last_key(br#"{"data":[],"success":true}"#, Format::Json, "id"),
            None
        );
        let xml = b"<response><data><resource><id>5</id></resource><resource><id>9</id><line_id>2</line_id></resource></data></response>";
        assert_eq!(last_key(xml, Format::Xml, "id"), Some(9));
        assert_eq!(last_key(b"<id>None</id>", Format::Xml, "id"), None);
    }
}
