//! Typed records keep what they do not declare (issue 13.3), and decode every shape L2L and
//! its samples send, in JSON and XML (issue 13.4): one test per shape.

use l2l_areas::wire::decode;
use l2l_areas::*;
use serde_json::json;

fn one_json<T: Record>(record: serde_json::Value) -> Result<T, Error> {
    let body = json!({ "success": true, "data": [record] }).to_string();
    decode::<T>(body.as_bytes(), Format::Json, &[]).map(|e| e.data.unwrap().into_vec().remove(0))
}

fn one_xml<T: Record>(props: &str) -> Result<T, Error> {
    let body = format!(
        "<response><data><resource>{props}</resource></data><success>True</success></response>"
    );
    decode::<T>(body.as_bytes(), Format::Xml, &[]).map(|e| e.data.unwrap().into_vec().remove(0))
}

fn machine(active: serde_json::Value) -> serde_json::Value {
    json!({"id": 7, "site": 1, "code": "WLD0001", "active": active})
}

const MACHINE_XML: &str = "<id>7</id><site>1</site><code>WLD0001</code>";

#[test]
fn custom_and_new_properties_are_kept_and_round_trip() {
    let mut rec = machine(json!(true));
    rec["custom__color"] = json!("red");
    rec["added_later"] = json!({"nested": [1, 2]});
    let m: Machine = one_json(rec).unwrap();
    assert_eq!(m.custom("color"), Some(&json!("red")));
    assert_eq!(m.extra.get("added_later"), Some(&json!({"nested": [1, 2]})));
    assert_eq!(m.extra.len(), 2);
    // Serialized flat beside the declared properties, and read back the same.
    let text = serde_json::to_value(&m).unwrap();
    assert_eq!(text["custom__color"], json!("red"));
    assert_eq!(text["code"], json!("WLD0001"));
    let again: Machine = serde_json::from_value(text).unwrap();
    assert_eq!(again, m);
}

#[test]
fn custom_properties_are_kept_from_xml() {
    let m: Machine = one_xml(&format!(
        "{MACHINE_XML}<active>True</active><custom__color>red</custom__color>"
    ))
    .unwrap();
    assert_eq!(m.custom("color"), Some(&json!("red")));
    assert!(m.active);
}

#[test]
fn a_record_without_unknown_properties_has_an_empty_catch_all() {
    let m: Machine = one_json(machine(json!(false))).unwrap();
    assert!(m.extra.is_empty());
    assert_eq!(m.custom("color"), None);
}

#[test]
fn custom_properties_are_sent_on_create_and_update() {
    let new = NewMachine {
        site: 1,
        code: "M-1".into(),
        active: true,
        ..Default::default()
    }
    .custom("color", "red")
    .property("added_later", 3);
    let pairs = new.to_pairs();
    assert!(
        pairs.contains(&("custom__color".to_owned(), "red".to_owned())),
        "{pairs:?}"
    );
    assert!(
        pairs.contains(&("added_later".to_owned(), "3".to_owned())),
        "{pairs:?}"
    );
    let patch = MachinePatch::default()
        .description("Welder")
        .custom("color", "blue")
        .set_property("added_later", 4);
    assert_eq!(
        patch.to_pairs(),
        [
            ("description".to_owned(), "Welder".to_owned()),
            ("custom__color".to_owned(), "blue".to_owned()),
            ("added_later".to_owned(), "4".to_owned()),
        ]
    );
}

