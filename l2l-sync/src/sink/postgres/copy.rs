//! Rows in PostgreSQL's COPY text format: one line per row, columns separated by tabs,
//! `\N` for NULL, and a backslash escape for the four characters that would break a line.
//!
//! The server parses each field with its column's own input function, exactly as it casts
//! text, so a value reads the same here as through `INSERT ... VALUES`.

use std::io::Write as _;

use crate::row::{Cell, Row};

/// Appends `rows` to `out`, each as one line: the id, the cells after it, then the
/// catch-all JSON (`None` is NULL).
pub fn encode(rows: &[Row], out: &mut Vec<u8>) {
    let mut int = itoa::Buffer::new();
    for row in rows {
        out.extend_from_slice(int.format(row.id).as_bytes());
        for cell in row.cells.iter().skip(1) {
            out.push(b'\t');
            match cell {
                Cell::Null => out.extend_from_slice(b"\\N"),
                Cell::Int(i) => out.extend_from_slice(int.format(*i).as_bytes()),
                Cell::Float(f) => {
                    let _ = write!(out, "{f}");
                }
                Cell::Bool(b) => out.push(if *b { b't' } else { b'f' }),
                Cell::Text(s) => escape(s, out),
            }
        }
        out.push(b'\t');
        match &row.extra {
            Some(json) => escape(json, out),
            None => out.extend_from_slice(b"\\N"),
        }
        out.push(b'\n');
    }
}

/// `text` with backslash, newline, carriage return and tab escaped.
fn escape(text: &str, out: &mut Vec<u8>) {
    let bytes = text.as_bytes();
    let mut start = 0;
    for (i, b) in bytes.iter().enumerate() {
        let esc: &[u8] = match b {
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            _ => continue,
        };
        out.extend_from_slice(&bytes[start..i]);
        out.extend_from_slice(esc);
        start = i + 1;
    }
    out.extend_from_slice(&bytes[start..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: Vec<Cell>, extra: Option<&str>) -> Row {
        Row {
            id: 7,
            cells,
            extra: extra.map(str::to_owned),
            json: String::new(),
            lastupdated: None,
        }
    }

    #[test]
    fn every_cell_kind_and_every_escape() {
        let mut out = Vec::new();
        let cells = vec![
            Cell::Int(7),
            Cell::Null,
            Cell::Int(-3),
            Cell::Float(1.5),
            Cell::Bool(true),
            Cell::Text("a\tb\nc\\d\re".into()),
        ];
        encode(&[row(cells, Some(r#"{"k":"\u00e9"}"#))], &mut out);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "7\t\\N\t-3\t1.5\tt\ta\\tb\\nc\\\\d\\re\t{\"k\":\"\\\\u00e9\"}\n"
        );
    }

    #[test]
    fn no_extra_is_null_and_rows_are_lines() {
        let mut out = Vec::new();
        let r = row(vec![Cell::Int(7), Cell::Bool(false)], None);
        encode(&[r.clone(), r], &mut out);
        assert_eq!(String::from_utf8(out).unwrap(), "7\tf\t\\N\n7\tf\t\\N\n");
    }
}
