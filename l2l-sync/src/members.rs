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
    use crate::{Row, Table};
    use l2l_core::{AreaSchema, FieldKind, FieldSchema, Scope};

    static FIELDS: [FieldSchema; 7] = [
        FieldSchema::new("id", FieldKind::Integer, false).id(),
        FieldSchema::new("code", FieldKind::Text, false),
        FieldSchema::new("cost", FieldKind::Decimal, true),
        FieldSchema::new("active", FieldKind::Bool, false),
        FieldSchema::new("tags", FieldKind::Json, true),
        FieldSchema::new("line", FieldKind::Integer, true),
        FieldSchema::new("lastupdated", FieldKind::DateTime, true),
    ];
    static AREA: AreaSchema = AreaSchema::new("W", "w", Scope::None, &FIELDS);

    /// The row of a record's members is the row of its text, whatever the record holds.
    #[test]
    fn members_make_the_row_the_text_makes() {
        let table = Table::of(&AREA);
        for json in [
            r#"{"id":12,"code":"A","cost":"3903.00","active":"True","tags":[1,{"a":null}],"line":null,"lastupdated":"2010-12-30 11:52:50"}"#,
            r#"{"id":"12","code":"A\"B\u00e9","cost":3903.5,"active":true,"tags":"x","line":"4","zeta":"z","alpha":2.5}"#,
            r#"{"zeta":"a","line":4,"zeta":"z","active":"False","id":12,"code":"x","code":"y","tags":{}}"#,
            r#"{"id":7,"lastupdated":"2010-12-30T11:52:50\u002e000","active":"maybe","line":"x","cost":null}"#,
            r#"{"id":7,"code":"a long text that does not fit inline in a compact string","n":{"deep":[1,2]}}"#,
            r#"{"id":12.0,"code":"no integer id"}"#,
            r#"{"code":"no id at all"}"#,
        ] {
            let members: Members = serde_json::from_str(json).expect(json);
            let text = Row::from_json(&table, json);
            let read = Row::from_members(&table, &members);
            match (text, read) {
                (Ok(a), Ok(b)) => {
                    assert_eq!(
                        (a.id, &a.cells, &a.lastupdated),
                        (b.id, &b.cells, &b.lastupdated),
                        "{json}"
                    );
                    let extra = |e: Option<String>| {
                        e.map(|e| {
                            serde_json::from_str::<serde_json::Value>(&e).expect("extra is JSON")
                        })
                    };
                    assert_eq!(extra(a.extra), extra(b.extra), "{json}");
                }
                (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string(), "{json}"),
                (a, b) => panic!("{json}: {a:?} against {b:?}"),
            }
        }
    }

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
