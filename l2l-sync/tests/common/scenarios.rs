//! What every database must do, run by `sqlite.rs` and `postgres.rs` against a real one.

use l2l_sync::{Deletions, Error};

use super::{Db, Env};

fn same_as_server(env: &Env, db: &dyn Db) {
    let now = env.machines_now();
    let rows = db.rows();
    assert_eq!(rows.len(), now.len(), "every record once");
    assert!(rows == now, "the rows are the server's records, none stale");
}

/// A first sync into a table that lacks most columns (they are added), the columns typed
/// from the schema, then an incremental run that brings only the change.
pub fn full_incremental_and_growth(env: &Env, db: &dyn Db, integer: &str, text: &str) {
    db.exec(&format!(
        "CREATE TABLE machines (id {integer} PRIMARY KEY, code {text})"
    ));
    let first = env.sync(&db.target(), None).expect("the first sync");
    assert!(!first.resumed);
    assert_eq!(first.written as usize, env.machines_now().len());
    same_as_server(env, db);
    for col in ["description", "active", "lastupdated", "_extra"] {
        assert!(
            db.column_type("machines", col).is_some(),
            "column {col} added"
        );
    }
    assert!(first.watermark.is_some(), "a watermark for the next run");

    env.rename(2, "Press 101, rebuilt");
    let second = env.sync(&db.target(), None).expect("the incremental sync");
    assert_eq!(
        second.since, first.watermark,
        "the second run starts at the watermark"
    );
    assert!(
        (second.written as usize) < env.machines_now().len(),
        "only the changes: {second:?}"
    );
    same_as_server(env, db);
}

/// A column whose type differs from the schema's is an error that names table and
/// column, before anything is downloaded.
pub fn changed_type(env: &Env, db: &dyn Db, integer: &str) {
    db.exec(&format!(
        "CREATE TABLE machines (id {integer} PRIMARY KEY, code {integer})"
    ));
    let before = env.requests();
    let err = env.sync(&db.target(), None).expect_err("a changed type");
    match &err {
        Error::ColumnType { table, column, .. } => {
            assert_eq!((table.as_str(), column.as_str()), ("machines", "code"));
        }
        e => panic!("not a column type error: {e}"),
    }
    assert!(
        err.to_string()
            .contains("column `code` of table `machines`"),
        "{err}"
    );
    assert_eq!(env.requests(), before, "nothing was downloaded");
}

/// `--reconcile` deletes the rows of deleted records; `--keep-deleted` marks them.
pub fn deletions(env: &Env, db: &dyn Db) {
    env.sync(&db.target(), None).expect("the first sync");
    env.delete(3);
    env.delete(7);
    let r = env
        .sync(&db.target(), Some(Deletions::Delete))
        .expect("reconcile");
    assert_eq!(r.removed, 2);
    same_as_server(env, db);

    env.delete(8);
    let r = env
        .sync(&db.target(), Some(Deletions::Mark))
        .expect("keep deleted");
    assert_eq!(r.removed, 1);
    assert_eq!(
        db.int("SELECT count(*) FROM machines WHERE _deleted_at IS NOT NULL"),
        Some(1)
    );
    assert_eq!(
        db.int("SELECT count(*) FROM machines WHERE id = 8"),
        Some(1),
        "kept"
    );
    // Marked once: a second run marks nothing new.
    let r = env
        .sync(&db.target(), Some(Deletions::Mark))
        .expect("keep deleted again");
    assert_eq!(r.removed, 0);
}

/// A database failure in the middle fails the sync, leaves no half batch, and the next
/// run finishes it with every record once.
pub fn failure_mid_sync(env: &Env, db: &dyn Db, integer: &str) {
    let victim = env.machines_now()[env.machines_now().len() / 2].0;
    // The table first, so that the trigger has something to sit on.
    db.exec(&format!("CREATE TABLE machines (id {integer} PRIMARY KEY)"));
    db.fail_on(victim);
    let err = env
        .sync(&db.target(), None)
        .expect_err("the database refuses a row");
    assert!(
        err.to_string()
            .contains(&format!("the test refuses id {victim}")),
        "{err}"
    );
    assert_eq!(
        db.int(&format!(
            "SELECT count(*) FROM machines WHERE id = {victim}"
        )),
        Some(0)
    );
    let complete = db.int("SELECT count(*) FROM _l2l_sync_state WHERE replace(CAST(state AS TEXT), ' ', '') LIKE '%\"complete\":true%'");
    assert_eq!(complete.unwrap_or(0), 0, "the state is not complete");
    db.heal();
    env.sync(&db.target(), None).expect("the sync resumes");
    same_as_server(env, db);
}

/// A table whose id is not its primary key cannot take upserts: refused before anything
/// is downloaded.
pub fn id_not_primary_key(env: &Env, db: &dyn Db, integer: &str) {
    db.exec(&format!("CREATE TABLE machines (id {integer}, code TEXT)"));
    let before = env.requests();
    let err = env.sync(&db.target(), None).expect_err("no primary key");
    assert!(
        err.to_string()
            .contains("column `id` of table `machines` is not its primary key"),
        "{err}"
    );
    assert_eq!(env.requests(), before, "nothing was downloaded");
}

/// An area the key may not read fails before its first write and leaves no table behind;
/// a table of that name that was there before is kept.
pub fn a_refused_area_leaves_no_table(env: &Env, db: &dyn Db, integer: &str) {
    let job = Env::job(
        <l2l_areas::ScrapDetail as l2l_areas::RecordArea>::SCHEMA,
        None,
        None,
    );
    let refused = |what: &str| {
        let err = env.run(&job, &db.target()).0.expect_err(what);
        assert!(
            matches!(
                err,
                l2l_sync::Error::Api(l2l_areas::Error::Http { status: 403, .. })
            ),
            "{what}: {err}"
        );
    };
    refused("the area is forbidden");
    assert_eq!(db.column_type("scrapdetail", "id"), None, "no table left");
    db.exec(&format!(
        "CREATE TABLE scrapdetail (id {integer} PRIMARY KEY, note TEXT)"
    ));
    refused("still forbidden");
    assert!(
        db.column_type("scrapdetail", "note").is_some(),
        "the table made before is kept"
    );
    // The database still takes a sync of an area the key may read.
    env.sync(&db.target(), None).expect("machines are readable");
    assert!(db.int("SELECT count(*) FROM machines") > Some(0));
}
