//! PostgreSQL (through the `postgres` crate, tokio-postgres's blocking client): each batch
//! goes in by COPY, with the state, in one transaction. The skeleton is
//! [`SqlSink`]'s; PostgreSQL's own SQL is in [`dialect`] and [`batch`].
//!
//! A first load (a new table, or a first run resumed) copies straight into the area's
//! table: its keyset walk reads every id once, so nothing is there to update. The table is
//! made without its primary key and with autovacuum off, and gets its key and `lastupdated`
//! index once the load is in, built in one sort each rather than row by row (a table keyed
//! already, by an older version, proves each batch: a duplicate id rolls it back and it is
//! written again the other way). Every other run copies into a staging table of the same
//! columns, then one `INSERT ... ON CONFLICT (id) DO UPDATE` moves the batch into the
//! area's table.
//!
//! Each write transaction commits with `synchronous_commit` off: a crash of the *server*
//! may lose the last batches, but always together with the state that covers them, so the
//! next run writes them again; a crash of the sync loses nothing it was told is written.

mod batch;
mod binary;
mod copy;
mod dialect;

use std::str::FromStr as _;
use std::time::Duration;

use postgres::{Client, Config, NoTls};

use super::sql::{SqlSink, driver_error, sql_sink};
use crate::error::Result;
use dialect::{PgError, Postgres};

/// A connection to a PostgreSQL database.
pub struct PostgresSink(SqlSink<Postgres>);

sql_sink!(PostgresSink);

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

impl PostgresSink {
    /// Connects to `url` (`postgres://USER[:PASSWORD]@HOST:PORT/DB`), giving up after ten
    /// seconds unless the URL sets `connect_timeout`.
    pub fn connect(url: &str) -> Result<PostgresSink> {
        let target = redact(url);
        let pg = |e| driver_error::<Postgres>(&target, PgError::Db(e));
        let mut config = Config::from_str(url).map_err(pg)?;
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(Duration::from_secs(10));
        }
        config.application_name("l2l sync");
        let client = config.connect(NoTls).map_err(pg)?;
        Ok(PostgresSink::with_client(client, target))
    }

    /// A sink on a connection the caller already has; `target` names it in messages.
    pub fn with_client(client: Client, target: String) -> PostgresSink {
        let db = Postgres {
            client,
            buf: Vec::new(),
            binary: false,
        };
        PostgresSink(SqlSink::new(db, target))
    }
}
