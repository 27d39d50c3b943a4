//! Reading: every lookup on every kind, ordering, fields, limit and offset, microseconds,
//! custom properties, the foreign-key forms and booleans.

mod common;

use common::{Raw, column, ids, sandbox};
use serde_json::Value;

/// Five samples with a value of every kind (and nulls), returning their ids.
async fn samples(raw: &Raw) -> Vec<i64> {
    let rows: [&[(&str, &str)]; 5] = [
        &[
            ("name", "alpha"),
            ("qty", "1.5"),
            ("price", "3.50"),
            ("day", "2016-05-04"),
            ("at", "2016-05-04T23:59:59"),
            ("tags", "[1,2]"),
            ("flag", "T"),
            ("count", "10"),
        ],
        &[
            ("name", "bravo"),
            ("qty", "2"),
            ("price", "10.00"),
            ("day", "2016-05-05"),
            ("at", "2016-05-05T00:00:00"),
            ("flag", "False"),
            ("count", "20"),
        ],
        &[
            ("name", "charlie"),
            ("qty", "2.5"),
            ("price", "9.99"),
            ("day", "2016-05-06"),
            ("at", "2016-05-05 22:39:47"),
            ("flag", "1"),
            ("count", "30"),
        ],
        &[
            ("name", "delta"),
            ("qty", "-4"),
            ("price", "0"),
            ("day", "2017-01-01"),
            ("at", "2016-05-06T10:00:00.123456"),
            ("flag", "0"),
            ("count", "-5"),
        ],
        &[("name", "echo")],
    ];
    let mut out = Vec::new();
    for r in rows {
        let mut form = vec![("site", "1")];
        form.extend_from_slice(r);
        let v = raw.post("samples/", &form).await;
        assert_eq!(v["success"], true, "{v}");
        out.push(v["data"]["id"].as_i64().unwrap());
    }
    out
}

async fn names(raw: &Raw, q: &str) -> Vec<String> {
    column(&raw.ok(&format!("samples/?site=1&{q}")).await, "name")
}

#[tokio::test]
async fn equality_and_comparisons_on_every_kind() {
    // B12, B13, B15
    let sb = sandbox().await;
    let raw = Raw::new(&sb);
    samples(&raw).await;
    let cases: &[(&str, &[&str])] = &[
        // text: the docs' own description__lt=Sandbox style
        ("name=bravo", &["bravo"]),
        ("name__lt=charlie", &["alpha", "bravo"]),
        ("name__lte=charlie", &["alpha", "bravo", "charlie"]),
        ("name__gt=charlie", &["delta", "echo"]),
        ("name__gte=delta", &["delta", "echo"]),
        // integer
        ("count=20", &["bravo"]),
        ("count__lt=10", &["delta"]),
        ("count__gte=20", &["bravo", "charlie"]),
        // float
        ("qty__gt=1.5", &["bravo", "charlie"]),
        ("qty__lte=2", &["alpha", "bravo", "delta"]),
        // decimal: numeric, not textual, order
        ("price__gt=9.99", &["bravo"]),
        ("price=3.5", &["alpha"]),
        ("price__lt=3.50", &["delta"]),
        // date
        ("day=2016-05-05", &["bravo"]),
        ("day__gt=2016-05-05", &["charlie", "delta"]),
        ("day__lte=2016-05-05", &["alpha", "bravo"]),
        // datetime, in ISO with T or a space, and compared with a plain date
        (
            "at__gte=2016-05-05T00:00:00",
            &["bravo", "charlie", "delta"],
        ),
        ("at__lt=2016-05-05", &["alpha"]),
        (
            "at__gte=2016-05-05&at__lt=2016-05-06",
            &["bravo", "charlie"],
        ),
        ("at=2016-05-05%2022:39:47", &["charlie"]),
        ("at__gt=2016-05-06T10:00:00.123", &["delta"]),
        // booleans in every spelling
        ("flag=true", &["alpha", "charlie"]),
        ("flag=T", &["alpha", "charlie"]),
        ("flag=1", &["alpha", "charlie"]),
        ("flag=True", &["alpha", "charlie"]),
        ("flag=false", &["bravo", "delta"]),
        ("flag=F", &["bravo", "delta"]),
        ("flag=0", &["bravo", "delta"]),
        ("flag=False", &["bravo", "delta"]),
    ];
    for (q, want) in cases {
        assert_eq!(names(&raw, q).await, *want, "{q}");
    }
}

