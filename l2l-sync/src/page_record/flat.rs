//! The fast way to read a JSON page: a validating scan, eight bytes at a time in strings, of an envelope whose
//! records are flat objects (members that are strings, numbers, booleans or null, under
//! keys without an escape). It notes the same spans as the `serde_json` pass
//! ([`with_members`](super::with_members)) without its visitor machinery, and leaves every
//! other page to that pass, which reads (or refuses) it as it always did: a page with a
//! nested value, an escaped key or an empty record, and any text that is not JSON.
//!
//! Accepting nothing that `serde_json` refuses is this scan's contract; its property test
//! (`tests/page_rows.rs`) compares the two on valid pages and on their corruptions.

use std::ops::Range;
use std::sync::Arc;

use l2l_core::wire::{Data, Envelope};
use serde::Deserialize as _;
use serde_json::value::RawValue;

use super::{MemberAt, PageRecord, PageText};

/// The envelope of a successful JSON page whose records are all flat objects with plain
/// keys, each record's members noted; `None` for any other page.
pub(super) fn page(text: &str) -> Option<Envelope<PageRecord>> {
    // Offsets are kept in 32 bits: a page of 4 GiB or more is read the other way.
    u32::try_from(text.len()).ok()?;
    let mut c = Cursor {
        b: text.as_bytes(),
        i: 0,
    };
    let mut members = Vec::new();
    let mut data: Option<Scanned> = None;
    // The envelope less its `data`, for serde to read as it reads any envelope.
    let mut rest = String::from("{");
    c.ws();
    c.eat(b'{')?;
    c.ws();
    if c.peek()? == b'}' {
        c.i += 1;
    } else {
        loop {
            c.ws();
            let key_at = c.i;
            let key = c.string().filter(|k| k.plain)?;
            c.ws();
            c.eat(b':')?;
            c.ws();
            if &text[key.text.clone()] == "data" {
                // A repeated `data` is serde's to refuse.
                if data.is_some() {
                    return None;
                }
                data = Some(c.data(&mut members)?);
            } else {
                let value =
                    <&RawValue>::deserialize(&mut serde_json::Deserializer::from_str(&text[c.i..]))
                        .ok()?;
                // Where the value ends (serde steps over no whitespace here: none is left).
                c.i = value.get().as_ptr() as usize - text.as_ptr() as usize + value.get().len();
                if rest.len() > 1 {
                    rest.push(',');
                }
                rest.push_str(&text[key_at..c.i]);
            }
            c.ws();
            match c.peek()? {
                b',' => c.i += 1,
                b'}' => {
                    c.i += 1;
                    break;
                }
                _ => return None,
            }
        }
    }
    c.ws();
    if c.i != text.len() {
        return None;
    }
    rest.push('}');
    let env: Envelope<PageRecord> = serde_json::from_str(&rest).ok()?;
    if !env.success {
        return None;
    }
    let page = Arc::new(PageText {
        text: text.into(),
        members,
    });
    let record = |(text, members): (Range<usize>, Range<usize>)| PageRecord {
        page: Arc::clone(&page),
        text,
        members: Some(members),
    };
    let data = match data {
        None | Some(Scanned::Null) => None,
        Some(Scanned::One(r)) => Some(Data::One(record(r))),
        Some(Scanned::List(v)) => Some(Data::List(v.into_iter().map(record).collect())),
    };
    Some(Envelope { data, ..env })
}

/// A record's text and its members' place in the page's list.
type Spans = (Range<usize>, Range<usize>);

/// What a page's `data` holds.
enum Scanned {
    Null,
    One(Spans),
    List(Vec<Spans>),
}

/// A string read: the text between its quotes, and whether it has no escape.
struct Str {
    text: Range<usize>,
    plain: bool,
}

