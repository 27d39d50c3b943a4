//! Tolerant decoding of the shapes L2L and its samples send, and the pieces of the
//! `Deserialize` impl that `#[record_area]` generates for each record.
//!
//! - Decimals come as strings (`"3903.00"`) or numbers (`45.0`, `45`).
//! - Booleans come as JSON booleans, as `"T"`/`"F"`, `"True"`/`"False"`,
//!   `"true"`/`"false"`, `"1"`/`"0"`, or the numbers `1`/`0`.
//!
//! A generated record reads its map itself (no `#[serde(flatten)]`, which buffers every
//! value): each key is matched by a generated `match`, known properties decode straight
//! into their field, and the others go into the record's [`Extra`](crate::Extra).

use std::fmt;
use std::marker::PhantomData;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, Unexpected, Visitor};

/// A value decoded tolerantly: `Lenient<bool>`, `Lenient<Decimal>` and their `Option`s.
///
/// ```
/// use l2l_core::__private::Lenient;
/// let Lenient(b): Lenient<bool> = serde_json::from_str("\"T\"").unwrap();
/// assert!(b);
/// let Lenient(d): Lenient<l2l_core::Decimal> = serde_json::from_str("45.0").unwrap();
/// assert_eq!(d.to_string(), "45");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lenient<T>(pub T);

/// `#[serde(deserialize_with = "...::lenient")]`: decodes `T` through [`Lenient`].
pub fn lenient<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    Lenient<T>: Deserialize<'de>,
{
    Lenient::<T>::deserialize(d).map(|l| l.0)
}

struct BoolVisitor;

impl Visitor<'_> for BoolVisitor {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a boolean (true/false, \"T\"/\"F\", \"True\"/\"False\", 1/0)")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<bool, E> {
        Ok(v)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<bool, E> {
        match v.trim() {
            "T" | "True" | "true" | "1" => Ok(true),
            "F" | "False" | "false" | "0" => Ok(false),
            _ => Err(E::invalid_value(Unexpected::Str(v), &self)),
        }
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<bool, E> {
        match v {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(E::invalid_value(Unexpected::Signed(v), &self)),
        }
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<bool, E> {
        match v {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(E::invalid_value(Unexpected::Unsigned(v), &self)),
        }
    }
}

struct DecimalVisitor;

impl Visitor<'_> for DecimalVisitor {
    type Value = Decimal;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a decimal number, as a string (\"3903.00\") or a number")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Decimal, E> {
        let s = v.trim();
        Decimal::from_str(s)
            .or_else(|_| Decimal::from_scientific(s))
            .map_err(|_| E::invalid_value(Unexpected::Str(v), &self))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Decimal, E> {
        Decimal::try_from_i128_with_scale(v, 0)
            .map_err(|_| E::custom(format_args!("{v} is too large for a decimal")))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Decimal, E> {
        // The shortest text that reads back as `v` (`45.0` is `45`, `0.1` is `0.1`), not
        // the binary expansion of the float.
        if !v.is_finite() {
            return Err(E::invalid_value(Unexpected::Float(v), &self));
        }
        let text = v.to_string();
        Decimal::from_str(&text)
            .or_else(|_| Decimal::try_from(v))
            .map_err(|_| E::invalid_value(Unexpected::Float(v), &self))
    }
}

impl<'de> Deserialize<'de> for Lenient<bool> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(BoolVisitor).map(Lenient)
    }
}

impl<'de> Deserialize<'de> for Lenient<Decimal> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(DecimalVisitor).map(Lenient)
    }
}

struct OptionVisitor<T>(PhantomData<T>);

impl<'de, T> Visitor<'de> for OptionVisitor<T>
where
    Lenient<T>: Deserialize<'de>,
{
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a value or null")
    }

    fn visit_none<E: de::Error>(self) -> Result<Option<T>, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Option<T>, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Option<T>, D::Error> {
        Lenient::<T>::deserialize(d).map(|l| Some(l.0))
    }
}

macro_rules! lenient_option {
    ($($t:ty),*) => {$(
        impl<'de> Deserialize<'de> for Lenient<Option<$t>> {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                d.deserialize_option(OptionVisitor::<$t>(PhantomData)).map(Lenient)
            }
        }
    )*};
}

lenient_option!(bool, Decimal);

