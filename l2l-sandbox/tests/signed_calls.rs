//! B32, B33, B34: a typed call that names its signed parameters, against a sandbox whose
//! endpoint is configured with the same ordered list (`users/set_active:username,active`),
//! with the docs' worked example's Secret Key, server name and values (`johnsmith`,
//! `True`). Only the expiration differs from the docs' (theirs, 2016, has passed): the
//! client sets now + 15 minutes; `l2l_core::sign`'s unit tests reproduce the docs' exact
//! signature through `Request::sign_with`.

mod common;

use common::{Raw, builder};
use l2l_areas::{Client, Error, NewUser, User};

const SERVER: &str = "Corporate HR Server";
const SECRET: &str = "Your-Secret-Key-Goes-Here";

async fn signed_sandbox() -> l2l_sandbox::Sandbox {
    builder()
        .signing_secret(SERVER, SECRET)
        .signed_endpoint("users/set_active:username,active")
        .start()
        .await
        .unwrap()
}

fn client(sb: &l2l_sandbox::Sandbox, secret: Option<&str>) -> Client {
    let b = sb.client_builder();
    match secret {
        Some(s) => b.signing(SERVER, s),
        None => b,
    }
    .build()
    .unwrap()
}

#[tokio::test]
async fn the_docs_example_call_signed_through_the_typed_client() {
    let sb = signed_sandbox().await;
    let c = client(&sb, Some(SECRET));
    User::create(
        &c,
        &NewUser {
            loginid: "johnsmith".into(),
            active: false,
            ..Default::default()
        },
    )
    .await
    .unwrap();
    User::set_active(&c, "johnsmith", 1, true).await.unwrap();
    let raw = Raw::new(&sb);
    let v = raw.ok("users/?loginid=johnsmith").await;
    assert_eq!(v["data"][0]["active"], true, "{v}");

    // Without a signer the call is refused before it is sent, naming what to configure.
    let err = User::set_active(&client(&sb, None), "johnsmith", 1, false)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Config(_)), "{err}");
    assert!(err.to_string().contains("must be signed"), "{err}");
    // A wrong Secret Key: the sandbox refuses with 403, and the secret never shows.
    let err = User::set_active(&client(&sb, Some("not-the-key")), "johnsmith", 1, false)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Http { status: 403, .. }), "{err}");
    assert!(!format!("{err} {err:?}").contains("not-the-key"));
    assert_eq!(
        raw.ok("users/?loginid=johnsmith").await["data"][0]["active"],
        true
    );
    // Parameters sent in another order still verify: the list, not the form, orders them.
    let (status, v) = raw
        .send(
            "POST",
            "users/set_active/johnsmith/",
            &[
                ("active", "False"),
                ("username", "johnsmith"),
                ("site", "1"),
            ],
        )
        .await;
    assert_eq!(status, 403, "unsigned: {v}");
}
