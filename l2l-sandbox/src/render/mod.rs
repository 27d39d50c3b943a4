//! Writing answers: one streaming emitter ([`Out`]) for both formats, so that every
//! handler writes its envelope once and gets JSON or the docs' XML.
//!
//! JSON is L2L's: `{"limit": 2, "data": [...], "success": true, "offset": 0}`. XML is the
//! docs' shape: `<?xml version="1.0" encoding="utf-8"?>`, `<response>`, `<data>`, one
//! `<resource>` per list item, `True`/`False` for booleans and `None` for null.
//!
//! Datetimes are stored as `YYYY-MM-DDTHH:MM:SS.ffffff`. JSON writes them as the docs' JSON
//! example does, with a space (`2010-12-30 11:52:50`), and milliseconds
//! (`2010-12-30 11:52:50.000`), or microseconds with `l2lfmt_microseconds=true`; XML writes
//! them as the docs' XML example does (`2010-12-30 11:52:50`, with `.ffffff` only when the
//! fraction is not zero).

pub(crate) mod json;
pub(crate) mod xml;

use l2l_core::Format;

/// The `Content-Type` of an answer in `format`.
pub(crate) fn content_type(format: Format) -> &'static str {
    match format {
        Format::Json => "application/json",
        Format::Xml => "application/xml; charset=utf-8",
    }
}

#[derive(Debug)]
enum Frame {
    Obj { first: bool },
    Arr { first: bool },
}

/// A streaming writer of one answer, in JSON or XML.
///
/// ```
/// use l2l_core::Format;
/// use l2l_sandbox::Out;
/// let mut out = Out::new(Format::Xml, false);
/// out.begin();
/// out.key("data");
/// out.begin_array();
/// out.int(7);
/// out.end_array();
/// out.key("success");
/// out.bool(true);
/// out.end();
/// let xml = String::from_utf8(out.into_bytes()).unwrap();
/// assert!(xml.ends_with("<response><data><resource>7</resource></data><success>True</success></response>"));
/// ```
#[derive(Debug)]
pub struct Out {
    buf: Vec<u8>,
    format: Format,
    micros: bool,
    stack: Vec<Frame>,
    keys: Vec<Box<str>>,
}

impl Out {
    /// A writer for `format`; `micros` writes JSON datetimes with microseconds.
    pub fn new(format: Format, micros: bool) -> Out {
        Out {
            buf: Vec::with_capacity(4096),
            format,
            micros,
            stack: Vec::with_capacity(8),
            keys: Vec::with_capacity(8),
        }
    }

    /// The format being written.
    pub fn format(&self) -> Format {
        self.format
    }

    /// The bytes written so far.
    pub fn into_bytes(self) -> Vec<u8> {
        self.buf
    }

    /// Reserves room for `n` more bytes.
    pub fn reserve(&mut self, n: usize) {
        self.buf.reserve(n);
    }

    /// Opens the envelope (`{` or the XML declaration and `<response>`).
    pub fn begin(&mut self) {
        if self.format == Format::Xml {
            self.buf
                .extend_from_slice(b"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<response>");
        } else {
            self.buf.push(b'{');
        }
        self.stack.push(Frame::Obj { first: true });
    }

    /// Closes the envelope.
    pub fn end(&mut self) {
        self.stack.pop();
        if self.format == Format::Xml {
            self.buf.extend_from_slice(b"</response>");
        } else {
            self.buf.push(b'}');
        }
    }

    fn before_value(&mut self) {
        if let Some(Frame::Arr { first }) = self.stack.last_mut() {
            match self.format {
                Format::Json => {
                    if !*first {
                        self.buf.push(b',');
                    }
                }
                Format::Xml => self.buf.extend_from_slice(b"<resource>"),
            }
            *first = false;
        }
    }

