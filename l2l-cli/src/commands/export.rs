//! `l2l export dispatches --site N --out FILE [--since T]`: runs `dispatches/data_export/`
//! as L2L's asynchronous job ([`l2l_areas::Dispatch::data_export`]), shows its progress
//! as a bar on a terminal, and writes the exported records to FILE in the format its name
//! (or `--format`) says: JSON Lines, one JSON array or CSV.

use std::io::{IsTerminal as _, Write};
use std::path::Path;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use l2l_areas::Dispatch;

use super::Ctx;
use super::watch::{check_sign, dispatches_only, parse_since};
use crate::cli::{ExportArgs, Format};
use crate::error::{CliError, Result};

/// Runs `l2l export`.
pub async fn run(ctx: &Ctx, args: &ExportArgs) -> Result<()> {
    dispatches_only("export", &args.what)?;
    let since = args.since.as_deref().map(parse_since).transpose()?;
    check_sign(ctx, &args.sign)?;
    let format = file_format(&args.out, ctx.asked_format)?;
    let client = ctx.settings.client()?;
    let bar = if !args.quiet && std::io::stderr().is_terminal() {
        ProgressBar::with_draw_target(Some(100), ProgressDrawTarget::stderr())
    } else {
        ProgressBar::hidden()
    };
    bar.set_style(
        ProgressStyle::with_template("{spinner} export job {msg} [{bar:30}] {pos}%")
            .map_err(|e| CliError::failure(format!("progress bar: {e}")))?
            .progress_chars("=> "),
    );
    let shown = bar.clone();
    let mut job = Dispatch::data_export(args.site).on_progress(move |job| {
        shown.set_message(format!("{} {}", job.jobid, job.status));
        if let Some(p) = job.progress {
            shown.set_position(p.clamp(0.0, 100.0) as u64);
        }
    });
    if let Some(t) = since {
        job = job.lastupdated_since(t);
    }
    if !args.sign.is_empty() {
        job = job.sign_with(args.sign.iter().cloned());
    }
    let records = tokio::select! {
        r = job.run(&client) => r.map_err(|e| CliError::from(e).context("export"))?,
        _ = tokio::signal::ctrl_c() => {
            bar.abandon();
            return Err(CliError::interrupted()
                .hint("nothing was written; run the command again to start a new export"));
        }
    };
    bar.finish_and_clear();
    let file = std::fs::File::create(&args.out)
        .map_err(|e| CliError::io("creating the output", &args.out, &e))?;
    let rows: Vec<serde_json::Value> = records
        .iter()
        .map(serde_json::to_value)
        .collect::<std::result::Result<_, _>>()
        .map_err(|e| CliError::failure(format!("encoding a record: {e}")))?;
    let mut w = std::io::BufWriter::new(file);
    write_rows(&mut w, format, &rows).map_err(|e| CliError::io("writing", &args.out, &e))?;
    w.flush()
        .map_err(|e| CliError::io("writing", &args.out, &e))?;
    eprintln!(
        "exported {} dispatches of site {} to {}",
        records.len(),
        args.site,
        args.out.display()
    );
    Ok(())
}

/// The format `--format` or, without it, the file's name says; the two disagreeing is a
/// usage error.
fn file_format(out: &Path, flag: Option<Format>) -> Result<Format> {
    let ext = out
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let named = match ext.as_deref() {
        Some("csv") => Some(Format::Csv),
        Some("json") => Some(Format::Json),
        Some("jsonl" | "ndjson") => Some(Format::Jsonl),
        _ => None,
    };
    match (flag, named) {
        (Some(f), Some(n)) if f != n => Err(CliError::usage(format!(
            "--format {} but --out {} names {} by its extension",
            name(f),
            out.display(),
            name(n)
        ))
        .hint("drop --format, or give the file the extension of the format you want")),
        (Some(Format::Table), _) => Err(CliError::usage(
            "export writes a file: --format jsonl, json or csv, not table",
        )),
        (Some(f), _) => Ok(f),
        (None, n) => Ok(n.unwrap_or(Format::Jsonl)),
    }
}

/// The format's `--format` value.
fn name(f: Format) -> &'static str {
    match f {
        Format::Jsonl => "jsonl",
        Format::Json => "json",
        Format::Csv => "csv",
        Format::Table => "table",
    }
}

/// Writes the records: CSV columns are every field in the order first seen; a text is
/// written as itself, null as an empty cell, any other value as JSON.
fn write_rows(
    w: &mut impl Write,
    format: Format,
    rows: &[serde_json::Value],
) -> std::io::Result<()> {
    match format {
        Format::Jsonl | Format::Table => {
            for r in rows {
                serde_json::to_writer(&mut *w, r)?;
                writeln!(w)?;
            }
        }
        Format::Json => {
            serde_json::to_writer(&mut *w, rows)?;
            writeln!(w)?;
        }
        Format::Csv => {
            let mut columns: Vec<&str> = Vec::new();
            for r in rows {
                for k in r.as_object().into_iter().flat_map(|o| o.keys()) {
                    if !columns.contains(&k.as_str()) {
                        columns.push(k);
                    }
                }
            }
            let mut c = csv::Writer::from_writer(w);
            c.write_record(&columns)?;
            for r in rows {
                c.write_record(columns.iter().map(|k| match r.get(*k) {
                    None | Some(serde_json::Value::Null) => String::new(),
                    Some(serde_json::Value::String(s)) => s.clone(),
                    Some(v) => v.to_string(),
                }))?;
            }
            c.flush()?;
        }
    }
    Ok(())
}
