//! The record's `Deserialize`, for areas that keep the properties they do not declare: a
//! visitor over the map, generated here rather than with `#[serde(flatten)]` (which buffers
//! every value of the record before decoding it, and fails on some deserializers). Each key
//! is matched by a generated `match`; a declared property decodes straight into its field
//! (bools and decimals tolerantly, see `Field::lenient`), any other goes into the catch-all.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::Gen;

/// `impl Deserialize for X`.
pub fn deserialize(g: &Gen) -> TokenStream {
    let rt = &g.rt;
    let record = g.record;
    let fields: Vec<_> = g.area.readable().collect();
    let vars: Vec<_> = (0..fields.len())
        .map(|i| format_ident!("__f{}", i))
        .collect();
    let extra = match g.area.extra {
        Some(f) => f.ident.clone().expect("named field"),
        None => format_ident!("extra"),
    };
    let index_arms = fields.iter().enumerate().map(|(i, f)| {
        let api = &f.api_name;
        let aliases = &f.aliases;
        let i = Literal::usize_unsuffixed(i);
        quote!(#api #(| #aliases)* => ::core::option::Option::Some(#i))
    });
    let decls = fields.iter().zip(&vars).map(|(f, v)| {
        let ty = f.ty;
        quote!(let mut #v: ::core::option::Option<#ty> = ::core::option::Option::None;)
    });
    let arms = fields.iter().zip(&vars).enumerate().map(|(i, (f, v))| {
        let api = &f.api_name;
        let ty = f.ty;
        let i = Literal::usize_unsuffixed(i);
        let value = if f.lenient() {
            quote!(#rt::serde::de::MapAccess::next_value::<#rt::Lenient<#ty>>(&mut __map)?.0)
        } else {
            quote!(#rt::serde::de::MapAccess::next_value::<#ty>(&mut __map)?)
        };
        quote! {
            #rt::Key::Field(#i) => {
                if ::core::option::Option::is_some(&#v) {
                    return ::core::result::Result::Err(
                        <__A::Error as #rt::serde::de::Error>::duplicate_field(#api),
                    );
                }
                #v = ::core::option::Option::Some(#value);
            }
        }
    });
    let inits = fields.iter().zip(&vars).map(|(f, v)| {
        let ident = f.ident;
        let api = &f.api_name;
        if f.nullable {
            quote!(#ident: ::core::option::Option::unwrap_or_default(#v))
        } else {
            quote! {
                #ident: match #v {
                    ::core::option::Option::Some(__v) => __v,
                    ::core::option::Option::None => {
                        return ::core::result::Result::Err(
                            <__A::Error as #rt::serde::de::Error>::missing_field(#api),
                        );
                    }
                }
            }
        }
    });
    let names = fields.iter().map(|f| &f.api_name);
    let expecting = format!("a `{}` record (a map of its properties)", g.path());
    let name = record.to_string();
    quote! {
        #[automatically_derived]
        impl<'de> #rt::serde::Deserialize<'de> for #record {
            fn deserialize<__D>(__d: __D) -> ::core::result::Result<Self, __D::Error>
            where
                __D: #rt::serde::Deserializer<'de>,
            {
                const __FIELDS: &[&str] = &[#(#names),*];

                fn __index(name: &str) -> ::core::option::Option<usize> {
                    match name {
                        #(#index_arms,)*
                        _ => ::core::option::Option::None,
                    }
                }

                struct __Visitor;

                impl<'de> #rt::serde::de::Visitor<'de> for __Visitor {
                    type Value = #record;

                    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        f.write_str(#expecting)
                    }

                    fn visit_map<__A>(self, mut __map: __A) -> ::core::result::Result<#record, __A::Error>
                    where
                        __A: #rt::serde::de::MapAccess<'de>,
                    {
                        #(#decls)*
                        let mut __extra = #rt::Extra::new();
                        let __seed = #rt::KeySeed { index: __index, keep: true };
                        while let ::core::option::Option::Some(__key) =
                            #rt::serde::de::MapAccess::next_key_seed(&mut __map, __seed)?
                        {
                            match __key {
                                #(#arms)*
                                #rt::Key::Field(_) => {
                                    #rt::serde::de::MapAccess::next_value::<#rt::serde::de::IgnoredAny>(&mut __map)?;
                                }
                                #rt::Key::Other(__name) => {
                                    let __value = #rt::serde::de::MapAccess::next_value::<#rt::JsonValue>(&mut __map)?;
                                    __extra.insert(__name, __value);
                                }
                            }
                        }
                        ::core::result::Result::Ok(#record {
                            #(#inits,)*
                            #extra: __extra,
                        })
                    }
                }

                #rt::serde::Deserializer::deserialize_struct(__d, #name, __FIELDS, __Visitor)
            }
        }
    }
}
