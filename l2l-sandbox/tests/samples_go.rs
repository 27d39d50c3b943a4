//! L2L's Go sample (leading2lean/les-go `main.go`, net/http) replayed byte for byte against
//! the demo plant: the requests below are the ones the sample sent through a logging proxy
//! (`scripts/run-l2l-samples.sh` runs the sample itself). What it does that the Python
//! sample does not:
//!
//! - its area paging never moves `offset` and stops at once (`len <= limit`), so it keeps
//!   the last area of the FIRST page of two, then that area's first active line (any, not
//!   only with production) and the line's first machine;
//! - every POST also carries the query of the last GET (`active=true&auth=..&site=1`);
//!   `dispatches/close/<id>/` has an EMPTY body, so its key is only in that query;
//! - it decodes clock-in, clock-out and cycle-count answers into a struct whose `data` is a
//!   list (an object there fails `json.Unmarshal`), and dispatch and pitch-detail answers
//!   into one whose `data` is an object with an integer `id`;
//! - it ends with a GET of `pitchdetails/record_details/` (L2L takes GET or POST there).

use l2l_sandbox::{Sandbox, Seed};
use serde_json::Value;

struct Go {
    http: reqwest::Client,
    api: String,
    key: String,
}

impl Go {
    async fn send(&self, req: reqwest::RequestBuilder, what: &str) -> Value {
        let r = req.send().await.expect("sent");
        let status = r.status();
        let text = r.text().await.expect("a body");
        // `respcheck`: anything but 200 panics.
        assert_eq!(status, 200, "{what}: {text}");
        let v: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{what}: {e}"));
        // `datacheck`: success must be true.
        assert_eq!(v["success"], true, "{what}: {v}");
        v
    }

    /// GET `path?query` (`KEY` stands for the API key).
    async fn get(&self, path_query: &str) -> Value {
        let url = format!("{}{}", self.api, path_query.replace("KEY", &self.key));
        self.send(self.http.get(url), path_query).await
    }

    /// POST to `path` with the stale query and a form `body` (`KEY`: the API key).
    async fn post(&self, path: &str, body: &str) -> Value {
        let url = format!("{}{path}?active=true&auth={}&site=1", self.api, self.key);
        let req = self
            .http
            .post(url)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body.replace("KEY", &self.key));
        self.send(req, path).await
    }
}

/// `ListResponse`: `data` absent, null or a list of records with an integer `id` (Go's
/// `json.Unmarshal` refuses anything else).
fn list_response(v: &Value, what: &str) -> Vec<Value> {
    match &v["data"] {
        Value::Null => Vec::new(),
        Value::Array(rows) => {
            for r in rows {
                assert!(
                    r["id"].is_i64(),
                    "{what}: a record without an integer id: {r}"
                );
                for text in ["code", "description"] {
                    assert!(
                        r[text].is_string() || r[text].is_null(),
                        "{what}: `{text}` is not a string: {r}"
                    );
                }
            }
            rows.clone()
        }
        other => panic!("{what}: Go cannot decode `data` {other} into []DispatchRecord"),
    }
}

/// `DataResponse`: `data` an object whose `id` is an integer.
fn data_response(v: &Value, what: &str) -> i64 {
    assert!(v["data"].is_object(), "{what}: {v}");
    v["data"]["id"]
        .as_i64()
        .unwrap_or_else(|| panic!("{what}: {v}"))
}

fn go_time(t: jiff::civil::DateTime, layout: &str) -> String {
    t.strftime(layout)
        .to_string()
        .replace(' ', "+")
        .replace(':', "%3A")
}

