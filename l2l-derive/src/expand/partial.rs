//! `XPartial`: a record from a query with `fields([..])`, every field an `Option`.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{article, doc, field_docs};
use super::{Gen, lenient_attr, schema};

/// The partial record and its `Record` impl.
pub fn partial(g: &Gen) -> TokenStream {
    let krate = &g.rt;
    let vis = g.vis;
    let record = g.record;
    let name = &g.partial;
    let serde_crate = g.serde_crate();
    let fields = g.area.readable().map(|f| {
        let docs = field_docs(f);
        let rename = (f.api_name != f.name).then(|| {
            let api = &f.api_name;
            quote!(#[serde(rename = #api)])
        });
        let lenient = lenient_attr(g, f);
        let ident = f.ident;
        let ty = if f.nullable {
            let ty = f.ty;
            quote!(#ty)
        } else {
            let ty = f.ty;
            quote!(::core::option::Option<#ty>)
        };
        quote! {
            #docs
            #rename
            #lenient
            pub #ident: #ty
        }
    });
    let record_id = schema::record_id(g, true);
    let struct_doc = doc(format!(
        "{} [`{record}`] with only the fields a query asked for with [`{}::fields`]: every field is an `Option`, `None` when it was not returned.",
        capital(article(&record.to_string())),
        g.query
    ));
    quote! {
        #struct_doc
        #[derive(::core::fmt::Debug, ::core::clone::Clone, ::core::cmp::PartialEq, ::core::default::Default, #krate::serde::Deserialize, #krate::serde::Serialize)]
        #[serde(crate = #serde_crate, default)]
        #vis struct #name {
            #(#fields,)*
        }

        impl #krate::Record for #name {
            fn record_id(&self) -> ::core::option::Option<i64> {
                #record_id
            }
        }
    }
}

fn capital(article: &str) -> &'static str {
    if article == "an" { "An" } else { "A" }
}
