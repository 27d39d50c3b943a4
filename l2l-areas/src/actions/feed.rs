//! The change feed on `dispatches/get_event_data/`: [`Dispatch::events`].

use std::collections::VecDeque;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use futures::Stream;

use super::events::{DispatchEvent, EventDataQuery};
use crate::{Client, Dispatch, Error, UtcTime};

/// A change feed of the dispatches of a site, from [`Dispatch::events`]: set the start
/// watermark, the filters and the poll interval, then [`DispatchEvents::stream`].
///
/// The filter set is fixed when the stream starts and stays the same on every call, as L2L
/// asks; only `lastupdated` moves, to each answer's `max_lastupdated`.
#[derive(Debug, Clone, PartialEq)]
#[must_use]
pub struct DispatchEvents {
    query: EventDataQuery,
    interval: Duration,
}

/// One change from the feed: the dispatch as it now is (or its deletion), and the
/// watermark to resume from so that the feed goes on right after this change.
///
/// The last change of each answer carries the answer's `max_lastupdated`, exact. The
/// others carry their record's `lastupdated`, which L2L writes in milliseconds unless the
/// client asks for microseconds ([`ClientBuilder::microseconds`](crate::ClientBuilder::microseconds)):
/// resuming from a millisecond watermark may deliver that one change again, never lose one.
#[derive(Debug, Clone, PartialEq)]
pub struct DispatchChange {
    /// The changed dispatch, its technicians, actions and costs, and whether it was deleted.
    pub event: DispatchEvent,
    /// Resume here (pass to [`DispatchEvents::since`]) to see the changes after this one.
    pub watermark: UtcTime,
}

impl Dispatch {
    /// A change feed of `site`'s dispatches on `dispatches/get_event_data/`: each dispatch
    /// opened, changed or deleted after the start watermark, once, oldest first. It asks for
    /// deleted dispatches too, polls every 10 seconds by default, and asks again at once
    /// while the answers come full.
    ///
    /// ```no_run
    /// # async fn run(client: &l2l_areas::Client) -> Result<(), l2l_areas::Error> {
    /// use futures::StreamExt;
    /// use l2l_areas::Dispatch;
    /// use std::time::Duration;
    /// let mut feed = Dispatch::events(1)
    ///     .since("2024-01-01 00:00:00".parse().unwrap())
    ///     .interval(Duration::from_secs(30))
    ///     .stream(client);
    /// while let Some(change) = feed.next().await {
    ///     let change = change?;
    ///     println!("{} deleted={} resume at {}", change.event.dispatch.id, change.event.deleted, change.watermark);
    /// }
    /// # Ok(()) }
    /// ```
    pub fn events(site: i64) -> DispatchEvents {
        DispatchEvents {
            query: EventDataQuery {
                site,
                deleted: Some(true),
                ..Default::default()
            },
            interval: Duration::from_secs(10),
        }
    }
}

impl DispatchEvents {
    /// Start after this watermark (UTC); the current time when not set.
    pub fn since(mut self, t: UtcTime) -> Self {
        self.query.lastupdated = Some(t);
        self
    }

    /// How long to wait after an answer that was not full (10 s by default).
    pub fn interval(mut self, d: Duration) -> Self {
        self.interval = d;
        self
    }

    /// Records per call (L2L's default is 1000).
    pub fn limit(mut self, n: u32) -> Self {
        self.query.limit = Some(n);
        self
    }

    /// Only these lines.
    pub fn line_ids(mut self, ids: impl IntoIterator<Item = i64>) -> Self {
        self.query.line_ids = ids.into_iter().collect();
        self
    }

    /// Only these dispatch types.
    pub fn dispatchtype_ids(mut self, ids: impl IntoIterator<Item = i64>) -> Self {
        self.query.dispatchtype_ids = ids.into_iter().collect();
        self
    }

    /// Only the dispatches of this area (by code).
    pub fn areacode(mut self, code: impl Into<String>) -> Self {
        self.query.areacode = Some(code.into());
        self
    }

    /// Only dispatches whose external id starts with this.
    pub fn externalid_prefix(mut self, prefix: impl Into<String>) -> Self {
        self.query.externalid_prefix = Some(prefix.into());
        self
    }

    /// Only open (true) or closed (false) dispatches.
    pub fn open(mut self, open: bool) -> Self {
        self.query.open = Some(open);
        self
    }

    /// Signs every call over these parameters, in this order, for tenants that want
    /// `get_event_data` signed (the client needs a signer).
    pub fn sign_with<S: Into<String>>(mut self, params: impl IntoIterator<Item = S>) -> Self {
        self.query.sign = params.into_iter().map(Into::into).collect();
        self
    }

    /// Whether deletions are reported (on by default).
    pub fn deleted(mut self, on: bool) -> Self {
        self.query.deleted = Some(on);
        self
    }

    /// The query the feed sends, with the start watermark.
    pub fn query(&self) -> &EventDataQuery {
        &self.query
    }

    /// Starts the feed. It never ends by itself; an error is yielded and the feed goes on
    /// at the next interval from the same watermark (drop it to stop).
    pub fn stream(self, client: &Client) -> DispatchEventStream {
        let mut query = self.query;
        if query.lastupdated.is_none() {
            query.lastupdated = Some(UtcTime::now());
        }
        let state = State {
            client: client.clone(),
            query,
            interval: self.interval,
            buffer: VecDeque::new(),
            wait: false,
        };
        DispatchEventStream {
            inner: Box::pin(futures::stream::unfold(state, next)),
        }
    }
}

struct State {
    client: Client,
    query: EventDataQuery,
    interval: Duration,
    buffer: VecDeque<DispatchChange>,
    wait: bool,
}

async fn next(mut s: State) -> Option<(Result<DispatchChange, Error>, State)> {
    loop {
        if let Some(change) = s.buffer.pop_front() {
            return Some((Ok(change), s));
        }
        if s.wait {
            tokio::time::sleep(s.interval).await;
        }
        match Dispatch::get_event_data(&s.client, &s.query).await {
            Err(e) => {
                s.wait = true;
                return Some((Err(e), s));
            }
            Ok(batch) => {
                let full = s.query.limit.unwrap_or(1000) as usize <= batch.data.len();
                let mut mark = s.query.lastupdated;
                let n = batch.data.len();
                for (i, event) in batch.data.into_iter().enumerate() {
                    if i + 1 == n && batch.max_lastupdated.is_some() {
                        // The server's own watermark: exact, whatever precision records have.
                        mark = batch.max_lastupdated;
                    } else if let Some(t) = event.dispatch.lastupdated {
                        mark = Some(UtcTime(t.0));
                    }
                    let watermark = mark.unwrap_or_else(UtcTime::now);
                    s.buffer.push_back(DispatchChange { event, watermark });
                }
                if let Some(m) = batch.max_lastupdated.or(mark) {
                    s.query.lastupdated = Some(m);
                }
                s.wait = !full;
            }
        }
    }
}

/// The stream [`DispatchEvents::stream`] returns: `Stream<Item = Result<DispatchChange,
/// Error>>`, nameable so that it can be stored in a struct.
#[must_use = "a stream does nothing unless polled"]
pub struct DispatchEventStream {
    inner: Pin<Box<dyn Stream<Item = Result<DispatchChange, Error>> + Send>>,
}

impl std::fmt::Debug for DispatchEventStream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DispatchEventStream")
            .finish_non_exhaustive()
    }
}

impl Stream for DispatchEventStream {
    type Item = Result<DispatchChange, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.inner.as_mut().poll_next(cx)
    }
}
