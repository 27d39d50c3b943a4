//! [`Members`]: a record read once, straight out of its page, into its members in order:
//! each key with its value's text. What a database row is made of ([`Row::from_members`]),
//! without a copy of the record's whole text first and a second parse of it after.
//!
//! [`Row::from_members`]: crate::Row::from_members

use compact_str::CompactString;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;

/// One member's value, as sent.
#[derive(Debug, Clone, PartialEq)]
pub enum Text {
    /// A JSON string without escapes: its text between the quotes.
    Plain(CompactString),
    /// Any other value (a number, `true`, `null`, an object, a string with escapes): its
    /// JSON text.
    Json(CompactString),
}

impl Text {
    fn of(raw: &RawValue) -> Text {
        let text = raw.get();
        match text.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
            Some(inner) if !inner.contains('\\') => Text::Plain(inner.into()),
            _ => Text::Json(text.into()),
        }
    }
}

/// A record's members in the order the server sent them (a repeated key, each time).
///
/// Read from JSON only, and from a page read whole (as the paging engine reads them):
/// each value is taken as its text, borrowed from the page, so nothing but the values that
/// do not fit inline is allocated.
///
/// ```
/// use l2l_sync::Members;
/// let m: Members = serde_json::from_str(r#"{"id": 7, "code": "M-7"}"#).unwrap();
/// assert_eq!(l2l_core::Record::record_id(&m), Some(7));
/// assert_eq!(m.len(), 2);
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Members(pub(crate) Vec<(CompactString, Text)>);

impl Members {
    /// How many members the record has.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether the record has no member.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl l2l_core::Record for Members {
    /// The last `id` member, an integer or an integer in a string.
    fn record_id(&self) -> Option<i64> {
        match &self.0.iter().rev().find(|(k, _)| k == "id")?.1 {
            Text::Plain(s) => s.trim().parse().ok(),
            Text::Json(t) => t.parse().ok(),
        }
    }
}

impl<'de> serde::Deserialize<'de> for Members {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Members, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Members;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a record (a JSON object)")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Members, A::Error> {
                let mut out = Vec::with_capacity(map.size_hint().unwrap_or(16));
                while let Some(key) = map.next_key::<CompactString>()? {
                    let raw: &'de RawValue = map.next_value().map_err(|e| {
                        de::Error::custom(format!(
                            "{e} (records are read as members from JSON text only)"
                        ))
                    })?;
                    out.push((key, Text::of(raw)));
                }
                Ok(Members(out))
            }
        }
        d.deserialize_map(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_id_is_the_last_id_member_and_values_stay_as_sent() {
        let m: Members =
            serde_json::from_str(r#"{"id":"3","x":1.50,"id":" 4 ","s":"a\nb"}"#).unwrap();
        assert_eq!(l2l_core::Record::record_id(&m), Some(4));
        assert_eq!(m.0[1].1, Text::Json("1.50".into()), "a number's own text");
        assert_eq!(
            m.0[3].1,
            Text::Json(r#""a\nb""#.into()),
            "a string with an escape, as sent"
        );
        assert!(
            serde_json::from_str::<Members>("[1]").is_err(),
            "not a record"
        );
    }
}
