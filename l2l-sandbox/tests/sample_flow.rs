//! L2L's own Python sample (les-python3 `api/main.py`) walked against `--seed demo` with
//! EXACTLY the sample's choices: the LAST active area of the paged `areas/` list, the first
//! active line with production in it, the first active machine on that line, the first
//! active dispatch type, and the API user clocking in on that line. Requests are written
//! as the sample writes them (`auth` in the query for reads and in the form for writes,
//! `True` for booleans, site-local times); the effects are checked afterwards.

use l2l_sandbox::{Sandbox, Seed};
use serde_json::Value;

struct Sample {
    http: reqwest::Client,
    api: String,
    key: String,
}

impl Sample {
    async fn get(&self, path: &str, args: &[(&str, String)]) -> Value {
        let mut q: Vec<(&str, String)> = args.to_vec();
        q.push(("auth", self.key.clone()));
        let r = self
            .http
            .get(format!("{}{path}?{}", self.api, encode(&q)))
            .send()
            .await
            .expect("the request is sent");
        check(path, r).await
    }

    async fn post(&self, path: &str, args: &[(&str, String)]) -> Value {
        let mut form: Vec<(&str, String)> = args.to_vec();
        form.push(("auth", self.key.clone()));
        let r = self
            .http
            .post(format!("{}{path}", self.api))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(encode(&form))
            .send()
            .await
            .expect("the request is sent");
        check(path, r).await
    }
}

/// `k=v&...`, escaped as `requests` escapes a query or a form.
fn encode(args: &[(&str, String)]) -> String {
    l2l_core::wire::pairs(args.iter().map(|(k, v)| (*k, v.as_str())))
}

/// The sample's checks: a non-200 is a system failure, then `success`.
async fn check(path: &str, r: reqwest::Response) -> Value {
    let status = r.status();
    let text = r.text().await.expect("a body");
    assert_eq!(status, 200, "{path}: {text}");
    let v: Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(v["success"], true, "{path}: {v}");
    v
}

fn s(v: impl ToString) -> String {
    v.to_string()
}

fn data(v: &Value) -> &Vec<Value> {
    v["data"].as_array().expect("a list in data")
}

