//! The crate reads top-down: its top-level modules (`error`, `schema`, `value`, `wire`,
//! `query`, `record`, `transport`, `read`, `crud`) are layers, and no two of them use each
//! other, directly or around a loop. Read off the sources: every `crate::<module>` path
//! (in `use` lines and inline, comments left out), and every `crate::<Item>` through the
//! root's `pub use` lines, is an edge from the module that writes it to the module it
//! names. Also: no source file of the crate is over 450 lines.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const MAX_LINES: usize = 450;

/// Module -> the modules it uses.
type Graph = BTreeMap<String, BTreeSet<String>>;

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The source without comments (line comments and doc comments; block comments are not
/// used in this crate).
fn code(text: &str) -> String {
    text.lines()
        .map(|l| match l.find("//") {
            Some(at) => &l[..at],
            None => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn ident_at(s: &str) -> &str {
    let end = s
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(s.len());
    &s[..end]
}

/// The first segment of every path that starts with `crate::`: `crate::wire::encode` gives
/// `wire`, `crate::{schema::Record, Error}` gives `schema` and `Error`.
fn crate_paths(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        let before = rest[..at].chars().next_back();
        rest = &rest[at + "crate::".len()..];
        if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_') {
            continue;
        }
        let rest_trim = rest.trim_start();
        if let Some(group) = rest_trim.strip_prefix('{') {
            // A group: the first segment of each item at depth 0.
            let mut depth = 0;
            let mut item_start = true;
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => item_start = true,
                    c if c.is_whitespace() => {}
                    _ if item_start && depth == 0 => {
                        item_start = false;
                        let id = ident_at(&group[i..]);
                        if !id.is_empty() {
                            out.push(id.to_owned());
                        }
                    }
                    _ => {}
                }
            }
        } else {
            let id = ident_at(rest_trim);
            if !id.is_empty() {
                out.push(id.to_owned());
            }
        }
    }
    out
}

/// The items the root re-exports, by the top-level module they come from: from lines such
/// as `pub use transport::{AuthPlacement, Client};` and `pub use wire::Format;` (lines that
/// re-export from elsewhere, `crate::` or another crate, are left out).
fn root_items(lib: &str, modules: &BTreeSet<String>) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for stmt in code(lib).split(';') {
        let Some(path) = stmt.trim().strip_prefix("pub use ") else {
            continue;
        };
        let module = ident_at(path.trim()).to_owned();
        if !modules.contains(&module) {
            continue;
        }
        let items: Vec<&str> = match (path.find('{'), path.rfind('}')) {
            (Some(a), Some(b)) => path[a + 1..b].split(',').collect(),
            _ => vec![path.rsplit("::").next().unwrap_or("")],
        };
        for item in items {
            let item = item.trim();
            let name = item.rsplit(" as ").next().unwrap_or(item).trim();
            let name = name.rsplit("::").next().unwrap_or(name);
            if !name.is_empty() {
                out.insert(name.to_owned(), module.clone());
            }
        }
    }
    out
}

/// The graph of the crate's top-level modules, read off its sources.
fn layers() -> Graph {
    let src = src();
    let lib = std::fs::read_to_string(src.join("lib.rs")).unwrap();
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let module_of = |path: &Path| -> Option<String> {
        let rel = path.strip_prefix(&src).unwrap();
        let first = rel.components().next()?.as_os_str().to_str()?.to_owned();
        (first != "lib.rs").then(|| first.trim_end_matches(".rs").to_owned())
    };
    let modules: BTreeSet<String> = files.iter().filter_map(|f| module_of(f)).collect();
    let items = root_items(&lib, &modules);
    let mut graph = Graph::new();
    for file in &files {
        let Some(from) = module_of(file) else {
            continue;
        };
        let uses = graph.entry(from.clone()).or_default();
        let text = std::fs::read_to_string(file).unwrap();
        for first in crate_paths(&code(&text)) {
            let to = if modules.contains(&first) {
                first
            } else if let Some(m) = items.get(&first) {
                m.clone()
            } else {
                panic!(
                    "{}: `crate::{first}` is neither a top-level module nor a root re-export",
                    file.display()
                );
            };
            if to != from {
                uses.insert(to);
            }
        }
    }
    graph
}

/// A cycle of the graph, as the modules around it (the first repeated at the end).
fn find_cycle(graph: &Graph) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &Graph,
        done: &mut BTreeSet<String>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = stack.iter().position(|n| n == node) {
            let mut cycle = stack[at..].to_vec();
            cycle.push(node.to_owned());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        stack.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(c) = visit(next, graph, done, stack) {
                return Some(c);
            }
        }
        stack.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|n| visit(n, graph, &mut done, &mut Vec::new()))
}

#[test]
fn top_level_modules_have_no_cycle() {
    let graph = layers();
    for (module, uses) in &graph {
        println!("{module} -> {uses:?}");
    }
    // The layers the crate documents are all there, and the lowest uses nothing.
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
        assert!(graph.contains_key(m), "no module `{m}`");
    }
    assert!(graph["error"].is_empty(), "{:?}", graph["error"]);
    if let Some(cycle) = find_cycle(&graph) {
        panic!(
            "the modules of l2l-core form a cycle: {}",
            cycle.join(" -> ")
        );
    }
}

#[test]
fn the_check_finds_what_it_looks_for() {
    // Paths, groups and root items are read; comments are not.
    let text = "use crate::wire::{self, Format};\nuse crate::{\n    schema::Record,\n    Error,\n};\n// crate::read\nlet x = crate::value::date::DateTime::now();";
    assert_eq!(
        crate_paths(&code(text)),
        ["wire", "schema", "Error", "value"]
    );
    let modules = ["transport", "wire"].map(str::to_owned).into();
    let items = root_items(
        "pub use transport::{AuthPlacement, Client};\npub use wire::Format;\npub use wire::xml::parse as parse_xml;\npub use crate::{Client as C};",
        &modules,
    );
    assert_eq!(items["Client"], "transport");
    assert_eq!(items["Format"], "wire");
    assert_eq!(items["parse_xml"], "wire");
    assert!(!items.contains_key("C"));
    // A loop through three modules is found, and a chain is not a loop.
    let graph = |edges: &[(&str, &str)]| {
        let mut g = Graph::new();
        for (a, b) in edges {
            g.entry(a.to_string()).or_default().insert(b.to_string());
            g.entry(b.to_string()).or_default();
        }
        g
    };
    let cyclic = graph(&[
        ("client", "envelope"),
        ("envelope", "page"),
        ("page", "client"),
    ]);
    assert_eq!(find_cycle(&cyclic).map(|c| c.len()), Some(4));
    let chain = graph(&[
        ("read", "transport"),
        ("transport", "wire"),
        ("read", "wire"),
    ]);
    assert_eq!(find_cycle(&chain), None);
}

#[test]
fn no_source_file_is_over_450_lines() {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests"),
        &mut files,
    );
    let long: Vec<String> = files
        .iter()
        .filter_map(|f| {
            let n = std::fs::read_to_string(f).unwrap().lines().count();
            (n > MAX_LINES).then(|| format!("{} ({n} lines)", f.display()))
        })
        .collect();
    assert!(long.is_empty(), "over {MAX_LINES} lines: {long:?}");
}
