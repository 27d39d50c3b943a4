//! Deleted records in a database sink: [`Sink::reconcile`](crate::Sink::reconcile) (every
//! row whose id was not read, found through the temporary table [`SEEN`](super::SEEN)) and
//! [`Sink::remove`](crate::Sink::remove) (the ids L2L's change feed reports). Each deletes
//! the rows, or marks them in the `_deleted_at` column, added the first time it is needed;
//! with the state, in one transaction.

use super::{Dialect, SqlSink, driver_error, state_json};
use crate::error::Result;
use crate::sink::Deletions;
use crate::state::SyncState;
use crate::table::{DELETED_AT, Table, quote};

impl<D: Dialect> SqlSink<D> {
    /// [`Sink::reconcile`](crate::Sink::reconcile).
    pub fn reconcile(
        &mut self,
        table: &Table,
        ids: &[i64],
        mode: Deletions,
        state: &SyncState,
    ) -> Result<u64> {
        let (t, id) = (quote(&table.name), quote(&table.id));
        let gone = D::unseen(&t, &id);
        self.deletions(table, mode, state, |db, delete| {
            db.fill_seen(ids)?;
            let changed = db.execute(&delete(&gone))?;
            db.clear_seen()?;
            Ok(changed)
        })
    }

    /// [`Sink::remove`](crate::Sink::remove).
    pub fn remove(
        &mut self,
        table: &Table,
        ids: &[i64],
        mode: Deletions,
        state: &SyncState,
    ) -> Result<u64> {
        let listed = D::id_in(&quote(&table.id));
        self.deletions(table, mode, state, |db, delete| {
            db.execute_ids(&delete(&listed), ids)
        })
    }

    /// Runs `body` and saves `state` in one transaction, the `_deleted_at` column added
    /// first if `mode` marks and the table has none. `body` gets the statement that
    /// deletes (or marks) the rows that meet a condition.
    fn deletions(
        &mut self,
        table: &Table,
        mode: Deletions,
        state: &SyncState,
        body: impl FnOnce(&mut D, &dyn Fn(&str) -> String) -> std::result::Result<u64, D::Error>,
    ) -> Result<u64> {
        let json = state_json(&self.target, state)?;
        let (t, d) = (quote(&table.name), quote(DELETED_AT));
        let add_mark = mode == Deletions::Mark && !self.deleted_at;
        let delete = |cond: &str| match mode {
            Deletions::Delete => format!("DELETE FROM {t} WHERE {cond}"),
            Deletions::Mark => format!(
                "UPDATE {t} SET {d} = {} WHERE {d} IS NULL AND {cond}",
                D::NOW
            ),
        };
        let (target, key) = (&self.target, &self.key);
        let changed = self
            .db
            .transaction(
                "BEGIN",
                |e| e,
                |db| {
                    if add_mark {
                        db.batch(&format!(
                            "ALTER TABLE {t} ADD COLUMN {}{d} {}",
                            D::IF_NEW,
                            D::MARK_TYPE
                        ))?;
                    }
                    let changed = body(db, &delete)?;
                    db.save_state(key, &json)?;
                    Ok(changed)
                },
            )
            .map_err(|e| driver_error::<D>(target, e))?;
        self.deleted_at |= mode == Deletions::Mark;
        Ok(changed)
    }
}
