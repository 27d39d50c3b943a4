//! [`Extra`]: the properties of a record that its type does not declare.
//!
//! L2L adds properties to its records over time, and a tenant's areas carry custom
//! properties (`custom__color` on a machine). A typed record keeps them here instead of
//! dropping them, so that nothing the server sent is lost, and writes them back when it is
//! serialized. Values are kept as the server sent them, as JSON values (an XML response's
//! values are text, booleans, integers or null).

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

use crate::wire::form::{Form, FormWriter};

/// The properties of a record that its type does not declare, by API name, as the server
/// sent them.
///
/// Every record area keeps one (the field `extra` unless the area is declared `closed`);
/// `NewX` and `XPatch` can send properties too. Custom properties are the keys prefixed
/// `custom__` ([`Extra::custom`]).
///
/// ```
/// use l2l_core::Extra;
/// let mut extra = Extra::new();
/// extra.set_custom("color", "red");
/// extra.insert("new_property", 7);
/// assert_eq!(extra.custom("color").and_then(|v| v.as_str()), Some("red"));
/// assert_eq!(extra.get("custom__color"), extra.custom("color"));
/// assert_eq!(serde_json::to_string(&extra).unwrap(), r#"{"custom__color":"red","new_property":7}"#);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Extra(Map<String, Value>);

/// The prefix of a custom property's key.
const CUSTOM: &str = "custom__";

impl Extra {
    /// No properties.
    pub fn new() -> Extra {
        Extra(Map::new())
    }

    /// The property with this API name (`custom__color`, `new_property`), if it was sent.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.0.get(name)
    }

    /// The custom property `name` (the key `custom__<name>`), if it was sent.
    pub fn custom(&self, name: &str) -> Option<&Value> {
        self.0.get(&custom_key(name))
    }

    /// Sets the property with this API name, returning its previous value.
    pub fn insert(&mut self, name: impl Into<String>, value: impl Into<Value>) -> Option<Value> {
        self.0.insert(name.into(), value.into())
    }

    /// Sets the custom property `name` (the key `custom__<name>`), returning its previous
    /// value.
    pub fn set_custom(&mut self, name: &str, value: impl Into<Value>) -> Option<Value> {
        self.0.insert(custom_key(name), value.into())
    }

    /// Removes the property with this API name, returning its value.
    pub fn remove(&mut self, name: &str) -> Option<Value> {
        self.0.remove(name)
    }

    /// How many properties there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The properties, by API name in sorted order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// The custom properties, by name without the `custom__` prefix.
    pub fn customs(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.iter()
            .filter_map(|(k, v)| k.strip_prefix(CUSTOM).map(|k| (k, v)))
    }

    /// The properties as a JSON object.
    pub fn as_map(&self) -> &Map<String, Value> {
        &self.0
    }

    /// The properties as a JSON object.
    pub fn into_map(self) -> Map<String, Value> {
        self.0
    }
}

fn custom_key(name: &str) -> String {
    let mut key = String::with_capacity(CUSTOM.len() + name.len());
    key.push_str(CUSTOM);
    key.push_str(name);
    key
}

impl From<Map<String, Value>> for Extra {
    fn from(map: Map<String, Value>) -> Extra {
        Extra(map)
    }
}

impl<K: Into<String>, V: Into<Value>> FromIterator<(K, V)> for Extra {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Extra {
        Extra(
            iter.into_iter()
                .map(|(k, v)| (k.into(), v.into()))
                .collect(),
        )
    }
}

impl<'a> IntoIterator for &'a Extra {
    type Item = (&'a String, &'a Value);
    type IntoIter = serde_json::map::Iter<'a>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl Serialize for Extra {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl<'de> Deserialize<'de> for Extra {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Map::deserialize(d).map(Extra)
    }
}

/// Each property as a form argument: text as it is, numbers and booleans as JSON writes
/// them, null as an empty value (which clears a field), lists and objects as JSON text.
impl Form for Extra {
    fn write_form(&self, w: &mut FormWriter) {
        for (k, v) in &self.0 {
            w.field(k, &form_value(v).as_str());
        }
    }
}

/// A JSON value as a form argument.
pub(crate) fn form_value(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_each_property_as_a_form_argument() {
        let extra: Extra = [
            ("custom__color", Value::from("red")),
            ("n", Value::from(2.5)),
            ("flag", Value::from(true)),
            ("gone", Value::Null),
        ]
        .into_iter()
        .collect();
        assert_eq!(
            extra.to_pairs(),
            vec![
                ("custom__color".to_owned(), "red".to_owned()),
                ("flag".to_owned(), "true".to_owned()),
                ("gone".to_owned(), String::new()),
                ("n".to_owned(), "2.5".to_owned()),
            ]
        );
        assert_eq!(extra.customs().count(), 1);
    }
}
