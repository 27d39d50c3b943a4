//! Reading Rust source for [`super::ModuleGraph`]: tokens without comments and literals,
//! the modules and `use` trees of a crate root, and the paths of a file that start at the
//! crate root.

use std::collections::BTreeSet;

/// A token of Rust source: an identifier or keyword, or one punctuation character (`::`
/// is kept whole), with its line.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Token {
    text: String,
    line: usize,
}

/// The identifiers and punctuation of `text`, without comments, string, byte-string and
/// character literals, lifetimes and numbers.
pub(super) fn tokens(text: &str) -> Vec<Token> {
    let c: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let (mut i, mut line) = (0, 1);
    let at = |i: usize| c.get(i).copied().unwrap_or('\0');
    while i < c.len() {
        let ch = c[i];
        if ch == '\n' {
            line += 1;
            i += 1;
        } else if ch.is_whitespace() {
            i += 1;
        } else if ch == '/' && at(i + 1) == '/' {
            while i < c.len() && c[i] != '\n' {
                i += 1;
            }
        } else if ch == '/' && at(i + 1) == '*' {
            let mut depth = 0;
            while i < c.len() {
                if c[i] == '/' && at(i + 1) == '*' {
                    depth += 1;
                    i += 2;
                } else if c[i] == '*' && at(i + 1) == '/' {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    line += usize::from(c[i] == '\n');
                    i += 1;
                }
            }
        } else if let Some(end) = raw_string_end(&c, i) {
            line += c[i..end].iter().filter(|&&x| x == '\n').count();
            i = end;
        } else if ch == '"' || (ch == 'b' && at(i + 1) == '"') {
            i += if ch == 'b' { 2 } else { 1 };
            while i < c.len() && c[i] != '"' {
                line += usize::from(c[i] == '\n');
                i += if c[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
        } else if ch == '\'' || (ch == 'b' && at(i + 1) == '\'') {
            // A character literal (`'a'`, `'\n'`, `b'x'`), or a lifetime (`'a`).
            let start = if ch == 'b' { i + 1 } else { i };
            if at(start + 1) == '\\' {
                i = start + 3;
                while i < c.len() && c[i] != '\'' {
                    i += 1;
                }
                i += 1;
            } else if at(start + 2) == '\'' {
                i = start + 3;
            } else {
                i = start + 1;
                while at(i).is_alphanumeric() || at(i) == '_' {
                    i += 1;
                }
            }
        } else if ch.is_alphabetic() || ch == '_' {
            let start = i;
            while at(i).is_alphanumeric() || at(i) == '_' {
                i += 1;
            }
            if at(i) == '#' && c[start..i] == ['r'] {
                // A raw identifier: r#name.
                i += 1;
                let s = i;
                while at(i).is_alphanumeric() || at(i) == '_' {
                    i += 1;
                }
                out.push(Token {
                    text: c[s..i].iter().collect(),
                    line,
                });
            } else {
                out.push(Token {
                    text: c[start..i].iter().collect(),
                    line,
                });
            }
        } else if ch.is_ascii_digit() {
            while at(i).is_alphanumeric()
                || at(i) == '_'
                || at(i) == '.' && at(i + 1).is_ascii_digit()
            {
                i += 1;
            }
        } else if ch == ':' && at(i + 1) == ':' {
            out.push(Token {
                text: "::".into(),
                line,
            });
            i += 2;
        } else {
            out.push(Token {
                text: ch.to_string(),
                line,
            });
            i += 1;
        }
    }
    out
}

/// Where a raw (byte) string starting at `i` ends (`r"…"`, `r#"…"#`, `br"…"`).
fn raw_string_end(c: &[char], i: usize) -> Option<usize> {
    if i > 0 && (c[i - 1].is_alphanumeric() || c[i - 1] == '_') {
        return None;
    }
    let mut j = i;
    if c.get(j) == Some(&'b') {
        j += 1;
    }
    if c.get(j) != Some(&'r') {
        return None;
    }
    j += 1;
    let mut hashes = 0;
    while c.get(j) == Some(&'#') {
        hashes += 1;
        j += 1;
    }
    if c.get(j) != Some(&'"') {
        return None;
    }
    j += 1;
    while j < c.len() {
        if c[j] == '"' && (1..=hashes).all(|h| c.get(j + h) == Some(&'#')) {
            return Some(j + 1 + hashes);
        }
        j += 1;
    }
    Some(c.len())
}

/// The modules a crate root declares from files: `mod x;` (any visibility or attributes).
pub(super) fn declared_modules(t: &[Token]) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut depth = 0usize;
    for (i, tok) in t.iter().enumerate() {
        match tok.text.as_str() {
            "{" => depth += 1,
            "}" => depth = depth.saturating_sub(1),
            "mod" if depth == 0 => {
                if let (Some(name), Some(semi)) = (t.get(i + 1), t.get(i + 2))
                    && semi.text == ";"
                {
                    out.insert(name.text.clone());
                }
            }
            _ => {}
        }
    }
    out
}

/// Every `use` of a file at the outer level, flattened: each imported path and the name it
/// takes (`use a::{b::C as D, e}` gives `(a b C, D)` and `(a e, e)`).
pub(super) fn use_trees(t: &[Token]) -> Vec<(Vec<String>, String)> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    while i < t.len() {
        match t[i].text.as_str() {
            "{" => depth += 1,
            "}" => depth = depth.saturating_sub(1),
            "use" if depth == 0 => {
                let end = t[i..]
                    .iter()
                    .position(|x| x.text == ";")
                    .map_or(t.len(), |p| i + p);
                let mut pos = i + 1;
                if t.get(pos).is_some_and(|x| x.text == "::") {
                    pos += 1;
                }
                tree(&t[..end], &mut pos, &mut Vec::new(), &mut out);
                i = end;
            }
            _ => {}
        }
        i += 1;
    }
    out
}

