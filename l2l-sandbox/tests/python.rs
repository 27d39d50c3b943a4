//! L2L's sample integration flow and the docs' Python examples, as Python `requests`
//! scripts run against the sandbox binary over https (the CA file trusted with `verify=`).
//!
//! When `python3 -c "import requests"` fails they FAIL if the environment variable `CI` is
//! set (CI installs requests with pip, so a missing one is a broken CI), and are skipped
//! with a message otherwise (a developer's machine without requests).

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

fn python_with_requests() -> bool {
    Command::new("python3")
        .args(["-c", "import requests"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Whether the test can run: true with `requests`; without it, a panic under CI and a
/// skip (with a message) elsewhere.
fn python_ready(test: &str) -> bool {
    if python_with_requests() {
        return true;
    }
    let why = "`python3 -c \"import requests\"` failed; install it with `pip install requests`";
    if std::env::var_os("CI").is_some() {
        panic!("{test}: {why} (CI is set, so this is a failure, not a skip)");
    }
    println!("SKIPPED {test}: {why}");
    false
}

/// The sandbox binary, killed when dropped.
struct Server {
    child: Child,
    url: String,
    key: String,
    cert: PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_file(&self.cert);
    }
}

fn start(name: &str) -> Server {
    let cert = std::env::temp_dir().join(format!("l2l-sandbox-{name}-{}.pem", std::process::id()));
    let key = format!("py-{name}-key");
    let mut child = Command::new(env!("CARGO_BIN_EXE_l2l-sandbox"))
        .args([
            "--port",
            "0",
            "--tls",
            "--seed",
            "demo",
            "--api-key",
            &key,
            "--cert",
        ])
        .arg(&cert)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("the sandbox binary starts");
    let stdout = child.stdout.take().unwrap();
    let mut url = None;
    for line in BufReader::new(stdout).lines() {
        let line = line.unwrap();
        println!("sandbox: {line}");
        if let Some(u) = line.strip_prefix("listening on ") {
            url = Some(u.trim_end_matches("/api/1.0/").to_owned());
            break;
        }
    }
    Server {
        child,
        url: url.expect("the sandbox prints its URL"),
        key,
        cert,
    }
}

fn run(script: &str, server: &Server) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/python")
        .join(script);
    let out = Command::new("python3")
        .arg(&path)
        .env("L2L_URL", &server.url)
        .env("L2L_KEY", &server.key)
        .env("L2L_CERT", &server.cert)
        .env("L2L_SITE", "1")
        .output()
        .expect("python3 runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    println!("{stdout}");
    assert!(out.status.success(), "{script} failed:\n{stdout}\n{stderr}");
    assert!(stdout.contains(": ok"), "{stdout}");
}

#[test]
fn l2l_sample_flow_over_https() {
    // Research section 10; B01, B30 (auth in the query and the body), B36-style paging.
    if !python_ready("l2l_sample_flow_over_https") {
        return;
    }
    let server = start("flow");
    assert!(
        server.url.starts_with("https://localhost:"),
        "{}",
        server.url
    );
    run("sample_flow.py", &server);
}

#[test]
fn docs_python_paging_loop_and_post_example() {
    // B38
    if !python_ready("docs_python_paging_loop_and_post_example") {
        return;
    }
    let server = start("docs");
    run("docs_examples.py", &server);
}
