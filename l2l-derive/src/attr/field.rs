//! Parsing of the field attribute `#[l2l(...)]`, with the helpers of [`super::meta`].

use proc_macro2::Span;
use syn::meta::ParseNestedMeta;
use syn::spanned::Spanned;
use syn::{Attribute, LitStr};

use super::meta::{
    CONTAINER_KEYS, FIELD_ALIASES, FIELD_KEYS, flag, key_of, once, skip_value, unknown_key,
};
use crate::ctxt::Ctxt;
use crate::kind::Kind;
use crate::suggest;

/// `#[l2l(...)]` on a field.
#[derive(Default)]
pub struct FieldAttrs {
    pub id: Option<Span>,
    pub rename: Option<LitStr>,
    /// Other names the property is read under (`alias = "dispatch_type"`, repeatable).
    pub aliases: Vec<LitStr>,
    pub read_only: Option<Span>,
    pub write_only: Option<Span>,
    pub no_filter: bool,
    pub no_order: bool,
    pub label: Option<LitStr>,
    /// An explicit kind, with the span of its literal.
    pub kind: Option<(Kind, Span)>,
    /// `extra`: the field is the record's catch-all of undeclared properties.
    pub extra: Option<Span>,
}

/// Whether `attr` is one of ours.
pub fn is_l2l(attr: &Attribute) -> bool {
    attr.path().is_ident("l2l")
}

impl FieldAttrs {
    /// Whether any key other than `extra` is set.
    pub fn others_than_extra(&self) -> bool {
        self.id.is_some()
            || self.rename.is_some()
            || !self.aliases.is_empty()
            || self.read_only.is_some()
            || self.write_only.is_some()
            || self.no_filter
            || self.no_order
            || self.label.is_some()
            || self.kind.is_some()
    }

    /// Parses every `#[l2l(...)]` of a field.
    pub fn parse(cx: &Ctxt, attrs: &[Attribute]) -> FieldAttrs {
        let mut f = FieldAttrs::default();
        let mut seen = Vec::new();
        for attr in attrs.iter().filter(|a| is_l2l(a)) {
            if let syn::Meta::Path(_) | syn::Meta::NameValue(_) = attr.meta {
                cx.error_spanned_by(
                    attr,
                    "expected `#[l2l(...)]`, for example `#[l2l(read_only)]`",
                );
                continue;
            }
            let result = attr.parse_nested_meta(|meta| {
                let key = key_of(&meta);
                if let Err(e) = f.parse_key(cx, &meta, &key, &mut seen) {
                    cx.syn_error(e);
                }
                Ok(())
            });
            if let Err(e) = result {
                cx.syn_error(e);
            }
        }
        f
    }

    fn parse_key(
        &mut self,
        cx: &Ctxt,
        meta: &ParseNestedMeta,
        key: &str,
        seen: &mut Vec<String>,
    ) -> syn::Result<()> {
        const ATTR: &str = "l2l";
        let span = meta.path.span();
        match key {
            "id" => {
                once(cx, seen, meta, key, ATTR);
                flag(meta, key)?;
                self.id = Some(span);
            }
            "read_only" => {
                once(cx, seen, meta, key, ATTR);
                flag(meta, key)?;
                self.read_only = Some(span);
            }
            "write_only" => {
                once(cx, seen, meta, key, ATTR);
                flag(meta, key)?;
                self.write_only = Some(span);
            }
            "extra" => {
                once(cx, seen, meta, key, ATTR);
                flag(meta, key)?;
                self.extra = Some(span);
            }
            "no_filter" => {
                once(cx, seen, meta, key, ATTR);
                flag(meta, key)?;
                self.no_filter = true;
            }
            "no_order" => {
                once(cx, seen, meta, key, ATTR);
                flag(meta, key)?;
                self.no_order = true;
            }
            "rename" => {
                once(cx, seen, meta, key, ATTR);
                self.rename = Some(meta.value()?.parse()?);
            }
            "alias" => {
                let lit: LitStr = meta.value()?.parse()?;
                if lit.value().trim().is_empty() {
                    return Err(syn::Error::new(lit.span(), "`alias` is empty"));
                }
                self.aliases.push(lit);
            }
            "label" => {
                once(cx, seen, meta, key, ATTR);
                let lit: LitStr = meta.value()?.parse()?;
                if lit.value().trim().is_empty() {
                    return Err(syn::Error::new(lit.span(), "`label` is empty"));
                }
                self.label = Some(lit);
            }
            "kind" => {
                once(cx, seen, meta, key, ATTR);
                let lit: LitStr = meta.value()?.parse()?;
                let name = lit.value();
                match Kind::from_name(&name) {
                    Some(k) => self.kind = Some((k, lit.span())),
                    None => {
                        let names = Kind::names();
                        let hint = suggest::closest(&name, &names)
                            .map(|s| format!("; did you mean `{s}`?"))
                            .unwrap_or_else(|| format!("; expected one of: {}", names.join(", ")));
                        return Err(syn::Error::new(
                            lit.span(),
                            format!("unknown kind `{name}`{hint}"),
                        ));
                    }
                }
            }
            _ => {
                let err = meta.error(unknown_key(
                    key,
                    ATTR,
                    FIELD_KEYS,
                    FIELD_ALIASES,
                    ("record_area", CONTAINER_KEYS),
                ));
                skip_value(meta)?;
                return Err(err);
            }
        }
        Ok(())
    }
}
