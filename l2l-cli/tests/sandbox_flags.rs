//! `l2l sandbox` takes the flags of the `l2l-sandbox` binary from the same definition
//! (`l2l_sandbox::SandboxArgs`): `--host`, `--log-requests` (method, path, status, time;
//! never the key), and shows the key it was given in its hint.

mod common;

use std::io::{BufRead as _, BufReader, Read as _};
use std::process::Stdio;

#[test]
fn l2l_sandbox_takes_host_and_log_requests_and_hints_its_key() {
    let home = std::env::temp_dir().join(format!("l2l-cli-sandbox-flags-{}", std::process::id()));
    std::fs::create_dir_all(&home).expect("a scratch directory");
    let key = "cli-flag-key-91c";
    let mut child = common::bare(&home)
        .args([
            "--api-key",
            key,
            "sandbox",
            "--host",
            "127.0.0.3",
            "--port",
            "0",
            "--log-requests",
            "--readers",
            "1",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("l2l sandbox starts");
    let mut lines = BufReader::new(child.stdout.take().unwrap())
        .lines()
        .map_while(Result::ok);
    let url = lines
        .find_map(|l| l.strip_prefix("listening on ").map(str::to_owned))
        .expect("l2l sandbox prints its URL");
    let hint = lines.next().unwrap_or_default();
    let base = url.trim_end_matches("/api/1.0/").to_owned();
    // The real client, through the URL and key of the hint.
    let list = common::bare(&home)
        .env("L2L_BASE_URL", &base)
        .env("L2L_API_KEY", key)
        .args(["list", "lines", "--site", "1"])
        .output()
        .expect("l2l runs");
    let _ = child.kill();
    let _ = child.wait();
    let mut log = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut log)
        .unwrap();
    assert!(base.starts_with("http://127.0.0.3:"), "{url}");
    assert!(
        list.status.success(),
        "{}",
        String::from_utf8_lossy(&list.stderr)
    );
    assert!(String::from_utf8_lossy(&list.stdout).contains("Line1"));
    assert!(
        hint.contains(&format!("L2L_BASE_URL={base} L2L_API_KEY={key}")),
        "{hint}"
    );
    assert!(
        log.lines()
            .any(|l| l.starts_with("GET /api/1.0/lines/ 200 ") && l.ends_with("ms")),
        "{log}"
    );
    assert!(!log.contains(key), "{log}");
    // A flag out of range is a usage error naming it.
    let bad = common::bare(&home)
        .args(["sandbox", "--port", "0", "--faults", "3"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--faults"));
    let _ = std::fs::remove_dir_all(&home);
}
