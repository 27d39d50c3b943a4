//! What the generated items do at run time (no network): field enums, decoding of records
//! and partial records, create and patch forms, the static schema, early query errors.

use std::str::FromStr;

use l2l_areas::{Date, DateTime, FieldKind, Form, Operations, Record, RecordArea, Scope};
use l2l_tests::areas::{
    Asset, AssetField, AssetPatch, Color, Gadget, GadgetField, GadgetPartial, NewGadget, NewShift,
    Shift, ShiftField, ShiftPatch,
};

fn pairs(form: &dyn Form) -> Vec<(String, String)> {
    form.to_pairs()
}

fn p(k: &str, v: &str) -> (String, String) {
    (k.to_owned(), v.to_owned())
}

#[test]
fn field_enums_name_api_properties() {
    // B35: the Rust name may differ (`serial_number`), the API property is what is sent.
    assert_eq!(GadgetField::SerialNumber.api_name(), "serial");
    assert_eq!(GadgetField::SerialNumber.to_string(), "serial");
    assert_eq!(
        GadgetField::from_str("serial").unwrap(),
        GadgetField::SerialNumber
    );
    // Write-only fields are never returned, so they are not fields of the record.
    assert!(!GadgetField::ALL.iter().any(|f| f.api_name() == "linecode"));
    assert_eq!(GadgetField::ALL.len(), 14);
    assert_eq!(
        ShiftField::ALL.map(ShiftField::api_name),
        [
            "id",
            "code",
            "description",
            "start",
            "day",
            "crew_size",
            "rate",
            "budget",
            "overtime",
            "valuestream",
            "created"
        ]
    );
    let e = ShiftField::from_str("descripton").unwrap_err().to_string();
    assert_eq!(
        e,
        "invalid request: area `shifts` has no field `descripton`; did you mean `description`?"
    );
    let e = AssetField::from_str("zzz").unwrap_err().to_string();
    assert_eq!(e, "invalid request: area `assets` has no field `zzz`");
}

#[test]
fn records_decode_from_l2l_json() {
    // B06: field order is not relied on and unknown fields are ignored.
    let json = r#"{
        "notes": "", "tags": ["a", "b"], "scrap": 2, "color": "red",
        "lastupdated": "2010-12-30 11:52:50", "installed": "2016-05-05", "active": true,
        "code": "WLD 1", "cost": "3903.00", "weight": 2.5, "serial": 99, "count": 3,
        "site": 1, "id": 42, "something_new": {"x": 1}
    }"#;
    let g: Gadget = serde_json::from_str(json).unwrap();
    assert_eq!(g.id, 42);
    assert_eq!(g.serial_number, 99);
    assert_eq!(g.cost.to_string(), "3903.00");
    assert_eq!(g.installed, Date::new(2016, 5, 5).unwrap());
    assert_eq!(
        g.lastupdated,
        DateTime::new(2010, 12, 30, 11, 52, 50).unwrap()
    );
    assert_eq!(g.tags, ["a", "b"]);
    assert_eq!(g.color, Color("red".to_owned()));
    assert_eq!(g.record_id(), Some(42));

    // Missing and null Option fields are None.
    let s: Shift = serde_json::from_str(r#"{"id": 7, "code": "A", "description": null}"#).unwrap();
    assert_eq!(s.description, None);
    assert_eq!(s.start, None);
    assert_eq!(s.valuestream, None);
    assert_eq!(s.record_id(), Some(7));
}

