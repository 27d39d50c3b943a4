//! Running one client as a child process and measuring it: wall time, the child's own CPU
//! time (user + system, from `wait4`'s rusage) and its peak resident set (`ru_maxrss`).
//!
//! The harness that spawns children keeps no large data itself (servers run as children of
//! their own), because Linux reports at least the spawning process's peak RSS in the
//! `ru_maxrss` of an `exec`ed child.

use std::io::Read as _;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

/// What a client child prints as its last stdout line (one JSON object).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct ClientReport {
    /// Records received.
    pub records: u64,
    /// Seconds from the first request to the last record, measured by the child.
    pub elapsed_s: f64,
    /// The sum of the ids received: equal for every client reading the same data.
    pub checksum: i64,
    /// Pages (requests) read.
    #[serde(default)]
    pub pages: u64,
    /// Body bytes received (where the client knows them).
    #[serde(default)]
    pub bytes: u64,
}

/// The measurements of one finished child.
#[derive(Debug, Clone, Default)]
pub struct Measured {
    /// From spawn to exit, as seen by the harness.
    pub wall: Duration,
    /// User CPU time of the child (and of its own children, if it waited for them).
    pub user: Duration,
    /// System CPU time of the child.
    pub sys: Duration,
    /// Peak resident set size, in bytes.
    pub max_rss: u64,
    /// What the child printed on stdout.
    pub stdout: String,
}

impl Measured {
    /// User + system CPU time.
    pub fn cpu(&self) -> Duration {
        self.user + self.sys
    }

    /// The child's [`ClientReport`]: its last stdout line that parses as one.
    pub fn report(&self) -> Result<ClientReport, String> {
        self.stdout
            .lines()
            .rev()
            .find_map(|l| serde_json::from_str(l.trim()).ok())
            .ok_or_else(|| format!("no report in the client's output: {:?}", self.stdout))
    }
}

fn timeval(tv: libc::timeval) -> Duration {
    Duration::from_secs(tv.tv_sec as u64) + Duration::from_micros(tv.tv_usec as u64)
}

/// Runs `cmd` to its end with stdout captured (stderr inherited) and measures it. A child
/// that exits unsuccessfully is an error that carries its output.
pub fn run(cmd: &mut Command) -> Result<Measured, String> {
    let started = Instant::now();
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| format!("spawning {cmd:?}: {e}"))?;
    let pid = child.id() as libc::pid_t;
    let mut out = child.stdout.take().expect("stdout is piped");
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = out.read_to_string(&mut s);
        s
    });
    let mut status: libc::c_int = 0;
    // SAFETY: `rusage` is plain old data, valid when zeroed.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: `pid` is our own child, not yet reaped (std never waited for it); the
        // pointers are to live locals.
        let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
        if r == pid {
            break;
        }
        let err = std::io::Error::last_os_error();
        if err.kind() != std::io::ErrorKind::Interrupted {
            return Err(format!("wait4: {err}"));
        }
    }
    let wall = started.elapsed();
    let stdout = reader.join().unwrap_or_default();
    // The child is reaped: make sure `Child`'s drop does not touch it (it does not wait).
    drop(child);
    let ok = libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0;
    if !ok {
        return Err(format!(
            "{cmd:?} failed (status {status:#x}); stdout: {}",
            stdout.trim()
        ));
    }
    Ok(Measured {
        wall,
        user: timeval(usage.ru_utime),
        sys: timeval(usage.ru_stime),
        max_rss: (usage.ru_maxrss as u64) * 1024,
        stdout,
    })
}

/// The machine's load averages (1, 5 and 15 minutes), from `/proc/loadavg`.
pub fn loadavg() -> Option<(f64, f64, f64)> {
    let s = std::fs::read_to_string("/proc/loadavg").ok()?;
    let mut it = s.split_whitespace().map(|x| x.parse::<f64>().ok());
    Some((it.next()??, it.next()??, it.next()??))
}

/// The median of `xs` (the mean of the two middle values for an even count); 0 when empty.
pub fn median(xs: &mut [f64]) -> f64 {
    if xs.is_empty() {
        return 0.0;
    }
    xs.sort_by(f64::total_cmp);
    let n = xs.len();
    if n % 2 == 1 {
        xs[n / 2]
    } else {
        (xs[n / 2 - 1] + xs[n / 2]) / 2.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_a_child_that_burns_cpu_and_memory() {
        let m = run(Command::new("python3").args([
            "-c",
            "x = bytearray(64 * 1024 * 1024)\nfor i in range(0, len(x), 4096): x[i] = 1\nprint('{\"records\": 3, \"elapsed_s\": 0.5, \"checksum\": 6}')",
        ]))
        .or_else(|_| {
            run(Command::new("sh").args([
                "-c",
                "head -c 67108864 /dev/zero | tail -c 1 >/dev/null; echo '{\"records\": 3, \"elapsed_s\": 0.5, \"checksum\": 6}'",
            ]))
        })
        .unwrap();
        let r = m.report().unwrap();
        assert_eq!(r.records, 3);
        assert!(m.max_rss > 1024 * 1024, "{m:?}");
        assert!(m.wall >= m.cpu() / 4, "{m:?}");
    }

    #[test]
    fn a_failing_child_is_an_error() {
        assert!(run(Command::new("sh").args(["-c", "echo no; exit 3"])).is_err());
    }

    #[test]
    fn medians() {
        assert_eq!(median(&mut [3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&mut [4.0, 1.0, 2.0, 3.0]), 2.5);
        assert_eq!(median(&mut []), 0.0);
    }
}
