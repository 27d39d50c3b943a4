//! The `#[record_area]` struct of an area, written as Rust source from the inferred
//! properties: field names made into Rust identifiers (the API name kept with `rename`),
//! `Option` where a value may be null or missing.

use std::fmt::Write as _;

use super::infer::{Kind, Property};

/// What the struct says about its area besides the fields.
#[derive(Debug, Clone)]
pub struct Area {
    /// The area's path (`workorders`).
    pub path: String,
    /// The struct's name (`Workorder`).
    pub name: String,
    /// Whether queries name a site.
    pub site_scoped: bool,
    /// `max_limit`, when not the macro's default.
    pub max_limit: Option<u32>,
    /// `ops(...)`, when not all five.
    pub ops: Option<Vec<&'static str>>,
    /// Whether the area has custom properties.
    pub custom_properties: bool,
    /// Properties L2L sets (declared read-only).
    pub read_only: Vec<String>,
    /// The command line that produced it, for the doc comment.
    pub command: String,
    /// How many records were read.
    pub records: usize,
}

/// The macro's default page maximum.
pub const DEFAULT_MAX_LIMIT: u32 = 2000;

/// The Rust type of a property.
fn rust_type(p: &Property) -> String {
    let inner = match p.kind {
        Some(Kind::Integer) => "i64",
        Some(Kind::Decimal) => "l2l_areas::Decimal",
        Some(Kind::Bool) => "bool",
        Some(Kind::Date) => "l2l_areas::Date",
        Some(Kind::DateTime) => "l2l_areas::DateTime",
        Some(Kind::Text) | None => "String",
        Some(Kind::Json) => "serde_json::Value",
    };
    if p.nullable() {
        format!("Option<{inner}>")
    } else {
        inner.to_owned()
    }
}

const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "dyn", "else", "enum", "false", "fn",
    "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref",
    "return", "static", "struct", "trait", "true", "try", "type", "unsafe", "use", "where",
    "while", "abstract", "become", "box", "do", "final", "macro", "override", "priv", "typeof",
    "unsized", "virtual", "yield",
];

/// A snake-case Rust identifier for an API name: lower case, one `_` between words, `f_`
/// before a leading digit, `r#` before a keyword, `_` after the names that cannot be raw.
pub fn ident(api: &str) -> String {
    let mut s = String::with_capacity(api.len());
    let mut prev_lower = false;
    for c in api.chars() {
        if c.is_ascii_alphanumeric() {
            if c.is_ascii_uppercase() && prev_lower && !s.ends_with('_') {
                s.push('_');
            }
            prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
            s.push(c.to_ascii_lowercase());
        } else {
            prev_lower = false;
            if !s.is_empty() && !s.ends_with('_') {
                s.push('_');
            }
        }
    }
    while s.ends_with('_') {
        s.pop();
    }
    if s.is_empty() || s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert_str(0, "f_");
    }
    if matches!(s.as_str(), "self" | "super" | "crate" | "extern") {
        s.push('_');
    } else if KEYWORDS.contains(&s.as_str()) {
        s.insert_str(0, "r#");
    }
    s
}

/// `UpperCamelCase` of a path, singular: `workorders` -> `Workorder`,
/// `scrap_categories` -> `ScrapCategory`.
pub fn type_name(path: &str) -> String {
    let mut words: Vec<String> = path
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    if let Some(last) = words.last_mut() {
        if let Some(stem) = last.strip_suffix("ies") {
            *last = format!("{stem}y");
        } else if last.len() > 3
            && last.ends_with('s')
            && !last.ends_with("ss")
            && !last.ends_with("us")
        {
            last.pop();
        }
    }
    let mut out: String = words
        .iter()
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect();
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'R');
    }
    out
}

