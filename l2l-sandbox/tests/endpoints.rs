//! Issue 14: the nine endpoints added to the typed client, each through l2l-areas against
//! the sandbox, with its effect checked by reading the data back.

mod common;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::{Raw, sandbox};
use l2l_areas::{
    AddScrapDetail, Decimal, Dispatch, DispatchStatus, DispatchTechnician, Error, EventDataQuery,
    ExternalCost, Line, NewDispatchTechnician, NewTechnician, NewWorkOrder, OpenDispatch,
    PitchDetail, RecordDetails, ScrapDetail, Site, Technician, When, WorkOrder,
};

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

async fn technician(c: &l2l_areas::Client, loginid: &str) -> Technician {
    Technician::create(
        c,
        &NewTechnician {
            site: 1,
            loginid: Some(loginid.into()),
            fullname: Some(format!("{loginid} full name")),
            available: Some(true),
            active: true,
            ..Default::default()
        },
    )
    .await
    .unwrap()
}

// B-new: dispatches/delete/<id> removes the dispatch; the feed reports the deletion.
#[tokio::test]
async fn deleted_dispatch_is_gone() {
    let sb = sandbox().await;
    let c = sb.client();
    let d = Dispatch::open(&c, &OpenDispatch::new(1, "Code Red", "M-100", "to delete"))
        .await
        .unwrap();
    let before = d.lastupdated.unwrap();
    Dispatch::delete_action(&c, 1, d.id).await.unwrap();
    let err = Dispatch::get(&c, d.id).await.unwrap_err();
    assert!(err.to_string().contains("not found"), "{err}");
    let all = Dispatch::query(1).all(&c).await.unwrap();
    assert!(all.iter().all(|x| x.id != d.id));
    // A second delete says what is wrong.
    let again = Dispatch::delete_action(&c, 1, d.id).await.unwrap_err();
    assert!(
        again
            .to_string()
            .contains(&format!("dispatch {} not found", d.id)),
        "{again}"
    );
    // get_event_data reports it only when asked for deletions.
    let q = EventDataQuery {
        site: 1,
        lastupdated: Some(l2l_areas::UtcTime(before.0)),
        ..Default::default()
    };
    let plain = Dispatch::get_event_data(&c, &q).await.unwrap();
    assert!(plain.data.iter().all(|e| e.dispatch.id != d.id));
    let with = Dispatch::get_event_data(
        &c,
        &EventDataQuery {
            deleted: Some(true),
            ..q
        },
    )
    .await
    .unwrap();
    let gone = with.data.iter().find(|e| e.dispatch.id == d.id).unwrap();
    assert!(gone.deleted);
    assert_eq!(gone.dispatch.description.as_deref(), Some("to delete"));
}

