//! The response envelope: `success`, `data` (a list, one record, or absent), `error`,
//! `errors`, `offset` and `limit`, in JSON or XML, decoded in one pass into typed records.
//!
//! HTTP 200 with `success: false` becomes [`Error::Api`]; a body that is not the envelope
//! becomes [`Error::Decode`] with the path where decoding stopped and a snippet.

use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{self, DeserializeOwned, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::error::Error;
use crate::wire::redact::Secret;
use crate::wire::xml;

/// The response format asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// JSON, L2L's default.
    #[default]
    Json,
    /// XML (`format=xml`), decoded into the same types.
    Xml,
}

/// What `data` held.
#[derive(Debug, Clone, PartialEq)]
pub enum Data<T> {
    /// A list of records (list GETs, and some actions).
    List(Vec<T>),
    /// One record (a GET by id, a create or update, most actions).
    One(T),
}

impl<T> Data<T> {
    /// The records, one or many.
    pub fn into_vec(self) -> Vec<T> {
        match self {
            Data::List(v) => v,
            Data::One(t) => vec![t],
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Data<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = Data<T>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list of records or one record")
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Data<T>, A::Error> {
                let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
                while let Some(item) = seq.next_element()? {
                    out.push(item);
                }
                Ok(Data::List(out))
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Data<T>, A::Error> {
                T::deserialize(de::value::MapAccessDeserializer::new(map)).map(Data::One)
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Data<T>, E> {
                // An empty XML <data/> is an empty list.
                if v.trim().is_empty() {
                    Ok(Data::List(Vec::new()))
                } else {
                    Err(E::invalid_type(de::Unexpected::Str(v), &self))
                }
            }
        }
        d.deserialize_any(V(PhantomData))
    }
}

/// The messages of `errors`: a list of strings, or a map of field to message(s).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Messages(pub Vec<String>);

impl<'de> Deserialize<'de> for Messages {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = serde_json::Value::deserialize(d)?;
        let mut out = Vec::new();
        flatten(&v, None, &mut out);
        Ok(Messages(out))
    }
}

fn flatten(v: &serde_json::Value, field: Option<&str>, out: &mut Vec<String>) {
    use serde_json::Value as J;
    match v {
        J::Null => {}
        J::String(s) => out.push(match field {
            Some(f) => format!("{f}: {s}"),
            None => s.clone(),
        }),
        J::Array(items) => items.iter().for_each(|i| flatten(i, field, out)),
        J::Object(map) => map.iter().for_each(|(k, i)| flatten(i, Some(k), out)),
        other => out.push(match field {
            Some(f) => format!("{f}: {other}"),
            None => other.to_string(),
        }),
    }
}

/// A decoded envelope.
#[derive(Debug, Clone, Deserialize)]
#[serde(bound = "T: Deserialize<'de>")]
pub struct Envelope<T> {
    /// Whether the call succeeded.
    pub success: bool,
    /// The record or records.
    #[serde(default)]
    pub data: Option<Data<T>>,
    /// The error message, when `success` is false.
    #[serde(default)]
    pub error: Option<String>,
    /// Validation messages, when `success` is false.
    #[serde(default)]
    pub errors: Option<Messages>,
    /// The offset of a list page.
    #[serde(default, deserialize_with = "lenient_number")]
    pub offset: Option<u64>,
    /// The page size the server used.
    #[serde(default, deserialize_with = "lenient_number")]
    pub limit: Option<u64>,
}

/// Accepts a number, a numeric string or null.
fn lenient_number<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    struct V;
    impl<'de> Visitor<'de> for V {
        type Value = Option<u64>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a non-negative whole number")
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Ok(Some(v))
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            u64::try_from(v)
                .map(Some)
                .map_err(|_| E::custom(format!("negative number {v}")))
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            v.trim()
                .parse()
                .map(Some)
                .map_err(|_| E::custom(format!("not a number: {v:?}")))
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D2: Deserializer<'de>>(self, d: D2) -> Result<Self::Value, D2::Error> {
            d.deserialize_any(V)
        }
    }
    d.deserialize_any(V)
}

/// Just the status fields, for reading a failure whose `data` does not fit the record type.
#[derive(Debug, Deserialize)]
struct Status {
    success: bool,
    #[serde(default)]
    error: Option<String>,
    #[serde(default)]
    errors: Option<Messages>,
}

