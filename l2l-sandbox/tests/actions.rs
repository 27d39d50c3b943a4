//! The action endpoints through the typed client of l2l-areas, with their effects.

mod common;

use common::{Raw, column, sandbox};
use l2l_areas::{
    AddDispatch, BuildSequence, ChangeOver, ClockIn, CycleCount, Decimal, Dispatch, EkanbanOrder,
    Error, EventDataQuery, LineSummary, Machine, OpenDispatch, PitchDetail, ProductOrder,
    RecordDetails, SiteOee, SiteTime, SummaryQuery, User, UtcTime, When,
};

fn t(s: &str) -> SiteTime {
    s.parse().unwrap()
}

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

#[tokio::test]
async fn dispatches_open_close_add_and_change() {
    let sb = sandbox().await;
    let c = sb.client();
    let d = Dispatch::open(
        &c,
        &OpenDispatch::new(1, "Code Red", "M-100", "Press jammed"),
    )
    .await
    .unwrap();
    assert_eq!(d.open.as_deref(), Some("T"));
    assert_eq!(d.machinecode.as_deref(), Some("M-100"));
    assert_eq!(d.dispatchtypecode.as_deref(), Some("Code Red"));
    assert_eq!(d.linecode.as_deref(), Some("Line1"));
    assert!(d.dispatchnumber.is_some() && d.completed.is_none());
    // The duplicate guard, with L2L's own message.
    match Dispatch::open(&c, &OpenDispatch::new(1, "Code Red", "M-100", "again")).await {
        Err(Error::Api { messages }) => {
            assert_eq!(
                messages,
                ["This Machine already has an open critical Dispatch."]
            )
        }
        other => panic!("{other:?}"),
    }
    let d = Dispatch::set_description(&c, 1, d.id, "Press jammed, die stuck")
        .await
        .unwrap();
    assert_eq!(d.description.as_deref(), Some("Press jammed, die stuck"));
    let d = Dispatch::change_status(&c, 1, d.id, -6).await.unwrap();
    assert_eq!(d.currentstatus_dispatchstatus_id, Some(-6));
    let closed = Dispatch::close(&c, 1, d.id).await.unwrap();
    assert_eq!(closed.open.as_deref(), Some("F"));
    assert!(closed.completed.is_some() && closed.downtime.is_some());
    // Once closed, a new one may be opened.
    let again = Dispatch::open(&c, &OpenDispatch::new(1, "Code Red", "M-100", "again"))
        .await
        .unwrap();
    assert!(again.dispatchnumber > closed.dispatchnumber);
    let done = Dispatch::complete(&c, 1, again.id).await.unwrap();
    assert_eq!(done.open.as_deref(), Some("F"));
    // A dispatch that is already over.
    let added = Dispatch::add(
        &c,
        &AddDispatch {
            site: 1,
            dispatch_type: "Maintenance".into(),
            machine: "WLD-01".into(),
            description: "Changed tips".into(),
            reported: t("2026-01-05 08:00"),
            completed: t("2026-01-05 08:30"),
            trade: Some("Mechanic".into()),
            retry: false,
        },
    )
    .await
    .unwrap();
    assert_eq!(added.open.as_deref(), Some("F"));
    assert_eq!(added.downtime, Some(dec("30")));
    let types = Raw::new(&sb).ok("dispatchtypes/?site=1&code=Quality").await;
    let quality = types["data"][0]["id"].as_i64().unwrap();
    let changed = Dispatch::change_type(&c, 1, added.id, quality)
        .await
        .unwrap();
    assert_eq!(changed.dispatchtypecode.as_deref(), Some("Quality"));
    // Errors name what is wrong.
    let err = Dispatch::open(&c, &OpenDispatch::new(1, "Code Red", "NOPE", "x"))
        .await
        .unwrap_err();
    assert!(err.to_string().contains("NOPE"), "{err}");
    let err = Dispatch::close(&c, 1, 999_999).await.unwrap_err();
    assert!(err.to_string().contains("not found"), "{err}");
}

