//! `impl Record` and `impl RecordArea` with the static `AreaSchema`: the one description of
//! the area that dynamic code (the sandbox, the CLI, `schema/l2l-areas.json`) reads.

use proc_macro2::TokenStream;
use quote::quote;

use super::Gen;
use crate::attr::Scope;
use crate::kind::{KindTokens as _, Known};

/// The record's `Record` and `RecordArea` impls.
pub fn impls(g: &Gen) -> TokenStream {
    let krate = &g.rt;
    let record = g.record;
    let field_enum = &g.field_enum;
    let c = &g.area.attrs;
    let name = record.to_string();
    let path = g.path();
    let scope = match c.scope {
        Scope::None => quote!(None),
        Scope::Site => quote!(Site),
    };
    let max_limit = proc_macro2::Literal::u32_unsuffixed(c.max_limit);
    let custom = c.custom_properties.is_some();
    let (get, list, create, update, delete) = (
        c.ops.get,
        c.ops.list,
        c.ops.create,
        c.ops.update,
        c.ops.delete,
    );
    let fields = g.area.fields.iter().map(|f| {
        let api = &f.api_name;
        let rust = &f.name;
        let kind = f.kind.variant();
        let nullable = f.nullable;
        let mut chain = quote!(#krate::FieldSchema::new(#api, #krate::FieldKind::#kind, #nullable));
        if rust != api {
            chain.extend(quote!(.rust_name(#rust)));
        }
        if f.attrs.id.is_some() {
            chain.extend(quote!(.id()));
        }
        if f.attrs.read_only.is_some() {
            chain.extend(quote!(.read_only()));
        }
        if f.attrs.write_only.is_some() {
            chain.extend(quote!(.write_only()));
        }
        if !f.filterable() {
            chain.extend(quote!(.no_filter()));
        }
        if !f.orderable() {
            chain.extend(quote!(.no_order()));
        }
        if let Some(l) = &f.attrs.label {
            chain.extend(quote!(.label(#l)));
        }
        chain
    });
    let mut area =
        quote!(#krate::AreaSchema::new(#name, #path, #krate::Scope::#scope, &[#(#fields),*]));
    if c.max_limit != 2000 {
        area.extend(quote!(.max_limit(#max_limit)));
    }
    if custom {
        area.extend(quote!(.custom_properties()));
    }
    if !(get && list && create && update && delete) {
        area.extend(
            quote!(.operations(#krate::Operations::new(#get, #list, #create, #update, #delete))),
        );
    }
    let record_id = record_id(g, false);
    quote! {
        impl #krate::Record for #record {
            fn record_id(&self) -> ::core::option::Option<i64> {
                #record_id
            }
        }

        impl #krate::RecordArea for #record {
            type Field = #field_enum;
            const SCHEMA: &'static #krate::AreaSchema = &#area;
        }
    }
}

/// The body of `record_id`: the id field as an `i64`, `None` without one. In a partial
/// record every field is an `Option`.
pub fn record_id(g: &Gen, partial: bool) -> TokenStream {
    let Some(f) = g.area.id() else {
        return quote!(::core::option::Option::None);
    };
    let id = f.ident;
    let inner = f.inner;
    let optional = partial || f.nullable;
    let int = match f.known {
        Some(Known::Int(int)) => Some(int),
        _ => None,
    };
    match (int, optional) {
        (Some("i64"), false) => quote!(::core::option::Option::Some(self.#id)),
        (Some("i64"), true) => quote!(self.#id),
        (Some("i8" | "i16" | "i32" | "u8" | "u16" | "u32"), false) => {
            quote!(::core::option::Option::Some(i64::from(self.#id)))
        }
        (Some("i8" | "i16" | "i32" | "u8" | "u16" | "u32"), true) => {
            quote!(self.#id.map(i64::from))
        }
        (Some(_), false) => quote!(i64::try_from(self.#id).ok()),
        (Some(_), true) => quote!(self.#id.and_then(|id| i64::try_from(id).ok())),
        // A type of the user's, with `kind = "integer"`: it converts into an i64.
        (None, false) => {
            quote!(::core::option::Option::Some(<#inner as ::core::convert::Into<i64>>::into(
                ::core::clone::Clone::clone(&self.#id)
            )))
        }
        (None, true) => {
            quote!(::core::clone::Clone::clone(&self.#id).map(<#inner as ::core::convert::Into<i64>>::into))
        }
    }
}
