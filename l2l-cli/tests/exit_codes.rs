//! Issue 22: each kind of failure has its own exit code, produced here by a real situation
//! against the sandbox (or a closed port), and listed in `l2l --help`.

mod common;

use std::time::{Duration, Instant};

use common::{Env, bare, stderr};

/// A port on 127.0.0.1 where nothing listens.
fn closed_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
    l.local_addr().expect("an address").port()
}

#[test]
fn a_bad_flag_and_a_value_refused_before_sending_exit_2() {
    let env = Env::demo("exit-usage");
    let o = env.fails(&["list", "machines", "--no-such-flag"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let before = env.requests();
    let o = env.fails(&["list", "machines", "--site", "1", "--fields", "cod"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(env.requests(), before, "nothing was sent");
}

#[test]
fn a_wrong_key_exits_3() {
    let env = Env::demo("exit-auth");
    let o = env
        .l2l()
        .env("L2L_API_KEY", "not-the-key")
        .args(["list", "sites"])
        .output()
        .expect("l2l runs");
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(3), "{err}");
    assert!(
        !err.contains("not-the-key"),
        "the key is never printed: {err}"
    );
}

#[test]
fn a_forbidden_area_exits_3() {
    let env = Env::with(
        "exit-forbidden",
        l2l_sandbox::Sandbox::builder().forbid("scrapdetail"),
    );
    let o = env.fails(&["list", "scrapdetail", "--site", "1"]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
}

#[test]
fn an_unknown_record_exits_4() {
    let env = Env::demo("exit-not-found");
    let o = env.fails(&["get", "machines", "999999"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(4), "{err}");
    assert!(err.contains("not found"), "{err}");
}

#[test]
fn a_refused_write_exits_5_and_says_each_message_once() {
    // B08: HTTP 200 with `success: false` is a failure.
    let env = Env::demo("exit-refused");
    let o = env.fails(&[
        "create",
        "machines",
        "--site",
        "1",
        "--set",
        "description=x",
    ]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(5), "{err}");
    assert_eq!(
        err.matches("`code` is required").count(),
        1,
        "the server's `error` and `errors` are said once: {err}"
    );
}

#[test]
fn a_closed_port_exits_6_at_once() {
    let home = std::env::temp_dir().join(format!("l2l-cli-exit-closed-{}", std::process::id()));
    std::fs::create_dir_all(&home).expect("a scratch directory");
    let started = Instant::now();
    let o = bare(&home)
        .env(
            "L2L_BASE_URL",
            format!("http://127.0.0.1:{}", closed_port()),
        )
        .env("L2L_API_KEY", "k")
        .args(["list", "sites"])
        .output()
        .expect("l2l runs");
    let took = started.elapsed();
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(6), "{err}");
    assert!(err.contains("hint: is the server running?"), "{err}");
    // Five retries took about 11 s before: one attempt now.
    assert!(took < Duration::from_secs(5), "no retries: {took:?}");
    let _ = std::fs::remove_dir_all(&home);
}

#[test]
fn an_untrusted_certificate_exits_6_at_once_with_its_hint() {
    let env = Env::with("exit-tls", l2l_sandbox::Sandbox::builder().tls(true));
    assert!(env.base_url.starts_with("https://"), "{}", env.base_url);
    let started = Instant::now();
    let o = env.fails(&["list", "sites"]);
    let took = started.elapsed();
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(6), "{err}");
    assert!(
        err.contains("hint: trust the server's certificate"),
        "{err}"
    );
    assert!(took < Duration::from_secs(5), "no retries: {took:?}");
    assert_eq!(env.requests(), 0, "no request got through");
}

#[test]
fn a_server_that_always_fails_exits_7_after_the_retries() {
    // B09: 500s are retried, then reported.
    let env = Env::demo("exit-server");
    env.sandbox()
        .faults()
        .script(vec![l2l_sandbox::Fault::Status(500); 50]);
    let before = env.requests();
    let o = env.fails(&["--retries", "2", "list", "sites"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(7), "{err}");
    assert!(err.contains("HTTP 500"), "{err}");
    assert!(
        env.requests() - before >= 3,
        "one try and two retries: {}",
        env.requests() - before
    );
}

#[test]
fn the_help_lists_every_exit_code() {
    let home = std::env::temp_dir().join(format!("l2l-cli-exit-help-{}", std::process::id()));
    let o = bare(&home).arg("--help").output().expect("l2l runs");
    assert!(o.status.success());
    let help = String::from_utf8_lossy(&o.stdout);
    for line in [
        "Exit codes:",
        "  2    usage",
        "  3    authentication or permission",
        "  4    not found",
        "  5    refused by L2L",
        "  6    cannot reach the server",
        "  7    server failure after the retries",
        "  130  interrupted",
    ] {
        assert!(help.contains(line), "{line:?} in:\n{help}");
    }
}
