//! The envelope, its failures and XML, against a real HTTP server on 127.0.0.1.

mod common;

use common::{SITES, Site, client};
use l2l_core::{Error, Format, Query, Request};
use serde_json::json;
use wiremock::matchers::path;
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn serve(body: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(path("/api/1.0/sites/"))
        .respond_with(body)
        .mount(&server)
        .await;
    Mock::given(path("/api/1.0/sites/3/"))
        .respond_with(ResponseTemplate::new(200).set_body_string(DOCS_XML_ONE))
        .mount(&server)
        .await;
    server
}

async fn list_err(body: ResponseTemplate) -> Error {
    let server = serve(body).await;
    client(&server.uri())
        .list::<Site>(Request::get("sites"))
        .await
        .unwrap_err()
}

#[tokio::test]
async fn success_false_with_error_is_an_api_error() {
    // B07, B08: HTTP 200 and success false.
    let err = list_err(ResponseTemplate::new(200).set_body_json(
        json!({"success": false, "error": "Unable to find user for externalid: test"}),
    ))
    .await;
    assert!(
        matches!(err, Error::Api { ref messages } if messages == &["Unable to find user for externalid: test"]),
        "{err}"
    );
    assert_eq!(err.status(), Some(200));
    assert!(!err.is_retryable());
}

#[tokio::test]
async fn success_false_with_errors_carries_every_message() {
    // B07, B29
    let err = list_err(ResponseTemplate::new(200).set_body_json(json!({
        "success": false, "errors": ["code is required", "site is required"], "data": "junk"
    })))
    .await;
    assert_eq!(err.api_messages(), ["code is required", "site is required"]);
    let err = list_err(ResponseTemplate::new(200).set_body_json(json!({
        "success": false, "errors": {"code": ["This field is required."]}
    })))
    .await;
    assert_eq!(err.api_messages(), ["code: This field is required."]);
}

