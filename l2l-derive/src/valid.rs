//! Semantic checks of an area, after parsing: what each attribute means alone is checked in
//! `attr.rs`, what they mean together is checked here. Every error goes to the [`Ctxt`].

use std::collections::HashMap;

use proc_macro2::Span;

use crate::ast::{Area, Field};
use crate::attr::Scope;
use crate::ctxt::Ctxt;
use crate::kind::Kind;

/// Names a `XPatch` setter must not take: they would hide a trait method of the patch or
/// one of its own methods (`XPatch::default()` must stay `Default::default`).
const PATCH_RESERVED: &[&str] = &[
    "default",
    "clone",
    "clone_from",
    "eq",
    "ne",
    "fmt",
    "hash",
    "write_form",
    "to_pairs",
    "as_patch",
    "set_property",
    "into_patch",
    "with",
    "with_null",
    "add",
    "sub",
    "mul",
    "div",
    "rem",
    "neg",
    "not",
    "next",
    "deref",
    "drop",
    "from_str",
    "into_iter",
    "borrow",
    "as_ref",
    "as_mut",
];

/// Runs every check.
pub fn check(cx: &Ctxt, area: &Area) {
    check_container(cx, area);
    check_catch_all(cx, area);
    if !matches!(area.item.fields, syn::Fields::Named(_)) {
        return;
    }
    check_fields(cx, area);
    check_api_names(cx, area);
    check_id(cx, area);
    check_generated_names(cx, area);
}

fn check_container(cx: &Ctxt, area: &Area) {
    let c = &area.attrs;
    match &c.path {
        None => cx.error_at(
            Span::call_site(),
            "missing the area's URL segment: `#[record_area(path = \"...\")]`, for example `path = \"machines\"`",
        ),
        Some(lit) => {
            let path = lit.value();
            let bad = path.is_empty()
                || path.starts_with('/')
                || path.ends_with('/')
                || path.chars().any(|ch| !(ch.is_ascii_alphanumeric() || matches!(ch, '_' | '-' | '/')));
            if bad {
                cx.error_spanned_by(
                    lit,
                    format!("`{path}` is no record area path: expected the URL segment alone, such as \"machines\" (letters, digits, `_`, `-`, no leading or trailing `/`)"),
                );
            }
        }
    }
    if let Some(span) = c.custom_properties {
        if c.scope != Scope::Site {
            cx.error_at(
                span,
                "custom-property filters need the site in the request: add `scope = site`",
            );
        }
        if !c.ops.list {
            cx.error_at(
                span,
                "`custom_properties` filters list queries, but `ops(...)` has no `list`",
            );
        }
    }
    if c.scope == Scope::Site
        && !c.ops.list
        && let Some(span) = c.ops_span
    {
        cx.error_at(
            span,
            "`scope = site` sets the site of list queries, but `ops(...)` has no `list`",
        );
    }
    if area.fields.is_empty() && matches!(area.item.fields, syn::Fields::Named(_)) {
        cx.error_spanned_by(area.ident, "a record area needs at least one field");
    }
}

/// The catch-all of undeclared properties: `closed` drops them, else one field keeps them
/// (`#[l2l(extra)]`, or the `extra` field the macro adds). The generated decoder reads the
/// map itself, so it cannot honour `#[serde(...)]` attributes: those need `closed`.
fn check_catch_all(cx: &Ctxt, area: &Area) {
    if let (Some(span), Some(_)) = (area.attrs.closed, area.extra) {
        cx.error_at(
            span,
            "a `closed` area drops the properties it does not declare: it has no `#[l2l(extra)]` field",
        );
    }
    if let Some(f) = area.fields.iter().find(|f| f.name == "extra") {
        cx.error_spanned_by(
            f.ident,
            "`extra` is the field of the generated types that keeps the properties the area \
             does not declare: name this field otherwise and keep its property with \
             `#[l2l(rename = \"extra\")]`",
        );
    }
    if area.keeps_unknown()
        && let Some(attr) = area.serde_attr
    {
        cx.error_spanned_by(
            attr,
            "a record area that keeps undeclared properties decodes its records itself and \
             reads no `#[serde(...)]` attribute: remove it, or declare the area \
             `#[record_area(..., closed)]`",
        );
    }
}

