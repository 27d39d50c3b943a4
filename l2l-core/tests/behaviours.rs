//! docs/behaviours.md explains every behaviour number the tests name (`// B07`), and its
//! coverage table is current: every behaviour has a test, every number named is explained.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const BEGIN: &str = "<!-- behaviours:coverage -->";
const END: &str = "<!-- /behaviours:coverage -->";

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Every `.rs` file of the workspace, build output and fetched code aside.
fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        let name = e.file_name().to_string_lossy().into_owned();
        if p.is_dir() {
            if !(name.starts_with("target") || name.starts_with('.') || name == "corpus-run") {
                sources(&p, out);
            }
        } else if name.ends_with(".rs") && !p.ends_with("l2l-core/tests/behaviours.rs") {
            out.push(p);
        }
    }
}

/// The behaviour numbers named in the line comments of `text`.
fn named(text: &str) -> BTreeSet<u32> {
    let mut out = BTreeSet::new();
    for line in text.lines() {
        let Some((_, comment)) = line.split_once("//") else {
            continue;
        };
        let b = comment.as_bytes();
        for i in 0..b.len().saturating_sub(2) {
            let word_start = i == 0 || !b[i - 1].is_ascii_alphanumeric();
            let two = b.get(i + 1..i + 3);
            let ends = b.get(i + 3).is_none_or(|c| !c.is_ascii_digit());
            if b[i] == b'B'
                && word_start
                && ends
                && let Some(d) = two.filter(|d| d.iter().all(u8::is_ascii_digit))
            {
                out.insert(u32::from(d[0] - b'0') * 10 + u32::from(d[1] - b'0'));
            }
        }
    }
    out
}

#[test]
fn every_behaviour_is_explained_and_tested() {
    let root = root();
    let mut files = Vec::new();
    sources(&root, &mut files);
    let mut cover: BTreeMap<u32, BTreeSet<String>> = BTreeMap::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap_or_default();
        let rel = f
            .strip_prefix(&root)
            .unwrap_or(f)
            .to_string_lossy()
            .into_owned();
        for n in named(&text) {
            cover.entry(n).or_default().insert(rel.clone());
        }
    }
    let doc_path = root.join("docs/behaviours.md");
    let doc = std::fs::read_to_string(&doc_path).expect("docs/behaviours.md");
    let explained: BTreeSet<u32> = doc
        .lines()
        .filter_map(|l| l.strip_prefix("- **B"))
        .filter_map(|l| l.get(..2)?.parse().ok())
        .collect();
    for n in 1..=38 {
        assert!(
            explained.contains(&n),
            "B{n:02} is not explained in docs/behaviours.md"
        );
        assert!(cover.contains_key(&n), "no test names B{n:02}");
    }
    for n in cover.keys() {
        assert!(
            explained.contains(n),
            "tests name B{n:02}, which docs/behaviours.md does not explain: {:?}",
            cover[n]
        );
    }
    let mut table = String::from("| behaviour | tests |\n|---|---|\n");
    for (n, files) in &cover {
        let list: Vec<String> = files.iter().map(|f| format!("`{f}`")).collect();
        table.push_str(&format!("| B{n:02} | {} |\n", list.join(", ")));
    }
    let (head, rest) = doc.split_once(BEGIN).expect("the coverage markers");
    let (_, tail) = rest.split_once(END).expect("the closing coverage marker");
    let fresh = format!("{head}{BEGIN}\n{table}{END}{tail}");
    if matches!(
        std::env::var("INSTA_UPDATE").as_deref(),
        Ok("always" | "1" | "force")
    ) {
        std::fs::write(&doc_path, &fresh).unwrap();
    }
    assert!(
        fresh == doc,
        "docs/behaviours.md's coverage table is out of date: run \
         `INSTA_UPDATE=always cargo test -p l2l-core --test behaviours`"
    );
}

#[test]
fn numbers_are_read_from_comments_only() {
    let text = "let b = \"B12\"; // B07, B36-style paging\n// see B100 and AB12\nfn x() {} // B9";
    assert_eq!(named(text), BTreeSet::from([7, 36]));
}
