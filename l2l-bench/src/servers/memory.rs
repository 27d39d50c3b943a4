//! The in-memory server: every record of one area rendered once at start, and every list
//! request answered from that memory, so that the client is the bottleneck.
//!
//! Records sit in one buffer, comma-separated; a page is three chunks (a small prefix, a
//! zero-copy slice of the buffer, a small suffix) with an exact `Content-Length`. Both
//! paging forms are served: `offset=` (the docs' loop) and `id__gt=` with `order_by=id`
//! (keyset). Ids run from 1 to N, so both map to a record index without a search. An
//! optional delay is added to every page (for the prefetch benchmark).

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::http::{HeaderValue, Response, StatusCode, Uri, header};
use bytes::Bytes;

use crate::fixtures;

/// The rendered records of one area.
#[derive(Debug)]
pub struct Data {
    /// The area's path (`machines`).
    pub path: &'static str,
    /// `rec0,rec1,...,recN-1`.
    buf: Bytes,
    /// Where record `i` starts in `buf`; one more entry, `buf.len() + 1`, at the end.
    starts: Vec<usize>,
    /// The largest page the server hands out.
    pub max_limit: u64,
}

impl Data {
    /// Renders `count` records of the benchmark area.
    pub fn new(count: u64) -> Data {
        let schema = fixtures::area();
        let mut buf = Vec::with_capacity(count as usize * 720);
        let mut starts = Vec::with_capacity(count as usize + 1);
        for i in 0..count {
            if i > 0 {
                buf.push(b',');
            }
            starts.push(buf.len());
            buf.extend_from_slice(&fixtures::record_json(schema, i));
        }
        starts.push(buf.len() + 1);
        Data {
            path: schema.path,
            buf: Bytes::from(buf),
            starts,
            max_limit: u64::from(schema.max_limit),
        }
    }

    /// How many records there are.
    pub fn len(&self) -> u64 {
        (self.starts.len() - 1) as u64
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The body of the page of records `first..first + limit` (fewer at the end):
    /// three chunks and their total length.
    pub fn page(&self, first: u64, limit: u64, offset: u64) -> (Vec<Bytes>, usize) {
        self.page_upto(first, limit, offset, self.len())
    }

    /// [`Data::page`], ending at index `end` at the latest (`id__lte`).
    pub fn page_upto(&self, first: u64, limit: u64, offset: u64, end: u64) -> (Vec<Bytes>, usize) {
        let first = first.min(self.len());
        let end = (first + limit).min(self.len()).min(end.max(first));
        let slice = if end > first {
            self.buf
                .slice(self.starts[first as usize]..self.starts[end as usize] - 1)
        } else {
            Bytes::new()
        };
        let prefix = Bytes::from(format!("{{\"limit\":{limit},\"data\":["));
        let suffix = Bytes::from(format!("],\"success\":true,\"offset\":{offset}}}"));
        let len = prefix.len() + slice.len() + suffix.len();
        (vec![prefix, slice, suffix], len)
    }
}

/// What one request asks for.
#[derive(Debug, Default, PartialEq)]
struct Ask {
    limit: Option<u64>,
    offset: Option<u64>,
    id_gt: Option<u64>,
    id_lte: Option<u64>,
    descending: bool,
    xml: bool,
}

fn parse(query: &str) -> Result<Ask, String> {
    let mut ask = Ask::default();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let num = || {
            v.parse::<u64>()
                .map_err(|_| format!("{k} takes a whole number, not {v:?}"))
        };
        match k {
            "limit" => ask.limit = Some(num()?),
            "offset" => ask.offset = Some(num()?),
            "id__gt" => ask.id_gt = Some(num()?),
            "id__lte" => ask.id_lte = Some(num()?),
            "order_by" => ask.descending = v == "-id",
            "format" => ask.xml = v == "xml",
            // auth, site, fields are accepted; id (or -id) is the only order served.
            _ => {}
        }
    }
    Ok(ask)
}

