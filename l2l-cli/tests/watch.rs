//! `l2l watch dispatches` and `l2l export dispatches` against a sandbox (issue 14): changes
//! printed as JSON Lines when piped, Ctrl-C stopping cleanly, the state file resuming
//! without losing a change; the export job written as JSON Lines.

mod common;

use std::io::{BufRead as _, BufReader, Read as _};
use std::process::{Child, ChildStdout, Stdio};

use common::{Env, jsonl, stderr};
use l2l_areas::{Dispatch, EventDataQuery, OpenDispatch};
use serde_json::Value;

fn watch(env: &Env, extra: &[&str]) -> (Child, BufReader<ChildStdout>) {
    let mut child = env
        .l2l()
        .args(["watch", "dispatches", "--site", "1", "--interval", "0.02"])
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("l2l runs");
    let out = BufReader::new(child.stdout.take().expect("stdout"));
    (child, out)
}

/// The next printed change (blocks until the binary prints it).
fn line(out: &mut BufReader<ChildStdout>) -> Value {
    let mut l = String::new();
    let n = out.read_line(&mut l).expect("read");
    assert!(n > 0, "l2l watch ended early");
    serde_json::from_str(&l).unwrap_or_else(|e| panic!("{e}: {l}"))
}

fn interrupt(child: Child) -> std::process::Output {
    let status = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success());
    child.wait_with_output().expect("it ends")
}

fn key(v: &Value) -> (i64, String, bool) {
    (
        v["id"].as_i64().unwrap(),
        v["description"].as_str().unwrap_or("").to_owned(),
        v["deleted"].as_bool().unwrap(),
    )
}

#[test]
fn watch_prints_changes_stops_on_ctrl_c_and_resumes_from_its_state() {
    let env = Env::demo("watch");
    let c = env.sandbox().client();
    let q = EventDataQuery {
        site: 1,
        lastupdated: Some("2000-01-01 00:00:00".parse().unwrap()),
        deleted: Some(true),
        ..Default::default()
    };
    let start = env
        .block_on(Dispatch::get_event_data(&c, &q))
        .unwrap()
        .max_lastupdated
        .unwrap();
    let state = env.path("watch.state");
    let state_arg = state.to_str().unwrap();
    let since = start.to_string();
    let (child, mut out) = watch(&env, &["--since", &since, "--state", state_arg]);
    let d1 = env
        .block_on(Dispatch::open(
            &c,
            &OpenDispatch::new(1, "Code Red", "M-100", "opened"),
        ))
        .unwrap();
    assert_eq!(key(&line(&mut out)), (d1.id, "opened".into(), false));
    env.block_on(Dispatch::set_description(&c, 1, d1.id, "changed"))
        .unwrap();
    let changed = line(&mut out);
    assert_eq!(key(&changed), (d1.id, "changed".into(), false));
    assert_eq!(changed["machinecode"], "M-100");
    let o = interrupt(child);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("stopped; the next run resumes"),
        "{}",
        stderr(&o)
    );
    let saved: Value = serde_json::from_str(&std::fs::read_to_string(&state).unwrap()).unwrap();
    assert_eq!(saved["site"], 1);

    // Changes made while it is stopped are printed on resume, once, in order.
    env.block_on(Dispatch::delete_action(&c, 1, d1.id)).unwrap();
    let d2 = env
        .block_on(Dispatch::open(
            &c,
            &OpenDispatch::new(1, "Code Red", "M-200", "second"),
        ))
        .unwrap();
    let (child, mut out) = watch(&env, &["--state", state_arg]);
    assert_eq!(key(&line(&mut out)), (d1.id, "changed".into(), true));
    assert_eq!(key(&line(&mut out)), (d2.id, "second".into(), false));
    let d3 = env
        .block_on(Dispatch::open(
            &c,
            &OpenDispatch::new(1, "Code Red", "WLD-01", "third"),
        ))
        .unwrap();
    assert_eq!(key(&line(&mut out)), (d3.id, "third".into(), false));
    let o = interrupt(child);
    assert!(o.status.success(), "{}", stderr(&o));
    // Nothing else was printed after the last change: no change came twice.
    let mut rest = String::new();
    out.read_to_string(&mut rest).unwrap();
    assert!(rest.is_empty(), "{rest}");
}

