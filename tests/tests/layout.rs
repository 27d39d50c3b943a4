//! How the workspace's code is laid out, checked from its source (docs/layout.md explains
//! it): every crate reads top-down, with no cycle among its top-level modules; the layers
//! that crates document are the ones their code has; no source file is over 450 lines.
//!
//! One reader of the source ([`module_graph`]) serves every crate.

#[path = "support/module_graph/mod.rs"]
mod module_graph;

use std::path::{Path, PathBuf};

use module_graph::ModuleGraph;

/// Every crate of the workspace with a `src` of its own.
const CRATES: [&str; 10] = [
    "l2l-schema",
    "l2l-config",
    "l2l-core",
    "l2l-derive",
    "l2l-areas",
    "l2l-sandbox",
    "l2l-sync",
    "l2l-cli",
    "l2l-bench",
    "l2l-python",
];

/// Crates of one `lib.rs` (their length is still checked).
const SINGLE_FILE: [&str; 1] = ["l2l-config"];

/// The longest a source file may be: past it, a reader scrolls to find its point.
const MAX_LINES: usize = 450;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the workspace holds tests/")
        .to_path_buf()
}

fn graph(krate: &str) -> ModuleGraph {
    let src = workspace().join(krate).join("src");
    ModuleGraph::read(&src).unwrap_or_else(|e| panic!("{}: {e}", src.display()))
}

#[test]
fn no_crate_has_a_module_cycle() {
    let mut found = Vec::new();
    for krate in CRATES {
        // One file, one module: nothing to order.
        if SINGLE_FILE.contains(&krate) {
            continue;
        }
        let g = graph(krate);
        assert!(g.modules.len() > 1, "{krate}: no modules read");
        match g.layers() {
            Some(order) => eprintln!("{krate}, bottom up: {}", order.join(", ")),
            None => found.push(format!("{krate}:\n{}", g.describe_cycles())),
        }
    }
    assert!(found.is_empty(), "module cycles:\n{}", found.join("\n"));
}

/// The reader sees the references that are known to be there, and the layers each crate
/// documents hold: a check that read nothing would pass the test above.
#[test]
fn the_graph_sees_the_documented_layers() {
    let core = graph("l2l-core");
    for m in [
        "error",
        "schema",
        "value",
        "wire",
        "query",
        "record",
        "transport",
        "read",
        "crud",
    ] {
        assert!(core.modules.contains(m), "l2l-core: no module `{m}`");
    }
    assert!(core.uses("error").is_empty(), "the error uses nothing");
    assert!(core.uses("read").contains("transport"));
    assert!(core.uses("read").contains("query"));
    assert!(core.uses("transport").contains("wire"));
    assert!(!core.uses("wire").contains("transport"));
    assert!(!core.uses("query").contains("read"));

    let derive = graph("l2l-derive");
    assert!(derive.uses("expand").contains("ast"));
    assert!(derive.uses("ast").contains("attr"));
    assert!(derive.uses("valid").contains("ctxt"));

    let sandbox = graph("l2l-sandbox");
    // The words every handler uses are below the router, and the actions do not know it.
    assert!(sandbox.uses("api").contains("call"));
    assert!(sandbox.uses("api").contains("actions"));
    for m in ["actions", "auth", "signing"] {
        assert!(!sandbox.uses(m).contains("api"), "{m} names the router");
    }
    assert!(sandbox.uses("builder").contains("sandbox"));
    assert!(!sandbox.uses("sandbox").contains("builder"));

    let sync = graph("l2l-sync");
    assert!(sync.uses("driver").contains("job"));
    assert!(sync.uses("source").contains("page_record"));
}

