//! `--live`: the demo plant keeps running. Three simulated hours from 05:50 roll the
//! pitches over and fill them, count cycles, open and close dispatches with technicians and
//! clock the 06:00 shift in; a seed gives the same plant; at speed, changes reach a reader
//! while the sandbox serves.

mod common;

use std::time::Duration;

use common::Raw;
use l2l_sandbox::{LiveOptions, Sandbox};
use serde_json::Value;

fn held(seed: u64) -> LiveOptions {
    LiveOptions {
        speed: 0.0,
        seed,
        start: Some("2026-01-06T05:50:00".parse().expect("a datetime")),
    }
}

async fn records(raw: &Raw, query: &str) -> Vec<Value> {
    let v = raw.ok(query).await;
    v["data"].as_array().cloned().unwrap_or_default()
}

fn num(v: &Value) -> f64 {
    match v {
        Value::Number(n) => n.as_f64().unwrap_or(0.0),
        Value::String(s) => s.parse().unwrap_or(0.0),
        _ => 0.0,
    }
}

#[tokio::test]
async fn three_hours_of_the_plant_fill_pitches_count_cycles_and_answer_stops() {
    let sb = Sandbox::builder()
        .live(held(7))
        .start()
        .await
        .expect("starts");
    let raw = Raw::new(&sb);
    let machines = |list: Vec<Value>| -> f64 {
        list.iter()
            .find(|m| m["code"] == "M-100")
            .map(|m| num(&m["cyclecount"]))
            .expect("M-100")
    };
    let cycles_before = machines(records(&raw, "machines/?site=1").await);
    sb.advance_live(Duration::from_secs(3 * 3600))
        .await
        .expect("the plant runs");

    // The pitches of 06:00, 07:00 and 08:00 on each line, with what the line made.
    let pitches = records(
        &raw,
        "pitches/?site=1&pitch_start__gte=2026-01-06%2006:00:00&pitch_start__lt=2026-01-06%2009:00:00&limit=100",
    )
    .await;
    assert_eq!(pitches.len(), 9, "{pitches:#?}");
    assert!(
        pitches.iter().all(|p| num(&p["actual"]) > 0.0),
        "{pitches:#?}"
    );
    let details = records(
        &raw,
        "pitchdetails/?site=1&start__gte=2026-01-06%2006:00:00&limit=100",
    )
    .await;
    assert!(details.len() >= 9, "{details:#?}");
    // Cycle counts rose with what Line1 made.
    let cycles_after = machines(records(&raw, "machines/?site=1").await);
    assert!(
        cycles_after > cycles_before + 60.0,
        "{cycles_before} -> {cycles_after}"
    );
    // Stops: dispatches opened by the plant, closed with a technician of the trade.
    let dispatches = records(
        &raw,
        "dispatches/?site=1&reported__gte=2026-01-06%2005:50:00&limit=100",
    )
    .await;
    let closed: Vec<&Value> = dispatches.iter().filter(|d| d["open"] == "F").collect();
    assert!(!closed.is_empty(), "{dispatches:#?}");
    for d in &closed {
        assert!(!d["completed"].is_null(), "{d}");
        assert!(num(&d["downtime"]) >= 5.0, "{d}");
        let techs = records(
            &raw,
            &format!("dispatchtechnicians/?site=1&dispatch={}", d["id"]),
        )
        .await;
        assert_eq!(techs.len(), 1, "{d}: {techs:?}");
        assert!(!techs[0]["end"].is_null(), "{techs:?}");
    }
    // The 06:00 shift clocked in on each line.
    let clocked = records(&raw, "usertimes/?site=1&start=2026-01-06%2006:00:00").await;
    assert_eq!(clocked.len(), 3, "{clocked:#?}");
    sb.shutdown().await;
}

#[tokio::test]
async fn a_seed_gives_the_same_plant() {
    let run = |seed: u64| async move {
        let sb = Sandbox::builder()
            .live(held(seed))
            .start()
            .await
            .expect("starts");
        // Reached in steps or at once: the same minutes.
        for _ in 0..4 {
            sb.advance_live(Duration::from_secs(30 * 60))
                .await
                .expect("runs");
        }
        let d = common::dump(&sb).await;
        sb.shutdown().await;
        d
    };
    let a = run(7).await;
    let once = {
        let sb = Sandbox::builder()
            .live(held(7))
            .start()
            .await
            .expect("starts");
        sb.advance_live(Duration::from_secs(2 * 3600))
            .await
            .expect("runs");
        let d = common::dump(&sb).await;
        sb.shutdown().await;
        d
    };
    assert!(a == once, "two hours in four steps and at once differ");
    let other = run(8).await;
    assert!(a != other, "another seed, another plant");
}

#[tokio::test]
async fn at_speed_a_reader_sees_the_plant_move() {
    // 3,000 simulated seconds a second: fifty minutes of the plant each real second.
    let sb = Sandbox::builder()
        .live(LiveOptions {
            speed: 3000.0,
            ..held(3)
        })
        .start()
        .await
        .expect("starts");
    let raw = Raw::new(&sb);
    let count = |v: Vec<Value>| v.len();
    let before = count(
        records(
            &raw,
            "pitches/?site=1&pitch_start__gte=2026-01-06%2005:00:00&limit=500",
        )
        .await,
    );
    let mut after = before;
    for _ in 0..100 {
        tokio::time::sleep(Duration::from_millis(100)).await;
        after = count(
            records(
                &raw,
                "pitches/?site=1&pitch_start__gte=2026-01-06%2005:00:00&limit=500",
            )
            .await,
        );
        if after >= before + 6 {
            break;
        }
    }
    assert!(after >= before + 6, "{before} -> {after} pitches in 10 s");
    sb.shutdown().await;
}

#[tokio::test]
async fn live_needs_the_demo_plant_and_a_live_sandbox_to_advance() {
    let err = Sandbox::builder()
        .seed(l2l_sandbox::Seed::Empty)
        .live(held(1))
        .start()
        .await
        .expect_err("refused");
    assert!(err.to_string().contains("demo"), "{err}");
    let sb = Sandbox::start().await.expect("starts");
    let err = sb
        .advance_live(Duration::from_secs(60))
        .await
        .expect_err("not live");
    assert!(err.to_string().contains("--live"), "{err}");
    sb.shutdown().await;
}
