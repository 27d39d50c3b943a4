//! Issue 14: `dispatches/get_event_data/` complete: every parameter, full records
//! (technicians, action components), and the docs' `dispatch_type` accepted on input.

mod common;

use common::{Raw, sandbox};
use l2l_areas::{
    Dispatch, DispatchTechnician, EventDataQuery, NewDispatchTechnician, NewTechnician,
    OpenDispatch, Technician,
};

async fn technician(c: &l2l_areas::Client, loginid: &str) -> Technician {
    Technician::create(
        c,
        &NewTechnician {
            site: 1,
            loginid: Some(loginid.into()),
            active: true,
            ..Default::default()
        },
    )
    .await
    .unwrap()
}

#[tokio::test]
async fn event_data_carries_technicians_actions_and_takes_every_filter() {
    let sb = sandbox().await;
    let c = sb.client();
    let t = technician(&c, "mech2").await;
    let d = Dispatch::open(&c, &OpenDispatch::new(1, "Code Red", "WLD-01", "arc fault"))
        .await
        .unwrap();
    DispatchTechnician::create(
        &c,
        &NewDispatchTechnician {
            site: 1,
            dispatch: d.id,
            technician: t.id,
            loginid: Some("mech2".into()),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let raw = Raw::new(&sb);
    let v = raw
        .post(
            "actions/",
            &[
                ("site", "1"),
                ("dispatch", &d.id.to_string()),
                ("code", "REPLACE"),
                ("component", "torch"),
            ],
        )
        .await;
    assert_eq!(v["success"], true, "{v}");
    let q = EventDataQuery {
        site: 1,
        dispatch_number: d.dispatchnumber,
        ..Default::default()
    };
    let e = Dispatch::get_event_data(&c, &q).await.unwrap();
    assert_eq!(e.data.len(), 1);
    let ev = &e.data[0];
    assert_eq!(ev.dispatch.id, d.id);
    assert!(!ev.deleted);
    assert_eq!(ev.technicians[0].loginid.as_deref(), Some("mech2"));
    assert_eq!(ev.technicians[0].technician, Some(t.id));
    assert_eq!(ev.actioncomponents[0].component.as_deref(), Some("torch"));
    let since = e.max_lastupdated;
    assert!(since.is_some());
    let base = EventDataQuery {
        site: 1,
        lastupdated: Some(l2l_areas::UtcTime(
            "2000-01-01 00:00:00"
                .parse::<l2l_areas::UtcTime>()
                .unwrap()
                .0,
        )),
        ..Default::default()
    };
    let weld = Dispatch::get_event_data(
        &c,
        &EventDataQuery {
            areacode: Some("WELD".into()),
            ..base.clone()
        },
    )
    .await
    .unwrap();
    assert!(weld.data.iter().any(|x| x.dispatch.id == d.id));
    assert!(
        weld.data
            .iter()
            .all(|x| x.dispatch.machinecode.as_deref() == Some("WLD-01"))
    );
    let assy = Dispatch::get_event_data(
        &c,
        &EventDataQuery {
            areacode: Some("ASSY".into()),
            ..base.clone()
        },
    )
    .await
    .unwrap();
    assert!(assy.data.iter().all(|x| x.dispatch.id != d.id));
    let ext = Dispatch::get_event_data(
        &c,
        &EventDataQuery {
            externalid_prefix: Some("ERP-".into()),
            ..base.clone()
        },
    )
    .await
    .unwrap();
    assert!(ext.data.is_empty());
    // Nothing changed after the dispatch's own change.
    let later = Dispatch::get_event_data(
        &c,
        &EventDataQuery {
            lastupdated: since,
            ..base.clone()
        },
    )
    .await
    .unwrap();
    assert!(later.data.is_empty(), "{:?}", later.data);
    assert!(later.max_lastupdated.is_none());
}

// B35: the docs' `dispatch_type` and the samples' `dispatchtype` are both accepted on input.
#[tokio::test]
async fn dispatch_type_is_accepted_under_both_names() {
    let sb = sandbox().await;
    let raw = Raw::new(&sb);
    let types = raw.ok("dispatchtypes/?site=1&code=Quality").await;
    let quality = types["data"][0]["id"].as_i64().unwrap().to_string();
    let v = raw
        .post(
            "dispatches/open/",
            &[
                ("site", "1"),
                ("dispatch_type", &quality),
                ("machinecode", "M-101"),
                ("description", "docs' name"),
            ],
        )
        .await;
    assert_eq!(v["success"], true, "{v}");
    assert_eq!(v["data"]["dispatchtypecode"], "Quality");
    // A record sent with the docs' property name decodes.
    let mut rec = v["data"].clone();
    let id = rec["dispatchtype"].take();
    rec.as_object_mut().unwrap().remove("dispatchtype");
    rec["dispatch_type"] = id;
    let d: Dispatch = serde_json::from_value(rec).unwrap();
    assert_eq!(d.dispatchtype.to_string(), quality);
}
