//! The references between a crate's top-level modules, read from its source, and the
//! cycles among them.
//!
//! The one reader of module references in the workspace: `tests/tests/layout.rs` runs it
//! over the `src` of every crate.
//!
//! ```ignore
//! let graph = ModuleGraph::read(Path::new("l2l-core/src"))?;
//! graph.assert_acyclic();
//! ```
//!
//! What it reads: the crate root (`lib.rs`, else `main.rs`) declares the top-level modules
//! (`mod x;`) and its `use` declarations name what `crate::Name` means. Every other file
//! belongs to the top-level module whose file or directory holds it. In each file, with
//! comments, strings and character literals removed, every `crate::` path (`$crate::` too,
//! and `use crate::{a::X, b}` groups), and every `super::` path that climbs to the crate
//! root, is one reference: from the file's module to the module its first segment names,
//! directly (`crate::store::Val`) or through a re-export of the root (`crate::Sandbox`,
//! when the root says `pub use sandbox::Sandbox`). Names the root defines itself (a
//! function, a macro) are no module's.
#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

mod source;

use source::{declared_modules, root_references, tokens, use_trees};

/// The top-level modules of a crate and the references between them.
#[derive(Debug, Default)]
pub struct ModuleGraph {
    /// The modules the crate root declares, by name.
    pub modules: BTreeSet<String>,
    /// `from -> to -> places ("file:line")` where `from` names `to`.
    pub edges: BTreeMap<String, BTreeMap<String, Vec<String>>>,
}

impl ModuleGraph {
    /// Reads the crate whose sources are in `src`.
    pub fn read(src: &Path) -> io::Result<ModuleGraph> {
        let root = ["lib.rs", "main.rs"]
            .iter()
            .map(|f| src.join(f))
            .find(|p| p.is_file())
            .ok_or_else(|| io::Error::other(format!("{}: no lib.rs or main.rs", src.display())))?;
        let root_tokens = tokens(&fs::read_to_string(&root)?);
        let modules = declared_modules(&root_tokens);
        // What `crate::Name` means when `Name` is the root's import, not a module.
        let mut reexports = BTreeMap::new();
        for (path, name) in use_trees(&root_tokens) {
            let mut segs = path.iter().map(String::as_str);
            let mut first = segs.next();
            if matches!(first, Some("crate" | "self")) {
                first = segs.next();
            }
            if let Some(m) = first.filter(|m| modules.contains(*m))
                && name != "*"
                && name != "self"
            {
                reexports.insert(name, m.to_owned());
            }
        }
        let mut graph = ModuleGraph {
            modules: modules.clone(),
            edges: BTreeMap::new(),
        };
        for module in &modules {
            for file in module_files(src, module) {
                let depth = file_depth(src, &file);
                let text = fs::read_to_string(&file)?;
                let shown = file
                    .strip_prefix(src)
                    .unwrap_or(&file)
                    .display()
                    .to_string();
                for (name, line) in root_references(&tokens(&text), depth) {
                    let target = if modules.contains(&name) {
                        Some(name)
                    } else {
                        reexports.get(&name).cloned()
                    };
                    if let Some(target) = target.filter(|t| t != module) {
                        graph
                            .edges
                            .entry(module.clone())
                            .or_default()
                            .entry(target)
                            .or_default()
                            .push(format!("{shown}:{line}"));
                    }
                }
            }
        }
        Ok(graph)
    }

    /// The modules `from` names.
    pub fn uses(&self, from: &str) -> BTreeSet<&str> {
        self.edges
            .get(from)
            .map(|t| t.keys().map(String::as_str).collect())
            .unwrap_or_default()
    }

    fn reaches(&self, from: &str, to: &str) -> bool {
        let mut seen = BTreeSet::new();
        let mut todo = vec![from];
        while let Some(m) = todo.pop() {
            for next in self.uses(m) {
                if next == to {
                    return true;
                }
                if seen.insert(next) {
                    todo.push(next);
                }
            }
        }
        false
    }

    /// The groups of modules that reach each other (each a cycle or several), smallest
    /// name first; empty when the modules can be read from the bottom up.
    pub fn cycles(&self) -> Vec<Vec<String>> {
        let mut done = BTreeSet::new();
        let mut groups = Vec::new();
        for m in &self.modules {
            if done.contains(m) || !self.reaches(m, m) {
                continue;
            }
            let group: Vec<String> = self
                .modules
                .iter()
                .filter(|o| *o == m || (self.reaches(m, o) && self.reaches(o, m)))
                .cloned()
                .collect();
            done.extend(group.iter().cloned());
            groups.push(group);
        }
        groups
    }

    /// The modules in an order where each comes after every module it names (the bottom
    /// first, ties by name), or `None` when there is a cycle.
    pub fn layers(&self) -> Option<Vec<String>> {
        let mut placed: Vec<String> = Vec::new();
        let mut left: BTreeSet<&String> = self.modules.iter().collect();
        while !left.is_empty() {
            let next = left
                .iter()
                .find(|m| self.uses(m).iter().all(|u| placed.iter().any(|p| p == u)))
                .copied()?;
            left.remove(next);
            placed.push(next.clone());
        }
        Some(placed)
    }

    /// Describes every cycle, with the places of each reference in it.
    pub fn describe_cycles(&self) -> String {
        let mut out = String::new();
        for group in self.cycles() {
            out.push_str(&format!("cycle among {}:\n", group.join(", ")));
            for from in &group {
                for (to, places) in self.edges.get(from).into_iter().flatten() {
                    if group.contains(to) {
                        out.push_str(&format!("  {from} -> {to}: {}\n", places.join(", ")));
                    }
                }
            }
        }
        out
    }

    /// Panics with [`ModuleGraph::describe_cycles`] when there is a cycle.
    pub fn assert_acyclic(&self) {
        let cycles = self.describe_cycles();
        assert!(cycles.is_empty(), "module cycles:\n{cycles}");
    }
}

/// Every `.rs` file of top-level module `module`: `module.rs` and everything under
/// `module/`.
fn module_files(src: &Path, module: &str) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let single = src.join(format!("{module}.rs"));
    if single.is_file() {
        files.push(single);
    }
    let mut dirs = vec![src.join(module)];
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files
}

/// How many `super::` climb from `file`'s module to the crate root: 1 for `x.rs` and
/// `x/mod.rs`, 2 for `x/y.rs`, ...
fn file_depth(src: &Path, file: &Path) -> usize {
    let rel = file.strip_prefix(src).unwrap_or(file);
    let parts = rel.components().count();
    if rel.file_name().is_some_and(|n| n == "mod.rs") {
        parts - 1
    } else {
        parts
    }
}
