//! Scenario 7: `l2l sync` of a whole area into SQLite and into PostgreSQL, beside its own
//! JSON Lines sync in the same run, and beside a Python peer (the docs' paging loop, then
//! `sqlite3` / `psycopg` `executemany` of the same rows). Each client is a child process,
//! timed from start to exit, into a fresh destination each run.

#[path = "../../../l2l-sync/tests/common/pg.rs"]
#[allow(dead_code)]
mod pg;

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

use l2l_sync::Table;

use super::python_peer::{psycopg, table_sql};
use super::{Ctx, bound, ceiling, machine_note, verdict};
use crate::clients::{cli, python};
use crate::cpu;
use crate::measure::{self, median};
use crate::report::{self, Table as Md};
use crate::servers::{Kind as ServerKind, Server};

/// What to run.
#[derive(Debug, Clone, clap::Args)]
pub struct Opts {
    /// Records of the area in the sandbox.
    #[arg(long, default_value_t = 100_000)]
    pub records: u64,
    /// Leave out the Python peers (their rows and targets), for a quicker run.
    #[arg(long)]
    pub no_python: bool,
    /// The server the clients read from: the in-memory one by default, so that serving
    /// takes little of the cores the client and the database share (the sandbox costs
    /// about as much CPU as the client's decoding).
    #[arg(long, value_enum, default_value = "memory")]
    pub server: ServerKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Client {
    Jsonl,
    Sqlite,
    Postgres,
    PySqlite,
    PyPostgres,
    Tap,
}

impl Client {
    fn label(self) -> &'static str {
        match self {
            Client::Jsonl => "`l2l sync --to jsonl:`",
            Client::Sqlite => "`l2l sync --to sqlite:`",
            Client::Postgres => "`l2l sync --to postgres://`",
            Client::PySqlite => "Python: docs' loop + sqlite3 executemany",
            Client::PyPostgres => "Python: docs' loop + psycopg executemany",
            Client::Tap => "`l2l tap` (Singer messages) into a file",
        }
    }
}

struct Env<'a> {
    bin: &'a Path,
    server: &'a Server,
    pg: Option<&'a str>,
    ctx: &'a Ctx,
    table: Table,
}

