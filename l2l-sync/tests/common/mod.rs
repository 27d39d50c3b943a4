//! Shared by the database tests: a sandbox on its own runtime, a client of it, and the
//! databases behind one small trait so that each scenario runs against SQLite and PostgreSQL.
#![allow(dead_code)]

pub mod feed;
pub mod pg;
pub mod scenarios;

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use l2l_areas::{Client, Dispatch, Machine, MachinePatch, RecordArea};
use l2l_sandbox::{Sandbox, SandboxBuilder, Seed};
use l2l_sync::{Deletions, Event, Job, Report, Target};

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
        Env::seeded(name, "machines", n)
    }

    /// A sandbox with the demo plant and `n` more records of `area`.
    pub fn seeded(name: &str, area: &str, n: u64) -> Env {
        Env::with(
            name,
            Sandbox::builder().seed(Seed::Bulk {
                count: n,
                area: Some(area.into()),
            }),
        )
    }

    /// A sandbox started from `builder`.
    pub fn with(name: &str, builder: SandboxBuilder) -> Env {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("a runtime");
        let sandbox = rt.block_on(builder.start()).expect("the sandbox starts");
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
        self.run(&Env::job(area, deletions, None), target).0
    }

    /// A job of `area` (of site 1, when scoped by site), as `l2l sync` makes it.
    pub fn job(
        area: &'static l2l_areas::AreaSchema,
        deletions: Option<Deletions>,
        feed_deletions: Option<Deletions>,
    ) -> Job {
        let mut job = Job::new(area).page_size(500);
        if area.scope == l2l_areas::Scope::Site {
            job = job.site(1);
        }
        if let Some(mode) = deletions {
            job = job.deletions(mode);
        }
        if let Some(mode) = feed_deletions {
            job = job.feed_deletions(mode);
        }
        job
    }

    /// Runs `job` into `target`; returns its result and the events it told.
    pub fn run(&self, job: &Job, target: &Target) -> (l2l_sync::Result<Report>, Vec<Event>) {
        let t = target.clone();
        let events = Arc::new(Mutex::new(Vec::new()));
        let sink = match self
            .rt
            .block_on(self.rt.spawn_blocking(move || t.open()))
            .expect("opening does not panic")
        {
            Ok(s) => s,
            Err(e) => return (Err(e), Vec::new()),
        };
        let told = events.clone();
        let job = job
            .clone()
            .progress(move |e: Event| told.lock().expect("not poisoned").push(e));
        let r = self.rt.block_on(job.run(&self.client, sink));
        let events = events.lock().expect("not poisoned").clone();
        (r, events)
    }

    /// Syncs the dispatches of site 1, the change feed's deletions applied as `feed`.
    pub fn sync_dispatches(&self, target: &Target, feed: Deletions) -> l2l_sync::Result<Report> {
        self.run(&Env::job(Dispatch::SCHEMA, None, Some(feed)), target)
            .0
    }

    /// Every dispatch of site 1 as the server has it now: (id, description).
    pub fn dispatches_now(&self) -> Vec<(i64, Option<String>)> {
        self.records_now(Dispatch::SCHEMA)
    }

    /// Deletes a dispatch of site 1 through `dispatches/delete/<id>`, as L2L's users do:
    /// the change feed reports it.
    pub fn delete_dispatch(&self, id: i64) {
        self.rt
            .block_on(Dispatch::delete_action(&self.client, 1, id))
            .expect("deleted");
    }

    /// Changes a dispatch's description.
    pub fn describe_dispatch(&self, id: i64, description: &str) {
        self.rt
            .block_on(Dispatch::set_description(&self.client, 1, id, description))
            .expect("described");
    }

    /// The newest change the feed reports after `since` (UTC), asked the way a sync asks.
    pub fn feed_max(&self, since: l2l_areas::UtcTime) -> Option<l2l_areas::UtcTime> {
        let q = l2l_areas::EventDataQuery {
            site: 1,
            lastupdated: Some(since),
            deleted: Some(true),
            ..Default::default()
        };
        self.rt
            .block_on(Dispatch::get_event_data(&self.client, &q))
            .expect("the feed")
            .max_lastupdated
    }

    /// Every machine of site 1 as the server has it now: (id, description).
    pub fn machines_now(&self) -> Vec<(i64, Option<String>)> {
        self.records_now(Machine::SCHEMA)
    }

    /// Every record of `area` in site 1 as the server has it now: (id, description).
    fn records_now(&self, area: &'static l2l_core::AreaSchema) -> Vec<(i64, Option<String>)> {
        let all: Vec<serde_json::Value> = self
            .rt
            .block_on(l2l_areas::Query::for_site(area, 1).all(&self.client))
            .unwrap_or_else(|e| panic!("the records of {}: {e}", area.path));
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
    /// (id, description) of every row of `machines`, by id.
    fn rows(&self) -> Vec<(i64, Option<String>)> {
        self.rows_of("machines")
    }
    /// (id, description) of every row of `table`, by id.
    fn rows_of(&self, table: &str) -> Vec<(i64, Option<String>)>;
    /// The saved sync state of `area` (site 1 when `site`), as JSON.
    fn state(&self, area: &str, site: i64) -> Option<serde_json::Value>;
    /// A trigger that makes every DELETE from `table` fail.
    fn refuse_deletes(&self, table: &str);
    /// Drops what `refuse_deletes` made.
    fn allow_deletes(&self, table: &str);
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
    fn rows_of(&self, table: &str) -> Vec<(i64, Option<String>)> {
        let c = self.conn();
        let mut st = c
            .prepare(&format!("SELECT id, description FROM {table} ORDER BY id"))
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
    fn state(&self, area: &str, site: i64) -> Option<serde_json::Value> {
        let text: Option<String> = self
            .conn()
            .query_row(
                "SELECT state FROM _l2l_sync_state WHERE area = ?1 AND site = ?2",
                rusqlite::params![area, site],
                |r| r.get(0),
            )
            .ok();
        text.map(|t| serde_json::from_str(&t).expect("a state is JSON"))
    }
    fn refuse_deletes(&self, table: &str) {
        self.exec(&format!(
            "CREATE TRIGGER l2l_test_nodelete BEFORE DELETE ON {table} \
             BEGIN SELECT RAISE(ABORT, 'the test refuses deletions'); END"
        ));
    }
    fn allow_deletes(&self, _table: &str) {
        self.exec("DROP TRIGGER l2l_test_nodelete");
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
    fn rows_of(&self, table: &str) -> Vec<(i64, Option<String>)> {
        self.client()
            .query(
                &format!("SELECT id, description FROM {table} ORDER BY id"),
                &[],
            )
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
    fn state(&self, area: &str, site: i64) -> Option<serde_json::Value> {
        self.client()
            .query_opt(
                "SELECT state::text FROM _l2l_sync_state WHERE area = $1 AND site = $2",
                &[&area, &site],
            )
            .expect("a query")
            .map(|r| serde_json::from_str(r.get(0)).expect("a state is JSON"))
    }
    fn refuse_deletes(&self, table: &str) {
        self.exec(&format!(
            "CREATE FUNCTION l2l_test_nodelete() RETURNS trigger AS $$ BEGIN \
             RAISE EXCEPTION 'the test refuses deletions'; END $$ LANGUAGE plpgsql; \
             CREATE TRIGGER l2l_test_nodelete BEFORE DELETE ON {table} FOR EACH ROW \
             EXECUTE FUNCTION l2l_test_nodelete();"
        ));
    }
    fn allow_deletes(&self, table: &str) {
        self.exec(&format!(
            "DROP TRIGGER l2l_test_nodelete ON {table}; DROP FUNCTION l2l_test_nodelete();"
        ));
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
