//! One area's sync: opens the destination, runs the engine, tells the user what it did.

use std::future::Future;
use std::pin::Pin;
use std::time::Instant;

use l2l_areas::Client;
use l2l_sync::{Event, Job, Target};

use super::progress::Display;
use crate::error::{CliError, Result};

/// A sync to run.
pub struct Run {
    /// What to sync.
    pub job: Job,
    /// Where to.
    pub target: Target,
    /// Skip the area (with a note) when the key may not read it (`--all`).
    pub skip_forbidden: bool,
}

impl Run {
    fn what(&self) -> String {
        format!(
            "{}{}",
            self.job.area.path,
            self.job
                .site
                .map(|s| format!(" (site {s})"))
                .unwrap_or_default()
        )
    }

    /// Runs it; `stop` (Ctrl-C) ends it cleanly after the batches already read.
    pub async fn run(
        &self,
        client: &Client,
        show: &Display,
        index: usize,
        stop: Pin<Box<dyn Future<Output = std::io::Result<()>> + Send>>,
    ) -> Result<()> {
        let started = Instant::now();
        let what = self.what();
        let shown = self.target.display();
        show.area(index, &what);
        if let Target::Jsonl(path) = &self.target
            && let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        {
            std::fs::create_dir_all(dir).map_err(|e| CliError::io("creating", dir, &e))?;
        }
        let target = self.target.clone();
        let sink = tokio::task::spawn_blocking(move || target.open())
            .await
            .map_err(|e| CliError::failure(format!("opening {shown}: {e}")))?
            .map_err(cli)?;
        let events = {
            let show = show.clone();
            let what = what.clone();
            let shown = shown.clone();
            move |e: Event| {
                if let Event::Started {
                    written,
                    max_id,
                    since,
                    ..
                } = &e
                {
                    show.started(*written, *max_id, since.is_some());
                }
                match e {
                    Event::Started {
                        resumed: true,
                        written,
                        ..
                    } => show.note(format!(
                        "resuming the sync of {what} into {shown} ({} already written)",
                        super::progress::count(written, "record")
                    )),
                    Event::Started { since, .. } => show.note(format!(
                        "syncing {what}{} into {shown}",
                        since
                            .map(|s| format!(" changed since {s}"))
                            .unwrap_or_default()
                    )),
                    Event::Written(n) => show.add(n),
                    Event::Reconciling => show.note(format!(
                        "reading every id of {what} to find deleted records"
                    )),
                    Event::FeedNote(note) => show.note(format!("{what}: {note}")),
                    _ => {}
                }
            }
        };
        let stop = async move {
            let _ = stop.await;
        };
        // With --all, one record is asked for first (after the destination is opened, so a
        // database that cannot be reached still fails first): an area the key may not read
        // is skipped before its table is made.
        // The sink may hold a blocking database client (`postgres::Client` runs a runtime
        // of its own to close): when the probe fails it is dropped on a blocking thread,
        // never here inside the runtime.
        let run = async {
            if self.skip_forbidden
                && let Err(e) = self.job.probe(client).await
            {
                let _ = tokio::task::spawn_blocking(move || drop(sink)).await;
                return Err(e);
            }
            let job = self.job.clone().progress(events);
            job.run_until(client, sink, stop).await
        };
        let report = match run.await {
            Ok(r) => r,
            Err(l2l_sync::Error::Api(l2l_areas::Error::Http {
                status: 401 | 403, ..
            })) if self.skip_forbidden => {
                show.warn(format!("skipped {what}: the key may not read it"));
                return Ok(());
            }
            Err(e) => return Err(cli(e)),
        };
        if report.skipped > 0 {
            show.note(format!(
                "skipped {} records already written unchanged by the last run",
                report.skipped
            ));
        }
        if report.removed > 0 {
            let mark = Some(l2l_sync::Deletions::Mark);
            let how = if self.job.deletions == mark || self.job.feed_deletions == mark {
                "marked deleted"
            } else {
                "deleted"
            };
            show.note(format!(
                "{how} {} rows whose records are gone from L2L",
                report.removed
            ));
        }
        show.note(summary(&self.target, &what, &report, started.elapsed()));
        Ok(())
    }
}

/// The last line of one area's sync. Only what is true of the destination: a JSON Lines
/// file holds every line the syncs appended to it; a database table's rows are not the
/// sum of the runs (a changed record is written again into its row), so none is claimed.
fn summary(
    target: &Target,
    what: &str,
    report: &l2l_sync::Report,
    took: std::time::Duration,
) -> String {
    let mut extra = Vec::new();
    if matches!(target, Target::Jsonl(_)) {
        extra.push(format!(
            "{} lines appended to it by every run",
            report.total_written
        ));
    }
    if let Some(w) = &report.watermark {
        extra.push(format!("the next run fetches changes since {w}"));
    }
    format!(
        "synced {} of {what} into {} in {:.1}s{}",
        super::progress::count(report.written, "record"),
        target.display(),
        took.as_secs_f64(),
        if extra.is_empty() {
            String::new()
        } else {
            format!(" ({})", extra.join("; "))
        }
    )
}

/// The engine's error as the command's: refusals before anything was written are usage
/// errors (exit code 2), Ctrl-C is 130, the rest failures.
/// A sync's error as the CLI reports it (its exit code and hint).
pub(crate) fn cli(e: l2l_sync::Error) -> CliError {
    use l2l_sync::Error as E;
    match e {
        E::Api(e) => CliError::from(e),
        E::Interrupted => CliError::interrupted(),
        E::State(m) | E::Unsupported(m) => CliError::usage(m),
        e @ E::ColumnType { .. } => CliError::failure(e.to_string())
            .hint("l2l sync never changes a column's type: rename or drop that table, or sync into another database"),
        e => CliError::failure(e.to_string()),
    }
}
