//! `--forbid AREA` (`SandboxBuilder::forbid`): an area every key is refused, as a key
//! without permission for it is on a tenant; the other areas serve as before.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use l2l_sandbox::Sandbox;
use serde_json::Value;

async fn get(url: &str, key: &str) -> (u16, Value) {
    let r = reqwest::Client::new()
        .get(url)
        .header("L2LAUTH", key)
        .send()
        .await
        .expect("the sandbox answers");
    let status = r.status().as_u16();
    let text = r.text().await.expect("a body");
    let body = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
    (status, body)
}

#[tokio::test]
async fn a_forbidden_area_answers_403_with_the_envelope_and_the_rest_serve() {
    // B07: the refusal is the envelope, `success: false` with `error`; B31: the key
    // carries its access, and this access lacks one area.
    let sb = Sandbox::builder()
        .forbid("scrapdetail")
        .start()
        .await
        .expect("starts");
    let base = sb.api_url();
    let key = sb.api_key();
    for url in [
        format!("{base}scrapdetail/?site=1"),
        format!("{base}scrapdetail/1/?site=1"),
    ] {
        let (status, body) = get(&url, key).await;
        assert_eq!(status, 403, "{url}: {body}");
        assert_eq!(body["success"], Value::Bool(false), "{body}");
        let error = body["error"].as_str().expect("an error message");
        assert!(
            error.contains("no permission for record area `scrapdetail`"),
            "{error}"
        );
        assert!(!error.contains(key), "the key is not echoed: {error}");
    }
    let (status, body) = get(&format!("{base}machines/?site=1"), key).await;
    assert_eq!(status, 200, "{body}");
    assert!(!body["data"].as_array().expect("records").is_empty());

    // The typed client sees an HTTP 403, which `l2l sync --all` skips.
    let err = l2l_areas::ScrapDetail::query(1)
        .all(&sb.client())
        .await
        .expect_err("refused");
    assert!(
        matches!(err, l2l_areas::Error::Http { status: 403, .. }),
        "{err:?}"
    );
    sb.shutdown().await;
}

#[tokio::test]
async fn forbidding_an_area_the_sandbox_does_not_serve_is_a_clear_error() {
    let err = Sandbox::builder()
        .forbid("scrapdetails")
        .start()
        .await
        .expect_err("refused");
    assert!(
        err.to_string()
            .contains("cannot forbid area `scrapdetails`: the sandbox does not serve it"),
        "{err}"
    );
}

#[tokio::test]
async fn the_binary_takes_forbid() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_l2l-sandbox"))
        .args([
            "--port",
            "0",
            "--api-key",
            "forbid-key",
            "--forbid",
            "dispatches",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("the sandbox binary starts");
    let stdout = child.stdout.take().expect("stdout");
    let url = BufReader::new(stdout)
        .lines()
        .map_while(Result::ok)
        .find_map(|l| l.strip_prefix("listening on ").map(str::to_owned));
    let result = async {
        let base = url.expect("the sandbox prints its URL");
        let (status, body) = get(&format!("{base}dispatches/?site=1"), "forbid-key").await;
        assert_eq!(status, 403, "{body}");
        let (status, body) = get(&format!("{base}lines/?site=1"), "forbid-key").await;
        assert_eq!(status, 200, "{body}");
    };
    let outcome = tokio::spawn(result).await;
    let _ = child.kill();
    let _ = child.wait();
    if let Err(e) = outcome {
        std::panic::resume_unwind(e.into_panic());
    }
}