fn failure(status: StatusCode, error: &str) -> Response<Body> {
    let body = serde_json::json!({ "success": false, "error": error }).to_string();
    let mut r = Response::new(Body::from(body));
    *r.status_mut() = status;
    r
}

async fn answer(data: Arc<Data>, delay: Duration, uri: Uri) -> Response<Body> {
    let path = uri.path().trim_matches('/');
    let area = path.strip_prefix("api/1.0/").unwrap_or(path);
    if area != data.path {
        return failure(StatusCode::NOT_FOUND, &format!("no area {area:?} here"));
    }
    let ask = match parse(uri.query().unwrap_or("")) {
        Ok(a) => a,
        Err(e) => return failure(StatusCode::OK, &e),
    };
    if ask.xml {
        return failure(StatusCode::OK, "this benchmark server answers JSON only");
    }
    let limit = ask.limit.unwrap_or(100).clamp(1, data.max_limit);
    // Ids are 1..=N in order: `id__gt=k` starts at index k.
    let mut first = ask.id_gt.unwrap_or(0) + ask.offset.unwrap_or(0);
    let mut end = ask.id_lte.unwrap_or(u64::MAX);
    if ask.descending {
        // The highest id (the probe that splits an area into ranges): the last record.
        first = data.len().saturating_sub(1).max(ask.id_gt.unwrap_or(0));
        end = data.len();
    }
    if !delay.is_zero() {
        tokio::time::sleep(delay).await;
    }
    let (chunks, len) = data.page_upto(first, limit, ask.offset.unwrap_or(0), end);
    let stream = futures::stream::iter(chunks.into_iter().map(Ok::<_, Infallible>));
    let mut r = Response::new(Body::from_stream(stream));
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    h.insert(header::CONTENT_LENGTH, HeaderValue::from(len));
    r
}

/// Serves `data` on `listener` until the process ends, adding `delay` to every page.
pub async fn serve(
    listener: tokio::net::TcpListener,
    data: Arc<Data>,
    delay: Duration,
) -> std::io::Result<()> {
    let app = axum::Router::new().fallback(move |uri: Uri| answer(data.clone(), delay, uri));
    axum::serve(listener, app).await
}

/// Binds 127.0.0.1:`port` (0: any free port) and returns the listener and its address.
pub async fn bind(port: u16) -> std::io::Result<(tokio::net::TcpListener, SocketAddr)> {
    let l = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
    let addr = l.local_addr()?;
    Ok((l, addr))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(data: &Data, first: u64, limit: u64) -> Vec<u8> {
        let (chunks, len) = data.page(first, limit, first);
        let b: Vec<u8> = chunks.concat();
        assert_eq!(b.len(), len);
        b
    }

    #[test]
    fn pages_are_whole_envelopes_that_decode() {
        let data = Data::new(25);
        for (first, want) in [(0, 10), (20, 5), (25, 0), (40, 0)] {
            let b = body(&data, first, 10);
            let env = l2l_core::wire::decode::<l2l_areas::Machine>(&b, l2l_core::Format::Json, &[])
                .unwrap();
            let recs = env.data.map(|d| d.into_vec()).unwrap_or_default();
            assert_eq!(recs.len(), want, "first {first}");
            if want > 0 {
                assert_eq!(recs[0].id, first as i64 + 1);
            }
        }
    }

    #[test]
    fn both_paging_forms_parse() {
        assert_eq!(
            parse("site=1&id__gt=4000&order_by=id&limit=2000").unwrap(),
            Ask {
                limit: Some(2000),
                id_gt: Some(4000),
                ..Ask::default()
            }
        );
        assert_eq!(
            parse("auth=k&site=1&limit=2000&offset=6000")
                .unwrap()
                .offset,
            Some(6000)
        );
        assert!(parse("limit=x").is_err());
    }
}
