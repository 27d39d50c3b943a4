//! One progress display for the whole command: records written and their rate, and which
//! area of how many; notes printed above it. Nothing is drawn unless stderr is a terminal.

use std::io::IsTerminal as _;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// The display (cheap to clone: every clone draws the same one).
#[derive(Clone)]
pub struct Display {
    bar: Option<ProgressBar>,
    areas: usize,
    started: Instant,
}

impl Display {
    /// A display for `areas` areas; a silent one when `on` is false or stderr is no terminal.
    pub fn new(on: bool, areas: usize) -> Display {
        let bar = (on && std::io::stderr().is_terminal()).then(|| {
            let bar = ProgressBar::new_spinner();
            bar.set_style(
                ProgressStyle::with_template("{spinner} {prefix} {pos} records, {per_sec} {msg}")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            bar.set_draw_target(ProgressDrawTarget::stderr());
            bar.enable_steady_tick(Duration::from_millis(120));
            bar
        });
        Display {
            bar,
            areas,
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
        }
    }

    /// `n` more records are written.
    pub fn add(&self, n: u64) {
        if let Some(b) = &self.bar {
            b.inc(n);
        }
    }

    /// A line above the display.
    pub fn note(&self, line: String) {
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
