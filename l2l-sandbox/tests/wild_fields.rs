//! Issue 21, item 2: the fields and filters that real integrations read and send beyond
//! L2L's docs (`wild-calls.md`), through the typed client against the sandbox. The action
//! endpoints are in `wild_endpoints.rs`.

mod common;

use common::wild::*;
use common::{Raw, column, ids, sandbox};
use l2l_areas::*;

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
    // d and the demo week's stops on WeldLine.
    let v = raw.ok("dispatches/?site=1&areacode=WELD").await;
    assert_eq!(ids(&v).last(), Some(&d.id));
    assert!(
        v["data"]
            .as_array()
            .unwrap()
            .iter()
            .all(|x| x["linecode"] == "WeldLine"),
        "{v}"
    );
    let v = raw.ok("dispatches/?site=1&areacode=ASSY").await;
    assert!(!ids(&v).contains(&d.id));
    // `dispatched`: set when a technician goes on it.
    let smith = technician(&c, "jsmith").await;
    DispatchTechnician::dispatch(&c, 1, d.id, smith.id)
        .await
        .unwrap();
    let v = raw
        .ok("dispatches/?site=1&dispatched__gte=2026-01-06T00:00:00")
        .await;
    assert_eq!(ids(&v), [d.id]);
    let v = raw
        .ok("dispatches/?site=1&dispatched__gte=2999-01-01 00:00:00")
        .await;
    assert!(ids(&v).is_empty());
    let typed = Dispatch::query(1)
        .dispatched_gte("2026-01-06 00:00:00".parse::<DateTime>().unwrap())
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
