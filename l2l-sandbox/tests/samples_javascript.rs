//! L2L's JavaScript sample (leading2lean/les-javascript `api/index.js`, axios 0.19 and Node's
//! `querystring`) replayed byte for byte against the demo plant: the requests below are the
//! ones the sample sent through a logging proxy (`scripts/run-l2l-samples.sh` runs the sample
//! itself). What the sample does that the Python sample does not:
//!
//! - `inactive=F` instead of `active=True` on every list;
//! - it keeps the LAST line, machine and dispatch type of each list;
//! - `start=&end=` on the backdated clock-in and `reported=&completed=` on `dispatches/add/`
//!   (`querystring` writes a JS `Date` as nothing);
//! - `skip_lastupdate` (sic) on `increment_cycle_count`;
//! - `dispatches/close/<id>` without the trailing slash;
//! - the report's times unpadded (`2026-1-5 00:00`), and in en-US midnight as `24:00`.

use l2l_sandbox::{Sandbox, Seed};
use serde_json::Value;

/// The sample's HTTP: reads with the query as axios writes it, writes as a form body.
struct Js {
    http: reqwest::Client,
    api: String,
    key: String,
}

impl Js {
    /// GET `path?query`, where `KEY` in the query stands for the API key.
    async fn get(&self, path_query: &str) -> Value {
        let url = format!("{}{}", self.api, path_query.replace("KEY", &self.key));
        let r = self.http.get(url).send().await.expect("sent");
        envelope(path_query, r).await
    }

    /// POST `body` (form-encoded, `KEY` standing for the API key) to `path`.
    async fn post(&self, path: &str, body: &str) -> Value {
        let r = self
            .http
            .post(format!("{}{path}", self.api))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body.replace("KEY", &self.key))
            .send()
            .await
            .expect("sent");
        envelope(path, r).await
    }

    /// The sample's `checkResponse`: HTTP 200 and `success`.
    async fn ok(&self, v: Value, what: &str) -> Value {
        assert_eq!(v["success"], true, "{what}: {v}");
        v
    }
}

async fn envelope(what: &str, r: reqwest::Response) -> Value {
    let status = r.status();
    let text = r.text().await.expect("a body");
    assert_eq!(status, 200, "{what}: {text}");
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{what}: {e}: {text}"))
}

fn list(v: &Value) -> &Vec<Value> {
    v["data"].as_array().expect("a list in data")
}

/// `apiDateFormat`: `${y}-${m + 1}-${d} ${hh}:${mm}`, month and day without a zero.
fn api_date_format(d: jiff::civil::Date, hhmm: &str) -> String {
    format!("{}-{}-{} {hhmm}", d.year(), d.month(), d.day())
}

async fn start() -> (Sandbox, Js) {
    let sb = Sandbox::builder().seed(Seed::Demo).start().await.unwrap();
    let js = Js {
        http: reqwest::Client::new(),
        api: sb.api_url(),
        key: sb.api_key().to_owned(),
    };
    (sb, js)
}

