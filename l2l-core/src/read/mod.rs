//! Reading: where a [`Query`] and a [`Client`] meet. One request ([`Query::page`]), every
//! record as a stream ([`Query::stream`]), every page as a stream ([`Query::pages`]) or a
//! vector ([`Query::all`]). One engine for every reader: typed records, [`crate::RawRecord`]s as
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
use tokio::sync::mpsc;

use crate::error::Error;
use crate::query::{Page, PageAt, Query};
use crate::schema::Record;
use crate::transport::Client;

mod driver;
mod walk;

impl Query {
    fn request_at(&self, at: PageAt) -> crate::wire::request::Request {
        crate::wire::request::Request::get(self.schema().path).query_pairs(self.pairs(at))
    }

    /// Sends the query as it is: one request, one page.
    pub async fn page<R: Record>(&self, client: &Client) -> Result<Page<R>, Error> {
        self.validate()?;
        client
            .list_records(self.request_at(PageAt::default()))
            .await
    }

    /// The first record, if any (one request with `limit=1`).
    pub async fn first<R: Record>(self, client: &Client) -> Result<Option<R>, Error> {
        self.validate()?;
        let at = PageAt {
            limit: Some(1),
            ..PageAt::default()
        };
        let page = client.list_records::<R>(self.request_at(at)).await?;
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
        self.pages_with(client, false)
    }

    /// Every record as a stream in id order, the same on every run (for output that people
    /// diff or cut with `head`). The id ranges of keyset paging are still read at the same
    /// time, as by [`Query::stream`], but their pages are handed over range after range: a
    /// reader ahead of the consumer waits once its range holds a few pages, so at most a few
    /// pages per reader are buffered, never the whole area. Slower than [`Query::stream`]
    /// when the consumer is slow; queries that do not page by keyset come as the server
    /// orders them.
    ///
    /// ```no_run
    /// # async fn run(client: &l2l_core::Client, q: l2l_core::Query) -> Result<(), l2l_core::Error> {
    /// use futures::TryStreamExt as _;
    /// let ids: Vec<Option<i64>> = q
    ///     .stream_in_order::<serde_json::Value>(client)
    ///     .map_ok(|r| r["id"].as_i64())
    ///     .try_collect()
    ///     .await?;
    /// assert!(ids.is_sorted());
    /// # Ok(()) }
    /// ```
    pub fn stream_in_order<R: Record>(self, client: &Client) -> Records<R> {
        Records {
            pages: self.pages_in_order(client),
            current: Vec::new().into_iter(),
        }
    }

    /// Every page as a stream in id order (see [`Query::stream_in_order`]).
    pub fn pages_in_order<R: Record>(self, client: &Client) -> Pages<R> {
        self.pages_with(client, true)
    }

    fn pages_with<R: Record>(self, client: &Client, ordered: bool) -> Pages<R> {
        // In order, pages wait in the ranges' slots (a few ranges ahead of the consumer): one
        // more in the channel is enough.
        let size = if ordered {
            1
        } else {
            driver::channel_size(&self, client)
        };
        let (tx, rx) = mpsc::channel(size);
        let driver = tokio::spawn(driver::drive(self, client.clone(), tx, ordered));
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
