//! The driver behind [`Pages`](crate::Pages): one walk for offset paging; for keyset paging, the first
//! page read alone, then the ids above it split into ranges that a pool of readers walks at the
//! same time. Pages go to the stream through a bounded channel, so at most a few pages wait
//! for a slow consumer, and dropping the stream aborts the driver and every reader.
//!
//! In order (`ordered`), each range has a slot of its own (a small bounded channel) that its
//! reader fills, and the driver drains the slots range after range into the stream: the
//! ranges are still read at the same time, a reader ahead waits once its slot is full, and
//! as ranges are taken in id order the first unfinished range always has a reader. A reader
//! takes a range only while fewer than [`WINDOW_PER_READER`] ranges per reader are taken and
//! not yet drained: narrow ranges (two pages) then keep every reader busy a few ranges
//! ahead of the consumer, and what waits in the slots stays bounded.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use futures::FutureExt as _;
use tokio::sync::{OwnedSemaphorePermit, Semaphore, mpsc};
use tokio::task::JoinSet;

use super::Msg;
use super::walk::Walk;
use crate::error::Error;
use crate::query::{KeyRange, Page, PageAt, Paging, Query};
use crate::schema::Record;
use crate::transport::Client;

/// How many pages may wait between the readers and the consumer.
pub(super) fn channel_size(query: &Query, client: &Client) -> usize {
    // Offset paging keeps its pages in flight in the walk itself (`prefetch`).
    if query.effective_paging() == Paging::Keyset {
        readers(query, client)
    } else {
        1
    }
}

/// How many ranges are read at once.
fn readers(query: &Query, client: &Client) -> usize {
    query
        .get_parallel()
        .unwrap_or_else(|| client.limiter().ceiling())
        .max(1)
}

/// Ranges per reader when an area is split: more ranges than readers, so that a reader that
/// finishes early takes another and the readers end close together.
const RANGES_PER_READER: usize = 4;

/// How many pages a range's slot holds ahead of the consumer when pages go in order.
const SLOT_PAGES: usize = 2;

/// When pages go in order, how many ranges per reader may be taken and not yet drained.
const WINDOW_PER_READER: usize = 2;

pub(super) async fn drive<R: Record>(
    query: Query,
    client: Client,
    tx: mpsc::Sender<Msg<R>>,
    ordered: bool,
) {
    let run = std::panic::AssertUnwindSafe(run(query, client, tx.clone(), ordered)).catch_unwind();
    if let Err(panic) = run.await {
        let _ = tx.send(Msg::Panic(panic)).await;
    }
}

async fn run<R: Record>(query: Query, client: Client, tx: mpsc::Sender<Msg<R>>, ordered: bool) {
    if let Err(e) = query.validate() {
        let _ = tx.send(Msg::Page(Err(e))).await;
        return;
    }
    if query.effective_paging() != Paging::Keyset {
        walk(Walk::new(query, client), &tx).await;
        return;
    }
    let readers = readers(&query, &client);
    let ranges: VecDeque<KeyRange> = match query.get_ranges() {
        Some(given) => given.iter().copied().collect(),
        None => {
            // The first page alone: a small area costs one request.
            let mut first = Walk::<R>::over(query.clone(), client.clone(), Some(KeyRange::ALL));
            let page = match first.next_page().await {
                Ok(Some(p)) => p,
                Ok(None) => return,
                Err(e) => {
                    let _ = tx.send(Msg::Page(Err(e))).await;
                    return;
                }
            };
            let rest = page.next;
            if tx.send(Msg::Page(Ok(page))).await.is_err() {
                return;
            }
            let Some(rest) = rest else { return };
            if readers == 1 {
                walk(first, &tx).await;
                return;
            }
            drop(first);
            match split(&query, &client, rest, readers).await {
                Ok(r) => r,
                Err(e) => {
                    let _ = tx.send(Msg::Page(Err(e))).await;
                    return;
                }
            }
        }
    };
    if ordered {
        in_order(query, client, tx, ranges, readers).await;
        return;
    }
    let queue = Arc::new(Mutex::new(ranges));
    let mut pool = JoinSet::new();
    let n = readers.min(queue.lock().map_or(1, |q| q.len()));
    for _ in 0..n {
        let (query, client, tx, queue) = (query.clone(), client.clone(), tx.clone(), queue.clone());
        pool.spawn(async move {
            loop {
                let next = queue.lock().ok().and_then(|mut q| q.pop_front());
                let Some(range) = next else { return };
                if !walk(
                    Walk::<R>::over(query.clone(), client.clone(), Some(range)),
                    &tx,
                )
                .await
                {
                    return;
                }
            }
        });
    }
    drop(tx);
    while let Some(done) = pool.join_next().await {
        if let Err(e) = done
            && e.is_panic()
        {
            std::panic::resume_unwind(e.into_panic());
        }
    }
}

/// What a reader puts in a range's slot: a message, or the end of the range.
enum Slot<R> {
    Msg(Msg<R>),
    Done(OwnedSemaphorePermit),
}