    fn after_value(&mut self) {
        if self.format == Format::Json {
            return;
        }
        match self.stack.last() {
            Some(Frame::Arr { .. }) => self.buf.extend_from_slice(b"</resource>"),
            Some(Frame::Obj { .. }) => {
                if let Some(name) = self.keys.pop() {
                    self.buf.extend_from_slice(b"</");
                    self.buf.extend_from_slice(name.as_bytes());
                    self.buf.push(b'>');
                }
            }
            None => {}
        }
    }

    /// Writes the key of the next value in the current object.
    pub fn key(&mut self, name: &str) {
        let first = match self.stack.last_mut() {
            Some(Frame::Obj { first }) => std::mem::replace(first, false),
            _ => false,
        };
        match self.format {
            Format::Json => {
                if !first {
                    self.buf.push(b',');
                }
                json::string(&mut self.buf, name);
                self.buf.push(b':');
            }
            Format::Xml => {
                let name: Box<str> = if xml::is_name(name) {
                    name.into()
                } else {
                    name.chars()
                        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
                        .collect::<String>()
                        .into()
                };
                self.buf.push(b'<');
                self.buf.extend_from_slice(name.as_bytes());
                self.buf.push(b'>');
                self.keys.push(name);
            }
        }
    }

    /// Opens an object value.
    pub fn begin_object(&mut self) {
        self.before_value();
        if self.format == Format::Json {
            self.buf.push(b'{');
        }
        self.stack.push(Frame::Obj { first: true });
    }

    /// Closes an object value.
    pub fn end_object(&mut self) {
        self.stack.pop();
        if self.format == Format::Json {
            self.buf.push(b'}');
        }
        self.after_value();
    }

    /// Opens a list value.
    pub fn begin_array(&mut self) {
        self.before_value();
        if self.format == Format::Json {
            self.buf.push(b'[');
        }
        self.stack.push(Frame::Arr { first: true });
    }

    /// Closes a list value.
    pub fn end_array(&mut self) {
        self.stack.pop();
        if self.format == Format::Json {
            self.buf.push(b']');
        }
        self.after_value();
    }

    /// Writes null (`None` in XML).
    pub fn null(&mut self) {
        self.before_value();
        self.buf.extend_from_slice(match self.format {
            Format::Json => b"null",
            Format::Xml => b"None",
        });
        self.after_value();
    }

    /// Writes a boolean (`True`/`False` in XML).
    pub fn bool(&mut self, v: bool) {
        self.before_value();
        self.buf.extend_from_slice(match (self.format, v) {
            (Format::Json, true) => b"true",
            (Format::Json, false) => b"false",
            (Format::Xml, true) => b"True",
            (Format::Xml, false) => b"False",
        });
        self.after_value();
    }

    /// Writes an integer.
    pub fn int(&mut self, v: i64) {
        self.before_value();
        json::int(&mut self.buf, v);
        self.after_value();
    }

    /// Writes a float.
    pub fn float(&mut self, v: f64) {
        self.before_value();
        json::float(&mut self.buf, v);
        self.after_value();
    }

    /// Writes a string.
    pub fn str(&mut self, s: &str) {
        self.before_value();
        match self.format {
            Format::Json => json::string(&mut self.buf, s),
            Format::Xml => xml::text(&mut self.buf, s),
        }
        self.after_value();
    }

    /// Writes a stored datetime (`YYYY-MM-DDTHH:MM:SS.ffffff`) in the answer's style.
    pub fn datetime(&mut self, stored: &str) {
        let b = stored.as_bytes();
        if b.len() != 26 || !stored.is_ascii() {
            return self.str(stored);
        }
        self.before_value();
        match self.format {
            Format::Json => {
                let end = if self.micros { 26 } else { 23 };
                self.buf.push(b'"');
                self.buf.extend_from_slice(&b[..10]);
                self.buf.push(b' ');
                self.buf.extend_from_slice(&b[11..end]);
                self.buf.push(b'"');
            }
            Format::Xml => {
                self.buf.extend_from_slice(&b[..10]);
                self.buf.push(b' ');
                if &b[20..] == b"000000" {
                    self.buf.extend_from_slice(&b[11..19]);
                } else {
                    self.buf.extend_from_slice(&b[11..]);
                }
            }
        }
        self.after_value();
    }