#[tokio::test]
async fn event_data_is_a_watermarked_feed() {
    let sb = sandbox().await;
    let c = sb.client();
    let raw = Raw::new(&sb);
    let a = Dispatch::open(&c, &OpenDispatch::new(1, "Code Red", "M-100", "a"))
        .await
        .unwrap();
    let b = Dispatch::open(&c, &OpenDispatch::new(1, "Quality", "M-200", "b"))
        .await
        .unwrap();
    let q = EventDataQuery {
        site: 1,
        lastupdated: Some("2000-01-01 00:00:00".parse::<UtcTime>().unwrap()),
        ..EventDataQuery::default()
    };
    let feed = Dispatch::get_event_data(&c, &q).await.unwrap();
    // The demo's own dispatches (its morning's 1001 first, then its week) come first.
    let ids: Vec<i64> = feed.data.iter().map(|d| d.id).collect();
    assert_eq!(ids[ids.len() - 2..], [a.id, b.id]);
    assert_eq!(feed.data[0].dispatchnumber, Some(1001));
    assert!(feed.data[1].dispatchnumber < Some(1001));
    assert!(feed.max_lastupdated.is_some());
    // Passing max_lastupdated back verbatim gives only what changed since.
    let first = raw
        .ok("dispatches/get_event_data/?site=1&lastupdated=2000-01-01%2000:00:00")
        .await;
    let mark = first["max_lastupdated"].as_str().unwrap().to_owned();
    let enc = mark.replace(' ', "%20");
    let none = raw
        .ok(&format!(
            "dispatches/get_event_data/?site=1&lastupdated={enc}"
        ))
        .await;
    assert_eq!(none["data"], serde_json::json!([]));
    Dispatch::close(&c, 1, a.id).await.unwrap();
    let next = raw
        .ok(&format!(
            "dispatches/get_event_data/?site=1&lastupdated={enc}"
        ))
        .await;
    assert_eq!(common::ids(&next), [a.id]);
    // Filters of the feed.
    let only_open = raw
        .ok("dispatches/get_event_data/?site=1&lastupdated=2000-01-01&open=True")
        .await;
    // Besides b, only the demo week's open andon calls.
    let opened: Vec<i64> = common::ids(&only_open);
    assert_eq!(opened.last(), Some(&b.id));
    assert!(!opened.contains(&a.id));
    assert!(
        only_open["data"].as_array().unwrap()[..opened.len() - 1]
            .iter()
            .all(|d| d["dispatchtypecode"] == "Andon" && d["open"] == "T"),
        "{only_open}"
    );
    let one = raw
        .ok(&format!(
            "dispatches/get_event_data/?site=1&dispatch_id={}",
            a.id
        ))
        .await;
    assert_eq!(common::ids(&one), [a.id]);
    let e = raw.refused("dispatches/get_event_data/?site=1").await;
    assert!(e.contains("lastupdated"), "{e}");
}

#[tokio::test]
async fn cycle_counts_change_the_machine() {
    let sb = sandbox().await;
    let c = sb.client();
    let r = Machine::set_cycle_count(&c, &CycleCount::new(1, "M-101", 100))
        .await
        .unwrap();
    let m = r.machine.unwrap();
    assert_eq!(m.cyclecount, Some(100));
    let r = Machine::increment_cycle_count(&c, &CycleCount::new(1, m.id, 5))
        .await
        .unwrap();
    assert_eq!(r.machine.as_ref().unwrap().cyclecount, Some(105));
    let before = r.machine.unwrap().lastupdated;
    let quiet = CycleCount {
        skip_lastupdated: true,
        ..CycleCount::new(1, "M-101", 1)
    };
    let r = Machine::increment_cycle_count(&c, &quiet).await.unwrap();
    let m = r.machine.unwrap();
    assert_eq!((m.cyclecount, m.lastupdated), (Some(106), before));
    let err = Machine::set_cycle_count(&c, &CycleCount::new(1, "M-999", 1))
        .await
        .unwrap_err();
    assert!(err.to_string().contains("M-999"), "{err}");
}

