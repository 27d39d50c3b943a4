//! JSON and JSON Lines.

use std::io::{self, Write};

use serde_json::Value;

/// The value on one line, then a newline.
pub fn line(out: &mut (impl Write + ?Sized), v: &Value) -> io::Result<()> {
    serde_json::to_writer(&mut *out, v)?;
    out.write_all(b"\n")
}

/// The value indented, then a newline.
pub fn pretty(out: &mut (impl Write + ?Sized), v: &Value) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, v)?;
    out.write_all(b"\n")
}
