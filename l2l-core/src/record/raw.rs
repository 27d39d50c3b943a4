//! [`RawRecord`]: a record exactly as the server sent it, for readers that pass records on
//! (a sync into a file or a database) without decoding them into a type first.

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::schema::Record;

/// A record as the server sent it: its JSON text, byte for byte (XML answers are turned into
/// the same JSON), and its id.
///
/// ```
/// use l2l_core::{RawRecord, Record};
/// let r: RawRecord = serde_json::from_str(r#"{"id": 7, "cost": 12.50, "x": {"id": 1}}"#).unwrap();
/// assert_eq!(r.id(), Some(7));
/// assert_eq!(r.json(), r#"{"id": 7, "cost": 12.50, "x": {"id": 1}}"#);
/// assert_eq!(r.record_id(), Some(7));
/// ```
#[derive(Clone)]
pub struct RawRecord {
    json: Box<RawValue>,
    id: Option<i64>,
}

impl RawRecord {
    /// The record's JSON text.
    pub fn json(&self) -> &str {
        self.json.get()
    }

    /// The record's `id`, when it has a whole-number one.
    pub fn id(&self) -> Option<i64> {
        self.id
    }

    /// The record decoded into `T` (a typed record, a [`serde_json::Value`]).
    pub fn decode<T: serde::de::DeserializeOwned>(&self) -> serde_json::Result<T> {
        serde_json::from_str(self.json.get())
    }

    /// The raw JSON value.
    pub fn as_raw(&self) -> &RawValue {
        &self.json
    }

    fn from_raw(json: Box<RawValue>) -> RawRecord {
        #[derive(Deserialize)]
        struct Id {
            #[serde(default, deserialize_with = "loose_id")]
            id: Option<i64>,
        }
        let id = leading_id(json.get()).or_else(|| {
            serde_json::from_str::<Id>(json.get())
                .ok()
                .and_then(|i| i.id)
        });
        RawRecord { json, id }
    }
}

/// The id of a record whose first member is `"id"`, an integer or an integer in a string
/// (as L2L sends its records), read without scanning the rest; `None` for any other
/// record, which is then parsed whole.
fn leading_id(json: &str) -> Option<i64> {
    let rest = json
        .trim_start()
        .strip_prefix('{')?
        .trim_start()
        .strip_prefix("\"id\"")?
        .trim_start()
        .strip_prefix(':')?
        .trim_start();
    let (digits, quoted) = match rest.strip_prefix('"') {
        Some(r) => (r, true),
        None => (rest, false),
    };
    let end = digits
        .bytes()
        .position(|b| !(b.is_ascii_digit() || b == b'-'))
        .unwrap_or(digits.len());
    let id = digits[..end].parse().ok()?;
    let after = &digits[end..];
    let after = if quoted {
        after.strip_prefix('"')?
    } else {
        after
    };
    matches!(after.trim_start().as_bytes().first(), Some(b',' | b'}')).then_some(id)
}

/// An id as a number or a numeric string; anything else is no id.
fn loose_id<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    Ok(match serde_json::Value::deserialize(d)? {
        serde_json::Value::Number(n) => n.as_i64(),
        serde_json::Value::String(s) => s.trim().parse().ok(),
        _ => None,
    })
}

impl fmt::Debug for RawRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.json.get())
    }
}

impl fmt::Display for RawRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.json.get())
    }
}

impl PartialEq for RawRecord {
    fn eq(&self, other: &RawRecord) -> bool {
        self.json.get() == other.json.get()
    }
}

impl Eq for RawRecord {}

impl Record for RawRecord {
    fn record_id(&self) -> Option<i64> {
        self.id
    }
}

impl Serialize for RawRecord {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.json.serialize(s)
    }
}

/// serde_json's name for a raw value: asked for by name, its deserializer hands over the
/// text; any other deserializer (the XML one) hands over the value itself.
const RAW_TOKEN: &str = "$serde_json::private::RawValue";

impl<'de> Deserialize<'de> for RawRecord {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawRecord;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a record")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawRecord, A::Error> {
                let Some(key) = map.next_key::<String>()? else {
                    return Ok(RawRecord::from_raw(raw(&serde_json::Map::new())?));
                };
                if key == RAW_TOKEN {
                    let text: String = map.next_value()?;
                    let json = RawValue::from_string(text).map_err(de::Error::custom)?;
                    if !json.get().trim_start().starts_with('{') {
                        return Err(de::Error::custom("a record must be an object"));
                    }
                    return Ok(RawRecord::from_raw(json));
                }
                // Another format's map: collect it into JSON.
                let mut obj = serde_json::Map::new();
                obj.insert(key, map.next_value()?);
                while let Some((k, v)) = map.next_entry::<String, serde_json::Value>()? {
                    obj.insert(k, v);
                }
                Ok(RawRecord::from_raw(raw(&obj)?))
            }

            fn visit_newtype_struct<D2: Deserializer<'de>>(
                self,
                d: D2,
            ) -> Result<RawRecord, D2::Error> {
                let v = serde_json::Value::deserialize(d)?;
                match v {
                    serde_json::Value::Object(obj) => Ok(RawRecord::from_raw(raw(&obj)?)),
                    other => Err(de::Error::custom(format!(
                        "a record must be an object, not {other}"
                    ))),
                }
            }
        }
        d.deserialize_newtype_struct(RAW_TOKEN, V)
    }
}

fn raw<E: de::Error>(obj: &serde_json::Map<String, serde_json::Value>) -> Result<Box<RawValue>, E> {
    serde_json::value::to_raw_value(obj).map_err(E::custom)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_leading_id_is_read_as_the_whole_record_reads_it() {
        let whole = |json: &str| {
            #[derive(Deserialize)]
            struct Id {
                #[serde(default, deserialize_with = "loose_id")]
                id: Option<i64>,
            }
            serde_json::from_str::<Id>(json).ok().and_then(|i| i.id)
        };
        for json in [
            r#"{"id":12,"code":"A"}"#,
            r#"{ "id" : "12" , "code":"A"}"#,
            r#"{"id":-3}"#,
            r#"{"id":12.5,"code":"A"}"#,
            r#"{"id":"12x","code":"A"}"#,
            r#"{"id":" 12 ","code":"A"}"#,
            r#"{"id":null}"#,
            r#"{"id":99999999999999999999}"#,
            r#"{"code":"A","id":7}"#,
            r#"{"ids":7,"id":8}"#,
            r#"{"id":true}"#,
        ] {
            let raw = RawValue::from_string(json.to_owned()).unwrap();
            assert_eq!(RawRecord::from_raw(raw).id(), whole(json), "{json}");
        }
        assert_eq!(leading_id(r#"{"id":12,"code":"A"}"#), Some(12));
        assert_eq!(
            leading_id(r#"{"code":"A","id":7}"#),
            None,
            "not first: parsed whole"
        );
    }

    #[test]
    fn keeps_the_bytes_and_refuses_what_is_not_an_object() {
        let text = r#"{"id":"12","downtime":45.0,"custom__color":"red"}"#;
        let r: RawRecord = serde_json::from_str(text).unwrap();
        assert_eq!(r.json(), text);
        assert_eq!(r.id(), Some(12));
        let e = serde_json::from_str::<RawRecord>("[1,2]").unwrap_err();
        assert!(e.to_string().contains("object"), "{e}");
        let list: Vec<RawRecord> = serde_json::from_str(r#"[{"a":1},{"id":3}]"#).unwrap();
        assert_eq!(list[0].id(), None);
        assert_eq!(list[1].id(), Some(3));
    }
}