#[test]
fn watch_and_export_name_bad_input() {
    let env = Env::demo("watch-bad");
    let o = env.fails(&["watch", "machines", "--site", "1"]);
    assert!(
        stderr(&o).contains("knows `dispatches` only, not `machines`"),
        "{}",
        stderr(&o)
    );
    let o = env.fails(&["watch", "dispatches", "--site", "1", "--since", "yesterday"]);
    assert!(
        stderr(&o).contains("--since \"yesterday\" is not a UTC time"),
        "{}",
        stderr(&o)
    );
    let state = env.path("other.state");
    std::fs::write(
        &state,
        r#"{"site": 43, "watermark": "2026-01-01 00:00:00"}"#,
    )
    .unwrap();
    let o = env.fails(&[
        "watch",
        "dispatches",
        "--site",
        "1",
        "--state",
        state.to_str().unwrap(),
    ]);
    assert!(
        stderr(&o).contains("belongs to site 43, not 1"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn export_writes_every_dispatch_of_the_site() {
    let env = Env::demo("export");
    let c = env.sandbox().client();
    env.block_on(Dispatch::open(
        &c,
        &OpenDispatch::new(1, "Code Red", "M-100", "exported"),
    ))
    .unwrap();
    let want: Vec<i64> = env
        .block_on(Dispatch::query(1).all(&c))
        .unwrap()
        .iter()
        .map(|d| d.id)
        .collect();
    let out = env.path("dispatches.jsonl");
    let o = env
        .l2l()
        .args(["export", "dispatches", "--site", "1", "--out"])
        .arg(&out)
        .output()
        .expect("l2l runs");
    assert!(o.status.success(), "{}", stderr(&o));
    let rows = jsonl(&std::fs::read_to_string(&out).unwrap());
    let mut got: Vec<i64> = rows.iter().map(|r| r["id"].as_i64().unwrap()).collect();
    got.sort();
    let mut want = want;
    want.sort();
    assert_eq!(got, want);
    assert!(
        stderr(&o).contains(&format!("exported {} dispatches of site 1", want.len())),
        "{}",
        stderr(&o)
    );
}

// B32, B33: `--secret`/`--server` sign every call of the command over the parameters
// `--sign` names, in that order; the sandbox checks its list per path.
#[test]
fn export_signs_the_parameters_it_is_told_to() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let sb = rt
        .block_on(
            l2l_sandbox::Sandbox::builder()
                .signing_secret("Export Server", "export-secret")
                .signed_endpoint("dispatches/data_export:site")
                .signed_endpoint("sites/asyncjob_status:site")
                .start(),
        )
        .unwrap();
    let dir = std::env::temp_dir().join(format!("l2l-cli-export-signed-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("signed.jsonl");
    let run = |extra: &[&str]| {
        common::bare(&dir)
            .env("L2L_BASE_URL", sb.base_url())
            .env("L2L_API_KEY", sb.api_key())
            .args(["export", "dispatches", "--site", "1", "-q", "--out"])
            .arg(&out)
            .args(extra)
            .output()
            .unwrap()
    };
    let signed = run(&[
        "--secret",
        "export-secret",
        "--server",
        "Export Server",
        "--sign",
        "site",
    ]);
    assert!(signed.status.success(), "{}", stderr(&signed));
    assert!(!jsonl(&std::fs::read_to_string(&out).unwrap()).is_empty());
    let unsigned = run(&[]);
    assert!(!unsigned.status.success());
    assert!(
        stderr(&unsigned).contains("must be signed"),
        "{}",
        stderr(&unsigned)
    );
    let wrong = run(&[
        "--secret",
        "nope",
        "--server",
        "Export Server",
        "--sign",
        "site",
    ]);
    assert!(stderr(&wrong).contains("403"), "{}", stderr(&wrong));
    assert!(!stderr(&wrong).contains("nope"));
    let _ = std::fs::remove_dir_all(&dir);
    rt.block_on(sb.shutdown());
}

#[test]
fn watch_shows_a_live_plant_s_dispatches_as_they_happen() {
    // 6,000 simulated seconds a second: the plant's stops come several a second.
    let env = Env::with(
        "watch-live",
        l2l_sandbox::Sandbox::builder().live(l2l_sandbox::LiveOptions {
            speed: 6000.0,
            seed: 5,
            start: Some("2026-01-06T05:50:00".parse().expect("a datetime")),
        }),
    );
    let (mut child, mut out) = watch(&env, &[]);
    // Never hang the suite: the watcher is killed after a minute, ending its output.
    let pid = child.id();
    std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_secs(60));
        let _ = std::process::Command::new("kill")
            .arg(pid.to_string())
            .status();
    });
    let mut opened = None;
    let mut closed = false;
    for _ in 0..500 {
        let v = line(&mut out);
        if v["dispatchnumber"].as_i64().is_some_and(|n| n > 1001) {
            if v["open"] == "T" && opened.is_none() {
                opened = v["id"].as_i64();
            } else if v["open"] == "F" && v["id"].as_i64() == opened {
                closed = true;
                break;
            }
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        opened.is_some(),
        "no dispatch opened by the plant was printed"
    );
    assert!(closed, "dispatch {opened:?} was printed open, never closed");
}
