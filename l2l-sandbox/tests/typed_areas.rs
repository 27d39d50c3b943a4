//! The typed client runs list, get, create, update and delete on every built-in area
//! against the sandbox: each answer decodes into the area's record type.

mod common;

use std::fmt::Debug;

use l2l_areas::*;
use l2l_core::crud;
use l2l_core::{FieldKind, Query, RecordArea, Scope};
use serde_json::Value;

/// A form for `schema` from its fields: every writable field gets a value of its kind,
/// foreign keys the first record of the area they refer to.
async fn form(raw: &common::Raw, schema: &AreaSchema) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for f in schema.fields {
        if f.id || f.read_only || f.write_only {
            continue;
        }
        let name = f.api_name;
        let v = match f.kind {
            FieldKind::Integer if name == "site" => "1".to_owned(),
            FieldKind::Integer => match fk_target(name) {
                Some(target) => {
                    let site = if target == "users" { "" } else { "site=1&" };
                    let v = raw
                        .ok(&format!("{target}/?{site}limit=1&order_by=id"))
                        .await;
                    match v["data"][0]["id"].as_i64() {
                        Some(id) => id.to_string(),
                        None if f.nullable => continue,
                        None => panic!("no {target} record for {}.{name}", schema.path),
                    }
                }
                None => "7".to_owned(),
            },
            FieldKind::Float | FieldKind::Decimal => "2.50".to_owned(),
            // A code that names a line (`linecode` on machines) must name a real one.
            FieldKind::Text if name == "linecode" => {
                let v = raw.ok("lines/?site=1&limit=1&order_by=id").await;
                v["data"][0]["code"].as_str().expect("a line").to_owned()
            }
            FieldKind::Text => format!("typed-{}-{name}", schema.path),
            FieldKind::Bool => "True".to_owned(),
            FieldKind::Date => "2026-01-02".to_owned(),
            FieldKind::DateTime => "2026-01-02 03:04:05".to_owned(),
            _ => "[]".to_owned(),
        };
        out.push((name.to_owned(), v));
    }
    out
}

fn fk_target(name: &str) -> Option<&'static str> {
    Some(match name {
        "area" => "areas",
        "line" => "lines",
        "machine" | "defaultmachine" => "machines",
        "dispatchtype" => "dispatchtypes",
        "product" | "actual_product" | "planned_product" => "productcomponents",
        "category" => "scrapcategory",
        "pitch" => "pitches",
        "dispatch" => "dispatches",
        "user" => "users",
        _ => return None,
    })
}

struct Pairs(Vec<(String, String)>);

impl l2l_core::Form for Pairs {
    fn write_form(&self, w: &mut l2l_core::FormWriter) {
        for (k, v) in &self.0 {
            w.field(k, v);
        }
    }
}

fn query(schema: &'static AreaSchema) -> Query {
    match schema.scope {
        Scope::Site => Query::for_site(schema, 1),
        _ => Query::new(schema),
    }
}

/// list, create, get, update, delete (as far as the area allows) with typed records.
async fn round_trip<R: RecordArea + Debug>(sb: &l2l_sandbox::Sandbox) -> Vec<&'static str> {
    let schema = R::SCHEMA;
    let client = sb.client();
    let raw = common::Raw::new(sb);
    let mut done = Vec::new();
    let listed: Vec<R> = query(schema)
        .all(&client)
        .await
        .unwrap_or_else(|e| panic!("{}: list: {e}", schema.path));
    let as_json: Vec<Value> = query(schema).all(&client).await.unwrap();
    assert_eq!(listed.len(), as_json.len());
    done.push("list");
    let existing = listed.first().and_then(|r| r.record_id());
    let id = if schema.operations.create {
        let f = form(&raw, schema).await;
        let created: R = crud::create(&client, schema, &Pairs(f))
            .await
            .unwrap_or_else(|e| panic!("{}: create: {e}", schema.path));
        done.push("create");
        created.record_id().unwrap()
    } else {
        existing.unwrap_or_else(|| panic!("{}: no record to read", schema.path))
    };
    let got: R = crud::get(&client, schema, id)
        .await
        .unwrap_or_else(|e| panic!("{}: get: {e}", schema.path));
    assert_eq!(got.record_id(), Some(id));
    done.push("get");
    if schema.operations.update {
        let field = schema
            .fields
            .iter()
            .find(|f| {
                !f.read_only
                    && !f.id
                    && !f.write_only
                    && f.kind == FieldKind::Text
                    && f.api_name != "code"
            })
            .or_else(|| {
                schema
                    .fields
                    .iter()
                    .find(|f| !f.read_only && !f.id && f.kind == FieldKind::Decimal)
            })
            .unwrap_or_else(|| panic!("{}: nothing to update", schema.path));
        let value = if field.kind == FieldKind::Text {
            "updated"
        } else {
            "9.25"
        };
        let patch = Pairs(vec![(field.api_name.to_owned(), value.to_owned())]);
        let _: R = crud::update(&client, schema, id, &patch)
            .await
            .unwrap_or_else(|e| panic!("{}: update: {e}", schema.path));
        let site = if schema.scope == Scope::Site {
            "?site=1"
        } else {
            ""
        };
        let v = raw.ok(&format!("{}/{id}/{site}", schema.path)).await;
        let now = match &v["data"][field.api_name] {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        assert!(now == value || now == "9.25", "{}: {now}", schema.path);
        done.push("update");
    }
    if schema.operations.delete {
        crud::delete(&client, schema, id)
            .await
            .unwrap_or_else(|e| panic!("{}: delete: {e}", schema.path));
        let err = crud::get::<R>(&client, schema, id).await.unwrap_err();
        assert!(err.to_string().contains("not found"), "{err}");
        done.push("delete");
    }
    done
}

