//! The scan against serde's pass: by example, then as a property over flat pages and their
//! corruptions.

use proptest::prelude::*;
use serde_json::{Map, Value};

use super::super::{PageRecord, with_members};
use super::*;

/// What a read of a page found: its envelope's fields, and each record's text and
/// members.
type Read = (
    bool,
    Option<u64>,
    Option<u64>,
    Vec<(String, Vec<(String, String)>)>,
);

fn read(env: Envelope<PageRecord>) -> Read {
    let records = env.data.map(Data::into_vec).unwrap_or_default();
    let records = records
        .iter()
        .map(|r| {
            let members = r.members().expect("members noted");
            let members = members.map(|(k, v)| (k.to_owned(), v.to_owned()));
            (r.json().to_owned(), members.collect())
        })
        .collect();
    (env.success, env.offset, env.limit, records)
}

#[test]
fn flat_pages_are_read_here_others_are_left_to_serde() {
    let body = "{\"limit\": \"2\",\"success\":true , \"data\":[ {\"id\":1,\"s\":\"a\\\"b\\u00e9\",\"x\":-0.5e+3,\"b\":true,\"n\":null} ,{\"id\":2}] }";
    let env = page_of(body).expect("flat");
    assert_eq!(env.3.len(), 2);
    assert_eq!(env.3[0].1[1], ("s".into(), "\"a\\\"b\\u00e9\"".into()));
    assert_eq!(env.2, Some(2));
    assert_eq!(Some(env), with_members(body).map(read));
    let one = r#"{"success": true, "data": {"id": 9}}"#;
    assert_eq!(page_of(one), with_members(one).map(read));
    for other in [
        r#"{"success":true,"data":[{"id":1,"tags":[1]}]}"#,
        r#"{"success":true,"data":[{"i\u0064":1}]}"#,
        r#"{"success":true,"data":[{}]}"#,
        r#"{"success":false,"error":"no"}"#,
        r#"{"success":true,"data":[{"id":01}]}"#,
        r#"{"success":true,"data":[{"id":1}],"data":[]}"#,
        "{\"success\":true,\"data\":[{\"s\":\"a\u{1}\"}]}",
        r#"{"success":true,"data":[{"id":1}]} x"#,
    ] {
        assert!(page(other).is_none(), "{other}");
    }
}

#[test]
fn the_first_quote_backslash_or_control_character_is_found_wherever_it_is() {
    for len in 0..24 {
        for special_byte in [b'"', b'\\', 0x00, 0x1f] {
            for at in 0..len {
                // Bytes around it that look close: high bytes, and 0x20, '!', ']'.
                let mut b: Vec<u8> = (0..len).map(|i| [0xe9, 0x20, b'!', b']'][i % 4]).collect();
                b[at] = special_byte;
                if at + 1 < len {
                    b[at + 1] = b'"';
                }
                assert_eq!(special(&b, 0), Some(at), "{b:?}");
            }
        }
        assert_eq!(special(&vec![b'a'; len], 0), None);
    }
}

fn page_of(text: &str) -> Option<Read> {
    page(text).map(read)
}

/// A flat value: any string (escapes and all), number, boolean or null.
fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        any::<String>().prop_map(Value::from),
        "[a-z0-9 :.-]{0,12}".prop_map(Value::from),
    ]
}

/// A page of flat records with odd whitespace, and maybe one byte changed, taken out or
/// put in anywhere.
fn text() -> impl Strategy<Value = String> {
    let record = prop::collection::vec(("[a-z_]{1,5}", leaf()), 1..6);
    let records = prop::collection::vec(record, 0..4);
    let ws = prop::sample::select(vec!["", " ", "\n", " \t\r\n "]);
    let edit = prop::option::of((
        any::<prop::sample::Index>(),
        0..3u8,
        prop::sample::select(b"\"\\0123456789.eE+-, :{}[]tfnul\x01\x7f".to_vec()),
    ));
    (records, ws, edit).prop_map(|(records, ws, edit)| {
        let data: Vec<String> = records
            .into_iter()
            .map(|members| {
                let members: Vec<String> = members
                    .into_iter()
                    .map(|(k, v)| format!("{ws}\"{k}\"{ws}:{ws}{v}{ws}"))
                    .collect();
                format!("{{{}}}", members.join(","))
            })
            .collect();
        let meta = Map::from_iter([("limit".to_owned(), Value::from(2))]);
        let text = format!(
            "{ws}{{\"success\":{ws}true,{ws}\"data\":{ws}[{}]{ws},\"meta\":{}}}{ws}",
            data.join(&format!("{ws},{ws}")),
            Value::Object(meta)
        );
        let Some((at, op, byte)) = edit else {
            return text;
        };
        let mut bytes = text.into_bytes();
        let at = at.index(bytes.len() + 1);
        match op {
            0 if at < bytes.len() => {
                bytes.remove(at);
            }
            1 if at < bytes.len() => bytes[at] = byte,
            _ => bytes.insert(at, byte),
        }
        String::from_utf8(bytes).unwrap_or_default()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    /// What this scan reads, serde's pass reads the same; what serde refuses, this scan
    /// refuses.
    #[test]
    fn the_scan_agrees_with_serde(text in text()) {
        if let Some(read) = page_of(&text) {
            prop_assert_eq!(Some(read), with_members(&text).map(self::read));
        }
        // Syntax only, as serde reads a page's values (a number is not parsed).
        if serde_json::from_str::<serde::de::IgnoredAny>(&text).is_err() {
            prop_assert!(page(&text).is_none());
        }
    }
}
