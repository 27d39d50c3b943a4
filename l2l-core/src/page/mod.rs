//! Pages and paging: one request ([`Query::page`]), every record as a stream
//! ([`Query::stream`]), every page as a stream ([`Query::pages`]) or a vector
//! ([`Query::all`]). One engine for every reader: typed records, [`crate::RawRecord`]s as
//! the server sent them, untyped ones, the CLI and `l2l sync`.
//!
//! Offset paging follows the `limit` the server returns (it may be smaller than asked) and
//! stops on a short page. Keyset paging (`order_by=id`, `id__gt=<last id>`) neither skips nor
//! repeats a record while the data changes underneath; once the first page shows that an
//! area holds more than a page, the ids above it are split into ranges read at the same time
//! (as many as the client's limiter lets through), each in id order. A guard ends the stream
//! with [`Error::PagingStalled`] when a page repeats or the key stops rising.

use std::pin::Pin;
use std::task::{Context, Poll};

use futures::{Stream, TryStreamExt as _};
use serde::{Deserialize, Serialize};
use tokio::sync::mpsc;

use crate::area::Record;
use crate::client::Client;
use crate::error::Error;
use crate::query::{PageAt, Query};

mod pool;
mod walk;

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
    /// the range is finished. A resumable reader saves it (see [`Query::ranges`]).
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

/// The ids `after < id <= upto` of an area, read by keyset paging; `None` leaves that side
/// open.
///
/// ```
/// use l2l_core::KeyRange;
/// let r = KeyRange { after: Some(100), upto: None };
/// assert!(r.contains(101) && !r.contains(100));
/// assert_eq!(serde_json::to_string(&r).unwrap(), r#"{"after":100,"upto":null}"#);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct KeyRange {
    /// Only ids above this one.
    pub after: Option<i64>,
    /// Only ids up to and including this one.
    pub upto: Option<i64>,
}

impl KeyRange {
    /// Every id.
    pub const ALL: KeyRange = KeyRange {
        after: None,
        upto: None,
    };

    /// Splits the ids above `after` up to `top` into at most `count` ranges for readers that
    /// work at the same time, and adds the open range above `top` (records created while they
    /// read). Each range is a whole number of pages wide, two at least, so that where ids are
    /// dense every page of a range is full and its last page ends exactly at its bound.
    ///
    /// ```
    /// use l2l_core::KeyRange;
    /// let r = KeyRange::split(None, 10_000, 1000, 4);
    /// assert_eq!(r.len(), 5);
    /// assert_eq!(r[0], KeyRange { after: None, upto: Some(3000) });
    /// assert_eq!(r[3], KeyRange { after: Some(9000), upto: Some(10_000) });
    /// assert_eq!(r[4], KeyRange { after: Some(10_000), upto: None });
    /// assert_eq!(KeyRange::split(Some(5), 5, 1000, 4), vec![KeyRange { after: Some(5), upto: None }]);
    /// ```
    pub fn split(after: Option<i64>, top: i64, page: u32, count: usize) -> Vec<KeyRange> {
        let start = after.unwrap_or(0);
        if top <= start {
            return vec![KeyRange { after, upto: None }];
        }
        let page = i64::from(page.max(1));
        let span = top - start;
        let count = (span / (2 * page)).clamp(1, count.max(1) as i64);
        let width = (span + count - 1) / count;
        let width = ((width + page - 1) / page) * page;
        let mut out = Vec::new();
        let mut lo = after;
        let mut hi = start + width;
        while hi < top {
            out.push(KeyRange {
                after: lo,
                upto: Some(hi),
            });
            lo = Some(hi);
            hi += width;
        }
        out.push(KeyRange {
            after: lo,
            upto: Some(top),
        });
        out.push(KeyRange {
            after: Some(top),
            upto: None,
        });
        out
    }

    /// Whether `id` lies in the range.
    pub fn contains(&self, id: i64) -> bool {
        self.after.is_none_or(|a| id > a) && self.upto.is_none_or(|u| id <= u)
    }
}

impl Query {
    fn request_at(&self, at: PageAt) -> crate::request::Request {
        crate::request::Request::get(self.schema().path).query_pairs(self.pairs(at))
    }

    /// Sends the query as it is: one request, one page.
    pub async fn page<R: Record>(&self, client: &Client) -> Result<Page<R>, Error> {
        self.validate()?;
        client.list(self.request_at(PageAt::default())).await
    }