fn api_error(error: Option<String>, errors: Option<Messages>) -> Error {
    let mut messages: Vec<String> = error.into_iter().filter(|e| !e.is_empty()).collect();
    messages.extend(errors.map(|m| m.0).unwrap_or_default());
    if messages.is_empty() {
        messages.push("success was false, with no error message".into());
    }
    Error::Api { messages }
}

const SNIPPET: usize = 200;

/// Where and why a body failed to decode, and whether it was cut short.
struct Failure {
    path: String,
    message: String,
    truncated: bool,
}

impl Failure {
    fn at_top(message: String, truncated: bool) -> Failure {
        Failure {
            path: ".".into(),
            message,
            truncated,
        }
    }

    fn into_error(self, body: &[u8], secrets: &[&Secret]) -> Error {
        let text = String::from_utf8_lossy(body);
        Error::Decode {
            path: if self.path.is_empty() {
                ".".into()
            } else {
                self.path
            },
            message: crate::wire::redact::redact(&self.message, secrets),
            snippet: crate::wire::redact::snippet(&text, SNIPPET, secrets),
            truncated: self.truncated,
        }
    }
}

/// Decodes a whole body into `B` by way of serde (JSON, or XML read into a tree first),
/// keeping the path where decoding stopped.
fn decode_as<B: DeserializeOwned>(body: &[u8], format: Format) -> Result<B, Failure> {
    match format {
        Format::Json => {
            // The fast path checks the body's UTF-8 once, whole (the text reader then skips
            // checking each string), and decodes without tracking the path; only a body
            // that fails is decoded a second time, to say where it failed.
            if let Some(out) = std::str::from_utf8(body)
                .ok()
                .and_then(|text| serde_json::from_str(text).ok())
            {
                return Ok(out);
            }
            let mut de = serde_json::Deserializer::from_slice(body);
            let out = serde_path_to_error::deserialize(&mut de).map_err(|e| Failure {
                path: e.path().to_string(),
                truncated: e.inner().classify() == serde_json::error::Category::Eof,
                message: e.inner().to_string(),
            })?;
            de.end()
                .map_err(|e| Failure::at_top(e.to_string(), false))?;
            Ok(out)
        }
        Format::Xml => {
            let text = std::str::from_utf8(body)
                .map_err(|e| Failure::at_top(format!("not UTF-8: {e}"), false))?;
            let (root, node) = xml::parse(text).map_err(|e| {
                // A document that stops before its root element closes was cut short.
                let closed = text.trim_end().ends_with("</response>");
                Failure::at_top(e.0, !text.trim().is_empty() && !closed)
            })?;
            if root != "response" {
                return Err(Failure::at_top(
                    format!("expected <response>, found <{root}>"),
                    false,
                ));
            }
            // As for JSON: the path is tracked only to explain a failure.
            if let Ok(out) = B::deserialize(xml::NodeDeserializer(&node)) {
                return Ok(out);
            }
            serde_path_to_error::deserialize(xml::NodeDeserializer(&node)).map_err(|e| Failure {
                path: e.path().to_string(),
                message: e.inner().to_string(),
                truncated: false,
            })
        }
    }
}

/// Decodes an envelope whose `data` holds `T` records; `success: false` is [`Error::Api`].
pub fn decode<T: DeserializeOwned>(
    body: &[u8],
    format: Format,
    secrets: &[&Secret],
) -> Result<Envelope<T>, Error> {
    match decode_as::<Envelope<T>>(body, format) {
        Ok(env) if env.success => Ok(env),
        Ok(env) => Err(api_error(env.error, env.errors)),
        Err(failure) => match decode_as::<Status>(body, format) {
            Ok(s) if !s.success => Err(api_error(s.error, s.errors)),
            _ => Err(failure.into_error(body, secrets)),
        },
    }
}

/// Decodes a whole envelope into `B` (for action endpoints whose answer has fields of its
/// own, such as `machine` or `max_lastupdated`), after checking `success`.
pub fn decode_whole<B: DeserializeOwned>(
    body: &[u8],
    format: Format,
    secrets: &[&Secret],
) -> Result<B, Error> {
    match decode_as::<Status>(body, format) {
        Ok(s) if !s.success => return Err(api_error(s.error, s.errors)),
        Ok(_) => {}
        Err(failure) => return Err(failure.into_error(body, secrets)),
    }
    decode_as::<B>(body, format).map_err(|failure| failure.into_error(body, secrets))
}