#[tokio::test]
async fn record_details_and_the_daily_summary() {
    let sb = sandbox().await;
    let c = sb.client();
    let raw = Raw::new(&sb);
    let product = "testproduct-1767225600";
    assert_eq!(
        column(
            &raw.ok(&format!("productcomponents/?site=1&code={product}"))
                .await,
            "code"
        )
        .len(),
        0
    );
    let d = PitchDetail::record_details(
        &c,
        &RecordDetails {
            scrap: dec("1"),
            operator_count: dec("2"),
            ..RecordDetails::new(
                1,
                "Line1",
                product,
                When::At(t("2026-03-02 08:00")),
                When::At(t("2026-03-02 08:05")),
                dec("10"),
            )
        },
    )
    .await
    .unwrap();
    assert_eq!((d.actual, d.scrap), (dec("10"), dec("1")));
    assert!(d.pitch.is_some());
    // The unknown product was created.
    assert_eq!(
        column(
            &raw.ok(&format!("productcomponents/?site=1&code={product}"))
                .await,
            "code"
        ),
        [product]
    );
    PitchDetail::record_details(
        &c,
        &RecordDetails::new(
            1,
            "Line1",
            "PROD-B",
            When::At(t("2026-03-02 08:05")),
            When::At(t("2026-03-02 08:10")),
            dec("5"),
        ),
    )
    .await
    .unwrap();
    // The docs' 1-second pitch: start = end = now.
    PitchDetail::record_details(
        &c,
        &RecordDetails::new(1, "Line2", "PROD-A", When::Now, When::Now, dec("1")),
    )
    .await
    .unwrap();
    let pitch = raw.ok(&format!("pitches/{}/", d.pitch.unwrap())).await;
    assert_eq!(pitch["data"]["actual"], "15.00");
    let q = SummaryQuery {
        site: 1,
        start: t("2026-03-02 00:00"),
        end: t("2026-03-02 23:59"),
        linecodes: vec!["Line1".into()],
        show_products: false,
        show_shifts: false,
    };
    let rows = LineSummary::daily(&c, &q).await.unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].line.as_deref(), Some("Line1"));
    assert_eq!(
        (rows[0].actual, rows[0].scrap, rows[0].pitch_count),
        (Some(dec("15")), Some(dec("1")), Some(1))
    );
    let by_product = LineSummary::daily(
        &c,
        &SummaryQuery {
            show_products: true,
            ..q.clone()
        },
    )
    .await
    .unwrap();
    let mut per: Vec<(String, Decimal)> = by_product
        .iter()
        .map(|r| (r.product.clone().unwrap(), r.actual.unwrap()))
        .collect();
    per.sort();
    assert_eq!(
        per,
        [
            ("PROD-B".to_owned(), dec("5")),
            (product.to_owned(), dec("10"))
        ]
    );
    let weekly = LineSummary::weekly(&c, 1, "2026-03-04".parse().unwrap())
        .await
        .unwrap();
    let line1 = weekly
        .iter()
        .find(|r| r.line.as_deref() == Some("Line1"))
        .unwrap();
    assert_eq!(line1.actual, Some(dec("15")));
    let oee = SiteOee::fetch(&c, 1, t("2026-03-02 00:00"), t("2026-03-02 23:59"))
        .await
        .unwrap();
    assert_eq!(
        (oee[0].actual, oee[0].scrap),
        (Some(dec("15")), Some(dec("1")))
    );
    // Bad input.
    let e = raw.refused("pitchdetails/record_details/?site=1&linecode=Line1&productcode=P&start=2026-01-02%2010:00&end=2026-01-02%2009:00").await;
    assert!(e.contains("before"), "{e}");
    let e = raw
        .refused(
            "pitchdetails/record_details/?site=1&linecode=Nope&productcode=P&start=now&end=now",
        )
        .await;
    assert!(e.contains("Nope"), "{e}");
}

