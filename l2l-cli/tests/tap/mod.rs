//! Shared by the tap's tests: its config and catalog written for a sandbox, the tap run
//! by the real binary, and its Singer messages read back.
#![allow(dead_code)]

pub mod venv;

use std::collections::BTreeSet;
use std::io::{BufRead as _, BufReader};
use std::path::{Path, PathBuf};
use std::process::Stdio;

use serde_json::{Value, json};

use crate::common::Env;

/// The tap's config file for `env`'s sandbox, site 1.
pub fn config(env: &Env) -> PathBuf {
    let path = env.path("tap-config.json");
    let cfg = json!({"base_url": env.base_url, "api_key": env.key, "site": 1});
    std::fs::write(&path, cfg.to_string()).expect("the config is written");
    path
}

/// `l2l tap --config CONFIG --discover`, parsed.
pub fn discover(env: &Env) -> Value {
    let cfg = config(env);
    let out = env.ok(&["tap", "--config", cfg.to_str().unwrap(), "--discover"]);
    serde_json::from_str(&out).expect("the catalog is JSON")
}

/// The catalog with only `streams` selected (as Meltano's `select` writes it), saved.
pub fn catalog(env: &Env, streams: &[&str]) -> PathBuf {
    let mut c = discover(env);
    for s in c["streams"].as_array_mut().unwrap() {
        let on = streams.contains(&s["tap_stream_id"].as_str().unwrap());
        s["metadata"][0]["metadata"]["selected"] = json!(on);
    }
    let path = env.path("catalog.json");
    std::fs::write(&path, c.to_string()).expect("the catalog is written");
    path
}

/// Runs the tap on `catalog`, from `state` if given; returns its stdout.
pub fn run(env: &Env, catalog: &Path, state: Option<&Value>) -> String {
    let cfg = config(env);
    let mut args = vec![
        "tap".to_owned(),
        "--config".into(),
        cfg.display().to_string(),
        "--catalog".into(),
        catalog.display().to_string(),
    ];
    if let Some(s) = state {
        let p = env.path("state.json");
        std::fs::write(&p, s.to_string()).unwrap();
        args.extend(["--state".into(), p.display().to_string()]);
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    env.ok(&args)
}

/// The messages of the tap's output, each line checked to be one.
pub fn messages(out: &str) -> Vec<Value> {
    out.lines()
        .map(|l| {
            let m: Value = serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}"));
            let t = m["type"].as_str().unwrap_or_else(|| panic!("no type: {l}"));
            assert!(["SCHEMA", "RECORD", "STATE"].contains(&t), "{l}");
            m
        })
        .collect()
}

/// The ids of the RECORD messages of `stream`.
pub fn ids(msgs: &[Value], stream: &str) -> Vec<i64> {
    msgs.iter()
        .filter(|m| m["type"] == "RECORD" && m["stream"] == stream)
        .map(|m| m["record"]["id"].as_i64().expect("an id"))
        .collect()
}

/// The value of the last STATE message.
pub fn last_state(msgs: &[Value]) -> Value {
    msgs.iter()
        .rev()
        .find(|m| m["type"] == "STATE")
        .map(|m| m["value"].clone())
        .expect("a STATE message")
}

/// Every id of an area in the sandbox (site 1), through the CLI.
pub fn all_ids(env: &Env, area: &str) -> BTreeSet<i64> {
    let out = env.ok(&["list", area, "--site", "1", "--fields", "id", "-o", "jsonl"]);
    crate::common::jsonl(&out)
        .iter()
        .map(|r| r["id"].as_i64().unwrap())
        .collect()
}

/// Runs the tap on `catalog` and kills it once a STATE has covered some records and `more`
/// RECORD lines have followed it; returns what it wrote up to then.
pub fn killed_run(env: &Env, catalog: &Path, more: usize) -> String {
    let cfg = config(env);
    let mut child = env
        .l2l()
        .args([
            "tap",
            "--config",
            cfg.to_str().unwrap(),
            "--catalog",
            catalog.to_str().unwrap(),
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the tap runs");
    let mut lines = Vec::new();
    let mut after_state: Option<usize> = None;
    for line in BufReader::new(child.stdout.take().unwrap()).lines() {
        let line = line.unwrap();
        let is_state = line.contains("\"type\":\"STATE\"");
        lines.push(line);
        match after_state.as_mut() {
            None if is_state => after_state = Some(0),
            Some(n) if !is_state => {
                *n += 1;
                if *n == more {
                    break;
                }
            }
            _ => {}
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        after_state == Some(more),
        "the run ended before it could be killed mid-stream"
    );
    lines.join("\n") + "\n"
}

/// The ids in a CSV file written by target-csv (its `id` column), sorted.
pub fn csv_ids(path: &Path) -> Vec<i64> {
    let mut r = csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let col = r
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "id")
        .expect("an id column");
    let mut ids: Vec<i64> = r
        .records()
        .map(|x| x.unwrap()[col].parse().unwrap())
        .collect();
    ids.sort();
    ids
}
