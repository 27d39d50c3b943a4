//! `l2l export dispatches --site N --out FILE [--since T]`: runs `dispatches/data_export/`
//! as L2L's asynchronous job ([`l2l_areas::Dispatch::data_export`]), shows its progress
//! as a bar on a terminal, and writes the exported records to FILE as JSON Lines.

use std::io::{IsTerminal as _, Write as _};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use l2l_areas::Dispatch;

use super::Ctx;
use super::watch::{check_sign, dispatches_only, parse_since};
use crate::cli::ExportArgs;
use crate::error::{CliError, Result};

/// Runs `l2l export`.
pub async fn run(ctx: &Ctx, args: &ExportArgs) -> Result<()> {
    dispatches_only("export", &args.what)?;
    let since = args.since.as_deref().map(parse_since).transpose()?;
    check_sign(ctx, &args.sign)?;
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
    let mut w = std::io::BufWriter::new(file);
    for r in &records {
        let line = serde_json::to_string(r)
            .map_err(|e| CliError::failure(format!("encoding a record: {e}")))?;
        writeln!(w, "{line}").map_err(|e| CliError::io("writing", &args.out, &e))?;
    }
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