#[tokio::test]
async fn isnull_takes_true_or_false_only() {
    // B14
    let sb = sandbox().await;
    let raw = Raw::new(&sb);
    samples(&raw).await;
    assert_eq!(names(&raw, "qty__isnull=True").await, ["echo"]);
    assert_eq!(names(&raw, "price__isnull=False").await.len(), 4);
    assert!(
        raw.refused("samples/?site=1&tags__isnull=False")
            .await
            .contains("cannot be filtered")
    );
    assert_eq!(
        names(&raw, "at__isnull=False&count__isnull=False")
            .await
            .len(),
        4
    );
    let e = raw.refused("samples/?site=1&qty__isnull=1").await;
    assert!(e.contains("True or False"), "{e}");
    // Not on a field that cannot be null.
    let e = raw.refused("samples/?site=1&name__isnull=True").await;
    assert!(e.contains("does not allow `__isnull`"), "{e}");
}

#[tokio::test]
async fn lookups_that_make_no_sense_and_unknown_names_are_errors() {
    // B08, B12, B13: success false with a message naming the culprit.
    let sb = sandbox().await;
    let raw = Raw::new(&sb);
    for (q, needle) in [
        ("flag__lt=1", "does not allow `__lt`"),
        ("tags=x", "cannot be filtered"),
        ("namee=alpha", "did you mean `name`"),
        ("name__like=a", "unknown lookup `__like`"),
        ("count=abc", "whole number"),
        ("at__gt=yesterday", "datetime"),
        ("day=2016-13-01", "date"),
        ("flag=yes", "True"),
        ("order_by=nope", "no field `nope`"),
        ("order_by=tags", "cannot be used in order_by"),
        ("fields=name,nope", "no field `nope`"),
    ] {
        let e = raw.refused(&format!("samples/?site=1&{q}")).await;
        assert!(e.contains(needle), "{q}: {e}");
    }
    // Several errors at once are all reported.
    let v = raw.get("samples/?site=1&a=1&b=2").await.1;
    assert_eq!(v["errors"].as_array().unwrap().len(), 2, "{v}");
}

#[tokio::test]
async fn order_by_ascending_descending_and_several_fields() {
    // B20
    let sb = sandbox().await;
    let raw = Raw::new(&sb);
    samples(&raw).await;
    assert_eq!(
        names(&raw, "order_by=count&count__isnull=False").await,
        ["delta", "alpha", "bravo", "charlie"]
    );
    assert_eq!(
        names(&raw, "order_by=-count&count__isnull=False").await,
        ["charlie", "bravo", "alpha", "delta"]
    );
    assert_eq!(
        names(&raw, "order_by=-at&at__isnull=False").await,
        ["delta", "charlie", "bravo", "alpha"]
    );
    assert_eq!(
        names(&raw, "order_by=-flag,name&flag__isnull=False").await,
        ["alpha", "charlie", "bravo", "delta"]
    );
    assert_eq!(
        names(&raw, "order_by=-flag&order_by=-name&flag__isnull=False").await,
        ["charlie", "alpha", "delta", "bravo"]
    );
    assert_eq!(
        names(&raw, "order_by=-price&price__isnull=False").await,
        ["bravo", "charlie", "alpha", "delta"]
    );
}

#[tokio::test]
async fn fields_returns_only_those_fields() {
    // B21
    let sb = sandbox().await;
    let raw = Raw::new(&sb);
    samples(&raw).await;
    let v = raw.ok("samples/?site=1&fields=name,count&limit=1").await;
    let rec = v["data"][0].as_object().unwrap();
    assert_eq!(rec.keys().collect::<Vec<_>>(), ["count", "name"]);
    let id = ids(&raw.ok("samples/?site=1&limit=1").await)[0];
    let v = raw
        .ok(&format!("samples/{id}/?site=1&fields=id,tags,price,flag"))
        .await;
    assert_eq!(v["data"]["tags"], serde_json::json!([1, 2]));
    assert_eq!(v["data"]["price"], "3.50");
    assert_eq!(v["data"]["flag"], true);
    assert_eq!(v["data"].as_object().unwrap().len(), 4);
}

