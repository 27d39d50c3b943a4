//! The docs the macro writes: a line per generated item, the docs of a field that has none
//! of its own (from its name and kind: "The site number.", "When it was last changed."),
//! labels as `#[doc(alias)]`, and the standard example of an area, after the area's own docs.

use proc_macro2::TokenStream;
use quote::quote;
use syn::LitStr;

use super::Gen;
use crate::ast::Field;
use crate::kind::Kind;

/// "a" or "an", for a name in the docs.
pub fn article(name: &str) -> &'static str {
    match name.chars().next() {
        Some('A' | 'E' | 'I' | 'O' | 'U') => "an",
        _ => "a",
    }
}

/// `#[doc(alias = "label")]` on the item `item` generated for a field with a label.
///
/// rustdoc refuses an alias equal to the item's name, quotes and whitespace other than
/// single spaces: those are left out ("Operator's Note" is searchable as "Operators Note").
pub fn alias(f: &Field, item: &str) -> TokenStream {
    let Some(label) = &f.attrs.label else {
        return TokenStream::new();
    };
    let kept: String = label
        .value()
        .chars()
        .filter(|c| !matches!(c, '"' | '\'' | '`'))
        .collect();
    let clean = kept.split_whitespace().collect::<Vec<_>>().join(" ");
    if clean.is_empty() || clean == item {
        return TokenStream::new();
    }
    let lit = LitStr::new(&clean, label.span());
    quote!(#[doc(alias = #lit)])
}

/// A `#[doc = "..."]` line.
pub fn doc(text: impl AsRef<str>) -> TokenStream {
    let text = text.as_ref();
    let text = format!(" {text}");
    quote!(#[doc = #text])
}

/// The docs of a field, on the record and on every struct generated with it: the user's
/// docs of the field, or [`default_doc`]; then the label's alias.
pub fn field_docs(f: &Field) -> TokenStream {
    let alias = alias(f, &f.name);
    if f.docs.is_empty() {
        let line = doc(default_doc(f));
        quote!(#line #alias)
    } else {
        let docs = &f.docs;
        quote!(#(#docs)* #alias)
    }
}

/// "The `code` property." with its label, when it has one.
pub fn describe(f: &Field) -> String {
    let mut s = format!("The `{}` property", f.api_name);
    if let Some(label) = &f.attrs.label {
        s.push_str(&format!(
            " (labelled \"{}\" on L2L's screens)",
            label.value()
        ));
    }
    s.push('.');
    s
}

/// The docs of a field without docs of its own: a sentence for the properties most areas
/// have (by API name and kind), else [`describe`].
pub fn default_doc(f: &Field) -> String {
    if f.attrs.id.is_some() {
        return "The record's id.".to_owned();
    }
    let common = match (f.api_name.as_str(), f.kind) {
        ("site", Kind::Integer) => Some("The site number."),
        ("code", Kind::Text) => Some("The code."),
        ("name", Kind::Text) => Some("Its name."),
        ("description", Kind::Text) => Some("Its description."),
        ("active", Kind::Bool) => Some("Whether it is active."),
        ("created", Kind::Date | Kind::DateTime) => Some("When it was created."),
        ("lastupdated", Kind::Date | Kind::DateTime) => Some("When it was last changed."),
        _ => None,
    };
    common.map_or_else(|| describe(f), str::to_owned)
}

/// The standard example of an area, as doc lines after its own docs: a page of a list
/// query ordered by id, and each record read again by id (only the operations the area
/// has). Nothing when the struct has no docs of its own (describing the area is the
/// user's part, and `missing_docs` says so) or neither `list` nor `get`.
///
/// In l2l-areas, which re-exports every area at its root, it is a `no_run` doctest that
/// imports the area from there. In any other crate the macro cannot know the area's path
/// (it may live in a private module), so the example has no `use` line and is `ignore`d:
/// shown, never compiled, so that it can never break a user's doctests.
pub fn example(g: &Gen) -> TokenStream {
    let area = g.area;
    let ops = &area.attrs.ops;
    let has_docs = area.item.attrs.iter().any(|a| a.path().is_ident("doc"));
    // `get` takes an `i64`: records are read again by id when that is the id's type.
    let get_id = area
        .id()
        .filter(|f| ops.get && matches!(f.ty, syn::Type::Path(p) if p.path.is_ident("i64")));
    let get = get_id.is_some();
    if !has_docs || !(ops.list || get) {
        return TokenStream::new();
    }
    let record = g.record;
    let field = &g.field_enum;
    let tested = g.home == Some(RUNTIME_CRATE);
    let rt = runtime_path(g);
    let mut lines = vec![String::new()];
    lines.push(if tested { "```no_run" } else { "```ignore" }.to_owned());
    if area
        .item
        .attrs
        .iter()
        .any(|a| a.path().is_ident("deprecated"))
    {
        lines.push("# #![allow(deprecated)]".to_owned());
    }
    lines.push(format!(
        "# async fn run(client: &{rt}::Client) -> Result<(), {rt}::Error> {{"
    ));
    let order = area.id().filter(|f| f.orderable() && ops.list);
    // Elsewhere the area's path is not known: the reader's own `use` goes here.
    if tested {
        let names = if order.is_some() {
            format!("{{{record}, {field}}}")
        } else {
            record.to_string()
        };
        lines.push(format!("use {RUNTIME_CRATE}::{names};"));
    }
    if ops.list {
        let site = match area.attrs.scope {
            crate::attr::Scope::Site => "1",
            crate::attr::Scope::None => "",
        };
        let order = order
            .map(|f| format!(".order_by({field}::{})", f.variant()))
            .unwrap_or_default();
        let limit = area.attrs.max_limit.min(100);
        lines.push(format!(
            "let page = {record}::query({site}){order}.limit({limit}).page(client).await?;"
        ));
        if let Some(id) = get_id {
            lines.push("for r in &page.records {".to_owned());
            lines.push(format!(
                "    let one = {record}::get(client, r.{}).await?;",
                id.ident
            ));
            lines.push("}".to_owned());
        }
    } else {
        lines.push(format!("let one = {record}::get(client, 1).await?;"));
    }
    lines.push("# Ok(()) }".to_owned());
    lines.push("```".to_owned());
    let docs = lines.iter().map(|l| {
        if l.is_empty() {
            quote!(#[doc = ""])
        } else {
            doc(l)
        }
    });
    quote!(#(#docs)*)
}

/// The crate whose areas' examples are doctests: the one that re-exports every area it
/// declares at its root.
pub const RUNTIME_CRATE: &str = "l2l_areas";

/// The runtime crate as a doctest names it: the macro's crate path without its leading
/// `::`, and `crate` as the name of the crate the area is declared in.
fn runtime_path(g: &Gen) -> String {
    let mut segments: Vec<String> = g
        .krate
        .segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect();
    if segments.first().is_some_and(|s| s == "crate") {
        match g.home {
            Some(home) => segments[0] = home.to_owned(),
            None => {
                segments.remove(0);
            }
        }
    }
    if segments.is_empty() {
        RUNTIME_CRATE.to_owned()
    } else {
        segments.join("::")
    }
}
