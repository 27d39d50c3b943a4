//! The least wall time a sync can take on this machine (scenario 8): the CPU time of every
//! party of the run (the `l2l` client, the server answering it and the database loading the
//! rows) divided by the cores they share. A sync can overlap its download with its load,
//! but not beat that sum: when the least time is itself above a target, no client could
//! reach the target here.

use super::ceiling::Floor;
use crate::measure::median;
use crate::report;

/// The medians of one client's runs.
#[derive(Debug, Clone, Copy)]
pub struct Runs {
    /// Wall seconds of the whole sync.
    pub wall: f64,
    /// CPU seconds of the client process (an in-process database included).
    pub client_cpu: f64,
    /// CPU seconds of the other parties over the same run: the server, and the database
    /// server where it is a process of its own.
    pub other_cpu: f64,
}

impl Runs {
    /// The medians of per-run readings.
    pub fn of(wall: &[f64], client_cpu: &[f64], other_cpu: &[f64]) -> Runs {
        let m = |xs: &[f64]| median(&mut xs.to_vec());
        Runs {
            wall: m(wall),
            client_cpu: m(client_cpu),
            other_cpu: m(other_cpu),
        }
    }

    /// Every party's CPU divided by `cores`: the least wall time of the run.
    pub fn least_wall(&self, cores: usize) -> f64 {
        (self.client_cpu + self.other_cpu) / cores.max(1) as f64
    }
}

/// The medians of the own-load readings.
pub fn floor_of(floors: &[Floor]) -> Floor {
    let m = |f: fn(&Floor) -> f64| median(&mut floors.iter().map(f).collect::<Vec<_>>());
    Floor {
        secs: m(|f| f.secs),
        cpu: m(|f| f.cpu),
    }
}

/// The rows (reading, measured, what it says) that explain `name`'s 1.25× target.
pub fn rows(name: &str, sync: Runs, own: Floor, cores: usize) -> Vec<[String; 3]> {
    let least = sync.least_wall(cores);
    let reach = least / own.secs.max(1e-9);
    vec![
        [
            format!(
                "{name}: the least wall time this machine allows the sync (client + server + \
                 database CPU ÷ {cores} cores) ÷ the database's own load"
            ),
            format!(
                "{} ({:.2} s: {:.2} + {:.2} CPU s; own load {:.2} s, {:.2} CPU s)",
                report::times(reach),
                least,
                sync.client_cpu,
                sync.other_cpu,
                own.secs,
                own.cpu
            ),
            if reach <= 1.25 {
                "the 1.25× target is reachable here".into()
            } else {
                "the 1.25× target is out of reach on these cores".into()
            },
        ],
        [
            format!("{name}: the sync's wall time ÷ that least time (1.00× is a perfect overlap)"),
            report::times(sync.wall / least.max(1e-9)),
            "reading".into(),
        ],
    ]
}

/// SQLite runs inside the client: its CPU per record less what SQLite's own load of the
/// same rows takes per record, the client's own share.
pub fn client_share(sync: Runs, own: Floor, rows: u64) -> f64 {
    (sync.client_cpu - own.cpu).max(0.0) / rows.max(1) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_least_time_is_every_partys_cpu_over_the_cores() {
        let r = Runs::of(&[3.0, 2.0, 4.0], &[2.0, 1.0, 3.0], &[1.0, 1.0, 2.0]);
        assert_eq!((r.wall, r.client_cpu, r.other_cpu), (3.0, 2.0, 1.0));
        assert_eq!(r.least_wall(2), 1.5);
        let rows = rows(
            "SQLite",
            r,
            Floor {
                secs: 1.0,
                cpu: 0.9,
            },
            2,
        );
        assert!(rows[0][2].contains("out of reach"), "{rows:?}");
        assert!(rows[1][1].starts_with("2.00"), "{rows:?}");
        let near = rows_for_reachable();
        assert!(near[0][2].contains("reachable here"), "{near:?}");
        assert!(
            (client_share(
                r,
                Floor {
                    secs: 1.0,
                    cpu: 0.5
                },
                3
            ) - 0.5)
                .abs()
                < 1e-12
        );
    }

    fn rows_for_reachable() -> Vec<[String; 3]> {
        let r = Runs::of(&[1.2], &[1.0], &[1.0]);
        rows(
            "PostgreSQL",
            r,
            Floor {
                secs: 1.0,
                cpu: 1.0,
            },
            2,
        )
    }
}
