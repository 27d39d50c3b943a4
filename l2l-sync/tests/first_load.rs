//! A first load copies (PostgreSQL) or inserts (SQLite) straight into the area's table, and
//! the `lastupdated` index of a new table is built once the first load is complete. An id
//! someone else wrote meanwhile: SQLite's key refuses it, and that batch (and the rest) goes
//! through the upsert; PostgreSQL's table gets its primary key only at the end, when the
//! row written last is kept. Against real databases: a SQLite file, and a PostgreSQL
//! server started by the test.

mod common;

use common::pg::Pg;
use l2l_sync::{PostgresSink, Row, Sink, SqliteSink, StateKey, SyncState, Table};

fn table() -> Table {
    Table::of(<l2l_areas::Machine as l2l_areas::RecordArea>::SCHEMA)
}

fn rows(table: &Table, ids: std::ops::RangeInclusive<i64>, description: &str) -> Vec<Row> {
    ids.map(|id| {
        let json = format!(
            r#"{{"id": {id}, "code": "M{id}", "description": "{description}", "active": "True", "lastupdated": "2010-12-30 11:52:50", "custom__color": "red"}}"#
        );
        Row::from_json(table, &json).expect("a machine row")
    })
    .collect()
}

fn state(complete: bool) -> SyncState {
    serde_json::from_value(serde_json::json!({
        "version": l2l_sync::STATE_VERSION, "area": "machines", "site": 1, "filters": [],
        "since": null, "ranges": null, "written": 0, "total": 0, "complete": complete,
        "run_watermark": null, "watermark": null, "runs": 0
    }))
    .unwrap_or_else(|e| panic!("a state: {e}"))
}

/// Three batches of a first load into `sink`, with a row written by someone else between
/// the first two; `query` answers one integer (or text) of the database. `keyed` says
/// whether the table has its primary key while the load runs.
fn first_load(mut sink: Box<dyn Sink>, keyed: bool, query: &mut dyn FnMut(&str) -> String) {
    let table = table();
    assert_eq!(
        sink.prepare(&table, &StateKey::new("machines", Some(1)))
            .expect("prepare"),
        None
    );
    let index = "the lastupdated index";
    sink.write(&table, &rows(&table, 1..=100, "first"), &state(false))
        .expect("batch 1");
    assert_eq!(query(index), "0", "no index while the first load runs");
    let key = "the primary key";
    assert_eq!(
        query(key),
        if keyed { "1" } else { "0" },
        "{key} while loading"
    );
    query("INSERT INTO machines (id, description) VALUES (150, 'by hand')");
    sink.write(&table, &rows(&table, 101..=200, "second"), &state(false))
        .expect("batch 2 goes through the upsert");
    sink.write(&table, &rows(&table, 201..=300, "third"), &state(true))
        .expect("the last batch");
    assert_eq!(
        query("SELECT count(*) FROM machines"),
        "300",
        "every row once"
    );
    assert_eq!(
        query("SELECT description FROM machines WHERE id = 150"),
        "second",
        "the record as the server sent it replaced the row"
    );
    assert_eq!(
        query("SELECT count(*) FROM machines WHERE id = 250 AND active"),
        "1"
    );
    assert!(
        query("SELECT _extra FROM machines WHERE id = 250").contains("red"),
        "undeclared properties kept"
    );
    assert_eq!(query(index), "1", "the index, once the load is complete");
    assert_eq!(query(key), "1", "{key}, once the load is complete");
    assert_eq!(
        query(
            "SELECT count(*) FROM _l2l_sync_state WHERE replace(CAST(state AS TEXT), ' ', '') LIKE '%\"complete\":true%'"
        ),
        "1",
        "the state went in with the last batch"
    );
}

#[test]
fn postgres_copies_a_first_load_and_keys_the_table_at_its_end() {
    let Some(pg) = Pg::start("direct") else {
        return;
    };
    let url = pg.database("direct");
    let mut admin = postgres::Client::connect(&url, postgres::NoTls).expect("admin");
    let sink = PostgresSink::connect(&url).expect("connect");
    first_load(Box::new(sink), false, &mut |sql| {
        let sql = match sql {
            "the primary key" => "SELECT count(*) FROM pg_index WHERE indrelid = 'machines'::regclass AND indisprimary".to_owned(),
            "the lastupdated index" => "SELECT count(*) FROM pg_indexes WHERE tablename = 'machines' AND indexdef LIKE '%(lastupdated)%'".to_owned(),
            s => s.replace("_extra FROM", "_extra::text FROM"),
        };
        if sql.starts_with("INSERT") {
            admin.batch_execute(&sql).expect("a row by hand");
            return String::new();
        }
        let row = admin
            .query_one(&sql, &[])
            .unwrap_or_else(|e| panic!("{sql}: {e}"));
        match row.try_get::<_, i64>(0) {
            Ok(n) => n.to_string(),
            Err(_) => row.get::<_, String>(0),
        }
    });
}