impl Env<'_> {
    fn sqlite(&self) -> std::path::PathBuf {
        self.ctx.scratch.join("sync_db.sqlite")
    }

    /// A fresh destination for `c`; its name.
    fn fresh(&self, c: Client) -> Result<String, String> {
        Ok(match c {
            Client::Jsonl => {
                let out = self.ctx.scratch.join("sync_db.jsonl");
                let _ = std::fs::remove_file(&out);
                let _ = std::fs::remove_file(l2l_sync::state_path(&out));
                format!("jsonl:{}", out.display())
            }
            Client::Tap => {
                let dir = &self.ctx.scratch;
                let cfg = serde_json::json!({"base_url": self.server.base_url,
                    "api_key": self.server.api_key, "site": 1});
                let cat = serde_json::json!({"streams": [{"tap_stream_id": self.table.name,
                    "metadata": [{"breadcrumb": [], "metadata": {"selected": true}}]}]});
                let write = |name: &str, v: serde_json::Value| {
                    std::fs::write(dir.join(name), v.to_string()).map_err(|e| e.to_string())
                };
                write("tap.json", cfg)?;
                write("catalog.json", cat)?;
                let out = dir.join("sync_db.singer");
                let _ = std::fs::remove_file(&out);
                out.display().to_string()
            }
            Client::Sqlite | Client::PySqlite => {
                for ext in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{ext}", self.sqlite().display()));
                }
                format!("sqlite:{}", self.sqlite().display())
            }
            Client::Postgres | Client::PyPostgres => {
                let url = self.pg.ok_or("no PostgreSQL")?;
                let mut c =
                    postgres::Client::connect(url, postgres::NoTls).map_err(|e| e.to_string())?;
                c.batch_execute(&format!(
                    "DROP TABLE IF EXISTS {}, _l2l_sync_state",
                    self.table.name
                ))
                .map_err(|e| e.to_string())?;
                url.to_owned()
            }
        })
    }

    fn command(&self, c: Client, dest: &str) -> Command {
        let area = &self.table.name;
        match c {
            Client::PySqlite | Client::PyPostgres => {
                let pg = c == Client::PyPostgres;
                let (create, insert) = table_sql(&self.table, pg);
                let cols: Vec<&str> = self.table.columns.iter().map(|c| c.name.as_str()).collect();
                let script = self.ctx.scratch.join("sync_db.py");
                let _ = std::fs::write(&script, include_str!("sync_db.py"));
                let mut cmd = Command::new(python::interpreter());
                cmd.arg(script)
                    .arg(format!("{}/api/1.0/{area}/", self.server.base_url))
                    .args([
                        &self.server.api_key,
                        "1",
                        "2000",
                        dest,
                        &create,
                        &insert,
                        &cols.join(","),
                    ]);
                cmd
            }
            Client::Tap => {
                // exec: the measured process is the tap itself, its stdout the file.
                let mut cmd = Command::new("sh");
                cmd.args(["-c", r#"exec "$0" tap --config "$1" --catalog "$2" > "$3""#])
                    .arg(self.bin)
                    .arg(self.ctx.scratch.join("tap.json"))
                    .arg(self.ctx.scratch.join("catalog.json"))
                    .arg(dest);
                cmd
            }
            _ => {
                let mut cmd = Command::new(self.bin);
                cmd.args([
                    "--base-url",
                    &self.server.base_url,
                    "--api-key",
                    &self.server.api_key,
                ])
                .args(["sync", area, "--site", "1", "-q", "--to", dest]);
                cmd
            }
        }
    }

    /// Rows (or lines) in the destination after a run.
    fn count(&self, c: Client, dest: &str) -> Result<u64, String> {
        let sql = format!("SELECT count(*) FROM {}", self.table.name);
        match c {
            Client::Tap => std::fs::read_to_string(dest)
                .map(|t| {
                    t.lines()
                        .filter(|l| l.contains(r#""type":"RECORD""#))
                        .count() as u64
                })
                .map_err(|e| e.to_string()),
            Client::Jsonl => cli::count(Path::new(&dest["jsonl:".len()..]))
                .map(|(n, _)| n)
                .map_err(|e| e.to_string()),
            Client::Sqlite | Client::PySqlite => rusqlite::Connection::open(self.sqlite())
                .and_then(|c| c.query_row(&sql, [], |r| r.get::<_, i64>(0)))
                .map(|n| n as u64)
                .map_err(|e| e.to_string()),
            Client::Postgres | Client::PyPostgres => {
                postgres::Client::connect(dest, postgres::NoTls)
                    .and_then(|mut c| c.query_one(&sql, &[]))
                    .map(|r| r.get::<_, i64>(0) as u64)
                    .map_err(|e| e.to_string())
            }
        }
    }
}

/// Runs the scenario and returns its section.
pub fn run(ctx: &Ctx, opts: &Opts) -> Result<String, String> {
    let load = measure::loadavg();
    if !cli::build() {
        return Err("the l2l binary does not build".into());
    }
    let bin = cli::binary().ok_or("no l2l binary")?;
    let server = Server::start(opts.server, opts.records, 0)?;
    let pg = pg::Pg::start("bench");
    let pg_url = pg.as_ref().map(|p| p.database("bench"));
    let mut clients = vec![Client::Jsonl, Client::Tap, Client::Sqlite];
    if pg_url.is_some() {
        clients.push(Client::Postgres);
    }
    if !opts.no_python && python::available() {
        clients.push(Client::PySqlite);
        if pg_url.is_some() && psycopg() {
            clients.push(Client::PyPostgres);
        }
    }
    let env = Env {
        bin: &bin,
        server: &server,
        pg: pg_url.as_deref(),
        ctx,
        table: Table::of(crate::fixtures::area()),
    };
    let mut secs: Vec<Vec<f64>> = vec![Vec::new(); clients.len()];
    let mut cpus: Vec<Vec<f64>> = vec![Vec::new(); clients.len()];
    // The CPU of the server and of PostgreSQL's processes during each client's run.
    let mut others: Vec<Vec<f64>> = vec![Vec::new(); clients.len()];
    let pg_pid = pg.as_ref().and_then(|p| p.postmaster_pid());
    let others_now = || {
        let of = |pid: Option<u32>| pid.and_then(cpu::tree).unwrap_or_default();
        (of(Some(server.pid())) + of(pg_pid)).as_secs_f64()
    };
    let (mut pg_floor, mut sqlite_floor) = (Vec::new(), Vec::new());
    let mut rows = vec![0u64; clients.len()];
    for round in 0..ctx.repeat {
        for (i, &c) in clients.iter().enumerate() {
            let dest = env.fresh(c)?;
            let before = others_now();
            let m = measure::run(&mut env.command(c, &dest))
                .map_err(|e| format!("{}: {e}", c.label()))?;
            others[i].push(others_now() - before);
            rows[i] = env.count(c, &dest)?;
            eprintln!(
                "  [{}/{}] {:<45} {:>9} rows in {:>7.3}s",
                round + 1,
                ctx.repeat,
                c.label(),
                rows[i],
                m.wall.as_secs_f64()
            );
            secs[i].push(m.wall.as_secs_f64());
            cpus[i].push((m.user + m.sys).as_secs_f64());
            match c {
                Client::Postgres => {
                    pg_floor.push(ceiling::postgres(&dest, &env.table.name, pg_pid)?)
                }
                Client::Sqlite => {
                    sqlite_floor.push(ceiling::sqlite(&env.sqlite(), &env.table.name)?)
                }
                _ => {}
            }
            // Cleared at once: a table left to the next client's run would be vacuumed and
            // analyzed by PostgreSQL meanwhile, on the same 2 cores.
            env.fresh(c)?;
        }
    }
    let rps: Vec<f64> = secs
        .iter_mut()
        .zip(&rows)
        .map(|(s, n)| *n as f64 / median(s).max(1e-9))
        .collect();
    let of = |c: Client| clients.iter().position(|x| *x == c).map(|i| rps[i]);
    let mut t = Md::new(["client", "rows", "seconds", "rows/s"]);
    for (i, c) in clients.iter().enumerate() {
        t.row([
            c.label().to_owned(),
            report::thousands(rows[i] as f64),
            report::fixed(median(&mut secs[i]), 2),
            report::thousands(rps[i]),
        ]);
    }
    let mut tt = Md::new(["target", "measured", "verdict"]);
    let mut target = |name: &str, a: Option<f64>, b: Option<f64>, want: f64| {
        if let (Some(a), Some(b)) = (a, b) {
            let r = a / b.max(1e-9);
            tt.row([
                name.to_owned(),
                report::times(r),
                verdict(r >= want).to_owned(),
            ]);
        }
    };
    target(
        "`l2l tap` records/s ≥ 0.7× the JSON Lines sync's",
        of(Client::Tap),
        of(Client::Jsonl),
        0.7,
    );
    // The databases' rows/s against the JSON Lines sync's (once a 0.7× target) is no longer
    // a target: on 2 shared cores it measures the database's CPU, not the client's. The
    // client's CPU per record and the database's own load are the targets below.
    target(
        "SQLite ≥ 10× the Python peer (sqlite3)",
        of(Client::Sqlite),
        of(Client::PySqlite),
        10.0,
    );
    target(
        "PostgreSQL ≥ 10× the Python peer (psycopg)",
        of(Client::Postgres),
        of(Client::PyPostgres),
        10.0,
    );
    let at = |c: Client| clients.iter().position(|x| *x == c);
    let cpu_per_row = |i: usize| median(&mut cpus[i].clone()) / rows[i].max(1) as f64;
    for (c, own, name) in [
        (Client::Sqlite, &sqlite_floor, "SQLite"),
        (Client::Postgres, &pg_floor, "PostgreSQL"),
    ] {
        if let (Some(i), false) = (at(c), own.is_empty()) {
            let r = median(&mut secs[i].clone()) / bound::floor_of(own).secs.max(1e-9);
            tt.row([
                format!("{name}: the whole sync ≤ 1.25× the database's own fastest load of the same rows"),
                report::times(r),
                verdict(r <= 1.25).to_owned(),
            ]);
            let runs = bound::Runs::of(&secs[i], &cpus[i], &others[i]);
            for row in bound::rows(name, runs, bound::floor_of(own), cpu::cores()) {
                tt.row(row);
            }
            if let (Client::Sqlite, Some(j)) = (c, at(Client::Jsonl)) {
                let share = bound::client_share(runs, bound::floor_of(own), rows[i]);
                tt.row([
                    "SQLite: the client's CPU per record less SQLite's own-load CPU per record, \
                     ÷ the JSON Lines sync's"
                        .to_owned(),
                    format!(
                        "{} ({:.2} against {:.2} µs)",
                        report::times(share / cpu_per_row(j).max(1e-12)),
                        share * 1e6,
                        cpu_per_row(j) * 1e6
                    ),
                    "reading".into(),
                ]);
            }
        }
        if let (Some(i), Some(j)) = (at(c), at(Client::Jsonl)) {
            let r = cpu_per_row(i) / cpu_per_row(j).max(1e-12);
            tt.row([
                format!("{name}: the client's CPU per record ≤ 1.1× the JSON Lines sync's"),
                format!(
                    "{} ({:.2} against {:.2} µs)",
                    report::times(r),
                    cpu_per_row(i) * 1e6,
                    cpu_per_row(j) * 1e6
                ),
                verdict(r <= 1.1).to_owned(),
            ]);
        }
    }
    let mut s = String::new();
    let _ = writeln!(s, "## 8. Sync into databases\n");
    let _ = writeln!(
        s,
        "`cargo run --release -p l2l-bench -- sync-db --records {} --server {}` · every `{}` record of site 1 \
         from the {} server, `l2l` with its defaults (no tuning flags), each client into a fresh destination, median of {} runs. {}\n",
        opts.records,
        match opts.server {
            ServerKind::Memory => "memory",
            ServerKind::Sandbox => "sandbox",
        },
        env.table.name,
        opts.server.label(),
        ctx.repeat,
        machine_note(load)
    );
    let _ = writeln!(s, "{}", t.markdown());
    let mut floor = |c: Client, own: &[ceiling::Floor], how: &str| {
        if let (Some(i), false) = (clients.iter().position(|x| *x == c), own.is_empty()) {
            let own = bound::floor_of(own).secs;
            let _ = writeln!(
                s,
                "{how} takes {:.2} s: the whole {}, download included, takes {} of that.\n",
                own,
                c.label(),
                report::times(median(&mut secs[i]) / own.max(1e-9))
            );
        }
    };
    floor(
        Client::Sqlite,
        &sqlite_floor,
        "SQLite's own load of the same rows, its fastest way (read into memory, then one \
         transaction of one prepared insert into a new file of the same page size and table, \
         WAL, then the `lastupdated` index; nothing downloaded)",
    );
    floor(
        Client::Postgres,
        &pg_floor,
        "PostgreSQL's own bulk load of the same rows, its fastest way (binary COPY from memory \
         into an empty table of the same columns without autovacuum, then the primary key and \
         the `lastupdated` index built after; nothing downloaded, the server on the same 2 cores)",
    );
    let _ = writeln!(s, "### Targets\n\n{}", tt.markdown());
    Ok(s)
}
