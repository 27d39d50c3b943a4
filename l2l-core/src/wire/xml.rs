//! L2L's XML responses (`format=xml`), read into the same types as JSON.
//!
//! The shape is the docs' own: `<response><data><resource>...</resource></data>
//! <success>True</success>...</response>`. Every value is text: `None` (or an empty
//! element) is null, `True`/`False` are booleans, numbers are parsed where a number is
//! expected. A `<data>` whose children are all `<resource>` is a list, even of one.

use std::fmt;

use quick_xml::events::Event;
use serde::de::{
    self, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, SeqAccess, Visitor,
};

/// An XML element: text, or child elements in document order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    /// An element holding text (or nothing).
    Text(String),
    /// An element holding elements.
    Elem(Vec<(String, Node)>),
}

/// Why XML could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XmlError(pub String);

impl fmt::Display for XmlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for XmlError {}

impl de::Error for XmlError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        XmlError(msg.to_string())
    }
}

/// An element being read: its name, its text, its children.
type Open = (String, String, Vec<(String, Node)>);

/// Parses a document into its root element's name and content.
pub fn parse(xml: &str) -> Result<(String, Node), XmlError> {
    // Text is not trimmed piecewise: a reference such as `&amp;` arrives as an event of its
    // own between two pieces of text, and the spaces around it belong to the value. A leaf's
    // whole text is trimmed when its element closes.
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut stack: Vec<Open> = Vec::new();
    let mut root = None;
    loop {
        let event = reader.read_event().map_err(|e| {
            XmlError(format!(
                "malformed XML at byte {}: {e}",
                reader.buffer_position()
            ))
        })?;
        match event {
            Event::Start(e) => {
                let name = AsRef::<str>::as_ref(&e.local_name()).to_owned();
                if root.is_some() {
                    return Err(XmlError("content after the root element".into()));
                }
                stack.push((name, String::new(), Vec::new()));
            }
            Event::Empty(e) => {
                let name = AsRef::<str>::as_ref(&e.local_name()).to_owned();
                match stack.last_mut() {
                    Some(parent) => parent.2.push((name, Node::Text(String::new()))),
                    None => root = Some((name, Node::Text(String::new()))),
                }
            }
            Event::Text(t) => {
                let text = t.xml_content(quick_xml::XmlVersion::Implicit1_0);
                match stack.last_mut() {
                    Some(open) => open.1.push_str(&text),
                    None if text.trim().is_empty() => {}
                    None => return Err(XmlError("text outside the root element".into())),
                }
            }
            Event::GeneralRef(r) => {
                let resolved = match r
                    .resolve_char_ref()
                    .map_err(|e| XmlError(format!("bad character reference in XML: {e}")))?
                {
                    Some(c) => c.to_string(),
                    None => {
                        let name = r.into_inner();
                        quick_xml::escape::resolve_xml_entity(&name)
                            .ok_or_else(|| XmlError(format!("unknown entity &{name}; in XML")))?
                            .to_owned()
                    }
                };
                match stack.last_mut() {
                    Some(open) => open.1.push_str(&resolved),
                    None => return Err(XmlError("text outside the root element".into())),
                }
            }
            Event::CData(t) => {
                if let Some(open) = stack.last_mut() {
                    open.1.push_str(&t);
                }
            }
            Event::End(_) => {
                let (name, text, children) = stack
                    .pop()
                    .ok_or_else(|| XmlError("closing tag without an opening one".into()))?;
                let node = if children.is_empty() {
                    Node::Text(text.trim().to_owned())
                } else {
                    Node::Elem(children)
                };
                match stack.last_mut() {
                    Some(parent) => parent.2.push((name, node)),
                    None => root = Some((name, node)),
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !stack.is_empty() {
        return Err(XmlError(format!(
            "XML ends inside <{}> (truncated)",
            stack.last().map(|s| s.0.as_str()).unwrap_or("")
        )));
    }
    root.ok_or_else(|| XmlError("no root element (empty body)".into()))
}

/// A serde deserializer over a parsed [`Node`].
pub struct NodeDeserializer<'a>(pub &'a Node);

fn is_null(s: &str) -> bool {
    s.is_empty() || s == "None"
}

fn parse_bool(s: &str) -> Option<bool> {
    match s {
        "True" | "true" | "1" | "T" | "Y" => Some(true),
        "False" | "false" | "0" | "F" | "N" => Some(false),
        _ => None,
    }
}

impl<'a> NodeDeserializer<'a> {
    fn text(&self) -> Result<&'a str, XmlError> {
        match self.0 {
            Node::Text(s) => Ok(s.trim()),
            Node::Elem(_) => Err(XmlError("expected a value, found nested elements".into())),
        }
    }

    fn is_list(children: &[(String, Node)]) -> bool {
        children.iter().all(|(n, _)| n == "resource")
    }
}

macro_rules! parse_number {
    ($($method:ident => $visit:ident : $t:ty),* $(,)?) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, XmlError> {
            let s = self.text()?;
            let v: $t = s.parse().map_err(|_| XmlError(format!(
                "expected {}, found {:?}", stringify!($t), s
            )))?;
            visitor.$visit(v)
        }
    )*};
}

