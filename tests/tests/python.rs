//! The Python package's pytest suite (`l2l-python/ci.sh`: a virtualenv, the wheel built by
//! `pip install ./l2l-python` with maturin from PyPI, then pytest), run by
//! `cargo test --workspace` so that one command runs every test.
//!
//! Without python3 the suite is skipped with a message, unless `CI` is set: then it fails.

use std::process::Command;

#[test]
fn the_python_package_passes_its_pytest_suite() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let has_python = Command::new("python3")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_python {
        assert!(std::env::var_os("CI").is_none(), "python3 is needed in CI");
        eprintln!("skipped: no python3");
        return;
    }
    let out = Command::new("bash")
        .arg(root.join("l2l-python/ci.sh"))
        .output()
        .expect("bash runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "the pytest suite failed:\n{text}");
    assert!(text.contains(" passed"), "pytest ran no test:\n{text}");
    assert!(
        !text.contains(" skipped"),
        "no test may be skipped:\n{text}"
    );
}
