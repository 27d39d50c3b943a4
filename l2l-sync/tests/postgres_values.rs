//! Every kind of value goes into PostgreSQL as the server itself reads its text: the sink
//! sends certain values in binary COPY and the rest as text, and either way each stored
//! value must equal PostgreSQL's own cast of the text L2L sent. Against a real server
//! started by the test (common/pg.rs).

mod common;

use common::pg::Pg;
use l2l_core::{AreaSchema, FieldKind, FieldSchema, Scope};
use l2l_sync::{PostgresSink, Row, Sink, StateKey, SyncState, Table};

static FIELDS: [FieldSchema; 8] = [
    FieldSchema::new("id", FieldKind::Integer, false).id(),
    FieldSchema::new("n", FieldKind::Integer, true),
    FieldSchema::new("f", FieldKind::Float, true),
    FieldSchema::new("cost", FieldKind::Decimal, true),
    FieldSchema::new("ok", FieldKind::Bool, true),
    FieldSchema::new("day", FieldKind::Date, true),
    FieldSchema::new("at", FieldKind::DateTime, true),
    FieldSchema::new("name", FieldKind::Text, true),
];
static AREA: AreaSchema = AreaSchema::new("Widget", "widgets", Scope::None, &FIELDS);

/// (n, f, cost, ok, day, at, name) as L2L might send them, each as JSON.
const VALUES: &[[&str; 7]] = &[
    [
        "1",
        "1.5",
        r#""3903.00""#,
        r#""True""#,
        r#""2016-05-05""#,
        r#""2010-12-30 11:52:50""#,
        r#""plain""#,
    ],
    [
        "-7",
        "-0.25",
        r#""-0.5""#,
        "false",
        r#""2000-01-01""#,
        r#""2016-05-05T22:39:47.123456""#,
        r#""tab\tnew\nline \\ é""#,
    ],
    [
        "0",
        "0",
        "12.5",
        "1",
        r#""2024-02-29""#,
        r#""1999-12-31 23:59:59.5""#,
        r#""""#,
    ],
    [
        "9007199254740993",
        "1e300",
        r#""0.0001""#,
        r#""F""#,
        r#""1970-01-01""#,
        r#""2000-01-01 00:00:00""#,
        "null",
    ],
    [
        "null",
        "null",
        r#""12345678901234567890.123456789""#,
        "null",
        "null",
        "null",
        r#""x""#,
    ],
    [
        "2",
        "2",
        r#""0.00""#,
        "true",
        r#""2016-05-05""#,
        r#""2010-12-30T11:52:50Z""#,
        r#""zone sent""#,
    ],
];

fn state(complete: bool) -> SyncState {
    serde_json::from_value(serde_json::json!({
        "version": l2l_sync::STATE_VERSION, "area": "widgets", "site": null, "filters": [],
        "since": null, "ranges": null, "written": 0, "total": 0, "complete": complete,
        "run_watermark": null, "watermark": null, "runs": 0
    }))
    .unwrap_or_else(|e| panic!("a state: {e}"))
}

fn row(table: &Table, id: usize, v: &[&str; 7]) -> Row {
    let json = format!(
        r#"{{"id": {id}, "n": {}, "f": {}, "cost": {}, "ok": {}, "day": {}, "at": {}, "name": {}, "custom": {{"k": [1, "two"]}}}}"#,
        v[0], v[1], v[2], v[3], v[4], v[5], v[6]
    );
    Row::from_json(table, &json).unwrap_or_else(|e| panic!("{json}: {e}"))
}

#[test]
fn every_value_reads_as_postgresql_reads_its_text() {
    let Some(pg) = Pg::start("values") else {
        return;
    };
    let url = pg.database("values");
    let table = Table::of(&AREA);
    let mut sink = PostgresSink::connect(&url).expect("connect");
    sink.prepare(&table, &StateKey::new("widgets", None))
        .expect("prepare");
    // Rows 1..=5 are all certain values; row 6 has a zone the encoder leaves to the server,
    // so its batch goes as text. A later run upserts the same rows again.
    let first: Vec<Row> = VALUES[..5]
        .iter()
        .enumerate()
        .map(|(i, v)| row(&table, i + 1, v))
        .collect();
    sink.write(&table, &first, &state(false))
        .expect("certain values");
    let second = vec![row(&table, 6, &VALUES[5])];
    sink.write(&table, &second, &state(true))
        .expect("a value for the server's parser");

    let mut db = postgres::Client::connect(&url, postgres::NoTls).expect("admin");
    for (i, v) in VALUES.iter().enumerate() {
        let text = |j: usize| -> Option<String> {
            serde_json::from_str::<serde_json::Value>(v[j])
                .ok()
                .and_then(|x| match x {
                    serde_json::Value::Null => None,
                    serde_json::Value::String(s) => Some(s),
                    other => Some(other.to_string()),
                })
        };
        let ok = text(3).map(|t| matches!(t.as_str(), "True" | "true" | "1" | "T").to_string());
        let sql = "SELECT n IS NOT DISTINCT FROM $1::text::bigint, \
                   f IS NOT DISTINCT FROM $2::text::float8, \
                   cost::text IS NOT DISTINCT FROM $3::text::numeric::text, \
                   ok IS NOT DISTINCT FROM $4::text::boolean, \
                   day IS NOT DISTINCT FROM $5::text::date, \
                   at IS NOT DISTINCT FROM $6::text::timestamp, \
                   name IS NOT DISTINCT FROM $7::text, \
                   _extra = '{\"custom\": {\"k\": [1, \"two\"]}}'::jsonb \
                   FROM widgets WHERE id = $8";
        let id = (i + 1) as i64;
        let r = db
            .query_one(
                sql,
                &[
                    &text(0),
                    &text(1),
                    &text(2),
                    &ok,
                    &text(4),
                    &text(5),
                    &text(6),
                    &id,
                ],
            )
            .unwrap_or_else(|e| panic!("row {id}: {e}"));
        let names = ["n", "f", "cost", "ok", "day", "at", "name", "_extra"];
        for (c, name) in names.iter().enumerate() {
            assert!(
                r.get::<_, bool>(c),
                "row {id}: `{name}` differs from PostgreSQL's reading of {:?}",
                v.get(c)
            );
        }
    }
}