#[tokio::test]
async fn current_dispatched_resources_lists_who_is_on_open_dispatches() {
    let sb = sandbox().await;
    let c = sb.client();
    let t = technician(&c, "mech1").await;
    let open = Dispatch::open(&c, &OpenDispatch::new(1, "Code Red", "M-100", "leak"))
        .await
        .unwrap();
    let closed = Dispatch::open(&c, &OpenDispatch::new(1, "Code Red", "M-200", "noise"))
        .await
        .unwrap();
    for d in [&open, &closed] {
        DispatchTechnician::create(
            &c,
            &NewDispatchTechnician {
                site: 1,
                dispatch: d.id,
                technician: t.id,
                loginid: Some("mech1".into()),
                fullname: Some("mech1 full name".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    }
    Dispatch::close(&c, 1, closed.id).await.unwrap();
    let rows = Dispatch::current_dispatched_resources(&c, 1).await.unwrap();
    // The demo week's open andon calls are numbered below its morning's 1001.
    let (week, rows): (Vec<_>, Vec<_>) = rows
        .into_iter()
        .partition(|r| r.dispatchnumber < Some(1001));
    assert!(!week.is_empty());
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0].dispatchnumber, open.dispatchnumber);
    assert_eq!(rows[0].resources.len(), 1);
    assert_eq!(rows[0].resources[0].id, t.id);
    assert_eq!(rows[0].resources[0].loginid.as_deref(), Some("mech1"));
}

#[tokio::test]
async fn data_export_polls_the_job_until_done() {
    let sb = sandbox().await;
    let c = sb.client();
    Dispatch::open(&c, &OpenDispatch::new(1, "Code Red", "M-100", "exported"))
        .await
        .unwrap();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    let records = Dispatch::data_export(1)
        .backoff(Duration::from_millis(1), Duration::from_millis(4))
        .on_progress(move |job| {
            log.lock()
                .unwrap()
                .push((job.status.clone(), job.progress.unwrap_or(-1.0)))
        })
        .run(&c)
        .await
        .unwrap();
    let all = Dispatch::query(1).all(&c).await.unwrap();
    let mut got: Vec<i64> = records.iter().map(|d| d.id).collect();
    let mut want: Vec<i64> = all.iter().map(|d| d.id).collect();
    got.sort();
    want.sort();
    assert_eq!(got, want);
    assert!(
        records
            .iter()
            .any(|d| d.description.as_deref() == Some("exported"))
    );
    let seen = seen.lock().unwrap().clone();
    let statuses: Vec<&str> = seen.iter().map(|(s, _)| s.as_str()).collect();
    assert_eq!(statuses, ["running", "running", "complete"]);
    assert!(seen.windows(2).all(|w| w[0].1 < w[1].1), "{seen:?}");
    // The job is also reachable by id, and an unknown job is a clear error.
    let err = Site::asyncjob_status(&c, 1, "999").await.unwrap_err();
    assert!(err.to_string().contains("no asynchronous job 999"), "{err}");
}

#[tokio::test]
async fn data_export_since_a_watermark_returns_only_later_changes() {
    let sb = sandbox().await;
    let c = sb.client();
    let d = Dispatch::open(&c, &OpenDispatch::new(1, "Code Red", "M-100", "old"))
        .await
        .unwrap();
    // The watermark as integrations keep it: get_event_data's `max_lastupdated`.
    let q = EventDataQuery {
        site: 1,
        dispatch_id: Some(d.id),
        ..Default::default()
    };
    let mark = Dispatch::get_event_data(&c, &q)
        .await
        .unwrap()
        .max_lastupdated
        .unwrap();
    let newer = Dispatch::open(&c, &OpenDispatch::new(1, "Code Red", "M-200", "new"))
        .await
        .unwrap();
    let got = Dispatch::data_export(1)
        .lastupdated_since(mark)
        .backoff(Duration::from_millis(1), Duration::from_millis(1))
        .run(&c)
        .await
        .unwrap();
    assert_eq!(got.iter().map(|d| d.id).collect::<Vec<_>>(), [newer.id]);
}

#[tokio::test]
async fn system_statuses_and_change_status() {
    let sb = sandbox().await;
    let c = sb.client();
    let statuses = DispatchStatus::get_system_statuses(&c, 1).await.unwrap();
    let complete = statuses.iter().find(|s| s.id == -6).unwrap();
    assert_eq!(complete.system, Some(true));
    let d = Dispatch::open(&c, &OpenDispatch::new(1, "Code Red", "M-100", "x"))
        .await
        .unwrap();
    let d = Dispatch::change_status(&c, 1, d.id, -6).await.unwrap();
    assert_eq!(
        d.currentstatus_description.as_deref(),
        complete.description.as_deref()
    );
}

#[tokio::test]
async fn added_scrap_detail_is_listed() {
    let sb = sandbox().await;
    let c = sb.client();
    let before = ScrapDetail::query(1).all(&c).await.unwrap();
    let d = ScrapDetail::add_scrap_detail(
        &c,
        &AddScrapDetail {
            site: 1,
            linecode: "Line2".into(),
            scrapcategory: "Scratch".into(),
            scrap: dec("3"),
            scrap_datetime: Some("2026-02-01 10:30:00".parse().unwrap()),
            retry: false,
        },
    )
    .await
    .unwrap();
    let after = ScrapDetail::query(1).all(&c).await.unwrap();
    assert_eq!(after.len(), before.len() + 1);
    let listed = after.iter().find(|s| s.id == d.id).unwrap();
    assert_eq!(listed.scrap, dec("3"));
    assert_eq!(listed.start, "2026-02-01 10:30:00".parse().unwrap());
    let raw = Raw::new(&sb).ok("scrapcategory/?site=1&code=Scratch").await;
    assert_eq!(Some(listed.category), raw["data"][0]["id"].as_i64());
    // An unknown category is refused, naming it.
    let err = ScrapDetail::add_scrap_detail(
        &c,
        &AddScrapDetail {
            site: 1,
            linecode: "Line2".into(),
            scrapcategory: "Nope".into(),
            scrap: dec("1"),
            scrap_datetime: None,
            retry: false,
        },
    )
    .await
    .unwrap_err();
    assert!(err.to_string().contains("\"Nope\""), "{err}");
}

#[tokio::test]
async fn availability_is_stored() {
    let sb = sandbox().await;
    let c = sb.client();
    let t = technician(&c, "elec1").await;
    assert_eq!(t.available, Some(true));
    Technician::set_availability(&c, 1, t.id, false)
        .await
        .unwrap();
    assert_eq!(
        Technician::get(&c, t.id).await.unwrap().available,
        Some(false)
    );
    Technician::set_availability(&c, 1, t.id, true)
        .await
        .unwrap();
    assert_eq!(
        Technician::get(&c, t.id).await.unwrap().available,
        Some(true)
    );
    let err = Technician::set_availability(&c, 1, 9999, true)
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::Api { .. }) && err.to_string().contains("9999"),
        "{err}"
    );
}

