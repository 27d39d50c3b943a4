//! PostgreSQL (through the `postgres` crate, tokio-postgres's blocking client): each batch
//! goes in by COPY, with the state, in one transaction.
//!
//! A first load (a new table, or a first run resumed) copies straight into the area's
//! table: its keyset walk reads every id once, so nothing is there to update. The table
//! gets its primary key and `lastupdated` index once the load is in, built in one sort each
//! rather than row by row (a table keyed already, by an older version, proves each batch:
//! a duplicate id rolls it back and it is written again the other way). Every other run
//! copies into a staging table of the same columns, then one `INSERT ... ON CONFLICT (id)
//! DO UPDATE` moves the batch into the area's table.
//!
//! Each write transaction commits with `synchronous_commit` off: a crash of the *server*
//! may lose the last batches, but always together with the state that covers them, so the
//! next run writes them again; a crash of the sync loses nothing it was told is written.

use std::str::FromStr as _;
use std::time::Duration;

use postgres::binary_copy::BinaryCopyInWriter;
use postgres::types::Type;
use postgres::{Client, Config, NoTls};

use super::{Deletions, Sink};
use crate::error::{Error, Result};
use crate::row::Row;
use crate::state::SyncState;
use crate::table::{DELETED_AT, STATE_TABLE, Table, quote};
use batch::{Failed, save_state};

mod batch;
mod binary;
mod copy;
mod remove;
mod schema;

const STAGE: &str = "_l2l_stage";

/// A connection to a PostgreSQL database.
pub struct PostgresSink {
    client: Client,
    target: String,
    deleted_at: bool,
    key: (String, i64),
    /// Rows go straight into the area's table (a first load).
    direct: bool,
    /// The table has no primary key yet: a first load's, keyed when it completes.
    keyless: bool,
    /// The table had the catch-all column before this run: made by a sync.
    ours: bool,
    /// The `lastupdated` index is built when the first load completes.
    index_pending: bool,
    /// The COPY text of a batch, kept between batches.
    buf: Vec<u8>,
    /// [`Sink::prepare`] created the table (for [`Sink::discard`]).
    created: bool,
}

/// `url` without its password.
pub fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let (auth, host) = match rest.rsplit_once('@') {
        Some((a, h)) => (a, h),
        None => return url.to_owned(),
    };
    let user = auth.split_once(':').map_or(auth, |(u, _)| u);
    let masked = if auth.contains(':') { ":***" } else { "" };
    format!("{scheme}://{user}{masked}@{host}")
}

/// A PostgreSQL error as one line: the server's message, detail and hint when it sent one.
fn pg(target: &str, e: postgres::Error) -> Error {
    let message = match e.as_db_error() {
        Some(db) => {
            let mut m = format!("{}: {}", db.severity(), db.message());
            if let Some(d) = db.detail() {
                m.push_str(&format!(" ({d})"));
            }
            if let Some(h) = db.hint() {
                m.push_str(&format!("; {h}"));
            }
            m
        }
        None => {
            let mut m = e.to_string();
            let mut src = std::error::Error::source(&e);
            while let Some(s) = src {
                m.push_str(&format!(": {s}"));
                src = s.source();
            }
            m
        }
    };
    Error::sink(target, message)
}

impl PostgresSink {
    /// Connects to `url` (`postgres://USER[:PASSWORD]@HOST:PORT/DB`), giving up after ten
    /// seconds unless the URL sets `connect_timeout`.
    pub fn connect(url: &str) -> Result<PostgresSink> {
        let target = redact(url);
        let mut config = Config::from_str(url).map_err(|e| pg(&target, e))?;
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(Duration::from_secs(10));
        }
        config.application_name("l2l sync");
        let client = config.connect(NoTls).map_err(|e| pg(&target, e))?;
        Ok(PostgresSink::with_client(client, target))
    }

    /// A sink on a connection the caller already has; `target` names it in messages.
    pub fn with_client(client: Client, target: String) -> PostgresSink {
        PostgresSink {
            client,
            target,
            deleted_at: false,
            key: (String::new(), 0),
            direct: false,
            keyless: false,
            ours: false,
            index_pending: false,
            buf: Vec::new(),
            created: false,
        }
    }

    fn err(&self, e: postgres::Error) -> Error {
        pg(&self.target, e)
    }
}

impl Sink for PostgresSink {
    fn target(&self) -> String {
        self.target.clone()
    }

