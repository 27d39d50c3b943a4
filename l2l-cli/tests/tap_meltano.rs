//! `l2l tap` run by Meltano itself (from PyPI) as a custom extractor, the binary linked as
//! `tap-l2l`, into MeltanoLabs' target-csv: `meltano run tap-l2l target-csv` loads every
//! selected record, keeps the tap's STATE in its own state backend, and a second run loads
//! only what changed.

mod common;
mod tap;

use std::path::Path;
use std::process::Command;

use common::{Env, stderr};

fn meltano_yml(env: &Env, bin: &Path, tap: &Path, out: &Path) -> String {
    format!(
        r#"version: 1
default_environment: dev
environments:
- name: dev
project_id: l2l-tap-test
plugins:
  extractors:
  - name: tap-l2l
    namespace: tap_l2l
    executable: {tap}
    capabilities: [catalog, discover, state, about]
    settings:
    - {{name: base_url}}
    - {{name: api_key, kind: password, sensitive: true}}
    - {{name: site, kind: integer}}
    config:
      base_url: {base}
      api_key: {key}
      site: 1
    select: [machines.*, lines.*]
  loaders:
  - name: target-csv
    namespace: target_csv
    executable: {csv}
    settings:
    - {{name: output_path}}
    config:
      output_path: {out}
"#,
        tap = tap.display(),
        base = env.base_url,
        key = env.key,
        csv = bin.join("target-csv").display(),
        out = out.display(),
    )
}

fn meltano_run(env: &Env, bin: &Path, out: &Path) {
    std::fs::create_dir_all(out).unwrap();
    let o = Command::new(bin.join("meltano"))
        .args(["run", "tap-l2l", "target-csv"])
        .current_dir(&env.dir)
        .env("TARGET_CSV_OUTPUT_PATH", out)
        .env("MELTANO_SEND_ANONYMOUS_USAGE_STATS", "false")
        .env(
            "PATH",
            format!(
                "{}:{}",
                bin.display(),
                std::env::var("PATH").unwrap_or_default()
            ),
        )
        .output()
        .expect("meltano runs");
    assert!(o.status.success(), "meltano run failed:\n{}", stderr(&o));
}

#[test]
fn meltano_runs_the_tap_then_only_the_changes() {
    let Some(bin) = tap::venv::bin() else { return };
    let env = Env::demo("tap-meltano");
    let link = env.path("tap-l2l");
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_l2l"), &link).unwrap();
    let out1 = env.path("out1");
    std::fs::write(
        env.path("meltano.yml"),
        meltano_yml(&env, &bin, &link, &out1),
    )
    .unwrap();
    meltano_run(&env, &bin, &out1);
    for area in ["machines", "lines"] {
        let want: Vec<i64> = tap::all_ids(&env, area).into_iter().collect();
        assert_eq!(
            tap::csv_ids(&out1.join(format!("{area}.csv"))),
            want,
            "{area}"
        );
    }
    env.ok(&[
        "update",
        "lines",
        "1",
        "--set",
        "description=Line 1, rebuilt",
    ]);
    let out2 = env.path("out2");
    meltano_run(&env, &bin, &out2);
    assert_eq!(
        tap::csv_ids(&out2.join("lines.csv")),
        [1],
        "only the change"
    );
    assert!(
        tap::csv_ids(&out2.join("machines.csv")).is_empty(),
        "no machine changed"
    );
}
