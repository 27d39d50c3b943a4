//! `l2l codegen` end to end: for every built-in area, the struct generated from the
//! sandbox's demo data compiles in a crate of its own and decodes the same records.
//!
//! All structs go into one temporary crate (one module each) whose main decodes the records
//! this test fetched with `l2l call` and prints each area's count and ids. It is built with
//! one `cargo run`, in this test's own target dir, so that its dependencies are reused.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::Env;
use serde_json::Value;

const SAMPLE: &str = "500";

fn scoped(a: &l2l_areas::AreaSchema) -> bool {
    a.scope == l2l_areas::Scope::Site
}

/// The records `l2l codegen` reads: the first page of the area (site 1 when scoped).
fn records(env: &Env, a: &l2l_areas::AreaSchema) -> Vec<Value> {
    let mut args = vec!["call", "GET", a.path, "limit=500"];
    if scoped(a) {
        args.push("site=1");
    }
    let body: Value = serde_json::from_str(&env.ok(&args)).expect("call prints JSON");
    match body.get("data") {
        Some(Value::Array(v)) => v.clone(),
        other => panic!("{}: no data list: {other:?}", a.path),
    }
}

/// The workspace's root, this crate's manifest and the test's target dir.
fn dirs() -> (PathBuf, PathBuf, PathBuf) {
    let cli = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let root = cli.parent().expect("a workspace root").to_path_buf();
    // .../target/debug/l2l
    let target = Path::new(env!("CARGO_BIN_EXE_l2l"))
        .parent()
        .and_then(Path::parent)
        .expect("the target dir")
        .to_path_buf();
    (root, cli, target)
}

/// `path = "x"` entries of a dependency table made absolute (relative to `base`).
fn absolute_paths(deps: &mut toml::Table, base: &Path) {
    for (_, spec) in deps.iter_mut() {
        if let Some(t) = spec.as_table_mut()
            && let Some(p) = t.get("path").and_then(|p| p.as_str())
        {
            let abs = base.join(p).canonicalize().expect("a path dependency");
            t.insert("path".into(), abs.display().to_string().into());
        }
    }
}

/// A manifest that depends on l2l-areas (and, only so that the build reuses this test's
/// compiled dependencies with the same features, on what l2l-cli depends on), in a
/// workspace of its own with the root's dependency versions and profiles.
fn manifest(root: &Path, cli: &Path) -> String {
    let read = |p: &Path| -> toml::Table {
        std::fs::read_to_string(p)
            .expect("a manifest")
            .parse()
            .expect("TOML")
    };
    let root_toml = read(&root.join("Cargo.toml"));
    let cli_toml = read(&cli.join("Cargo.toml"));
    let mut ws = root_toml["workspace"]
        .as_table()
        .expect("[workspace]")
        .clone();
    ws.remove("members");
    ws.remove("default-members");
    ws.remove("exclude");
    if let Some(d) = ws.get_mut("dependencies").and_then(|d| d.as_table_mut()) {
        absolute_paths(d, root);
    }
    let mut deps = cli_toml["dependencies"].as_table().expect("deps").clone();
    absolute_paths(&mut deps, cli);
    let mut profile = root_toml
        .get("profile")
        .and_then(|p| p.as_table())
        .cloned()
        .unwrap_or_default();
    // The workspace's own crates are path dependencies here: give them the profile they
    // have as members, so that their compiled artifacts are reused.
    if let Some(dev) = profile.get_mut("dev").and_then(|d| d.as_table_mut()) {
        let member_debug = dev.get("debug").cloned();
        let pkgs = dev
            .entry("package")
            .or_insert_with(|| toml::Table::new().into())
            .as_table_mut()
            .expect("profile.dev.package");
        for member in ["l2l-core", "l2l-derive", "l2l-areas", "l2l-sandbox"] {
            let mut t = toml::Table::new();
            if let Some(d) = &member_debug {
                t.insert("debug".into(), d.clone());
            }
            pkgs.insert(member.into(), t.into());
        }
    }
    let mut m = toml::Table::new();
    let mut package = toml::Table::new();
    package.insert("name".into(), "l2l-codegen-check".into());
    package.insert("version".into(), "0.0.0".into());
    package.insert("edition".into(), "2024".into());
    package.insert("publish".into(), false.into());
    m.insert("package".into(), package.into());
    m.insert("workspace".into(), ws.into());
    m.insert("dependencies".into(), deps.into());
    m.insert("profile".into(), profile.into());
    toml::to_string(&m).expect("a manifest")
}