#[tokio::test]
async fn l2l_go_sample_runs_unmodified_on_the_demo_plant() {
    let sb = Sandbox::builder().seed(Seed::Demo).start().await.unwrap();
    let go = Go {
        http: reqwest::Client::new(),
        api: sb.api_url(),
        key: sb.api_key().to_owned(),
    };
    let v = go
        .get("sites/?active=true&auth=KEY&site=1&test_site=true")
        .await;
    let sites = list_response(&v, "sites");
    assert_eq!(sites.len(), 1, "Invalid test site specified");
    let zone = l2l_sandbox::site_zone(v["data"][0]["timezone"].as_str().unwrap())
        .expect("a known time zone");

    // One page of two areas, the last of it.
    let v = go
        .get("areas/?active=true&auth=KEY&limit=2&offset=0&site=1")
        .await;
    let areas = list_response(&v, "areas");
    assert!(areas.len() <= 2, "the sample stops after this page");
    let area = areas.last().expect("Couldn't find an active area to use");
    assert_eq!(area["code"], "ASSY", "{area}");

    let v = go
        .get(&format!(
            "lines/?active=true&area_id={}&auth=KEY&site=1",
            area["id"]
        ))
        .await;
    let line = list_response(&v, "lines")
        .first()
        .cloned()
        .expect("Couldn't find an active line to use");
    let linecode = line["code"].as_str().unwrap().to_owned();
    let v = go
        .get(&format!(
            "machines/?active=true&auth=KEY&line_id={}&site=1",
            line["id"]
        ))
        .await;
    let machine = list_response(&v, "machines")
        .first()
        .cloned()
        .expect("Couldn't find an active machine to use");
    let code = machine["code"].as_str().unwrap().to_owned();
    let v = go.get("dispatchtypes/?active=true&auth=KEY&site=1").await;
    let dtype = list_response(&v, "dispatchtypes")
        .first()
        .cloned()
        .expect("Couldn't find an active dispatch type to use");

    // Clock in and out, a backdated session (site-local minutes), cycle counts; each answer
    // decodes as a ListResponse.
    let form = format!("auth=KEY&linecode={linecode}&site=1");
    let now = jiff::Timestamp::now().to_zoned_datetime(zone).datetime();
    let start = now - jiff::SignedDuration::from_hours(24 * 7);
    let end = start + jiff::SignedDuration::from_hours(8);
    let (s, e) = (
        go_time(start, "%Y-%m-%d %H:%M"),
        go_time(end, "%Y-%m-%d %H:%M"),
    );
    for (path, body) in [
        ("users/clock_in/jsmith/", form.clone()),
        ("users/clock_out/jsmith/", form.clone()),
        (
            "users/clock_in/jsmith/",
            format!("auth=KEY&end={e}&linecode={linecode}&site=1&start={s}"),
        ),
        (
            "machines/set_cycle_count/",
            format!("auth=KEY&code={code}&cyclecount=832&end={e}&site=1&start={s}"),
        ),
        (
            "machines/increment_cycle_count/",
            format!(
                "auth=KEY&code={code}&cyclecount=5&end={e}&site=1&skip_lastupdated=1&start={s}"
            ),
        ),
    ] {
        let v = go.post(path, &body).await;
        list_response(&v, path);
    }

    // Open, then close with an empty body: the key is only in the stale query.
    let v = go
        .post(
            "dispatches/open/",
            &format!(
                "auth=KEY&description=l2lsdk+test+dispatch&dispatchtype={}&end={e}&machine={}&site=1&start={s}",
                dtype["id"], machine["id"]
            ),
        )
        .await;
    let id = data_response(&v, "open");
    let v = go.post(&format!("dispatches/close/{id}/"), "").await;
    assert_eq!(data_response(&v, "close"), id);
    assert_eq!(v["data"]["open"], "F");

    let reported = now - jiff::SignedDuration::from_hours(24 * 60);
    let completed = reported + jiff::SignedDuration::from_mins(34);
    let v = go
        .post(
            "dispatches/add/",
            &format!(
                "auth=KEY&completed={}&description=l2lsdk+test+dispatch+%28already+closed%29&dispatchtypecode={}&machinecode={code}&reported={}&site=1",
                go_time(completed, "%Y-%m-%d %H:%M"),
                dtype["code"].as_str().unwrap().replace(' ', "+"),
                go_time(reported, "%Y-%m-%d %H:%M"),
            ),
        )
        .await;
    data_response(&v, "add");
    assert_eq!(v["data"]["downtime"], "34.00", "{v}");

    let v = go
        .post(
            "pitchdetails/record_details/",
            &format!("actual=51&auth=KEY&end=now&linecode={linecode}&operator_count=7&productcode=testproduct-3&scrap=17&site=1&start=now"),
        )
        .await;
    data_response(&v, "record_details (POST)");

    // The last call: a GET of record_details, seconds format, from midnight to tomorrow.
    let midnight = now.date().to_datetime(jiff::civil::Time::midnight());
    let tomorrow = now + jiff::SignedDuration::from_hours(24);
    let v = go
        .get(&format!(
            "pitchdetails/record_details/?auth=KEY&end={}&linecode={linecode}&productcode=testproduct-3&show_products=true&site=1&start={}",
            go_time(tomorrow, "%Y-%m-%d %H:%M:%S"),
            go_time(midnight, "%Y-%m-%d %H:%M:%S"),
        ))
        .await;
    data_response(&v, "record_details (GET)");
    assert_eq!(v["data"]["line"], line["id"], "{v}");
}
