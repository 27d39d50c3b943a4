//! The tables of a database sink, made or checked by [`ensure`] in `prepare`'s transaction:
//! the state table, and the area's table with a column of the right type for each property
//! of the schema (added when missing, never changed) and its id as primary key.

use super::{Dialect, IdKey, driver_error, empty_sql};
use crate::error::{Error, Result};
use crate::state::SyncState;
use crate::table::{ColumnType, DELETED_AT, EXTRA, STATE_TABLE, Table, quote};

/// What [`ensure`] found of the area's table.
#[derive(Debug, Clone, Copy)]
pub struct Found {
    /// The table was not there: made now.
    pub created: bool,
    /// It has a `_deleted_at` column.
    pub deleted_at: bool,
    /// It has no primary key yet: a first load's (made so by [`Dialect::KEY_AT_END`]).
    pub keyless: bool,
    /// It had the catch-all column before this run: made by a sync.
    pub ours: bool,
    /// A keyless table that was there is a first load's, to go on with
    /// ([`adopt_keyless`]).
    pub adopted: bool,
}

impl Found {
    /// Whether the `lastupdated` index waits for the end of the first load: a table made
    /// by it, or keyed at its end, gets it in one sort rather than row by row.
    pub fn index_later(&self, table: &Table) -> bool {
        (self.created || self.keyless) && table.has_lastupdated()
    }
}

/// The error of a table whose id is not its primary key.
fn not_keyed(target: &str, table: &Table) -> Error {
    Error::sink(
        target,
        format!(
            "column `{}` of table `{}` is not its primary key, so rows cannot be upserted by id",
            table.id, table.name
        ),
    )
}

/// Makes the state table and the area's table what this sync writes: creates them, or
/// checks them and adds the columns the schema gained.
pub fn ensure<D: Dialect>(db: &mut D, target: &str, table: &Table) -> Result<Found> {
    let lift = |e| driver_error::<D>(target, e);
    db.batch(&format!(
        "CREATE TABLE IF NOT EXISTS {STATE_TABLE} (area {} NOT NULL, site {} NOT NULL, {}, \
         PRIMARY KEY (area, site))",
        D::type_name(ColumnType::Text),
        D::type_name(ColumnType::Integer),
        D::STATE_COLUMNS
    ))
    .map_err(lift)?;
    let cols = db.columns(STATE_TABLE).map_err(lift)?;
    for want in ["area", "site", "state"] {
        if !cols.iter().any(|(n, _)| n == want) {
            return Err(Error::sink(
                target,
                format!(
                    "table `{STATE_TABLE}` exists but has no column `{want}`: it was not made by l2l sync"
                ),
            ));
        }
    }
    let existing = db.columns(&table.name).map_err(lift)?;
    let mut sql = Vec::new();
    let mut found = Found {
        created: existing.is_empty(),
        deleted_at: false,
        keyless: existing.is_empty() && D::KEY_AT_END,
        ours: true,
        adopted: false,
    };
    if found.created {
        sql = D::create_table(table);
    } else {
        let wanted = table
            .columns
            .iter()
            .map(|c| (c.name.as_str(), c.ty, c.label.as_deref()))
            .chain([(EXTRA, ColumnType::Json, None)]);
        for (name, ty, label) in wanted {
            match existing.iter().find(|(n, _)| n == name) {
                Some((_, found)) if !D::same_type(found, ty) => {
                    return Err(Error::ColumnType {
                        target: target.to_owned(),
                        table: table.name.clone(),
                        column: name.to_owned(),
                        found: found.clone(),
                        expected: D::type_name(ty).to_owned(),
                    });
                }
                Some(_) => {}
                None => sql.extend(D::add_column(table, name, ty, label)),
            }
        }
        found.deleted_at = existing.iter().any(|(n, _)| n == DELETED_AT);
        found.ours = existing.iter().any(|(n, _)| n == EXTRA);
        match db.id_key(table).map_err(lift)? {
            IdKey::Primary => {}
            // A first load's table (decided once the state is read: `adopt_keyless`).
            IdKey::Missing => found.keyless = true,
            IdKey::Other => return Err(not_keyed(target, table)),
        }
    }
    if table.has_lastupdated() && !found.index_later(table) {
        sql.push(table.index_sql());
    }
    for s in sql {
        db.batch(&s).map_err(lift)?;
    }
    Ok(found)
}

/// Whether a table found without a primary key is a first load's: resumed (its state
/// says so), or made by a sync stopped before its first batch (no state, no row, the
/// catch-all column). Anything else lacks the key that rows are upserted by: an error.
pub fn adopt_keyless<D: Dialect>(
    db: &mut D,
    target: &str,
    table: &Table,
    found: &Found,
    state: Option<&SyncState>,
) -> Result<bool> {
    let resumed = state.is_some_and(SyncState::first_load);
    let empty = state.is_none()
        && found.ours
        && db
            .query_bool(&empty_sql(&quote(&table.name)))
            .map_err(|e| driver_error::<D>(target, e))?;
    if resumed || empty {
        Ok(true)
    } else {
        Err(not_keyed(target, table))
    }
}
