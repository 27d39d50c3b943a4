//! Aligned columns for a terminal. Long cells are cut with `…` so that a row stays on one
//! line; `--format json` shows everything.

use std::io::{self, Write};

use serde_json::Value;

/// The widest a cell is shown.
const MAX_CELL: usize = 40;
/// The narrowest a column is cut to when the table must fit the terminal.
const MIN_CELL: usize = 6;
/// The rows the columns and their widths are taken from; the rows after are printed as
/// they come, cut to those widths, so that a long listing holds no more than these.
pub const SAMPLE: usize = 100;

/// The columns and their widths, fixed once the sample is read.
struct Layout {
    columns: Vec<String>,
    widths: Vec<usize>,
}

/// A table being printed.
pub struct Table {
    preferred: Vec<String>,
    strict: bool,
    rows: Vec<Value>,
    layout: Option<Layout>,
    count: usize,
    fit: Option<usize>,
    bold: bool,
}

/// Whether to colour: never with `NO_COLOR` set (no-color.org), always with
/// `CLICOLOR_FORCE` set (not `0`), else on a terminal that is not `TERM=dumb`.
pub fn colour() -> bool {
    let set = |k: &str| std::env::var_os(k).is_some_and(|v| !v.is_empty());
    if set("NO_COLOR") {
        return false;
    }
    if std::env::var("CLICOLOR_FORCE").is_ok_and(|v| !v.is_empty() && v != "0") {
        return true;
    }
    #[cfg(unix)]
    // SAFETY: isatty has no preconditions.
    let tty = unsafe { libc::isatty(1) == 1 };
    #[cfg(not(unix))]
    let tty = false;
    tty && std::env::var("TERM").map_or(true, |t| t != "dumb")
}

/// The width of the terminal the table must fit: `COLUMNS` when set, else the terminal's
/// own when stdout is one; `None` in a pipe (nothing is cut to fit there).
pub fn terminal_width() -> Option<usize> {
    if let Some(n) = std::env::var("COLUMNS")
        .ok()
        .and_then(|v| v.trim().parse().ok())
    {
        return Some(n);
    }
    #[cfg(not(unix))]
    return None;
    // SAFETY: `winsize` is plain old data; TIOCGWINSZ fills it for a terminal and fails
    // otherwise, which is checked.
    #[cfg(unix)]
    unsafe {
        let mut ws: libc::winsize = std::mem::zeroed();
        (libc::isatty(1) == 1 && libc::ioctl(1, libc::TIOCGWINSZ, &mut ws) == 0 && ws.ws_col > 0)
            .then_some(ws.ws_col as usize)
    }
}

impl Table {
    /// A table that shows `preferred` columns first (exactly those when `strict`), fit to
    /// `fit` columns of text when given.
    pub fn new(preferred: Vec<String>, strict: bool, fit: Option<usize>) -> Table {
        Table {
            preferred,
            strict,
            rows: Vec::new(),
            layout: None,
            count: 0,
            fit,
            bold: false,
        }
    }

    /// Prints the header in bold (see [`colour`]).
    pub fn with_bold(mut self, on: bool) -> Table {
        self.bold = on;
        self
    }

    /// Adds a row: kept until the sample is full, then printed at once.
    pub fn push(&mut self, out: &mut dyn Write, record: Value) -> io::Result<()> {
        self.count += 1;
        match &self.layout {
            Some(l) => write_record(out, l, &record),
            None => {
                self.rows.push(record);
                if self.rows.len() >= SAMPLE {
                    self.start(out)?;
                }
                Ok(())
            }
        }
    }

    /// The columns: exactly the preferred ones, or every one some sampled row has, the
    /// preferred ones first.
    fn columns(&self) -> Vec<String> {
        if self.strict {
            return self.preferred.clone();
        }
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
    }

