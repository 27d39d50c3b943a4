//! Issue 21, items 1 and 2: the action endpoints, fields and filters that real integrations
//! use beyond L2L's docs (`wild-calls.md`), through the typed client against the sandbox.

mod common;

use common::{Raw, column, ids, sandbox};
use l2l_areas::*;

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn t(s: &str) -> SiteTime {
    s.parse().unwrap()
}

async fn open(c: &Client, dtype: &str, machine: &str) -> Dispatch {
    Dispatch::open(c, &OpenDispatch::new(1, dtype, machine, "wild"))
        .await
        .unwrap()
}

async fn type_id(c: &Client, code: &str) -> i64 {
    DispatchType::query(1)
        .code_eq(code)
        .first(c)
        .await
        .unwrap()
        .unwrap()
        .id
}

async fn technician(c: &Client, login: &str) -> Technician {
    Technician::query(1)
        .loginid_eq(login)
        .first(c)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("no technician {login}"))
}

// ---- item 1: the endpoints ----

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
    let mut got: Vec<i64> = all.iter().map(|d| d.id).collect();
    got.sort();
    assert_eq!(got, [red.id, maint.id], "only the open ones: {all:?}");
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
    assert_eq!(
        by_machine.iter().map(|d| d.id).collect::<Vec<_>>(),
        [red.id]
    );

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
    assert_eq!(column(&v, "product_code"), ["PROD-B", "PROD-C"]);
    for key in [
        "id",
        "line_code",
        "product_code",
        "cycle_time_seconds",
        "operator_count",
        "max_quantity_per_pitch",
        "planning_rate",
    ] {
        assert!(v["data"][1].get(key).is_some(), "no {key}: {v}");
    }
    assert_eq!(v["data"][1]["cycle_time_seconds"], "12.50");
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
    let demands: Vec<_> = pitches.iter().map(|p| p.demand).collect();
    assert_eq!(demands, [Some(dec("60")), Some(dec("75")), Some(dec("75"))]);

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

// ---- item 2: fields and filters ----

// B44
#[tokio::test]
async fn machine_linecode_is_readable_and_filterable() {
    let sb = sandbox().await;
    let c = sb.client();
    let m = Machine::query(1)
        .code_eq("M-200")
        .first(&c)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(m.linecode.as_deref(), Some("Line2"));
    let on_line1 = Machine::query(1)
        .linecode_eq("Line1")
        .all(&c)
        .await
        .unwrap();
    let mut codes: Vec<_> = on_line1.iter().map(|m| m.code.as_str()).collect();
    codes.sort();
    assert_eq!(codes, ["M-100", "M-101"]);
    let raw = Raw::new(&sb);
    let v = raw
        .ok("machines/?site=1&code=WLD-01&fields=id,linecode")
        .await;
    assert_eq!(column(&v, "linecode"), ["WeldLine"]);
    // Written, it still moves the machine.
    let moved = Machine::update(&c, m.id, &MachinePatch::default().linecode("Line1"))
        .await
        .unwrap();
    assert_eq!(moved.linecode.as_deref(), Some("Line1"));
    let line1 = Line::query(1)
        .code_eq("Line1")
        .first(&c)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(moved.line, Some(line1.id));
    let new = NewMachine {
        site: 1,
        code: "M-NEW".into(),
        linecode: Some("WeldLine".into()),
        active: true,
        ..Default::default()
    };
    let created = Machine::create(&c, &new).await.unwrap();
    assert_eq!(created.linecode.as_deref(), Some("WeldLine"));
    let again = Machine::get(&c, m.id).await.unwrap();
    assert_eq!(again.linecode.as_deref(), Some("Line1"));
}

// B44
#[tokio::test]
async fn dispatch_area_and_its_filters() {
    let sb = sandbox().await;
    let c = sb.client();
    let d = open(&c, "Code Red", "WLD-01").await;
    let weld = Area::query(1)
        .code_eq("WELD")
        .first(&c)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(d.area, Some(weld.id));
    let raw = Raw::new(&sb);
    let v = raw.ok("dispatches/?site=1&areacode=WELD").await;
    assert_eq!(ids(&v), [d.id]);
    let v = raw.ok("dispatches/?site=1&areacode=ASSY").await;
    assert!(!ids(&v).contains(&d.id));
    // `dispatched`: set when a technician goes on it.
    let smith = technician(&c, "jsmith").await;
    DispatchTechnician::dispatch(&c, 1, d.id, smith.id)
        .await
        .unwrap();
    let v = raw
        .ok("dispatches/?site=1&dispatched__gte=2020-01-01T00:00:00")
        .await;
    assert_eq!(ids(&v), [d.id]);
    let v = raw
        .ok("dispatches/?site=1&dispatched__gte=2999-01-01 00:00:00")
        .await;
    assert!(ids(&v).is_empty());
    let typed = Dispatch::query(1)
        .dispatched_gte("2020-01-01 00:00:00".parse::<DateTime>().unwrap())
        .all(&c)
        .await
        .unwrap();
    assert_eq!(typed.len(), 1);
}