/// The table of the sandbox's crate docs ("How it is laid out") lists every module once,
/// each row naming only modules of the rows above it.
#[test]
fn the_sandbox_docs_list_its_layers_bottom_up() {
    let graph = graph("l2l-sandbox");
    let lib =
        std::fs::read_to_string(workspace().join("l2l-sandbox/src/lib.rs")).expect("reads lib.rs");
    let rows: Vec<Vec<String>> = lib
        .lines()
        .filter_map(|l| l.strip_prefix("//! | `"))
        .map(|l| {
            let names = &l[..l.find(" |").expect("a table row")];
            names
                .split(", ")
                .map(|n| n.trim_matches('`').to_owned())
                .collect()
        })
        .collect();
    let listed: Vec<&String> = rows.iter().flatten().collect();
    assert_eq!(
        listed
            .iter()
            .map(|s| s.as_str())
            .collect::<std::collections::BTreeSet<_>>(),
        graph.modules.iter().map(String::as_str).collect(),
        "every module, once"
    );
    assert_eq!(listed.len(), graph.modules.len(), "every module, once");
    for (i, row) in rows.iter().enumerate() {
        let below: Vec<&String> = rows[..i].iter().flatten().collect();
        for m in row {
            for used in graph.uses(m) {
                assert!(
                    below.iter().any(|b| b.as_str() == used),
                    "`{m}` names `{used}`, which the crate docs do not list below it"
                );
            }
        }
    }
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if !matches!(
                path.file_name().and_then(|n| n.to_str()),
                Some("target" | "snapshots")
            ) {
                rust_files(&path, out);
            }
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn no_source_file_is_over_450_lines() {
    let root = workspace();
    let mut files = Vec::new();
    for dir in CRATES.iter().copied().chain(["tests", "fuzz/fuzz_targets"]) {
        rust_files(&root.join(dir), &mut files);
    }
    assert!(files.len() > 100, "read {} files", files.len());
    let long: Vec<String> = files
        .iter()
        .filter_map(|f| {
            let n = std::fs::read_to_string(f).ok()?.lines().count();
            (n > MAX_LINES)
                .then(|| format!("{} ({n})", f.strip_prefix(&root).unwrap_or(f).display()))
        })
        .collect();
    assert!(long.is_empty(), "over {MAX_LINES} lines: {long:?}");
}

/// Writes a small crate under the temporary directory and reads its graph.
fn read_crate(name: &str, files: &[(&str, &str)]) -> ModuleGraph {
    let src = std::env::temp_dir().join(format!("l2l-module-graph-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&src);
    for (path, text) in files {
        let path = src.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let graph = ModuleGraph::read(&src).unwrap();
    let _ = std::fs::remove_dir_all(&src);
    graph
}

#[test]
fn a_cycle_is_found_through_groups_re_exports_and_super() {
    let graph = read_crate(
        "cycle",
        &[
            (
                "lib.rs",
                "mod a;\nmod b;\npub mod c;\npub use c::Thing;\n#[cfg(test)]\nmod tests {}\n",
            ),
            ("a.rs", "use crate::{b::B, self};\npub struct A;\n"),
            // b reaches c through the root's re-export, from a file below b.
            ("b/mod.rs", "mod deep;\npub struct B;\n"),
            ("b/deep.rs", "fn f() -> crate::Thing { todo!() }\n"),
            // c names a through `super` from its own directory.
            ("c/mod.rs", "mod inner;\npub struct Thing;\n"),
            ("c/inner.rs", "use super::super::a::A;\n"),
        ],
    );
    assert_eq!(graph.cycles(), vec![vec!["a", "b", "c"]]);
    assert!(graph.layers().is_none());
    let text = graph.describe_cycles();
    assert!(text.contains("b -> c: b/deep.rs:1"), "{text}");
    assert!(text.contains("c -> a: c/inner.rs:1"), "{text}");
    let caught = std::panic::catch_unwind(|| graph.assert_acyclic());
    assert!(caught.is_err());
}

#[test]
fn comments_strings_and_local_super_are_not_references() {
    let graph = read_crate(
        "quiet",
        &[
            ("lib.rs", "mod a;\nmod b;\n"),
            (
                "a.rs",
                "use crate::b::B;\n\
                 /// See [`crate::a`]; not `crate::b`.\n\
                 fn f() { let _ = ('\\'', '\"', \"crate::b\", r#\"crate::b\"#); }\n",
            ),
            (
                "b.rs",
                "// crate::a::f\n/* crate::a */\npub struct B;\n\
                 #[cfg(test)]\nmod tests {\n    use super::B;\n    fn g<'a>(_: &'a B) {}\n}\n",
            ),
        ],
    );
    assert!(graph.cycles().is_empty(), "{}", graph.describe_cycles());
    assert_eq!(graph.layers(), Some(vec!["b".to_owned(), "a".to_owned()]));
    assert_eq!(graph.edges["a"]["b"], vec!["a.rs:1"]);
}