#[tokio::test]
async fn l2l_javascript_sample_runs_unmodified_on_the_demo_plant() {
    let (_sb, js) = start().await;
    let sites = js
        .get("sites/?auth=KEY&test_site=true&active=true&site=1")
        .await;
    let sites = js.ok(sites, "sites").await;
    assert_eq!(list(&sites).len(), 1);
    let zone = l2l_sandbox::site_zone(list(&sites)[0]["timezone"].as_str().unwrap())
        .expect("a known time zone");

    // Areas, two a page, with `inactive=F`; the sample keeps the last one.
    let (mut area, mut offset) = (Value::Null, 0);
    loop {
        let page = js
            .get(&format!(
                "areas/?auth=KEY&site=1&inactive=F&limit=2&offset={offset}"
            ))
            .await;
        let page = js.ok(page, "areas").await;
        let rows = list(&page);
        if let Some(last) = rows.last() {
            area = last.clone();
        }
        if rows.len() < 2 {
            break;
        }
        offset += rows.len();
    }
    assert_eq!(area["code"], "WELD", "{area}");

    let lines = js
        .get(&format!(
            "lines/?auth=KEY&site=1&area_id={}&inactive=F&enable_production=true",
            area["id"]
        ))
        .await;
    let line = js.ok(lines, "lines").await["data"]
        .as_array()
        .and_then(|l| l.last().cloned())
        .expect("Couldn't find an active line to use");
    let linecode = line["code"].as_str().unwrap().to_owned();
    let machines = js
        .get(&format!(
            "machines/?auth=KEY&site=1&line_id={}&inactive=F",
            line["id"]
        ))
        .await;
    let machine = list(&js.ok(machines, "machines").await)
        .last()
        .cloned()
        .expect("Couldn't find an active machine to use");
    let code = machine["code"].as_str().unwrap().to_owned();
    let types = js.get("dispatchtypes/?auth=KEY&site=1&inactive=F").await;
    let dtype = list(&js.ok(types, "dispatchtypes").await)
        .last()
        .cloned()
        .expect("Couldn't find an active dispatch type to use");

    // Clock in, out, and the "backdated" clock-in whose times arrive empty.
    let form = format!("auth=KEY&site=1&linecode={linecode}");
    for path in ["users/clock_in/jsmith/", "users/clock_out/jsmith/"] {
        let v = js.post(path, &form).await;
        js.ok(v, path).await;
    }
    let v = js
        .post("users/clock_in/jsmith/", &format!("{form}&start=&end="))
        .await;
    js.ok(v, "clock_in with start= and end=").await;

    // Cycle counts, with the misspelt `skip_lastupdate`.
    let v = js
        .post(
            "machines/set_cycle_count/",
            &format!("auth=KEY&site=1&code={code}&cyclecount=832"),
        )
        .await;
    js.ok(v, "set_cycle_count").await;
    let v = js
        .post(
            "machines/increment_cycle_count/",
            &format!("auth=KEY&site=1&code={code}&cyclecount=5&skip_lastupdate=1"),
        )
        .await;
    assert_eq!(js.ok(v, "increment").await["machine"]["cyclecount"], 837);

    // Open, then close WITHOUT the trailing slash.
    let v = js
        .post(
            "dispatches/open/",
            &format!(
                "auth=KEY&site=1&dispatchtype={}&description=l2lsdk%20test%20dispatch&machine={}",
                dtype["id"], machine["id"]
            ),
        )
        .await;
    let id = js.ok(v, "open").await["data"]["id"]
        .as_i64()
        .expect("an id");
    let v = js
        .post(&format!("dispatches/close/{id}"), "auth=KEY&site=1")
        .await;
    let closed = js.ok(v, "close without a slash").await;
    assert_eq!(
        (closed["data"]["id"].as_i64(), &closed["data"]["open"]),
        (Some(id), &"F".into())
    );

    // The "already closed" dispatch with empty times: stored as finished now.
    let v = js
        .post(
            "dispatches/add/",
            &format!(
                "auth=KEY&site=1&dispatchtypecode={}&description=l2lsdk%20test%20dispatch%20(already%20closed)&machinecode={code}&reported=&completed=",
                dtype["code"].as_str().unwrap().replace(' ', "%20")
            ),
        )
        .await;
    let added = js.ok(v, "add with reported= and completed=").await;
    assert_eq!(added["data"]["open"], "F", "{added}");
    let (reported, completed) = (
        added["data"]["reported"].as_str().expect("reported"),
        added["data"]["completed"].as_str().expect("completed"),
    );
    assert!(completed >= reported, "{added}");

    // Production now, then the day's summary with the sample's unpadded times.
    let product = format!("testproduct-{}", jiff::Timestamp::now().as_millisecond());
    let v = js
        .post(
            "pitchdetails/record_details/",
            &format!("auth=KEY&site=1&linecode={linecode}&productcode={product}&actual=97&scrap=5&operator_count=4&start=now&end=now"),
        )
        .await;
    js.ok(v, "record_details").await;
    let now = jiff::Timestamp::now().to_zoned_datetime(zone).datetime();
    let (today, tomorrow) = (now.date(), now.date().tomorrow().unwrap());
    let hhmm = now.strftime("%H:%M").to_string();
    let summary = js
        .get(&format!(
            "reporting/production/daily_summary_data_by_line/?auth=KEY&site=1&start={}&end={}&linecode={linecode}&show_products=true",
            api_date_format(today, "00:00").replace(' ', "+"),
            api_date_format(tomorrow, &hhmm).replace(' ', "+"),
        ))
        .await;
    let summary = js.ok(summary, "daily summary").await;
    let rows: Vec<&Value> = list(&summary)
        .iter()
        .filter(|r| r["product"] == product.as_str())
        .collect();
    assert_eq!(rows.len(), 1, "{summary}");
    assert_eq!(rows[0]["actual"], "97.00");
}

#[tokio::test]
async fn inactive_f_is_the_negation_of_active() {
    let (sb, js) = start().await;
    let codes = |v: &Value| -> Vec<String> {
        list(v)
            .iter()
            .map(|r| r["code"].as_str().unwrap().to_owned())
            .collect()
    };
    let paint = list(&js.get("areas/?auth=KEY&site=1&code=PAINT").await)[0]["id"].clone();
    let v = js
        .post(
            "areas/",
            &format!("auth=KEY&site=1&id={paint}&active=False"),
        )
        .await;
    js.ok(v, "deactivating PAINT").await;
    for f in ["F", "false", "False", "0"] {
        let v = js
            .get(&format!("areas/?auth=KEY&site=1&inactive={f}"))
            .await;
        assert_eq!(codes(&js.ok(v, f).await), ["ASSY", "WELD"], "inactive={f}");
    }
    let v = js.get("areas/?auth=KEY&site=1&inactive=T").await;
    assert_eq!(codes(&js.ok(v, "T").await), ["PAINT"]);
    let bad = js.get("areas/?auth=KEY&site=1&inactive=maybe").await;
    assert_eq!(bad["success"], false, "{bad}");
    assert!(bad.to_string().contains("`inactive`"), "{bad}");
    drop(sb);
}

#[tokio::test]
async fn the_samples_unpadded_dates_are_read_and_hour_24_is_refused_with_a_hint() {
    let (_sb, js) = start().await;
    // The demo's 2026-01-05 pitch on Line1, asked for as apiDateFormat writes the day.
    let path = "reporting/production/daily_summary_data_by_line/?auth=KEY&site=1&linecode=Line1";
    let v = js
        .get(&format!("{path}&start=2026-1-5+00:00&end=2026-1-6+00:00"))
        .await;
    let v = js.ok(v, "unpadded").await;
    assert_eq!(list(&v)[0]["start_date"], "2026-01-05", "{v}");
    // What en-US Node writes for midnight: refused, as Python's datetime refuses it.
    let v = js
        .get(&format!("{path}&start=2026-1-5+24:00&end=2026-1-6+00:00"))
        .await;
    assert_eq!(v["success"], false, "{v}");
    let error = v["error"].as_str().expect("an error");
    assert!(
        error.contains("`start`") && error.contains("hour 24"),
        "{error}"
    );
}
