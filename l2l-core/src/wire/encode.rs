//! URL escaping, done exactly once when a request is rendered.
//!
//! Every byte outside the unreserved set (`A-Z a-z 0-9 - . _ ~`) is percent-escaped, so a
//! space becomes `%20` (never `+`), and `&`, `=`, `+`, `#`, `%` and non-ASCII survive the
//! round trip. Commas are kept as they are, for readable `order_by` and `fields` lists.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

const VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b',');

/// Appends `s`, escaped, to `out`.
pub fn escape_into(out: &mut String, s: &str) {
    out.extend(utf8_percent_encode(s, VALUE));
}

/// `s`, escaped.
///
/// ```
/// assert_eq!(l2l_core::wire::escape("Line 33"), "Line%2033");
/// ```
pub fn escape(s: &str) -> String {
    utf8_percent_encode(s, VALUE).to_string()
}

/// `k1=v1&k2=v2`, every key and value escaped once.
pub fn pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let mut out = String::new();
    for (i, (k, v)) in pairs.into_iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        escape_into(&mut out, k);
        out.push('=');
        escape_into(&mut out, v);
    }
    out
}

/// Decodes `k=v&...` (a query string or form body) back into pairs; `+` is a space.
pub fn decode_pairs(s: &str) -> Vec<(String, String)> {
    s.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (unescape(k), unescape(v))
        })
        .collect()
}

fn unescape(s: &str) -> String {
    let s = s.replace('+', " ");
    percent_encoding::percent_decode_str(&s)
        .decode_utf8_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_exactly_once_and_round_trips() {
        // B03
        assert_eq!(escape("Line 33"), "Line%2033");
        let nasty = "a b&c=d+e#f%g/h?i,é漢🙂";
        let rendered = pairs([("code", nasty)]);
        assert_eq!(
            rendered,
            "code=a%20b%26c%3Dd%2Be%23f%25g%2Fh%3Fi,%C3%A9%E6%BC%A2%F0%9F%99%82"
        );
        assert_eq!(decode_pairs(&rendered), vec![("code".into(), nasty.into())]);
    }
}