#[tokio::test]
async fn clocking_in_and_out_makes_user_times() {
    let sb = sandbox().await;
    let c = sb.client();
    let raw = Raw::new(&sb);
    let jsmith = raw.ok("users/?loginid=jsmith").await["data"][0]["id"]
        .as_i64()
        .unwrap();
    User::clock_in(&c, "jsmith", &ClockIn::now(1, "Line1"))
        .await
        .unwrap();
    let open = raw
        .ok(&format!("usertimes/?site=1&user={jsmith}&end__isnull=True"))
        .await;
    assert_eq!(open["data"].as_array().unwrap().len(), 1);
    User::clock_out(&c, "jsmith", 1, None).await.unwrap();
    let open = raw
        .ok(&format!("usertimes/?site=1&user={jsmith}&end__isnull=True"))
        .await;
    assert_eq!(open["data"].as_array().unwrap().len(), 0);
    // Backdated.
    User::clock_in(
        &c,
        "operator",
        &ClockIn::backdated(1, "Line2", t("2026-02-01 06:00"), t("2026-02-01 14:30")),
    )
    .await
    .unwrap();
    let v = raw.ok("usertimes/?site=1&start=2026-02-01T06:00:00").await;
    assert_eq!(v["data"][0]["end"], "2026-02-01 14:30:00.000");
    // By badge, and L2L's own message for an unknown badge.
    User::clock_in_by_externalid(&c, "BADGE-1001", &ClockIn::now(1, "WeldLine"))
        .await
        .unwrap();
    let v = raw
        .ok(&format!("usertimes/?site=1&user={jsmith}&end__isnull=True"))
        .await;
    assert_eq!(v["data"].as_array().unwrap().len(), 1);
    let err = User::clock_in_by_externalid(&c, "test", &ClockIn::now(1, "Line1"))
        .await
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("Unable to find user for externalid: test"),
        "{err}"
    );
    User::set_externalid(&c, "operator", 1, "BADGE-2000")
        .await
        .unwrap();
    assert_eq!(
        raw.ok("users/?externalid=BADGE-2000").await["data"][0]["loginid"],
        "operator"
    );
    let err = User::set_externalid(&c, "jsmith", 1, "BADGE-2000")
        .await
        .unwrap_err();
    assert!(err.to_string().contains("another user"), "{err}");
}

#[tokio::test]
async fn build_sequence_change_overs_and_ekanban_orders() {
    let sb = sandbox().await;
    let c = sb.client();
    let current = BuildSequence::get_current_order_on_line(&c, 1, "Line1")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(current.status, 3);
    assert!(
        BuildSequence::get_current_order_on_line(&c, 1, "Line2")
            .await
            .unwrap()
            .is_none()
    );
    let change = ChangeOver {
        site: 1,
        line: "Line1".into(),
        product: Some("PROD-B".into()),
        build_sequence: None,
    };
    let next = BuildSequence::start_change_over(&c, &change)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(next.status, 4);
    assert_ne!(next.id, current.id);
    let running = BuildSequence::finish_change_over(
        &c,
        &ChangeOver {
            product: None,
            ..change
        },
    )
    .await
    .unwrap()
    .unwrap();
    assert_eq!((running.id, running.status), (next.id, 3));
    let now = BuildSequence::get_current_order_on_line(&c, 1, "Line1")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(now.id, next.id);
    let old = Raw::new(&sb)
        .ok(&format!("buildsequence/{}/", current.id))
        .await;
    assert_eq!(old["data"]["status"], 5);
    let order = EkanbanOrder {
        site: 1,
        productcode: "PROD-C".into(),
        name: "WO-77".into(),
        order_quantity: dec("1200"),
        card_size: dec("100"),
        externalid: Some("ERP-77".into()),
    };
    let a = ProductOrder::sync_ekanban_order(&c, &order).await.unwrap();
    let b = ProductOrder::sync_ekanban_order(
        &c,
        &EkanbanOrder {
            order_quantity: dec("1500"),
            ..order
        },
    )
    .await
    .unwrap();
    assert_eq!(a.id, b.id, "the same externalid updates the order");
    assert_eq!(b.order_quantity, Some(dec("1500")));
}
