//! `l2l completion SHELL` and `l2l man`, generated from the clap definitions: every
//! command is in them, and bash accepts the script.

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
