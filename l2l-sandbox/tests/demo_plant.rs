//! The demo plant is a plant: every declared area holds records, every id field points at
//! an existing record, the week of history answers the README's questions, and the same
//! seed gives the same records.

mod common;

use std::collections::BTreeSet;

use l2l_core::FieldKind;

/// The area an integer field of a record refers to (the sandbox's own foreign keys, and
/// the names the areas give them).
fn target(field: &str) -> Option<&'static str> {
    Some(match field {
        "area" => "areas",
        "line" => "lines",
        "machine" | "defaultmachine" => "machines",
        "dispatchtype" | "dispatch_type" => "dispatchtypes",
        "dispatch" => "dispatches",
        "trade" => "trades",
        "product" | "actual_product" | "planned_product" => "productcomponents",
        "category" => "scrapcategory",
        "technology" => "technologies",
        "valuestream" => "valuestreams",
        "user" => "users",
        "product_order" => "productorders",
        "build_sequence" => "buildsequence",
        "pitch" => "pitches",
        "tooling" => "tooling",
        "document" => "document",
        "workordercategory" => "workordercategories",
        "technician" => "technicians",
        "warehouse" => "warehouses",
        "part" => "parts",
        "vendor" => "vendors",
        "unitofmeasure" => "unitsofmeasure",
        "checklist" => "checklists",
        "kaizencategory" => "kaizencategory",
        "currentstatus_dispatchstatus_id" => "dispatchstatuses",
        _ => return None,
    })
}

/// Integer fields that are not references.
const NOT_REFERENCES: &[&str] = &[
    "id",
    "site",
    "dispatchnumber",
    "cyclecount",
    "status",
    "number",
    "shift",
    "interval_days",
    "task_number",
    "table_row_number",
    "table_column_number",
];

#[tokio::test]
async fn every_declared_area_holds_records_linked_by_real_ids() {
    let sb = common::builder().start().await.unwrap();
    let all = common::dump(&sb).await;
    assert_eq!(all.len(), 45, "the declared areas");
    let empty: Vec<&String> = all
        .iter()
        .filter(|(_, v)| v.is_empty())
        .map(|(k, _)| k)
        .collect();
    assert!(empty.is_empty(), "areas without a record: {empty:?}");
    let ids =
        |area: &str| -> BTreeSet<String> { all[area].iter().map(|r| r["id"].clone()).collect() };
    let sites: BTreeSet<String> = all["sites"].iter().map(|r| r["site"].clone()).collect();
    let mut checked = 0;
    let mut dangling = Vec::new();
    for area in l2l_areas::AREAS {
        for f in area.fields {
            if f.kind != FieldKind::Integer || f.id {
                continue;
            }
            let to = target(f.api_name);
            assert!(
                to.is_some() || NOT_REFERENCES.contains(&f.api_name),
                "{}.{} is neither a reference nor a known number",
                area.path,
                f.api_name
            );
            for rec in &all[area.path] {
                let Some(v) = rec.get(f.api_name) else {
                    continue;
                };
                let known = match (f.api_name, to) {
                    ("site", _) => sites.contains(v),
                    (_, Some(to)) => ids(to).contains(v),
                    _ => continue,
                };
                checked += 1;
                if !known {
                    dangling.push(format!("{}.{} = {v}", area.path, f.api_name));
                }
            }
        }
    }
    assert!(dangling.is_empty(), "ids pointing at nothing: {dangling:?}");
    assert!(checked > 2000, "only {checked} references checked");
    // The week: hourly pitches on three lines for seven days, each with its detail.
    let week = |area: &str, field: &str| {
        all[area]
            .iter()
            .filter(|r| r.get(field).is_some_and(|d| d.as_str() < "2026-01-05"))
            .count()
    };
    assert_eq!(week("pitches", "pitch_start"), 7 * 3 * 8);
    assert_eq!(week("pitchdetails", "start"), 7 * 3 * 8);
    assert!(week("dispatches", "reported") >= 10);
    assert!(week("scrapdetail", "start") >= 50);
}

#[tokio::test]
async fn the_readme_questions_have_answers_worth_reading() {
    let sb = common::builder().start().await.unwrap();
    let (open, scrap, downtime) = sb
        .with_db(|c| {
            let rows = |sql: &str| -> Vec<(String, f64)> {
                let mut s = c.prepare(sql).unwrap();
                s.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
                    .unwrap()
                    .map(Result::unwrap)
                    .collect()
            };
            (
                rows("SELECT linecode, count(*) * 1.0 FROM a_dispatches WHERE open = 'T' GROUP BY linecode"),
                rows("SELECT p.code, sum(s.scrap) FROM a_scrapdetail s JOIN a_productcomponents p ON p.id = s.product GROUP BY p.code"),
                rows("SELECT linecode, sum(downtime) FROM a_dispatches GROUP BY linecode"),
            )
        })
        .await
        .unwrap();
    assert!(!open.is_empty(), "no open dispatch");
    assert_eq!(scrap.len(), 3, "scrap by product: {scrap:?}");
    assert!(scrap.iter().all(|(_, n)| *n > 10.0), "{scrap:?}");
    assert!(downtime.len() >= 3, "downtime by line: {downtime:?}");
    // Work orders carry external costs: spares charged to them.
    let raw = common::Raw::new(&sb);
    let v = raw.ok("spares/?site=1&workordernumber=WO-5003").await;
    let cost: f64 = v["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["cost"].as_str().unwrap().parse::<f64>().unwrap())
        .sum();
    assert_eq!(cost, 2100.0, "{v}");
}

#[tokio::test]
async fn the_same_seed_gives_the_same_plant() {
    let a = common::builder().start().await.unwrap();
    let b = common::builder().start().await.unwrap();
    let (a, b) = (common::dump(&a).await, common::dump(&b).await);
    let n: usize = a.values().map(Vec::len).sum();
    assert!(n > 600, "{n} records");
    assert_eq!(a, b);
}
