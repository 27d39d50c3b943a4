//! Scenario 10: what a running plant costs. `l2l sandbox` idle beside `l2l sandbox --live`
//! at several speeds, each for the same real time with no client: the CPU the sandbox
//! process spends once it listens, as a share of one core (target: at `--speed 1`, a few
//! percent of a core, not a busy loop).

use std::fmt::Write as _;
use std::io::{BufRead as _, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::{Ctx, machine_note, verdict};
use crate::clients::cli;
use crate::cpu;
use crate::measure;
use crate::report::{self, Table};

/// What to run.
#[derive(Debug, Clone, clap::Args)]
pub struct Opts {
    /// Real seconds each sandbox runs (past a minute: `--speed 1` runs a simulated minute).
    #[arg(long, default_value_t = 90)]
    pub seconds: u64,
}

/// The target at `--speed 1`: at most this share of one core.
const TARGET: f64 = 0.03;

/// CPU seconds the sandbox spent from listening to `secs` later.
fn cpu_of(bin: &std::path::Path, live: Option<&str>, secs: u64) -> Result<Duration, String> {
    let mut cmd = Command::new(bin);
    cmd.args(["sandbox", "--port", "0"]);
    if let Some(speed) = live {
        cmd.args(["--live", "--speed", speed]);
    }
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("l2l sandbox: {e}"))?;
    let out = child.stdout.take().ok_or("no stdout")?;
    let mut lines = BufReader::new(out).lines();
    loop {
        match lines.next() {
            Some(Ok(l)) if l.starts_with("listening on") => break,
            Some(Ok(_)) => {}
            _ => {
                let _ = child.kill();
                return Err("l2l sandbox ended before listening".into());
            }
        }
    }
    // Keep reading what it prints, so that it never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    let pid = child.id();
    let before = cpu::tree(pid).ok_or("no /proc")?;
    let until = Instant::now() + Duration::from_secs(secs);
    while Instant::now() < until {
        std::thread::sleep(Duration::from_millis(200));
    }
    let after = cpu::tree(pid).ok_or("no /proc")?;
    let _ = child.kill();
    let _ = child.wait();
    Ok(after.saturating_sub(before))
}

/// Runs the scenario and returns its section.
pub fn run(_ctx: &Ctx, opts: &Opts) -> Result<String, String> {
    let load = measure::loadavg();
    if !cli::build() {
        return Err("the l2l binary does not build".into());
    }
    let bin = cli::binary().ok_or("no l2l binary")?;
    let mut t = Table::new(["`l2l sandbox`", "CPU s", "share of a core", "verdict"]);
    for (label, live) in [
        ("idle (no `--live`)", None),
        ("`--live --speed 1`", Some("1")),
        ("`--live --speed 60`", Some("60")),
        ("`--live --speed 600`", Some("600")),
    ] {
        let cpu = cpu_of(&bin, live, opts.seconds)?.as_secs_f64();
        let share = cpu / opts.seconds as f64;
        eprintln!("  {label:<24} {cpu:>6.3} CPU s  {:>6.2}%", share * 100.0);
        t.row([
            label.to_owned(),
            report::fixed(cpu, 3),
            format!("{:.2}%", share * 100.0),
            match live {
                Some("1") => verdict(share <= TARGET).to_owned(),
                _ => "reading".to_owned(),
            },
        ]);
    }
    let mut s = String::new();
    let _ = writeln!(s, "## 13. What a live plant costs\n");
    let _ = writeln!(
        s,
        "`cargo run --release -p l2l-bench -- live-cost --seconds {}` · `l2l sandbox` (demo \
         plant, in memory) with no client, {} real seconds from `listening on`; the CPU of its \
         process. Target: `--live --speed 1` at most {:.0}% of one core. {}\n",
        opts.seconds,
        opts.seconds,
        TARGET * 100.0,
        machine_note(load)
    );
    let _ = writeln!(s, "{}", t.markdown());
    Ok(s)
}