#[tokio::test]
async fn l2l_python_sample_runs_unmodified_on_the_demo_plant() {
    let sb = Sandbox::builder().seed(Seed::Demo).start().await.unwrap();
    let sample = Sample {
        http: reqwest::Client::new(),
        api: sb.api_url(),
        key: sb.api_key().to_owned(),
    };
    let site = s(1);
    let on_site = |more: &[(&'static str, String)]| {
        let mut v = vec![("site", site.clone())];
        v.extend_from_slice(more);
        v
    };

    // 1. The test-site check.
    let sites = sample
        .get(
            "sites/",
            &on_site(&[("active", s("True")), ("test_site", s("True"))]),
        )
        .await;
    assert_eq!(data(&sites).len(), 1);
    let zone = l2l_sandbox::site_zone(data(&sites)[0]["timezone"].as_str().expect("a time zone"))
        .expect("a known time zone");

    // 2. Areas, paged two at a time; the sample keeps the LAST active one.
    let (mut areas, mut offset) = (Vec::new(), 0);
    loop {
        let page = sample
            .get(
                "areas/",
                &on_site(&[
                    ("active", s("True")),
                    ("limit", s(2)),
                    ("offset", s(offset)),
                ]),
            )
            .await;
        let n = data(&page).len();
        areas.extend(data(&page).iter().cloned());
        offset += n;
        if n < page["limit"].as_u64().expect("limit") as usize {
            break;
        }
    }
    assert!(areas.len() > 2, "more than one page: {areas:?}");
    let area = areas.last().expect("an area").clone();

    // 3. The first active line with production in that area.
    let lines = sample
        .get(
            "lines/",
            &on_site(&[
                ("area_id", s(&area["id"])),
                ("active", s("True")),
                ("enable_production", s("True")),
            ]),
        )
        .await;
    let line = data(&lines)
        .first()
        .unwrap_or_else(|| panic!("Couldn't find an active line to use in {area}"))
        .clone();
    let linecode = line["code"].as_str().unwrap().to_owned();

    // 4. The first active machine on that line.
    let machines = sample
        .get(
            "machines/",
            &on_site(&[("line_id", s(&line["id"])), ("active", s("True"))]),
        )
        .await;
    let machine = data(&machines).first().expect("a machine").clone();
    let (machine_id, machine_code) = (
        machine["id"].as_i64().unwrap(),
        machine["code"].as_str().unwrap().to_owned(),
    );

    // 5. The first active dispatch type.
    let types = sample
        .get("dispatchtypes/", &on_site(&[("active", s("True"))]))
        .await;
    let dtype = data(&types).first().expect("a dispatch type").clone();

    // 6. The API user clocks in and out on that line, then a backdated clock-in.
    sample
        .post(
            "users/clock_in/api/",
            &on_site(&[("linecode", linecode.clone())]),
        )
        .await;
    sample.post("users/clock_out/api/", &on_site(&[])).await;
    let local_now = jiff::Timestamp::now()
        .to_zoned_datetime(zone.clone())
        .datetime();
    let end = local_now - jiff::SignedDuration::from_hours(1);
    let start = end - jiff::SignedDuration::from_hours(8);
    let minutes = |t: jiff::civil::DateTime| t.strftime("%Y-%m-%d %H:%M").to_string();
    sample
        .post(
            "users/clock_in/api/",
            &on_site(&[
                ("linecode", linecode.clone()),
                ("start", minutes(start)),
                ("end", minutes(end)),
            ]),
        )
        .await;

    // 7. Cycle counts: set 800, then add 37.
    sample
        .post(
            "machines/set_cycle_count/",
            &on_site(&[("code", machine_code.clone()), ("cyclecount", s(800))]),
        )
        .await;
    sample
        .post(
            "machines/increment_cycle_count/",
            &on_site(&[
                ("code", machine_code.clone()),
                ("cyclecount", s(37)),
                ("skip_lastupdated", s(1)),
            ]),
        )
        .await;

    // 8. Open and close a dispatch; add a closed (backdated) one.
    let opened = sample
        .post(
            "dispatches/open/",
            &on_site(&[
                ("dispatchtype", s(&dtype["id"])),
                ("machine", s(machine_id)),
                ("description", s("Test dispatch from the sample")),
            ]),
        )
        .await;
    let dispatch = opened["data"]["id"].as_i64().expect("a dispatch id");
    sample
        .post(&format!("dispatches/close/{dispatch}/"), &on_site(&[]))
        .await;
    let seconds = |t: jiff::civil::DateTime| t.strftime("%Y-%m-%d %H:%M:%S").to_string();
    let reported = local_now - jiff::SignedDuration::from_mins(30);
    sample
        .post(
            "dispatches/add/",
            &on_site(&[
                ("dispatchtypecode", s(dtype["code"].as_str().unwrap())),
                ("machinecode", machine_code.clone()),
                ("description", s("Downtime logged by the sample")),
                ("reported", seconds(reported)),
                ("completed", seconds(local_now)),
            ]),
        )
        .await;

    // 9. Pitch details, then the daily summary of that line.
    let product = format!("testproduct-{}", jiff::Timestamp::now().as_second());
    sample
        .post(
            "pitchdetails/record_details/",
            &on_site(&[
                ("linecode", linecode.clone()),
                ("productcode", product.clone()),
                ("start", s("now")),
                ("end", s("now")),
                ("actual", s(12)),
                ("scrap", s(1)),
                ("operator_count", s(2)),
            ]),
        )
        .await;
    let today = local_now.date();
    let summary = sample
        .get(
            "reporting/production/daily_summary_data_by_line/",
            &on_site(&[
                ("start", format!("{today} 00:00")),
                ("end", format!("{} 00:00", today.tomorrow().unwrap())),
                ("linecode", linecode.clone()),
                ("show_products", s("True")),
            ]),
        )
        .await;

    // The effects.
    assert_eq!(area["code"], "WELD", "the demo's last active area");
    let m = sample.get(&format!("machines/{machine_id}/"), &[]).await;
    assert_eq!(m["data"]["cyclecount"], 837);
    let d = sample.get(&format!("dispatches/{dispatch}/"), &[]).await;
    assert_eq!(d["data"]["open"], "F");
    assert!(d["data"]["completed"].is_string(), "{d}");
    let added = sample
        .get(
            "dispatches/",
            &on_site(&[("machine", s(machine_id)), ("reported", seconds(reported))]),
        )
        .await;
    assert_eq!(data(&added).len(), 1, "the backdated dispatch is stored");
    assert_eq!(data(&added)[0]["open"], "F");
    let backdated = sample
        .get(
            "usertimes/",
            &on_site(&[("start", format!("{}:00", minutes(start)))]),
        )
        .await;
    assert_eq!(
        data(&backdated).len(),
        1,
        "the backdated clock-in is stored"
    );
    let rows: Vec<&Value> = data(&summary)
        .iter()
        .filter(|r| r["product"] == product.as_str())
        .collect();
    assert_eq!(rows.len(), 1, "{summary}");
    assert_eq!(
        rows[0]["actual"].as_str().map(|a| a.parse::<f64>()),
        Some(Ok(12.0))
    );
}
