//! Sync into real SQLite files against the sandbox.

mod common;

use common::{Db as _, Env, Sqlite, scenarios};

fn db(env: &Env, name: &str) -> Sqlite {
    Sqlite(env.dir.join(name))
}

#[test]
fn syncs_incrementally_and_adds_columns() {
    let env = Env::machines("sqlite-full", 3_000);
    let db = db(&env, "plant.db");
    scenarios::full_incremental_and_growth(&env, &db, "INTEGER", "TEXT");
    assert_eq!(
        db.int("SELECT count(*) FROM machines WHERE typeof(active) = 'integer'"),
        db.int("SELECT count(*) FROM machines"),
        "booleans are 0 and 1"
    );
    let wal: String = rusqlite::Connection::open(&db.0)
        .and_then(|c| c.query_row("PRAGMA journal_mode", [], |r| r.get(0)))
        .expect("a journal mode");
    assert_eq!(wal, "wal");
}

#[test]
fn a_changed_type_is_refused() {
    let env = Env::machines("sqlite-type", 10);
    scenarios::changed_type(&env, &db(&env, "plant.db"), "INTEGER");
}

#[test]
fn an_id_that_is_no_primary_key_is_refused() {
    let env = Env::machines("sqlite-pk", 10);
    scenarios::id_not_primary_key(&env, &db(&env, "plant.db"), "INTEGER");
}

#[test]
fn reconcile_and_keep_deleted() {
    let env = Env::machines("sqlite-deleted", 100);
    scenarios::deletions(&env, &db(&env, "plant.db"));
}

#[test]
fn a_failed_batch_rolls_back_and_resumes() {
    let env = Env::machines("sqlite-fail", 3_000);
    scenarios::failure_mid_sync(&env, &db(&env, "plant.db"), "INTEGER");
}

#[test]
fn a_database_that_cannot_be_opened_fails_before_downloading() {
    let env = Env::machines("sqlite-missing", 10);
    let before = env.requests();
    let target = l2l_sync::Target::Sqlite(env.dir.join("no/such/dir/plant.db"));
    let err = env.sync(&target, None).expect_err("no such directory");
    assert!(err.to_string().contains("no/such/dir/plant.db"), "{err}");
    assert_eq!(env.requests(), before);
}

#[test]
fn a_foreign_state_table_is_refused() {
    let env = Env::machines("sqlite-foreign", 10);
    let db = db(&env, "plant.db");
    db.exec("CREATE TABLE _l2l_sync_state (x TEXT)");
    let err = env.sync(&db.target(), None).expect_err("not ours");
    assert!(err.to_string().contains("has no column `area`"), "{err}");
}
