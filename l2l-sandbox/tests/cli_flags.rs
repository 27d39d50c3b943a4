//! The `l2l-sandbox` binary's flags, shared with `l2l sandbox` (`SandboxArgs`): `--host`,
//! `--log-requests` (method, path, status, time; never the key) and the key it was given
//! in its hint.

use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::TcpStream;
use std::process::{Command, Stdio};

/// A plain HTTP/1.1 GET of `path_query` on `host:port`: the status line.
fn get(addr: &str, path_query: &str) -> String {
    let mut s = TcpStream::connect(addr).expect("the sandbox accepts a connection");
    write!(
        s,
        "GET {path_query} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = String::new();
    s.read_to_string(&mut answer).unwrap();
    answer.lines().next().unwrap_or_default().to_owned()
}

#[test]
fn host_log_requests_and_the_key_in_the_hint() {
    let key = "flag-key-7f3a";
    let mut child = Command::new(env!("CARGO_BIN_EXE_l2l-sandbox"))
        .args([
            "--host",
            "127.0.0.2",
            "--port",
            "0",
            "--api-key",
            key,
            "--log-requests",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the sandbox binary starts");
    let mut lines = BufReader::new(child.stdout.take().unwrap())
        .lines()
        .map_while(Result::ok);
    let url = lines
        .find_map(|l| l.strip_prefix("listening on ").map(str::to_owned))
        .expect("the sandbox prints its URL");
    let hint = lines.next().unwrap_or_default();
    // --host: it listens on that address.
    let addr = url
        .strip_prefix("http://")
        .and_then(|u| u.split('/').next())
        .unwrap()
        .to_owned();
    assert!(addr.starts_with("127.0.0.2:"), "{url}");
    let status = get(&addr, &format!("/api/1.0/sites/?auth={key}"));
    let refused = get(&addr, "/api/1.0/nosuch/?auth=wrong");
    let port = addr.rsplit(':').next().unwrap();
    let other = TcpStream::connect(format!("127.0.0.1:{port}"));
    let _ = child.kill();
    let _ = child.wait();
    let mut log = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut log)
        .unwrap();
    assert!(status.contains(" 200 "), "{status}");
    assert!(other.is_err(), "also listening on 127.0.0.1");
    // The key it was given, in its hint.
    assert!(
        hint.starts_with("try: ") && hint.contains(&format!("L2L_API_KEY={key}")),
        "{hint}"
    );
    // --log-requests: method, path, status, time; never the query with its key.
    let lines: Vec<&str> = log.lines().collect();
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("GET /api/1.0/sites/ 200 ") && l.ends_with("ms")),
        "{log}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("GET /api/1.0/nosuch/ 40")),
        "{refused}: {log}"
    );
    assert!(!log.contains(key) && !log.contains("auth="), "{log}");
}

#[test]
fn a_bad_flag_is_named() {
    let out = Command::new(env!("CARGO_BIN_EXE_l2l-sandbox"))
        .args(["--port", "0", "--faults", "2"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--faults takes a share from 0 to 1"), "{err}");
}
