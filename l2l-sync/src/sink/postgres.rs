//! PostgreSQL (through the `postgres` crate, tokio-postgres's blocking client): each batch
//! goes in by COPY, with the state, in one transaction.
//!
//! A first load (a new table, or a first run resumed) copies straight into the area's
//! table: its keyset walk reads every id once, so nothing is there to update, and the
//! primary key proves it (a duplicate id rolls the batch back and it is written again the
//! other way). Every other run copies into a staging table of the same columns, then one
//! `INSERT ... ON CONFLICT (id) DO UPDATE` moves the batch into the area's table. The
//! `lastupdated` index of a new table is built once its first load is in, not row by row.
//!
//! Each write transaction commits with `synchronous_commit` off: a crash of the *server*
//! may lose the last batches, but always together with the state that covers them, so the
//! next run writes them again; a crash of the sync loses nothing it was told is written.

use std::str::FromStr as _;
use std::time::Duration;

use std::io::Write as _;

use postgres::binary_copy::BinaryCopyInWriter;
use postgres::error::SqlState;
use postgres::types::Type;
use postgres::{Client, Config, NoTls};

use super::{Deletions, Sink, pg_copy};
use crate::error::{Error, Result};
use crate::row::Row;
use crate::state::SyncState;
use crate::table::{ColumnType, DELETED_AT, EXTRA, STATE_TABLE, Table, literal, quote};

#[path = "postgres_remove.rs"]
mod remove;

const STAGE: &str = "_l2l_stage";

/// A connection to a PostgreSQL database.
pub struct PostgresSink {
    client: Client,
    target: String,
    deleted_at: bool,
    key: (String, i64),
    /// Rows go straight into the area's table (a first load).
    direct: bool,
    /// The `lastupdated` index is built when the first load completes.
    index_pending: bool,
    /// The COPY text of a batch, kept between batches.
    buf: Vec<u8>,
}