/// The struct's source.
pub fn render(area: &Area, props: &[Property]) -> String {
    // Custom properties (`custom__color`) differ per tenant and are not fields; no property
    // name may hold `__`, which would read as a lookup.
    let (skipped, mut props): (Vec<&Property>, Vec<&Property>) =
        props.iter().partition(|p| p.name.contains("__"));
    // The id first, then the properties in the order seen.
    props.sort_by_key(|p| p.name != "id");
    let custom: Vec<&str> = skipped
        .iter()
        .filter_map(|p| p.name.strip_prefix("custom__"))
        .collect();
    let has_id = props
        .iter()
        .any(|p| p.name == "id" && p.kind == Some(Kind::Integer) && !p.nullable());
    let mut attrs = vec![format!("path = {:?}", area.path)];
    if area.site_scoped {
        attrs.push("scope = site".into());
    }
    if let Some(n) = area.max_limit.filter(|n| *n != DEFAULT_MAX_LIMIT) {
        attrs.push(format!("max_limit = {n}"));
    }
    if (area.custom_properties || !custom.is_empty()) && area.site_scoped {
        attrs.push("custom_properties".into());
    }
    let mut ops: Vec<&str> = area
        .ops
        .clone()
        .unwrap_or_else(|| vec!["get", "list", "create", "update", "delete"]);
    if !has_id {
        // Without an id there is nothing to get, update or delete by.
        ops.retain(|o| !matches!(*o, "get" | "update" | "delete"));
    }
    if ops.len() < 5 {
        attrs.push(format!("ops({})", ops.join(", ")));
    }
    let mut s = String::new();
    let _ = writeln!(
        s,
        "/// A record of `{}`, as `{}` inferred it from {} record{}.",
        area.path,
        area.command,
        area.records,
        if area.records == 1 { "" } else { "s" }
    );
    let _ = writeln!(s, "#[l2l_areas::record_area({})]", attrs.join(", "));
    let _ = writeln!(s, "#[derive(Debug, Clone, PartialEq)]");
    let _ = writeln!(s, "pub struct {} {{", area.name);
    if !custom.is_empty() {
        let _ = writeln!(s, "    // Custom properties seen: {}.", custom.join(", "));
    }
    for p in skipped.iter().filter(|p| !p.name.starts_with("custom__")) {
        let _ = writeln!(
            s,
            "    // Skipped `{}`: a property name with `__` would read as a lookup.",
            p.name
        );
    }
    let mut used: Vec<String> = Vec::new();
    for p in props {
        let mut id = ident(&p.name);
        while used.contains(&id) {
            id.push('_');
        }
        used.push(id.clone());
        let _ = writeln!(s, "    /// {}", describe(p, area.records));
        let mut l2l: Vec<String> = Vec::new();
        if has_id && p.name == "id" {
            l2l.push("id".into());
        }
        if (has_id && p.name == "id") || area.read_only.contains(&p.name) {
            l2l.push("read_only".into());
        }
        if id.trim_start_matches("r#") != p.name {
            l2l.push(format!("rename = {:?}", p.name));
        }
        if p.kind == Some(Kind::Json) {
            l2l.push("kind = \"json\"".into());
        }
        if !l2l.is_empty() {
            let _ = writeln!(s, "    #[l2l({})]", l2l.join(", "));
        }
        let _ = writeln!(s, "    pub {id}: {},", rust_type(p));
    }
    s.push_str("}\n");
    s
}

/// `decimal, null in 3 of 40 records, such as "12.50"`.
fn describe(p: &Property, records: usize) -> String {
    let kind = p.kind.map_or("only nulls seen", Kind::name);
    let mut d = kind.to_owned();
    if p.nulls > 0 && p.kind.is_some() {
        let _ = write!(d, ", null or missing in {} of {records}", p.nulls);
    }
    if let Some(e) = &p.example {
        let text = e.to_string();
        if text.chars().count() <= 40 {
            let _ = write!(d, ", such as {text}");
        }
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_names_become_rust_identifiers() {
        assert_eq!(ident("code"), "code");
        assert_eq!(ident("custom__color"), "custom_color");
        assert_eq!(ident("type"), "r#type");
        assert_eq!(ident("self"), "self_");
        assert_eq!(ident("2nd shift"), "f_2nd_shift");
        assert_eq!(ident("lastUpdated"), "last_updated");
        assert_eq!(ident("__"), "f_");
    }

    fn prop(name: &str, kind: Option<Kind>, nulls: usize) -> Property {
        Property {
            name: name.into(),
            kind,
            nulls,
            values: 1,
            example: None,
        }
    }

    fn area() -> Area {
        Area {
            path: "workorders".into(),
            name: "Workorder".into(),
            site_scoped: true,
            max_limit: None,
            ops: None,
            custom_properties: false,
            read_only: Vec::new(),
            command: "l2l codegen workorders --site 1".into(),
            records: 2,
        }
    }

    #[test]
    fn the_id_comes_first_and_custom_properties_are_no_fields() {
        let src = render(
            &area(),
            &[
                prop("code", Some(Kind::Text), 0),
                prop("custom__color", Some(Kind::Text), 1),
                prop("id", Some(Kind::Integer), 0),
                prop("type", Some(Kind::Json), 1),
            ],
        );
        let want =
            "#[l2l_areas::record_area(path = \"workorders\", scope = site, custom_properties)]";
        assert!(src.contains(want), "{src}");
        let id = src.find("pub id: i64").expect("an id");
        assert!(id < src.find("pub code: String").expect("code"), "{src}");
        assert!(
            src.contains("#[l2l(id, read_only)]\n    pub id: i64,"),
            "{src}"
        );
        assert!(
            src.contains("#[l2l(kind = \"json\")]\n    pub r#type: Option<serde_json::Value>,"),
            "{src}"
        );
        assert!(src.contains("// Custom properties seen: color."), "{src}");
        assert!(!src.contains("pub custom"), "{src}");
    }

    #[test]
    fn without_an_id_only_list_and_create_remain() {
        let src = render(&area(), &[prop("code", Some(Kind::Text), 0)]);
        assert!(src.contains("scope = site, ops(list, create))]"), "{src}");
    }

    #[test]
    fn paths_become_singular_type_names() {
        assert_eq!(type_name("workorders"), "Workorder");
        assert_eq!(type_name("scrap_categories"), "ScrapCategory");
        assert_eq!(type_name("tooling"), "Tooling");
        assert_eq!(type_name("buildsequence"), "Buildsequence");
        assert_eq!(type_name("status"), "Status");
    }
}
