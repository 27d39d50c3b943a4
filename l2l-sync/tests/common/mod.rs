//! Shared by the database tests: a sandbox on its own runtime, a client of it, and the
//! databases behind one small trait so that each scenario runs against SQLite and PostgreSQL.
#![allow(dead_code)]

pub mod pg;
pub mod scenarios;

use std::path::PathBuf;
use std::sync::Arc;

use l2l_areas::{Client, Machine, MachinePatch, RecordArea};
use l2l_sandbox::{Sandbox, Seed};
use l2l_sync::{Deletions, Job, Report, Target};

/// Machines of site 1 besides the seeded ones: the demo's.
pub const DEMO_MACHINES: usize = 4;

/// A sandbox, a client and a scratch directory.
pub struct Env {
    pub rt: tokio::runtime::Runtime,
    sandbox: Option<Sandbox>,
    pub client: Client,
    pub dir: PathBuf,
}

impl Env {
    /// A sandbox with the demo plant and `n` more machines.
    pub fn machines(name: &str, n: u64) -> Env {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("a runtime");
        let sandbox = rt
            .block_on(
                Sandbox::builder()
                    .seed(Seed::Bulk {
                        count: n,
                        area: Some("machines".into()),
                    })
                    .start(),
            )
            .expect("the sandbox starts");
        let client = Client::builder()
            .base_url(sandbox.base_url())
            .api_key(sandbox.api_key())
            .build()
            .expect("a client");
        let dir = std::env::temp_dir().join(format!("l2l-sync-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("a scratch directory");
        Env {
            rt,
            sandbox: Some(sandbox),
            client,
            dir,
        }
    }

    /// Requests the sandbox has answered.
    pub fn requests(&self) -> u64 {
        self.sandbox.as_ref().expect("running").stats().requests
    }

    /// Syncs machines of site 1 into `target`.
    pub fn sync(&self, target: &Target, deletions: Option<Deletions>) -> l2l_sync::Result<Report> {
        self.sync_area(Machine::SCHEMA, target, deletions)
    }

    /// Syncs `area` (of site 1, when scoped by site) into `target`.
    pub fn sync_area(
        &self,
        area: &'static l2l_areas::AreaSchema,
        target: &Target,
        deletions: Option<Deletions>,
    ) -> l2l_sync::Result<Report> {
        let job = Job {
            area,
            site: (area.scope == l2l_areas::Scope::Site).then_some(1),
            filters: vec![],
            since: None,
            page_size: Some(500),
            deletions,
        };
        let t = target.clone();
        let sink = self
            .rt
            .block_on(self.rt.spawn_blocking(move || t.open()))
            .expect("opening does not panic")?;
        self.rt
            .block_on(job.run(&self.client, sink, Arc::new(|_| {})))
    }

    /// Every machine of site 1 as the server has it now: (id, description).
    pub fn machines_now(&self) -> Vec<(i64, Option<String>)> {
        let all: Vec<serde_json::Value> = self
            .rt
            .block_on(l2l_areas::Query::for_site(Machine::SCHEMA, 1).all(&self.client))
            .expect("the machines");
        let mut out: Vec<_> = all
            .iter()
            .map(|m| {
                (
                    m["id"].as_i64().expect("an id"),
                    m["description"].as_str().map(str::to_owned),
                )
            })
            .collect();
        out.sort();
        out
    }

    /// Changes a machine's description.
    pub fn rename(&self, id: i64, description: &str) {
        self.rt
            .block_on(Machine::update(
                &self.client,
                id,
                &MachinePatch::default().description(description),
            ))
            .expect("updated");
    }

    /// Deletes a machine.
    pub fn delete(&self, id: i64) {
        self.rt
            .block_on(Machine::delete(&self.client, id))
            .expect("deleted");
    }
}

impl Drop for Env {
    fn drop(&mut self) {
        if let Some(s) = self.sandbox.take() {
            self.rt.block_on(s.shutdown());
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// A database the scenarios can look into.
pub trait Db {
    /// Where a sync writes.
    fn target(&self) -> Target;
    /// Runs statements.
    fn exec(&self, sql: &str);
    /// The integer of a one-row, one-column query (NULL is `None`).
    fn int(&self, sql: &str) -> Option<i64>;
    /// (id, description) of every row, by id.
    fn rows(&self) -> Vec<(i64, Option<String>)>;
    /// A statement that makes inserting the row `id` into `machines` fail.
    fn fail_on(&self, id: i64);
    /// Drops what `fail_on` made.
    fn heal(&self);
    /// The type of a column in this database's own words.
    fn column_type(&self, table: &str, column: &str) -> Option<String>;
}

/// A SQLite file.
pub struct Sqlite(pub PathBuf);

impl Sqlite {
    fn conn(&self) -> rusqlite::Connection {
        rusqlite::Connection::open(&self.0).expect("the database opens")
    }
}

impl Db for Sqlite {
    fn target(&self) -> Target {
        Target::Sqlite(self.0.clone())
    }
    fn exec(&self, sql: &str) {
        self.conn().execute_batch(sql).expect(sql);
    }
    fn int(&self, sql: &str) -> Option<i64> {
        self.conn().query_row(sql, [], |r| r.get(0)).expect(sql)
    }
    fn rows(&self) -> Vec<(i64, Option<String>)> {
        let c = self.conn();
        let mut st = c
            .prepare("SELECT id, description FROM machines ORDER BY id")
            .expect("a query");
        st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .expect("rows")
            .collect::<Result<_, _>>()
            .expect("rows")
    }
    fn fail_on(&self, id: i64) {
        self.exec(&format!(
            "CREATE TRIGGER l2l_test_fail BEFORE INSERT ON machines WHEN NEW.id = {id} \
             BEGIN SELECT RAISE(ABORT, 'the test refuses id {id}'); END"
        ));
    }
    fn heal(&self) {
        self.exec("DROP TRIGGER l2l_test_fail");
    }
    fn column_type(&self, table: &str, column: &str) -> Option<String> {
        let c = self.conn();
        c.query_row(
            &format!("SELECT type FROM pragma_table_info('{table}') WHERE name = ?1"),
            [column],
            |r| r.get(0),
        )
        .ok()
    }
}

/// A PostgreSQL database.
pub struct Postgres(pub String);

impl Postgres {
    fn client(&self) -> postgres::Client {
        postgres::Client::connect(&self.0, postgres::NoTls).expect("the database answers")
    }
}

impl Db for Postgres {
    fn target(&self) -> Target {
        Target::Postgres(self.0.clone())
    }
    fn exec(&self, sql: &str) {
        self.client().batch_execute(sql).expect(sql);
    }
    fn int(&self, sql: &str) -> Option<i64> {
        self.client().query_one(sql, &[]).expect(sql).get(0)
    }
    fn rows(&self) -> Vec<(i64, Option<String>)> {
        self.client()
            .query("SELECT id, description FROM machines ORDER BY id", &[])
            .expect("rows")
            .iter()
            .map(|r| (r.get(0), r.get(1)))
            .collect()
    }
    fn fail_on(&self, id: i64) {
        self.exec(&format!(
            "CREATE FUNCTION l2l_test_fail() RETURNS trigger AS $$ BEGIN \
             RAISE EXCEPTION 'the test refuses id {id}'; END $$ LANGUAGE plpgsql; \
             CREATE TRIGGER l2l_test_fail BEFORE INSERT ON machines FOR EACH ROW \
             WHEN (NEW.id = {id}) EXECUTE FUNCTION l2l_test_fail();"
        ));
    }
    fn heal(&self) {
        self.exec("DROP TRIGGER l2l_test_fail ON machines; DROP FUNCTION l2l_test_fail();");
    }
    fn column_type(&self, table: &str, column: &str) -> Option<String> {
        self.client()
            .query_opt(
                "SELECT data_type::text FROM information_schema.columns WHERE table_name = $1 AND column_name = $2",
                &[&table, &column],
            )
            .expect("a query")
            .map(|r| r.get(0))
    }
}