#[test]
fn sqlite_inserts_a_first_load_and_falls_back_on_an_existing_id() {
    let dir = std::env::temp_dir().join(format!("l2l-first-load-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a directory");
    let path = dir.join("plant.db");
    let admin = rusqlite::Connection::open(&path).expect("admin");
    let sink = SqliteSink::open(&path).expect("open");
    first_load(Box::new(sink), true, &mut |sql| {
        let sql = match sql {
            "the primary key" => "SELECT count(*) FROM pragma_table_info('machines') WHERE pk = 1".to_owned(),
            "the lastupdated index" => "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND sql LIKE '%(\"lastupdated\")%'".to_owned(),
            s => s.to_owned(),
        };
        if sql.starts_with("INSERT") {
            admin.execute_batch(&sql).expect("a row by hand");
            return String::new();
        }
        admin
            .query_row(&sql, [], |r| {
                Ok(match r.get_ref(0)? {
                    rusqlite::types::ValueRef::Integer(n) => n.to_string(),
                    v => v.as_str().map(str::to_owned).unwrap_or_default(),
                })
            })
            .unwrap_or_else(|e| panic!("{sql}: {e}"))
    });
    let _ = std::fs::remove_dir_all(&dir);
}

/// A first load stopped between batches leaves a table without its key: the next run
/// resumes it; a keyless table that no first load made is refused.
#[test]
fn postgres_resumes_a_keyless_first_load_and_refuses_a_foreign_keyless_table() {
    let Some(pg) = Pg::start("keyless") else {
        return;
    };
    let url = pg.database("keyless");
    let mut admin = postgres::Client::connect(&url, postgres::NoTls).expect("admin");
    let table = table();
    let count = |admin: &mut postgres::Client, sql: &str| -> i64 {
        admin
            .query_one(sql, &[])
            .unwrap_or_else(|e| panic!("{sql}: {e}"))
            .get(0)
    };
    let keys =
        "SELECT count(*) FROM pg_index WHERE indrelid = 'machines'::regclass AND indisprimary";

    // Stopped before its first batch: a new, empty, keyless table and no state.
    let mut sink = PostgresSink::connect(&url).expect("connect");
    assert_eq!(
        sink.prepare(&table, &StateKey::new("machines", Some(1)))
            .expect("prepare"),
        None
    );
    drop(sink);
    let mut sink = PostgresSink::connect(&url).expect("connect again");
    assert_eq!(
        sink.prepare(&table, &StateKey::new("machines", Some(1)))
            .expect("an empty table"),
        None
    );
    sink.write(&table, &rows(&table, 1..=100, "first"), &state(false))
        .expect("batch 1");
    drop(sink);
    assert_eq!(
        count(&mut admin, keys),
        0,
        "no key while the load is stopped"
    );
    let autovacuum_off = "SELECT count(*) FROM pg_class WHERE oid = 'machines'::regclass \
                          AND 'autovacuum_enabled=false' = ANY(reloptions)";
    assert_eq!(
        count(&mut admin, autovacuum_off),
        1,
        "no autovacuum while the load fills the table"
    );

    // Stopped after it: the state says a first load is under way.
    let mut sink = PostgresSink::connect(&url).expect("connect a third time");
    let resumed = sink
        .prepare(&table, &StateKey::new("machines", Some(1)))
        .expect("resume");
    assert!(
        resumed.is_some_and(|s| s.first_load()),
        "the first load's state"
    );
    sink.write(&table, &rows(&table, 101..=200, "second"), &state(true))
        .expect("the last batch");
    assert_eq!(count(&mut admin, keys), 1, "keyed at its end");
    assert_eq!(
        count(
            &mut admin,
            "SELECT count(*) FROM pg_class WHERE oid = 'machines'::regclass AND reloptions IS NULL"
        ),
        1,
        "autovacuum on again at its end"
    );
    assert_eq!(
        count(&mut admin, "SELECT count(DISTINCT id) FROM machines"),
        200
    );
    assert_eq!(count(&mut admin, "SELECT count(*) FROM machines"), 200);

    // Someone's own table of machines, without a key: not a first load of ours.
    admin
        .batch_execute(
            "ALTER TABLE machines DROP CONSTRAINT machines_pkey; DELETE FROM _l2l_sync_state",
        )
        .expect("a foreign table");
    let mut sink = PostgresSink::connect(&url).expect("connect a fourth time");
    let err = sink
        .prepare(&table, &StateKey::new("machines", Some(1)))
        .expect_err("a keyless table with rows and no state");
    assert!(
        err.to_string().contains("is not its primary key"),
        "the error names the missing key: {err}"
    );
}
