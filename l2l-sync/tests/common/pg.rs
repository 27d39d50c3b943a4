//! A real PostgreSQL server for a test: `initdb` and `pg_ctl` from `pg_config --bindir`, a
//! data directory under the system's temporary directory, a free port on 127.0.0.1, run as
//! the `postgres` system user when the test runs as root (PostgreSQL refuses root), and
//! stopped when the guard is dropped.
//!
//! Without the binaries the test is skipped with a message, unless `CI` is set: then it fails.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::Command;

/// A running server; stopped (and its directory removed) on drop.
pub struct Pg {
    bin: PathBuf,
    dir: PathBuf,
    port: u16,
    as_postgres: bool,
}

fn bindir() -> Option<PathBuf> {
    let usable = |dir: &PathBuf| dir.join("initdb").exists() && dir.join("pg_ctl").exists();
    let named = Command::new("pg_config")
        .arg("--bindir")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .map(|s| PathBuf::from(s.trim()));
    if let Some(dir) = named.filter(usable) {
        return Some(dir);
    }
    // Debian keeps each version's binaries off PATH: the newest one there.
    let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path().join("bin")))
        .filter(usable)
        .collect();
    found.sort();
    found.pop()
}

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() == 0 }
}

impl Pg {
    /// Starts a server, or returns `None` (after saying why) when PostgreSQL is not
    /// installed and `CI` is not set.
    pub fn start(name: &str) -> Option<Pg> {
        let Some(bin) = bindir() else {
            let why = "PostgreSQL's initdb and pg_ctl were not found (`pg_config --bindir`); \
                       install the `postgresql` package";
            if std::env::var_os("CI").is_some() {
                panic!("{why}");
            }
            eprintln!("skipped: {why}");
            return None;
        };
        let dir = std::env::temp_dir().join(format!("l2l-pg-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("a directory for the server");
        let as_postgres = is_root();
        if as_postgres {
            run(
                Command::new("chown")
                    .args(["-R", "postgres:postgres"])
                    .arg(&dir),
                "chown",
            );
        }
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let pg = Pg {
            bin,
            dir,
            port,
            as_postgres,
        };
        let data = pg.dir.join("data");
        run(
            pg.command("initdb")
                .args([
                    "-U",
                    "postgres",
                    "--auth=trust",
                    "-E",
                    "UTF8",
                    "--no-sync",
                    "-D",
                ])
                .arg(&data),
            "initdb",
        );
        let opts = format!(
            "-p {port} -k {} -c listen_addresses=127.0.0.1 -c fsync=off",
            pg.dir.display()
        );
        run(
            pg.command("pg_ctl")
                .args(["-w", "-t", "60", "-D"])
                .arg(&data)
                .arg("-l")
                .arg(pg.dir.join("log"))
                .args(["-o", &opts, "start"]),
            "pg_ctl start",
        );
        Some(pg)
    }

    fn command(&self, tool: &str) -> Command {
        let exe = self.bin.join(tool);
        if self.as_postgres {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(exe);
            c
        } else {
            Command::new(exe)
        }
    }

    /// The pid of the server's postmaster (from its `postmaster.pid`), the root of its
    /// processes (for the bench's CPU accounting; the tests do not ask).
    #[allow(dead_code)]
    pub fn postmaster_pid(&self) -> Option<u32> {
        let text = std::fs::read_to_string(self.dir.join("data").join("postmaster.pid")).ok()?;
        text.lines().next()?.trim().parse().ok()
    }

    /// The URL of the `postgres` database.
    pub fn admin_url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }

    /// A new, empty database; returns its URL.
    pub fn database(&self, name: &str) -> String {
        let mut c = postgres::Client::connect(&self.admin_url(), postgres::NoTls)
            .expect("the server answers");
        c.batch_execute(&format!("CREATE DATABASE \"{name}\""))
            .expect("a database");
        format!("postgres://postgres@127.0.0.1:{}/{name}", self.port)
    }
}

fn run(c: &mut Command, what: &str) {
    let out = c.output().unwrap_or_else(|e| panic!("{what} runs: {e}"));
    assert!(
        out.status.success(),
        "{what} failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

impl Drop for Pg {
    fn drop(&mut self) {
        let _ = self
            .command("pg_ctl")
            .args(["-w", "-m", "immediate", "-D"])
            .arg(self.dir.join("data"))
            .arg("stop")
            .output();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
