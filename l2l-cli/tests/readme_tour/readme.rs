//! The tour's lines, read from README.md and split into words as a shell splits them.

use std::path::Path;

/// The commands of the section's first `sh` block, each split into words as a shell does
/// (quotes, a trailing `&`, `#` comments), blank and comment lines left out.
pub fn tour() -> Vec<Vec<String>> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../README.md");
    let readme = std::fs::read_to_string(&path).expect("README.md");
    let section = readme
        .split("#### Sync into a database")
        .nth(1)
        .expect("README has the section `Sync into a database`");
    let block = section
        .split("```sh\n")
        .nth(1)
        .and_then(|b| b.split("```").next())
        .expect("the section has an sh block");
    block.lines().map(words).filter(|w| !w.is_empty()).collect()
}

/// A line's words: blanks separate them, single and double quotes group them (and go),
/// `#` outside quotes starts a comment, a trailing `&` goes.
pub fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word: Option<String> = None;
    let mut quote: Option<char> = None;
    for c in line.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.get_or_insert_default().push(c),
            (None, '"' | '\'') => {
                quote = Some(c);
                word.get_or_insert_default();
            }
            (None, '#') if word.is_none() => break,
            (None, c) if c.is_whitespace() => out.extend(word.take()),
            (None, c) => word.get_or_insert_default().push(c),
        }
    }
    assert!(quote.is_none(), "an unclosed quote in README: {line}");
    out.extend(word);
    if out.last().is_some_and(|w| w == "&") {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::words;

    #[test]
    fn words_split_as_a_shell_does() {
        assert_eq!(
            words(r#"l2l call POST x a="b c" 'd' # note"#),
            ["l2l", "call", "POST", "x", "a=b c", "d"]
        );
        assert_eq!(
            words("l2l sandbox --port 8080 &  # bg"),
            ["l2l", "sandbox", "--port", "8080"]
        );
        assert_eq!(
            words(r#"sqlite3 p.db "WHERE open = 'T'""#),
            ["sqlite3", "p.db", "WHERE open = 'T'"]
        );
        assert!(words("# a comment").is_empty());
    }
}
