//! [`PageRecord`]: a record of a JSON page as a span of the page's text, which the page's
//! records share. A page's body is copied once, not once per record nor once per value.
//! Where every key of the page is plain text (no escape), the one pass that finds the
//! records also notes where each member's key and value are ([`PageRecord::members`]), so
//! that a database row is made without reading the record again ([`Row::from_record`]).
//! That pass is [`flat`]'s scan where every record is a flat object, else `serde_json`'s.
//!
//! [`Row::from_record`]: crate::Row::from_record

mod flat;

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use l2l_core::wire::{Data, Envelope, Format};
use l2l_core::{Error, RawRecord, Record, Secret};
use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;

/// A record as the server sent it: its JSON text, a span of its page's text.
///
/// Paging decodes a page of them in one pass ([`Record::decode_page`]). Kept alone, a
/// record keeps its whole page alive.
///
/// ```
/// use l2l_core::Record;
/// use l2l_core::wire::{Envelope, Format};
/// use l2l_sync::PageRecord;
/// let body = br#"{"success": true, "data": [{"id": 1, "code": "A"}, {"id": 2}]}"#;
/// let env: Envelope<PageRecord> = PageRecord::decode_page(body, Format::Json, &[]).unwrap();
/// let records = env.data.unwrap().into_vec();
/// assert_eq!(records[0].json(), r#"{"id": 1, "code": "A"}"#);
/// assert_eq!(records[0].members().unwrap().collect::<Vec<_>>(), [("id", "1"), ("code", r#""A""#)]);
/// assert_eq!(records[1].record_id(), Some(2));
/// ```
#[derive(Clone)]
pub struct PageRecord {
    page: Arc<PageText>,
    text: Range<usize>,
    /// The record's members in [`PageText::members`]; `None` when they were not noted.
    members: Option<Range<usize>>,
}

/// A page's text, and where the members of its records are in it.
struct PageText {
    text: Box<str>,
    members: Vec<MemberAt>,
}

/// Where a member's key (the text between its quotes) and its value's JSON text are.
#[derive(Clone, Copy)]
struct MemberAt {
    key: (u32, u32),
    value: (u32, u32),
}

impl PageRecord {
    /// The record's JSON text.
    pub fn json(&self) -> &str {
        &self.page.text[self.text.clone()]
    }

    /// The record's members in the order they were sent: each key (no escape in it) and
    /// its value's JSON text; `None` when the page was not read that way (a key with an
    /// escape, or an empty object, somewhere in its page; an XML page).
    pub fn members(&self) -> Option<impl Iterator<Item = (&str, &str)> + '_> {
        let at = self.members.clone()?;
        let text = &self.page.text;
        let slice = |(from, len): (u32, u32)| &text[from as usize..(from + len) as usize];
        Some(
            self.page.members[at]
                .iter()
                .map(move |m| (slice(m.key), slice(m.value))),
        )
    }

    /// A record of its own text (of an XML page, turned into JSON record by record).
    fn alone(json: &str) -> PageRecord {
        PageRecord {
            page: Arc::new(PageText {
                text: json.into(),
                members: Vec::new(),
            }),
            text: 0..json.len(),
            members: None,
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
            && let Ok(text) = std::str::from_utf8(body)
            && let Some(env) = flat::page(text)
                .or_else(|| with_members(text))
                .or_else(|| spans(text))
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
fn with_records<T>(
    env: Envelope<T>,
    mut record: impl FnMut(T) -> PageRecord,
) -> Envelope<PageRecord> {
    Envelope {
        success: env.success,
        data: env.data.map(|d| match d {
            Data::List(v) => Data::List(v.into_iter().map(&mut record).collect()),
            Data::One(r) => Data::One(record(r)),
        }),
        error: env.error,
        errors: env.errors,
        offset: env.offset,
        limit: env.limit,
    }
}

/// A JSON object's members in their order, keys and values borrowed from the text (keys
/// without an escape only: another fails to read).
pub(crate) struct Pairs<'a>(pub(crate) Vec<(&'a str, &'a RawValue)>);

impl<'de> Deserialize<'de> for Pairs<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Pairs<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Pairs<'de>, A::Error> {
                let mut out = Vec::with_capacity(map.size_hint().unwrap_or(16));
                while let Some(pair) = map.next_entry::<&'de str, &'de RawValue>()? {
                    out.push(pair);
                }
                Ok(Pairs(out))
            }
        }
        d.deserialize_map(V)
    }
}

