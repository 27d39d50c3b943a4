//! The crate's modules form no cycle: read from the files, every `crate::`, `super::` and
//! `self::` path names a module; between two sibling modules (the top-level ones, or the
//! children of one module) the references must point one way only, so that a reader can
//! start at the leaves (`ctxt`, `suggest`, `kind`, `attr::meta`) and go up.
//!
//! A child naming its parent (`use super::Gen` in `expand/query.rs`) is no edge between
//! siblings: the parent holds what its children share, which is the point of a `mod.rs`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use proc_macro2::{Delimiter, TokenStream, TokenTree};

/// A module path inside the crate: `[]` is the root, `["attr", "meta"]` is `attr::meta`.
type Module = Vec<String>;

/// Every `.rs` file under `dir`, with the module it is (`attr/mod.rs` and `attr.rs` are
/// `attr`, `lib.rs` is the root).
fn files(dir: &Path, prefix: &[String], out: &mut Vec<(Module, String)>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("src/ is readable")
        .map(|e| e.expect("a directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if path.is_dir() {
            let mut module = prefix.to_vec();
            module.push(name);
            files(&path, &module, out);
        } else if let Some(stem) = name.strip_suffix(".rs") {
            let mut module = prefix.to_vec();
            if !matches!(stem, "mod" | "lib") {
                module.push(stem.to_owned());
            }
            let source = std::fs::read_to_string(&path).expect("a source file");
            out.push((module, source));
        }
    }
}

/// Whether `tokens[i..]` starts with `::`.
fn path_sep(tokens: &[TokenTree], i: usize) -> bool {
    matches!((tokens.get(i), tokens.get(i + 1)),
        (Some(TokenTree::Punct(a)), Some(TokenTree::Punct(b))) if a.as_char() == ':' && b.as_char() == ':')
}

/// The paths a use tree's braces stand for: `{a::b, c::{d, e}, *}` after `prefix`.
fn use_tree(prefix: &[String], group: TokenStream, out: &mut Vec<Vec<String>>) {
    let tokens: Vec<TokenTree> = group.into_iter().collect();
    for item in tokens.split(|t| matches!(t, TokenTree::Punct(p) if p.as_char() == ',')) {
        let mut path = prefix.to_vec();
        let mut i = 0;
        loop {
            match item.get(i) {
                Some(TokenTree::Ident(id)) if id != "as" => path.push(id.to_string()),
                Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Brace => {
                    use_tree(&path, g.stream(), out);
                    path.clear();
                    break;
                }
                _ => break,
            }
            if !path_sep(item, i + 1) {
                break;
            }
            i += 3;
        }
        if !path.is_empty() {
            out.push(path);
        }
    }
}

/// Every path starting with `crate`, `super` or `self` in `stream`, by the module it is
/// written in (an inline `mod name { ... }` is a module of its own).
fn paths(
    module: &Module,
    stream: TokenStream,
    modules: &mut BTreeSet<Module>,
    out: &mut Vec<(Module, Vec<String>)>,
) {
    let tokens: Vec<TokenTree> = stream.into_iter().collect();
    let mut i = 0;
    while i < tokens.len() {
        match &tokens[i] {
            TokenTree::Ident(kw) if kw == "mod" => {
                if let (Some(TokenTree::Ident(name)), Some(TokenTree::Group(body))) =
                    (tokens.get(i + 1), tokens.get(i + 2))
                    && body.delimiter() == Delimiter::Brace
                {
                    let mut inner = module.clone();
                    inner.push(name.to_string());
                    modules.insert(inner.clone());
                    paths(&inner, body.stream(), modules, out);
                    i += 3;
                    continue;
                }
            }
            TokenTree::Ident(head)
                if matches!(head.to_string().as_str(), "crate" | "super" | "self")
                    && path_sep(&tokens, i + 1)
                    && !(i >= 2 && path_sep(&tokens, i - 2)) =>
            {
                let mut path = vec![head.to_string()];
                let mut j = i + 3;
                loop {
                    match tokens.get(j) {
                        Some(TokenTree::Ident(seg)) => path.push(seg.to_string()),
                        Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Brace => {
                            let mut expanded = Vec::new();
                            use_tree(&path, g.stream(), &mut expanded);
                            out.extend(expanded.into_iter().map(|p| (module.clone(), p)));
                            path.clear();
                            break;
                        }
                        _ => break,
                    }
                    if !path_sep(&tokens, j + 1) {
                        break;
                    }
                    j += 3;
                }
                if !path.is_empty() {
                    out.push((module.clone(), path));
                }
                i = j + 1;
                continue;
            }
            TokenTree::Group(g) => paths(module, g.stream(), modules, out),
            _ => {}
        }
        i += 1;
    }
}

