//! A record's JSON text read in place: its members in their order, keys and values borrowed
//! from the text ([`Pairs`], [`Member`]), and the members no column declares joined into
//! the catch-all object.

use std::borrow::Cow;

use serde_json::Value;
use serde_json::value::RawValue;

/// A JSON object's members in their order, keys and values borrowed from the text.
pub struct Pairs<'a>(pub Vec<(&'a str, &'a RawValue)>);

impl<'de> serde::Deserialize<'de> for Pairs<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct Members;
        impl<'de> serde::de::Visitor<'de> for Members {
            type Value = Pairs<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> std::result::Result<Pairs<'de>, A::Error> {
                let mut out = Vec::with_capacity(map.size_hint().unwrap_or(16));
                while let Some(pair) = map.next_entry::<&'de str, &'de RawValue>()? {
                    out.push(pair);
                }
                Ok(Pairs(out))
            }
        }
        d.deserialize_map(Members)
    }
}

/// The undeclared members (key, JSON text) as one JSON object, sorted by key; of a
/// repeated key, the last.
pub fn extra_object(mut members: Vec<(&str, Cow<'_, str>)>) -> String {
    members.sort_by(|a, b| a.0.cmp(b.0));
    let mut out = String::from("{");
    for (i, (k, v)) in members.iter().enumerate() {
        if members.get(i + 1).is_some_and(|n| n.0 == *k) {
            continue;
        }
        if out.len() > 1 {
            out.push(',');
        }
        out.push_str(&Value::from(*k).to_string());
        out.push(':');
        out.push_str(v);
    }
    out.push('}');
    out
}

/// A member's value, borrowed: a JSON string without escapes as the text between its
/// quotes, any other value as its JSON text.
#[derive(Clone, Copy)]
pub enum Member<'a> {
    /// A JSON string without escapes: the text between its quotes.
    Plain(&'a str),
    /// Any other value: its JSON text.
    Json(&'a str),
}

impl<'a> Member<'a> {
    /// The member of a value's JSON text.
    #[inline]
    pub fn of(text: &'a str) -> Member<'a> {
        plain_str(text).map_or(Member::Json(text), Member::Plain)
    }
}

/// A JSON string without escapes, as the text between its quotes.
#[inline]
fn plain_str(text: &str) -> Option<&str> {
    let inner = text.strip_prefix('"')?.strip_suffix('"')?;
    (!inner.contains('\\')).then_some(inner)
}
