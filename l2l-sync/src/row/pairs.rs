//! A member's value read in place ([`Member`]), and the members no column declares joined
//! into the catch-all object. The members themselves are read by
//! [`Pairs`](crate::page_record::Pairs).

use std::borrow::Cow;

use serde_json::Value;

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
