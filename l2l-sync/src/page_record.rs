//! [`PageRecord`]: a record of a JSON page as a span of the page's text, which the page's
//! records share. A page's body is copied once, not once per record nor once per value,
//! and a database row is read from the span with borrowed keys ([`Row::from_json`]).
//!
//! [`Row::from_json`]: crate::Row::from_json

use std::fmt;
use std::sync::Arc;

use l2l_core::wire::{Data, Envelope, Format};
use l2l_core::{Error, RawRecord, Record, Secret};
use serde::de::{Deserialize, Deserializer};
use serde_json::value::RawValue;

/// A record as the server sent it: its JSON text, a span of its page's text.
///
/// Paging decodes a page of them in one pass that only finds where each record starts and
/// ends ([`Record::decode_page`]). Kept alone, a record keeps its whole page alive.
///
/// ```
/// use l2l_core::Record;
/// use l2l_core::wire::{Envelope, Format};
/// use l2l_sync::PageRecord;
/// let body = br#"{"success": true, "data": [{"id": 1, "code": "A"}, {"id": 2}]}"#;
/// let env: Envelope<PageRecord> = PageRecord::decode_page(body, Format::Json, &[]).unwrap();
/// let records = env.data.unwrap().into_vec();
/// assert_eq!(records[0].json(), r#"{"id": 1, "code": "A"}"#);
/// assert_eq!(records[1].record_id(), Some(2));
/// ```
#[derive(Clone)]
pub struct PageRecord {
    page: Arc<str>,
    start: usize,
    end: usize,
}

impl PageRecord {
    /// The record's JSON text.
    pub fn json(&self) -> &str {
        &self.page[self.start..self.end]
    }

    /// A record of its own text (of an XML page, turned into JSON record by record).
    fn alone(json: &str) -> PageRecord {
        PageRecord {
            page: Arc::from(json),
            start: 0,
            end: json.len(),
        }
    }
}

impl fmt::Debug for PageRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.json())
    }
}

/// Read alone (not through paging), a record is its own page.
impl<'de> Deserialize<'de> for PageRecord {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<PageRecord, D::Error> {
        RawRecord::deserialize(d).map(|r| PageRecord::alone(r.json()))
    }
}

impl Record for PageRecord {
    /// The id as [`RawRecord`] reads it (paging asks only a page's first and last record).
    fn record_id(&self) -> Option<i64> {
        serde_json::from_str::<RawRecord>(self.json()).ok()?.id()
    }

    fn decode_page(
        body: &[u8],
        format: Format,
        secrets: &[&Secret],
    ) -> Result<Envelope<PageRecord>, Error> {
        if format == Format::Json
            && let Some(env) = shared(body)
        {
            return Ok(env);
        }
        // XML, a refusal, a body that does not decode, a record that is no object: the
        // records one by one, with the engine's own errors.
        let env = l2l_core::wire::decode::<RawRecord>(body, format, secrets)?;
        Ok(with_records(env, |r| PageRecord::alone(r.json())))
    }
}

/// `env` with each of its records made into a [`PageRecord`] by `record`.
fn with_records<T>(env: Envelope<T>, record: impl Fn(T) -> PageRecord) -> Envelope<PageRecord> {
    Envelope {
        success: env.success,
        data: env.data.map(|d| match d {
            Data::List(v) => Data::List(v.into_iter().map(&record).collect()),
            Data::One(r) => Data::One(record(r)),
        }),
        error: env.error,
        errors: env.errors,
        offset: env.offset,
        limit: env.limit,
    }
}

/// The envelope of a successful JSON page whose records are all objects, each a span of
/// one shared copy of the body; `None` for anything else.
fn shared(body: &[u8]) -> Option<Envelope<PageRecord>> {
    let text = std::str::from_utf8(body).ok()?;
    let env: Envelope<&RawValue> = serde_json::from_str(text).ok()?;
    let objects = match &env.data {
        Some(Data::List(v)) => v.iter().all(|r| r.get().starts_with('{')),
        Some(Data::One(r)) => r.get().starts_with('{'),
        None => true,
    };
    if !env.success || !objects {
        return None;
    }
    let page: Arc<str> = Arc::from(text);
    let base = text.as_ptr() as usize;
    let span = |raw: &RawValue| {
        let start = raw.get().as_ptr() as usize - base;
        PageRecord {
            page: Arc::clone(&page),
            start,
            end: start + raw.get().len(),
        }
    };
    Some(with_records(env, span))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(body: &str, format: Format) -> Result<Vec<String>, Error> {
        let env = PageRecord::decode_page(body.as_bytes(), format, &[])?;
        Ok(env
            .data
            .map(Data::into_vec)
            .unwrap_or_default()
            .iter()
            .map(|r| r.json().to_owned())
            .collect())
    }

    #[test]
    fn records_are_the_page_text_and_failures_are_the_engines() {
        let body = r#"{"success":true,"data":[{"id":"3","s":"a\"b"} , {"id":4}],"limit":2}"#;
        assert_eq!(
            records(body, Format::Json).unwrap(),
            [r#"{"id":"3","s":"a\"b"}"#, r#"{"id":4}"#]
        );
        let env = PageRecord::decode_page(body.as_bytes(), Format::Json, &[]).unwrap();
        assert_eq!(env.limit, Some(2));
        let first = &env.data.unwrap().into_vec()[0];
        assert_eq!(first.record_id(), Some(3));
        let refused = r#"{"success":false,"error":"no such site"}"#;
        let e = records(refused, Format::Json).unwrap_err();
        assert!(e.to_string().contains("no such site"), "{e}");
        let not_objects = r#"{"success":true,"data":[1,2]}"#;
        assert_eq!(
            records(not_objects, Format::Json).unwrap_err().to_string(),
            l2l_core::wire::decode::<RawRecord>(not_objects.as_bytes(), Format::Json, &[])
                .unwrap_err()
                .to_string(),
            "a page the engine refuses is refused alike"
        );
        let xml =
            "<response><success>true</success><data><item><id>5</id></item></data></response>";
        assert_eq!(records(xml, Format::Xml).unwrap().len(), 1);
    }
}
