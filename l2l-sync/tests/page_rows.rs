//! A row made from the members a page's one pass noted is the row made from the record's
//! own text, whatever the page holds (escapes, nesting, repeated keys, odd whitespace), and
//! each record's span is its text: by example, then as a property.

use l2l_core::wire::{Data, Format};
use l2l_core::{AreaSchema, FieldKind, FieldSchema, Record, Scope};
use l2l_sync::{PageRecord, Row, Table};
use proptest::prelude::*;
use serde_json::Value;

static FIELDS: [FieldSchema; 7] = [
    FieldSchema::new("id", FieldKind::Integer, false).id(),
    FieldSchema::new("code", FieldKind::Text, false),
    FieldSchema::new("cost", FieldKind::Decimal, true),
    FieldSchema::new("active", FieldKind::Bool, false),
    FieldSchema::new("tags", FieldKind::Json, true),
    FieldSchema::new("line", FieldKind::Integer, true),
    FieldSchema::new("lastupdated", FieldKind::DateTime, true),
];
static AREA: AreaSchema = AreaSchema::new("W", "w", Scope::None, &FIELDS);

/// Keys: the table's columns, others, and keys that need an escape in JSON.
fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "id",
            "code",
            "cost",
            "active",
            "tags",
            "line",
            "lastupdated"
        ])
        .prop_map(str::to_owned),
        "[a-z_]{1,6}",
        ".{0,4}",
    ]
}

fn value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        any::<String>().prop_map(Value::from),
        prop::sample::select(vec![
            "True",
            "0",
            "12",
            " 7 ",
            "3903.00",
            "2010-12-30 11:52:50"
        ])
        .prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec(("[a-z\"]{0,3}", inner), 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// A record's text: its members in order (a key may come twice), with some whitespace.
fn record() -> impl Strategy<Value = String> {
    (prop::collection::vec((key(), value()), 0..8), any::<bool>()).prop_map(|(members, wide)| {
        let gap = if wide { " \n " } else { "" };
        let body: Vec<String> = members
            .iter()
            .map(|(k, v)| format!("{gap}{}{gap}:{gap}{v}{gap}", Value::from(k.as_str())))
            .collect();
        format!("{{{}}}", body.join(","))
    })
}

/// The row of a page's record (a span of the page's text) is the row of the record's
/// own text, whatever the record holds.
#[test]
fn a_page_record_makes_the_row_its_text_makes() {
    let table = Table::of(&AREA);
    let records = [
        r#"{"id":12,"code":"A","cost":"3903.00","active":"True","tags":[1,{"a":null}],"line":null,"lastupdated":"2010-12-30 11:52:50"}"#,
        r#"{"id":"12","code":"A\"B\u00e9","cost":3903.5,"active":true,"tags":"x","line":"4","zeta":"z","alpha":2.5}"#,
        r#"{"zeta":"a","line":4,"zeta":"z","active":"False","id":12,"code":"x","code":"y","tags":{}}"#,
        r#"{"id":7,"lastupdated":"2010-12-30T11:52:50\u002e000","active":"maybe","line":"x","cost":null}"#,
        r#"{"id":7,"code":"a long text that does not fit inline in a compact string","n":{"deep":[1,2]}}"#,
        r#"{"id":12.0,"code":"no integer id"}"#,
        r#"{"code":"no id at all"}"#,
    ];
    let body = format!(
        r#"{{"success": true, "data": [ {} ]}}"#,
        records.join(" ,\n ")
    );
    let env = PageRecord::decode_page(body.as_bytes(), Format::Json, &[]).unwrap();
    let spans = env.data.unwrap().into_vec();
    assert_eq!(spans.len(), records.len());
    assert!(spans.iter().all(|s| s.members().is_some()), "one pass");
    for (json, span) in records.iter().zip(&spans) {
        assert_eq!(span.json(), *json);
        let text = Row::from_json(&table, json).map_err(|e| e.to_string());
        let read = Row::from_json(&table, span.json()).map_err(|e| e.to_string());
        assert_eq!(text, read, "{json}");
        let noted = Row::from_record(&table, span).map_err(|e| e.to_string());
        assert_eq!(text, noted, "{json}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn a_row_from_noted_members_is_the_row_of_the_text(records in prop::collection::vec(record(), 0..6)) {
        let table = Table::of(&AREA);
        let body = format!(r#"{{"success": true, "limit": 2000, "data": [ {} ]}}"#, records.join(" , "));
        let env = PageRecord::decode_page(body.as_bytes(), Format::Json, &[]).unwrap();
        let read = env.data.map(Data::into_vec).unwrap_or_default();
        prop_assert_eq!(read.len(), records.len());
        for (text, r) in records.iter().zip(&read) {
            prop_assert_eq!(r.json(), text.as_str());
            let noted = Row::from_record(&table, r).map_err(|e| e.to_string());
            let reread = Row::from_json(&table, text).map_err(|e| e.to_string());
            prop_assert_eq!(noted, reread);
            if let Some(members) = r.members() {
                let members: Vec<(String, Value)> = members
                    .map(|(k, v)| (k.to_owned(), serde_json::from_str(v).unwrap()))
                    .collect();
                let parsed: Value = serde_json::from_str(text).unwrap();
                let last: serde_json::Map<String, Value> = members.into_iter().collect();
                prop_assert_eq!(Value::Object(last), parsed);
            }
        }
    }
}
