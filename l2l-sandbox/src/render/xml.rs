//! XML primitives: escaped text and the conversion of stored JSON values into elements.

/// Appends `s` with `&`, `<`, `>`, `"` and `'` escaped, and characters XML 1.0 cannot hold
/// (control characters other than tab, newline and carriage return) dropped.
pub(crate) fn text(buf: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let esc: &[u8] = match b {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'"' => b"&quot;",
            b'\'' => b"&apos;",
            b'\t' | b'\n' | b'\r' => continue,
            0..=0x1f => b"",
            _ => continue,
        };
        buf.extend_from_slice(&bytes[start..i]);
        buf.extend_from_slice(esc);
        start = i + 1;
    }
    buf.extend_from_slice(&bytes[start..]);
}

/// Whether `name` can be written as an element name as it is.
pub(crate) fn is_name(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_markup() {
        let mut buf = Vec::new();
        super::text(&mut buf, "a<b>&\"c'\u{1}");
        assert_eq!(buf, b"a&lt;b&gt;&amp;&quot;c&apos;");
        assert!(super::is_name("custom__color"));
        assert!(!super::is_name("1x"));
        assert!(!super::is_name("a b"));
    }
}