// B44
#[tokio::test]
async fn pitch_fields_and_filters() {
    let sb = sandbox().await;
    let c = sb.client();
    let pitches = Pitch::query(1)
        .active_eq(true)
        .shift_start_date_gte("2026-01-05".parse::<Date>().unwrap())
        .shift_start_date_lte("2026-01-05".parse::<Date>().unwrap())
        .order_by(PitchField::PitchStart)
        .all(&c)
        .await
        .unwrap();
    assert_eq!(pitches.len(), 3);
    let p = &pitches[1];
    assert_eq!(p.name.as_deref(), Some("07:00-08:00"));
    assert_eq!(p.active, Some(true));
    assert_eq!(p.nonproduction_minutes, Some(dec("15")));
    assert_eq!(p.downtime_minutes, Some(dec("0")));
    assert_eq!(p.earned_hours, Some(dec("0")));
    assert_eq!(p.operator_count, Some(dec("2")));
    assert!(p.actual_product.is_none());
    let raw = Raw::new(&sb);
    let window = raw
        .ok("pitches/?site=1&active=true&pitch_start__gt=2026-01-05 06:00:00&pitch_end__lte=2026-01-05 09:00:00")
        .await;
    assert_eq!(column(&window, "name"), ["07:00-08:00", "08:00-09:00"]);
    let window = raw
        .ok("pitches/?site=1&pitch_start__gte=2026-01-05 06:00:00&pitch_end__lt=2026-01-05 08:00:00")
        .await;
    // `__lt` leaves out the pitch ending at 08:00.
    assert_eq!(column(&window, "name"), ["06:00-07:00"]);
    let none = raw.ok("pitches/?site=1&active=false").await;
    assert!(ids(&none).is_empty());
    // Written through the API too.
    let id = pitches[0].id;
    Pitch::update(
        &c,
        id,
        &PitchPatch::default()
            .downtime_minutes(dec("4.5"))
            .earned_hours(dec("0.75")),
    )
    .await
    .unwrap();
    let p = Pitch::get(&c, id).await.unwrap();
    assert_eq!(
        (p.downtime_minutes, p.earned_hours),
        (Some(dec("4.5")), Some(dec("0.75")))
    );
}

// B44
#[tokio::test]
async fn checklist_fields() {
    let sb = sandbox().await;
    let c = sb.client();
    let list = Checklist::query(1).all(&c).await.unwrap();
    let ck = &list[0];
    assert!(
        ck.product_order.is_some() && ck.build_sequence.is_some(),
        "{ck:?}"
    );
    assert!(ck.lastupdatedby.is_some());
    let tasks = ck.tasks.as_ref().unwrap();
    assert_eq!(tasks[1]["table"]["rows"][0]["columns"][0]["text"], "bar");
    let answers = ck.answers.as_ref().unwrap();
    assert_eq!(answers[1]["answer"], "182");
    assert_eq!(answers[1]["control_limit_high"], "190");
    let order = ProductOrder::get(&c, ck.product_order.unwrap())
        .await
        .unwrap();
    assert_eq!(order.name.as_deref(), Some("ORDER-1"));
}

// B42, B44
#[tokio::test]
async fn technicianid_and_dispatchid_filters() {
    let sb = sandbox().await;
    let c = sb.client();
    let raw = Raw::new(&sb);
    let smith = technician(&c, "jsmith").await;
    let v = raw
        .ok(&format!("technicians/?site=1&technicianid={}", smith.id))
        .await;
    assert_eq!(ids(&v), [smith.id]);
    assert_eq!(column(&v, "loginid"), ["jsmith"]);
    let d1 = open(&c, "Code Red", "M-100").await;
    let d2 = open(&c, "Code Red", "M-200").await;
    let manager = technician(&c, "manager").await;
    DispatchTechnician::dispatch(&c, 1, d1.id, smith.id)
        .await
        .unwrap();
    let on2 = DispatchTechnician::dispatch(&c, 1, d2.id, manager.id)
        .await
        .unwrap();
    let v = raw
        .ok(&format!("dispatchtechnicians/?site=1&dispatchid={}", d2.id))
        .await;
    assert_eq!(ids(&v), [on2.id]);
    assert_eq!(v["data"][0]["user"], serde_json::json!(manager.user));
    assert!(manager.user.is_some());
    // Never written through the alias: `technicianid` on a create is not the record's id.
    let (_, v) = raw
        .send(
            "POST",
            "technicians/",
            &[("site", "1"), ("technicianid", "999"), ("active", "True")],
        )
        .await;
    assert_ne!(v["data"]["id"], 999, "{v}");
}

// B45
#[tokio::test]
async fn daily_summary_rows_carry_products_categories_and_breaks() {
    let sb = sandbox().await;
    let c = sb.client();
    for (product, start, end, qty) in [
        ("PROD-A", "2026-01-05 06:00:00", "2026-01-05 06:30:00", "20"),
        ("PROD-B", "2026-01-05 07:10:00", "2026-01-05 07:40:00", "10"),
    ] {
        PitchDetail::record_details(
            &c,
            &RecordDetails::new(
                1,
                "Line1",
                product,
                When::At(t(start)),
                When::At(t(end)),
                dec(qty),
            ),
        )
        .await
        .unwrap();
    }
    let q = SummaryQuery {
        site: 1,
        start: t("2026-01-05 00:00"),
        end: t("2026-01-05 23:59"),
        linecodes: vec!["Line1".into()],
        show_products: false,
        show_shifts: false,
    };
    let rows = LineSummary::daily(&c, &q).await.unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].nonproduction_minutes, Some(dec("15")));
    assert_eq!(rows[0].line_categories, ["ASSY"]);
    assert!(rows[0].products.is_empty());
    let rows = LineSummary::daily(
        &c,
        &SummaryQuery {
            show_products: true,
            ..q
        },
    )
    .await
    .unwrap();
    let products: Vec<_> = rows[0]
        .products
        .iter()
        .map(|p| (p.product.clone().unwrap(), p.actual))
        .collect();
    assert_eq!(
        products,
        [
            ("PROD-A".to_owned(), Some(dec("20"))),
            ("PROD-B".to_owned(), Some(dec("10")))
        ]
    );
}
