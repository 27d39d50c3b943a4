//! A first load into PostgreSQL copies straight into the area's table; an id already there
//! sends that batch (and the rest) through the upsert instead, and the `lastupdated` index
//! of a new table is built once the first load is complete. Against a real server started
//! by the test (common/pg.rs).

mod common;

use common::pg::Pg;
use l2l_sync::{PostgresSink, Row, Sink, SyncState, Table};

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

#[test]
fn a_first_load_copies_directly_and_falls_back_on_an_existing_id() {
    let Some(pg) = Pg::start("direct") else {
        return;
    };
    let url = pg.database("direct");
    let table = table();
    let mut sink = PostgresSink::connect(&url).expect("connect");
    assert_eq!(
        sink.prepare(&table, "machines", Some(1)).expect("prepare"),
        None
    );
    let mut admin = postgres::Client::connect(&url, postgres::NoTls).expect("admin");
    let index = |c: &mut postgres::Client| -> i64 {
        c.query_one(
            "SELECT count(*) FROM pg_indexes WHERE tablename = 'machines' AND indexdef LIKE '%(lastupdated)%'",
            &[],
        )
        .expect("indexes")
        .get(0)
    };

    sink.write(&table, &rows(&table, 1..=100, "first"), &state(false))
        .expect("batch 1");
    assert_eq!(index(&mut admin), 0, "no index while the first load runs");

    // Someone else writes id 150 meanwhile: the next batch meets it.
    admin
        .batch_execute("INSERT INTO machines (id, description) VALUES (150, 'by hand')")
        .expect("a row by hand");
    sink.write(&table, &rows(&table, 101..=200, "second"), &state(false))
        .expect("batch 2 goes through the upsert");
    sink.write(&table, &rows(&table, 201..=300, "third"), &state(true))
        .expect("the last batch");

    let count: i64 = admin
        .query_one("SELECT count(*) FROM machines", &[])
        .expect("count")
        .get(0);
    assert_eq!(count, 300, "every row once");
    let d: String = admin
        .query_one("SELECT description FROM machines WHERE id = 150", &[])
        .expect("row 150")
        .get(0);
    assert_eq!(
        d, "second",
        "the record as the server sent it replaced the row"
    );
    let (active, extra): (bool, String) = admin
        .query_one(
            "SELECT active, _extra::text FROM machines WHERE id = 250",
            &[],
        )
        .map(|r| (r.get(0), r.get(1)))
        .expect("row 250");
    assert!(active);
    assert!(extra.contains("\"custom__color\": \"red\""), "{extra}");
    assert_eq!(index(&mut admin), 1, "the index, once the load is complete");
    let saved: bool = admin
        .query_one(
            "SELECT (state->>'complete')::boolean FROM _l2l_sync_state WHERE area = 'machines'",
            &[],
        )
        .expect("state")
        .get(0);
    assert!(saved, "the state went in with the last batch");
}
