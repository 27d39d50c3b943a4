//! Keeping secrets out of every output: the [`Secret`] wrapper and text redaction.
//!
//! The API key and the signing secret live in [`Secret`]s, whose `Debug` and `Display`
//! print `***`. Text that could echo a secret (a response body, a query string, a
//! transport error) goes through [`redact`] before it is stored in an error or logged.

use std::fmt;

/// A string that never shows itself: `Debug` and `Display` print `***`.
///
/// ```
/// use l2l_core::Secret;
/// let key = Secret::new("key123");
/// assert_eq!(format!("{key:?} {key}"), "*** ***");
/// assert_eq!(key.expose(), "key123");
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Secret {
        Secret(value.into())
    }

    /// The value itself, for the one place that sends it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

/// The names of arguments whose values are never shown.
pub const SECRET_ARGS: [&str; 2] = ["auth", "_signature"];

/// `text` with every occurrence of each secret (raw or URL-escaped) replaced by `***`, and
/// the value of every `auth=` argument hidden.
pub fn redact(text: &str, secrets: &[&Secret]) -> String {
    let mut out = hide_args(text);
    for s in secrets {
        let raw = s.expose();
        if raw.len() >= 3 {
            out = out.replace(raw, "***");
            let escaped = crate::wire::encode::escape(raw);
            if escaped != raw {
                out = out.replace(&escaped, "***");
            }
        }
    }
    out
}

/// Hides the values of `auth=` and `_signature=` arguments in a query string or body.
fn hide_args(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    'scan: while !rest.is_empty() {
        for name in SECRET_ARGS {
            if let Some(after) = rest.strip_prefix(name).and_then(|r| r.strip_prefix('='))
                && at_arg_start(text, rest)
            {
                out.push_str(name);
                out.push_str("=***");
                let end = after
                    .find(['&', ' ', '"', '\'', '\n', '<'])
                    .unwrap_or(after.len());
                rest = &after[end..];
                continue 'scan;
            }
        }
        let ch = rest.chars().next().unwrap_or(' ');
        out.push(ch);
        rest = &rest[ch.len_utf8()..];
    }
    out
}

fn at_arg_start(whole: &str, rest: &str) -> bool {
    let pos = whole.len() - rest.len();
    pos == 0 || matches!(whole.as_bytes()[pos - 1], b'?' | b'&' | b' ' | b'"' | b'\n')
}

/// The first `max` characters of `text`, redacted, on one line.
pub fn snippet(text: &str, max: usize, secrets: &[&Secret]) -> String {
    let one_line: String = text
        .chars()
        .take(max)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let mut s = redact(one_line.trim(), secrets);
    if text.chars().count() > max {
        s.push('…');
    }
    if s.is_empty() {
        s.push_str("(empty body)");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hides_auth_arguments_and_raw_secrets() {
        let key = Secret::new("k3y/With+Odd=chars");
        let s = redact(
            "GET /api/1.0/sites/?auth=abc&limit=2 body has k3y/With+Odd=chars and k3y%2FWith%2BOdd%3Dchars",
            &[&key],
        );
        assert_eq!(
            s,
            "GET /api/1.0/sites/?auth=***&limit=2 body has *** and ***"
        );
        assert_eq!(redact("author=me&x_auth=1", &[]), "author=me&x_auth=1");
        assert_eq!(redact("_signature=abc%3D", &[]), "_signature=***");
    }

    #[test]
    fn snippets_are_short_and_single_line() {
        assert_eq!(
            snippet("<html>\n<h1>502</h1>", 100, &[]),
            "<html> <h1>502</h1>"
        );
        assert_eq!(snippet("", 10, &[]), "(empty body)");
        assert_eq!(snippet("abcdef", 3, &[]), "abc…");
    }
}
