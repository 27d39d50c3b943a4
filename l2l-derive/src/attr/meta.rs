//! What both attributes share, below both parsers: the keys each one takes (so that a key
//! written in the wrong attribute is pointed to the right one), the names other libraries
//! use for them, and the helpers that read one key of a nested meta.

use syn::Token;
use syn::meta::ParseNestedMeta;

use crate::ctxt::Ctxt;
use crate::suggest;

/// Keys of `#[record_area(...)]`.
pub const CONTAINER_KEYS: &[&str] = &[
    "path",
    "scope",
    "max_limit",
    "custom_properties",
    "ops",
    "closed",
    "crate",
];

/// Keys of `#[l2l(...)]`.
pub const FIELD_KEYS: &[&str] = &[
    "id",
    "rename",
    "read_only",
    "write_only",
    "no_filter",
    "no_order",
    "label",
    "kind",
    "extra",
    "alias",
];

/// Operation names in `ops(...)`.
pub const OPS: &[&str] = &["get", "list", "create", "update", "delete"];

/// Names other libraries use for our keys: suggested when Levenshtein finds nothing.
pub const CONTAINER_ALIASES: &[(&str, &str)] = &[
    ("operations", "ops"),
    ("limit", "max_limit"),
    ("max_page_size", "max_limit"),
    ("custom", "custom_properties"),
    ("table", "path"),
    ("site", "scope"),
    ("deny_unknown_fields", "closed"),
    ("strict", "closed"),
];
pub const FIELD_ALIASES: &[(&str, &str)] = &[
    ("pk", "id"),
    ("primary_key", "id"),
    ("name", "rename"),
    ("readonly", "read_only"),
    ("writeonly", "write_only"),
    ("no_sort", "no_order"),
    ("skip_filter", "no_filter"),
    ("aka", "alias"),
    ("ty", "kind"),
    ("r#type", "kind"),
    ("type", "kind"),
    ("flatten", "extra"),
    ("catch_all", "extra"),
    ("other", "extra"),
];

/// A key seen once; a second time is an error.
pub fn once(cx: &Ctxt, seen: &mut Vec<String>, meta: &ParseNestedMeta, key: &str, attr: &str) {
    if seen.iter().any(|s| s == key) {
        cx.error_spanned_by(&meta.path, format!("duplicate `{key}` in `#[{attr}(...)]`"));
    } else {
        seen.push(key.to_owned());
    }
}

/// The key of a nested meta as written (`crate`, `r#type`, `a::b`).
pub fn key_of(meta: &ParseNestedMeta) -> String {
    let path = &meta.path;
    let mut s = String::new();
    if path.leading_colon.is_some() {
        s.push_str("::");
    }
    for (i, seg) in path.segments.iter().enumerate() {
        if i > 0 {
            s.push_str("::");
        }
        s.push_str(&seg.ident.to_string());
    }
    s
}

/// Skips whatever value follows an unknown key, so that parsing can go on after it.
pub fn skip_value(meta: &ParseNestedMeta) -> syn::Result<()> {
    if meta.input.peek(Token![=]) {
        meta.input.parse::<Token![=]>()?;
        meta.input.parse::<syn::Expr>()?;
    } else if meta.input.peek(syn::token::Paren) {
        meta.input.parse::<proc_macro2::TokenTree>()?;
    }
    Ok(())
}

/// A flag key takes no value.
pub fn flag(meta: &ParseNestedMeta, key: &str) -> syn::Result<()> {
    if meta.input.peek(Token![=]) || meta.input.peek(syn::token::Paren) {
        let err = meta.error(format!("`{key}` takes no value: write just `{key}`"));
        skip_value(meta)?;
        return Err(err);
    }
    Ok(())
}

/// The message for an unknown key, with the nearest known key when there is one.
pub fn unknown_key(
    key: &str,
    attr: &str,
    known: &[&str],
    aliases: &[(&str, &str)],
    other: (&str, &[&str]),
) -> String {
    let mut msg = format!("unknown key `{key}` in `#[{attr}(...)]`");
    if let Some(near) = suggest::closest(key, known)
        .or_else(|| aliases.iter().find(|(a, _)| *a == key).map(|(_, k)| *k))
    {
        msg.push_str(&format!("; did you mean `{near}`?"));
    } else if other.1.contains(&key) {
        msg.push_str(&format!("; `{key}` belongs in `#[{}(...)]`", other.0));
    } else {
        msg.push_str(&format!("; expected one of: {}", known.join(", ")));
    }
    msg
}
