//! Aligned columns for a terminal. Long cells are cut with `…` so that a row stays on one
//! line; `--format json` shows everything.

use std::io::{self, Write};

use serde_json::Value;

/// The widest a cell is shown.
const MAX_CELL: usize = 40;

/// A table being filled.
pub struct Table {
    preferred: Vec<String>,
    strict: bool,
    rows: Vec<Value>,
}

impl Table {
    /// A table that shows `preferred` columns first (exactly those when `strict`).
    pub fn new(preferred: Vec<String>, strict: bool) -> Table {
        Table {
            preferred,
            strict,
            rows: Vec::new(),
        }
    }

    /// Adds a row.
    pub fn push(&mut self, record: Value) {
        self.rows.push(record);
    }

    /// Prints the header, a rule and the rows, then how many there were.
    pub fn print(&self, out: &mut dyn Write) -> io::Result<()> {
        let columns = if self.strict {
            self.preferred.clone()
        } else {
            // Every column some row has, the preferred ones first.
            let mut cols = super::columns(&self.preferred, self.rows.first(), false);
            let present = |c: &String| self.rows.iter().any(|r| r.get(c).is_some());
            cols.retain(present);
            for r in &self.rows {
                if let Some(o) = r.as_object() {
                    for k in o.keys() {
                        if !cols.contains(k) {
                            cols.push(k.clone());
                        }
                    }
                }
            }
            if cols.is_empty() {
                self.preferred.clone()
            } else {
                cols
            }
        };
        let cells: Vec<Vec<String>> = self
            .rows
            .iter()
            .map(|r| {
                columns
                    .iter()
                    .map(|c| cut(&r.get(c).map(super::cell).unwrap_or_default()))
                    .collect()
            })
            .collect();
        let widths: Vec<usize> = columns
            .iter()
            .enumerate()
            .map(|(i, c)| {
                cells
                    .iter()
                    .map(|row| width(&row[i]))
                    .chain([width(c)])
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let header: Vec<String> = columns.to_vec();
        write_row(out, &header, &widths)?;
        let rule: Vec<String> = widths.iter().map(|w| "─".repeat(*w)).collect();
        write_row(out, &rule, &widths)?;
        for row in &cells {
            write_row(out, row, &widths)?;
        }
        let n = self.rows.len();
        writeln!(out, "({n} record{})", if n == 1 { "" } else { "s" })
    }
}

/// One record as two columns: field, value.
pub fn vertical(out: &mut dyn Write, preferred: &[String], record: &Value) -> io::Result<()> {
    let cols = super::columns(preferred, Some(record), false);
    let w = cols.iter().map(|c| width(c)).max().unwrap_or(0);
    for c in &cols {
        let v = record.get(c).map(super::cell).unwrap_or_default();
        writeln!(out, "{c:<w$}  {v}")?;
    }
    Ok(())
}

fn width(s: &str) -> usize {
    s.chars().count()
}

fn cut(s: &str) -> String {
    let one_line: String = s
        .chars()
        .map(|c| {
            if c == '\n' || c == '\r' || c == '\t' {
                ' '
            } else {
                c
            }
        })
        .collect();
    if width(&one_line) <= MAX_CELL {
        one_line
    } else {
        let mut t: String = one_line.chars().take(MAX_CELL - 1).collect();
        t.push('…');
        t
    }
}

fn write_row(out: &mut dyn Write, cells: &[String], widths: &[usize]) -> io::Result<()> {
    let mut line = String::new();
    for (i, (c, w)) in cells.iter().zip(widths).enumerate() {
        if i > 0 {
            line.push_str("  ");
        }
        line.push_str(c);
        if i + 1 < cells.len() {
            line.extend(std::iter::repeat_n(' ', w.saturating_sub(width(c))));
        }
    }
    writeln!(out, "{}", line.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn aligns_cuts_and_counts() {
        let mut t = Table::new(vec!["id".into(), "code".into()], false);
        t.push(json!({"id": 1, "code": "M-100", "description": "x".repeat(60)}));
        t.push(json!({"id": 22, "code": null}));
        let mut out = Vec::new();
        t.print(&mut out).unwrap();
        let s = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = s.lines().collect();
        assert_eq!(lines[0], format!("id  code   description"));
        assert!(lines[2].starts_with("1   M-100  xxx"), "{s}");
        assert!(lines[2].ends_with('…'), "{s}");
        assert_eq!(lines[3], "22");
        assert_eq!(lines[4], "(2 records)");
    }
}
