//! The record itself, re-emitted: serde's `Serialize` (and `Deserialize` for a `closed`
//! area) through the runtime crate, renamed properties, `#[serde(default)]` on `Option`
//! fields, no `write_only` fields, and the catch-all of undeclared properties (the user's
//! `#[l2l(extra)]` field, or an `extra` field added here), serialized flat.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{example, field_docs};
use super::{Gen, lenient_attr};
use crate::attr;

/// The record struct.
pub fn record(g: &Gen) -> TokenStream {
    let rt = &g.rt;
    let item = g.area.item;
    let serde_crate = g.serde_crate();
    let open = g.area.keeps_unknown();
    // The struct's docs first, then the serde derive, then the rest of its attributes (a
    // `#[serde]` of the user's must come after the derive that declares it).
    let docs = item.attrs.iter().filter(|a| a.path().is_ident("doc"));
    let attrs = item
        .attrs
        .iter()
        .filter(|a| !attr::is_l2l(a) && !a.path().is_ident("doc"));
    let vis = &item.vis;
    let ident = &item.ident;
    let fields = g.area.readable().map(|f| {
        let docs = field_docs(f);
        let rename = (f.api_name != f.name).then(|| {
            let api = &f.api_name;
            quote!(#[serde(rename = #api)])
        });
        let default = f.nullable.then(|| quote!(#[serde(default)]));
        // The generated decoder of an open area decodes leniently itself; serde's derive
        // needs to be told, unless the user's own attributes say how to decode.
        let lenient = (!open && !f.other_attrs.iter().any(|a| a.path().is_ident("serde")))
            .then(|| lenient_attr(g, f));
        let other = &f.other_attrs;
        let fvis = f.vis;
        let name = f.ident;
        let ty = f.ty;
        quote! {
            #docs
            #rename
            #default
            #lenient
            #(#other)*
            #fvis #name: #ty
        }
    });
    let extra = match g.area.extra {
        Some(f) => {
            let attrs = f.attrs.iter().filter(|a| !attr::is_l2l(a));
            let fvis = &f.vis;
            let name = &f.ident;
            let ty = &f.ty;
            quote! {
                #(#attrs)*
                #[serde(flatten)]
                #fvis #name: #ty,
            }
        }
        None if open => quote! {
            /// The properties L2L sent that this type does not declare (custom properties,
            /// properties added since), as sent; serialized back beside the others.
            #[serde(flatten)]
            #vis extra: #rt::Extra,
        },
        None => TokenStream::new(),
    };
    let derive = if open {
        quote!(#[derive(#rt::serde::Serialize)])
    } else {
        quote!(#[derive(#rt::serde::Deserialize, #rt::serde::Serialize)])
    };
    let example = example(g);
    quote! {
        #(#docs)*
        #example
        #derive
        #[serde(crate = #serde_crate)]
        #(#attrs)*
        #vis struct #ident {
            #(#fields,)*
            #extra
        }
    }
}