    /// The first record, if any (one request with `limit=1`).
    pub async fn first<R: Record>(self, client: &Client) -> Result<Option<R>, Error> {
        self.validate()?;
        let at = PageAt {
            limit: Some(1),
            ..PageAt::default()
        };
        let page = client.list::<R>(self.request_at(at)).await?;
        Ok(page.records.into_iter().next())
    }

    /// Every record, page after page, into one vector.
    pub async fn all<R: Record>(self, client: &Client) -> Result<Vec<R>, Error> {
        self.stream(client).try_collect().await
    }

    /// Every record as a stream, fetching ahead while this page is consumed.
    pub fn stream<R: Record>(self, client: &Client) -> Records<R> {
        Records {
            pages: self.pages(client),
            current: Vec::new().into_iter(),
        }
    }

    /// Every page as a stream (see [`Query::stream`]).
    pub fn pages<R: Record>(self, client: &Client) -> Pages<R> {
        let (tx, rx) = mpsc::channel(pool::channel_size(&self, client));
        let driver = tokio::spawn(pool::drive(self, client.clone(), tx));
        Pages {
            rx,
            driver: Some(driver),
            done: false,
        }
    }
}

/// What a reader of pages hands to the stream.
pub(crate) enum Msg<R> {
    Page(Result<Page<R>, Error>),
    Panic(Box<dyn std::any::Any + Send>),
}

/// The pages of a query, as a [`Stream`]: made by [`Query::pages`]. Dropping it stops every
/// request it has in flight.
#[must_use = "streams do nothing unless polled"]
pub struct Pages<R> {
    rx: mpsc::Receiver<Msg<R>>,
    driver: Option<tokio::task::JoinHandle<()>>,
    done: bool,
}

impl<R> std::fmt::Debug for Pages<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pages").field("done", &self.done).finish()
    }
}

impl<R> Drop for Pages<R> {
    fn drop(&mut self) {
        if let Some(d) = self.driver.take() {
            d.abort();
        }
    }
}

impl<R> Stream for Pages<R> {
    type Item = Result<Page<R>, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        if self.done {
            return Poll::Ready(None);
        }
        match self.rx.poll_recv(cx) {
            Poll::Pending => Poll::Pending,
            Poll::Ready(None) => {
                self.done = true;
                Poll::Ready(None)
            }
            // A panic in a page's task is the caller's panic, not an error to retry.
            Poll::Ready(Some(Msg::Panic(p))) => std::panic::resume_unwind(p),
            Poll::Ready(Some(Msg::Page(Err(e)))) => {
                self.done = true;
                if let Some(d) = self.driver.take() {
                    d.abort();
                }
                Poll::Ready(Some(Err(e)))
            }
            Poll::Ready(Some(Msg::Page(Ok(p)))) => Poll::Ready(Some(Ok(p))),
        }
    }
}

/// The records of a query, as a [`Stream`]: made by [`Query::stream`].
///
/// ```no_run
/// # async fn run(client: &l2l_core::Client, q: l2l_core::Query) -> Result<(), l2l_core::Error> {
/// use futures::TryStreamExt as _;
/// let mut records = q.stream::<serde_json::Value>(client);
/// while let Some(r) = records.try_next().await? {
///     println!("{r}");
/// }
/// # Ok(()) }
/// ```
#[must_use = "streams do nothing unless polled"]
pub struct Records<R> {
    pages: Pages<R>,
    current: std::vec::IntoIter<R>,
}

impl<R> std::fmt::Debug for Records<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Records")
            .field("buffered", &self.current.len())
            .finish()
    }
}

impl<R> Unpin for Records<R> {}

impl<R> Stream for Records<R> {
    type Item = Result<R, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        loop {
            if let Some(r) = self.current.next() {
                return Poll::Ready(Some(Ok(r)));
            }
            match Pin::new(&mut self.pages).poll_next(cx) {
                Poll::Ready(Some(Ok(page))) => self.current = page.records.into_iter(),
                Poll::Ready(Some(Err(e))) => return Poll::Ready(Some(Err(e))),
                Poll::Ready(None) => return Poll::Ready(None),
                Poll::Pending => return Poll::Pending,
            }
        }
    }
}