/// A key of a generated record's map: one of its properties (by declaration index), or
/// another one (its name, kept only when the record keeps unknown properties).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Key {
    /// The property at this index of the record's declared properties.
    Field(usize),
    /// A property the record does not declare.
    Other(String),
}

/// Reads one key of a generated record's map with the record's generated matcher.
#[derive(Clone, Copy)]
pub struct KeySeed {
    /// The index of a declared property (a generated `match` on the name).
    pub index: fn(&str) -> Option<usize>,
    /// Whether an unknown key's name is kept (the record keeps unknown properties).
    pub keep: bool,
}

impl KeySeed {
    fn other(self, name: &str) -> Key {
        Key::Other(if self.keep {
            name.to_owned()
        } else {
            String::new()
        })
    }
}

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Key;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Key, D::Error> {
        d.deserialize_identifier(self)
    }
}

impl Visitor<'_> for KeySeed {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a property name")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Key, E> {
        Ok(match (self.index)(v) {
            Some(i) => Key::Field(i),
            None => self.other(v),
        })
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Key, E> {
        Ok(match (self.index)(&v) {
            Some(i) => Key::Field(i),
            None if self.keep => Key::Other(v),
            None => Key::Other(String::new()),
        })
    }

    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Key, E> {
        match std::str::from_utf8(v) {
            Ok(s) => self.visit_str(s),
            Err(_) => Err(E::invalid_value(Unexpected::Bytes(v), &self)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bool_of(json: &str) -> Result<bool, serde_json::Error> {
        serde_json::from_str::<Lenient<bool>>(json).map(|l| l.0)
    }

    fn dec(json: &str) -> Result<String, serde_json::Error> {
        serde_json::from_str::<Lenient<Decimal>>(json).map(|l| l.0.to_string())
    }

    #[test]
    fn booleans_as_json_booleans() {
        assert!(bool_of("true").unwrap());
        assert!(!bool_of("false").unwrap());
    }

    #[test]
    fn booleans_as_t_and_f() {
        assert!(bool_of("\"T\"").unwrap());
        assert!(!bool_of("\"F\"").unwrap());
    }

    #[test]
    fn booleans_as_python_words() {
        assert!(bool_of("\"True\"").unwrap());
        assert!(!bool_of("\"False\"").unwrap());
    }

    #[test]
    fn booleans_as_lowercase_words() {
        assert!(bool_of("\"true\"").unwrap());
        assert!(!bool_of("\"false\"").unwrap());
    }

    #[test]
    fn booleans_as_one_and_zero() {
        assert!(bool_of("1").unwrap());
        assert!(!bool_of("0").unwrap());
        assert!(bool_of("\"1\"").unwrap());
        assert!(!bool_of("\"0\"").unwrap());
    }

    #[test]
    fn other_booleans_are_clear_errors() {
        let err = bool_of("\"yes\"").unwrap_err().to_string();
        assert!(err.contains("\"yes\"") && err.contains("boolean"), "{err}");
        assert!(bool_of("2").is_err());
        assert!(bool_of("null").is_err());
    }

    #[test]
    fn decimals_as_strings() {
        assert_eq!(dec("\"3903.00\"").unwrap(), "3903.00");
        assert_eq!(dec("\" -1.5 \"").unwrap(), "-1.5");
        assert_eq!(dec("\"1e3\"").unwrap(), "1000");
    }

    #[test]
    fn decimals_as_numbers() {
        assert_eq!(dec("45.0").unwrap(), "45");
        assert_eq!(dec("0.1").unwrap(), "0.1");
        assert_eq!(dec("45").unwrap(), "45");
        assert_eq!(dec("-7").unwrap(), "-7");
    }

    #[test]
    fn other_decimals_are_clear_errors() {
        let err = dec("\"4,5\"").unwrap_err().to_string();
        assert!(err.contains("\"4,5\"") && err.contains("decimal"), "{err}");
        assert!(dec("true").is_err());
    }

    #[test]
    fn options_take_null() {
        let v: Lenient<Option<bool>> = serde_json::from_str("null").unwrap();
        assert_eq!(v.0, None);
        let v: Lenient<Option<bool>> = serde_json::from_str("\"F\"").unwrap();
        assert_eq!(v.0, Some(false));
        let v: Lenient<Option<Decimal>> = serde_json::from_str("12.5").unwrap();
        assert_eq!(v.0.map(|d| d.to_string()).as_deref(), Some("12.5"));
    }
}
