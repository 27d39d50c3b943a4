//! `l2l completion SHELL` and `l2l man`, generated from the clap definitions: every
//! command is in them, and bash accepts the script; the help says what the commands do now.

mod common;

use common::Env;

#[test]
fn completions_and_the_man_page_name_every_command() {
    let env = Env::demo("completion");
    let commands = [
        "demo",
        "list",
        "sync",
        "sandbox",
        "call",
        "tap",
        "completion",
        "man",
    ];
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let script = env.ok(&["completion", shell]);
        for c in commands {
            assert!(script.contains(c), "{shell} lacks {c}");
        }
    }
    let path = env.path("l2l.bash");
    std::fs::write(&path, env.ok(&["completion", "bash"])).unwrap();
    let o = std::process::Command::new("bash")
        .arg("-n")
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "bash -n: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let man = env.ok(&["man"]);
    assert!(man.contains(".TH l2l 1"), "{man}");
    for c in commands {
        assert!(man.contains(c), "the man page lacks {c}");
    }
    let o = env.fails(&["completion", "tcsh"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn help_says_what_the_commands_do_now() {
    let help = |args: &[&str]| {
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_l2l"))
            .args(args)
            .output()
            .expect("l2l runs");
        assert!(o.status.success(), "{args:?}");
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    let top = help(&["--help"]);
    assert!(
        !top.contains("JSON Lines files"),
        "sync writes databases too:\n{top}"
    );
    for word in ["SQLite", "PostgreSQL", "L2L_CONFIG"] {
        assert!(top.contains(word), "{word} missing from l2l --help");
    }
    let sync = help(&["sync", "--help"]);
    assert!(
        sync.contains("sqlite:") && sync.contains("postgres://"),
        "{sync}"
    );
    let sandbox = help(&["sandbox", "--help"]);
    for flag in [
        "--live",
        "--speed",
        "--import",
        "--host",
        "--log-requests",
        "--latency-ms",
    ] {
        assert!(
            sandbox.contains(flag),
            "{flag} missing from l2l sandbox --help"
        );
    }
    let call = help(&["call", "--help"]);
    for flag in ["--paginate", "--input", "--include"] {
        assert!(call.contains(flag), "{flag} missing from l2l call --help");
    }
}
