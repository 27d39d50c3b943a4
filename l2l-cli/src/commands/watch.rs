//! `l2l watch dispatches --site N [--since T] [--state FILE]`: follows
//! `dispatches/get_event_data/` ([`l2l_areas::Dispatch::events`]) and prints each change
//! as it happens: a line for people on a terminal, JSON Lines when piped (or with
//! `-o jsonl`). With `--state FILE` the watermark after each printed change is written to
//! FILE (atomically), and the next run resumes from it. Ctrl-C stops it cleanly (exit 0).

use std::io::Write as _;
use std::path::Path;
use std::time::Duration;

use futures::StreamExt as _;
use l2l_areas::{Dispatch, DispatchChange, UtcTime};
use serde_json::json;

use super::Ctx;
use crate::cli::{Format, WatchArgs};
use crate::error::{CliError, Result};

/// Checks that `what` is `dispatches`, the one area with a change feed.
pub fn dispatches_only(command: &str, what: &str) -> Result<()> {
    if what == "dispatches" {
        Ok(())
    } else {
        Err(CliError::usage(format!(
            "`l2l {command}` knows `dispatches` only, not `{what}`"
        ))
        .hint(format!("l2l {command} dispatches --site N")))
    }
}

/// `--sign` needs a signer: fail before the first call rather than on every call.
pub fn check_sign(ctx: &Ctx, sign: &[String]) -> Result<()> {
    if sign.is_empty() || ctx.settings.signing.is_some() {
        return Ok(());
    }
    Err(
        CliError::usage("--sign names parameters to sign, but no Secret Key is configured")
            .hint("pass --secret and --server (or L2L_SECRET and L2L_SERVER, or a profile)"),
    )
}

/// Whether an error of the feed will not go away by asking again.
fn permanent(e: &l2l_areas::Error) -> bool {
    matches!(
        e,
        l2l_areas::Error::Config(_)
            | l2l_areas::Error::InvalidRequest { .. }
            | l2l_areas::Error::Http {
                status: 401 | 403 | 404,
                ..
            }
    )
}

/// A UTC time as `2024-05-05`, `2024-05-05T22:39:47` or `2024-05-05 22:39:47`.
pub fn parse_since(raw: &str) -> Result<UtcTime> {
    let full = if raw.len() == 10 {
        format!("{raw} 00:00:00")
    } else {
        raw.to_owned()
    };
    full.parse().map_err(|e| {
        CliError::usage(format!("--since {raw:?} is not a UTC time: {e}"))
            .hint("for example --since 2024-05-05 or --since 2024-05-05T22:39:47")
    })
}

/// The state file: the site and the watermark to resume from.
fn read_state(path: &Path, site: i64) -> Result<Option<UtcTime>> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(CliError::io("reading the state file", path, &e)),
    };
    let v: serde_json::Value = serde_json::from_str(&text).map_err(|e| {
        CliError::usage(format!(
            "the state file {} is not JSON: {e}",
            path.display()
        ))
    })?;
    if v["site"].as_i64() != Some(site) {
        return Err(CliError::usage(format!(
            "the state file {} belongs to site {}, not {site}",
            path.display(),
            v["site"]
        ))
        .hint("name another --state file for this site"));
    }
    match v["watermark"].as_str() {
        Some(w) => parse_since(w).map(Some).map_err(|_| {
            CliError::usage(format!(
                "the state file {} has no valid watermark",
                path.display()
            ))
        }),
        None => Ok(None),
    }
}

fn write_state(path: &Path, site: i64, watermark: UtcTime) -> Result<()> {
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".tmp");
    let tmp = std::path::PathBuf::from(tmp);
    let body = json!({"site": site, "watermark": watermark.to_string()}).to_string();
    std::fs::write(&tmp, body).map_err(|e| CliError::io("writing the state file", &tmp, &e))?;
    std::fs::rename(&tmp, path).map_err(|e| CliError::io("writing the state file", path, &e))
}

/// One line for people: when, which dispatch, what it is now.
fn human(c: &DispatchChange) -> String {
    let d = &c.event.dispatch;
    let what = if c.event.deleted {
        "deleted".to_owned()
    } else if d.open.as_deref() == Some("T") {
        "open".to_owned()
    } else {
        "closed".to_owned()
    };
    format!(
        "{}  dispatch {} (id {})  {}  {}  {}  {}",
        c.watermark,
        d.dispatchnumber
            .map(|n| n.to_string())
            .unwrap_or_else(|| "-".into()),
        d.id,
        d.machinecode.as_deref().unwrap_or("-"),
        d.dispatchtypecode.as_deref().unwrap_or("-"),
        what,
        d.description.as_deref().unwrap_or("")
    )
}

/// Runs `l2l watch`.
pub async fn run(ctx: &Ctx, args: &WatchArgs) -> Result<()> {
    dispatches_only("watch", &args.what)?;
    if !(args.interval > 0.0 && args.interval.is_finite()) {
        return Err(CliError::usage(format!(
            "--interval {} must be a positive number of seconds",
            args.interval
        )));
    }
    let since = match (&args.since, &args.state) {
        (Some(s), _) => Some(parse_since(s)?),
        (None, Some(path)) => read_state(path, args.site)?,
        (None, None) => None,
    };
    check_sign(ctx, &args.sign)?;
    let client = ctx.settings.client()?;
    let mut events = Dispatch::events(args.site).interval(Duration::from_secs_f64(args.interval));
    if let Some(t) = since {
        events = events.since(t);
    }
    if !args.sign.is_empty() {
        events = events.sign_with(args.sign.iter().cloned());
    }
    let mut feed = events.stream(&client);
    let people = ctx.format == Format::Table;
    let mut out = std::io::stdout().lock();
    // One listener for the whole run, so that a Ctrl-C while a change is printed counts.
    let mut stop = std::pin::pin!(tokio::signal::ctrl_c());
    loop {
        let next = tokio::select! {
            n = feed.next() => n,
            _ = &mut stop => {
                eprintln!("stopped{}", if args.state.is_some() { "; the next run resumes from the state file" } else { "" });
                return Ok(());
            }
        };
        let change = match next {
            None => return Ok(()),
            Some(Ok(c)) => c,
            Some(Err(e)) if permanent(&e) => {
                return Err(CliError::from(e).context("watching dispatches"));
            }
            Some(Err(e)) => {
                // The feed goes on from the same watermark; say what failed.
                eprintln!("l2l watch: {e}");
                continue;
            }
        };
        let line = if people {
            human(&change)
        } else {
            serde_json::to_string(&change.event)
                .map_err(|e| CliError::failure(format!("encoding a change: {e}")))?
        };
        writeln!(out, "{line}")
            .and_then(|()| out.flush())
            .map_err(CliError::output)?;
        if let Some(path) = &args.state {
            write_state(path, args.site, change.watermark)?;
        }
    }
}
