//! CSV with a header line: the columns are fixed by the first record (or `--fields`).

use std::io::{self, Write};

use serde_json::Value;

/// A CSV writer of records.
pub struct CsvOut<W: Write> {
    w: csv::Writer<W>,
    preferred: Vec<String>,
    strict: bool,
    columns: Option<Vec<String>>,
}

impl<W: Write> CsvOut<W> {
    /// A writer to `out`; the header is written with the first record.
    pub fn new(out: W, preferred: Vec<String>, strict: bool) -> CsvOut<W> {
        CsvOut {
            w: csv::Writer::from_writer(out),
            preferred,
            strict,
            columns: None,
        }
    }

    /// Writes a record (and the header before the first).
    pub fn push(&mut self, record: &Value) -> io::Result<()> {
        if self.columns.is_none() {
            let cols = super::columns(&self.preferred, Some(record), self.strict);
            self.w.write_record(&cols).map_err(into_io)?;
            self.columns = Some(cols);
        }
        let cols = self.columns.as_deref().unwrap_or_default();
        let row = cols
            .iter()
            .map(|c| record.get(c).map(super::cell).unwrap_or_default());
        self.w.write_record(row).map_err(into_io)
    }

    /// Writes the header if no record came (so that an empty list still has one), and
    /// flushes.
    pub fn finish(mut self) -> io::Result<()> {
        if self.columns.is_none() && !self.preferred.is_empty() {
            self.w.write_record(&self.preferred).map_err(into_io)?;
        }
        self.w.flush()
    }
}

fn into_io(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}
