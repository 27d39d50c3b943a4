//! A smoke test of the harness: the sync scenario with 2,000 records, both servers and the
//! Rust clients, written into a scratch file. No figure is checked (timings are never
//! asserted), only that the run completes and writes its table and plot.

use std::process::Command;

#[test]
fn sync_runs_end_to_end_with_2000_records() {
    let dir = std::env::temp_dir().join(format!("l2l-bench-smoke-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("benchmarks.md");
    let status = Command::new(env!("CARGO_BIN_EXE_l2l-bench"))
        .args(["--repeat", "1", "--out"])
        .arg(&out)
        .args([
            "sync",
            "--sizes",
            "2000",
            "--servers",
            "memory,sandbox",
            "--clients",
            "typed,hand,download",
        ])
        .status()
        .unwrap();
    assert!(status.success());
    let md = std::fs::read_to_string(&out).unwrap();
    assert!(md.contains("<!-- l2l-bench:sync -->"), "{md}");
    assert!(
        md.contains("| in-memory | 2,000 | l2l `stream()` | keyset |"),
        "{md}"
    );
    assert!(
        md.contains("| sandbox | 2,000 | reqwest + serde_json | keyset |"),
        "{md}"
    );
    assert!(!md.contains("Differences in what the clients read"), "{md}");
    assert!(dir.join("bench-sync.svg").exists());
    std::fs::remove_dir_all(&dir).unwrap();
}