/// A place in a page's bytes.
struct Cursor<'a> {
    b: &'a [u8],
    i: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    /// Steps over `byte`, or fails.
    fn eat(&mut self, byte: u8) -> Option<()> {
        (self.peek()? == byte).then(|| self.i += 1)
    }

    /// Steps over JSON's whitespace.
    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.i += 1;
        }
    }

    /// A page's `data`: a list of flat objects, one flat object, or null.
    fn data(&mut self, members: &mut Vec<MemberAt>) -> Option<Scanned> {
        match self.peek()? {
            b'n' => self.literal(b"null").map(|()| Scanned::Null),
            b'{' => self.object(members).map(Scanned::One),
            b'[' => {
                self.i += 1;
                let mut records = Vec::new();
                self.ws();
                if self.peek()? == b']' {
                    self.i += 1;
                    return Some(Scanned::List(records));
                }
                loop {
                    self.ws();
                    records.push(self.object(members)?);
                    self.ws();
                    match self.peek()? {
                        b',' => self.i += 1,
                        b']' => {
                            self.i += 1;
                            return Some(Scanned::List(records));
                        }
                        _ => return None,
                    }
                }
            }
            _ => None,
        }
    }

    /// A flat object with at least one member, its members noted in `members`.
    fn object(&mut self, members: &mut Vec<MemberAt>) -> Option<Spans> {
        let (start, first) = (self.i, members.len());
        self.eat(b'{')?;
        loop {
            self.ws();
            let key = self.string().filter(|k| k.plain)?;
            self.ws();
            self.eat(b':')?;
            self.ws();
            let at = self.i;
            match self.peek()? {
                b'"' => {
                    self.string()?;
                }
                b'-' | b'0'..=b'9' => self.number()?,
                b't' => self.literal(b"true")?,
                b'f' => self.literal(b"false")?,
                b'n' => self.literal(b"null")?,
                // A nested value, or no JSON at all: the other pass.
                _ => return None,
            }
            members.push(MemberAt {
                key: span(key.text),
                value: span(at..self.i),
            });
            self.ws();
            match self.peek()? {
                b',' => self.i += 1,
                b'}' => {
                    self.i += 1;
                    return Some((start..self.i, first..members.len()));
                }
                _ => return None,
            }
        }
    }

    /// A string: escapes as JSON allows them, no control character.
    fn string(&mut self) -> Option<Str> {
        self.eat(b'"')?;
        let start = self.i;
        let mut plain = true;
        loop {
            let end = special(self.b, self.i)?;
            self.i = end + 1;
            if self.b[end] < 0x20 {
                return None;
            }
            if self.b[end] == b'"' {
                return Some(Str {
                    text: start..end,
                    plain,
                });
            }
            plain = false;
            match self.peek()? {
                b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => self.i += 1,
                b'u' => {
                    let hex = self.b.get(self.i + 1..self.i + 5)?;
                    if !hex.iter().all(u8::is_ascii_hexdigit) {
                        return None;
                    }
                    self.i += 5;
                }
                _ => return None,
            }
        }
    }

    /// A number as JSON writes one: `-`, no leading zero, a fraction, an exponent.
    fn number(&mut self) -> Option<()> {
        if self.peek()? == b'-' {
            self.i += 1;
        }
        match self.peek()? {
            b'0' => self.i += 1,
            b'1'..=b'9' => {
                self.digits();
            }
            _ => return None,
        }
        if self.peek() == Some(b'.') {
            self.i += 1;
            (self.digits() > 0).then_some(())?;
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.i += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.i += 1;
            }
            (self.digits() > 0).then_some(())?;
        }
        Some(())
    }

    /// Steps over digits; how many.
    fn digits(&mut self) -> usize {
        let from = self.i;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.i += 1;
        }
        self.i - from
    }

    /// Steps over `word` (`true`, `false`, `null`), or fails.
    fn literal(&mut self, word: &[u8]) -> Option<()> {
        (self.b.get(self.i..self.i + word.len())? == word).then(|| self.i += word.len())
    }
}

/// The first quote, backslash or control character of `b` from `i`: eight bytes at a time,
/// as `serde_json` looks for them.
fn special(b: &[u8], mut i: usize) -> Option<usize> {
    const ONES: u64 = u64::from_ne_bytes([1; 8]);
    const HIGH: u64 = ONES << 7;
    // A byte of `x` is flagged where it is zero, the lowest flag (first byte) exactly.
    let zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    while let Some(chunk) = b.get(i..i + 8) {
        let x = u64::from_le_bytes(chunk.try_into().ok()?);
        let found = zero(x ^ (ONES * u64::from(b'"')))
            | zero(x ^ (ONES * u64::from(b'\\')))
            | (x.wrapping_sub(ONES * 0x20) & !x & HIGH);
        if found != 0 {
            return Some(i + (found.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    let rest = b.get(i..)?;
    rest.iter()
        .position(|&c| c == b'"' || c == b'\\' || c < 0x20)
        .map(|k| i + k)
}

/// A range of the page as its 32-bit offset and length (the page is shorter than 4 GiB).
fn span(r: Range<usize>) -> (u32, u32) {
    (r.start as u32, (r.end - r.start) as u32)
}

#[cfg(test)]
mod tests;