/// The module a path written in `from` names: the longest known module it starts with.
fn resolve(from: &Module, path: &[String], modules: &BTreeSet<Module>) -> Module {
    let mut base = from.clone();
    let mut rest = path;
    while let Some((head, tail)) = rest.split_first() {
        match head.as_str() {
            "crate" => base.clear(),
            "super" => {
                base.pop();
            }
            "self" => {}
            _ => break,
        }
        rest = tail;
    }
    for seg in rest {
        let mut next = base.clone();
        next.push(seg.clone());
        if !modules.contains(&next) {
            break;
        }
        base = next;
    }
    base
}

/// The edges between sibling modules: `a -> b` when code in `a` (or below it) names `b`
/// (or something below it), `a` and `b` children of the same module.
fn sibling_edges(sources: &[(Module, String)]) -> BTreeSet<(Module, Module)> {
    let mut modules: BTreeSet<Module> = sources.iter().map(|(m, _)| m.clone()).collect();
    let mut refs = Vec::new();
    for (module, source) in sources {
        let stream: TokenStream = source.parse().expect("a source file tokenizes");
        paths(module, stream, &mut modules, &mut refs);
    }
    let mut edges = BTreeSet::new();
    for (from, path) in refs {
        let to = resolve(&from, &path, &modules);
        let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
        // An ancestor or a descendant: a parent and its own children are no siblings.
        if common == from.len() || common == to.len() {
            continue;
        }
        edges.insert((from[..=common].to_vec(), to[..=common].to_vec()));
    }
    edges
}

/// A cycle among the edges, as `a -> b -> a`, if there is one.
fn find_cycle(edges: &BTreeSet<(Module, Module)>) -> Option<String> {
    let mut next: BTreeMap<&Module, Vec<&Module>> = BTreeMap::new();
    for (a, b) in edges {
        next.entry(a).or_default().push(b);
    }
    fn visit<'a>(
        m: &'a Module,
        next: &BTreeMap<&'a Module, Vec<&'a Module>>,
        stack: &mut Vec<&'a Module>,
        done: &mut BTreeSet<&'a Module>,
    ) -> Option<String> {
        if let Some(pos) = stack.iter().position(|s| *s == m) {
            let mut cycle: Vec<String> = stack[pos..].iter().map(|s| s.join("::")).collect();
            cycle.push(m.join("::"));
            return Some(cycle.join(" -> "));
        }
        if !done.insert(m) {
            return None;
        }
        stack.push(m);
        for n in next.get(m).into_iter().flatten() {
            if let Some(c) = visit(n, next, stack, done) {
                return Some(c);
            }
        }
        stack.pop();
        None
    }
    let mut done = BTreeSet::new();
    for m in next.keys() {
        if let Some(c) = visit(m, &next, &mut Vec::new(), &mut done) {
            return Some(c);
        }
    }
    None
}

fn module(path: &str) -> Module {
    path.split("::")
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_modules_of_this_crate_form_no_cycle() {
    let mut sources = Vec::new();
    files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &[],
        &mut sources,
    );
    let edges = sibling_edges(&sources);
    // The reader sees what is known to be there: the check reads real references.
    for (a, b) in [
        ("ast", "attr"),
        ("expand", "ast"),
        ("valid", "ctxt"),
        ("attr::container", "attr::meta"),
        ("attr::field", "attr::meta"),
    ] {
        assert!(
            edges.contains(&(module(a), module(b))),
            "expected the edge {a} -> {b} in {edges:?}"
        );
    }
    if let Some(cycle) = find_cycle(&edges) {
        panic!("l2l-derive has a module cycle: {cycle}");
    }
}

#[test]
fn a_cycle_is_found_through_use_trees_and_super() {
    let crate_of = |files: &[(&str, &str)]| -> Vec<(Module, String)> {
        files
            .iter()
            .map(|(m, s)| (module(m), (*s).to_owned()))
            .collect()
    };
    // `a::x` names `b` through a braced use tree, `b` names `a::x` through `super`.
    let cyclic = crate_of(&[
        ("", "mod a; mod b;"),
        ("a", "mod x;"),
        ("a::x", "use crate::{b::{Item, Other}, ctxt};"),
        ("b", "fn f() { super::a::x::g() }"),
    ]);
    assert_eq!(
        find_cycle(&sibling_edges(&cyclic)).as_deref(),
        Some("a -> b -> a")
    );
    // A parent and its children, and an inline test module naming its file: no cycle.
    let acyclic = crate_of(&[
        ("", "mod a; mod b;"),
        (
            "a",
            "mod x; pub use self::x::Item; fn f(s: &Self) { self.g() }",
        ),
        ("a::x", "use super::Shared; use crate::b::Thing;"),
        (
            "b",
            "pub struct Thing; #[cfg(test)] mod tests { use super::*; }",
        ),
    ]);
    let edges = sibling_edges(&acyclic);
    assert_eq!(edges, BTreeSet::from([(module("a"), module("b"))]));
    assert_eq!(find_cycle(&edges), None);
}
