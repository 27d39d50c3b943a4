//! Shared by the end-to-end tests: a sandbox started in this process (on its own runtime)
//! and the built `l2l` binary run against it, with a clean environment.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use l2l_sandbox::{Sandbox, Seed};
use serde_json::Value;

/// A sandbox serving while the test runs the binary, and a scratch directory.
pub struct Env {
    rt: tokio::runtime::Runtime,
    sandbox: Option<Sandbox>,
    pub base_url: String,
    pub key: String,
    pub dir: PathBuf,
}

impl Env {
    /// A sandbox with the demo data.
    pub fn demo(name: &str) -> Env {
        Env::start(name, Seed::Demo)
    }

    /// A sandbox with the demo data and `n` more machines (ids after the demo's).
    pub fn machines(name: &str, n: u64) -> Env {
        Env::start(
            name,
            Seed::Bulk {
                count: n,
                area: Some("machines".into()),
            },
        )
    }

    fn start(name: &str, seed: Seed) -> Env {
        Env::with(name, Sandbox::builder().seed(seed))
    }

    /// A sandbox started from `builder` (extra areas, signing secrets, ...).
    pub fn with(name: &str, builder: l2l_sandbox::SandboxBuilder) -> Env {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("a runtime");
        let sandbox = rt.block_on(builder.start()).expect("the sandbox starts");
        let dir = std::env::temp_dir().join(format!("l2l-cli-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("a scratch directory");
        Env {
            base_url: sandbox.base_url(),
            key: sandbox.api_key().to_owned(),
            sandbox: Some(sandbox),
            rt,
            dir,
        }
    }

    /// The sandbox.
    pub fn sandbox(&self) -> &Sandbox {
        self.sandbox.as_ref().expect("running")
    }

    /// Runs `f` on the sandbox's runtime.
    pub fn block_on<T>(&self, f: impl std::future::Future<Output = T>) -> T {
        self.rt.block_on(f)
    }

    /// Requests the sandbox has answered so far.
    pub fn requests(&self) -> u64 {
        self.sandbox().stats().requests
    }

    /// A path in the scratch directory.
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    /// `l2l` with no L2L_* variables but the sandbox's URL and key, and a home without a
    /// config file.
    pub fn l2l(&self) -> Command {
        let mut c = bare(&self.dir);
        c.env("L2L_BASE_URL", &self.base_url)
            .env("L2L_API_KEY", &self.key);
        c
    }

    /// Runs `l2l ARGS` and returns stdout, failing the test when it fails.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.l2l().args(args).output().expect("l2l runs");
        assert!(
            out.status.success(),
            "l2l {args:?} failed ({:?}):\n{}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8 output")
    }

    /// Runs `l2l ARGS` expecting a failure; returns the output.
    pub fn fails(&self, args: &[&str]) -> Output {
        let out = self.l2l().args(args).output().expect("l2l runs");
        assert!(
            !out.status.success(),
            "l2l {args:?} should have failed:\n{}",
            String::from_utf8_lossy(&out.stdout)
        );
        out
    }
}

impl Drop for Env {
    fn drop(&mut self) {
        if let Some(s) = self.sandbox.take() {
            self.rt.block_on(s.shutdown());
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// `l2l` with a clean environment: no L2L_* variables, HOME and XDG_CONFIG_HOME in `home`.
pub fn bare(home: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_l2l"));
    for (k, _) in std::env::vars_os() {
        if k.to_string_lossy().starts_with("L2L_") {
            c.env_remove(k);
        }
    }
    c.env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join(".config"));
    c
}

/// The records of JSON Lines text.
pub fn jsonl(text: &str) -> Vec<Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l:?}")))
        .collect()
}

/// stderr as text.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// One JSON document (panics naming the text when it is not).
pub fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

/// The `id` of each row, in the rows' order.
pub fn ids_of(rows: &[Value]) -> Vec<i64> {
    rows.iter()
        .map(|r| r["id"].as_i64().expect("an id"))
        .collect()
}
