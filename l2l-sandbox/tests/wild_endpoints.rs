//! Issue 21, item 1: the action endpoints that real integrations call beyond L2L's docs
//! (`wild-calls.md`), through the typed client against the sandbox. Their fields and
//! filters are in `wild_fields.rs`.

mod common;

use common::wild::*;
use common::{Raw, column, ids, sandbox};
use l2l_areas::*;

// ---- item 1: the endpoints ----

/// The ids of the dispatches opened by a test, not the demo week's (numbered below 1001).
fn new(dispatches: &[Dispatch]) -> Vec<i64> {
    dispatches
        .iter()
        .filter(|d| d.dispatchnumber > Some(1001))
        .map(|d| d.id)
        .collect()
}

// B39
#[tokio::test]
async fn get_open_dispatches_lists_only_open_ones_by_machine_and_type() {
    let sb = sandbox().await;
    let c = sb.client();
    let red = open(&c, "Code Red", "M-100").await;
    let maint = open(&c, "Maintenance", "M-101").await;
    let closed = open(&c, "Quality", "M-100").await;
    Dispatch::close(&c, 1, closed.id).await.unwrap();
    let all = Machine::get_open_dispatches(
        &c,
        &OpenDispatches {
            site: 1,
            ..Default::default()
        },
    )
    .await
    .unwrap();
    // Besides the demo week's open andon calls (numbered below 1001).
    let mut got: Vec<i64> = new(&all);
    got.sort();
    assert_eq!(got, [red.id, maint.id], "only the open ones: {all:?}");
    assert!(all.len() > 2);
    assert!(all.iter().all(|d| d.open.as_deref() == Some("T")));

    let by_machine = Machine::get_open_dispatches(
        &c,
        &OpenDispatches {
            site: 1,
            machine: Some(red.machine),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(new(&by_machine), [red.id]);
    assert!(by_machine.iter().all(|d| d.machine == red.machine));

    let maintenance = type_id(&c, "Maintenance").await;
    let quality = type_id(&c, "Quality").await;
    let by_type = Machine::get_open_dispatches(
        &c,
        &OpenDispatches {
            site: 1,
            dispatchtype_ids: vec![maintenance, quality],
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(by_type.iter().map(|d| d.id).collect::<Vec<_>>(), [maint.id]);
    assert!(
        by_type
            .iter()
            .all(|d| d.dispatchtypecode.as_deref() != Some("Andon"))
    );

    let one = Machine::get_open_dispatches(
        &c,
        &OpenDispatches {
            site: 1,
            limit: Some(1),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(one.len(), 1);

    // As integrations send it: machine id in the path, no trailing slash, `OPEN=T`.
    let raw = Raw::new(&sb);
    let red_type = type_id(&c, "Code Red").await;
    let v = raw
        .ok(&format!(
            "machines/get_open_dispatches/{}?site=1&limit=10&OPEN=T&dispatchtype_ids={red_type},{maintenance}",
            red.machine
        ))
        .await;
    assert_eq!(ids(&v), [red.id]);
    let err = raw
        .refused("machines/get_open_dispatches/?site=1&dispatchtype_ids=622,x")
        .await;
    assert!(err.contains("dispatchtype_ids"), "{err}");
}

// B40
#[tokio::test]
async fn a_cycle_time_added_is_read_back_in_the_shape_code_reads() {
    let sb = sandbox().await;
    let c = sb.client();
    let mut a = SetCycleTime::new(1, "Line2", "PROD-B", dec("30"));
    a.operator_count = Some(dec("3"));
    a.planning_rate_percentage = Some(dec("90"));
    a.max_parts = Some(dec("100"));
    let added = Line::add_update_cycle_time(&c, &a).await.unwrap();
    let id = added.id.expect("a stored cycle time has an id");
    let times = Line::get_cycle_times(&c, 1, "Line2", Some("PROD-B"))
        .await
        .unwrap();
    assert_eq!(times.len(), 1, "{times:?}");
    let ct = &times[0];
    assert_eq!(ct.id, Some(id));
    assert_eq!(ct.line_code.as_deref(), Some("Line2"));
    assert_eq!(ct.product_code.as_deref(), Some("PROD-B"));
    assert_eq!(ct.cycle_time_seconds, Some(dec("30")));
    assert_eq!(ct.operator_count, Some(dec("3")));
    assert_eq!(ct.max_quantity_per_pitch, Some(dec("100")));
    assert_eq!(ct.planning_rate, Some(dec("90")));

    // Updating keeps the id and the values not sent.
    let updated =
        Line::add_update_cycle_time(&c, &SetCycleTime::new(1, "Line2", "PROD-B", dec("25")))
            .await
            .unwrap();
    assert_eq!(updated.id, Some(id));
    assert_eq!(updated.cycle_time_seconds, Some(dec("25")));
    assert_eq!(updated.operator_count, Some(dec("3")));

    // The raw keys, as a hand-written client posts and reads them.
    let raw = Raw::new(&sb);
    let v = raw
        .post(
            "lines/add_update_cycle_time/",
            &[
                ("site", "1"),
                ("line_code", "Line2"),
                ("product_code", "PROD-C"),
                ("cycle_time_seconds", "12.5"),
                ("operator_count", "1"),
                ("planning_rate_percentage", "85"),
            ],
        )
        .await;
    assert_eq!(v["success"], true, "{v}");
    let v = raw
        .ok("lines/get_cycle_times/?site=1&line_code=Line2")
        .await;
    // PROD-A from the demo week's pitch details, PROD-B and PROD-C as set.
    assert_eq!(column(&v, "product_code"), ["PROD-A", "PROD-B", "PROD-C"]);
    assert_eq!(v["data"][0]["id"], serde_json::Value::Null);
    for key in [
        "id",
        "line_code",
        "product_code",
        "cycle_time_seconds",
        "operator_count",
        "max_quantity_per_pitch",
        "planning_rate",
    ] {
        assert!(v["data"][2].get(key).is_some(), "no {key}: {v}");
    }
    assert_eq!(v["data"][2]["cycle_time_seconds"], "12.50");
    // The seeded one.
    let seeded = Line::get_cycle_times(&c, 1, "Line1", Some("PROD-A"))
        .await
        .unwrap();
    assert_eq!(seeded[0].cycle_time_seconds, Some(dec("45")));
    let err = Line::add_update_cycle_time(&c, &SetCycleTime::new(1, "Line2", "NOPE", dec("1")))
        .await
        .unwrap_err();
    assert!(err.to_string().contains("NOPE"), "{err}");
}

// B41
#[tokio::test]
async fn set_demand_changes_the_pitches_in_the_window() {
    let sb = sandbox().await;
    let c = sb.client();
    let raw = Raw::new(&sb);
    // As the pitch-demand tool sends it: times not zero-padded.
    let v = raw
        .post(
            "pitches/set_demand/?site=1",
            &[
                ("site", "1"),
                ("linecode", "Line1"),
                ("start", "2026-1-5 6:30"),
                ("end", "2026-1-5 8:30"),
                ("demand", "75"),
            ],
        )
        .await;
    assert_eq!(v["success"], true, "{v}");
    assert_eq!(column(&v, "name"), ["07:00-08:00", "08:00-09:00"]);
    let pitches = Pitch::query(1)
        .order_by(PitchField::PitchStart)
        .all(&c)
        .await
        .unwrap();
    // The morning's three pitches come last, after the demo week's.
    let demands: Vec<_> = pitches.iter().map(|p| p.demand).collect();
    assert_eq!(
        demands[demands.len() - 3..],
        [Some(dec("60")), Some(dec("75")), Some(dec("75"))]
    );

    let changed = Pitch::set_demand(
        &c,
        &SetDemand {
            site: 1,
            linecode: "Line1".into(),
            start: t("2026-01-05 06:00"),
            end: t("2026-01-05 07:00"),
            demand: dec("50"),
        },
    )
    .await
    .unwrap();
    assert_eq!(changed.len(), 1);
    assert_eq!(changed[0].demand, Some(dec("50")));
    let err = raw
        .post(
            "pitches/set_demand/?site=1",
            &[
                ("site", "1"),
                ("linecode", "Line1"),
                ("start", "2026-1-5 9:00"),
                ("end", "2026-1-5 8:00"),
                ("demand", "1"),
            ],
        )
        .await;
    assert_eq!(err["success"], false, "{err}");
}

// B42
#[tokio::test]
async fn a_technician_put_on_a_dispatch_and_taken_off() {
    let sb = sandbox().await;
    let c = sb.client();
    let raw = Raw::new(&sb);
    let d = open(&c, "Code Red", "M-100").await;
    let smith = technician(&c, "jsmith").await;
    let on = DispatchTechnician::dispatch(&c, 1, d.id, smith.id)
        .await
        .unwrap();
    assert_eq!((on.dispatch, on.technician), (d.id, smith.id));
    assert_eq!(on.loginid.as_deref(), Some("jsmith"));
    assert_eq!(on.user, smith.user);
    assert!(on.start.is_some() && on.end.is_none());
    let err = DispatchTechnician::dispatch(&c, 1, d.id, smith.id)
        .await
        .unwrap_err();
    assert!(
        err.to_string().contains("technician already dispatched"),
        "{err}"
    );

    // Seen in the records, by `dispatchid` as integrations filter them.
    let v = raw
        .ok(&format!("dispatchtechnicians/?site=1&dispatchid={}", d.id))
        .await;
    assert_eq!(ids(&v), [on.id]);
    assert_eq!(v["data"][0]["user"], serde_json::json!(smith.user));
    let after = Dispatch::get(&c, d.id).await.unwrap();
    assert!(after.dispatched.is_some(), "{after:?}");

    // And in the current dispatched resources.
    let rows = Dispatch::current_dispatched_resources(&c, 1).await.unwrap();
    let row = rows
        .iter()
        .find(|r| r.id == Some(d.id))
        .expect("the dispatch");
    assert_eq!(row.dispatchnumber, d.dispatchnumber);
    assert!(row.lastupdated.is_some());
    assert_eq!(row.resources.len(), 1);
    assert_eq!(row.resources[0].id, smith.id);
    assert_eq!(row.resources[0].loginid.as_deref(), Some("jsmith"));
    assert_eq!(row.resources[0].fullname.as_deref(), Some("John Smith"));

    let done = DispatchTechnician::complete(&c, 1, on.id).await.unwrap();
    assert!(done.end.is_some());
    let rows = Dispatch::current_dispatched_resources(&c, 1).await.unwrap();
    assert!(rows.iter().all(|r| r.id != Some(d.id)), "{rows:?}");
    let err = DispatchTechnician::complete(&c, 1, on.id)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("already"), "{err}");
    // Off the dispatch, the technician can be put on it again.
    DispatchTechnician::dispatch(&c, 1, d.id, smith.id)
        .await
        .unwrap();
}

// B43
#[tokio::test]
async fn documents_listed_by_category_and_described() {
    let sb = sandbox().await;
    let c = sb.client();
    let wi = Document::list_bycategory(&c, 1, "Work Instructions")
        .await
        .unwrap();
    let names: Vec<_> = wi.iter().map(|d| d.name.clone().unwrap()).collect();
    assert_eq!(names, ["Press changeover", "Welder start-up"]);
    assert!(wi.iter().all(|d| d.title == d.name));
    let safety = Document::list_bycategory(&c, 1, "Safety").await.unwrap();
    assert_eq!(safety.len(), 1);
    let info = Document::viewinfo(&c, 1, safety[0].id).await.unwrap();
    assert_eq!(info.name.as_deref(), Some("Lockout tagout"));
    assert_eq!(
        info.url.as_deref(),
        Some("https://documents.example.com/SAF-1.pdf")
    );
    let raw = Raw::new(&sb);
    let v = raw
        .ok("documents/list_bycategory/?site=1&category=Safety&params_use_codes=0")
        .await;
    assert_eq!(column(&v, "title"), ["Lockout tagout"]);
    let err = raw.refused("documents/viewinfo/9999/?site=1").await;
    assert!(err.contains("9999"), "{err}");
}
