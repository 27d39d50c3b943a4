//! Configuration: profiles of a config file, the environment over the file, and the key
//! kept out of every output.

mod common;

use common::{Env, bare, jsonl, stderr};

/// A config file whose default profile `local` names the sandbox (site 1), followed by
/// `extra`; returns its path and a runner of `l2l --config FILE ARGS`, after checking that
/// the default profile lists the demo's first machine.
fn with_config<'e>(
    env: &'e Env,
    extra: &str,
) -> (
    std::path::PathBuf,
    impl Fn(&[&str]) -> std::process::Output + 'e,
) {
    let config = env.path("l2l.toml");
    let text = format!(
        "default_profile = \"local\"\n\n[profiles.local]\nbase_url = \"{}\"\napi_key = \"{}\"\nsite = 1\n\n{extra}",
        env.base_url, env.key
    );
    std::fs::write(&config, text).expect("write");
    let path = config.clone();
    let run = move |args: &[&str]| {
        bare(&env.dir)
            .arg("--config")
            .arg(&path)
            .args(args)
            .output()
            .expect("l2l runs")
    };
    let o = run(&["list", "machines", "--limit", "1"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        jsonl(&String::from_utf8_lossy(&o.stdout))[0]["code"],
        "M-100"
    );
    (config, run)
}

#[test]
fn profiles_name_the_server_and_the_key() {
    let env = Env::demo("config");
    let (config, run) = with_config(
        &env,
        "[profiles.broken]\nbase_url = \"http://127.0.0.1:1\"\napi_key = \"x\"\nretries = 0\n",
    );

    // Another profile by name; a misspelt one gets a suggestion.
    let o = run(&["--profile", "broken", "list", "sites"]);
    // Issue 22: a server that cannot be reached has its own exit code (6), no longer 1.
    assert_eq!(o.status.code(), Some(6));
    assert!(
        stderr(&o).starts_with("error: could not reach L2L"),
        "{}",
        stderr(&o)
    );
    let o = run(&["--profile", "locl", "list", "sites"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).ends_with("has no profile `locl`\nhint: did you mean `local`?\n"),
        "{}",
        stderr(&o)
    );

    // The environment wins over the file.
    let o = bare(&env.dir)
        .arg("--config")
        .arg(&config)
        .env("L2L_BASE_URL", "http://127.0.0.1:1")
        .args(["--retries", "0", "list", "sites"])
        .output()
        .expect("l2l runs");
    assert!(
        stderr(&o).starts_with("error: could not reach L2L"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn the_default_config_file_is_read_from_home() {
    let env = Env::demo("config-home");
    let dir = env.dir.join(".config").join("l2l");
    std::fs::create_dir_all(&dir).expect("mkdir");
    std::fs::write(
        dir.join("config.toml"),
        format!(
            "[profiles.default]\nbase_url = \"{}\"\napi_key_env = \"MY_SANDBOX_KEY\"\n",
            env.base_url
        ),
    )
    .expect("write");
    let o = bare(&env.dir)
        .env("MY_SANDBOX_KEY", &env.key)
        .args(["list", "sites", "--limit", "1"])
        .output()
        .expect("l2l runs");
    assert!(o.status.success(), "{}", stderr(&o));
    let o = bare(&env.dir)
        .args(["list", "sites"])
        .output()
        .expect("l2l runs");
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "error: the profile reads its API key from $MY_SANDBOX_KEY, which is not set\nhint: export MY_SANDBOX_KEY=<key>, or set api_key in the profile\n"
    );
}

#[test]
fn no_server_named_is_a_clear_error() {
    let home = std::env::temp_dir().join(format!("l2l-cli-noserver-{}", std::process::id()));
    std::fs::create_dir_all(&home).expect("a home");
    let o = bare(&home)
        .args(["list", "sites"])
        .output()
        .expect("l2l runs");
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.starts_with(
            "error: no L2L server is named\nhint: pass --company NAME or --base-url URL"
        ),
        "{err}"
    );
    let o = bare(&home)
        .env("L2L_COMPANY", "acme")
        .args(["list", "sites"])
        .output()
        .expect("l2l runs");
    assert_eq!(
        stderr(&o),
        "error: no API key for https://acme.leading2lean.com\nhint: export L2L_API_KEY=<key>, or set api_key in a profile of the config file\n"
    );
    let _ = std::fs::remove_dir_all(&home);
}

#[test]
fn areas_lists_the_schema() {
    let env = Env::demo("areas");
    let out = env.ok(&["areas", "--format", "table"]);
    assert!(
        out.lines()
            .any(|l| l.starts_with("machines") && l.contains("Machine")),
        "{out}"
    );
    let out = env.ok(&["areas", "machines", "--format", "table"]);
    assert!(
        out.starts_with("machines (Machine): per site (--site N)"),
        "{out}"
    );
    assert!(
        out.lines()
            .any(|l| l.starts_with("code") && l.contains("__gte")),
        "{out}"
    );
    let json = env.ok(&["areas", "dispatches", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(v[0]["path"], "dispatches");
    assert_eq!(v[0]["max_limit"], 2000);
    // Any area path is an area; one that is not declared has no schema to show.
    let o = env.l2l().args(["areas", "dispatchs"]).output().unwrap();
    assert!(o.status.success());
    assert!(o.stdout.is_empty());
    assert_eq!(
        stderr(&o),
        "note: area `dispatchs` is not declared in l2l-areas; filters and fields are sent \
         unchecked (did you mean `dispatches`?)\n`l2l codegen dispatchs --site N` infers its \
         fields from its records\n"
    );
}

// Issue 22 item 11: a mistake in one profile names the file, its line and the profile, and
// leaves the other profiles usable; a TOML syntax error names its line.
#[test]
fn a_broken_profile_is_named_and_the_others_still_work() {
    let env = Env::demo("config-broken-profile");
    let (config, run) = with_config(
        &env,
        "[profiles.typo]\nbase_url = \"http://127.0.0.1:1\"\napi_ky = \"x\"\n",
    );

    let o = run(&["--profile", "typo", "list", "sites"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    let want = format!("{}, line 8, profile `typo`:", config.display());
    assert!(err.contains(&want) && err.contains("api_ky"), "{err}");
    assert!(!err.contains(&env.key), "{err}");

    std::fs::write(&config, "[profiles.local]\nsite = 1\nbase_url = \n").expect("write");
    let o = run(&["list", "sites"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains(&format!("{}, line 3:", config.display())),
        "{err}"
    );
}