#[test]
fn partial_records_hold_what_was_asked_for() {
    // B21: with `fields=id,serial` only those come back.
    let g: GadgetPartial = serde_json::from_str(r#"{"id": 5, "serial": 12}"#).unwrap();
    assert_eq!(g.id, Some(5));
    assert_eq!(g.serial_number, Some(12));
    assert_eq!(g.code, None);
    assert_eq!(g.record_id(), Some(5));
    let none: GadgetPartial = serde_json::from_str("{}").unwrap();
    assert_eq!(none, GadgetPartial::default());
    assert_eq!(none.record_id(), None);
}

#[test]
fn new_records_send_their_writable_fields() {
    let new = NewGadget {
        site: 1,
        count: 3,
        serial_number: 99,
        weight: 2.5,
        cost: "10.50".parse().unwrap(),
        code: "WLD 1".to_owned(),
        active: true,
        installed: Date::new(2016, 5, 5).unwrap(),
        color: Color("red".to_owned()),
        linecode: "L1".to_owned(),
        scrap: 0,
        notes: String::new(),
        extra: l2l_areas::Extra::new(),
    }
    .property("undeclared", "x");
    assert_eq!(
        pairs(&new),
        [
            p("site", "1"),
            p("count", "3"),
            p("serial", "99"),
            p("weight", "2.5"),
            p("cost", "10.50"),
            p("code", "WLD 1"),
            p("active", "true"),
            p("installed", "2016-05-05"),
            p("color", "red"),
            p("linecode", "L1"),
            p("scrap", "0"),
            p("notes", ""),
            p("undeclared", "x"),
        ]
    );
    // Nullable fields left `None` are not sent; `NewShift` has a Default.
    let shift = NewShift {
        code: "A".to_owned(),
        valuestream: Some(4),
        ..NewShift::default()
    };
    assert_eq!(pairs(&shift), [p("code", "A"), p("valuestream", "4")]);
}

#[test]
fn patches_send_only_what_was_set_and_null_differs_from_unchanged() {
    let patch = AssetPatch::default()
        .code("X 1")
        .clear_dispatch_type()
        .active(false);
    assert_eq!(
        pairs(&patch),
        [
            p("code", "X 1"),
            p("dispatch_type", ""),
            p("active", "false")
        ]
    );
    assert!(AssetPatch::default().as_patch().is_empty());
    // The last setting of a field wins.
    let patch = ShiftPatch::default()
        .description("a")
        .clear_description()
        .description("b");
    assert_eq!(pairs(&patch), [p("description", "b")]);
}

#[test]
fn schemas_describe_every_field() {
    let s = Gadget::SCHEMA;
    assert_eq!(
        (s.name, s.path, s.scope, s.max_limit),
        ("Gadget", "gadgets", Scope::Site, 500)
    );
    assert_eq!(s.operations, Operations::ALL);
    assert!(!s.custom_properties);
    // Every field, the write-only one too.
    assert_eq!(s.fields.len(), 15);
    let linecode = s.field("linecode").unwrap();
    assert!(linecode.write_only && !linecode.filter && !linecode.order);
    let tags = s.field("tags").unwrap();
    assert_eq!(tags.kind, FieldKind::Json);
    assert!(tags.read_only && !tags.filter && !tags.order);
    let serial = s.field("serial").unwrap();
    assert_eq!(
        (serial.rust_name, serial.kind),
        ("serial_number", FieldKind::Integer)
    );
    // B35: a customised label never changes the API property.
    let scrap = s.field("scrap").unwrap();
    assert_eq!(scrap.label, Some("Defect"));
    assert!(scrap.filter && !scrap.order);
    assert!(!s.field("notes").unwrap().filter);
    assert_eq!(s.id_field().unwrap().api_name, "id");
    assert_eq!(s.field("color").unwrap().kind, FieldKind::Text);

    let s = Shift::SCHEMA;
    assert_eq!((s.scope, s.max_limit), (Scope::None, 2000));
    assert_eq!(s.field("valuestream").unwrap().label, Some("Value Stream"));
    assert!(
        s.fields
            .iter()
            .filter(|f| f.api_name != "id" && f.api_name != "code")
            .all(|f| f.nullable)
    );

    let s = Asset::SCHEMA;
    assert!(s.custom_properties);
    assert_eq!(s.operations.names(), ["get", "list", "update"]);
    assert_eq!(s.max_limit, 1000);
}

#[test]
fn bad_queries_fail_before_sending() {
    // B16: above the area's maximum the call fails.
    let q = Gadget::query(1).limit(501).into_query();
    let e = q.validate().unwrap_err().to_string();
    assert!(e.contains("1..=500"), "{e}");
    assert!(Gadget::query(1).limit(500).into_query().validate().is_ok());
}