fn tree(
    t: &[Token],
    pos: &mut usize,
    prefix: &mut Vec<String>,
    out: &mut Vec<(Vec<String>, String)>,
) {
    let depth = prefix.len();
    loop {
        match t.get(*pos).map(|x| x.text.as_str()) {
            Some("{") => {
                *pos += 1;
                loop {
                    tree(t, pos, prefix, out);
                    match t.get(*pos).map(|x| x.text.as_str()) {
                        Some(",") => *pos += 1,
                        Some("}") => {
                            *pos += 1;
                            break;
                        }
                        _ => break,
                    }
                    if t.get(*pos).is_some_and(|x| x.text == "}") {
                        *pos += 1;
                        break;
                    }
                }
                break;
            }
            Some("*") => {
                *pos += 1;
                out.push((prefix.clone(), "*".into()));
                break;
            }
            Some(name) if name != "," && name != "}" => {
                prefix.push(name.to_owned());
                *pos += 1;
                if t.get(*pos).is_some_and(|x| x.text == "::") {
                    *pos += 1;
                    continue;
                }
                let mut alias = name.to_owned();
                if t.get(*pos).is_some_and(|x| x.text == "as") {
                    alias = t.get(*pos + 1).map_or(alias, |x| x.text.clone());
                    *pos += 2;
                }
                if alias == "self" {
                    alias = prefix
                        .get(prefix.len().wrapping_sub(2))
                        .cloned()
                        .unwrap_or(alias);
                }
                out.push((prefix.clone(), alias));
                break;
            }
            _ => break,
        }
    }
    prefix.truncate(depth);
}

/// The first segment of every path of a file that starts at the crate root (`crate::x`,
/// `$crate::x`, the items of `crate::{x, y::Z}`, and `super::x` from deep enough), with
/// its line. `depth` is the file's `file_depth`; inline `mod m { … }` blocks add one.
pub(super) fn root_references(t: &[Token], depth: usize) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    // The brace depths at which inline modules opened.
    let mut inline: Vec<usize> = Vec::new();
    let mut braces = 0usize;
    let text = |i: usize| t.get(i).map_or("", |x| x.text.as_str());
    let mut i = 0;
    while i < t.len() {
        match text(i) {
            "{" => {
                braces += 1;
                if i >= 2 && text(i - 2) == "mod" {
                    inline.push(braces);
                }
            }
            "}" => {
                if inline.last() == Some(&braces) {
                    inline.pop();
                }
                braces = braces.saturating_sub(1);
            }
            "crate" if text(i + 1) == "::" => {
                first_segments(t, i + 2, &mut out);
            }
            "super" if i == 0 || text(i - 1) != "::" => {
                let mut climbs = 0;
                let mut j = i;
                while text(j) == "super" && text(j + 1) == "::" {
                    climbs += 1;
                    j += 2;
                }
                if climbs >= depth + inline.len() {
                    first_segments(t, j, &mut out);
                }
                i = j.max(i + 1);
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// The first segment of the path at `i`, or of each item of the group `{…}` at `i`.
fn first_segments(t: &[Token], i: usize, out: &mut Vec<(String, usize)>) {
    let Some(tok) = t.get(i) else {
        return;
    };
    if tok.text != "{" {
        out.push((tok.text.clone(), tok.line));
        return;
    }
    let mut depth = 0;
    let mut expect = true;
    for tok in &t[i..] {
        match tok.text.as_str() {
            "{" => {
                depth += 1;
                expect = depth == 1;
            }
            "}" => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            "," if depth == 1 => expect = true,
            name if expect && depth == 1 => {
                out.push((name.to_owned(), tok.line));
                expect = false;
            }
            _ => {}
        }
    }
}