#[test]
fn missing_duplicate_and_non_object_records_are_clear_errors() {
    let err = one_json::<Machine>(json!({"id": 7, "site": 1, "active": true}))
        .unwrap_err()
        .to_string();
    assert!(err.contains("missing field `code`"), "{err}");
    let body = br#"{"success": true, "data": [{"id": 7, "id": 8, "site": 1, "code": "x", "active": true}]}"#;
    let err = decode::<Machine>(body, Format::Json, &[])
        .unwrap_err()
        .to_string();
    assert!(err.contains("duplicate field `id`"), "{err}");
    let err = one_json::<Machine>(json!("WLD0001"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("`machines` record"), "{err}");
}

/// A `closed` area drops what it does not declare, and has no catch-all field.
#[l2l_areas::record_area(path = "gauges", scope = site, closed)]
#[derive(Debug, Clone, PartialEq)]
pub struct Gauge {
    #[l2l(id, read_only)]
    pub id: i64,
    pub site: i64,
    pub calibrated: bool,
    pub reading: Option<Decimal>,
}

#[test]
fn a_closed_area_drops_unknown_properties_and_still_decodes_leniently() {
    let g: Gauge = one_json(json!({
        "id": 1, "site": 1, "calibrated": "T", "reading": 4.5, "custom__color": "red"
    }))
    .unwrap();
    assert!(g.calibrated);
    assert_eq!(g.reading, Some("4.5".parse().unwrap()));
    let g: Gauge = one_xml(
        "<id>1</id><site>1</site><calibrated>F</calibrated><reading>None</reading><x>1</x>",
    )
    .unwrap();
    assert!(!g.calibrated);
    assert_eq!(g.reading, None);
}

// Booleans, one test per shape, JSON then XML.

fn active_json(v: serde_json::Value) -> bool {
    one_json::<Machine>(machine(v)).unwrap().active
}

fn active_xml(v: &str) -> bool {
    one_xml::<Machine>(&format!("{MACHINE_XML}<active>{v}</active>"))
        .unwrap()
        .active
}

#[test]
fn booleans_as_json_booleans() {
    assert!(active_json(json!(true)));
    assert!(!active_json(json!(false)));
}

#[test]
fn booleans_as_t_and_f() {
    assert!(active_json(json!("T")) && active_xml("T"));
    assert!(!active_json(json!("F")) && !active_xml("F"));
}

#[test]
fn booleans_as_capitalised_words() {
    assert!(active_json(json!("True")) && active_xml("True"));
    assert!(!active_json(json!("False")) && !active_xml("False"));
}

#[test]
fn booleans_as_lowercase_words() {
    assert!(active_json(json!("true")) && active_xml("true"));
    assert!(!active_json(json!("false")) && !active_xml("false"));
}

#[test]
fn booleans_as_one_and_zero() {
    assert!(active_json(json!(1)) && active_xml("1"));
    assert!(!active_json(json!(0)) && !active_xml("0"));
}

#[test]
fn a_boolean_of_another_shape_says_which_field() {
    let err = one_json::<Machine>(machine(json!("yes")))
        .unwrap_err()
        .to_string();
    assert!(err.contains("active") && err.contains("\"yes\""), "{err}");
}

// Decimals: strings or numbers.

fn dispatch(downtime: serde_json::Value) -> serde_json::Value {
    json!({"id": 1, "site": 1, "dispatchtype": 2, "machine": 3, "downtime": downtime})
}

const DISPATCH_XML: &str =
    "<id>1</id><site>1</site><dispatchtype>2</dispatchtype><machine>3</machine>";

fn downtime_json(v: serde_json::Value) -> Option<String> {
    one_json::<Dispatch>(dispatch(v))
        .unwrap()
        .downtime
        .map(|d| d.to_string())
}

fn downtime_xml(v: &str) -> Option<String> {
    one_xml::<Dispatch>(&format!("{DISPATCH_XML}<downtime>{v}</downtime>"))
        .unwrap()
        .downtime
        .map(|d| d.to_string())
}

#[test]
fn decimals_as_strings() {
    assert_eq!(downtime_json(json!("45.50")).as_deref(), Some("45.50"));
    assert_eq!(downtime_xml("45.50").as_deref(), Some("45.50"));
}

#[test]
fn decimals_as_json_floats() {
    // The shape that failed a whole page of dispatches.
    assert_eq!(downtime_json(json!(45.0)).as_deref(), Some("45"));
    assert_eq!(downtime_json(json!(0.1)).as_deref(), Some("0.1"));
}

#[test]
fn decimals_as_integers() {
    assert_eq!(downtime_json(json!(45)).as_deref(), Some("45"));
    assert_eq!(downtime_xml("45").as_deref(), Some("45"));
}

#[test]
fn decimals_as_null() {
    assert_eq!(downtime_json(json!(null)), None);
    assert_eq!(downtime_xml("None"), None);
}

// Datetimes: a space or a T, with or without seconds, a fraction or a Z.

fn reported(v: &str) -> (DateTime, DateTime) {
    let mut rec = dispatch(json!(null));
    rec["reported"] = json!(v);
    let j = one_json::<Dispatch>(rec).unwrap().reported.unwrap();
    let x = one_xml::<Dispatch>(&format!("{DISPATCH_XML}<reported>{v}</reported>"))
        .unwrap()
        .reported
        .unwrap();
    (j, x)
}

fn at(h: i8, m: i8, s: i8) -> DateTime {
    DateTime::new(2010, 12, 30, h, m, s).unwrap()
}

#[test]
fn datetimes_with_a_space() {
    assert_eq!(
        reported("2010-12-30 11:52:50"),
        (at(11, 52, 50), at(11, 52, 50))
    );
}

#[test]
fn datetimes_with_a_t() {
    assert_eq!(
        reported("2010-12-30T11:52:50"),
        (at(11, 52, 50), at(11, 52, 50))
    );
}

#[test]
fn datetimes_without_seconds() {
    assert_eq!(reported("2010-12-30 11:52"), (at(11, 52, 0), at(11, 52, 0)));
    assert_eq!(reported("2010-12-30T11:52"), (at(11, 52, 0), at(11, 52, 0)));
}

#[test]
fn datetimes_with_a_fraction() {
    let (j, x) = reported("2010-12-30T11:52:50.123456");
    assert_eq!(j.to_string(), "2010-12-30T11:52:50.123456");
    assert_eq!(j, x);
    assert_eq!(reported("2010-12-30 11:52:50.000").0, at(11, 52, 50));
}

#[test]
fn datetimes_with_a_z() {
    assert_eq!(
        reported("2010-12-30T11:52:50Z"),
        (at(11, 52, 50), at(11, 52, 50))
    );
    assert_eq!(
        reported("2010-12-30T11:52Z"),
        (at(11, 52, 0), at(11, 52, 0))
    );
    assert_eq!(
        reported("2010-12-30T11:52:50.5Z").0.to_string(),
        "2010-12-30T11:52:50.5"
    );
}
