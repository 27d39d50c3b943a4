//! `l2l demo` finds the test site of a named server by itself (and says when there is
//! none); `l2l sync --all` without `--site` names what it skips; `-q` is quiet; "1 record";
//! a progress display with a total, the time left and a rate people read.

mod common;

use common::{Env, stderr};

#[test]
fn demo_finds_the_test_site_by_itself() {
    // As the README has it: `export L2L_BASE_URL=... L2L_API_KEY=...`, then `l2l demo`.
    let env = Env::demo("ux-demo-site");
    let text = env.ok(&["--throttle", "0", "demo"]);
    assert!(text.contains("(no --site: working in site 1 \""), "{text}");
    assert!(
        text.contains("the tenant's one active test site)"),
        "{text}"
    );
    assert!(text.contains("Done: 8 steps"), "{text}");

    // A tenant without a test site: said so, and nothing is written.
    let env = Env::with(
        "ux-demo-none",
        l2l_sandbox::Sandbox::builder().seed(l2l_sandbox::Seed::Empty),
    );
    let out = env.fails(&["demo"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.starts_with(
            "error: this tenant has no active test site: the demo writes only to a test site\n\
             hint: "
        ),
        "{err}"
    );
    assert!(err.contains("--read-only"), "{err}");
}

#[test]
fn sync_all_without_a_site_names_what_it_skips_and_quiet_is_quiet() {
    let env = Env::demo("ux-sync");
    let db = env.path("tenant.db");
    let to = format!("sqlite:{}", db.display());
    let out = env
        .l2l()
        .args(["sync", "--all", "--to", &to])
        .output()
        .expect("l2l runs");
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    let note = err
        .lines()
        .find(|l| l.starts_with("note: without --site, --all syncs the "))
        .unwrap_or_else(|| panic!("no note of what was skipped: {err}"));
    assert!(
        note.contains("kept for the whole tenant (sites, "),
        "{note}"
    );
    assert!(note.contains("kept per site ("), "{note}");
    assert!(note.contains("machines"), "{note}");
    assert!(note.ends_with("add --site N to sync those too"), "{note}");
    assert!(err.contains("synced 5 records of sites into"), "{err}");
    assert!(!err.contains("of machines"), "{err}");

    // -q: no per-area line, only the note of what is skipped.
    let db2 = env.path("quiet.db");
    let out = env
        .l2l()
        .args([
            "sync",
            "--all",
            "-q",
            "--to",
            &format!("sqlite:{}", db2.display()),
        ])
        .output()
        .expect("l2l runs");
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("note: without --site"), "{err}");
    let out = env
        .l2l()
        .args([
            "sync",
            "machines",
            "--site",
            "1",
            "-q",
            "--to",
            &format!("sqlite:{}", env.path("m.db").display()),
        ])
        .output()
        .expect("l2l runs");
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stderr(&out), "", "-q says nothing when all is well");

    // One record: singular.
    let out = env
        .l2l()
        .args([
            "sync",
            "machines",
            "--site",
            "1",
            "--where",
            "code=M-100",
            "--to",
            &format!("jsonl:{}", env.path("one.jsonl").display()),
        ])
        .output()
        .expect("l2l runs");
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("synced 1 record of machines (site 1) into"),
        "{err}"
    );
    assert!(!err.contains("1 records"), "{err}");
}

/// The display as drawn on a terminal (`script` gives the command one), when `script` is
/// installed.
#[test]
fn sync_progress_shows_a_total_the_time_left_and_a_readable_rate() {
    if std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("`script` is not installed: the terminal display is not checked");
        return;
    }
    let env = Env::machines("ux-progress", 3_000);
    let db = env.path("p.db");
    // Slow enough (40 requests a second, pages of 20) for the display to be drawn a few times.
    let cmd = format!(
        "'{}' --throttle 40 --max-in-flight 2 sync machines --site 1 --page-size 20 --to 'sqlite:{}'",
        env!("CARGO_BIN_EXE_l2l"),
        db.display()
    );
    let out = std::process::Command::new("script")
        .args(["-qec", &cmd, "/dev/null"])
        .env("L2L_BASE_URL", &env.base_url)
        .env("L2L_API_KEY", &env.key)
        .env("HOME", &env.dir)
        .env("TERM", "xterm")
        .env("COLUMNS", "200")
        .output()
        .expect("script runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("synced 3004 records of machines"), "{text}");
    assert!(
        text.contains("machines (site 1): "),
        "the display was drawn: {text}"
    );
    assert!(
        text.contains("/~3,005 records ("),
        "about the total: {text}"
    );
    assert!(text.contains("records/s"), "a rate: {text}");
    assert!(text.contains(" left"), "the time left: {text}");
    let decimals = text
        .split("/s")
        .filter_map(|before| before.rsplit(' ').next())
        .any(|n| n.split('.').nth(1).is_some_and(|d| d.len() > 1));
    assert!(!decimals, "a rate people read: {text}");
}
