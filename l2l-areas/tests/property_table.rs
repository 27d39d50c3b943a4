//! B35: the docs' table of API properties ("API Properties": generic label, customised
//! label, API property), walked row by row against every built-in area.
//!
//! For each row: a field with the row's label is the row's property (or the `code` of the
//! area the row names, where the label is the area's own name); and for the rows issue 14
//! names (tooling, dispatch type, value stream, technology, trade) and scrap, every field
//! that relates to it carries the docs' property name and label, and at least one area
//! relates to it. The one exception is documented: dispatches keep `dispatchtype`, the name
//! L2L's own samples send and read, and accept the docs' `dispatch_type` on input.

use l2l_areas::{AREAS, AreaSchema, FieldSchema};

/// The table as the docs print it.
const TABLE: &str = "\
Area | Area | area
Line | Line | line
Machine | Machine | machine
Tooling | Tooling | tooling
Dispatch | DISPATCH | dispatch
Dispatch Type | Dispatch Type | dispatch_type
Value Stream | Value Stream | valuestream
Technology | Technology | technology
Trade | Trade | trade
Name | Name | name
Description | Description | description
Scrap | Defect | scrap";

/// Rows whose property every related record must carry, with its label.
const STRICT: &[&str] = &[
    "tooling",
    "dispatch_type",
    "valuestream",
    "technology",
    "trade",
    "scrap",
];

/// The areas whose `code` is the thing a row names.
fn own_area(property: &str) -> Option<&'static str> {
    Some(match property {
        "area" => "areas",
        "line" => "lines",
        "machine" => "machines",
        "tooling" => "tooling",
        "dispatch_type" => "dispatchtypes",
        "valuestream" => "valuestreams",
        "technology" => "technologies",
        "trade" => "trades",
        _ => return None,
    })
}

/// Documented exceptions: (area, field, the row's property).
const EXCEPTIONS: &[(&str, &str, &str)] = &[("dispatches", "dispatchtype", "dispatch_type")];

fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| *c != '_')
        .collect::<String>()
        .to_lowercase()
}

fn fields() -> impl Iterator<Item = (&'static AreaSchema, &'static FieldSchema)> {
    AREAS
        .iter()
        .flat_map(|a| a.fields.iter().map(move |f| (*a, f)))
}

#[test]
fn every_row_of_the_docs_property_table() {
    let mut rows = 0;
    for row in TABLE.lines() {
        let cols: Vec<&str> = row.split('|').map(str::trim).collect();
        let [generic, custom, property] = cols[..] else {
            panic!("a row has three columns: {row}")
        };
        rows += 1;
        let labels = [generic, custom];
        // A field labelled with this row's label is its property, the code of its own
        // area, or a documented exception.
        for (a, f) in fields() {
            let Some(label) = f.label else { continue };
            if !labels.iter().any(|l| l.eq_ignore_ascii_case(label)) {
                continue;
            }
            let ok = f.api_name == property
                || (f.api_name == "code" && own_area(property) == Some(a.path))
                || EXCEPTIONS.contains(&(a.path, f.api_name, property));
            assert!(
                ok,
                "{}.{} has the label {label:?} of `{property}`",
                a.path, f.api_name
            );
        }
        if !STRICT.contains(&property) {
            continue;
        }
        let mut related = 0;
        for (a, f) in fields() {
            let spelled_alike = squash(f.api_name) == squash(property);
            if !spelled_alike {
                continue;
            }
            if EXCEPTIONS.contains(&(a.path, f.api_name, property)) {
                assert!(
                    f.label.is_some_and(|l| labels.contains(&l)),
                    "{}.{}",
                    a.path,
                    f.api_name
                );
                related += 1;
                continue;
            }
            assert_eq!(
                f.api_name, property,
                "{}.{} is the docs' `{property}`",
                a.path, f.api_name
            );
            assert!(
                f.label.is_some_and(|l| labels.contains(&l)),
                "{}.{property} carries the label {custom:?}, has {:?}",
                a.path,
                f.label
            );
            related += 1;
        }
        assert!(related > 0, "no built-in area relates to `{property}`");
    }
    assert_eq!(rows, 12);
}

#[test]
fn dispatches_accept_the_docs_name_on_input() {
    // L2L's samples send `dispatchtype`; the docs' table says `dispatch_type`. Both decode.
    let base = serde_json::json!({"id": 1, "site": 1, "machine": 4});
    for name in ["dispatchtype", "dispatch_type"] {
        let mut v = base.clone();
        v[name] = 7.into();
        let d: l2l_areas::Dispatch = serde_json::from_value(v).unwrap();
        assert_eq!(d.dispatchtype, 7, "{name}");
    }
}
