//! `--areas-file FILE`: extra record areas, declared nowhere in Rust, read from a file in
//! the format of `schema/l2l-areas.json` (`{"areas": [...]}`, or the list alone), so that a
//! user can mirror the areas of their own tenant. Each area is served like a built-in one:
//! filters, ordering, fields, paging, create, update, delete.
//!
//! ```json
//! {"areas": [{"name": "WorkOrder", "path": "workorders", "scope": "site",
//!   "max_limit": 2000, "custom_properties": false,
//!   "operations": ["get", "list", "create", "update", "delete"],
//!   "fields": [
//!     {"api_name": "id", "kind": "integer", "nullable": false, "id": true, "read_only": true},
//!     {"api_name": "site", "kind": "integer", "nullable": false},
//!     {"api_name": "cost", "kind": "decimal", "nullable": true}]}]}
//! ```
//!
//! Per field, `kind` and `api_name` are required; `nullable`, `id`, `read_only`,
//! `write_only` default to false, `order` to true, `rust_name` to the API name, and the
//! field filters unless `lookups` is an empty list. The schemas live as long as the process
//! (they are leaked once, at start).

use std::path::Path;

use l2l_core::{AreaSchema, FieldKind, FieldSchema, Operations, Scope};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(untagged)]
enum FileShape {
    Wrapped { areas: Vec<AreaDef> },
    List(Vec<AreaDef>),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AreaDef {
    name: Option<String>,
    path: String,
    #[serde(default = "site")]
    scope: String,
    max_limit: Option<u32>,
    #[serde(default)]
    custom_properties: bool,
    operations: Option<Vec<String>>,
    fields: Vec<FieldDef>,
    // Written by the exporter, derived again here.
    #[serde(default)]
    #[allow(dead_code)]
    natural_key: serde::de::IgnoredAny,
}

fn site() -> String {
    "site".into()
}

fn yes() -> bool {
    true
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FieldDef {
    api_name: String,
    rust_name: Option<String>,
    kind: String,
    #[serde(default)]
    nullable: bool,
    #[serde(default)]
    id: bool,
    #[serde(default)]
    read_only: bool,
    #[serde(default)]
    write_only: bool,
    #[serde(default = "yes")]
    order: bool,
    lookups: Option<Vec<String>>,
    label: Option<String>,
}

fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

fn valid_name(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

fn field(area: &str, f: FieldDef) -> Result<FieldSchema, String> {
    let at = format!("area `{area}`, field `{}`", f.api_name);
    if !valid_name(&f.api_name) || f.api_name.contains("__") {
        return Err(format!(
            "{at}: a field name holds letters, digits, `_` and `-`, and no `__`"
        ));
    }
    let kind = FieldKind::from_name(&f.kind).ok_or_else(|| {
        format!(
            "{at}: unknown kind {:?}; use one of {}",
            f.kind,
            FieldKind::ALL.map(|k| k.name()).join(", ")
        )
    })?;
    let mut out = FieldSchema::new(leak(f.api_name.clone()), kind, f.nullable);
    out.rust_name = leak(f.rust_name.unwrap_or(f.api_name));
    out.id = f.id;
    out.read_only = f.read_only || f.id;
    out.write_only = f.write_only;
    out.order = f.order;
    out.filter = f.lookups.is_none_or(|l| !l.is_empty());
    out.label = f.label.map(leak);
    Ok(out)
}

fn area(def: AreaDef) -> Result<&'static AreaSchema, String> {
    let path = def.path.trim_matches('/').to_owned();
    if !valid_name(&path) {
        return Err(format!(
            "area path {:?}: one URL segment of letters, digits, `_` and `-` (no slash, no space)",
            def.path
        ));
    }
    let scope = match def.scope.as_str() {
        "site" => Scope::Site,
        "none" => Scope::None,
        other => {
            return Err(format!(
                "area `{path}`: scope {other:?} is not site or none"
            ));
        }
    };
    let operations = match def.operations {
        None => Operations::ALL,
        Some(names) => {
            let mut ops = Operations::READ_ONLY;
            ops.get = false;
            ops.list = false;
            for n in names {
                match n.as_str() {
                    "get" => ops.get = true,
                    "list" => ops.list = true,
                    "create" => ops.create = true,
                    "update" => ops.update = true,
                    "delete" => ops.delete = true,
                    other => {
                        return Err(format!("area `{path}`: unknown operation {other:?}"));
                    }
                }
            }
            ops
        }
    };
    let mut fields = Vec::with_capacity(def.fields.len());
    for f in def.fields {
        let f = field(&path, f)?;
        if fields
            .iter()
            .any(|g: &FieldSchema| g.api_name == f.api_name)
        {
            return Err(format!("area `{path}`: field `{}` twice", f.api_name));
        }
        fields.push(f);
    }
    match fields.iter().filter(|f| f.id).count() {
        1 => {}
        n => {
            return Err(format!(
                "area `{path}`: needs one id field (`\"id\": true`), has {n}"
            ));
        }
    }
    let name = def.name.unwrap_or_else(|| path.clone());
    let mut schema = AreaSchema::new(leak(name), leak(path), scope, Vec::leak(fields))
        .max_limit(def.max_limit.unwrap_or(2000))
        .operations(operations);
    if def.custom_properties {
        schema = schema.custom_properties();
    }
    Ok(Box::leak(Box::new(schema)))
}

/// Reads the areas of a file; the error names the file and what is wrong.
pub(crate) fn load(path: &Path) -> Result<Vec<&'static AreaSchema>, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("--areas-file {}: {e}", path.display()))?;
    parse(&text).map_err(|e| format!("--areas-file {}: {e}", path.display()))
}

/// Reads the areas of a file's text.
pub(crate) fn parse(text: &str) -> Result<Vec<&'static AreaSchema>, String> {
    let shape: FileShape = serde_json::from_str(text).map_err(|e| {
        format!("not the format of schema/l2l-areas.json ({{\"areas\": [...]}}): {e}")
    })?;
    let defs = match shape {
        FileShape::Wrapped { areas } | FileShape::List(areas) => areas,
    };
    defs.into_iter().map(area).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_exported_schema_back() {
        let text = include_str!("../../schema/l2l-areas.json");
        let areas = parse(text).unwrap();
        assert_eq!(areas.len(), l2l_areas::AREAS.len());
        for (read, built) in areas.iter().zip(l2l_areas::AREAS) {
            assert_eq!(read.to_json(), built.to_json(), "{}", built.path);
        }
    }

    #[test]
    fn refuses_bad_areas_clearly() {
        let one = |area: &str| parse(&format!("{{\"areas\": [{area}]}}")).unwrap_err();
        let id = r#"{"api_name": "id", "kind": "integer", "id": true}"#;
        assert!(
            one(&format!(r#"{{"path": "work orders", "fields": [{id}]}}"#)).contains("no space")
        );
        assert!(one(&format!(r#"{{"path": "a/b", "fields": [{id}]}}"#)).contains("no slash"));
        assert!(one(r#"{"path": "w", "fields": []}"#).contains("one id field"));
        assert!(
            one(&format!(
                r#"{{"path": "w", "fields": [{id}, {{"api_name": "x", "kind": "money"}}]}}"#
            ))
            .contains("unknown kind \"money\"")
        );
        assert!(parse("[1]").unwrap_err().contains("schema/l2l-areas.json"));
    }
}