impl<'de> Deserializer<'de> for NodeDeserializer<'de> {
    type Error = XmlError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, XmlError> {
        match self.0 {
            Node::Elem(children) if Self::is_list(children) => {
                visitor.visit_seq(Seq(children.iter()))
            }
            Node::Elem(children) => visitor.visit_map(Map {
                iter: children.iter(),
                value: None,
            }),
            Node::Text(s) => {
                let s = s.trim();
                if s == "None" {
                    return visitor.visit_unit();
                }
                if let Some(b) = parse_bool(s).filter(|_| s.len() > 1) {
                    return visitor.visit_bool(b);
                }
                match s.parse::<i64>() {
                    Ok(n) if n.to_string() == s => visitor.visit_i64(n),
                    _ => visitor.visit_str(s),
                }
            }
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, XmlError> {
        match self.0 {
            Node::Text(s) if is_null(s.trim()) => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, XmlError> {
        let s = self.text()?;
        let b = parse_bool(s)
            .ok_or_else(|| XmlError(format!("expected True or False, found {s:?}")))?;
        visitor.visit_bool(b)
    }

    parse_number!(
        deserialize_i8 => visit_i8: i8, deserialize_i16 => visit_i16: i16,
        deserialize_i32 => visit_i32: i32, deserialize_i64 => visit_i64: i64,
        deserialize_i128 => visit_i128: i128,
        deserialize_u8 => visit_u8: u8, deserialize_u16 => visit_u16: u16,
        deserialize_u32 => visit_u32: u32, deserialize_u64 => visit_u64: u64,
        deserialize_u128 => visit_u128: u128,
        deserialize_f32 => visit_f32: f32, deserialize_f64 => visit_f64: f64,
    );

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, XmlError> {
        visitor.visit_str(self.text()?)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, XmlError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, XmlError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, XmlError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, XmlError> {
        visitor.visit_bytes(self.text()?.as_bytes())
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, XmlError> {
        self.deserialize_bytes(visitor)
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, XmlError> {
        visitor.visit_unit()
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, XmlError> {
        visitor.visit_unit()
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, XmlError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, XmlError> {
        match self.0 {
            Node::Elem(children) => visitor.visit_seq(Seq(children.iter())),
            Node::Text(s) if s.trim().is_empty() || s.trim() == "None" => {
                visitor.visit_seq(Seq([].iter()))
            }
            Node::Text(s) => Err(XmlError(format!("expected a list, found {s:?}"))),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, XmlError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, XmlError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, XmlError> {
        match self.0 {
            Node::Elem(children) => visitor.visit_map(Map {
                iter: children.iter(),
                value: None,
            }),
            Node::Text(s) if s.trim().is_empty() => visitor.visit_map(Map {
                iter: [].iter(),
                value: None,
            }),
            Node::Text(s) => Err(XmlError(format!("expected a record, found {s:?}"))),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, XmlError> {
        self.deserialize_map(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, XmlError> {
        visitor.visit_enum(self.text()?.into_deserializer())
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, XmlError> {
        visitor.visit_unit()
    }
}

struct Seq<'a>(std::slice::Iter<'a, (String, Node)>);

impl<'de> SeqAccess<'de> for Seq<'de> {
    type Error = XmlError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, XmlError> {
        self.0
            .next()
            .map(|(_, node)| seed.deserialize(NodeDeserializer(node)))
            .transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

struct Map<'a> {
    iter: std::slice::Iter<'a, (String, Node)>,
    value: Option<&'a Node>,
}

impl<'de> MapAccess<'de> for Map<'de> {
    type Error = XmlError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, XmlError> {
        match self.iter.next() {
            Some((name, node)) => {
                self.value = Some(node);
                seed.deserialize(name.as_str().into_deserializer())
                    .map(Some)
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, XmlError> {
        let node = self
            .value
            .take()
            .ok_or_else(|| XmlError("value asked for before its key".into()))?;
        seed.deserialize(NodeDeserializer(node))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_docs_shape() {
        let (root, node) = parse(
            r#"<?xml version="1.0" encoding="utf-8"?> <response> <data> <resource> <id>3</id> <created>None</created> </resource> </data> <success>True</success> </response>"#,
        )
        .unwrap();
        assert_eq!(root, "response");
        let v: serde_json::Value =
            serde::Deserialize::deserialize(NodeDeserializer(&node)).unwrap();
        assert_eq!(
            v,
            serde_json::json!({"data": [{"id": 3, "created": null}], "success": true})
        );
    }

    #[test]
    fn broken_xml_is_an_error() {
        assert!(parse("").unwrap_err().0.contains("empty"));
        assert!(
            parse("<response><data>")
                .unwrap_err()
                .0
                .contains("truncated")
        );
        assert!(parse("<response></data>").is_err());
        assert!(parse("<a>&bogus;</a>").is_err());
    }
}
