//! Sync into real SQLite files against the sandbox.

mod common;

use common::{Db as _, Env, Sqlite, feed, scenarios};

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
fn a_first_load_builds_its_lastupdated_index_at_the_end() {
    let env = Env::machines("sqlite-index", 2_500);
    let db = db(&env, "plant.db");
    env.sync(&db.target(), None).expect("a first load");
    assert_eq!(
        db.int("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND sql LIKE '%(\"lastupdated\")%'"),
        Some(1),
        "the index on lastupdated, built in the load's last transaction"
    );
    let served = env.machines_now().len() as i64;
    assert_eq!(db.int("SELECT count(*) FROM machines"), Some(served));
}

#[test]
fn a_new_database_gets_large_pages_and_an_existing_one_keeps_its_own() {
    let env = Env::machines("sqlite-pages", 300);
    let new = db(&env, "new.db");
    env.sync(&new.target(), None)
        .expect("a sync into a new file");
    assert_eq!(
        new.int("PRAGMA page_size"),
        Some(i64::from(l2l_sync::SqliteSink::NEW_PAGE_SIZE))
    );
    // A database someone made with SQLite's default pages, with a table of their own.
    let old = db(&env, "old.db");
    old.exec("CREATE TABLE erp_orders (id INTEGER PRIMARY KEY, machine INTEGER)");
    let before = old.int("PRAGMA page_size");
    assert_ne!(before, new.int("PRAGMA page_size"));
    env.sync(&old.target(), None)
        .expect("a sync into an existing file");
    assert_eq!(
        old.int("PRAGMA page_size"),
        before,
        "the file is not rewritten"
    );
    let served = env.machines_now().len() as i64;
    assert_eq!(old.int("SELECT count(*) FROM machines"), Some(served));
    assert_eq!(new.int("SELECT count(*) FROM machines"), Some(served));
}

#[test]
fn a_refused_area_leaves_no_table() {
    let env = Env::with(
        "sqlite-refused",
        l2l_sandbox::Sandbox::builder().forbid("scrapdetail"),
    );
    scenarios::a_refused_area_leaves_no_table(&env, &db(&env, "plant.db"), "INTEGER");
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

#[test]
fn the_change_feed_deletes_dispatches_on_every_run() {
    let env = Env::seeded("sqlite-feed", "dispatches", feed::DISPATCHES);
    feed::deletes_what_the_feed_reports(&env, &db(&env, "plant.db"));
}

#[test]
fn the_change_feed_marks_dispatches_with_keep_deleted() {
    let env = Env::seeded("sqlite-feed-mark", "dispatches", 20);
    feed::marks_what_the_feed_reports(&env, &db(&env, "plant.db"));
}

/// A key that may not call the feed (here: a tenant that wants it signed, B33) syncs all
/// the same, with one note, and the feed watermark stays for a later run.
#[test]
fn a_refused_feed_is_a_note_not_a_failure() {
    let env = Env::with(
        "sqlite-feed-refused",
        l2l_sandbox::Sandbox::builder()
            .seed(l2l_sandbox::Seed::Bulk {
                count: 20,
                area: Some("dispatches".into()),
            })
            .signing_secret("srv", "feed-secret")
            .signed_endpoint("dispatches/get_event_data"),
    );
    let db = db(&env, "plant.db");
    let job = Env::job(
        <l2l_areas::Dispatch as l2l_areas::RecordArea>::SCHEMA,
        None,
        Some(l2l_sync::Deletions::Delete),
    );
    let (first, events) = env.run(&job, &db.target());
    first.expect("the first run does not read the feed");
    assert!(
        !events
            .iter()
            .any(|e| matches!(e, l2l_sync::Event::FeedNote(_))),
        "{events:?}"
    );
    let before = db.state("dispatches", 1).expect("a state")["feed_watermark"].clone();
    let gone = env.dispatches_now()[2].0;
    env.delete_dispatch(gone);
    let (second, events) = env.run(&job, &db.target());
    let second = second.expect("a refused feed does not fail the sync");
    assert_eq!(second.removed, 0);
    let notes: Vec<&String> = events
        .iter()
        .filter_map(|e| match e {
            l2l_sync::Event::FeedNote(n) => Some(n),
            _ => None,
        })
        .collect();
    assert_eq!(notes.len(), 1, "one note: {events:?}");
    assert!(notes[0].contains("HTTP 403"), "{}", notes[0]);
    assert!(!notes[0].contains("feed-secret"));
    assert_eq!(
        db.state("dispatches", 1).expect("a state")["feed_watermark"],
        before,
        "the watermark waits for a feed that answers"
    );
    assert_eq!(
        db.int(&format!(
            "SELECT count(*) FROM dispatches WHERE id = {gone}"
        )),
        Some(1)
    );
}

/// A JSON Lines file is only appended to: the feed is not read, and no feed watermark kept.
#[test]
fn a_file_does_not_follow_the_feed() {
    let env = Env::seeded("jsonl-feed", "dispatches", 20);
    let out = env.dir.join("d.jsonl");
    let target = l2l_sync::Target::Jsonl(out.clone());
    let job = Env::job(
        <l2l_areas::Dispatch as l2l_areas::RecordArea>::SCHEMA,
        None,
        Some(l2l_sync::Deletions::Delete),
    );
    env.run(&job, &target).0.expect("the first sync");
    env.delete_dispatch(env.dispatches_now()[0].0);
    let r = env.run(&job, &target).0.expect("the second sync");
    assert_eq!(r.removed, 0);
    let state = std::fs::read_to_string(l2l_sync::state_path(&out)).expect("a state file");
    assert!(!state.contains("\"feed_watermark\": \""), "{state}");
}

#[test]
fn a_probe_asks_for_one_record_and_tells_a_refused_area() {
    let env = Env::with(
        "sqlite-probe",
        l2l_sandbox::Sandbox::builder().forbid("scrapdetail"),
    );
    let machines = Env::job(
        <l2l_areas::Machine as l2l_areas::RecordArea>::SCHEMA,
        None,
        None,
    );
    let before = env.requests();
    env.rt
        .block_on(machines.probe(&env.client))
        .expect("the key may read machines");
    assert_eq!(env.requests(), before + 1, "one request");
    let refused = Env::job(
        <l2l_areas::ScrapDetail as l2l_areas::RecordArea>::SCHEMA,
        None,
        None,
    );
    let err = env
        .rt
        .block_on(refused.probe(&env.client))
        .expect_err("the area is forbidden");
    assert!(
        matches!(
            err,
            l2l_sync::Error::Api(l2l_areas::Error::Http { status: 403, .. })
        ),
        "{err}"
    );
}
