//! One batch into PostgreSQL: its rows by COPY (into the area's table, or into the staging
//! table and then one upsert) and the state that covers them, in one transaction.

use std::io::Write as _;

use postgres::error::SqlState;

use super::{PostgresSink, STAGE, binary, copy, pg};
use crate::error::{Error, Result};
use crate::row::Row;
use crate::state::SyncState;
use crate::table::{ColumnType, DELETED_AT, EXTRA, STATE_TABLE, Table, quote};

/// Why a batch was not written.
pub(super) enum Failed {
    /// A row's id is already in the table (only a direct copy can meet it).
    Conflict,
    /// Anything else: the error to report.
    Other(Error),
}

impl PostgresSink {
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
    pub(super) fn stage_sql(table: &Table) -> String {
        format!(
            "DROP TABLE IF EXISTS pg_temp.{STAGE}; \
             CREATE TEMP TABLE {STAGE} (LIKE {}) ON COMMIT DELETE ROWS",
            quote(&table.name)
        )
    }

    /// Writes one batch and `state` in one transaction: by COPY into the area's table when
    /// `direct`, else through the staging table and an upsert.
    pub(super) fn transact(
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
        let pending = (self.keyless, self.index_pending);
        let keys = (pending.0 || pending.1) && state.complete;
        self.buf.clear();
        let types: Vec<ColumnType> = table.columns.iter().map(|c| c.ty).collect();
        // Binary when every value is certain; as text (the server's own parsers) otherwise.
        let format = if binary::encode(rows, &types, &mut self.buf) {
            " (FORMAT binary)"
        } else {
            copy::encode(rows, &mut self.buf);
            ""
        };
        let mut tx = self.client.transaction().map_err(fail)?;
        tx.batch_execute("SET LOCAL synchronous_commit = off")
            .map_err(fail)?;
        if !rows.is_empty() {
            let into = if direct {
                quote(&table.name)
            } else {
                STAGE.to_owned()
            };
            let sql = format!("COPY {into} ({}) FROM STDIN{format}", column_list(table));
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
        if keys {
            PostgresSink::keys(&mut tx, table, pending).map_err(fail)?;
        }
        tx.commit().map_err(fail)?;
        if keys {
            (self.keyless, self.index_pending) = (false, false);
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

pub(super) fn save_state(
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
