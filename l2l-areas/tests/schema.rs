//! `schema/l2l-areas.json` and the per-area fixtures are current, and every area decodes
//! its JSON and XML fixtures into the same record.
//!
//! Both are expected output, refreshed the insta way like every snapshot of the workspace:
//! `INSTA_UPDATE=always cargo test` (here: `-p l2l-areas --test schema`), then review the diff.
#![allow(deprecated)] // checklistsanswers is declared, and deprecated

use l2l_areas::wire::decode;
use l2l_areas::*;

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");

/// Whether expected output is rewritten instead of compared: insta's own switch
/// (`INSTA_UPDATE=always`, or `force`), so that one command refreshes these files together
/// with every insta snapshot.
fn bless() -> bool {
    matches!(
        std::env::var("INSTA_UPDATE").as_deref(),
        Ok("always" | "1" | "force")
    )
}

/// Compares `actual` with the file, or writes it when refreshing.
fn check_file(rel: &str, actual: &str) {
    let path = format!("{ROOT}/{rel}");
    if bless() {
        std::fs::create_dir_all(std::path::Path::new(&path).parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
    }
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        current == actual,
        "{rel} is out of date: run `INSTA_UPDATE=always cargo test -p l2l-areas --test schema`"
    );
}

#[test]
fn schema_json_is_current() {
    let areas: Vec<_> = AREAS.iter().map(|a| a.to_json()).collect();
    let text = serde_json::to_string_pretty(&serde_json::json!({
        "api": "Leading2Lean LES REST API 1.0",
        "generated_by": "l2l-areas/tests/schema.rs",
        "areas": areas,
    }))
    .unwrap()
        + "\n";
    check_file("schema/l2l-areas.json", &text);
    let paths: std::collections::HashSet<_> = AREAS.iter().map(|a| a.path).collect();
    assert_eq!(paths.len(), AREAS.len(), "two areas share a path");
}

/// A value of each kind in the forms L2L sends: decimals as strings, datetimes with a
/// space, booleans as JSON booleans (XML: `True`).
fn sample(f: &FieldSchema, row: usize) -> serde_json::Value {
    use serde_json::json;
    if f.nullable && row == 1 {
        return serde_json::Value::Null;
    }
    match f.kind {
        FieldKind::Integer if f.id => json!(3 + row),
        FieldKind::Integer => json!(40 + row),
        FieldKind::Float => json!(1.5),
        FieldKind::Decimal => json!("3903.00"),
        FieldKind::Text => json!(format!("{} 33 & co", f.api_name)),
        FieldKind::Bool => json!(row == 0),
        FieldKind::Date => json!("2016-05-05"),
        FieldKind::DateTime => json!(if row == 0 {
            "2010-12-30 11:52:50"
        } else {
            "2016-05-05T22:39:47.123"
        }),
        _ => json!([]),
    }
}

fn fixture_records(a: &AreaSchema) -> Vec<serde_json::Map<String, serde_json::Value>> {
    (0..2)
        .map(|row| {
            // Field order is never relied on (B06): the map writes them alphabetically, not
            // in declaration order.
            a.fields
                .iter()
                .filter(|f| !f.write_only)
                .map(|f| (f.api_name.to_owned(), sample(f, row)))
                .collect()
        })
        .collect()
}

fn xml_value(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Null => "None".into(),
        serde_json::Value::Bool(true) => "True".into(),
        serde_json::Value::Bool(false) => "False".into(),
        serde_json::Value::String(s) => s.replace('&', "&amp;").replace('<', "&lt;"),
        other => other.to_string(),
    }
}

fn fixtures(a: &AreaSchema) -> (String, String) {
    let records = fixture_records(a);
    let json = serde_json::to_string_pretty(&serde_json::json!({
        "success": true, "offset": 0, "limit": 2, "data": records,
    }))
    .unwrap()
        + "\n";
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<response>\n  <limit>2</limit>\n  <data>\n",
    );
    for r in &records {
        xml.push_str("    <resource>\n");
        for (k, v) in r {
            xml.push_str(&format!("      <{k}>{}</{k}>\n", xml_value(v)));
        }
        xml.push_str("    </resource>\n");
    }
    xml.push_str("  </data>\n  <success>True</success>\n  <offset>0</offset>\n</response>\n");
    (json, xml)
}

