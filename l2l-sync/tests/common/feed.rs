//! Deletions through L2L's change feed (`dispatches/get_event_data/` with `deleted=true`),
//! on every incremental run, run by `sqlite.rs` and `postgres.rs` against a real database.

use l2l_areas::UtcTime;
use l2l_sync::Deletions;

use super::{Db, Env};

/// The seeded dispatches of a feed scenario (besides the demo's).
pub const DISPATCHES: u64 = 1_200;

fn same_as_server(env: &Env, db: &dyn Db) {
    let now = env.dispatches_now();
    let rows = db.rows_of("dispatches");
    assert_eq!(rows.len(), now.len(), "every dispatch once");
    assert!(
        rows == now,
        "the rows are the server's dispatches, none stale"
    );
}

/// The feed watermark saved with the dispatches of site 1.
fn feed_watermark(db: &dyn Db) -> Option<UtcTime> {
    let state = db.state("dispatches", 1).expect("a saved state");
    state["feed_watermark"]
        .as_str()
        .map(|t| t.parse().expect("a UTC time"))
}

/// Two dispatches deleted in L2L and one changed: the next sync updates the changed row
/// and deletes the two, without `--reconcile`. A sink that fails while applying the
/// deletions (after the rows are in, as a kill between them would) leaves the feed
/// watermark where it was, so the next run applies them, once.
pub fn deletes_what_the_feed_reports(env: &Env, db: &dyn Db) {
    let first = env
        .sync_dispatches(&db.target(), Deletions::Delete)
        .expect("the first sync");
    assert_eq!(first.removed, 0);
    same_as_server(env, db);
    let start = feed_watermark(db).expect("the first run starts following the feed");

    let ids: Vec<i64> = env.dispatches_now().iter().map(|(id, _)| *id).collect();
    let (gone, changed) = ([ids[1], ids[ids.len() / 2]], ids[3]);
    for id in gone {
        env.delete_dispatch(id);
    }
    env.describe_dispatch(changed, "Bearing replaced");
    let newest = env.feed_max(start).expect("the feed reports the changes");

    db.refuse_deletes("dispatches");
    let err = env
        .sync_dispatches(&db.target(), Deletions::Delete)
        .expect_err("the database refuses the deletions");
    assert!(
        err.to_string().contains("the test refuses deletions"),
        "{err}"
    );
    let rows = db.rows_of("dispatches");
    assert!(
        rows.contains(&(changed, Some("Bearing replaced".into()))),
        "the rows went in before the feed was read"
    );
    for id in gone {
        assert!(rows.iter().any(|r| r.0 == id), "{id} not deleted yet");
    }
    assert_eq!(
        feed_watermark(db),
        Some(start),
        "the failed transaction did not move the feed watermark"
    );

    db.allow_deletes("dispatches");
    let r = env
        .sync_dispatches(&db.target(), Deletions::Delete)
        .expect("the sync goes on");
    assert_eq!(r.removed, 2, "both deletions, applied now: {r:?}");
    same_as_server(env, db);
    assert_eq!(
        feed_watermark(db),
        Some(newest),
        "the feed watermark is the newest change the feed sent"
    );

    let r = env
        .sync_dispatches(&db.target(), Deletions::Delete)
        .expect("a run with nothing new");
    assert_eq!(r.removed, 0, "nothing deleted twice");
    assert_eq!(feed_watermark(db), Some(newest));
    same_as_server(env, db);
}

/// With `--keep-deleted` (and no `--reconcile`), the rows of the deleted dispatches stay,
/// marked with `_deleted_at`, once.
pub fn marks_what_the_feed_reports(env: &Env, db: &dyn Db) {
    env.sync_dispatches(&db.target(), Deletions::Mark)
        .expect("the first sync");
    let ids: Vec<i64> = env.dispatches_now().iter().map(|(id, _)| *id).collect();
    let gone = [ids[0], ids[ids.len() - 1]];
    for id in gone {
        env.delete_dispatch(id);
    }
    let r = env
        .sync_dispatches(&db.target(), Deletions::Mark)
        .expect("keep deleted");
    assert_eq!(r.removed, 2, "{r:?}");
    assert_eq!(
        db.int("SELECT count(*) FROM dispatches"),
        Some(ids.len() as i64),
        "every row kept"
    );
    let marked = format!(
        "SELECT count(*) FROM dispatches WHERE _deleted_at IS NOT NULL AND id IN ({}, {})",
        gone[0], gone[1]
    );
    assert_eq!(db.int(&marked), Some(2));
    assert_eq!(
        db.int("SELECT count(*) FROM dispatches WHERE _deleted_at IS NOT NULL"),
        Some(2),
        "only those"
    );
    let r = env
        .sync_dispatches(&db.target(), Deletions::Mark)
        .expect("again");
    assert_eq!(r.removed, 0, "marked once");
}
