//! JSON primitives: escaped strings and numbers written straight into a byte buffer.

/// Appends `s` as a JSON string literal (quotes included).
pub fn string(buf: &mut Vec<u8>, s: &str) {
    buf.push(b'"');
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let esc: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0..=0x1f => {
                buf.extend_from_slice(&bytes[start..i]);
                const HEX: &[u8; 16] = b"0123456789abcdef";
                buf.extend_from_slice(b"\\u00");
                buf.push(HEX[(b >> 4) as usize]);
                buf.push(HEX[(b & 0xf) as usize]);
                start = i + 1;
                continue;
            }
            _ => continue,
        };
        buf.extend_from_slice(&bytes[start..i]);
        buf.extend_from_slice(esc);
        start = i + 1;
    }
    buf.extend_from_slice(&bytes[start..]);
    buf.push(b'"');
}

/// Appends an integer.
pub fn int(buf: &mut Vec<u8>, v: i64) {
    buf.extend_from_slice(itoa::Buffer::new().format(v).as_bytes());
}

/// Appends a float (`null` when it is not finite, which JSON cannot hold).
pub fn float(buf: &mut Vec<u8>, v: f64) {
    if v.is_finite() {
        buf.extend_from_slice(ryu::Buffer::new().format_finite(v).as_bytes());
    } else {
        buf.extend_from_slice(b"null");
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_like_serde_json() {
        for s in [
            "plain",
            "q\"b\\s",
            "line\nbreak\ttab\r",
            "\u{1}\u{1f}",
            "é漢🙂",
            "",
        ] {
            let mut buf = Vec::new();
            super::string(&mut buf, s);
            let back: String = serde_json::from_slice(&buf).unwrap();
            assert_eq!(back, s);
        }
    }
}
