//! Parsing of the container attribute `#[record_area(...)]`. Every mistake goes to the
//! [`Ctxt`] and parsing goes on, so that all of them are reported together; an unknown key
//! gets a "did you mean" from the known ones.

use proc_macro2::{Span, TokenStream};
use syn::meta::ParseNestedMeta;
use syn::parse::Parser;
use syn::spanned::Spanned;
use syn::{LitInt, LitStr};

use super::meta::{
    CONTAINER_ALIASES, CONTAINER_KEYS, FIELD_KEYS, OPS, flag, key_of, once, skip_value, unknown_key,
};
use crate::ctxt::Ctxt;
use crate::suggest;

/// Whether the queries of an area name a site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    None,
    Site,
}

/// The operations of an area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ops {
    pub get: bool,
    pub list: bool,
    pub create: bool,
    pub update: bool,
    pub delete: bool,
}

impl Ops {
    const ALL: Ops = Ops {
        get: true,
        list: true,
        create: true,
        update: true,
        delete: true,
    };
    const NONE: Ops = Ops {
        get: false,
        list: false,
        create: false,
        update: false,
        delete: false,
    };

    fn slot(&mut self, name: &str) -> Option<&mut bool> {
        Some(match name {
            "get" => &mut self.get,
            "list" => &mut self.list,
            "create" => &mut self.create,
            "update" => &mut self.update,
            "delete" => &mut self.delete,
            _ => return None,
        })
    }

    /// Whether any operation needs the record's id.
    pub fn need_id(&self) -> bool {
        self.get || self.update || self.delete
    }
}

/// `#[record_area(...)]`.
pub struct Container {
    /// `path = "..."`, with the literal's span; `None` when missing (an error).
    pub path: Option<LitStr>,
    pub scope: Scope,
    pub max_limit: u32,
    pub custom_properties: Option<Span>,
    pub ops: Ops,
    /// Where the `ops(...)` list was written, for errors about it.
    pub ops_span: Option<Span>,
    pub krate: syn::Path,
    /// `closed`: the record drops the properties it does not declare.
    pub closed: Option<Span>,
}

impl Container {
    /// Parses the arguments of `#[record_area(...)]`.
    pub fn parse(cx: &Ctxt, args: TokenStream) -> Container {
        let mut c = Container {
            path: None,
            scope: Scope::None,
            max_limit: 2000,
            custom_properties: None,
            ops: Ops::ALL,
            ops_span: None,
            closed: None,
            krate: syn::parse_quote!(::l2l_areas),
        };
        let mut seen = Vec::new();
        let parser = syn::meta::parser(|meta| {
            let key = key_of(&meta);
            let result = c.parse_key(cx, &meta, &key, &mut seen);
            if let Err(e) = result {
                cx.syn_error(e);
            }
            Ok(())
        });
        if let Err(e) = parser.parse2(args) {
            cx.syn_error(e);
        }
        c
    }

    fn parse_key(
        &mut self,
        cx: &Ctxt,
        meta: &ParseNestedMeta,
        key: &str,
        seen: &mut Vec<String>,
    ) -> syn::Result<()> {
        const ATTR: &str = "record_area";
        match key {
            "path" => {
                once(cx, seen, meta, key, ATTR);
                let lit: LitStr = meta.value()?.parse()?;
                self.path = Some(lit);
            }
            "scope" => {
                once(cx, seen, meta, key, ATTR);
                let value = meta.value()?;
                let ident: syn::Ident = value.parse().map_err(|e| {
                    syn::Error::new(
                        e.span(),
                        "expected `scope = site` (or `scope = none`, the default)",
                    )
                })?;
                self.scope = match ident.to_string().as_str() {
                    "site" => Scope::Site,
                    "none" => Scope::None,
                    other => {
                        let hint = suggest::closest(other, &["site", "none"])
                            .map(|s| format!("; did you mean `{s}`?"))
                            .unwrap_or_default();
                        return Err(syn::Error::new(
                            ident.span(),
                            format!("unknown scope `{other}`: expected `site` or `none`{hint}"),
                        ));
                    }
                };
            }
            "max_limit" => {
                once(cx, seen, meta, key, ATTR);
                let lit: LitInt = meta.value()?.parse()?;
                match lit.base10_parse::<u32>() {
                    Ok(0) | Err(_) => {
                        return Err(syn::Error::new(
                            lit.span(),
                            "`max_limit` is the largest page size: a whole number from 1 to 4294967295",
                        ));
                    }
                    Ok(n) => self.max_limit = n,
                }
            }
            "custom_properties" => {
                once(cx, seen, meta, key, ATTR);
                flag(meta, key)?;
                self.custom_properties = Some(meta.path.span());
            }
            "ops" => {
                once(cx, seen, meta, key, ATTR);
                if !meta.input.peek(syn::token::Paren) {
                    let err =
                        meta.error("expected a list: `ops(get, list, create, update, delete)`");
                    skip_value(meta)?;
                    return Err(err);
                }
                self.ops = Ops::NONE;
                self.ops_span = Some(meta.path.span());
                let mut any = false;
                let content;
                syn::parenthesized!(content in meta.input);
                let list: TokenStream = content.parse()?;
                syn::meta::parser(|op| {
                    any = true;
                    let name = key_of(&op);
                    match self.ops.slot(&name) {
                        Some(slot) if *slot => {
                            cx.error_spanned_by(
                                &op.path,
                                format!("`{name}` is listed twice in `ops(...)`"),
                            );
                        }
                        Some(slot) => *slot = true,
                        None => {
                            let hint = suggest::closest(&name, OPS)
                                .map(|s| format!("; did you mean `{s}`?"))
                                .unwrap_or_else(|| {
                                    format!("; expected one of: {}", OPS.join(", "))
                                });
                            cx.error_spanned_by(
                                &op.path,
                                format!("unknown operation `{name}`{hint}"),
                            );
                        }
                    }
                    if let Err(e) = flag(&op, &name) {
                        cx.syn_error(e);
                    }
                    Ok(())
                })
                .parse2(list)?;
                if !any {
                    cx.error_spanned_by(&meta.path, "`ops()` lists no operation: name at least one of get, list, create, update, delete, or leave `ops` out for all five");
                }
            }
            "closed" => {
                once(cx, seen, meta, key, ATTR);
                flag(meta, key)?;
                self.closed = Some(meta.path.span());
            }
            "crate" => {
                once(cx, seen, meta, key, ATTR);
                let value = meta.value()?;
                self.krate = if value.peek(LitStr) {
                    let lit: LitStr = value.parse()?;
                    lit.parse()?
                } else {
                    value.call(syn::Path::parse_mod_style)?
                };
            }
            _ => {
                let err = meta.error(unknown_key(
                    key,
                    ATTR,
                    CONTAINER_KEYS,
                    CONTAINER_ALIASES,
                    ("l2l", FIELD_KEYS),
                ));
                skip_value(meta)?;
                return Err(err);
            }
        }
        Ok(())
    }
}