#[tokio::test]
async fn an_html_502_page_is_an_http_error_with_a_snippet() {
    let err = list_err(
        ResponseTemplate::new(502)
            .set_body_string("<html>\n<head><title>502 Bad Gateway</title></head></html>"),
    )
    .await;
    match &err {
        Error::Http {
            status: 502,
            snippet,
            ..
        } => assert!(snippet.contains("502 Bad Gateway"), "{snippet}"),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn html_with_status_200_is_a_decode_error() {
    let err = list_err(
        ResponseTemplate::new(200).set_body_string("<html><body>Maintenance</body></html>"),
    )
    .await;
    match &err {
        Error::Decode { path, snippet, .. } => {
            assert_eq!(path, ".");
            assert!(snippet.contains("Maintenance"));
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn truncated_json_and_empty_bodies_are_decode_errors() {
    let err = list_err(
        ResponseTemplate::new(200)
            .set_body_string(r#"{"success": true, "data": [{"id": 3, "site""#),
    )
    .await;
    assert!(matches!(err, Error::Decode { .. }), "{err}");
    assert!(err.to_string().contains("EOF"), "{err}");
    let err = list_err(ResponseTemplate::new(200).set_body_string("")).await;
    assert!(
        matches!(err, Error::Decode { ref snippet, .. } if snippet == "(empty body)"),
        "{err}"
    );
}

#[tokio::test]
async fn a_record_of_the_wrong_shape_names_the_path() {
    // B06: order of fields is free, unknown fields ignored; a wrong type names its path.
    let err = list_err(ResponseTemplate::new(200).set_body_json(json!({
        "success": true, "data": [
            {"id": 3, "site": 1, "description": "a", "timezone": null, "created": null, "lastupdated": null, "new": 1},
            {"lastupdated": null, "created": "yesterday", "timezone": null, "description": "b", "site": 1, "id": 4}
        ]
    })))
    .await;
    match &err {
        Error::Decode { path, message, .. } => {
            assert_eq!(path, "data[1].created");
            assert!(message.contains("yesterday"), "{message}");
        }
        other => panic!("{other:?}"),
    }
}

const DOCS_XML_LIST: &str = r#"<?xml version="1.0" encoding="utf-8"?> <response> <limit>100</limit> <data> <resource> <description>Sandbox</description> <created>None</created> <site>1</site> <lastupdated>None</lastupdated> <timezone>America/Los_Angeles</timezone> <id>3</id> </resource> <resource> <description>Production Plant 43</description> <created>2010-12-30 11:52:50</created> <site>43</site> <lastupdated>2011-01-10 17:26:47</lastupdated> <timezone>GMT+4</timezone> <id>8</id> </resource> </data> <success>True</success> <offset>0</offset> </response>"#;
const DOCS_XML_ONE: &str = r#"<?xml version="1.0" encoding="utf-8"?> <response> <data> <description>Sandbox</description> <created>None</created> <site>1</site> <lastupdated>None</lastupdated> <timezone>America/Los_Angeles</timezone> <id>3</id> </data> <success>True</success> </response>"#;

#[tokio::test]
async fn the_docs_xml_examples_decode_to_the_json_values() {
    // B02, B37
    let server = serve(ResponseTemplate::new(200).set_body_string(DOCS_XML_LIST)).await;
    let xml = common::builder(&server.uri())
        .format(Format::Xml)
        .build()
        .unwrap();
    let page = Query::new(&SITES).page::<Site>(&xml).await.unwrap();
    let json: Vec<Site> = serde_json::from_value(json!([
        { "description": "Sandbox", "created": null, "site": 1, "lastupdated": null, "timezone": "America/Los_Angeles", "id": 3 },
        { "description": "Production Plant 43", "created": "2010-12-30 11:52:50", "site": 43, "lastupdated": "2011-01-10 17:26:47", "timezone": "GMT+4", "id": 8 }
    ]))
    .unwrap();
    assert_eq!(page.records, json);
    assert_eq!((page.offset, page.limit), (Some(0), Some(100)));
    let reqs = server.received_requests().await.unwrap();
    assert_eq!(common::arg(&reqs[0], "format").as_deref(), Some("xml"));
    let one: Site = xml.one(Request::get("sites/3")).await.unwrap();
    assert_eq!(one, json[0]);
}

#[tokio::test]
async fn an_xml_list_of_one_resource_is_still_a_list() {
    let body = r#"<response><data><resource><id>3</id><site>1</site><description>S</description><timezone>None</timezone><created>None</created><lastupdated>None</lastupdated></resource></data><success>True</success><limit>2</limit><offset>0</offset></response>"#;
    let server = serve(ResponseTemplate::new(200).set_body_string(body)).await;
    let xml = common::builder(&server.uri())
        .format(Format::Xml)
        .build()
        .unwrap();
    let page = xml.list::<Site>(Request::get("sites")).await.unwrap();
    assert_eq!(page.records.len(), 1);
    assert_eq!(page.records[0].timezone, None);
}

#[tokio::test]
async fn xml_failures_are_api_errors_too() {
    let body = "<response><success>False</success><error>Problem with site</error></response>";
    let server = serve(ResponseTemplate::new(200).set_body_string(body)).await;
    let xml = common::builder(&server.uri())
        .format(Format::Xml)
        .build()
        .unwrap();
    let err = xml.list::<Site>(Request::get("sites")).await.unwrap_err();
    assert_eq!(err.api_messages(), ["Problem with site"]);
}

#[tokio::test]
async fn one_record_by_id_in_json() {
    // B11, B37
    let server = MockServer::start().await;
    Mock::given(path("/api/1.0/sites/3/"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "data": { "description": "Sandbox", "created": null, "site": 1, "lastupdated": null, "timezone": "America/Los_Angeles", "id": 3 },
            "success": true
        })))
        .mount(&server)
        .await;
    let s: Site = l2l_core::crud::get(&client(&server.uri()), &SITES, 3)
        .await
        .unwrap();
    assert_eq!((s.id, s.description.as_str()), (3, "Sandbox"));
}
