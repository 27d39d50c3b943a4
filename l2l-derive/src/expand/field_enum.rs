//! `XField`: the fields L2L returns, as a `Copy` enum for `fields`, `order_by` and dynamic
//! code, with `ALL`, `api_name()`, `FromStr` and `Display`.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::Gen;
use super::docs::{alias, describe, doc};

/// The field enum and its impls.
pub fn field_enum(g: &Gen) -> TokenStream {
    let krate = &g.rt;
    let vis = g.vis;
    let record = g.record;
    let name = &g.field_enum;
    let path = g.path();
    let fields: Vec<_> = g.area.readable().collect();
    let variants = fields.iter().map(|f| {
        let v = f.variant();
        let mut line = describe(f);
        if !f.orderable() {
            line.push_str(" Not for `order_by`: L2L cannot order by it.");
        }
        let line = doc(line);
        let alias = alias(f, &v.to_string());
        quote!(#line #alias #v)
    });
    let all = fields.iter().map(|f| {
        let v = f.variant();
        quote!(#name::#v)
    });
    let arms = fields.iter().map(|f| {
        let v = f.variant();
        let api = &f.api_name;
        quote!(#name::#v => #api)
    });
    let n = Literal::usize_unsuffixed(fields.len());
    let enum_doc = doc(format!(
        "The fields of [`{record}`] that L2L returns, named by their API properties: for `fields`, `order_by` and dynamic code."
    ));
    quote! {
        #enum_doc
        #[derive(::core::fmt::Debug, ::core::clone::Clone, ::core::marker::Copy, ::core::cmp::PartialEq, ::core::cmp::Eq, ::core::hash::Hash)]
        #vis enum #name {
            #(#variants,)*
        }

        impl #name {
            /// Every field, in declaration order.
            pub const ALL: [#name; #n] = [#(#all),*];

            /// The API property, as written in filters, `order_by` and `fields`.
            pub const fn api_name(self) -> &'static str {
                match self {
                    #(#arms,)*
                }
            }
        }

        impl ::core::fmt::Display for #name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.api_name())
            }
        }

        impl ::core::str::FromStr for #name {
            type Err = #krate::Error;

            fn from_str(name: &str) -> ::core::result::Result<Self, Self::Err> {
                Self::ALL.into_iter().find(|f| f.api_name() == name).ok_or_else(|| {
                    #krate::Error::invalid(::std::format!(
                        "area `{}` has no field `{}`{}",
                        #path,
                        name,
                        #krate::hint(name, Self::ALL.map(Self::api_name)),
                    ))
                })
            }
        }
    }
}
