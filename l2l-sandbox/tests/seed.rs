//! Deterministic data: the demo plant, bulk records spread over the areas or in one.

mod common;

use l2l_sandbox::Seed;

#[tokio::test]
async fn bulk_seeds_are_deterministic_and_spread() {
    assert_eq!("demo".parse::<Seed>(), Ok(Seed::Demo));
    assert_eq!(
        "1_000:machines".parse::<Seed>(),
        Ok(Seed::Bulk {
            count: 1000,
            area: Some("machines".into())
        })
    );
    assert!("lots".parse::<Seed>().unwrap_err().contains("N:area"));
    let sb = common::builder()
        .seed(Seed::Bulk {
            count: 500,
            area: None,
        })
        .start()
        .await
        .unwrap();
    assert_eq!(sb.seeded().bulk, 500);
    let raw = common::Raw::new(&sb);
    let counts = sb
        .with_db(|c| {
            let mut out = Vec::new();
            for t in ["a_machines", "a_dispatches", "a_pitchdetails", "a_samples"] {
                let n: i64 = c
                    .query_row(&format!("SELECT COUNT(*) FROM \"{t}\""), [], |r| r.get(0))
                    .unwrap();
                out.push(n);
            }
            out
        })
        .await
        .unwrap();
    assert!(counts.iter().all(|n| *n >= 9), "{counts:?}");
    // Generated records are readable by the typed client: every foreign key points at a
    // demo record, and every value has its kind.
    let c = sb.client();
    let dispatches: Vec<l2l_areas::Dispatch> = l2l_areas::Dispatch::query(1).all(&c).await.unwrap();
    assert!(dispatches.len() >= 9);
    let v = raw
        .ok("machines/?site=1&code__gte=MAC-&order_by=code&limit=1")
        .await;
    assert!(
        v["data"][0]["code"].as_str().unwrap().starts_with("MAC-"),
        "{v}"
    );
    // The same seed gives the same records.
    let again = common::builder()
        .seed(Seed::Bulk {
            count: 500,
            area: None,
        })
        .start()
        .await
        .unwrap();
    let a = raw
        .ok("machines/?site=1&order_by=id&fields=code,description,active")
        .await;
    let b = common::Raw::new(&again)
        .ok("machines/?site=1&order_by=id&fields=code,description,active")
        .await;
    assert_eq!(a["data"], b["data"]);
}

#[tokio::test]
async fn an_empty_seed_has_only_the_api_user() {
    let sb = common::builder().seed(Seed::Empty).start().await.unwrap();
    let raw = common::Raw::new(&sb);
    assert_eq!(raw.ok("sites/").await["data"], serde_json::json!([]));
    let mut op = common::Raw::new(&sb);
    op.key = sb.key_for("operator");
    assert_eq!(op.get("sites/").await.0, 401);
}

#[tokio::test]
async fn failures_in_xml_have_the_same_shape() {
    // B02, B07 in XML.
    let sb = common::sandbox().await;
    let raw = common::Raw::new(&sb);
    let (s, xml) = raw.get_text("sites/?format=xml&limit=9999").await;
    assert_eq!(s, 200);
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<response><success>False</success><error>limit 9999"), "{xml}");
    let client = sb
        .client_builder()
        .format(l2l_core::Format::Xml)
        .build()
        .unwrap();
    let err = client
        .list::<serde_json::Value>(l2l_core::Request::get("sites").query("limit", "9999"))
        .await
        .unwrap_err();
    assert!(err.to_string().contains("maximum of 2000"), "{err}");
}
