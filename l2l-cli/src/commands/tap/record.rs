//! A RECORD message written straight from a synced row's cells: one line of JSON, each
//! column's value typed as the stream's schema says (L2L's datetimes in RFC 3339, decimals
//! as numbers), the properties the schema does not declare under `_extra`. No JSON tree is
//! built: the tap keeps up with `l2l sync --to jsonl:`.

use std::io::{self, Write};

use l2l_sync::{Cell, ColumnType, EXTRA, Row, Table};

/// What every RECORD line of one stream shares: its opening (type and stream), each
/// column's `"name":` (or `None` for a column the catalog left out) and its closing.
pub struct RecordLine {
    open: Vec<u8>,
    keys: Vec<Option<Vec<u8>>>,
    close: Vec<u8>,
}

fn json_str(s: &str) -> Vec<u8> {
    serde_json::to_vec(s).unwrap_or_else(|_| b"\"\"".to_vec())
}

impl RecordLine {
    /// The line's fixed parts for `stream`, the selected `columns` of `table`, extracted
    /// at `extracted` (RFC 3339).
    pub fn new(stream: &str, table: &Table, columns: &[bool], extracted: &str) -> RecordLine {
        let mut open = br#"{"type":"RECORD","stream":"#.to_vec();
        open.extend(json_str(stream));
        open.extend(br#","record":{"#);
        let keys = table
            .columns
            .iter()
            .zip(columns)
            .map(|(c, keep)| {
                keep.then(|| {
                    let mut k = json_str(&c.name);
                    k.push(b':');
                    k
                })
            })
            .collect();
        let mut close = br#"},"time_extracted":"#.to_vec();
        close.extend(json_str(extracted));
        close.extend(b"}\n");
        RecordLine { open, keys, close }
    }

    /// Writes `row` as one RECORD line.
    pub fn write(&self, w: &mut dyn Write, table: &Table, row: &Row) -> io::Result<()> {
        w.write_all(&self.open)?;
        let mut first = true;
        for ((key, cell), col) in self.keys.iter().zip(&row.cells).zip(&table.columns) {
            let Some(key) = key else { continue };
            if !first {
                w.write_all(b",")?;
            }
            first = false;
            w.write_all(key)?;
            value(w, col.ty, cell)?;
        }
        if let Some(extra) = &row.extra {
            if !first {
                w.write_all(b",")?;
            }
            w.write_all(&json_str(EXTRA))?;
            w.write_all(b":")?;
            // The object the sync made of the undeclared properties: JSON already.
            w.write_all(extra.as_bytes())?;
        }
        w.write_all(&self.close)
    }
}

/// One cell as the JSON value the stream's schema says.
fn value(w: &mut dyn Write, ty: ColumnType, cell: &Cell) -> io::Result<()> {
    match cell {
        Cell::Null => w.write_all(b"null"),
        Cell::Int(i) => w.write_all(itoa::Buffer::new().format(*i).as_bytes()),
        Cell::Float(f) if f.is_finite() => w.write_all(ryu::Buffer::new().format(*f).as_bytes()),
        Cell::Float(_) => w.write_all(b"null"),
        Cell::Bool(b) => w.write_all(if *b { b"true" } else { b"false" }),
        Cell::Text(t) => match ty {
            ColumnType::Timestamp => {
                serde_json::to_writer(&mut *w, &rfc3339(t)).map_err(io::Error::other)
            }
            ColumnType::Numeric | ColumnType::Float | ColumnType::Integer if is_number(t) => {
                w.write_all(t.trim().as_bytes())
            }
            // JSON the server sent, kept as its text by the sync.
            ColumnType::Json if serde_json::from_str::<serde::de::IgnoredAny>(t).is_ok() => {
                w.write_all(t.as_bytes())
            }
            _ => serde_json::to_writer(&mut *w, t.as_str()).map_err(io::Error::other),
        },
    }
}

/// Whether `text` is a JSON number (`12.50`, `-3`, `1e5`; not `.5`, `NaN` or `0x1`).
fn is_number(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty()
        && t.parse::<f64>().is_ok_and(f64::is_finite)
        && serde_json::from_str::<serde_json::Number>(t).is_ok()
}

/// A date and time as L2L sends it (`2024-05-05 22:39:47`, UTC) in RFC 3339, as JSON
/// Schema's `date-time` wants it; anything else is left as it is.
pub fn rfc3339(text: &str) -> String {
    let b = text.as_bytes();
    let date_like =
        b.len() >= 19 && (b[10] == b' ' || b[10] == b'T') && b[4] == b'-' && b[7] == b'-';
    if !date_like {
        return text.to_owned();
    }
    let mut s = String::with_capacity(text.len() + 1);
    s.push_str(&text[..10]);
    s.push('T');
    s.push_str(&text[11..]);
    if !s[19..].contains(['Z', '+', '-']) {
        s.push('Z');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use l2l_areas::RecordArea as _;

    #[test]
    fn l2l_datetimes_become_rfc3339() {
        assert_eq!(rfc3339("2024-05-05 22:39:47"), "2024-05-05T22:39:47Z");
        assert_eq!(
            rfc3339("2024-05-05T22:39:47+02:00"),
            "2024-05-05T22:39:47+02:00"
        );
        assert_eq!(
            rfc3339("2024-05-05 22:39:47.125"),
            "2024-05-05T22:39:47.125Z"
        );
        assert_eq!(rfc3339("soon"), "soon");
    }

    #[test]
    fn a_row_is_one_line_of_typed_json() {
        let table = Table::of(l2l_areas::Machine::SCHEMA);
        let json = r#"{"id": 7, "site": 1, "code": "M \"7\"", "lastupdated": "2024-05-05 22:39:47", "custom__color": "red", "cyclecount": "12"}"#;
        let row = Row::from_json(&table, json).unwrap();
        let mut keep = vec![true; table.columns.len()];
        let desc = table
            .columns
            .iter()
            .position(|c| c.name == "description")
            .unwrap();
        keep[desc] = false;
        let line = RecordLine::new("machines", &table, &keep, "2026-12-04T00:00:00Z");
        let mut out = Vec::new();
        line.write(&mut out, &table, &row).unwrap();
        assert!(out.ends_with(b"}\n"));
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(v["type"], "RECORD");
        assert_eq!(v["stream"], "machines");
        assert_eq!(v["time_extracted"], "2026-12-04T00:00:00Z");
        let r = &v["record"];
        assert_eq!(r["id"], 7);
        assert_eq!(r["code"], "M \"7\"");
        assert_eq!(r["lastupdated"], "2024-05-05T22:39:47Z");
        assert_eq!(r["cyclecount"], 12);
        assert!(r.get("description").is_none(), "left out by the catalog");
        assert_eq!(r["_extra"]["custom__color"], "red");
    }

    #[test]
    fn numbers_are_json_numbers_only() {
        assert!(is_number("12.50") && is_number(" -3 ") && is_number("1e5"));
        assert!(!is_number(".5") && !is_number("NaN") && !is_number("0x1") && !is_number(""));
    }
}
