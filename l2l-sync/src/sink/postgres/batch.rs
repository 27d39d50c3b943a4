//! One batch into PostgreSQL: its rows by COPY (into the area's table, or into the staging
//! table and then one upsert), and the end of a first load (the primary key, the
//! `lastupdated` index, autovacuum on again).

use std::io::Write as _;

use postgres::error::SqlState;

use super::dialect::{PgError, Postgres};
use super::{binary, copy};
use crate::row::Row;
use crate::sink::sql::{Insert, column_list};
use crate::table::{ColumnType, Table, quote};

/// The staging table of the upserts.
pub const STAGE: &str = "_l2l_stage";

impl Postgres {
    /// Encodes `rows` into the COPY buffer: binary when every value is certain; as text
    /// (the server's own parsers) otherwise.
    pub(super) fn encode_batch(&mut self, table: &Table, rows: &[Row]) {
        self.buf.clear();
        let types: Vec<ColumnType> = table.columns.iter().map(|c| c.ty).collect();
        self.binary = binary::encode(rows, &types, &mut self.buf);
        if !self.binary {
            copy::encode(rows, &mut self.buf);
        }
    }

    /// Copies the encoded batch into the area's table (`Direct`), or into the staging
    /// table and from there by one upsert; the transaction commits without waiting for
    /// the disk (`synchronous_commit` off).
    pub(super) fn copy_batch(
        &mut self,
        table: &Table,
        rows: &[Row],
        how: Insert<'_>,
    ) -> Result<(), PgError> {
        self.client
            .batch_execute("SET LOCAL synchronous_commit = off")?;
        if rows.is_empty() {
            return Ok(());
        }
        let names = column_list(table);
        let into = match how {
            Insert::Direct => quote(&table.name),
            Insert::Upsert(_) => STAGE.to_owned(),
        };
        let format = if self.binary { " (FORMAT binary)" } else { "" };
        let mut copy = self
            .client
            .copy_in(&format!("COPY {into} ({names}) FROM STDIN{format}"))?;
        let sent = copy.write_all(&self.buf);
        // The server's own error, if any, says more than the broken pipe.
        copy.finish()?;
        sent.map_err(PgError::Copy)?;
        if let Insert::Upsert(clause) = how {
            self.client.batch_execute(&format!(
                "INSERT INTO {} ({names}) SELECT {names} FROM {STAGE} {clause}",
                quote(&table.name)
            ))?;
        }
        Ok(())
    }

    /// The first load's keys, in its last transaction: the primary key (when `key`), then
    /// the `lastupdated` index (when `index`), and autovacuum on again. Should someone else
    /// have written an id the load also wrote, the row written last is kept and the other
    /// deleted, as an upsert would.
    pub(super) fn keys(&mut self, table: &Table, key: bool, index: bool) -> Result<(), PgError> {
        let (t, id) = (quote(&table.name), quote(&table.id));
        if key {
            let add = format!("ALTER TABLE {t} ADD PRIMARY KEY ({id})");
            self.client.batch_execute("SAVEPOINT l2l_key")?;
            match self.client.batch_execute(&add) {
                Ok(()) => self.client.batch_execute("RELEASE l2l_key")?,
                Err(e) if e.code() == Some(&SqlState::UNIQUE_VIOLATION) => {
                    self.client.batch_execute(&format!(
                        "ROLLBACK TO l2l_key; \
                         DELETE FROM {t} a USING {t} b WHERE a.{id} = b.{id} AND a.ctid < b.ctid; {add}"
                    ))?;
                }
                Err(e) => return Err(e.into()),
            }
        }
        if index {
            self.client.batch_execute(&table.index_sql())?;
        }
        self.client
            .batch_execute(&format!("ALTER TABLE {t} RESET (autovacuum_enabled)"))?;
        Ok(())
    }
}
