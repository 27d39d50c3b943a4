//! One progress display for the whole command: records written out of about how many, a
//! rate people read (`12.3k records/s`), the time left, and which area of how many; notes
//! printed above it. Nothing is drawn unless stderr is a terminal; `--quiet` draws nothing
//! and keeps only the lines that say what was skipped.

use std::io::IsTerminal as _;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};

/// The display (cheap to clone: every clone draws the same one).
#[derive(Clone)]
pub struct Display {
    bar: Option<ProgressBar>,
    areas: usize,
    quiet: bool,
    /// The records are filtered (`--where`): the highest id says nothing of their number.
    filtered: bool,
    started: Instant,
}

/// "1 record", "2 records": `n` and the word, singular or plural.
pub fn count(n: u64, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// A rate of records as people read it: `850 records/s`, `12.3k records/s`,
/// `1.2M records/s`; `-` before there is one.
pub fn rate(per_sec: f64) -> String {
    if !per_sec.is_finite() || per_sec <= 0.0 {
        return "- records/s".to_owned();
    }
    if per_sec < 10.0 {
        format!("{per_sec:.1} records/s")
    } else if per_sec < 1_000.0 {
        format!("{per_sec:.0} records/s")
    } else if per_sec < 1_000_000.0 {
        format!("{:.1}k records/s", per_sec / 1_000.0)
    } else {
        format!("{:.1}M records/s", per_sec / 1_000_000.0)
    }
}

/// A time left as people read it: `45s`, `3m 05s`, `1h 02m`.
pub fn eta(left: Duration) -> String {
    let s = left.as_secs();
    if s < 60 {
        format!("{s}s")
    } else if s < 3600 {
        format!("{}m {:02}s", s / 60, s % 60)
    } else {
        format!("{}h {:02}m", s / 3600, (s % 3600) / 60)
    }
}

fn style(total: bool) -> ProgressStyle {
    let template = if total {
        "{spinner} {prefix} {human_pos}/~{human_len} records ({percent}%), {rate}, {left} left {msg}"
    } else {
        "{spinner} {prefix} {human_pos} records, {rate} {msg}"
    };
    ProgressStyle::with_template(template)
        .unwrap_or_else(|_| ProgressStyle::default_spinner())
        .with_key("rate", |s: &ProgressState, w: &mut dyn std::fmt::Write| {
            let _ = w.write_str(&rate(s.per_sec()));
        })
        .with_key("left", |s: &ProgressState, w: &mut dyn std::fmt::Write| {
            let known = s.len().is_some_and(|l| l > s.pos()) && s.per_sec() > 0.0;
            let _ = if known {
                w.write_str(&eta(s.eta()))
            } else {
                w.write_str("-")
            };
        })
}

impl Display {
    /// A display for `areas` areas; nothing drawn when `quiet` or stderr is no terminal.
    /// `filtered`: the records are filtered, so no total is guessed from the highest id.
    pub fn new(quiet: bool, areas: usize, filtered: bool) -> Display {
        let bar = (!quiet && std::io::stderr().is_terminal()).then(|| {
            let bar = ProgressBar::new_spinner();
            bar.set_style(style(false));
            bar.set_draw_target(ProgressDrawTarget::stderr());
            bar.enable_steady_tick(Duration::from_millis(120));
            bar
        });
        Display {
            bar,
            areas,
            quiet,
            filtered,
            started: Instant::now(),
        }
    }

    /// Area `index` (from 0) starts.
    pub fn area(&self, index: usize, what: &str) {
        if let Some(b) = &self.bar {
            if self.areas > 1 {
                b.set_prefix(format!("[{}/{}] {what}:", index + 1, self.areas));
            } else {
                b.set_prefix(format!("{what}:"));
            }
            b.set_style(style(false));
            b.unset_length();
            b.set_position(0);
            b.reset_eta();
        }
    }

    /// The area's run started: `written` records already in (a resumed run), ids up to
    /// `max_id`, `incremental` when it reads only what changed. A full, unfiltered run
    /// shows the highest id as about the total, with the time left.
    pub fn started(&self, written: u64, max_id: Option<i64>, incremental: bool) {
        let Some(b) = &self.bar else { return };
        b.set_position(written);
        b.reset_eta();
        match max_id.and_then(|m| u64::try_from(m).ok()) {
            Some(top) if !incremental && !self.filtered => {
                b.set_length(top.max(written));
                b.set_style(style(true));
            }
            _ => {
                b.unset_length();
                b.set_style(style(false));
            }
        }
    }

    /// `n` more records are written.
    pub fn add(&self, n: u64) {
        if let Some(b) = &self.bar {
            b.inc(n);
        }
    }

    /// A line above the display, about one area's run (silenced by `--quiet`).
    pub fn note(&self, line: String) {
        if !self.quiet {
            self.warn(line);
        }
    }

    /// A line above the display that `--quiet` keeps: what was skipped, and why.
    pub fn warn(&self, line: String) {
        match &self.bar {
            Some(b) => b.suspend(|| eprintln!("{line}")),
            None => eprintln!("{line}"),
        }
    }

    /// Clears the display.
    pub fn finish(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
            tracing::debug!(elapsed = ?self.started.elapsed(), "sync done");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_rates_and_times_read_as_people_write_them() {
        assert_eq!(count(1, "record"), "1 record");
        assert_eq!(count(0, "record"), "0 records");
        assert_eq!(count(2004, "record"), "2004 records");
        assert_eq!(rate(49_398.537_3), "49.4k records/s");
        assert_eq!(rate(850.4), "850 records/s");
        assert_eq!(rate(2.25), "2.2 records/s");
        assert_eq!(rate(3_200_000.0), "3.2M records/s");
        assert_eq!(rate(0.0), "- records/s");
        assert_eq!(eta(Duration::from_secs(45)), "45s");
        assert_eq!(eta(Duration::from_secs(185)), "3m 05s");
        assert_eq!(eta(Duration::from_secs(3720)), "1h 02m");
    }
}
