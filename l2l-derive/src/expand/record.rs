//! The record itself, re-emitted: serde derives through the runtime crate, renamed
//! properties, `#[serde(default)]` on `Option` fields, and no `write_only` fields.

use proc_macro2::TokenStream;
use quote::quote;

use super::{Gen, alias};
use crate::attr;

/// The record struct.
pub fn record(g: &Gen) -> TokenStream {
    let krate = g.krate;
    let item = g.area.item;
    let serde_crate = g.serde_crate();
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
        let docs = &f.docs;
        let alias = alias(f, &f.name);
        let rename = (f.api_name != f.name).then(|| {
            let api = &f.api_name;
            quote!(#[serde(rename = #api)])
        });
        let default = f.nullable.then(|| quote!(#[serde(default)]));
        let other = &f.other_attrs;
        let fvis = f.vis;
        let name = f.ident;
        let ty = f.ty;
        quote! {
            #(#docs)*
            #alias
            #rename
            #default
            #(#other)*
            #fvis #name: #ty
        }
    });
    quote! {
        #(#docs)*
        #[derive(#krate::__private::serde::Deserialize, #krate::__private::serde::Serialize)]
        #[serde(crate = #serde_crate)]
        #(#attrs)*
        #vis struct #ident {
            #(#fields,)*
        }
    }
}
