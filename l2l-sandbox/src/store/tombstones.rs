//! Tombstones of deleted dispatches, for the change feed (`dispatches/get_event_data/` with
//! `deleted=true`): every way of deleting a dispatch (`DELETE dispatches/<id>/`, POST
//! `_action=delete`, `dispatches/delete/<id>`) leaves the same one, its last state stamped
//! with the time of deletion, in the table [`TOMBSTONES`], so that `l2l sync` and
//! `l2l watch` see the deletion.

use rusqlite::Connection;

use super::Table;
use super::value;

/// The table of tombstones.
pub(crate) const TOMBSTONES: &str = "_deleted_dispatches";

/// Whether deleting a record of `t` leaves a tombstone (only dispatches have a feed).
pub(crate) fn kept(t: &Table) -> bool {
    t.path() == "dispatches"
}

/// The table's columns, unaliased, in schema order.
pub(crate) fn columns(t: &Table) -> String {
    t.columns.join(", ")
}

/// Creates the tombstone table (the columns of `t`) if it is not there yet.
pub(crate) fn ensure(conn: &Connection, t: &Table) -> rusqlite::Result<()> {
    conn.execute_batch(&format!(
        "CREATE TABLE IF NOT EXISTS {TOMBSTONES} AS SELECT {} FROM {} WHERE 0",
        columns(t),
        t.sql
    ))
}

/// Copies record `id` of `t` to the tombstones, its `lastupdated` the time of deletion.
/// Call it in the deletion's transaction, before the record is deleted.
pub(crate) fn bury(conn: &Connection, t: &Table, id: i64) -> rusqlite::Result<()> {
    ensure(conn, t)?;
    let cols = columns(t);
    conn.execute(
        &format!(
            "INSERT INTO {TOMBSTONES} ({cols}) SELECT {cols} FROM {} WHERE {} = ?1",
            t.sql,
            t.id_column()
        ),
        [id],
    )?;
    if t.field("lastupdated").is_some() {
        conn.execute(
            &format!("UPDATE {TOMBSTONES} SET \"lastupdated\" = ?1 WHERE \"id\" = ?2"),
            rusqlite::params![value::utc_now_stored(), id],
        )?;
    }
    Ok(())
}