/// Why a batch was not written.
enum Failed {
    /// A row's id is already in the table (only a direct copy can meet it).
    Conflict,
    /// Anything else: the error to report.
    Other(Error),
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
            index_pending: false,
            buf: Vec::new(),
        }
    }

    fn err(&self, e: postgres::Error) -> Error {
        pg(&self.target, e)
    }

    /// The columns of `table` in the current schema: (name, data type).
    fn columns(&mut self, table: &str) -> Result<Vec<(String, String)>> {
        let rows = self
            .client
            .query(
                "SELECT column_name::text, data_type::text FROM information_schema.columns \
                 WHERE table_schema = current_schema() AND table_name = $1",
                &[&table],
            )
            .map_err(|e| pg(&self.target, e))?;
        Ok(rows.iter().map(|r| (r.get(0), r.get(1))).collect())
    }

    fn statements(&mut self, table: &Table) -> Result<Vec<String>> {
        let existing = self.columns(&table.name)?;
        let t = quote(&table.name);
        let mut sql = Vec::new();
        let comment = |c: &str, label: &Option<String>| {
            label
                .as_ref()
                .map(|l| format!("COMMENT ON COLUMN {t}.{} IS {}", quote(c), literal(l)))
        };
        if existing.is_empty() {
            let mut cols: Vec<String> = table
                .columns
                .iter()
                .map(|c| {
                    let pk = if c.name == table.id {
                        " PRIMARY KEY"
                    } else {
                        ""
                    };
                    format!("{} {}{pk}", quote(&c.name), c.ty.postgres())
                })
                .collect();
            cols.push(format!("{} jsonb", quote(EXTRA)));
            sql.push(format!("CREATE TABLE {t} ({})", cols.join(", ")));
            sql.extend(
                table
                    .columns
                    .iter()
                    .filter_map(|c| comment(&c.name, &c.label)),
            );
            self.deleted_at = false;
        } else {
            let mut wanted: Vec<(&str, ColumnType, &Option<String>)> = table
                .columns
                .iter()
                .map(|c| (c.name.as_str(), c.ty, &c.label))
                .collect();
            wanted.push((EXTRA, ColumnType::Json, &None));
            for (name, ty, label) in wanted {
                match existing.iter().find(|(n, _)| n == name) {
                    Some((_, found)) if found != ty.postgres() => {
                        return Err(Error::ColumnType {
                            target: self.target.clone(),
                            table: table.name.clone(),
                            column: name.to_owned(),
                            found: found.clone(),
                            expected: ty.postgres().to_owned(),
                        });
                    }
                    Some(_) => {}
                    None => {
                        sql.push(format!(
                            "ALTER TABLE {t} ADD COLUMN {} {}",
                            quote(name),
                            ty.postgres()
                        ));
                        sql.extend(comment(name, label));
                    }
                }
            }
            self.deleted_at = existing.iter().any(|(n, _)| n == DELETED_AT);
            let pk: Vec<String> = self
                .client
                .query(
                    "SELECT a.attname::text FROM pg_index i JOIN pg_attribute a \
                     ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) \
                     WHERE i.indrelid = to_regclass(quote_ident($1)) AND i.indisprimary",
                    &[&table.name],
                )
                .map_err(|e| pg(&self.target, e))?
                .iter()
                .map(|r| r.get(0))
                .collect();
            if pk != [table.id.clone()] {
                return Err(Error::sink(
                    &self.target,
                    format!(
                        "column `{}` of table `{}` is not its primary key, so rows cannot be upserted by id",
                        table.id, table.name
                    ),
                ));
            }
        }
        self.direct = existing.is_empty();
        self.index_pending = existing.is_empty() && table.has_lastupdated();
        if table.has_lastupdated() && !self.index_pending {
            sql.push(index_sql(table));
        }
        Ok(sql)
    }

    fn upsert_sql(&self, table: &Table) -> String {
        let names = column_list(table);
        let mut sets: Vec<String> = table
            .columns
            .iter()
            .skip(1)
            .map(|c| quote(&c.name))
            .chain([quote(EXTRA)])
            .map(|n| format!("{n} = EXCLUDED.{n}"))
            .collect();
        if self.deleted_at {
            sets.push(format!("{} = NULL", quote(DELETED_AT)));
        }
        format!(
            "INSERT INTO {} ({names}) SELECT {names} FROM {STAGE} ON CONFLICT ({}) DO UPDATE SET {}",
            quote(&table.name),
            quote(&table.id),
            sets.join(", ")
        )
    }

    /// The staging table: the area table's columns and types, emptied at each commit.
    fn stage_sql(table: &Table) -> String {
        format!(
            "DROP TABLE IF EXISTS pg_temp.{STAGE}; \
             CREATE TEMP TABLE {STAGE} (LIKE {}) ON COMMIT DELETE ROWS",
            quote(&table.name)
        )
    }

    /// Writes one batch and `state` in one transaction: by COPY into the area's table when
    /// `direct`, else through the staging table and an upsert.
    fn transact(
        &mut self,
        table: &Table,
        rows: &[Row],
        state: &SyncState,
        direct: bool,
    ) -> std::result::Result<(), Failed> {
        let target = self.target.clone();
        let fail = |e: postgres::Error| match e.code() {
            Some(c) if direct && *c == SqlState::UNIQUE_VIOLATION => Failed::Conflict,
            _ => Failed::Other(pg(&target, e)),
        };
        let upsert = (!direct).then(|| self.upsert_sql(table));
        let build_index = self.index_pending && state.complete;
        self.buf.clear();
        pg_copy::encode(rows, &mut self.buf);
        let mut tx = self.client.transaction().map_err(fail)?;
        tx.batch_execute("SET LOCAL synchronous_commit = off")
            .map_err(fail)?;
        if !rows.is_empty() {
            let into = if direct {
                quote(&table.name)
            } else {
                STAGE.to_owned()
            };
            let sql = format!("COPY {into} ({}) FROM STDIN", column_list(table));
            let mut copy = tx.copy_in(&sql).map_err(fail)?;
            let sent = copy.write_all(&self.buf);
            // The server's own error, if any, says more than the broken pipe.
            copy.finish().map_err(fail)?;
            sent.map_err(|e| Failed::Other(Error::sink(&target, e.to_string())))?;
            if let Some(upsert) = &upsert {
                tx.batch_execute(upsert).map_err(fail)?;
            }
        }
        save_state(&mut tx, &self.key, state).map_err(fail)?;
        if build_index {
            tx.batch_execute(&index_sql(table)).map_err(fail)?;
        }
        tx.commit().map_err(fail)?;
        if build_index {
            self.index_pending = false;
        }
        Ok(())
    }
}

/// The columns a batch fills, in row order: the table's, then the catch-all.
fn column_list(table: &Table) -> String {
    let mut names: Vec<String> = table.columns.iter().map(|c| quote(&c.name)).collect();
    names.push(quote(EXTRA));
    names.join(", ")
}

/// The index on `lastupdated` that incremental runs filter by.
fn index_sql(table: &Table) -> String {
    format!(
        "CREATE INDEX IF NOT EXISTS {} ON {} (\"lastupdated\")",
        quote(&format!("{}_lastupdated", table.name)),
        quote(&table.name)
    )
}

fn save_state(
    tx: &mut postgres::Transaction<'_>,
    key: &(String, i64),
    state: &SyncState,
) -> Result<(), postgres::Error> {
    let text = serde_json::to_string(state).unwrap_or_default();
    tx.execute(
        &format!(
            "INSERT INTO {STATE_TABLE} (area, site, state, updated_at) VALUES ($1, $2, $3::text::jsonb, now()) \
             ON CONFLICT (area, site) DO UPDATE SET state = EXCLUDED.state, updated_at = EXCLUDED.updated_at"
        ),
        &[&key.0, &key.1, &text],
    )?;
    Ok(())
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
            row.map(|r| {
                serde_json::from_str::<SyncState>(r.get(0)).map_err(|e| {
                    Error::State(format!(
                        "{}: the sync state of `{area}` in {STATE_TABLE} cannot be read ({e}); delete its row to start over",
                        self.target
                    ))
                })
            })
            .transpose()
        })();
        match prepared {
            Ok(state) => {
                if let Some(s) = &state {
                    // A first load, stopped and now resumed, goes on the same way.
                    self.direct |= !s.complete && s.runs == 0 && s.since.is_none();
                }
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