/// Reads `ranges` with `readers` readers, each range into its own slot, and sends the slots'
/// pages to `tx` range after range.
async fn in_order<R: Record>(
    query: Query,
    client: Client,
    tx: mpsc::Sender<Msg<R>>,
    ranges: VecDeque<KeyRange>,
    readers: usize,
) {
    let mut slots = Vec::with_capacity(ranges.len());
    let mut work = VecDeque::with_capacity(ranges.len());
    for range in ranges {
        let (stx, srx) = mpsc::channel::<Slot<R>>(SLOT_PAGES + 1);
        slots.push(srx);
        work.push_back((range, stx));
    }
    let n = readers.min(work.len()).max(1);
    let queue = Arc::new(Mutex::new(work));
    let window = Arc::new(Semaphore::new(WINDOW_PER_READER * n));
    let mut pool = JoinSet::new();
    for _ in 0..n {
        let (query, client, queue) = (query.clone(), client.clone(), queue.clone());
        let window = window.clone();
        pool.spawn(async move {
            loop {
                let Ok(place) = window.clone().acquire_owned().await else {
                    return;
                };
                // Taken in id order: the first range not done always has a reader.
                let next = queue.lock().ok().and_then(|mut q| q.pop_front());
                let Some((range, slot)) = next else { return };
                let mut walk = Walk::<R>::over(query.clone(), client.clone(), Some(range));
                loop {
                    match walk.next_page().await {
                        Ok(Some(page)) => {
                            if slot.send(Slot::Msg(Msg::Page(Ok(page)))).await.is_err() {
                                return;
                            }
                        }
                        Ok(None) => {
                            let _ = slot.send(Slot::Done(place)).await;
                            break;
                        }
                        Err(e) => {
                            let _ = slot.send(Slot::Msg(Msg::Page(Err(e)))).await;
                            return;
                        }
                    }
                }
            }
        });
    }
    drop(query);
    let forward = async {
        for mut slot in slots {
            loop {
                match slot.recv().await {
                    Some(Slot::Msg(m)) => {
                        let failed = matches!(m, Msg::Page(Err(_)));
                        if tx.send(m).await.is_err() || failed {
                            return;
                        }
                    }
                    Some(Slot::Done(place)) => {
                        drop(place);
                        break;
                    }
                    // The reader is gone without finishing its range (it panicked): the
                    // pool reports it.
                    None => std::future::pending::<()>().await,
                }
            }
        }
    };
    let watch = async {
        while let Some(done) = pool.join_next().await {
            if let Err(e) = done
                && e.is_panic()
            {
                std::panic::resume_unwind(e.into_panic());
            }
        }
        std::future::pending::<()>().await
    };
    tokio::select! {
        biased;
        () = watch => {}
        () = forward => {}
    }
}

/// Sends every page of `walk`; false when the walk failed or the consumer is gone.
async fn walk<R: Record>(mut walk: Walk<R>, tx: &mpsc::Sender<Msg<R>>) -> bool {
    loop {
        match walk.next_page().await {
            Ok(Some(page)) => {
                if tx.send(Msg::Page(Ok(page))).await.is_err() {
                    return false;
                }
            }
            Ok(None) => return true,
            Err(e) => {
                let _ = tx.send(Msg::Page(Err(e))).await;
                return false;
            }
        }
    }
}

/// Splits the ids of `rest` into ranges for `readers` readers: up to the highest id there is
/// now in even slices, and an open range above it for the records created meanwhile.
async fn split(
    query: &Query,
    client: &Client,
    rest: KeyRange,
    readers: usize,
) -> Result<VecDeque<KeyRange>, Error> {
    let top = match rest.upto {
        Some(u) => Some(u),
        None => highest_id(query, client, rest).await?,
    };
    let Some(top) = top else {
        return Ok(VecDeque::from([rest]));
    };
    let page = query.get_limit().unwrap_or(query.schema().max_limit);
    let mut ranges = KeyRange::split(rest.after, top, page, RANGES_PER_READER * readers);
    if rest.upto.is_some() {
        // A bounded range: nothing above its own bound.
        ranges.pop();
    }
    Ok(ranges.into())
}

/// The highest id of the query's records above `rest.after` (one request, one id).
async fn highest_id(query: &Query, client: &Client, rest: KeyRange) -> Result<Option<i64>, Error> {
    let mut q = query.clone();
    let id = q.schema().id_field().map_or("id", |f| f.api_name);
    q.paging(Paging::Offset);
    q.clear_order();
    q.order_by_str(&format!("-{id}"))?;
    q.fields_str([id])?;
    let at = PageAt {
        limit: Some(1),
        after_id: rest.after,
        ..PageAt::default()
    };
    let request = crate::wire::request::Request::get(q.schema().path).query_pairs(q.pairs(at));
    let page: Page<serde_json::Value> = client.list(request).await?;
    Ok(page.records.first().and_then(Record::record_id))
}
