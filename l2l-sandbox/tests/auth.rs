//! Authentication, site access, realuser and signed calls.

mod common;

use common::{Raw, sandbox};
use l2l_core::{Client, Request, Signer};
use serde_json::Value;

async fn status_of(r: reqwest::RequestBuilder) -> (u16, Value) {
    let r = r.send().await.unwrap();
    let s = r.status().as_u16();
    let t = r.text().await.unwrap();
    (
        s,
        serde_json::from_str(&t).unwrap_or_else(|e| panic!("{e}: {t}")),
    )
}

#[tokio::test]
async fn the_key_in_header_query_or_body() {
    // B30
    let sb = sandbox().await;
    let http = reqwest::Client::new();
    let base = sb.api_url();
    let key = sb.api_key();
    let (s, v) = status_of(http.get(format!("{base}sites/")).header("L2LAUTH", key)).await;
    assert_eq!((s, &v["success"]), (200, &Value::Bool(true)));
    let (s, _) = status_of(http.get(format!("{base}sites/?auth={key}"))).await;
    assert_eq!(s, 200);
    let (s, v) = status_of(
        http.post(format!("{base}areas/"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(format!("auth={key}&site=1&code=BODY")),
    )
    .await;
    assert_eq!((s, &v["data"]["code"]), (200, &Value::from("BODY")), "{v}");
    // The typed client, in each placement.
    for placement in [
        l2l_core::AuthPlacement::Header,
        l2l_core::AuthPlacement::Query,
        l2l_core::AuthPlacement::Body,
    ] {
        let c = sb
            .client_builder()
            .auth_placement(placement)
            .build()
            .unwrap();
        let sites: Vec<l2l_areas::Site> = l2l_areas::Site::query().all(&c).await.unwrap();
        assert_eq!(sites.len(), 5, "{placement:?}");
    }
}

#[tokio::test]
async fn a_missing_or_wrong_key_is_refused() {
    // B30: HTTP 401 with the envelope.
    let sb = sandbox().await;
    let http = reqwest::Client::new();
    let base = sb.api_url();
    let (s, v) = status_of(http.get(format!("{base}sites/"))).await;
    assert_eq!((s, &v["success"]), (401, &Value::Bool(false)));
    assert!(v["error"].as_str().unwrap().contains("L2LAUTH"), "{v}");
    let (s, v) = status_of(http.get(format!("{base}sites/?auth=wrong"))).await;
    assert_eq!((s, &v["error"]), (401, &Value::from("invalid API key")));
    let (s, _) = status_of(http.get(format!("{base}sites/")).header("L2LAUTH", "wrong")).await;
    assert_eq!(s, 401);
    let c = Client::builder()
        .base_url(sb.base_url())
        .api_key("wrong")
        .build()
        .unwrap();
    let err = c.list::<Value>(Request::get("sites")).await.unwrap_err();
    assert_eq!(err.status(), Some(401), "{err}");
}

#[tokio::test]
async fn keys_carry_their_users_site_access() {
    // B31
    let sb = sandbox().await;
    let mut raw = Raw::new(&sb);
    raw.key = sb.key_for("operator");
    assert_eq!(
        raw.ok("machines/?site=1").await["data"]
            .as_array()
            .unwrap()
            .len(),
        4
    );
    let (s, v) = raw.get("machines/?site=43").await;
    assert_eq!((s, &v["success"]), (403, &Value::Bool(false)));
    assert!(v["error"].as_str().unwrap().contains("site 43"), "{v}");
    // Without a site, only the user's sites are seen.
    raw.key = sb.key_for("plant43");
    let v = raw.ok("machines/").await;
    assert_eq!(common::column(&v, "code"), ["M-4301"]);
    let (s, _) = raw
        .send("POST", "machines/", &[("site", "1"), ("code", "NOPE")])
        .await;
    assert_eq!(s, 403);
    // A record of another site cannot be read or changed by id.
    let m100 = Raw::new(&sb).ok("machines/?site=1&code=M-100").await["data"][0]["id"]
        .as_i64()
        .unwrap();
    assert!(
        raw.refused(&format!("machines/{m100}/"))
            .await
            .contains("not found")
    );
    let (s, _) = raw
        .send(
            "POST",
            &format!("machines/{m100}/"),
            &[("description", "x")],
        )
        .await;
    assert_eq!(s, 403);
}

#[tokio::test]
async fn changes_are_tracked_to_the_user_or_realuser() {
    // B31, B22
    let sb = sandbox().await;
    let raw = Raw::new(&sb);
    let v = raw.post("areas/", &[("site", "1"), ("code", "MINE")]).await;
    let id = v["data"]["id"].as_i64().unwrap();
    let v = raw
        .post(
            "areas/",
            &[("site", "1"), ("code", "FORJ"), ("realuser", "jsmith")],
        )
        .await;
    assert_eq!(v["success"], true, "{v}");
    let id2 = v["data"]["id"].as_i64().unwrap();
    let audit = sb.audit().await.unwrap();
    let mine = audit
        .iter()
        .find(|a| a.record == Some(id) && a.area == "areas")
        .unwrap();
    assert_eq!(
        (mine.loginid.as_str(), mine.realuser.as_deref()),
        ("api", None)
    );
    let theirs = audit
        .iter()
        .find(|a| a.record == Some(id2) && a.area == "areas")
        .unwrap();
    assert_eq!(
        (theirs.loginid.as_str(), theirs.realuser.as_deref()),
        ("api", Some("jsmith"))
    );
    // The typed client's realuser: jsmith sees only site 1.
    let c = sb.client().as_user("jsmith");
    let sites: Vec<l2l_areas::Site> = l2l_areas::Site::query().all(&c).await.unwrap();
    assert_eq!(sites.iter().map(|s| s.site).collect::<Vec<_>>(), [1]);
}

#[tokio::test]
async fn realuser_rules() {
    // B22: only with the auth parameter, only for an admin, only for a subset of sites.
    let sb = sandbox().await;
    let http = reqwest::Client::new();
    let base = sb.api_url();
    let q = |key: &str, real: &str| format!("{base}lines/?site=1&auth={key}&realuser={real}");
    let (s, _) = status_of(http.get(q(sb.api_key(), "jsmith"))).await;
    assert_eq!(s, 200);
    let (s, v) = status_of(http.get(q(&sb.key_for("operator"), "jsmith"))).await;
    assert_eq!(s, 403);
    assert!(v["error"].as_str().unwrap().contains("admin"), "{v}");
    let (s, v) = status_of(
        http.get(format!("{base}lines/?site=1&realuser=jsmith"))
            .header("L2LAUTH", sb.api_key()),
    )
    .await;
    assert_eq!(s, 403);
    assert!(v["error"].as_str().unwrap().contains("auth"), "{v}");
    // siteadmin (site 1) may act for jsmith (site 1), not for manager (sites 1 and 43).
    let (s, _) = status_of(http.get(q(&sb.key_for("siteadmin"), "jsmith"))).await;
    assert_eq!(s, 200);
    let (s, v) = status_of(http.get(q(&sb.key_for("siteadmin"), "manager"))).await;
    assert_eq!(s, 403);
    assert!(v["error"].as_str().unwrap().contains("manager"), "{v}");
    let (s, _) = status_of(http.get(q(sb.api_key(), "nobody"))).await;
    assert_eq!(s, 403);
    // Acting for jsmith, site 43 is out of reach even for the admin key.
    let (s, _) = status_of(http.get(format!(
        "{base}lines/?site=43&auth={}&realuser=jsmith",
        sb.api_key()
    )))
    .await;
    assert_eq!(s, 403);
}

async fn signed_sandbox() -> l2l_sandbox::Sandbox {
    common::builder()
        .signing_secret("Corporate HR Server", "Your-Secret-Key-Goes-Here")
        .signed_endpoint("users/set_externalid")
        .start()
        .await
        .unwrap()
}

#[tokio::test]
async fn signed_calls_are_checked() {
    // B32, B33
    let sb = signed_sandbox().await;
    let ok = sb
        .client_builder()
        .signing("Corporate HR Server", "Your-Secret-Key-Goes-Here")
        .build()
        .unwrap();
    let req = || {
        Request::post("users/set_externalid/jsmith")
            .form("site", "1")
            .form("externalid", "B-42")
    };
    ok.call::<serde::de::IgnoredAny>(req().signed())
        .await
        .unwrap();
    let v = Raw::new(&sb).ok("users/?loginid=jsmith").await;
    assert_eq!(v["data"][0]["externalid"], "B-42");
    // Unsigned.
    let err = sb.client().call::<Value>(req()).await.unwrap_err();
    assert_eq!(err.status(), Some(403), "{err}");
    assert!(err.to_string().contains("must be signed"), "{err}");
    // Signed with another secret.
    let wrong = sb
        .client_builder()
        .signing("Corporate HR Server", "guess")
        .build()
        .unwrap();
    let err = wrong.call::<Value>(req().signed()).await.unwrap_err();
    assert!(err.to_string().contains("does not match"), "{err}");
    // An unknown server name.
    let other = sb.client_builder().signing("Other", "x").build().unwrap();
    let err = other.call::<Value>(req().signed()).await.unwrap_err();
    assert!(err.to_string().contains("Other"), "{err}");
    // Other endpoints need no signature.
    sb.client()
        .list::<Value>(Request::get("sites"))
        .await
        .unwrap();
}

async fn send(sb: &l2l_sandbox::Sandbox, externalid: &str, exp: &str, sig: String) -> (u16, Value) {
    post_form(
        sb,
        &[
            ("site", "1"),
            ("externalid", externalid),
            ("_server", "Corporate HR Server"),
            ("_expiration", exp),
            ("_signature", &sig),
        ],
    )
    .await
}

async fn post_form(sb: &l2l_sandbox::Sandbox, body: &[(&str, &str)]) -> (u16, Value) {
    let http = reqwest::Client::new();
    status_of(
        http.post(format!("{}users/set_externalid/jsmith/", sb.api_url()))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("L2LAUTH", sb.api_key())
            .body(l2l_core::wire::pairs(body.iter().copied())),
    )
    .await
}

#[tokio::test]
async fn tampered_and_expired_signatures_are_refused() {
    // B32, B33, B34: the docs' scheme over the ordered parameter values.
    let sb = signed_sandbox().await;
    let signer = Signer::new("Corporate HR Server", "Your-Secret-Key-Goes-Here");
    let future = "2999-01-01 00:00:00";
    let sig = signer.signature(future, &["1", "B-7"]);
    let (s, v) = send(&sb, "B-7", future, sig.clone()).await;
    assert_eq!((s, &v["success"]), (200, &Value::Bool(true)), "{v}");
    // The same signature over another value.
    let (s, v) = send(&sb, "B-8", future, sig.clone()).await;
    assert_eq!(s, 403, "{v}");
    assert!(v["error"].as_str().unwrap().contains("does not match"));
    // A correct signature that has expired.
    let past = "2020-01-01 00:00:00";
    let (s, v) = send(&sb, "B-7", past, signer.signature(past, &["1", "B-7"])).await;
    assert_eq!(s, 403, "{v}");
    assert!(v["error"].as_str().unwrap().contains("expired"), "{v}");
    // Garbage in the signature.
    let (s, _) = send(&sb, "B-7", future, "%%%not base64".into()).await;
    assert_eq!(s, 403);
    let (s, v) = send(&sb, "B-7", "tomorrow", sig).await;
    assert_eq!(s, 403);
    assert!(v["error"].as_str().unwrap().contains("YYYY-MM-DD"), "{v}");
}