#[tokio::test]
async fn external_costs_of_a_work_order() {
    let sb = sandbox().await;
    let c = sb.client();
    let d = Dispatch::open(&c, &OpenDispatch::new(1, "Code Red", "M-100", "pump"))
        .await
        .unwrap();
    let wo = WorkOrder::create(
        &c,
        &NewWorkOrder {
            site: 1,
            workordernumber: Some("WO-1".into()),
            dispatch: Some(d.id),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert!(
        WorkOrder::get_external_costs(&c, 1, wo.id)
            .await
            .unwrap()
            .is_empty()
    );
    // Costs come from outside vendors; the record API does not write them: the sandbox
    // keeps them in `_external_costs`.
    let id = wo.id;
    sb.with_db(move |conn| {
        conn.execute_batch(
            "CREATE TABLE IF NOT EXISTS _external_costs (id INTEGER PRIMARY KEY, \
             workorder INTEGER NOT NULL, vendor TEXT, description TEXT, cost TEXT NOT NULL)",
        )?;
        conn.execute(
            "INSERT INTO _external_costs (workorder, vendor, cost) VALUES (?1, 'Acme Pumps', '12.50'), (?1, NULL, '7.25')",
            [id],
        )
    })
    .await
    .unwrap()
    .unwrap();
    let costs = WorkOrder::get_external_costs(&c, 1, wo.id).await.unwrap();
    assert_eq!(costs.len(), 2);
    assert_eq!(costs[0].vendor.as_deref(), Some("Acme Pumps"));
    assert_eq!(ExternalCost::total(&costs), dec("19.75"));
    // get_event_data carries them on the dispatch.
    let e = Dispatch::get_event_data(
        &c,
        &EventDataQuery {
            site: 1,
            dispatch_id: Some(d.id),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(e.data.len(), 1);
    assert_eq!(ExternalCost::total(&e.data[0].external_costs), dec("19.75"));
    let err = WorkOrder::get_external_costs(&c, 2, wo.id)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("not at site 2"), "{err}");
}

#[tokio::test]
async fn cycle_times_from_recorded_details() {
    let sb = sandbox().await;
    let c = sb.client();
    // 60 parts of a new product in 10 minutes on Line2: 10 seconds a part.
    l2l_areas::Product::create(
        &c,
        &l2l_areas::NewProduct {
            site: 1,
            code: "PROD-T".into(),
            active: true,
            ..Default::default()
        },
    )
    .await
    .unwrap();
    PitchDetail::record_details(
        &c,
        &RecordDetails::new(
            1,
            "Line2",
            "PROD-T",
            When::At("2026-03-01 08:00:00".parse().unwrap()),
            When::At("2026-03-01 08:10:00".parse().unwrap()),
            dec("60"),
        ),
    )
    .await
    .unwrap();
    let times = Line::get_cycle_times(&c, 1, "Line2", Some("PROD-T"))
        .await
        .unwrap();
    assert_eq!(times.len(), 1, "{times:?}");
    assert_eq!(times[0].productcode.as_deref(), Some("PROD-T"));
    assert_eq!(times[0].cycle_time, Some(dec("10.00")));
    let none = Line::get_cycle_times(&c, 1, "Line 33", Some("PROD-T"))
        .await
        .unwrap();
    assert!(none.is_empty());
    let err = Line::get_cycle_times(&c, 1, "NoSuchLine", None)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("NoSuchLine"), "{err}");
}