#[tokio::test]
async fn limit_offset_and_the_maximum() {
    // B16, B17, B18
    let sb = sandbox().await;
    let raw = Raw::new(&sb);
    let all = samples(&raw).await;
    let v = raw.ok("samples/?site=1&limit=2&offset=1").await;
    assert_eq!(
        (v["limit"].as_i64(), v["offset"].as_i64()),
        (Some(2), Some(1))
    );
    assert_eq!(ids(&v), all[1..3]);
    // No limit: the default (100), capped at the area's maximum (50 for samples).
    let v = raw.ok("samples/?site=1").await;
    assert_eq!(
        (v["limit"].as_i64(), v["offset"].as_i64()),
        (Some(50), Some(0))
    );
    assert_eq!(raw.ok("sites/").await["limit"], 100);
    // Above the maximum: HTTP 200 with success false.
    let e = raw.refused("samples/?site=1&limit=51").await;
    assert!(e.contains("maximum of 50"), "{e}");
    let e = raw.refused("sites/?limit=2001").await;
    assert!(e.contains("maximum of 2000"), "{e}");
    for bad in ["0", "-1", "abc", "99999999999999999999999", "1.5"] {
        let e = raw.refused(&format!("sites/?limit={bad}")).await;
        assert!(e.contains("limit"), "{bad}: {e}");
    }
    for bad in ["-1", "x"] {
        let e = raw.refused(&format!("sites/?offset={bad}")).await;
        assert!(e.contains("offset"), "{bad}: {e}");
    }
    // An offset past the end is an empty page.
    let v = raw.ok("sites/?offset=999999999999").await;
    assert_eq!(v["data"], serde_json::json!([]));
}

#[tokio::test]
async fn keyset_paging_walks_every_record_once() {
    // B19 from the server's side: order_by=id&id__gt=N is a range on the primary key.
    let sb = sandbox().await;
    let raw = Raw::new(&sb);
    let all = samples(&raw).await;
    let mut last = 0;
    let mut seen: Vec<i64> = Vec::new();
    loop {
        let v = raw
            .ok(&format!(
                "samples/?site=1&order_by=id&id__gt={last}&limit=2"
            ))
            .await;
        let page = ids(&v);
        seen.extend(&page);
        if page.len() < 2 {
            break;
        }
        last = *page.last().unwrap();
    }
    assert_eq!(seen, all);
    let plan = sb
        .with_db(|c| {
            c.query_row(
                "EXPLAIN QUERY PLAN SELECT t.\"id\" FROM \"a_samples\" AS t WHERE t.\"id\" > ?1 ORDER BY t.\"id\" ASC LIMIT ?2 OFFSET ?3",
                rusqlite::params![0, 2, 0],
                |r| r.get::<_, String>(3),
            )
        })
        .await
        .unwrap()
        .unwrap();
    assert!(
        plan.contains("INTEGER PRIMARY KEY") || plan.contains("rowid"),
        "{plan}"
    );
}

#[tokio::test]
async fn microseconds_on_request() {
    // B23
    let sb = sandbox().await;
    let raw = Raw::new(&sb);
    samples(&raw).await;
    let at = |v: &Value| v["data"][0]["at"].as_str().unwrap().to_owned();
    let v = raw.ok("samples/?site=1&name=delta").await;
    // The docs' JSON example writes a space: `2010-12-30 11:52:50`.
    assert_eq!(at(&v), "2016-05-06 10:00:00.123");
    let v = raw
        .ok("samples/?site=1&name=delta&l2lfmt_microseconds=true")
        .await;
    assert_eq!(at(&v), "2016-05-06 10:00:00.123456");
    let stamped = v["data"][0]["lastupdated"].as_str().unwrap();
    assert_eq!(stamped.len(), 26, "{stamped}");
}

