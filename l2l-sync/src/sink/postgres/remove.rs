//! [`Sink::remove`](crate::Sink::remove) for PostgreSQL: the rows of the records L2L's
//! change feed reports deleted, deleted or marked, with the state, in one transaction.

use super::PostgresSink;
use crate::error::Result;
use crate::sink::Deletions;
use crate::state::SyncState;
use crate::table::{DELETED_AT, Table, quote};

impl PostgresSink {
    /// Deletes (or marks) the rows of `ids` and saves `state`, in one transaction.
    pub(super) fn remove_rows(
        &mut self,
        table: &Table,
        ids: &[i64],
        mode: Deletions,
        state: &SyncState,
    ) -> Result<u64> {
        let target = self.target.clone();
        let e = |e| super::pg(&target, e);
        let (t, id, d) = (quote(&table.name), quote(&table.id), quote(DELETED_AT));
        let ids: Vec<i64> = ids.to_vec();
        let mut tx = self.client.transaction().map_err(e)?;
        let changed = match mode {
            Deletions::Delete => {
                tx.execute(&format!("DELETE FROM {t} WHERE {id} = ANY($1)"), &[&ids])
            }
            Deletions::Mark => {
                if !self.deleted_at {
                    tx.batch_execute(&format!(
                        "ALTER TABLE {t} ADD COLUMN IF NOT EXISTS {d} timestamptz"
                    ))
                    .map_err(e)?;
                }
                tx.execute(
                    &format!("UPDATE {t} SET {d} = now() WHERE {id} = ANY($1) AND {d} IS NULL"),
                    &[&ids],
                )
            }
        }
        .map_err(e)?;
        super::save_state(&mut tx, &self.key, state).map_err(e)?;
        tx.commit().map_err(e)?;
        if mode == Deletions::Mark {
            self.deleted_at = true;
        }
        Ok(changed)
    }
}