/// For each area type: its field enum matches the schema, and its fixtures decode to the
/// same records in JSON and XML.
macro_rules! check_areas {
    ($($t:ident => $field:ident),* $(,)?) => {
        #[test]
        fn every_area_decodes_its_json_and_xml_fixtures() {
            let mut seen = Vec::new();
            $(
                let a = <$t as RecordArea>::SCHEMA;
                seen.push(a.path);
                let names: Vec<_> = $field::ALL.iter().map(|f| f.api_name()).collect();
                let readable: Vec<_> = a.fields.iter().filter(|f| !f.write_only).map(|f| f.api_name).collect();
                assert_eq!(names, readable, "{}Field::ALL", a.name);
                let (json, xml) = fixtures(a);
                check_file(&format!("l2l-areas/tests/fixtures/{}.json", a.path), &json);
                check_file(&format!("l2l-areas/tests/fixtures/{}.xml", a.path), &xml);
                let from_json = decode::<$t>(json.as_bytes(), Format::Json, &[])
                    .unwrap_or_else(|e| panic!("{} JSON: {e}", a.path));
                let from_xml = decode::<$t>(xml.as_bytes(), Format::Xml, &[])
                    .unwrap_or_else(|e| panic!("{} XML: {e}", a.path));
                let (j, x) = (from_json.data.unwrap().into_vec(), from_xml.data.unwrap().into_vec());
                assert_eq!(j.len(), 2);
                assert_eq!(j, x, "{}: JSON and XML differ", a.path);
                assert_eq!(j[0].record_id(), Some(3));
            )*
            let mut all: Vec<_> = AREAS.iter().map(|a| a.path).collect();
            all.sort();
            seen.sort();
            assert_eq!(seen, all, "an area of AREAS is not checked here");
        }
    };
}

check_areas!(
    Site => SiteField, Area => AreaField, Line => LineField, Machine => MachineField,
    Technology => TechnologyField, ValueStream => ValueStreamField,
    DispatchType => DispatchTypeField, Dispatch => DispatchField, Trade => TradeField,
    Pitch => PitchField, PitchDetail => PitchDetailField, Product => ProductField,
    BuildSequence => BuildSequenceField, ProductOrder => ProductOrderField,
    ScrapDetail => ScrapDetailField, ScrapCategory => ScrapCategoryField,
    User => UserField, UserTime => UserTimeField, Spare => SpareField, Tooling => ToolingField,
    Checklist => ChecklistField,
    DispatchStatus => DispatchStatusField, DispatchNote => DispatchNoteField,
    DispatchTechnician => DispatchTechnicianField, DispatchAction => DispatchActionField,
    Reason => ReasonField, MachineGroup => MachineGroupField, Document => DocumentField,
    WorkOrder => WorkOrderField, WorkOrderCategory => WorkOrderCategoryField,
    EventSchedule => EventScheduleField, Technician => TechnicianField,
    TechnicianArea => TechnicianAreaField, Warehouse => WarehouseField,
    BinLocation => BinLocationField, BillOfMaterials => BillOfMaterialsField,
    Vendor => VendorField, UnitOfMeasure => UnitOfMeasureField, Part => PartField,
    UserSite => UserSiteField, Contact => ContactField, ResourceShift => ResourceShiftField,
    Kaizen => KaizenField, KaizenCategory => KaizenCategoryField,
    ChecklistAnswer => ChecklistAnswerField,
);

#[test]
fn labels_never_change_api_property_names() {
    // B35: the docs' table of customised labels.
    let label = |path: &str, api: &str| area(path).unwrap().field(api).and_then(|f| f.label);
    assert_eq!(label("pitchdetails", "scrap"), Some("Defect"));
    assert_eq!(label("dispatches", "dispatchtype"), Some("Dispatch Type"));
    assert_eq!(label("valuestreams", "code"), Some("Value Stream"));
    assert_eq!(label("technologies", "code"), Some("Technology"));
    assert_eq!(label("trades", "code"), Some("Trade"));
    assert_eq!(label("tooling", "code"), Some("Tooling"));
    assert_eq!(PitchDetailField::Scrap.api_name(), "scrap");
    // Only the documented maximum: no area guesses a smaller one (a tenant that serves fewer is
    // followed by the pager).
    assert!(l2l_areas::AREAS.iter().all(|a| a.max_limit == 2000));
    assert!(area("machines").unwrap().custom_properties);
}