#[test]
fn generated_structs_compile_and_decode_the_records_they_came_from() {
    // The demo plant and ten more records in every area, so that every area has records.
    let areas = l2l_areas::AREAS.len() as u64;
    let env = Env::with(
        "open-codegen",
        l2l_sandbox::Sandbox::builder().seed(l2l_sandbox::Seed::Bulk {
            count: 10 * areas,
            area: None,
        }),
    );
    // The bulk seed fills the areas that can be written; checklistsanswers (read only,
    // deprecated) gets one answer by hand.
    env.block_on(env.sandbox().with_db(|conn| {
        conn.execute(
            "INSERT INTO a_checklistsanswers (site, answer) VALUES (1, 'yes')",
            [],
        )
    }))
    .unwrap()
    .unwrap();
    // The demo has no pitch detail: add one, so that every area has records.
    env.ok(&[
        "create",
        "pitchdetails",
        "--site",
        "1",
        "--set",
        "line=1",
        "--set",
        "product=1",
        "--set",
        "start=2026-01-05T06:00:00",
        "--set",
        "end=2026-01-05T06:30:00",
        "--set",
        "actual=10",
        "--set",
        "scrap=1",
        "--set",
        "operator_count=2",
    ]);
    let (root, cli, target) = dirs();
    let krate = env.path("gen");
    std::fs::create_dir_all(krate.join("src")).unwrap();
    let data = env.path("data");
    std::fs::create_dir_all(&data).unwrap();
    let mut main = String::from(
        "fn read(dir: &str, path: &str) -> String {\n    \
         std::fs::read_to_string(format!(\"{dir}/{path}.json\")).unwrap()\n}\n\n",
    );
    let mut body = String::from("fn main() {\n    let dir = std::env::args().nth(1).unwrap();\n");
    let mut expected: Vec<String> = Vec::new();
    for a in l2l_areas::AREAS.iter().filter(|a| a.operations.list) {
        let recs = records(&env, a);
        assert!(!recs.is_empty(), "{}: the sandbox has records", a.path);
        let mut args = vec!["codegen", a.path, "--sample", SAMPLE];
        if scoped(a) {
            args.extend(["--site", "1"]);
        }
        let src = env.ok(&args);
        assert!(
            src.contains(&format!("pub struct {} {{", a.name)),
            "{}: {src}",
            a.path
        );
        std::fs::write(
            data.join(format!("{}.json", a.path)),
            serde_json::to_string(&recs).unwrap(),
        )
        .unwrap();
        let ids: Vec<String> = recs
            .iter()
            .map(|r| r["id"].as_i64().expect("an id").to_string())
            .collect();
        expected.push(format!("{} {} {}", a.path, recs.len(), ids.join(",")));
        let m = format!("gen_{}", a.path);
        main.push_str(&format!("mod {m} {{\n{src}}}\n\n"));
        body.push_str(&format!(
            "    match serde_json::from_str::<Vec<{m}::{ty}>>(&read(&dir, {path:?})) {{\n        \
             Ok(rs) => println!(\"{path} {{}} {{}}\", rs.len(), \
             rs.iter().map(|r| r.id.to_string()).collect::<Vec<_>>().join(\",\")),\n        \
             Err(e) => println!(\"{path} failed: {{e}}\"),\n    }}\n",
            ty = a.name,
            path = a.path,
        ));
    }
    body.push_str("}\n");
    main.push_str(&body);
    std::fs::write(krate.join("src/main.rs"), &main).unwrap();
    std::fs::write(krate.join("Cargo.toml"), manifest(&root, &cli)).unwrap();
    std::fs::copy(root.join("Cargo.lock"), krate.join("Cargo.lock")).unwrap();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args(["run", "--offline", "--quiet", "--manifest-path"])
        .arg(krate.join("Cargo.toml"))
        .arg("--")
        .arg(&data)
        .env("CARGO_TARGET_DIR", &target)
        .env_remove("RUSTC_WRAPPER")
        .output()
        .expect("cargo runs");
    assert!(
        out.status.success(),
        "the generated crate failed to build or run:\n{}\n--- main.rs ---\n{main}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got = String::from_utf8(out.stdout).unwrap();
    let got: Vec<&str> = got.lines().collect();
    assert_eq!(got, expected, "each area decodes its records");
}