    /// Writes a JSON value (a stored JSON field, an action's extra data).
    pub fn json(&mut self, v: &serde_json::Value) {
        use serde_json::Value as J;
        match v {
            J::Null => self.null(),
            J::Bool(b) => self.bool(*b),
            J::Number(n) => match (n.as_i64(), n.as_f64()) {
                (Some(i), _) => self.int(i),
                (None, Some(f)) => self.float(f),
                _ => self.str(&n.to_string()),
            },
            J::String(s) => self.str(s),
            J::Array(items) => {
                self.begin_array();
                for i in items {
                    self.json(i);
                }
                self.end_array();
            }
            J::Object(map) => {
                self.begin_object();
                for (k, i) in map {
                    self.key(k);
                    self.json(i);
                }
                self.end_object();
            }
        }
    }

    /// Writes stored JSON text: copied as it is in JSON, converted to elements in XML.
    pub fn raw_json(&mut self, text: &str) {
        if self.format == Format::Json
            && serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok()
        {
            self.before_value();
            self.buf.extend_from_slice(text.as_bytes());
            self.after_value();
            return;
        }
        match serde_json::from_str::<serde_json::Value>(text) {
            Ok(v) => self.json(&v),
            Err(_) => self.str(text),
        }
    }

    /// A whole failure envelope: `{"success": false, "error": ...}` and, when there are
    /// several messages, `errors`.
    pub fn failure(format: Format, error: &str, errors: &[String]) -> Vec<u8> {
        let mut out = Out::new(format, false);
        out.begin();
        out.key("success");
        out.bool(false);
        out.key("error");
        out.str(error);
        if !errors.is_empty() {
            out.key("errors");
            out.begin_array();
            for e in errors {
                out.str(e);
            }
            out.end_array();
        }
        out.end();
        out.into_bytes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(format: Format) -> String {
        let mut out = Out::new(format, false);
        out.begin();
        out.key("limit");
        out.int(2);
        out.key("data");
        out.begin_array();
        for (id, desc) in [(3, "Sandbox"), (8, "A & B")] {
            out.begin_object();
            out.key("description");
            out.str(desc);
            out.key("created");
            out.null();
            out.key("when");
            out.datetime("2010-12-30T11:52:50.000000");
            out.key("id");
            out.int(id);
            out.end_object();
        }
        out.end_array();
        out.key("success");
        out.bool(true);
        out.key("offset");
        out.int(0);
        out.end();
        String::from_utf8(out.into_bytes()).unwrap()
    }

    #[test]
    fn json_and_xml_lists_have_the_docs_shape() {
        let json = list(Format::Json);
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["data"][1]["description"], "A & B");
        assert_eq!(v["data"][0]["when"], "2010-12-30 11:52:50.000");
        // The client in l2l-core reads the space.
        let read: l2l_core::DateTime = v["data"][0]["when"].as_str().unwrap().parse().unwrap();
        assert_eq!(read.to_string(), "2010-12-30T11:52:50");
        assert_eq!(
            list(Format::Xml),
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<response><limit>2</limit><data>\
             <resource><description>Sandbox</description><created>None</created><when>2010-12-30 11:52:50</when><id>3</id></resource>\
             <resource><description>A &amp; B</description><created>None</created><when>2010-12-30 11:52:50</when><id>8</id></resource>\
             </data><success>True</success><offset>0</offset></response>"
        );
    }

    #[test]
    fn failures_carry_error_and_errors() {
        let body = Out::failure(Format::Json, "bad", &["a".into(), "b".into()]);
        let v: serde_json::Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(v["success"], false);
        assert_eq!(v["errors"][1], "b");
    }
}