#[tokio::test]
#[allow(deprecated)] // checklistsanswers
async fn every_built_in_area_round_trips() {
    let sb = common::sandbox().await;
    // checklistsanswers is read only (deprecated) and the demo seeds none: one answer.
    sb.with_db(|conn| {
        conn.execute(
            "INSERT INTO a_checklistsanswers (site, answer) VALUES (1, 'yes')",
            [],
        )
    })
    .await
    .unwrap()
    .unwrap();
    let mut covered = Vec::new();
    macro_rules! areas {
        ($($t:ty),* $(,)?) => {$(
            let ops = round_trip::<$t>(&sb).await;
            covered.push((<$t as RecordArea>::SCHEMA.path, ops));
        )*};
    }
    areas!(
        Site,
        Area,
        Line,
        Machine,
        Technology,
        ValueStream,
        DispatchType,
        Dispatch,
        Trade,
        Pitch,
        PitchDetail,
        Product,
        BuildSequence,
        ProductOrder,
        ScrapDetail,
        ScrapCategory,
        User,
        UserTime,
        Spare,
        Tooling,
        Checklist,
        DispatchStatus,
        DispatchNote,
        DispatchTechnician,
        DispatchAction,
        Reason,
        MachineGroup,
        Document,
        WorkOrder,
        WorkOrderCategory,
        EventSchedule,
        Technician,
        TechnicianArea,
        Warehouse,
        BinLocation,
        BillOfMaterials,
        Vendor,
        UnitOfMeasure,
        Part,
        UserSite,
        Contact,
        ResourceShift,
        Kaizen,
        KaizenCategory,
        ChecklistAnswer,
    );
    let paths: Vec<&str> = covered.iter().map(|(p, _)| *p).collect();
    for a in l2l_areas::AREAS {
        assert!(paths.contains(&a.path), "area {} is not covered", a.path);
    }
    for (path, ops) in &covered {
        let schema = l2l_areas::area(path).unwrap();
        assert_eq!(
            ops.len(),
            schema.operations.names().len(),
            "{path}: {ops:?}"
        );
    }
}

#[tokio::test]
async fn generated_methods_read_and_delete() {
    // The one-line generated calls on top of the same functions.
    let sb = common::sandbox().await;
    let c = sb.client();
    let machines = Machine::query(1)
        .code_gte("M-2")
        .order_by_desc(MachineField::Code)
        .all(&c)
        .await
        .unwrap();
    assert_eq!(
        machines.iter().map(|m| m.code.as_str()).collect::<Vec<_>>(),
        ["WLD-01", "M-200"]
    );
    let m = Machine::get(&c, machines[1].id).await.unwrap();
    assert_eq!(m.code, "M-200");
    let lines = Line::query(1)
        .enable_production_eq(true)
        .all(&c)
        .await
        .unwrap();
    assert_eq!(lines.len(), 3);
    let sites = Site::query().active_eq(true).all(&c).await.unwrap();
    assert_eq!(sites.len(), 5);
    let t = Tooling::query(1).all(&c).await.unwrap();
    Tooling::delete(&c, t[0].id).await.unwrap();
    assert!(Tooling::query(1).all(&c).await.unwrap().is_empty());
}