/// The envelope of a successful JSON page whose records are all objects with plain keys,
/// in one pass that notes every member; `None` for anything else.
fn with_members(text: &str) -> Option<Envelope<PageRecord>> {
    // Offsets are kept in 32 bits: a page of 4 GiB or more is read the other way.
    u32::try_from(text.len()).ok()?;
    let env: Envelope<Pairs<'_>> = serde_json::from_str(text).ok()?;
    if !env.success {
        return None;
    }
    let objects: Vec<&Pairs<'_>> = match &env.data {
        Some(Data::List(v)) => v.iter().collect(),
        Some(Data::One(m)) => vec![m],
        None => Vec::new(),
    };
    let base = text.as_ptr() as usize;
    let at = |s: &str| ((s.as_ptr() as usize - base) as u32, s.len() as u32);
    let mut members = Vec::with_capacity(objects.iter().map(|m| m.0.len()).sum());
    // Each record's text, and its members' place in the page's list.
    let mut records = Vec::with_capacity(objects.len());
    for m in objects {
        let first = members.len();
        members.extend(m.0.iter().map(|(k, v)| MemberAt {
            key: at(k),
            value: at(v.get()),
        }));
        records.push((object_text(text, &m.0)?, first..members.len()));
    }
    let page = Arc::new(PageText {
        text: text.into(),
        members,
    });
    // One noted span per record, in the envelope's order.
    let mut records = records.into_iter();
    Some(with_records(env, |_| {
        let (text, members) = records.next().unwrap_or_default();
        PageRecord {
            page: Arc::clone(&page),
            text,
            members: Some(members),
        }
    }))
}

/// Where an object's text is in the page, found from its members: from the `{` before its
/// first key to the `}` after its last value. An object without members is found by the
/// caller's other pass (`None`).
fn object_text(page: &str, members: &[(&str, &RawValue)]) -> Option<Range<usize>> {
    let base = page.as_ptr() as usize;
    let (first, last) = (members.first()?.0, members.last()?.1.get());
    // The key's opening quote, then back over whitespace to the brace.
    let key_at = first.as_ptr() as usize - base - 1;
    let start = page[..key_at].trim_end().len().checked_sub(1)?;
    let end = last.as_ptr() as usize - base + last.len();
    let close = end + (page[end..].len() - page[end..].trim_start().len());
    (page.as_bytes().get(start) == Some(&b'{') && page.as_bytes().get(close) == Some(&b'}'))
        .then_some(start..close + 1)
}

/// The envelope of a successful JSON page whose records are all objects, each a span of
/// one shared copy of the body; `None` for anything else.
fn spans(text: &str) -> Option<Envelope<PageRecord>> {
    let env: Envelope<&RawValue> = serde_json::from_str(text).ok()?;
    let objects = match &env.data {
        Some(Data::List(v)) => v.iter().all(|r| r.get().starts_with('{')),
        Some(Data::One(r)) => r.get().starts_with('{'),
        None => true,
    };
    if !env.success || !objects {
        return None;
    }
    let page = Arc::new(PageText {
        text: text.into(),
        members: Vec::new(),
    });
    let base = text.as_ptr() as usize;
    let span = |raw: &RawValue| {
        let start = raw.get().as_ptr() as usize - base;
        PageRecord {
            page: Arc::clone(&page),
            text: start..start + raw.get().len(),
            members: None,
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
        // Members are noted where every key is plain; a key with an escape, or an empty
        // object, has its page read the other way, with the same records.
        let plain = PageRecord::decode_page(body.as_bytes(), Format::Json, &[]).unwrap();
        let plain = plain.data.unwrap().into_vec();
        let members: Vec<(&str, &str)> = plain[0].members().unwrap().collect();
        assert_eq!(members, [("id", r#""3""#), ("s", r#""a\"b""#)]);
        for other in [
            r#"{"success":true,"data":[{"i\u0064":"3"} , {"id":4}]}"#,
            r#"{"success":true,"data":[{"id":"3"} , {}]}"#,
        ] {
            let env = PageRecord::decode_page(other.as_bytes(), Format::Json, &[]).unwrap();
            let records = env.data.unwrap().into_vec();
            assert!(records.iter().all(|r| r.members().is_none()), "{other}");
            assert_eq!(records.len(), 2);
        }
        let one = r#"{"success":true,"data": { "id" : 9 } }"#;
        let env = PageRecord::decode_page(one.as_bytes(), Format::Json, &[]).unwrap();
        let Some(Data::One(r)) = env.data else {
            panic!("one record")
        };
        assert_eq!(r.json(), r#"{ "id" : 9 }"#);
        assert_eq!(r.members().unwrap().collect::<Vec<_>>(), [("id", "9")]);
        let xml =
            "<response><success>true</success><data><item><id>5</id></item></data></response>";
        assert_eq!(records(xml, Format::Xml).unwrap().len(), 1);
    }
}