fn check_fields(cx: &Ctxt, area: &Area) {
    for f in &area.fields {
        let a = &f.attrs;
        if let (Some(_), Some(w)) = (a.read_only, a.write_only) {
            cx.error_at(
                w,
                format!("`{}` cannot be both `read_only` (returned, never sent) and `write_only` (sent, never returned)", f.name),
            );
        }
        if let (Some(id), Some(_)) = (a.id, a.write_only) {
            cx.error_at(
                id,
                "the id is returned with every record: it cannot be `write_only`",
            );
        }
        if let Some(lit) = &a.rename {
            let name = lit.value();
            let ok = !name.is_empty()
                && name
                    .chars()
                    .all(|ch| ch.is_ascii_alphanumeric() || ch == '_')
                && !name.contains("__");
            if !ok {
                cx.error_spanned_by(
                    lit,
                    format!("`{name}` is no API property: expected letters, digits and single `_` (a `__` would read as a lookup such as `__gte`)"),
                );
            }
        } else if f.name.contains("__") || f.name.starts_with('_') || f.name.ends_with('_') {
            cx.error_spanned_by(
                f.ident,
                format!("`{}` is no API property (a `__` would read as a lookup such as `__gte`): name the field differently and give the property with `#[l2l(rename = \"...\")]`", f.name),
            );
        }
        if let Some((kind, span)) = a.kind
            && let Some(known) = f.known
            && known.kind() != kind
            && kind != Kind::Json
        {
            cx.error_at(
                span,
                format!("`{}` has a type of kind `{}`; `kind = \"{}\"` does not fit it (`kind` is for types the macro does not know)", f.name, known.kind().name(), kind.name()),
            );
        }
    }
}

fn check_api_names(cx: &Ctxt, area: &Area) {
    let mut seen: HashMap<&str, &Field> = HashMap::new();
    for f in &area.fields {
        match seen.get(f.api_name.as_str()) {
            Some(first) => cx.error_at(
                f.api_span,
                format!(
                    "duplicate API property `{}`: fields `{}` and `{}` both map to it",
                    f.api_name, first.name, f.name
                ),
            ),
            None => {
                seen.insert(&f.api_name, f);
            }
        }
    }
    let mut variants: HashMap<String, &Field> = HashMap::new();
    for f in area.readable() {
        let v = f.variant().to_string();
        match variants.get(&v) {
            Some(first) => cx.error_spanned_by(
                f.ident,
                format!("fields `{}` and `{}` would both be the field enum variant `{v}`: rename one (keep the property with `#[l2l(rename = \"...\")]`)", first.name, f.name),
            ),
            None => {
                variants.insert(v, f);
            }
        }
    }
}

fn check_id(cx: &Ctxt, area: &Area) {
    let ids: Vec<&Field> = area
        .fields
        .iter()
        .filter(|f| f.attrs.id.is_some())
        .collect();
    for extra in ids.iter().skip(1) {
        if let Some(span) = extra.attrs.id {
            cx.error_at(
                span,
                format!("a second `id`: `{}` is already the id", ids[0].name),
            );
        }
    }
    match ids.first() {
        Some(id) => {
            if id.kind != Kind::Integer {
                cx.error_spanned_by(
                    id.ty,
                    format!(
                        "the id is an integer (L2L ids are numbers), not {}",
                        id.kind.name()
                    ),
                );
            }
        }
        None => {
            let ops = &area.attrs.ops;
            if ops.need_id() {
                let names: Vec<&str> = [
                    (ops.get, "get"),
                    (ops.update, "update"),
                    (ops.delete, "delete"),
                ]
                .into_iter()
                .filter_map(|(on, n)| on.then_some(n))
                .collect();
                let list = match names.as_slice() {
                    [one] => format!("`{one}` needs"),
                    [init @ .., last] => format!("`{}` and `{last}` need", init.join("`, `")),
                    [] => return,
                };
                let them = if names.len() == 1 { "it" } else { "them" };
                let msg = if area.attrs.ops_span.is_some() {
                    format!(
                        "{list} the record's id: mark the id field `#[l2l(id)]`, or leave {them} out of `ops(...)`"
                    )
                } else {
                    format!(
                        "{list} the record's id (an area without `ops(...)` has all five operations): mark the id field `#[l2l(id)]`, or list the area's operations, such as `ops(list, create)`"
                    )
                };
                cx.error_spanned_by(area.ident, msg);
            }
        }
    }
}

fn check_generated_names(cx: &Ctxt, area: &Area) {
    if !area.attrs.ops.update {
        return;
    }
    let mut setters: HashMap<String, &Field> = HashMap::new();
    for f in area.writable() {
        if PATCH_RESERVED.contains(&f.name.as_str()) {
            cx.error_spanned_by(
                f.ident,
                format!("a field named `{}` would make the patch setter `{}()`, which hides a method every patch has: name the field differently and keep the property with `#[l2l(rename = \"{}\")]`", f.name, f.name, f.api_name),
            );
        }
        let mut names = vec![f.name.clone()];
        if f.nullable {
            names.push(format!("clear_{}", f.name));
        }
        for n in names {
            if let Some(other) = setters.insert(n.clone(), f) {
                cx.error_spanned_by(
                    f.ident,
                    format!("fields `{}` and `{}` would both make the patch setter `{n}()`: rename one (keep the property with `#[l2l(rename = \"...\")]`)", other.name, f.name),
                );
            }
        }
    }
}
