//! [`DynRecord`]: a record of an area no declaration knows, with typed getters.

use std::fmt;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::schema::Record;

/// An untyped record: every property the server sent, read by name into the type the caller
/// asks for.
///
/// ```
/// use l2l_core::{Date, DynRecord};
/// let r: DynRecord = serde_json::from_str(r#"{"id": 5, "code": "WO-5", "due": "2026-05-05", "cost": null}"#).unwrap();
/// assert_eq!(r.id(), Some(5));
/// assert_eq!(r.get::<String>("code")?, Some("WO-5".to_owned()));
/// assert_eq!(r.get::<Date>("due")?.map(|d| d.to_string()), Some("2026-05-05".to_owned()));
/// assert_eq!(r.get::<f64>("cost")?, None);          // null
/// assert_eq!(r.get::<f64>("missing")?, None);       // absent
/// assert!(r.get::<i64>("code").is_err());            // there, but not a number
/// # Ok::<(), l2l_core::Error>(())
/// ```
#[derive(Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DynRecord {
    properties: serde_json::Map<String, serde_json::Value>,
}

impl DynRecord {
    /// The property `name` decoded into `T`; `None` when it is absent or null, an
    /// [`Error::Decode`] naming the property when it does not fit `T`.
    pub fn get<T: DeserializeOwned>(&self, name: &str) -> Result<Option<T>, Error> {
        match self.properties.get(name) {
            None | Some(serde_json::Value::Null) => Ok(None),
            Some(v) => T::deserialize(v).map(Some).map_err(|e| Error::Decode {
                path: name.to_owned(),
                message: e.to_string(),
                snippet: crate::wire::redact::snippet(&v.to_string(), 200, &[]),
                truncated: false,
            }),
        }
    }

    /// The record's id, when it has a whole-number one.
    pub fn id(&self) -> Option<i64> {
        self.record_id()
    }

    /// The property as the server sent it.
    pub fn value(&self, name: &str) -> Option<&serde_json::Value> {
        self.properties.get(name)
    }

    /// The names of the properties.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.properties.keys().map(String::as_str)
    }

    /// Every property.
    pub fn as_map(&self) -> &serde_json::Map<String, serde_json::Value> {
        &self.properties
    }

    /// The record as a JSON value.
    pub fn into_value(self) -> serde_json::Value {
        serde_json::Value::Object(self.properties)
    }
}

impl fmt::Debug for DynRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.properties, f)
    }
}

impl Record for DynRecord {
    fn record_id(&self) -> Option<i64> {
        match self.properties.get("id")? {
            serde_json::Value::Number(n) => n.as_i64(),
            serde_json::Value::String(s) => s.parse().ok(),
            _ => None,
        }
    }
}
