//! `l2l demo`: the samples' flow runs to the end on its embedded sandbox and against a
//! named server, and writes nothing to a site that is not a test site.

mod common;

use common::{Env, bare, stderr};

const STEPS: [&str; 8] = [
    "1. Check the test site",
    "2. Page through the areas, two records a page",
    "3. Find a line with production and a machine on it",
    "4. Clock a user in and out",
    "5. Set and increment the machine's cycle count",
    "6. Open and close a dispatch",
    "7. Record production",
    "8. Read the daily production summary",
];

#[test]
fn demo_runs_to_the_end_on_its_own_sandbox() {
    let home = std::env::temp_dir().join(format!("l2l-cli-demo-{}", std::process::id()));
    std::fs::create_dir_all(&home).expect("a home");
    let out = bare(&home).arg("demo").output().expect("l2l runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}\n{}", stderr(&out));
    let mut at = 0;
    for step in STEPS {
        let i = text[at..]
            .find(step)
            .unwrap_or_else(|| panic!("step {step:?} missing or out of order:\n{text}"));
        at += i + step.len();
    }
    for shown in [
        "an active test site",
        "page 2",
        "count     M-100 now at 1025",
        "opened    dispatch",
        "closed    dispatch",
        "open=F",
        "recorded  detail",
        "summary   line Line1 product PROD-A: actual ",
        "Done: 8 steps",
    ] {
        assert!(text.contains(shown), "{shown:?} missing:\n{text}");
    }
    let _ = std::fs::remove_dir_all(&home);
}

#[test]
fn demo_against_a_named_server_writes_only_to_a_test_site() {
    let env = Env::demo("demo-named");
    let before = env.block_on(env.sandbox().audit()).expect("audit").len();
    let out = env.fails(&["demo", "--site", "2"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        err.starts_with(
            "error: site 2 is not exactly one active test site (0 found): the demo writes nothing to it\nhint: "
        ),
        "{err}"
    );
    let after = env.block_on(env.sandbox().audit()).expect("audit").len();
    assert_eq!(after, before, "nothing was written");

    let text = env.ok(&["--throttle", "0", "demo", "--site", "1", "--user", "jsmith"]);
    assert!(
        text.contains(&format!("L2L demo against {}/api/1.0/", env.base_url)),
        "{text}"
    );
    assert!(text.contains("users/clock_in/jsmith/"), "{text}");
    assert!(text.contains("Done: 8 steps"), "{text}");
    let audit = env.block_on(env.sandbox().audit()).expect("audit");
    assert!(audit.len() > after, "the demo wrote to the test site");
    assert!(audit.iter().any(|a| a.area == "dispatches"), "{audit:?}");
}
