//! CPU time of the processes a run involves besides the measured client: the server child
//! and the database's processes, read from `/proc` (Linux), and the harness's own (for a
//! load it runs in-process). Summed over every party, it gives the lowest wall time the
//! machine's cores allow for that run.

use std::collections::HashMap;
use std::time::Duration;

/// CPU time (user + system) of `pid` and of every process below it, the exited ones its
/// parents waited for included (`cutime`, `cstime`), or `None` where `/proc` cannot tell.
///
/// A descendant that exits between two readings moves from the live sum into its
/// parent's waited-for time, so the difference of two readings stays the CPU spent between
/// them.
pub fn tree(pid: u32) -> Option<Duration> {
    let procs = all();
    procs.get(&pid)?;
    let mut children: HashMap<u32, Vec<u32>> = HashMap::new();
    for (&p, s) in &procs {
        children.entry(s.ppid).or_default().push(p);
    }
    let (mut ticks, mut todo) = (0u64, vec![pid]);
    while let Some(p) = todo.pop() {
        if let Some(s) = procs.get(&p) {
            ticks += s.ticks;
        }
        todo.extend(children.get(&p).into_iter().flatten());
    }
    Some(from_ticks(ticks))
}

/// CPU time (user + system) of this process, all its threads, so far.
pub fn own() -> Duration {
    // SAFETY: `rusage` is plain old data, valid when zeroed; getrusage fills it.
    let mut u: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: a valid pointer to a `rusage` and a valid `who`.
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut u) };
    let d = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    d(u.ru_utime) + d(u.ru_stime)
}

/// The cores this machine lets a run use.
pub fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

struct Stat {
    ppid: u32,
    ticks: u64,
}

fn all() -> HashMap<u32, Stat> {
    let Ok(dir) = std::fs::read_dir("/proc") else {
        return HashMap::new();
    };
    dir.filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter_map(|pid| {
            let text = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
            Some((pid, parse(&text)?))
        })
        .collect()
}

/// `/proc/PID/stat`: the name in parentheses may hold spaces, so fields count from the
/// last `)`: state, ppid, ..., then utime, stime, cutime, cstime as the 12th to 15th.
fn parse(text: &str) -> Option<Stat> {
    let rest = &text[text.rfind(')')? + 1..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let n = |i: usize| f.get(i)?.parse::<u64>().ok();
    Some(Stat {
        ppid: n(1)? as u32,
        ticks: n(11)? + n(12)? + n(13)? + n(14)?,
    })
}

fn from_ticks(ticks: u64) -> Duration {
    // SAFETY: sysconf has no preconditions.
    let hz = unsafe { libc::sysconf(libc::_SC_CLK_TCK) }.max(1) as u64;
    Duration::from_nanos(ticks * 1_000_000_000 / hz)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_name_with_spaces_and_parens() {
        let s = parse("42 (a (b) c) S 7 1 1 0 -1 0 0 0 0 0 100 20 3 4 20 0 1 0").unwrap();
        assert_eq!(s.ppid, 7);
        assert_eq!(s.ticks, 127);
    }

    #[test]
    fn a_child_that_burns_cpu_is_counted_in_its_parent_tree() {
        let me = std::process::id();
        let before = tree(me).expect("this process is in /proc");
        let mut child = std::process::Command::new("sh")
            .args(["-c", "i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done"])
            .spawn()
            .unwrap();
        child.wait().unwrap();
        let after = tree(me).unwrap();
        assert!(after > before, "{before:?} -> {after:?}");
        assert!(tree(u32::MAX).is_none());
    }
}
