//! Values and keys arrive at the server exactly as written; auth goes where it is told.

mod common;

use common::{KEY, arg, builder, client};
use l2l_core::{AuthPlacement, Request};
use serde_json::json;
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"success": true, "data": {"id": 1}})),
        )
        .mount(&server)
        .await;
    server
}

const NASTY: &str = "Line 33 & co = 100% #1 + ü/漢 ?x";

#[tokio::test]
async fn query_values_arrive_unchanged() {
    // B03
    let server = server().await;
    client(&server.uri())
        .one::<serde_json::Value>(
            Request::get("lines")
                .query("code", NASTY)
                .query("description", "Line 33"),
        )
        .await
        .unwrap();
    let req = &server.received_requests().await.unwrap()[0];
    assert_eq!(arg(req, "code").as_deref(), Some(NASTY));
    assert!(
        req.url.query().unwrap().contains("description=Line%2033"),
        "{}",
        req.url
    );
    assert_eq!(req.url.path(), "/api/1.0/lines/");
}

#[tokio::test]
async fn form_values_arrive_unchanged_and_url_encoded() {
    // B05
    let server = server().await;
    client(&server.uri())
        .one::<serde_json::Value>(
            Request::post("machines")
                .form("code", NASTY)
                .form("site", "1"),
        )
        .await
        .unwrap();
    let req = &server.received_requests().await.unwrap()[0];
    assert_eq!(
        req.headers.get("content-type").unwrap(),
        "application/x-www-form-urlencoded"
    );
    let form = l2l_core::wire::decode_pairs(std::str::from_utf8(&req.body).unwrap());
    assert_eq!(
        form,
        vec![("code".into(), NASTY.into()), ("site".into(), "1".into())]
    );
}

#[tokio::test]
async fn the_key_goes_in_the_header_by_default_and_elsewhere_when_asked() {
    // B30
    let server = server().await;
    client(&server.uri())
        .one::<serde_json::Value>(Request::get("sites/1"))
        .await
        .unwrap();
    builder(&server.uri())
        .auth_placement(AuthPlacement::Query)
        .build()
        .unwrap()
        .one::<serde_json::Value>(Request::get("sites/1"))
        .await
        .unwrap();
    builder(&server.uri())
        .auth_placement(AuthPlacement::Body)
        .build()
        .unwrap()
        .one::<serde_json::Value>(Request::post("sites/1").form("description", "x"))
        .await
        .unwrap();
    let reqs = server.received_requests().await.unwrap();
    assert_eq!(reqs[0].headers.get("L2LAUTH").unwrap(), KEY);
    assert_eq!(arg(&reqs[0], "auth"), None);
    assert_eq!(arg(&reqs[1], "auth").as_deref(), Some(KEY));
    assert!(reqs[1].headers.get("L2LAUTH").is_none());
    let form = l2l_core::wire::decode_pairs(std::str::from_utf8(&reqs[2].body).unwrap());
    assert!(form.contains(&("auth".into(), KEY.into())));
}

#[tokio::test]
async fn realuser_per_client_and_per_call_sends_the_auth_argument() {
    // B22
    let server = server().await;
    let c = client(&server.uri());
    c.as_user("jsmith")
        .one::<serde_json::Value>(Request::get("sites/1"))
        .await
        .unwrap();
    c.one::<serde_json::Value>(Request::get("sites/1").realuser("adoe"))
        .await
        .unwrap();
    let reqs = server.received_requests().await.unwrap();
    assert_eq!(arg(&reqs[0], "realuser").as_deref(), Some("jsmith"));
    assert_eq!(arg(&reqs[0], "auth").as_deref(), Some(KEY));
    assert_eq!(arg(&reqs[1], "realuser").as_deref(), Some("adoe"));
}

#[tokio::test]
async fn format_microseconds_and_user_agent() {
    // B23
    let server = server().await;
    builder(&server.uri())
        .microseconds(true)
        .integration("erp-sync", "2.1.0")
        .build()
        .unwrap()
        .one::<serde_json::Value>(Request::get("sites/1"))
        .await
        .unwrap();
    let req = &server.received_requests().await.unwrap()[0];
    assert_eq!(arg(req, "l2lfmt_microseconds").as_deref(), Some("true"));
    let ua = req.headers.get("user-agent").unwrap().to_str().unwrap();
    assert!(ua.starts_with("erp-sync/2.1.0 l2l-rust/"), "{ua}");
}

#[tokio::test]
async fn signed_requests_carry_server_expiration_and_a_valid_signature() {
    // B32
    let server = server().await;
    builder(&server.uri())
        .signing("Corporate HR Server", "Your-Secret-Key-Goes-Here")
        .build()
        .unwrap()
        .one::<serde_json::Value>(
            Request::post("users/set_externalid/johnsmith")
                .form("externalid", "B-7")
                .signed(),
        )
        .await
        .unwrap();
    let req = &server.received_requests().await.unwrap()[0];
    let form = l2l_core::wire::decode_pairs(std::str::from_utf8(&req.body).unwrap());
    let get = |k: &str| {
        form.iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.clone())
            .unwrap()
    };
    assert_eq!(get("_server"), "Corporate HR Server");
    let exp: l2l_core::DateTime = get("_expiration").parse().unwrap();
    assert!(exp > l2l_core::DateTime::now_utc());
    let message = format!("Corporate HR Server\n{}\nB-7", get("_expiration"));
    assert!(l2l_core::wire::verify(
        "Your-Secret-Key-Goes-Here",
        &message,
        &get("_signature")
    ));
    assert!(!String::from_utf8_lossy(&req.body).contains("Your-Secret"));
}
