//! JSON and JSON Lines.

use std::io::{self, Write};

use serde_json::Value;

/// The value on one line, then a newline.
pub fn line(out: &mut (impl Write + ?Sized), v: &Value) -> io::Result<()> {
    serde_json::to_writer(&mut *out, v)?;
    out.write_all(b"\n")
}

/// The value indented, then a newline.
pub fn pretty(out: &mut (impl Write + ?Sized), v: &Value) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, v)?;
    out.write_all(b"\n")
}

/// The value indented as an element of a pretty array (two spaces more), no newline after.
pub fn indented(out: &mut (impl Write + ?Sized), v: &Value) -> io::Result<()> {
    let text = serde_json::to_string_pretty(v)?;
    for (i, line) in text.lines().enumerate() {
        if i > 0 {
            out.write_all(b"\n")?;
        }
        out.write_all(b"  ")?;
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}

/// JSON text indented as [`pretty`] does, but with its keys in the order the server sent
/// them and its numbers exactly as written. `text` must be valid JSON (check it first).
pub fn pretty_raw(out: &mut (impl Write + ?Sized), text: &[u8]) -> io::Result<()> {
    let mut buf: Vec<u8> = Vec::with_capacity(text.len() + text.len() / 2);
    let mut depth = 0usize;
    let mut in_str = false;
    let mut escaped = false;
    let newline = |buf: &mut Vec<u8>, depth: usize| {
        buf.push(b'\n');
        buf.resize(buf.len() + 2 * depth, b' ');
    };
    let mut i = 0;
    while i < text.len() {
        let b = text[i];
        i += 1;
        if in_str {
            buf.push(b);
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_str = false,
                _ => {}
            }
            continue;
        }
        match b {
            b' ' | b'\t' | b'\n' | b'\r' => {}
            b'"' => {
                in_str = true;
                buf.push(b);
            }
            b'{' | b'[' => {
                buf.push(b);
                // An empty object or list stays on one line.
                let close = if b == b'{' { b'}' } else { b']' };
                let next = text[i..].iter().position(|c| !c.is_ascii_whitespace());
                if next.is_some_and(|n| text[i + n] == close) {
                    buf.push(close);
                    i += next.unwrap_or(0) + 1;
                } else {
                    depth += 1;
                    newline(&mut buf, depth);
                }
            }
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                newline(&mut buf, depth);
                buf.push(b);
            }
            b',' => {
                buf.push(b);
                newline(&mut buf, depth);
            }
            b':' => buf.extend_from_slice(b": "),
            _ => buf.push(b),
        }
    }
    buf.push(b'\n');
    out.write_all(&buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_pretty_keeps_key_order_and_matches_serde_json_layout() {
        let text = br#" {"z": 1, "a": [1.50, {"s": "a,\"b\":{"}, [], {}], "m": null} "#;
        let mut got = Vec::new();
        pretty_raw(&mut got, text).unwrap();
        let got = String::from_utf8(got).unwrap();
        let want = "{\n  \"z\": 1,\n  \"a\": [\n    1.50,\n    {\n      \"s\": \"a,\\\"b\\\":{\"\n    },\n    [],\n    {}\n  ],\n  \"m\": null\n}\n";
        assert_eq!(got, want);
        // The same text as serde_json's own layout, but for the key order and numbers.
        let v: Value = serde_json::from_slice(br#"{"a": [1, {"s": "x"}, [], {}]}"#).unwrap();
        let mut theirs = Vec::new();
        pretty(&mut theirs, &v).unwrap();
        let mut ours = Vec::new();
        pretty_raw(&mut ours, br#"{"a": [1, {"s": "x"}, [], {}]}"#).unwrap();
        assert_eq!(
            String::from_utf8(ours).unwrap(),
            String::from_utf8(theirs).unwrap()
        );
    }
}
