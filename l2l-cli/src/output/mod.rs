//! Printing records: a table for people, JSON, JSON Lines or CSV for programs. Lists go
//! through a [`Sink`], which streams where the format allows (JSON Lines, CSV) and buffers
//! where it must (a table sizes its columns, JSON closes its array).

pub mod csv;
pub mod jq;
pub mod json;
pub mod table;

use std::io::{self, IsTerminal as _, Write};

use serde_json::Value;

use crate::cli::Format;

/// The format asked for, or the default: a table on a terminal, JSON Lines when piped.
pub fn pick(asked: Option<Format>) -> Format {
    asked.unwrap_or_else(|| {
        if io::stdout().is_terminal() {
            Format::Table
        } else {
            Format::Jsonl
        }
    })
}

/// A value as one cell of text: strings bare, null empty, lists and objects as JSON.
pub fn cell(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        other => other.to_string(),
    }
}

/// The columns of a list: `preferred` first (in order, those present in any record or
/// named on purpose), then the keys of the first record that `preferred` lacks.
pub fn columns(preferred: &[String], first: Option<&Value>, strict: bool) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let obj = first.and_then(Value::as_object);
    for c in preferred {
        if strict || obj.is_none_or(|o| o.contains_key(c)) {
            out.push(c.clone());
        }
    }
    if !strict && let Some(o) = obj {
        for k in o.keys() {
            if !out.iter().any(|c| c == k) {
                out.push(k.clone());
            }
        }
    }
    out
}

/// Where the records of a list go.
pub enum Sink<W: Write> {
    /// Buffered, then printed as aligned columns.
    Table(table::Table, W),
    /// One array, each record printed as it comes (the count of those printed).
    Json(usize, W),
    /// One line per record.
    Jsonl(W),
    /// A header from the first record, then one row per record.
    Csv(Box<csv::CsvOut<W>>),
}

impl<W: Write> Sink<W> {
    /// A sink in `format`, with the columns a table or CSV starts from (`strict`: exactly
    /// these, as `--fields` asks).
    pub fn new(format: Format, out: W, preferred: Vec<String>, strict: bool) -> Sink<W> {
        match format {
            Format::Table => Sink::Table(
                table::Table::new(preferred, strict, table::terminal_width())
                    .with_bold(table::colour()),
                out,
            ),
            Format::Json => Sink::Json(0, out),
            Format::Jsonl => Sink::Jsonl(out),
            Format::Csv => Sink::Csv(Box::new(csv::CsvOut::new(out, preferred, strict))),
        }
    }

    /// Adds a record.
    pub fn push(&mut self, record: Value) -> io::Result<()> {
        match self {
            Sink::Table(t, w) => t.push(w, record),
            Sink::Json(n, w) => {
                w.write_all(if *n == 0 { b"[\n" } else { b",\n" })?;
                *n += 1;
                json::indented(w, &record)
            }
            Sink::Jsonl(w) => json::line(w, &record),
            Sink::Csv(c) => c.push(&record),
        }
    }

    /// Prints what is buffered and flushes.
    pub fn finish(self) -> io::Result<()> {
        match self {
            Sink::Table(t, mut w) => {
                t.finish(&mut w)?;
                w.flush()
            }
            Sink::Json(n, mut w) => {
                w.write_all(if n == 0 { b"[]\n" } else { b"\n]\n" })?;
                w.flush()
            }
            Sink::Jsonl(mut w) => w.flush(),
            Sink::Csv(c) => c.finish(),
        }
    }
}

/// Prints one record: a two-column table of field and value, or the record in the
/// format asked for.
pub fn one(
    format: Format,
    out: &mut dyn Write,
    preferred: &[String],
    record: &Value,
) -> io::Result<()> {
    match format {
        Format::Table => table::vertical(out, preferred, record),
        Format::Json => json::pretty(out, record),
        Format::Jsonl => json::line(out, record),
        Format::Csv => {
            let mut c = csv::CsvOut::new(&mut *out, preferred.to_vec(), false);
            c.push(record)?;
            c.finish()
        }
    }?;
    out.flush()
}