    fn prepare(
        &mut self,
        table: &Table,
        area: &str,
        site: Option<i64>,
    ) -> Result<Option<SyncState>> {
        self.key = (area.to_owned(), site.unwrap_or(0));
        let target = self.target.clone();
        let e = |e| pg(&target, e);
        self.client
            .batch_execute(&format!(
                "BEGIN; CREATE TABLE IF NOT EXISTS {STATE_TABLE} (area text NOT NULL, site bigint NOT NULL, \
                 state jsonb NOT NULL, updated_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (area, site))"
            ))
            .map_err(e)?;
        let prepared = (|| {
            let cols = self.columns(STATE_TABLE)?;
            for want in ["area", "site", "state"] {
                if !cols.iter().any(|(n, _)| n == want) {
                    return Err(Error::sink(
                        &self.target,
                        format!(
                            "table `{STATE_TABLE}` exists but has no column `{want}`: it was not made by l2l sync"
                        ),
                    ));
                }
            }
            for s in self.statements(table)? {
                self.client.batch_execute(&s).map_err(|e| self.err(e))?;
            }
            // Prove that the database takes writes, before anything is downloaded.
            self.client
                .batch_execute(&format!(
                    "INSERT INTO {STATE_TABLE} (area, site, state) VALUES ('', -1, '{{}}'); \
                     DELETE FROM {STATE_TABLE} WHERE area = '' AND site = -1"
                ))
                .map_err(|e| self.err(e))?;
            let row = self
                .client
                .query_opt(
                    &format!("SELECT state::text FROM {STATE_TABLE} WHERE area = $1 AND site = $2"),
                    &[&self.key.0, &self.key.1],
                )
                .map_err(|e| self.err(e))?;
            let state = row
                .map(|r| {
                    serde_json::from_str::<SyncState>(r.get(0)).map_err(|e| {
                        Error::State(format!(
                            "{}: the sync state of `{area}` in {STATE_TABLE} cannot be read ({e}); delete its row to start over",
                            self.target
                        ))
                    })
                })
                .transpose()?;
            if self.keyless && !self.direct {
                self.adopt_keyless(table, state.as_ref())?;
            }
            Ok(state)
        })();
        match prepared {
            Ok(state) => {
                // A first load, stopped and now resumed, goes on the same way.
                self.direct |= state.as_ref().is_some_and(SyncState::first_load);
                self.client
                    .batch_execute("COMMIT")
                    .map_err(|e| self.err(e))?;
                self.client
                    .batch_execute(&PostgresSink::stage_sql(table))
                    .map_err(|e| self.err(e))?;
                Ok(state)
            }
            Err(err) => {
                let _ = self.client.batch_execute("ROLLBACK");
                Err(err)
            }
        }
    }

    fn discard(&mut self, table: &Table) -> Result<()> {
        if !std::mem::take(&mut self.created) {
            return Ok(());
        }
        // Dropped only while empty: a sync that wrote meanwhile keeps its table.
        let t = quote(&table.name);
        self.client
            .batch_execute(&format!(
                "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM {t}) THEN DROP TABLE {t}; END IF; END $$"
            ))
            .map_err(|e| self.err(e))
    }

    fn write(&mut self, table: &Table, rows: &[Row], state: &SyncState) -> Result<()> {
        if self.direct && !rows.is_empty() {
            match self.transact(table, rows, state, true) {
                // An id already there: this is no first load; upsert from now on.
                Err(Failed::Conflict) => self.direct = false,
                Err(Failed::Other(e)) => return Err(e),
                Ok(()) => return Ok(()),
            }
        }
        match self.transact(table, rows, state, false) {
            Ok(()) => Ok(()),
            Err(Failed::Other(e)) => Err(e),
            Err(Failed::Conflict) => Err(Error::sink(&self.target, "a duplicate id".to_owned())),
        }
    }

    fn reconcile(
        &mut self,
        table: &Table,
        ids: &[i64],
        mode: Deletions,
        state: &SyncState,
    ) -> Result<u64> {
        let target = self.target.clone();
        let e = |e| pg(&target, e);
        let t = quote(&table.name);
        let id = quote(&table.id);
        let d = quote(DELETED_AT);
        let mut tx = self.client.transaction().map_err(e)?;
        tx.batch_execute("CREATE TEMP TABLE IF NOT EXISTS _l2l_seen (id bigint PRIMARY KEY) ON COMMIT DELETE ROWS")
            .map_err(e)?;
        let copy = tx
            .copy_in("COPY _l2l_seen (id) FROM STDIN (FORMAT binary)")
            .map_err(e)?;
        let mut w = BinaryCopyInWriter::new(copy, &[Type::INT8]);
        for i in ids {
            w.write(&[i]).map_err(e)?;
        }
        w.finish().map_err(e)?;
        let gone = format!("NOT EXISTS (SELECT 1 FROM _l2l_seen s WHERE s.id = {t}.{id})");
        let changed = match mode {
            Deletions::Delete => tx.execute(&format!("DELETE FROM {t} WHERE {gone}"), &[]),
            Deletions::Mark => {
                tx.batch_execute(&format!(
                    "ALTER TABLE {t} ADD COLUMN IF NOT EXISTS {d} timestamptz"
                ))
                .map_err(e)?;
                tx.execute(
                    &format!("UPDATE {t} SET {d} = now() WHERE {d} IS NULL AND {gone}"),
                    &[],
                )
            }
        }
        .map_err(e)?;
        save_state(&mut tx, &self.key, state).map_err(e)?;
        tx.commit().map_err(e)?;
        if mode == Deletions::Mark {
            self.deleted_at = true;
        }
        Ok(changed)
    }

    fn remove(
        &mut self,
        table: &Table,
        ids: &[i64],
        mode: Deletions,
        state: &SyncState,
    ) -> Result<u64> {
        self.remove_rows(table, ids, mode, state)
    }
}