#[tokio::test]
async fn custom_properties_need_a_site() {
    // B24
    let sb = sandbox().await;
    let raw = Raw::new(&sb);
    let v = raw.ok("machines/?site=1&code=M-100").await;
    assert_eq!(v["data"][0]["custom__color"], "red");
    let v = raw.ok("machines/?code=M-100").await;
    assert!(v["data"][0].get("custom__color").is_none(), "{v}");
    let v = raw.ok("machines/?site=1&custom__color=red").await;
    assert_eq!(column(&v, "code"), ["M-100", "WLD-01"]);
    let v = raw.ok("machines/?site=1&custom__color__isnull=True").await;
    assert_eq!(column(&v, "code"), ["M-200"]);
    let e = raw.refused("machines/?custom__color=red").await;
    assert!(e.contains("`site`"), "{e}");
    let e = raw.refused("machines/?site=1&custom__size=3").await;
    assert!(e.contains("no custom property `size`"), "{e}");
    let e = raw.refused("lines/?site=1&custom__color=red").await;
    assert!(e.contains("no custom properties"), "{e}");
    // Written with custom__<name>, then found and returned.
    let v = raw
        .post(
            "machines/",
            &[
                ("site", "1"),
                ("code", "M-900"),
                ("linecode", "Line2"),
                ("custom__color", "green"),
            ],
        )
        .await;
    assert_eq!(v["data"]["custom__color"], "green", "{v}");
    let v = raw
        .ok("machines/?site=1&custom__color=green&fields=code,custom__color")
        .await;
    assert_eq!(
        v["data"],
        serde_json::json!([{"code": "M-900", "custom__color": "green"}])
    );
}

#[tokio::test]
async fn foreign_key_forms_of_the_samples() {
    // B12 with l2l-api-research.md section 4: area_id, line_id and code aliases.
    let sb = sandbox().await;
    let raw = Raw::new(&sb);
    let assy = raw.ok("areas/?site=1&code=ASSY").await["data"][0]["id"]
        .as_i64()
        .unwrap();
    let line1 = raw.ok("lines/?site=1&code=Line1").await["data"][0]["id"]
        .as_i64()
        .unwrap();
    let codes = |v: Value| column(&v, "code");
    assert_eq!(
        codes(raw.ok(&format!("lines/?site=1&area_id={assy}")).await),
        ["Line1", "Line2"]
    );
    assert_eq!(
        codes(raw.ok(&format!("lines/?site=1&area={assy}")).await),
        ["Line1", "Line2"]
    );
    assert_eq!(
        codes(raw.ok("lines/?site=1&areacode=ASSY").await),
        ["Line1", "Line2"]
    );
    assert_eq!(
        codes(raw.ok(&format!("machines/?site=1&line_id={line1}")).await),
        ["M-100", "M-101"]
    );
    assert_eq!(
        codes(raw.ok("machines/?site=1&linecode=Line1").await),
        ["M-100", "M-101"]
    );
    // Through the machine's line to its area.
    assert_eq!(
        codes(raw.ok("machines/?site=1&areacode=WELD").await),
        ["WLD-01"]
    );
    assert_eq!(
        codes(raw.ok("machines/?site=1&areacode=NOPE").await),
        Vec::<String>::new()
    );
    // Dispatches by machine and dispatch type codes.
    let client = sb.client();
    let d = l2l_areas::Dispatch::open(
        &client,
        &l2l_areas::OpenDispatch::new(1, "Code Red", "M-100", "jam"),
    )
    .await
    .unwrap();
    let v = raw.ok("dispatches/?site=1&machinecode=M-100&dispatchtypecode=Code%20Red&open=T&order_by=-reported&limit=1").await;
    assert_eq!(ids(&v), [d.id]);
    assert_eq!(
        raw.ok("dispatches/?site=1&linecode=Line1&order_by=-id")
            .await["data"][0]["id"],
        d.id
    );
    assert_eq!(
        ids(&raw.ok("dispatches/?site=1&machinecode=WLD-01&open=T").await),
        Vec::<i64>::new()
    );
}
