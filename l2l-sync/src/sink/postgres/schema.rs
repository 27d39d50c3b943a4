//! The area's table in PostgreSQL: what it has, and the statements that make it what the
//! schema wants (create, add columns, check types, comments, the `lastupdated` index).
//!
//! A new table is made without its primary key: a first load copies every id once (its
//! keyset walk), and PostgreSQL builds the key in one sort at the end several times faster
//! than it keeps it row by row. [`PostgresSink::keys`] adds it, with the `lastupdated`
//! index, in the first load's last transaction, and turns autovacuum back on: it is off
//! while the load fills the table.

use super::{PostgresSink, pg};
use crate::error::{Error, Result};
use crate::state::SyncState;
use crate::table::{ColumnType, DELETED_AT, EXTRA, Table, literal, quote};

impl PostgresSink {
    /// The columns of `table` in the current schema: (name, data type).
    pub(super) fn columns(&mut self, table: &str) -> Result<Vec<(String, String)>> {
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

    pub(super) fn statements(&mut self, table: &Table) -> Result<Vec<String>> {
        let existing = self.columns(&table.name)?;
        let t = quote(&table.name);
        let mut sql = Vec::new();
        let comment = |c: &str, label: &Option<String>| {
            label
                .as_ref()
                .map(|l| format!("COMMENT ON COLUMN {t}.{} IS {}", quote(c), literal(l)))
        };
        self.keyless = existing.is_empty();
        if existing.is_empty() {
            sql.push(table.create_sql(ColumnType::postgres, false));
            // No autovacuum while the first load writes: it would scan the table the load
            // is filling, and the key's lock at the end would wait for it to be cancelled
            // (a second, the deadlock timeout). The load's last transaction turns it back on.
            sql.push(format!("ALTER TABLE {t} SET (autovacuum_enabled = false)"));
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
            // No key: a first load's table (decided once the state is read), which has the
            // catch-all column from its start.
            self.keyless = pk.is_empty();
            self.ours = existing.iter().any(|(n, _)| n == EXTRA);
            if !self.keyless && pk != [table.id.clone()] {
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
        self.created = existing.is_empty();
        self.index_pending = self.keyless && table.has_lastupdated();
        if table.has_lastupdated() && !self.index_pending {
            sql.push(table.index_sql());
        }
        Ok(sql)
    }

    /// Whether a table found without a primary key is a first load's: resumed (its state
    /// says so), or made by a sync stopped before its first batch (no state, no row, the
    /// catch-all column). Anything else lacks the key that rows are upserted by: an error.
    pub(super) fn adopt_keyless(&mut self, table: &Table, state: Option<&SyncState>) -> Result<()> {
        let resumed = state.is_some_and(SyncState::first_load);
        let empty = state.is_none() && self.ours && {
            let sql = format!("SELECT NOT EXISTS (SELECT 1 FROM {})", quote(&table.name));
            let row = self
                .client
                .query_one(&sql, &[])
                .map_err(|e| pg(&self.target, e))?;
            row.get::<_, bool>(0)
        };
        if !(resumed || empty) {
            return Err(Error::sink(
                &self.target,
                format!(
                    "column `{}` of table `{}` is not its primary key, so rows cannot be upserted by id",
                    table.id, table.name
                ),
            ));
        }
        self.direct = true;
        Ok(())
    }

    /// The first load's keys, in its last transaction: the primary key (when the table has
    /// none), then the `lastupdated` index. Should someone else have written an id the load
    /// also wrote, the row written last is kept and the other deleted, as an upsert would.
    pub(super) fn keys(
        tx: &mut postgres::Transaction<'_>,
        table: &Table,
        (keyless, index): (bool, bool),
    ) -> std::result::Result<(), postgres::Error> {
        let (t, id) = (quote(&table.name), quote(&table.id));
        if keyless {
            let add = format!("ALTER TABLE {t} ADD PRIMARY KEY ({id})");
            let mut sp = tx.savepoint("l2l_key")?;
            match sp.batch_execute(&add) {
                Ok(()) => sp.commit()?,
                Err(e) if e.code() == Some(&postgres::error::SqlState::UNIQUE_VIOLATION) => {
                    drop(sp);
                    tx.batch_execute(&format!(
                        "DELETE FROM {t} a USING {t} b WHERE a.{id} = b.{id} AND a.ctid < b.ctid; {add}"
                    ))?;
                }
                Err(e) => return Err(e),
            }
        }
        if index {
            tx.batch_execute(&table.index_sql())?;
        }
        tx.batch_execute(&format!("ALTER TABLE {t} RESET (autovacuum_enabled)"))?;
        Ok(())
    }
}