    /// Fixes the layout from the sample, prints the header, the rule and the sample.
    fn start(&mut self, out: &mut dyn Write) -> io::Result<()> {
        let mut columns = self.columns();
        let mut widths: Vec<usize> = columns
            .iter()
            .map(|c| {
                self.rows
                    .iter()
                    .map(|r| {
                        width(&cut(
                            &r.get(c).map(super::cell).unwrap_or_default(),
                            MAX_CELL,
                        ))
                    })
                    .chain([width(c)])
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        if let Some(fit) = self.fit {
            shrink(&mut widths, fit);
            // Still too wide at the narrowest: the last columns are left out, and said so.
            let total = |w: &[usize]| w.iter().sum::<usize>() + 2 * w.len().saturating_sub(1);
            let before = columns.len();
            while widths.len() > 1 && total(&widths) > fit {
                widths.pop();
                columns.pop();
            }
            if columns.len() < before {
                eprintln!(
                    "note: {} of {before} columns fit in {fit}; --fields picks them, -o json shows all",
                    columns.len()
                );
            }
        }
        let layout = Layout { columns, widths };
        let header: Vec<String> = layout
            .columns
            .iter()
            .zip(&layout.widths)
            .map(|(c, w)| cut(c, *w))
            .collect();
        if self.bold {
            let mut line = Vec::new();
            write_row(&mut line, &header, &layout.widths)?;
            let line = String::from_utf8_lossy(&line);
            writeln!(out, "\x1b[1m{}\x1b[0m", line.trim_end())?;
        } else {
            write_row(out, &header, &layout.widths)?;
        }
        let rule: Vec<String> = layout.widths.iter().map(|w| "─".repeat(*w)).collect();
        write_row(out, &rule, &layout.widths)?;
        for r in std::mem::take(&mut self.rows) {
            write_record(out, &layout, &r)?;
        }
        self.layout = Some(layout);
        Ok(())
    }

    /// Prints what the sample still holds, then how many rows there were.
    pub fn finish(mut self, out: &mut dyn Write) -> io::Result<()> {
        if self.layout.is_none() {
            self.start(out)?;
        }
        let n = self.count;
        writeln!(out, "({n} record{})", if n == 1 { "" } else { "s" })
    }
}

/// Narrows the widest columns, one step at a time, until the row fits `fit` (or every
/// column is down to [`MIN_CELL`]).
fn shrink(widths: &mut [usize], fit: usize) {
    let total = |w: &[usize]| w.iter().sum::<usize>() + 2 * w.len().saturating_sub(1);
    while total(widths) > fit {
        let Some((i, w)) = widths.iter().enumerate().max_by_key(|(_, w)| **w) else {
            return;
        };
        if *w <= MIN_CELL {
            return;
        }
        widths[i] -= 1;
    }
}

fn write_record(out: &mut dyn Write, l: &Layout, record: &Value) -> io::Result<()> {
    let cells: Vec<String> = l
        .columns
        .iter()
        .zip(&l.widths)
        .map(|(c, w)| cut(&record.get(c).map(super::cell).unwrap_or_default(), *w))
        .collect();
    write_row(out, &cells, &l.widths)
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

/// Columns of text a string takes: wide (East Asian) characters two, combining ones none.
fn width(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}

/// The cell on one line, cut with `…` to `max` columns of text.
fn cut(s: &str, max: usize) -> String {
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
    if width(&one_line) <= max {
        return one_line;
    }
    let mut t = String::new();
    let mut w = 0;
    for c in one_line.chars() {
        let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if w + cw + 1 > max {
            break;
        }
        t.push(c);
        w += cw;
    }
    t.push('…');
    t
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
        let mut t = Table::new(vec!["id".into(), "code".into()], false, None);
        let mut out = Vec::new();
        t.push(
            &mut out,
            json!({"id": 1, "code": "M-100", "description": "x".repeat(60)}),
        )
        .unwrap();
        t.push(&mut out, json!({"id": 22, "code": null})).unwrap();
        t.finish(&mut out).unwrap();
        let s = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = s.lines().collect();
        assert_eq!(lines[0], format!("id  code   description"));
        assert!(lines[2].starts_with("1   M-100  xxx"), "{s}");
        assert!(lines[2].ends_with('…'), "{s}");
        assert_eq!(lines[3], "22");
        assert_eq!(lines[4], "(2 records)");
    }

    #[test]
    fn fits_the_terminal_counts_wide_characters_and_streams_after_the_sample() {
        let mut t = Table::new(vec!["id".into(), "name".into()], true, Some(20));
        let mut out = Vec::new();
        for i in 0..SAMPLE + 5 {
            let name = if i == SAMPLE + 2 {
                "工場の長い名前の機械です".to_owned()
            } else {
                format!("m{i}")
            };
            t.push(&mut out, json!({"id": i, "name": name})).unwrap();
        }
        // The sample is printed once full, before the rest arrives.
        assert!(!out.is_empty());
        t.finish(&mut out).unwrap();
        let s = String::from_utf8(out).unwrap();
        for l in s.lines() {
            assert!(width(l) <= 20, "{l:?} is wider than 20");
        }
        assert!(s.contains('…'), "the wide name is cut: {s}");
        assert!(s.ends_with(&format!("({} records)\n", SAMPLE + 5)));
        let mut w = vec![30, 4, 12];
        shrink(&mut w, 30);
        assert!(w.iter().sum::<usize>() + 4 <= 30, "{w:?}");
    }
}
