//! The request forms real integrations send (wild-calls.md, third list), one test each, as
//! raw HTTP: the sandbox takes them all. The one strict rule that stays is the docs': a raw
//! space in the URL's query is a 400 (B04).

mod common;

use common::{Raw, column, sandbox};
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// Sends `request` (a whole HTTP/1.1 request but `Host` and `Connection`) as written, and
/// returns the status and the JSON body.
async fn tcp(addr: std::net::SocketAddr, head: &str, body: &str) -> (u16, Value) {
    let mut s = tokio::net::TcpStream::connect(addr).await.unwrap();
    let req = format!(
        "{head}\r\nHost: localhost\r\nConnection: close\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    s.write_all(req.as_bytes()).await.unwrap();
    let mut out = Vec::new();
    s.read_to_end(&mut out).await.unwrap();
    let text = String::from_utf8_lossy(&out).into_owned();
    let status = text[9..12].parse().unwrap();
    let json = text.split("\r\n\r\n").nth(1).unwrap_or("");
    let v = serde_json::from_str(json).unwrap_or(Value::Null);
    (status, v)
}

/// Opens a dispatch on M-100 (Maintenance) and returns its id.
async fn open_dispatch(raw: &Raw) -> i64 {
    let v = raw
        .post(
            "dispatches/open/",
            &[
                ("site", "1"),
                ("machinecode", "M-100"),
                ("dispatchtypecode", "Maintenance"),
                ("description", "wild"),
                ("trade_required", "false"),
            ],
        )
        .await;
    assert_eq!(v["success"], true, "{v}");
    v["data"]["id"].as_i64().unwrap()
}

#[tokio::test]
async fn no_trailing_slash_and_a_double_slash() {
    let sb = sandbox().await;
    let raw = Raw::new(&sb);
    let with = raw.ok("machines/?site=1").await;
    let without = raw.ok("machines?site=1").await;
    assert_eq!(ids_of(&with), ids_of(&without));
    let double = raw.ok("machines//?site=1").await;
    assert_eq!(ids_of(&with), ids_of(&double));
    // An action without its slash, and a record by id without it.
    let id = open_dispatch(&raw).await;
    let (s, v) = raw
        .send("POST", &format!("dispatches/close/{id}"), &[("site", "1")])
        .await;
    assert_eq!((s, &v["success"]), (200, &Value::Bool(true)), "{v}");
    let v = raw.ok(&format!("dispatches//{id}?site=1")).await;
    assert_eq!(v["data"]["open"], "F");
}

fn ids_of(v: &Value) -> Vec<String> {
    column(v, "id")
}

#[tokio::test]
async fn get_on_write_actions() {
    let sb = sandbox().await;
    let raw = Raw::new(&sb);
    let id = open_dispatch(&raw).await;
    let v = raw.ok(&format!("dispatches/close/{id}/?site=1")).await;
    assert_eq!(v["data"]["open"], "F", "{v}");
    let v = raw
        .ok("pitchdetails/record_details/?site=1&linecode=Line1&productcode=PROD-A&start=now&end=now&actual=5")
        .await;
    assert_eq!(v["success"], true);
    let v = raw.ok(&format!("dispatches/delete/{id}?site=1")).await;
    assert_eq!(v["success"], true);
    let (_, v) = raw.get(&format!("dispatches/{id}/")).await;
    assert_eq!(v["success"], false, "deleted by a GET: {v}");
}

#[tokio::test]
async fn post_on_the_daily_summary() {
    let sb = sandbox().await;
    let raw = Raw::new(&sb);
    let get = raw
        .ok("reporting/production/daily_summary_data_by_line/?site=1&start=2026-01-05%2000:00&end=2026-01-06%2000:00")
        .await;
    let post = raw
        .post(
            "reporting/production/daily_summary_data_by_line/",
            &[
                ("site", "1"),
                ("start", "2026-01-05 00:00"),
                ("end", "2026-01-06 00:00"),
            ],
        )
        .await;
    assert_eq!(post["success"], true, "{post}");
    assert_eq!(get["data"], post["data"]);
}

#[tokio::test]
async fn the_key_only_in_the_l2lauth_header() {
    let sb = sandbox().await;
    let key = sb.api_key();
    let (s, v) = tcp(
        sb.addr(),
        &format!("GET /api/1.0/machines/?site=1 HTTP/1.1\r\nL2LAUTH: {key}"),
        "",
    )
    .await;
    assert_eq!((s, &v["success"]), (200, &Value::Bool(true)), "{v}");
    let (s, v) = tcp(
        sb.addr(),
        &format!(
            "POST /api/1.0/machines/ HTTP/1.1\r\nL2LAUTH: {key}\r\nContent-Type: application/x-www-form-urlencoded"
        ),
        "site=1&code=HDR-1&linecode=Line1",
    )
    .await;
    assert_eq!((s, &v["success"]), (200, &Value::Bool(true)), "{v}");
    assert_eq!(v["data"]["code"], "HDR-1");
}

#[tokio::test]
async fn everything_in_the_query_of_a_post() {
    let sb = sandbox().await;
    let key = sb.api_key();
    let (s, v) = tcp(
        sb.addr(),
        &format!("POST /api/1.0/machines/?auth={key}&site=1&code=QRY-1&linecode=Line1 HTTP/1.1"),
        "",
    )
    .await;
    assert_eq!((s, &v["success"]), (200, &Value::Bool(true)), "{v}");
    assert_eq!(v["data"]["code"], "QRY-1");
}

#[tokio::test]
async fn a_hand_written_form_body_is_parsed_leniently() {
    let sb = sandbox().await;
    let key = sb.api_key();
    let head =
        "POST /api/1.0/machines/ HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded";
    // Raw spaces, a bare `%` and a `:` as written by hand.
    let body = format!(
        "auth={key}&site=1&code=HAND 1&linecode=Line1&description=Pump 3 at 50% (bay 2): ok"
    );
    let (s, v) = tcp(sb.addr(), head, &body).await;
    assert_eq!((s, &v["success"]), (200, &Value::Bool(true)), "{v}");
    assert_eq!(v["data"]["code"], "HAND 1");
    assert_eq!(v["data"]["description"], "Pump 3 at 50% (bay 2): ok");
    // Without a content type too (some send none), and with the line break `echo` leaves.
    let (s, v) = tcp(
        sb.addr(),
        "POST /api/1.0/machines/ HTTP/1.1",
        &format!("auth={key}&site=1&linecode=Line1&code=HAND 2\r\n"),
    )
    .await;
    assert_eq!(
        (s, &v["data"]["code"]),
        (200, &Value::from("HAND 2")),
        "{v}"
    );
    // The URL's query keeps the docs' 400 for a raw space (B04).
    let (s, _) = tcp(
        sb.addr(),
        &format!("GET /api/1.0/lines/?auth={key}&site=1&code=Line 33 HTTP/1.1"),
        "",
    )
    .await;
    assert_eq!(s, 400);
}

#[tokio::test]
async fn empty_javascript_dates_on_clock_in_and_add() {
    let sb = sandbox().await;
    let raw = Raw::new(&sb);
    let v = raw
        .post(
            "users/clock_in/jsmith/",
            &[
                ("site", "1"),
                ("linecode", "Line1"),
                ("start", ""),
                ("end", ""),
            ],
        )
        .await;
    assert_eq!(v["success"], true, "{v}");
    let v = raw
        .post(
            "dispatches/add/",
            &[
                ("site", "1"),
                ("machinecode", "M-101"),
                ("dispatchtypecode", "Quality"),
                ("description", "from a JS form"),
                ("trade_required", "false"),
                ("start", ""),
                ("end", ""),
                ("reported", ""),
                ("completed", ""),
            ],
        )
        .await;
    assert_eq!(v["success"], true, "{v}");
    assert_eq!(v["data"]["open"], "F");
}

#[tokio::test]
async fn inactive_f_instead_of_active_true() {
    let sb = sandbox().await;
    let raw = Raw::new(&sb);
    let active = raw.ok("lines/?site=1&active=true").await;
    let not_inactive = raw.ok("lines/?site=1&inactive=F").await;
    assert!(!column(&active, "id").is_empty());
    assert_eq!(column(&active, "id"), column(&not_inactive, "id"));
    let inactive = raw.ok("lines/?site=1&inactive=T").await;
    let inactive_ids = column(&inactive, "id");
    assert!(
        column(&active, "id")
            .iter()
            .all(|i| !inactive_ids.contains(i))
    );
}

#[tokio::test]
async fn area_id_and_line_id_aliases() {
    let sb = sandbox().await;
    let raw = Raw::new(&sb);
    let weld = raw.ok("areas/?site=1&code=WELD").await["data"][0]["id"].clone();
    let by_alias = raw.ok(&format!("lines/?site=1&area_id={weld}")).await;
    let by_field = raw.ok(&format!("lines/?site=1&area={weld}")).await;
    assert_eq!(column(&by_alias, "code"), ["WeldLine"]);
    assert_eq!(column(&by_alias, "id"), column(&by_field, "id"));
    let line1 = raw.ok("lines/?site=1&code=Line1").await["data"][0]["id"].clone();
    let v = raw.ok(&format!("machines/?site=1&line_id={line1}")).await;
    assert_eq!(column(&v, "code"), ["M-100", "M-101"]);
}

#[tokio::test]
async fn no_site_where_the_key_has_one_site() {
    let sb = sandbox().await;
    let mut raw = Raw::new(&sb);
    raw.key = format!("{}-jsmith", sb.api_key());
    let with = raw.ok("machines/?site=1").await;
    let without = raw.ok("machines/").await;
    assert_eq!(column(&with, "id"), column(&without, "id"));
    let lines = raw.ok("lines/").await;
    assert!(column(&lines, "code").contains(&"Line1".to_owned()));
    assert!(!column(&lines, "code").contains(&"Line43".to_owned()));
}

#[tokio::test]
async fn dates_in_every_javascript_spelling() {
    let sb = sandbox().await;
    let raw = Raw::new(&sb);
    for (i, (reported, completed, stored)) in [
        (
            "2026-01-05 06:30:00",
            "2026-01-05 07:00:00",
            "2026-01-05 06:30:00.000",
        ),
        (
            "2026-01-05 06:30",
            "2026-01-05 07:00",
            "2026-01-05 06:30:00.000",
        ),
        (
            "2026-01-05T06:30:00",
            "2026-01-05T07:00",
            "2026-01-05 06:30:00.000",
        ),
        (
            "2026-1-5 6:30",
            "2026-1-5 7:00:05",
            "2026-01-05 06:30:00.000",
        ),
        ("2026-1-5T6:30:7", "2026-1-5T7:0", "2026-01-05 06:30:07.000"),
    ]
    .into_iter()
    .enumerate()
    {
        let v = raw
            .post(
                "dispatches/add/",
                &[
                    ("site", "1"),
                    ("machinecode", "M-200"),
                    ("dispatchtypecode", "Quality"),
                    ("description", &format!("js date {i}")),
                    ("trade_required", "false"),
                    ("reported", reported),
                    ("completed", completed),
                ],
            )
            .await;
        assert_eq!(v["success"], true, "{reported}: {v}");
        assert_eq!(v["data"]["reported"], stored, "{reported}: {v}");
    }
}
