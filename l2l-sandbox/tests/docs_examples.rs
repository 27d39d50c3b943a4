//! The docs' own examples, answered in the documented shapes.

mod common;

use common::{Raw, sandbox};
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

#[tokio::test]
async fn sites_paged_with_limit_2_return_2_2_1() {
    // B36, B17, B18, B01: the docs' curl paging example, offsets 0, 2, 4.
    let sb = sandbox().await;
    let raw = Raw::new(&sb);
    let mut seen = Vec::new();
    let mut offset = 0;
    let mut sizes = Vec::new();
    loop {
        let v = raw.ok(&format!("sites/?limit=2&offset={offset}")).await;
        assert_eq!(v["limit"], 2);
        assert_eq!(v["offset"], offset);
        let n = v["data"].as_array().unwrap().len();
        sizes.push(n);
        seen.extend(common::ids(&v));
        if n < 2 {
            break;
        }
        offset += n;
    }
    assert_eq!(sizes, [2, 2, 1]);
    assert_eq!(seen, [3, 5, 6, 8, 9]);
    // The first record is the docs' "Sandbox" site, field for field.
    let v = raw.ok("sites/?limit=2&offset=0").await;
    let first = &v["data"][0];
    for (k, want) in [
        ("description", json!("Sandbox")),
        ("created", json!(null)),
        ("site", json!(1)),
        ("lastupdated", json!(null)),
        ("timezone", json!("America/Los_Angeles")),
        ("id", json!(3)),
    ] {
        assert_eq!(first[k], want, "{k}");
    }
}

#[tokio::test]
async fn one_site_in_json_and_xml() {
    // B37, B11, B02
    let sb = sandbox().await;
    let raw = Raw::new(&sb);
    let v = raw.ok("sites/3/").await;
    assert_eq!(v["data"]["description"], "Sandbox");
    assert_eq!(v["data"]["id"], 3);
    assert!(v["data"].is_object());
    assert!(v.get("limit").is_none() && v.get("offset").is_none());
    let (status, xml) = raw.get_text("sites/3/?format=xml").await;
    assert_eq!(status, 200);
    assert_eq!(
        xml,
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<response><data><id>3</id><site>1</site>\
         <description>Sandbox</description><timezone>America/Los_Angeles</timezone>\
         <active>True</active><test_site>True</test_site><created>None</created>\
         <lastupdated>None</lastupdated></data><success>True</success></response>"
    );
    // Without the trailing slash too.
    assert_eq!(raw.ok("sites/3").await["data"]["id"], 3);
}

#[tokio::test]
async fn the_xml_list_has_the_docs_shape() {
    // B02: `<response>`, `<limit>`, `<data>` of `<resource>`, `True`, `None`, `<offset>`.
    let sb = sandbox().await;
    let raw = Raw::new(&sb);
    let (status, xml) = raw.get_text("sites/?format=xml").await;
    assert_eq!(status, 200);
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<response><limit>100</limit><data><resource>"), "{xml}");
    assert!(
        xml.ends_with("</resource></data><success>True</success><offset>0</offset></response>"),
        "{xml}"
    );
    assert_eq!(xml.matches("<resource>").count(), 5);
    // The docs' second record, as the docs print it.
    assert!(xml.contains(
        "<resource><id>8</id><site>43</site><description>Production Plant 43</description>\
         <timezone>GMT+4</timezone><active>True</active><test_site>False</test_site>\
         <created>2010-12-30 11:52:50</created><lastupdated>2011-01-10 17:26:47</lastupdated></resource>"
    ), "{xml}");
    // And the typed client reads it.
    let client = sb
        .client_builder()
        .format(l2l_core::Format::Xml)
        .build()
        .unwrap();
    let sites: Vec<l2l_areas::Site> = client
        .list(l2l_core::Request::get("sites"))
        .await
        .unwrap()
        .records;
    assert_eq!(sites.len(), 5);
    assert_eq!(sites[0].test_site, Some(true));
    assert_eq!(sites[3].created.unwrap().to_string(), "2010-12-30T11:52:50");
}

async fn raw_http(addr: std::net::SocketAddr, request_line: &str, key: &str) -> String {
    let mut s = tokio::net::TcpStream::connect(addr).await.unwrap();
    let req =
        format!("{request_line}\r\nHost: localhost\r\nL2LAUTH: {key}\r\nConnection: close\r\n\r\n");
    s.write_all(req.as_bytes()).await.unwrap();
    let mut out = Vec::new();
    s.read_to_end(&mut out).await.unwrap();
    String::from_utf8_lossy(&out).into_owned()
}

#[tokio::test]
async fn an_unescaped_space_is_a_400() {
    // B04, B03: `code=Line 33` fails with 400; `code=Line%2033` works.
    let sb = sandbox().await;
    let bad = raw_http(
        sb.addr(),
        "GET /api/1.0/lines/?site=1&code=Line 33 HTTP/1.1",
        sb.api_key(),
    )
    .await;
    assert!(bad.starts_with("HTTP/1.1 400"), "{bad}");
    let good = raw_http(
        sb.addr(),
        "GET /api/1.0/lines/?site=1&code=Line%2033 HTTP/1.1",
        sb.api_key(),
    )
    .await;
    assert!(good.starts_with("HTTP/1.1 200"), "{good}");
    assert!(good.contains("\"code\":\"Line 33\""), "{good}");
}

#[tokio::test]
async fn unknown_areas_and_paths_are_404_envelopes() {
    // B07: every answer carries `success`.
    let sb = sandbox().await;
    let raw = Raw::new(&sb);
    let (s, v) = raw.get("widgets/").await;
    assert_eq!(s, 404);
    assert_eq!(v["success"], false);
    assert!(v["error"].as_str().unwrap().contains("widgets"));
    let (s, v) = raw.get("machines/abc/").await;
    assert_eq!(s, 404);
    assert!(v["error"].as_str().unwrap().contains("abc"));
    let r = reqwest::get(format!("{}/other", sb.base_url()))
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    let v: serde_json::Value = serde_json::from_str(&r.text().await.unwrap()).unwrap();
    assert_eq!(v["success"], false);
}
