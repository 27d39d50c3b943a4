//! The sandbox's top-level modules read from the bottom up: no module names another that
//! names it back, directly or through others. The check reads the source
//! ([`module_graph`]); any crate can include that file in a test of its own, or run this
//! check on its `src` now:
//!
//! ```text
//! L2L_MODULE_GRAPH_SRC=l2l-core/src cargo test -p l2l-sandbox --test module_cycles -- named
//! ```

#[path = "support/module_graph/mod.rs"]
mod module_graph;

use std::path::Path;

use module_graph::ModuleGraph;

fn sandbox() -> ModuleGraph {
    ModuleGraph::read(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src")).expect("reads src")
}

#[test]
fn the_sandbox_has_no_module_cycle() {
    let graph = sandbox();
    graph.assert_acyclic();
    let layers = graph.layers().expect("no cycle, so an order");
    eprintln!("bottom up: {}", layers.join(", "));
}

/// The crate whose `src` `L2L_MODULE_GRAPH_SRC` names (relative to the workspace), when
/// set: no cycle either, and its order printed.
#[test]
fn the_crate_named_by_the_environment_has_no_module_cycle() {
    let Some(src) = std::env::var_os("L2L_MODULE_GRAPH_SRC") else {
        return;
    };
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let graph = ModuleGraph::read(&workspace.join(src)).expect("reads the named src");
    graph.assert_acyclic();
    eprintln!(
        "bottom up: {}",
        graph.layers().unwrap_or_default().join(", ")
    );
}

#[test]
fn the_graph_sees_the_sandbox_s_layers() {
    let graph = sandbox();
    // The words every handler uses are below the router, and the actions do not know it.
    assert!(graph.uses("api").contains("call"));
    assert!(graph.uses("api").contains("actions"));
    assert!(!graph.uses("actions").contains("api"));
    assert!(!graph.uses("auth").contains("api"));
    assert!(!graph.uses("signing").contains("api"));
    assert!(graph.uses("builder").contains("sandbox"));
    assert!(!graph.uses("sandbox").contains("builder"));
}

/// The table of the crate docs ("How it is laid out") lists every module once, each row
/// naming only modules of the rows above it.
#[test]
fn the_crate_docs_list_the_layers_bottom_up() {
    let graph = sandbox();
    let lib = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs"))
        .expect("reads lib.rs");
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
